"""The monthly series: sums, share, gaps left absent, null share without a gender split, stated targets."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.factories import (
    ContributionFactory,
    CountryFactory,
    GenderTargetFactory,
    MissionFactory,
    category,
    personnel_type,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/series/"


@pytest.fixture
def data():
    vnm = CountryFactory(iso3="VNM", name="Viet Nam")
    jpn = CountryFactory(iso3="JPN", name="Japan")
    unmiss = MissionFactory(acronym="UNMISS")
    unisfa = MissionFactory(acronym="UNISFA")
    troops = personnel_type("troops")
    staff = personnel_type("staff-officer")
    # 2020-07: two countries' troops; 2020-08: garbled split; 2020-09 missing; 2020-10: troops + staff.
    ContributionFactory(
        country=vnm, mission=unisfa, personnel_type=troops, month=dt.date(2020, 7, 1), female=20, male=160
    )
    ContributionFactory(
        country=jpn, mission=unmiss, personnel_type=troops, month=dt.date(2020, 7, 1), female=5, male=15
    )
    ContributionFactory(
        country=vnm, mission=unisfa, personnel_type=troops, month=dt.date(2020, 8, 1), female=None, male=None, total=184
    )
    ContributionFactory(
        country=vnm, mission=unisfa, personnel_type=troops, month=dt.date(2020, 10, 1), female=21, male=163
    )
    ContributionFactory(country=jpn, mission=unmiss, personnel_type=staff, month=dt.date(2020, 10, 1), female=1, male=3)
    GenderTargetFactory(year=2021, percent="8.00", source="DPO 2021 sentence")
    GenderTargetFactory(year=2028, percent="15.00", source="Elsie Fund 2028")
    GenderTargetFactory(year=2028, category=category("formed_police_units"), percent="20.00", source="other")


def test_series_for_a_category_with_its_stated_targets(api, data):
    body = api.get(f"{URL}?category=military_contingents").json()
    points = {p["month"]: p for p in body["points"]}
    assert list(points) == ["2020-07", "2020-08", "2020-10"]  # September is a gap: absent, not zero
    assert (points["2020-07"]["total"], points["2020-07"]["female"]) == (200, 25)
    assert points["2020-07"]["women_share"] == pytest.approx(25 / 200)
    assert points["2020-08"]["total"] == 184
    assert points["2020-08"]["female"] is None and points["2020-08"]["women_share"] is None
    assert points["2020-10"]["total"] == 184  # staff officers are another category
    assert [(t["year"], t["percent"], t["share"], t["source"]) for t in body["targets"]] == [
        (2021, 8.0, 0.08, "DPO 2021 sentence"),
        (2028, 15.0, 0.15, "Elsie Fund 2028"),
    ]
    assert body["category"]["code"] == "military_contingents"
    assert body["filters"]["category"] == "military_contingents"


def test_series_without_category_sums_everything_and_has_no_targets(api, data):
    body = api.get(URL).json()
    assert {p["month"]: p["total"] for p in body["points"]} == {"2020-07": 200, "2020-08": 184, "2020-10": 188}
    assert body["targets"] == [] and body["category"] is None


def test_series_filters_combine(api, data):
    body = api.get(f"{URL}?country=vnm&mission=UNISFA&month_from=2020-08&month_to=2020-12").json()
    assert [(p["month"], p["total"], p["female"]) for p in body["points"]] == [
        ("2020-08", 184, None),
        ("2020-10", 184, 21),
    ]
    assert body["filters"]["country"] == ["VNM"]
    body = api.get(f"{URL}?personnel_type=staff-officer").json()
    assert [(p["month"], p["total"], p["female"]) for p in body["points"]] == [("2020-10", 4, 1)]


def test_share_ignores_rows_without_a_split_in_a_mixed_month(api, data):
    ContributionFactory(month=dt.date(2020, 7, 1), female=None, male=None, total=1000)
    point = api.get(f"{URL}?category=military_contingents").json()["points"][0]
    assert (point["total"], point["total_with_split"], point["female"]) == (1200, 200, 25)
    assert point["women_share"] == pytest.approx(25 / 200)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("category=nope", "category"),
        ("category=military_contingents,formed_police_units", "category"),
        ("country=XYZ", "country"),
        ("mission=NOPE", "mission"),
        ("month_from=2020", "month_from"),
        ("month_from=2021-01&month_to=2020-01", "month_to"),
    ],
)
def test_series_bad_input_is_a_400_naming_the_field(api, data, query, field):
    response = api.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]


def test_series_queries_do_not_grow_with_months(api, django_assert_num_queries, data):
    for month in range(1, 13):
        ContributionFactory(month=dt.date(2012, month, 1))
    # data version (response cache key), category check, aggregate, category row, its targets
    with django_assert_num_queries(5):
        body = api.get(f"{URL}?category=military_contingents").json()
    assert len(body["points"]) == 15


def test_fast_points_match_the_documented_serializer(api, data):
    from apps.api.serializers import SharePointSerializer
    from apps.deployments.selectors import women_share_series

    expected = SharePointSerializer(women_share_series(category="military_contingents"), many=True).data
    assert api.get(f"{URL}?category=military_contingents").json()["points"] == [dict(p) for p in expected]
