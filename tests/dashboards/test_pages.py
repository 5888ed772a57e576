"""Pages render from a small hand-made dataset: numbers, captions, CSV, 404s, empty database, caching."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.dashboards.factories import ContributionFactory, CountryFactory, DataReleaseFactory

MAX_BYTES = 300 * 1024


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response


def test_overview_shows_headline_numbers_caption_and_data_month(client, data):
    html = get(client, "/").content.decode()
    assert "January 2023 at a glance" in html
    assert "1,028" in html  # 184 + 4 + 700 + 140 personnel
    assert "102" in html  # 21 + 1 + 50 + 30 women
    assert "Source: UN DPO monthly reports" in html and "Data month: January 2023" in html
    assert 'data-figure="fig-share"' in html and 'id="fig-share"' in html
    assert "vendor/plotly-cartesian.min." in html and "cdn" not in html.lower()


def test_overview_says_who_meets_this_years_target_and_which_target_year(client, data):
    html = get(client, "/").content.decode()
    assert "Military contingents — 8% (2021 target)" in html
    assert "Formed police units — 12% (2022 target)" in html
    rows = list(csv.DictReader(io.StringIO(get(client, "/?format=csv&chart=targets").content.decode())))
    status = {(r["ISO3"], r["Category"]): r["Status"] for r in rows}
    assert status[("VNM", "Military contingents")] == "meets"  # 21/184 = 11.4 % ≥ 8 %
    assert status[("GHA", "Military contingents")] == "below"  # 50/700 = 7.1 % < 8 %
    assert status[("GHA", "Formed police units")] == "meets"  # 30/140 = 21.4 % ≥ 12 %


def test_overview_table_sorts_and_searches_on_the_server(client, data):
    html = get(client, "/?q=ghana&sort=-share").content.decode()
    table = html[html.index('id="targets-table"') :]
    assert "Viet Nam" not in table.split("</table>")[0]
    assert table.index("Formed police units") < table.index("Military contingents")


def test_share_csv_has_a_gap_row_for_an_absent_month(client, data):
    response = get(client, "/?format=csv&chart=share")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Month"
    by_month = {r[0]: r[1:] for r in rows[1:]}
    assert set(by_month["2022-07"][:-2]) == {""}  # the last two columns: source and data month
    assert by_month["2022-06"][:3] == ["71", "884", "8.03"]  # troops: 21 + 50 women of 184 + 700


def test_unknown_chart_csv_is_a_clear_404(client, data):
    response = client.get("/?format=csv&chart=nope")
    assert response.status_code == 404
    assert "Available: share, targets" in response.content.decode()


def test_filters_live_in_the_query_string_and_narrow_the_chart(client, data):
    html = get(client, "/?country=VNM&start=2022-01").content.decode()
    assert "(VNM)" in html
    assert '<option value="VNM" selected>' in html
    rows = list(
        csv.reader(io.StringIO(get(client, "/?country=VNM&start=2022-01&format=csv&chart=share").content.decode()))
    )
    assert rows[1][0] == "2022-01"
    assert rows[1][1:4] == ["21", "184", "11.41"]


def test_bad_filters_are_reported_and_ignored(client, data):
    html = get(client, "/?start=last-year&country=ZZZ&mission=UNISFA").content.decode()
    assert "Some filters were ignored" in html
    assert "Use the format YYYY-MM" in html and "No country with ISO3 code “ZZZ”" in html
    assert "UNISFA" in html  # the valid filter still applies


def test_country_page_shows_the_exact_headcount_gap_and_news_apart(client, data):
    html = get(client, "/countries/vnm/").content.decode()
    # troops: 21 of 184; 15 % of 184 = 27.6 → 28 women → 7 more
    assert "needs <strong>7 more women</strong>" in html
    assert "Reported in the news" in html and "not official statistics" in html
    official, reported = html.split('class="reported"', 1)
    assert "The engineering company of 184 officers includes 21 women" in reported
    assert "https://news.example.org/article-" in reported
    assert "Example Daily" in reported
    assert "engineering unit" in reported
    assert "Projection" in official or "projection" in official


def test_country_charts_have_csv(client, data):
    for chart_id in ("share", "missions", "types", "projection", "gap", "reported", "units"):
        response = get(client, f"/countries/VNM/?format=csv&chart={chart_id}")
        assert response["Content-Type"].startswith("text/csv"), chart_id
    missions = list(
        csv.DictReader(io.StringIO(get(client, "/countries/VNM/?format=csv&chart=missions").content.decode()))
    )
    jan = next(r for r in missions if r["Month"] == "2023-01")
    assert (jan["UNISFA"], jan["UNMISS"], jan["Total"]) == ("184", "4", "188")


def test_unknown_country_and_mission_get_a_helpful_404(client, data):
    response = client.get("/countries/VNN/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "No country “VNN” in the data" in html and "/countries/VNM/" in html
    response = client.get("/missions/UNISF/")
    assert response.status_code == 404
    assert "/missions/UNISFA/" in response.content.decode()


def test_mission_page_and_rankings_render(client, data):
    html = get(client, "/missions/unmiss/").content.decode()
    assert "UNMISS" in html and "women&#x27;s share by contributor" in html.lower().replace("women's", "women&#x27;s")
    html = get(client, "/rankings/?min_size=500").content.decode()
    table = html[html.index('id="rank-table"') :].split("</table>")[0]
    assert "Ghana" in table and "Viet Nam" not in table


def test_rankings_csv_orders_by_share(client, data):
    rows = list(
        csv.DictReader(io.StringIO(get(client, "/rankings/?min_size=0&format=csv&chart=ranking").content.decode()))
    )
    assert [r["ISO3"] for r in rows] == ["VNM", "GHA"]
    assert rows[0]["Target"] == "meets" and rows[1]["Target"] == "below"


@pytest.mark.parametrize("url", ["/", "/countries/VNM/", "/missions/UNMISS/", "/rankings/"])
def test_pages_are_small_and_query_counts_bounded(client, data, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        response = get(client, url)
    assert len(response.content) < MAX_BYTES
    with django_assert_max_num_queries(2):  # cached: the data-version probe, and nothing per row
        get(client, url)


def test_page_queries_do_not_grow_with_the_number_of_countries(client, data, django_assert_max_num_queries):
    for i in range(30):
        c = CountryFactory(iso3=f"X{i:02d}", name=f"Testland {i}")
        ContributionFactory(country=c, month=dt.date(2023, 1, 1), release=data["release"])
    with django_assert_max_num_queries(16):
        get(client, "/")


def test_new_data_invalidates_the_cache(client, data):
    assert "January 2023 at a glance" in get(client, "/").content.decode()
    ContributionFactory(
        country=data["vnm"], mission=data["unisfa"], month=dt.date(2023, 2, 1), release=DataReleaseFactory()
    )
    assert "February 2023 at a glance" in get(client, "/").content.decode()


def test_empty_database_explains_how_to_load_data(client, db):
    for url in ("/", "/rankings/", "/countries/VNM/", "/missions/UNMISS/"):
        html = get(client, url).content.decode()
        assert "python manage.py load_snapshot" in html


def test_editing_or_deleting_one_contribution_invalidates_the_cache(client, data):
    from apps.deployments.models import Contribution

    def vnm_troops():
        rows = csv.DictReader(io.StringIO(get(client, "/?format=csv&chart=targets").content.decode()))
        return next(
            (r["Women"], r["Personnel"]) for r in rows if r["ISO3"] == "VNM" and r["Category"] == "Military contingents"
        )

    assert vnm_troops() == ("21", "184")
    row = Contribution.objects.get(country=data["vnm"], mission=data["unisfa"], month=dt.date(2023, 1, 1))
    row.female, row.male = 31, 153
    row.save()
    assert vnm_troops() == ("31", "184")
    Contribution.objects.filter(pk=row.pk).first().delete()
    html = get(client, "/?format=csv&chart=targets").content.decode()
    assert "VNM,Military contingents" not in html


@pytest.mark.parametrize(
    ("url", "filename"),
    [
        ("/countries/VNM/?format=csv&chart=share", "viet-nam-share-2023-01.csv"),
        ("/countries/VNM/?format=csv&chart=reported", "viet-nam-reported-2023-01.csv"),
        ("/missions/UNMISS/?format=csv&chart=contributors", "unmiss-contributors-2023-01.csv"),
        ("/?format=csv&chart=share", "overview-share-2023-01.csv"),
        ("/?end=2022-06&format=csv&chart=targets", "overview-targets-2022-06.csv"),
        ("/rankings/?format=csv&chart=ranking", "rankings-military-contingents-ranking-2023-01.csv"),
        ("/map/?format=csv&chart=map", "map-map-2023-01.csv"),
        ("/missions/?format=csv&chart=missions", "missions-missions-2023-01.csv"),
    ],
)
def test_downloaded_csv_is_named_after_page_chart_and_month_and_carries_its_source(client, data, url, filename):
    response = get(client, url)
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    source = "news articles reviewed by curators" if "reported" in url else "UN DPO monthly reports"
    assert rows and all(source in r["Source"] and r["Data month"] == filename[-11:-4] for r in rows)


@pytest.mark.parametrize("url", ["/?month=2025-07", "/countries/VNM/?utmsource=x", "/missions/?foo=1", "/map/?year=1"])
def test_unknown_query_parameter_is_a_400_naming_it(client, data, url):
    response = client.get(url)
    assert response.status_code == 400
    name = url.split("?")[1].split("=")[0]
    assert f"<code>{name}</code>" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/countries/VNM/?utm_source=newsletter&utm_medium=email", "/countries/VNM/"),
        ("/rankings/?category=troops&fbclid=abc", "/rankings/?category=troops"),
    ],
)
def test_a_shared_link_with_tracking_parameters_opens_the_page_without_them(client, data, url, target):
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, target)
    assert get(client, target).status_code == 200


def test_rankings_threshold_can_count_all_uniformed_personnel(client, data):
    # Formed police units: Ghana 140 in the category, 840 in all; Viet Nam has none.
    by_category = get(client, "/rankings/?category=formed_police_units&min_size=500&format=csv&chart=ranking")
    assert list(csv.DictReader(io.StringIO(by_category.content.decode()))) == []
    by_total = get(client, "/rankings/?category=formed_police_units&min_size=500&basis=total&format=csv&chart=ranking")
    assert [r["ISO3"] for r in csv.DictReader(io.StringIO(by_total.content.decode()))] == ["GHA"]
    html = get(client, "/rankings/?category=formed_police_units&min_size=500&basis=total").content.decode()
    assert "at least 500 uniformed personnel in all categories" in html
    assert '<option value="total" selected>' in html


def test_counts_of_one_are_singular(client, data):
    html = get(client, "/rankings/?category=formed_police_units").content.decode()
    assert "(1 contributor)" in html and "1 contributors" not in html
    assert "(1 row)" in get(client, "/countries/VNM/").content.decode()  # the units chart's table: one figure
