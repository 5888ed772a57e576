"""Selector numbers checked against sums computed by hand (csv module, no pandas) from the shared UN files."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections import defaultdict

import pytest

from apps.deployments import selectors
from apps.deployments.models import Contribution, Country, Mission, PersonnelType
from apps.deployments.summary import summary_refresh
from tests.dashboards.factories import DataReleaseFactory

UN_FILE = "data/un_dpo_uniformed_contributions_by_gender_2015-01_2025-07.csv"
IPI_FILE = "data/ipi_ppp_gender_contributions_long_2009-11_2014-08.csv"
MONTHS = {"2022-12-31", "2023-01-31"}


@functools.cache
def _all_rows(path: str) -> tuple[dict, ...]:
    with open(path, newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def read_rows(shared_dir, name: str, date_col: str, months: set[str]) -> list[dict]:
    return [dict(r) for r in _all_rows(str(shared_dir / name)) if r[date_col] in months]


def load(rows: list[dict], date_col: str, type_col: str, country_col: str) -> None:
    """Insert the given CSV rows as contributions (a stand-in until the real importer is used in tests)."""
    release = DataReleaseFactory()
    types = {p.name: p for p in PersonnelType.objects.all()}
    countries: dict[str, Country] = {}
    missions: dict[str, Mission] = {}
    objs = []
    for i, r in enumerate(rows, 2):
        iso = r["contributor_iso3"]
        if iso not in countries:
            countries[iso], _ = Country.objects.get_or_create(iso3=iso, defaults={"name": r[country_col]})
        m = r["mission"]
        if m and m not in missions:
            missions[m], _ = Mission.objects.get_or_create(acronym=m)
        female = int(r["female"]) if r["female"] else None
        male = int(r["male"]) if r["male"] else None
        objs.append(
            Contribution(
                country=countries[iso],
                mission=missions.get(m),
                personnel_type=types[r[type_col]],
                month=dt.date.fromisoformat(r[date_col]).replace(day=1),
                female=female,
                male=male,
                total=int(r["total"]),
                release=release,
                source_file="shared csv",
                source_line=i,
            )
        )
    Contribution.objects.bulk_create(objs)
    summary_refresh()  # bulk_create sends no signals: rebuild the monthly summary the selectors read


@pytest.fixture
def un_rows(shared_dir):
    rows = read_rows(shared_dir, UN_FILE, "month_end", MONTHS)
    load(rows, "month_end", "personnel_type", "contributor")
    return rows


@pytest.mark.django_db
def test_viet_nam_january_2023_unisfa_troops_are_184_with_21_women(un_rows):
    rows = selectors.breakdown(
        by=("mission", "type"), countries=["VNM"], start=dt.date(2023, 1, 1), end=dt.date(2023, 1, 1)
    )
    unisfa = [r for r in rows if r["mission__acronym"] == "UNISFA" and r["personnel_type__name"] == "Troops"]
    assert len(unisfa) == 1
    assert (unisfa[0]["total"], unisfa[0]["female"]) == (184, 21)


@pytest.mark.django_db
def test_global_troops_share_december_2022_matches_the_csv_and_the_readme(un_rows):
    expected_f = sum(
        int(r["female"]) for r in un_rows if r["month_end"] == "2022-12-31" and r["personnel_type"] == "Troops"
    )
    expected_t = sum(
        int(r["total"]) for r in un_rows if r["month_end"] == "2022-12-31" and r["personnel_type"] == "Troops"
    )
    series = selectors.women_share_by_category(categories=["military_contingents"])
    cell = series["military_contingents"][dt.date(2022, 12, 1)]
    assert (cell.female, cell.total_with_split) == (expected_f, expected_t)
    assert round(cell.share * 100, 1) == 6.1  # the data README's table


@pytest.mark.django_db
def test_observers_and_staff_share_december_2022_adds_staff_officers_and_experts(un_rows):
    wanted = {"Staff Officer", "Experts on Mission"}
    dec = [r for r in un_rows if r["month_end"] == "2022-12-31" and r["personnel_type"] in wanted]
    cell = selectors.women_share_by_category()["military_observers_and_staff_officers"][dt.date(2022, 12, 1)]
    assert cell.female == sum(int(r["female"]) for r in dec)
    assert cell.total == sum(int(r["total"]) for r in dec)


@pytest.mark.django_db
def test_contributor_shares_match_per_country_sums_for_every_country(un_rows):
    expected: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    category = {"Troops": "military_contingents", "Formed Police Units": "formed_police_units"}
    for r in un_rows:
        if r["month_end"] == "2023-01-31" and r["personnel_type"] in category:
            e = expected[(r["contributor_iso3"], category[r["personnel_type"]])]
            e[0] += int(r["female"])
            e[1] += int(r["total"])
    got = {
        (s.iso3, s.category): [s.female, s.total]
        for s in selectors.contributor_shares(
            month=dt.date(2023, 1, 1), categories=["military_contingents", "formed_police_units"]
        )
    }
    assert got == dict(expected)


@pytest.mark.django_db
def test_women_share_series_keeps_its_signature_and_numbers(un_rows):
    points = selectors.women_share_series(category="military_contingents", countries=["VNM"])
    jan = next(p for p in points if p.month == dt.date(2023, 1, 1))
    vnm = [
        r
        for r in un_rows
        if r["month_end"] == "2023-01-31" and r["contributor_iso3"] == "VNM" and r["personnel_type"] == "Troops"
    ]
    assert (jan.female, jan.total) == (sum(int(r["female"]) for r in vnm), sum(int(r["total"]) for r in vnm))


@pytest.mark.django_db
def test_ipi_november_2009_troops_share_is_2_5_percent(shared_dir):
    rows = read_rows(shared_dir, IPI_FILE, "date", {"2009-11-30"})
    # 17 IPI Troops rows have total != male + female (as in the source); keep the stated parts consistent here.
    for r in rows:
        r["total"] = str(int(r["female"]) + int(r["male"]))
    load(rows, "date", "personnel_type", "contributor")
    cell = selectors.women_share_by_category()["military_contingents"][dt.date(2009, 11, 1)]
    troops = [r for r in rows if r["personnel_type"] == "Troops"]
    assert cell.female == sum(int(r["female"]) for r in troops)
    assert round(cell.share * 100, 1) == 2.5


@pytest.mark.django_db
def test_observers_category_starts_in_may_2017(shared_dir):
    rows = read_rows(shared_dir, UN_FILE, "month_end", {"2017-04-30", "2017-05-31"})
    load(rows, "month_end", "personnel_type", "contributor")
    months = set(selectors.women_share_by_category()["military_observers_and_staff_officers"])
    assert months == {dt.date(2017, 5, 1)}
    assert dt.date(2017, 4, 1) in selectors.women_share_by_category()["military_contingents"]


@pytest.mark.django_db
def test_august_2020_has_totals_but_no_share(shared_dir):
    rows = read_rows(shared_dir, UN_FILE, "month_end", {"2020-08-31"})
    load(rows, "month_end", "personnel_type", "contributor")
    cell = selectors.women_share_by_category()["military_contingents"][dt.date(2020, 8, 1)]
    assert cell.total == sum(int(r["total"]) for r in rows if r["personnel_type"] == "Troops")
    assert cell.share is None
