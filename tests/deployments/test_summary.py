"""The monthly summaries give the selectors exactly the numbers the contributions give, and stay current.

Every selector, over every filter combination below, is run twice on the same imported data: reading the
contributions (`summary.bypass()`) and as shipped (reading a summary wherever the filter allows); the results
must be equal, whole. Then: a newer release, single-row saves and deletes, and `refresh_summary` leave both
summary tables equal to a fresh aggregate of the contributions.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext

from apps.deployments import selectors, services, summary
from apps.deployments.models import (
    Contribution,
    ContributionMonthTotal,
    ContributionSummary,
    PersonnelType,
)
from tests.deployments.conftest import UN_HEADER

pytestmark = pytest.mark.django_db

COUNTRIES = [("VNM", "Viet Nam"), ("GHA", "Ghana"), ("JPN", "Japan")]
TYPES = ["Troops", "Staff Officer", "Experts on Mission", "Individual Police", "Formed Police Units"]
# Before May 2017 (observers without staff officers), after it, a month without a mission breakdown, the month
# whose gender split is partly garbled, and a recent month.
MONTH_ENDS = ["2016-12-31", "2017-06-30", "2018-11-30", "2020-08-31", "2023-01-31"]
MONTHS = [dt.date.fromisoformat(m).replace(day=1) for m in MONTH_ENDS]


def release_csv(path: Path, *, revision: int = 0) -> Path:
    """Invented figures in the UN monthly layout: sparse combinations, rows with and without a gender split.

    revision 1 changes some values, garbles some splits, adds a month and a row, as a newer release would.
    """
    month_ends = MONTH_ENDS + (["2023-02-28"] if revision else [])
    lines = []
    n = 0
    for month_end in month_ends:
        missions = [""] if month_end == "2018-11-30" else ["UNISFA", "UNMISS"]
        for (iso3, name), mission, ptype in itertools.product(COUNTRIES, missions, TYPES):
            n += 1
            if n % 4 == 0 and not (revision and n % 8 == 0):
                continue  # not every country sends every type everywhere (revision 1 adds some)
            female, male = n % 7 + (revision * n % 3), 10 + n % 23
            total = female + male
            no_split = (month_end == "2020-08-31" and (iso3 == "JPN" or (iso3 == "GHA" and mission == "UNMISS"))) or (
                revision and n % 11 == 0
            )
            f, m = ("", "") if no_split else (str(female), str(male))
            lines.append(
                f"{month_end},{mission},{name},{iso3},{name},{ptype},{ptype},{f},{m},{total},fixture.pdf,"
                + ("gender_split_garbled_in_source" if no_split else "")
            )
    path.write_text("\n".join([UN_HEADER, *lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def imported(tmp_path):
    services.contributions_import(path=release_csv(tmp_path / "r0.csv"))


def fresh_aggregate() -> tuple[set, set]:
    """Both grains recomputed from the contributions with the ORM (the reference the tables must equal)."""
    sums = {
        "total_s": Sum("total"),
        "female_s": Sum("female"),
        "male_s": Sum("male"),
        "split_s": Sum("total", filter=Q(female__isnull=False)),
        "n": Count("id"),
    }
    keys = ("total_s", "female_s", "male_s", "split_s", "n")
    by_country = Contribution.objects.order_by().values("month", "personnel_type", "country").annotate(**sums)
    by_month = Contribution.objects.order_by().values("month", "personnel_type").annotate(**sums)
    return (
        {(r["month"], r["personnel_type"], r["country"], *(r[k] for k in keys)) for r in by_country},
        {(r["month"], r["personnel_type"], *(r[k] for k in keys)) for r in by_month},
    )


def stored() -> tuple[set, set]:
    values = ("total", "female", "male", "total_with_split", "source_rows")
    return (
        set(ContributionSummary.objects.values_list("month", "personnel_type", "country", *values)),
        set(ContributionMonthTotal.objects.values_list("month", "personnel_type", *values)),
    )


def assert_summary_current() -> None:
    expected = fresh_aggregate()
    assert expected[0], "no contributions: the comparison would prove nothing"
    assert stored() == expected


def check(selector, *, reads_summary: bool, **filters) -> bool:
    """The selector reading contributions only == as shipped; and the shipped call read (or not) a summary."""
    with summary.bypass():
        before = selector(**filters)
    with CaptureQueriesContext(connection) as queries:
        after = selector(**filters)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert after == before
    table = Contribution._meta.db_table
    assert (f'"{table}"' not in sql and f" {table} " not in sql) == reads_summary, sql
    return bool(before)


# --- Every selector, every filter combination: identical results --------------------------------------------

COUNTRY_FILTERS = [None, ["VNM"], ["vnm", "GHA"], ["XXX"]]
MISSION_FILTERS = [None, ["UNMISS"]]
PERIODS = [(None, None), (dt.date(2017, 1, 1), dt.date(2020, 8, 1)), (dt.date(2023, 1, 1), dt.date(2023, 1, 1))]


@pytest.mark.parametrize("category", [None, "military_contingents", "military_observers_and_staff_officers"])
def test_women_share_series_is_the_same_from_the_summary(imported, category):
    seen = 0
    for countries, missions, types, (start, end) in itertools.product(
        COUNTRY_FILTERS, MISSION_FILTERS, [None, ["troops"], ["staff-officer", "experts-on-mission"]], PERIODS
    ):
        seen += check(
            selectors.women_share_series,
            category=category,
            countries=countries,
            missions=missions,
            personnel_types=types,
            start=start,
            end=end,
            reads_summary=not missions,
        )
    assert seen > 20


BREAKDOWNS = [
    ("month",),
    ("country",),
    ("type",),
    ("category",),
    ("month", "country"),
    ("country", "category"),
    ("month", "type"),
    ("category", "month"),
    ("country", "type"),
    ("month", "mission"),
    ("mission", "type"),
]


@pytest.mark.parametrize("by", BREAKDOWNS, ids="-".join)
def test_breakdown_is_the_same_from_the_summary(imported, by):
    seen = 0
    for countries, missions, categories, types, (start, end), with_mission_only in itertools.product(
        COUNTRY_FILTERS,
        MISSION_FILTERS,
        [None, ["military_contingents", "formed_police_units"]],
        [None, ["individual-police"]],
        PERIODS,
        [False, True],
    ):
        seen += check(
            selectors.breakdown,
            by=by,
            countries=countries,
            missions=missions,
            categories=categories,
            personnel_types=types,
            start=start,
            end=end,
            with_mission_only=with_mission_only,
            reads_summary=not (missions or with_mission_only or "mission" in by),
        )
    assert seen > 50


def test_women_share_by_category_is_the_same_from_the_summary(imported):
    seen = 0
    for countries, missions, categories, (start, end) in itertools.product(
        COUNTRY_FILTERS, MISSION_FILTERS, [None, list(selectors_categories())], PERIODS
    ):
        seen += check(
            selectors.women_share_by_category,
            countries=countries,
            missions=missions,
            categories=categories,
            start=start,
            end=end,
            reads_summary=not missions,
        )
    assert seen > 20


def selectors_categories() -> list[str]:
    return sorted({p.target_category.code for p in PersonnelType.objects.select_related("target_category")})


def test_contributor_shares_is_the_same_from_the_summary(imported):
    seen = 0
    for month, countries, missions, categories, min_total in itertools.product(
        [*MONTHS, dt.date(2030, 1, 1)],
        COUNTRY_FILTERS,
        MISSION_FILTERS,
        [None, ["military_contingents"]],
        [0, 40],
    ):
        seen += check(
            selectors.contributor_shares,
            month=month,
            countries=countries,
            missions=missions,
            categories=categories,
            min_total=min_total,
            reads_summary=not missions,
        )
    assert seen > 20


def test_the_garbled_month_keeps_no_share_where_no_row_has_a_split(imported):
    """Japan's Aug 2020 rows have no gender split: no women's share from the summary either (not 0 %)."""
    points = selectors.women_share_series(countries=["JPN"], start=MONTHS[3], end=MONTHS[3])
    assert len(points) == 1
    assert (points[0].female, points[0].male, points[0].total_with_split, points[0].share) == (None, None, None, None)
    assert points[0].total > 0
    ghana = selectors.women_share_series(countries=["GHA"], start=MONTHS[3], end=MONTHS[3])[0]
    assert 0 < ghana.total_with_split < ghana.total  # UNISFA rows have a split, UNMISS rows do not


# --- Kept current: imports, newer releases, single-row edits, the command ------------------------------------


def test_an_import_fills_both_summaries(imported):
    assert_summary_current()
    assert ContributionMonthTotal.objects.count() < ContributionSummary.objects.count() < Contribution.objects.count()


def test_a_newer_release_refreshes_the_months_it_changed(imported, tmp_path):
    result = services.contributions_import(path=release_csv(tmp_path / "r1.csv", revision=1))
    assert result.created and result.updated
    assert_summary_current()
    assert check(selectors.women_share_by_category, reads_summary=True)
    assert check(selectors.contributor_shares, month=dt.date(2023, 2, 1), reads_summary=True)


def test_reimporting_the_same_release_leaves_the_summary_as_it_was(imported, tmp_path):
    before = stored()
    result = services.contributions_import(path=release_csv(tmp_path / "r0.csv"))
    assert result.already_imported
    assert stored() == before


def test_a_single_row_edit_refreshes_its_month_and_the_month_it_left(imported):
    row = Contribution.objects.filter(month=MONTHS[4], female__isnull=False).order_by("id").first()
    row.female, row.male = row.total, 0
    row.save()
    assert_summary_current()
    row.month = dt.date(2023, 3, 1)  # moved to a month that had no data: both months change
    row.save()
    assert_summary_current()
    assert dt.date(2023, 3, 1) in {p.month for p in selectors.women_share_series()}
    row.female = row.male = None  # the split garbled by hand
    row.save()
    assert_summary_current()


def test_a_single_row_delete_refreshes_its_month(imported):
    only = Contribution.objects.filter(month=MONTHS[2], country__iso3="VNM").first()
    only.delete()
    assert_summary_current()
    for row in Contribution.objects.filter(month=MONTHS[2]):
        row.delete()
    assert_summary_current()
    assert MONTHS[2] not in {p.month for p in selectors.women_share_series()}


def test_refresh_summary_rebuilds_what_a_raw_write_left_stale(imported):
    with connection.cursor() as cur:  # a write that bypasses the ORM: no signal, no refresh
        cur.execute(
            f"UPDATE {Contribution._meta.db_table} SET total = total + 1, male = male + 1 WHERE male IS NOT NULL"
        )
    assert stored() != fresh_aggregate()
    out = io.StringIO()
    call_command("refresh_summary", "--month", "2023-01", stdout=out)
    assert "1 month(s) rebuilt" in out.getvalue()
    assert stored() != fresh_aggregate()  # the other months are still stale
    call_command("refresh_summary", stdout=out)
    assert "every month rebuilt" in out.getvalue()
    assert_summary_current()


def test_a_refresh_of_no_months_does_nothing(imported):
    before = stored()
    assert summary.summary_refresh(months=[]).rows == 0
    assert stored() == before


@pytest.mark.postgres
def test_postgres_copy_import_and_newer_release_keep_the_summary_exact(tmp_path):
    """The PostgreSQL path (binary COPY, set-based diff, indexes rebuilt on a large first load)."""
    services.contributions_import(path=release_csv(tmp_path / "r0.csv"))
    assert_summary_current()
    services.contributions_import(path=release_csv(tmp_path / "r1.csv", revision=1))
    assert_summary_current()
    for countries in COUNTRY_FILTERS:
        check(selectors.women_share_by_category, countries=countries, reads_summary=True)
        check(selectors.women_share_series, countries=countries, reads_summary=True)
        check(selectors.contributor_shares, month=MONTHS[4], countries=countries, reads_summary=True)
        check(selectors.breakdown, by=("month", "mission"), countries=countries, reads_summary=False)
