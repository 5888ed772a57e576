"""The world map: women's share by contributing country, the same filters, geometry served by the project."""

from __future__ import annotations

import csv
import io
import json
import re

from tests.conftest import REPO


def figure(html: str) -> dict:
    return json.loads(re.search(r'<script id="fig-map" type="application/json">(.*?)</script>', html, re.S).group(1))


def test_map_colours_each_contributor_by_its_share_with_the_geo_bundle(client, data):
    response = client.get("/map/")
    assert response.status_code == 200
    html = response.content.decode()
    trace = figure(html)["data"][0]
    assert trace["type"] == "choropleth" and trace["locationmode"] == "ISO-3"
    by_iso = dict(zip(trace["locations"], trace["z"], strict=True))
    assert by_iso == {"VNM": 11.7, "GHA": 9.5}  # 22 of 188; 80 of 840 (January 2023)
    assert trace["customdata"][trace["locations"].index("VNM")] == [22, 188, "/countries/VNM/"]
    assert "vendor/plotly-geo.min." in html and "plotly-cartesian" not in html
    assert 'data-topojson="/static/vendor/topojson/"' in html  # plotly.js reads world_110m.json from there
    assert (REPO / "static" / "vendor" / "topojson" / "world_110m.json").exists()


def test_map_filters_by_category_mission_month_and_size(client, data):
    police = figure(client.get("/map/?category=formed_police_units").content.decode())["data"][0]
    assert police["locations"] == ["GHA"] and police["z"] == [21.4]  # 30 of 140
    unisfa = figure(client.get("/map/?mission=UNISFA").content.decode())["data"][0]
    assert unisfa["locations"] == ["VNM"]
    big = figure(client.get("/map/?min_size=500").content.decode())["data"][0]
    assert big["locations"] == ["GHA"]
    assert "June 2022" in figure(client.get("/map/?end=2022-06").content.decode())["layout"]["title"]["text"]


def test_map_data_downloads_as_csv(client, data):
    response = client.get("/map/?format=csv&chart=map")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["ISO3"] for r in rows] == ["VNM", "GHA"]  # highest share first
    assert rows[0]["Women's share (%)"] == "11.7"


def test_map_is_in_the_navigation(client, data):
    assert '<a href="/map/">Map</a>' in client.get("/").content.decode()
