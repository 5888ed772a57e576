"""Contributors compared: the ranking, a mission's contributors by personnel type, the world map."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from apps.dashboards.charts.base import (
    FONT,
    PALETTE,
    TARGET_SOURCE,
    Chart,
    Table,
    base_layout,
    caption,
    figure_dict,
    month_label,
    pct,
    source_note,
)
from apps.deployments.selectors import NO_MISSION_BREAKDOWN, Cell, ContributorShare, Target


# --- 4. rankings ------------------------------------------------------------------------------------
def ranking_chart(
    *,
    chart_id: str,
    title: str,
    shares: Sequence[ContributorShare],
    month: dt.date,
    target: Target | None,
    later_target: Target | None,
) -> Chart:
    """Contributors ranked by women's share (horizontal bars) with the target as a vertical line."""
    ranked = sorted((s for s in shares if s.share is not None), key=lambda s: (-(s.share or 0), -s.total, s.name))
    names = [f"{s.name} ({s.total:,})" for s in ranked]
    colours = ["#0072B2" if target is None or (s.share or 0) * 100 >= target.percent else "#E69F00" for s in ranked]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "Women's share",
            "x": [pct(s.share) for s in ranked],
            "y": names,
            "marker": {"color": colours},
            "customdata": [[s.female, s.total_with_split] for s in ranked],
            "hovertemplate": "%{y}: %{x:.1f}% (%{customdata[0]:,} of %{customdata[1]:,})<extra></extra>",
            "showlegend": False,
        }
    ]
    height = max(320, 22 * len(ranked) + 140)
    layout = base_layout(title=title, y_title="", x_title="Women's share of deployed personnel (%)", height=height)
    layout["yaxis"] = {"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}}
    layout["xaxis"].update({"ticksuffix": "%", "gridcolor": "#e3e6ea", "showgrid": True, "rangemode": "tozero"})
    layout["margin"] = {"l": 10, "r": 20, "t": 60, "b": 60}
    layout["hovermode"] = "closest"
    shapes, notes = [], []
    for t, dash in ((target, "solid"), (later_target, "dot")):
        if t is None:
            continue
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": t.percent,
                "x1": t.percent,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#111", "dash": dash, "width": 2 if dash == "solid" else 1},
            }
        )
        layout.setdefault("annotations", []).append(
            {
                "x": t.percent,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "text": f"{t.year} target {t.percent:g}%",
                "showarrow": False,
                "font": {"size": 11},
            }
        )
    layout["shapes"] = shapes
    if target:
        notes.append(
            f"Blue bars meet the {target.year} target ({target.percent:g}%); orange bars are below it. "
            f"The {target.year} target is the latest stated target year up to {month.year}."
        )
    rows = []
    for i, s in enumerate(ranked, 1):
        meets = None if target is None else ("meets" if (s.share or 0) * 100 >= target.percent else "below")
        rows.append([i, s.name, s.iso3, s.female, s.total_with_split, pct(s.share), meets])
    return Chart(
        id=chart_id,
        title=title,
        figure=figure_dict(data, layout),
        table=Table(["Rank", "Country", "ISO3", "Women", "Personnel", "Women's share (%)", "Target"], rows),
        caption=caption(month, extra=f"Targets: {TARGET_SOURCE}."),
        notes=notes,
        y_unit="% women",
    )


# --- 5. mission: share by contributor and personnel type ----------------------------------------------
def contributor_type_share_chart(
    *, chart_id: str, title: str, rows: Sequence[dict], month: dt.date, min_total: int
) -> Chart:
    """Women's share per contributor (largest first), one bar per personnel type."""
    size: dict[str, int] = {}
    for r in rows:
        size[r["country__name"]] = size.get(r["country__name"], 0) + (r["total"] or 0)
    countries = sorted((c for c in size if size[c] >= min_total), key=lambda c: (-size[c], c))
    types = sorted({(r["personnel_type__order"], r["personnel_type__name"]) for r in rows})
    by = {(r["country__name"], r["personnel_type__name"]): r for r in rows}
    data = []
    for i, (_, tname) in enumerate(types):
        xs, ys, cd = [], [], []
        for c in countries:
            r = by.get((c, tname))
            share = Cell(r["total"], r["female"], r["total_with_split"]).share if r else None
            xs.append(pct(share))
            ys.append(c)
            cd.append([r["female"] if r else None, r["total"] if r else None])
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": tname,
                "x": xs,
                "y": ys,
                "customdata": cd,
                "marker": {"color": PALETTE[i % len(PALETTE)]},
                "hovertemplate": f"{tname}: %{{x:.1f}}% (%{{customdata[0]}} of %{{customdata[1]}})<extra></extra>",
            }
        )
    height = max(320, 26 * len(countries) * max(1, min(len(types), 3)) // 2 + 160)
    layout = base_layout(title=title, y_title="", x_title="Women's share (%)", height=height)
    layout["barmode"] = "group"
    layout["yaxis"] = {"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}}
    layout["xaxis"].update({"ticksuffix": "%", "gridcolor": "#e3e6ea", "showgrid": True, "rangemode": "tozero"})
    layout["margin"] = {"l": 10, "r": 20, "t": 60, "b": 90}
    layout["legend"]["y"] = -0.05 if len(countries) > 15 else -0.15
    layout["hovermode"] = "closest"
    table_rows = [
        [
            r["country__name"],
            r["personnel_type__name"],
            r["female"],
            r["total"],
            pct(Cell(r["total"], r["female"], r["total_with_split"]).share),
        ]
        for r in sorted(rows, key=lambda r: (-size[r["country__name"]], r["country__name"], r["personnel_type__order"]))
        if r["country__name"] in set(countries)
    ]
    return Chart(
        id=chart_id,
        title=title,
        figure=figure_dict(data, layout),
        table=Table(["Country", "Personnel type", "Women", "Personnel", "Women's share (%)"], table_rows),
        caption=caption(month),
        notes=[f"Contributors with at least {min_total} personnel in the mission in {month_label(month)}."],
        y_unit="% women",
    )


def mission_gap_note(first: dt.date, last: dt.date) -> str:
    a, b = NO_MISSION_BREAKDOWN
    if first <= b and last >= a:
        return (
            "March 2018 – August 2019: the UN reports of those months give country × personnel type only, "
            "with no mission breakdown, so mission figures have a gap there."
        )
    return ""


# --- 6. world map -----------------------------------------------------------------------------------
YLGNBU = [
    [0.0, "rgb(255,255,217)"],
    [0.125, "rgb(237,248,177)"],
    [0.25, "rgb(199,233,180)"],
    [0.375, "rgb(127,205,187)"],
    [0.5, "rgb(65,182,196)"],
    [0.625, "rgb(29,145,192)"],
    [0.75, "rgb(34,94,168)"],
    [0.875, "rgb(37,52,148)"],
    [1.0, "rgb(8,29,88)"],
]
MAP_MAX_PERCENT = 30  # the highest 2028 target (individual police): shares above it share the darkest colour


def world_map_chart(
    *, chart_id: str, title: str, shares: Sequence[ContributorShare], month: dt.date, country_url: str
) -> Chart:
    """Women's share by contributing country on a world map; countries without a gender split stay uncoloured."""
    shown = [s for s in shares if s.share is not None]
    data = [
        {
            "type": "choropleth",
            "locationmode": "ISO-3",
            "locations": [s.iso3 for s in shown],
            "z": [pct(s.share, 1) for s in shown],
            "text": [s.name for s in shown],
            "customdata": [[s.female, s.total_with_split, country_url.replace("XXX", s.iso3)] for s in shown],
            "zmin": 0,
            "zmax": MAP_MAX_PERCENT,
            # Colour-blind-safe sequential scale, light (few women) to dark (many): ColorBrewer's YlGnBu, spelt out
            # because plotly.js's own "YlGnBu" runs the other way (dark to light).
            "colorscale": YLGNBU,
            "marker": {"line": {"color": "#ffffff", "width": 0.5}},
            "colorbar": {
                "title": {"text": "Women (%)"},
                "ticksuffix": "%",
                "thickness": 12,
                "len": 0.8,
                "tickvals": [0, 10, 20, 30],
                "ticktext": ["0%", "10%", "20%", f"{MAP_MAX_PERCENT}%+"],
            },
            "hovertemplate": "%{text}: %{z:.1f}%<br>%{customdata[0]:,} women of %{customdata[1]:,}<extra></extra>",
        }
    ]
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": FONT, "size": 13, "color": "#1b1f24"},
        "paper_bgcolor": "#ffffff",
        "height": 480,
        "margin": {"l": 0, "r": 0, "t": 50, "b": 10},
        "geo": {
            "scope": "world",
            "resolution": 110,
            # d3-geo's own projection: the map bundle leaves out d3-geo-projection (static/vendor/README.md).
            "projection": {"type": "natural earth1"},
            "showframe": False,
            "showcoastlines": False,
            "showcountries": True,
            "countrycolor": "#cfd4da",
            "showland": True,
            "landcolor": "#f1f3f5",
            "lataxis": {"range": [-58, 85]},
        },
        "hovermode": "closest",
    }
    source_note(layout, f"Source: UN DPO, {month_label(month)}. Grey: none deployed or no split.")
    ranked = sorted(shown, key=lambda s: (-(s.share or 0), s.name))
    no_split = [s.name for s in shares if s.share is None]
    notes = [
        f"{len(shown)} contributing {'country' if len(shown) == 1 else 'countries'} with a gender split in "
        f"{month_label(month)}; shares of {MAP_MAX_PERCENT}% and above have the darkest colour. "
        "Select a country to open its page."
    ]
    if no_split:
        notes.append(f"No gender split in the source this month for: {', '.join(no_split)}.")
    return Chart(
        id=chart_id,
        title=title,
        figure=figure_dict(data, layout),
        table=Table(
            ["Country", "ISO3", "Women", "Personnel", "Women's share (%)"],
            [[s.name, s.iso3, s.female, s.total_with_split, pct(s.share, 1)] for s in ranked],
        ),
        caption=caption(month),
        notes=notes,
        y_unit="% women",
        geo=True,
    )
