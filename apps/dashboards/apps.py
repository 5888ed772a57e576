"""Dashboards app: registers the signal handlers that invalidate cached pages on single-row edits."""

from __future__ import annotations

from django.apps import AppConfig

from apps.core.response_cache import bump_data_version


def bump_version(**kwargs) -> None:
    """Any saved or deleted row the dashboards show changes the cache version (bulk imports change release ids)."""
    bump_data_version()


class DashboardsConfig(AppConfig):
    name = "apps.dashboards"
    verbose_name = "Dashboards"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from apps.curation import selectors as reported
        from apps.deployments import selectors

        # The pages show curated news figures too: their tables join the official data's fingerprint.
        selectors.add_version_probes("curation", reported.version_probes())

        from apps.curation.models import ReportedFigure, ReportedFigureSource
        from apps.deployments.models import (
            Contribution,
            Country,
            GenderTarget,
            Mission,
            PersonnelType,
            TargetCategory,
        )

        # Category and type names and notes appear on the pages and in the series (admin-editable).
        shown = (Contribution, GenderTarget, ReportedFigure, ReportedFigureSource, Country, Mission)
        for model in (*shown, TargetCategory, PersonnelType):
            post_save.connect(bump_version, sender=model, dispatch_uid=f"dash-save-{model.__name__}")
            post_delete.connect(bump_version, sender=model, dispatch_uid=f"dash-delete-{model.__name__}")
        m2m_changed.connect(bump_version, sender=ReportedFigure.missions.through, dispatch_uid="dash-m2m-figure")
