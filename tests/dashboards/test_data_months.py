"""Months present in the official data: gaps stay gaps, and mission views skip months without missions."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.deployments.selectors import data_months
from tests.dashboards.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_months_are_listed_once_in_order_with_gaps_left_out():
    for month, type_name in (
        (dt.date(2020, 7, 1), "Troops"),
        (dt.date(2020, 5, 1), "Troops"),
        (dt.date(2020, 7, 1), "Individual Police"),
        (dt.date(2019, 1, 1), "Troops"),
    ):
        ContributionFactory(month=month, type_name=type_name)
    ContributionFactory(month=dt.date(2018, 6, 1), mission=None)  # the period with no mission breakdown

    assert data_months() == [dt.date(2018, 6, 1), dt.date(2019, 1, 1), dt.date(2020, 5, 1), dt.date(2020, 7, 1)]
    assert data_months(with_mission=True) == [dt.date(2019, 1, 1), dt.date(2020, 5, 1), dt.date(2020, 7, 1)]


def test_an_empty_table_has_no_months():
    assert data_months() == []
