"""Loads the repository's full data/ snapshot (no ../shared needed) and checks known deployments."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from apps.deployments import services
from apps.deployments.models import Contribution, DataRelease, GenderTarget

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _troops(iso3: str, mission: str, month: dt.date) -> Contribution:
    return Contribution.objects.get(
        country__iso3=iso3, mission__acronym=mission, personnel_type__code="troops", month=month
    )


def test_full_snapshot_loads_with_known_deployments_and_reimports_as_unchanged():
    call_command("load_snapshot", stdout=io.StringIO(), stderr=io.StringIO())
    assert Contribution.objects.count() == 104_272 + 49_084 - 17
    ipi = DataRelease.objects.get(layout=DataRelease.Layout.IPI_LONG)
    assert ipi.rejected == 17 and len(ipi.rejections) == 17
    assert GenderTarget.objects.count() == 8

    vnm = _troops("VNM", "UNISFA", dt.date(2023, 1, 1))
    assert (vnm.total, vnm.female) == (184, 21)
    jpn = _troops("JPN", "UNMISS", dt.date(2015, 1, 1))
    assert (jpn.total, jpn.female) == (272, 3)

    summary = services.contributions_import(path=settings.SNAPSHOT_DIR / services.SNAPSHOT_CONTRIBUTIONS[1])
    assert (summary.created, summary.updated, summary.unchanged, summary.rejected) == (0, 0, 104_272, 0)
