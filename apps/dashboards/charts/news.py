"""News figures beside the official ones: markers on the share chart, and women by reported unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from apps.dashboards.charts.base import (
    NEWS_SOURCE,
    Chart,
    Table,
    base_layout,
    figure_dict,
    month_key,
    source_note,
)

# --- news figures beside the official ones ----------------------------------------------------------
NEWS_COLOUR = "#8a5a00"  # the amber of the "Reported in the news" section, dark enough on white
SCOPE_SYMBOLS = {"current": "diamond-open", "cumulative": "square-open", "planned": "triangle-up-open"}


@dataclass(frozen=True)
class ReportedPoint:
    """One curated news figure as a point: its month, women's share (%) and where it was read."""

    month: dt.date
    share: float
    women: int | None
    total: int | None
    scope: str
    scope_label: str
    unit: str
    quote: str
    outlet: str
    sources: int


def _wrap(text: str, width: int = 60) -> str:
    """Plotly hover labels do not wrap: break long quotes into lines."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return "<br>".join(escape(x) for x in lines[:8]) + ("<br>…" if len(lines) > 8 else "")


def reported_traces(points: Sequence[ReportedPoint]) -> list[dict]:
    """Curated news figures as open markers, one trace per scope, each with its quote on hover."""
    traces = []
    for scope, symbol in SCOPE_SYMBOLS.items():
        own = [p for p in points if p.scope == scope]
        if not own:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"News: {own[0].scope_label.lower()} (curated, not official)",
                "x": [month_key(p.month) for p in own],
                "y": [round(p.share, 1) for p in own],
                "marker": {"symbol": symbol, "size": 11, "color": NEWS_COLOUR, "line": {"width": 2}},
                "customdata": [
                    [
                        escape(p.outlet or "unknown outlet") + (f" and {p.sources - 1} more" if p.sources > 1 else ""),
                        _wrap(f"“{p.quote}”"),
                        escape(p.unit or "unit not named"),
                        "" if p.women is None or p.total is None else f"{p.women:,} women of {p.total:,}",
                    ]
                    for p in own
                ],
                "hovertemplate": (
                    "<b>News, %{x|%b %Y}: %{y:.1f}%</b> %{customdata[3]}<br>%{customdata[2]} · %{customdata[0]}"
                    "<br>%{customdata[1]}<extra></extra>"
                ),
                "legendgroup": "news",
            }
        )
    return traces


def reported_units_chart(*, chart_id: str, title: str, rows: Sequence[dict], table: Table) -> Chart | None:
    """Women and other personnel per reported unit (field hospital, engineers, police units…), from the news."""
    rows = [r for r in rows if r["women"] is not None and r["total"] is not None and r["total"] >= r["women"]]
    if not rows:
        return None
    labels = [r["label"] for r in rows]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "Women (reported)",
            "x": [r["women"] for r in rows],
            "y": labels,
            "marker": {"color": NEWS_COLOUR},
            "text": [
                f"{r['women']:,} women ({100 * r['women'] / r['total']:.0f}%)" if r["total"] else "" for r in rows
            ],
            "textposition": "auto",
            "textangle": 0,
            "hovertemplate": "%{x:,} women<extra></extra>",
        },
        {
            "type": "bar",
            "orientation": "h",
            "name": "Other personnel (reported)",
            "x": [r["total"] - r["women"] for r in rows],
            "y": labels,
            "marker": {"color": "#e0c27a"},
            "hovertemplate": "%{x:,} other personnel<extra></extra>",
        },
    ]
    layout = base_layout(
        title=title, y_title="", x_title="Personnel as reported", height=max(320, 56 * len(rows) + 200)
    )
    layout["legend"]["y"] = -0.3
    layout["barmode"] = "stack"
    layout["yaxis"] = {"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}}
    layout["xaxis"].update({"gridcolor": "#e3e6ea", "showgrid": True, "separatethousands": True})
    layout["margin"] = {"l": 10, "r": 20, "t": 60, "b": 90}
    layout["hovermode"] = "closest"
    source_note(layout, "NEWS-BASED (curated); not UN statistics.")
    return Chart(
        id=chart_id,
        title=title,
        figure=figure_dict(data, layout),
        table=table,
        caption=f"Source: {NEWS_SOURCE}. Each bar is one reported figure; the UN monthly data has no unit split.",
        notes=["News-based: a unit's figure may be a single rotation, a cumulative total or a plan (see its scope)."],
        y_unit="persons",
    )
