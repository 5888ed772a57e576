"""Every figure a page embeds is valid for plotly's own schema.

The pages hand plotly.js plain dicts without running them through plotly's Python validators (that cost ~30 ms a
chart on each cold page), so a misspelt property would only show as a chart that quietly ignores it: this test
runs each page's figures through plotly.graph_objects.Figure, which refuses unknown properties and bad values.
"""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest

PAGES = ["/", "/?country=VNM", "/countries/VNM/", "/countries/GHA/", "/missions/", "/missions/UNMISS/", "/rankings/"]
FIGURE = re.compile(r'<script id="(fig-[\w-]+)" type="application/json">(.*?)</script>', re.S)


def _figures(html: str) -> dict[str, dict]:
    # json_script escapes <, > and & as \u003C etc., which json.loads reads back.
    return {name: json.loads(body) for name, body in FIGURE.findall(html)}


@pytest.mark.parametrize("url", PAGES)
def test_every_figure_on_the_page_passes_plotlys_schema(client, data, url):
    response = client.get(url)
    assert response.status_code == 200
    figures = _figures(response.content.decode())
    assert figures or url == "/missions/", "no figure found on the page"
    for name, figure in figures.items():
        go.Figure(data=figure["data"], layout=figure["layout"])  # raises ValueError on an unknown property
        assert figure["data"], name


def test_the_map_figure_passes_plotlys_schema(client, data):
    figures = _figures(client.get("/map/").content.decode())
    for figure in figures.values():
        go.Figure(data=figure["data"], layout=figure["layout"])
