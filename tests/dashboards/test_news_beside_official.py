"""News beside official figures: curated figures as marked points with their quote, and women by unit (news-based)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from apps.curation.models import ReportedFigure
from tests.dashboards.factories import reported_figure_with_source


def figure(html: str, chart_id: str) -> dict:
    match = re.search(rf'<script id="fig-{chart_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, chart_id
    return json.loads(match.group(1))


def news_traces(fig: dict) -> list[dict]:
    return [t for t in fig["data"] if t.get("legendgroup") == "news"]


def test_accepted_figures_are_marked_points_with_their_quote_on_the_country_chart(client, data):
    html = client.get("/countries/VNM/").content.decode()
    (trace,) = news_traces(figure(html, "share"))
    assert trace["name"] == "News: current deployment (curated, not official)"
    assert trace["x"] == ["2022-06"] and trace["y"] == [11.4]  # 21 of 184 reported on 10 June 2022
    outlet, quote, unit, counts = trace["customdata"][0]
    assert "The engineering company of 184 officers includes 21 women" in quote.replace("<br>", " ")
    assert outlet == "Example Daily" and unit == "engineering unit" and counts == "21 women of 184"
    assert "Open symbols: 1 figure reported in the news" in html


def test_news_points_stay_out_of_the_official_table(client, data):
    rows = list(csv.reader(io.StringIO(client.get("/countries/VNM/?format=csv&chart=share").content.decode())))
    assert not any("news" in c.lower() for c in rows[0])
    june = next(r for r in rows if r[0] == "2022-06")
    assert june[1:4] == ["21", "184", "11.41"]  # official troops, January–June 2022 alike


def test_each_scope_has_its_own_symbol_and_a_stated_percent_wins(client, data):
    reported_figure_with_source(
        country=data["vnm"],
        unit="formed police unit",
        personnel_total=None,
        women=None,
        women_percent=17.5,
        scope=ReportedFigure.Scope.PLANNED,
        as_of=dt.date(2022, 11, 2),
    )
    traces = {t["name"]: t for t in news_traces(figure(client.get("/countries/VNM/").content.decode(), "share"))}
    planned = traces["News: planned (curated, not official)"]
    assert planned["y"] == [17.5] and planned["marker"]["symbol"] == "triangle-up-open"


def test_news_points_follow_the_mission_filter_and_the_date_range(client, data):
    assert not news_traces(figure(client.get("/countries/VNM/?mission=UNMISS").content.decode(), "share"))
    assert not news_traces(figure(client.get("/countries/VNM/?start=2022-07").content.decode(), "share"))


def test_quotes_are_escaped_in_hover_text(client, data):
    fig = ReportedFigure.objects.get()
    source = fig.sources.get()
    source.quote = "<img src=x onerror=alert(1)> 21 women"
    source.save()
    (trace,) = news_traces(figure(client.get("/countries/VNM/").content.decode(), "share"))
    assert "<img" not in trace["customdata"][0][1] and "&lt;img" in trace["customdata"][0][1]


def test_women_by_unit_chart_is_labelled_news_based_with_its_csv(client, data):
    html = client.get("/countries/VNM/").content.decode()
    fig = figure(html, "units")
    assert "news-based" in fig["layout"]["title"]["text"]
    assert any("NEWS-BASED" in a["text"] for a in fig["layout"]["annotations"])
    women = next(t for t in fig["data"] if t["name"] == "Women (reported)")
    assert women["x"] == [21] and women["y"] == ["engineering unit<br>Jun 2022 · current deployment"]
    reported = html[html.index('class="reported"') :]
    assert 'id="card-units"' in reported  # in the news section, apart from the official charts
    rows = list(csv.DictReader(io.StringIO(client.get("/countries/VNM/?format=csv&chart=units").content.decode())))
    assert rows[0]["Unit"] == "engineering unit" and rows[0]["Women"] == "21"
