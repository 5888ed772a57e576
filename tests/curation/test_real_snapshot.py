"""Reconciliation against the real UN snapshot in data/ (slow: imports ~104,000 official rows)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

from apps.curation.models import ReportedFigure
from apps.curation.selectors import reconciliation_for
from apps.deployments.models import Country, Mission, TargetCategory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
UN_FILE = Path(settings.SNAPSHOT_DIR) / "un_dpo_contributions_2015-01_2025-07.csv.gz"


@pytest.fixture
def official_data():
    services = pytest.importorskip("apps.deployments.services")
    if not UN_FILE.exists():
        pytest.skip(f"{UN_FILE} is absent")
    services.contributions_import(path=UN_FILE)


def _figure(as_of: dt.date, total: int | None, women: int | None) -> ReportedFigure:
    figure = ReportedFigure.objects.create(
        country=Country.objects.get(iso3="VNM"),
        unit="engineering unit",
        target_category=TargetCategory.objects.get(code="military_contingents"),
        personnel_total=total,
        women=women,
        scope="current",
        as_of=as_of,
        as_of_precision="day",
    )
    figure.missions.set([Mission.objects.get(acronym="UNISFA")])
    return figure


def test_viet_nam_unisfa_troops_january_2023_are_184_with_21_women(official_data):
    rec = reconciliation_for(_figure(dt.date(2023, 1, 20), 184, 21))
    assert (rec.official_total, rec.official_women, rec.diff_total, rec.diff_women) == (184, 21, 0, 0)

    article_says = reconciliation_for(_figure(dt.date(2023, 1, 20), 189, 33))
    assert (article_says.diff_total, article_says.diff_women) == (5, 12)


def test_months_missing_from_the_real_series_are_never_zero(official_data):
    for gap in (dt.date(2022, 7, 15), dt.date(2023, 9, 15)):
        rec = reconciliation_for(_figure(gap, 184, 21))
        assert rec.official_total is None and not rec.comparable
        assert rec.note.startswith("No official figure for")
