"""Plotly figures (as plain JSON-ready dicts) and their table twins, built from selector output."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from html import escape

import numpy as np
import plotly.graph_objects as go

from apps.core import csv_safety
from apps.deployments.categories import COLOURS, OBSERVERS_AND_STAFF, STAFF_OFFICERS_SEPARATE_FROM
from apps.deployments.selectors import NO_MISSION_BREAKDOWN, Cell, ContributorShare, Target

OFFICIAL_SOURCE = (
    "UN DPO monthly reports, “Contribution of Uniformed Personnel to UN by Mission, Country, and Personnel "
    "Type” (2015–2025); UN DPKO gender statistics as copied by IPI “Providing for Peacekeeping” (2009–2014)"
)
TARGET_SOURCE = "UN Uniformed Gender Parity Strategy 2018–2028 (only the target years a source states)"
NEWS_SOURCE = "news articles reviewed by curators (each figure links to its articles)"

# Colour-blind-safe (Okabe–Ito) colours, one per target category so lines and targets match (the registry's).
CATEGORY_COLOURS = COLOURS
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#F0E442",
    "#000000",
    "#8C564B",
    "#7F7F7F",
    "#1F77B4",
    "#BCBD22",
]
OTHER_COLOUR = "#BBBBBB"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


@dataclass
class Table:
    columns: list[str]
    rows: list[list]

    def to_html(self, caption: str) -> str:
        """The accessible twin of a chart; built as a string because template loops over ~3,000 cells are slow."""

        def cell(v) -> str:
            return "–" if v is None else escape(str(v))

        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in self.columns)
        body = "".join(
            "<tr>"
            + "".join(f'<th scope="row">{cell(v)}</th>' if i == 0 else f"<td>{cell(v)}</td>" for i, v in enumerate(row))
            + "</tr>"
            for row in self.rows
        )
        return (
            f'<table class="data"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def to_csv(self, constant_columns: dict[str, str] | None = None) -> str:
        """CSV of the table; constant_columns (e.g. source, data month) are repeated on every row, so a saved file
        still says where its numbers come from."""
        extra = constant_columns or {}
        out = io.StringIO()
        # The shared writer neutralises formula-like cells (a news quote starting "=HYPERLINK(" …).
        writer = csv_safety.writer(out, lineterminator="\n")
        writer.writerow([*self.columns, *extra])
        writer.writerows([*row, *extra.values()] for row in self.rows)
        return out.getvalue()


@dataclass
class Chart:
    id: str
    title: str
    figure: dict
    table: Table
    caption: str
    notes: list[str] = field(default_factory=list)
    y_unit: str = ""
    geo: bool = False  # a map: the page loads the geo bundle and points plotly.js at the project's own topojson

    @property
    def table_html(self) -> str:
        if not hasattr(self, "_table_html"):
            self._table_html = self.table.to_html(self.title)
        return self._table_html


# --- small helpers ---------------------------------------------------------------------------------
def month_label(month: dt.date | None) -> str:
    return month.strftime("%B %Y") if month else "—"


def month_key(month: dt.date) -> str:
    """Plotly reads 'YYYY-MM' as a date; shorter than full ISO dates, which keeps pages light."""
    return month.strftime("%Y-%m")


def month_axis(first: dt.date, last: dt.date) -> list[dt.date]:
    months, m = [], first.replace(day=1)
    while m <= last:
        months.append(m)
        m = (m.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def missing_months(months_with_data: Sequence[dt.date], first: dt.date | None = None) -> list[dt.date]:
    """Months between the first and last data month that have no data at all."""
    if not months_with_data:
        return []
    present = set(months_with_data)
    return [m for m in month_axis(first or months_with_data[0], months_with_data[-1]) if m not in present]


def month_ranges_text(months: Iterable[dt.date]) -> str:
    """Sep–Dec 2014, Mar 2015, … — consecutive months collapsed into one range."""
    ranges: list[list[dt.date]] = []
    for m in sorted(months):
        if ranges and month_axis(ranges[-1][1], m)[1:] == [m]:
            ranges[-1][1] = m
        else:
            ranges.append([m, m])
    parts = []
    for a, b in ranges:
        if a == b:
            parts.append(a.strftime("%b %Y"))
        elif a.year == b.year:
            parts.append(f"{a:%b}–{b:%b %Y}")
        else:
            parts.append(f"{a:%b %Y}–{b:%b %Y}")
    return ", ".join(parts)


def pct(share: float | None, digits: int = 2) -> float | None:
    return None if share is None else round(share * 100, digits)


def caption(data_month: dt.date | None, *, extra: str = "") -> str:
    text = f"Source: {OFFICIAL_SOURCE}. Data month: {month_label(data_month)}."
    return f"{text} {extra}".strip()


def _base_layout(*, title: str, y_title: str, x_title: str = "Month", height: int = 430) -> dict:
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": FONT, "size": 13, "color": "#1b1f24"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 110},
        "xaxis": {"title": {"text": x_title}, "showgrid": False, "linecolor": "#555", "ticks": "outside"},
        "yaxis": {
            "title": {"text": y_title},
            "gridcolor": "#e3e6ea",
            "zeroline": True,
            "zerolinecolor": "#999",
            "rangemode": "tozero",
        },
        "legend": {"orientation": "h", "y": -0.22, "x": 0, "yanchor": "top"},
        "hovermode": "x unified",
    }


def _source_note(layout: dict, text: str) -> None:
    """Put the source inside the figure too, so an exported PNG still says where the numbers come from."""
    layout.setdefault("annotations", []).append(
        {
            "text": text,
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "xanchor": "left",
            "showarrow": False,
            "font": {"size": 10, "color": "#555"},
        }
    )


def _figure(data: list, layout: dict) -> dict:
    """Validate with plotly's schema (catches typos), then hand back plain JSON-ready dicts."""
    fig = go.Figure(data=data, layout=layout)
    out = fig.to_plotly_json()
    # Plotly's default template would add ~10 KB per chart; the layout above styles everything itself.
    out["layout"].pop("template", None)
    return out


def _series(points: dict[dt.date, Cell], axis: Sequence[dt.date], present: set[dt.date]):
    """Share in percent per month of the axis; None (a break in the line) for months without a share."""
    ys = []
    for m in axis:
        c = points.get(m)
        ys.append(pct(c.share) if (c is not None and m in present) else None)
    return ys


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
    layout = _base_layout(
        title=title, y_title="", x_title="Personnel as reported", height=max(320, 56 * len(rows) + 200)
    )
    layout["legend"]["y"] = -0.3
    layout["barmode"] = "stack"
    layout["yaxis"] = {"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}}
    layout["xaxis"].update({"gridcolor": "#e3e6ea", "showgrid": True, "separatethousands": True})
    layout["margin"] = {"l": 10, "r": 20, "t": 60, "b": 90}
    layout["hovermode"] = "closest"
    _source_note(layout, "NEWS-BASED (curated); not UN statistics.")
    return Chart(
        id=chart_id,
        title=title,
        figure=_figure(data, layout),
        table=table,
        caption=f"Source: {NEWS_SOURCE}. Each bar is one reported figure; the UN monthly data has no unit split.",
        notes=["News-based: a unit's figure may be a single rotation, a cumulative total or a plan (see its scope)."],
        y_unit="persons",
    )


# --- target lines ----------------------------------------------------------------------------------
def target_traces(targets: Sequence[Target], categories: Iterable[tuple[str, str]]) -> list[dict]:
    """Markers at the years a source states; a dotted line between them, labelled as interpolated."""
    traces: list[dict] = []
    for code, name in categories:
        own = sorted((t for t in targets if t.category == code), key=lambda t: t.year)
        if not own:
            continue
        colour = CATEGORY_COLOURS.get(code, "#333")
        if len(own) > 1:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": f"{name}: target, interpolated between stated years",
                    "x": [f"{t.year}-12" for t in own],
                    "y": [t.percent for t in own],
                    "line": {"color": colour, "dash": "dot", "width": 1},
                    "hoverinfo": "skip",
                    "legendgroup": f"target-{code}",
                    "showlegend": False,
                }
            )
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": f"{name}: UN target (stated years)",
                "x": [f"{t.year}-12" for t in own],
                "y": [t.percent for t in own],
                "text": [f"{t.percent:g}% by {t.year}" for t in own],
                "textposition": "top left",
                "textfont": {"size": 11, "color": colour},
                "marker": {"symbol": "diamond", "size": 10, "color": colour, "line": {"color": "#fff", "width": 1}},
                "hovertemplate": "UN target for %{x|%Y}: %{y}%<extra></extra>",
                "legendgroup": f"target-{code}",
            }
        )
    return traces


# --- 1. women's share per category -----------------------------------------------------------------
def share_by_category_chart(
    *,
    chart_id: str,
    title: str,
    series: dict[str, dict[dt.date, Cell]],
    categories: Sequence[tuple[str, str]],
    months: Sequence[dt.date],
    targets: Sequence[Target],
    start: dt.date | None = None,
    end: dt.date | None = None,
    reported: Sequence[ReportedPoint] = (),
) -> Chart:
    """Women's share per target category over time, gaps as breaks, with the UN targets as published.

    `reported`: curated news figures drawn as marked points beside the official lines (never in its table).
    """
    if not months:
        raise ValueError("no data months")
    first = max(months[0], start) if start else months[0]
    last = min(months[-1], end) if end else months[-1]
    axis = month_axis(first, last)
    present = set(months)
    shown = [(code, name) for code, name in categories if code in series]
    data: list[dict] = []
    for code, name in shown:
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": name,
                "x": [month_key(m) for m in axis],
                "y": _series(series[code], axis, present),
                "line": {"color": CATEGORY_COLOURS.get(code, "#333"), "width": 2},
                "connectgaps": False,
                "hovertemplate": "%{y:.1f}%",
            }
        )
    # Targets are published facts: always drawn, so the x axis runs on to the last target year.
    shown_targets = list(targets)
    data.extend(target_traces(shown_targets, shown))
    in_range = [p for p in reported if first <= p.month <= last]
    data.extend(reported_traces(in_range))
    layout = _base_layout(title=title, y_title="Women (% of personnel)")
    layout["yaxis"]["ticksuffix"] = "%"
    notes = []
    gaps = [m for m in axis if m not in present]
    if gaps:
        notes.append(f"No data for {month_ranges_text(gaps)}: the lines break there.")
    if in_range:
        notes.append(
            f"Open symbols: {len(in_range)} {'figure' if len(in_range) == 1 else 'figures'} reported in the news "
            "(curated, not official; hover for the quote). They may count one unit, a rotation or a plan, so they "
            "are not in this chart's table: see “Reported in the news” below."
        )
    if any(m == dt.date(2020, 8, 1) for m in axis):
        notes.append("August 2020: the UN report's gender split is garbled, so no share is shown for that month.")
    if any(code == OBSERVERS_AND_STAFF for code, _ in shown) and first < STAFF_OFFICERS_SEPARATE_FROM <= last:
        notes.append(
            "Military observers and staff officers start in May 2017: before then the UN counted staff officers "
            "inside Troops."
        )
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": "2017-05",
                "x1": "2017-05",
                "y0": 0,
                "y1": 1,
                "line": {"color": CATEGORY_COLOURS[OBSERVERS_AND_STAFF], "dash": "dash", "width": 1},
            }
        ]
        layout.setdefault("annotations", []).append(
            {
                "x": "2017-05",
                "y": 0.97,
                "xref": "x",
                "yref": "paper",
                "text": "Staff officers counted<br>separately from May 2017",
                "showarrow": False,
                "xanchor": "left",
                "align": "left",
                "font": {"size": 10, "color": CATEGORY_COLOURS[OBSERVERS_AND_STAFF]},
            }
        )
    if any(t.year > last.year for t in shown_targets):
        # Half a year past the last target so its label is not clipped at the edge.
        layout["xaxis"]["range"] = [month_key(first), f"{max(t.year for t in shown_targets) + 1}-06-30"]
    _source_note(layout, f"Source: UN DPO / IPI; targets: UGPS. Data month {month_label(months[-1])}.")

    columns = ["Month"]
    for _, name in shown:
        columns += [f"{name}: women", f"{name}: personnel with gender split", f"{name}: women's share (%)"]
    rows = []
    for m in axis:
        row: list = [month_key(m)]
        for code, _ in shown:
            c = series[code].get(m) if m in present else None
            row += [c.female if c else None, c.total_with_split if c else None, pct(c.share) if c else None]
        rows.append(row)
    return Chart(
        id=chart_id,
        title=title,
        figure=_figure(data, layout),
        table=Table(columns, rows),
        caption=caption(months[-1], extra=f"Targets: {TARGET_SOURCE}."),
        notes=notes,
        y_unit="% women",
    )


# --- 2. stacked personnel --------------------------------------------------------------------------
def stacked_personnel_chart(
    *,
    chart_id: str,
    title: str,
    rows: Sequence[dict],
    key: str,
    label: str,
    months: Sequence[dt.date],
    top: int = 10,
    other_label: str = "Other",
    empty_key_label: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    gap_note: str = "",
) -> Chart:
    """Personnel per month stacked by one dimension (mission, personnel type, contributor); top N + other."""
    first = max(months[0], start) if start else months[0]
    last = min(months[-1], end) if end else months[-1]
    axis = [m for m in month_axis(first, last)]
    present = set(months)
    size: dict[str, int] = {}
    for r in rows:
        k = r[key] or empty_key_label
        size[k] = size.get(k, 0) + (r["total"] or 0)
    ranked = sorted(size, key=lambda k: (-size[k], k))
    keep = ranked[:top]
    grouped = len(ranked) > top
    values: dict[str, dict[dt.date, int]] = {k: {} for k in keep}
    if grouped:
        values[other_label] = {}
    for r in rows:
        k = r[key] or empty_key_label
        bucket = k if k in keep else other_label
        values[bucket][r["month"]] = values[bucket].get(r["month"], 0) + (r["total"] or 0)
    data = []
    series_names = keep + ([other_label] if grouped else [])
    for i, k in enumerate(series_names):
        colour = OTHER_COLOUR if k == other_label and grouped else PALETTE[i % len(PALETTE)]
        data.append(
            {
                "type": "bar",
                "name": k,
                "x": [month_key(m) for m in axis],
                "y": [values[k].get(m, 0) if m in present else None for m in axis],
                "marker": {"color": colour, "line": {"width": 0}},
                "hovertemplate": "%{y:,}",
            }
        )
    layout = _base_layout(title=title, y_title="Personnel (persons at month end)")
    layout["barmode"] = "stack"
    layout["bargap"] = 0.05
    layout["yaxis"]["separatethousands"] = True
    _source_note(layout, f"Source: UN DPO / IPI. Data month {month_label(months[-1])}.")
    notes = []
    gaps = [m for m in axis if m not in present]
    if gaps:
        notes.append(f"No data for {month_ranges_text(gaps)}: empty bars there are gaps, not zeros.")
    if gap_note:
        notes.append(gap_note)
    if grouped:
        notes.append(f"The {top} largest {label}s over the period are shown; the rest are added up as “{other_label}”.")
    columns = ["Month", *series_names, "Total"]
    table_rows = []
    for m in axis:
        if m not in present:
            table_rows.append([month_key(m)] + [None] * (len(series_names) + 1))
            continue
        vals = [values[k].get(m, 0) for k in series_names]
        table_rows.append([month_key(m), *vals, sum(vals)])
    return Chart(
        id=chart_id,
        title=title,
        figure=_figure(data, layout),
        table=Table(columns, table_rows),
        caption=caption(months[-1]),
        notes=notes,
        y_unit="persons",
    )


# --- 3. headcount gap and projection ----------------------------------------------------------------
def women_needed(*, total: int, women: int, target_percent: float | Decimal) -> int:
    """How many more women reach the target at today's size: smallest w with w/total ≥ target, minus women."""
    target = Fraction(Decimal(str(target_percent))) / 100
    w = math.ceil(target * total)
    return max(0, w - women)


def _t_quantile_95(df: int) -> float:
    """Student-t 95th percentile (a 90% two-sided band) by the Cornish–Fisher expansion; no scipy needed."""
    z = 1.6448536269514722
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


@dataclass
class Projection:
    fit_months: list[dt.date]
    months: list[dt.date]
    mean: list[float]
    low: list[float]
    high: list[float]
    slope_per_year: float
    at_end: float


def linear_projection(
    points: dict[dt.date, Cell], *, last_month: dt.date, until: dt.date, window: int = 36, min_points: int = 12
) -> Projection | None:
    """Least-squares line through the last `window` months' shares, extended to `until` with a 90% prediction band."""
    first = month_axis(last_month.replace(year=last_month.year - 3), last_month)[-window]
    fit = sorted((m, c.share) for m, c in points.items() if first <= m <= last_month and c.share is not None)
    if len(fit) < min_points:
        return None

    def idx(m: dt.date) -> int:
        return (m.year - first.year) * 12 + m.month - first.month

    x = np.array([idx(m) for m, _ in fit], dtype=float)
    y = np.array([s * 100 for _, s in fit], dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    resid = y - (slope * x + intercept)
    n = len(x)
    s = math.sqrt(float(resid @ resid) / (n - 2)) if n > 2 else 0.0
    sxx = float(((x - x.mean()) ** 2).sum())
    t = _t_quantile_95(n - 2)
    future = month_axis(last_month, until)
    mean, low, high = [], [], []
    for m in future:
        x0 = idx(m)
        yhat = slope * x0 + intercept
        half = t * s * math.sqrt(1 + 1 / n + (x0 - x.mean()) ** 2 / sxx) if sxx else 0.0
        mean.append(round(min(max(yhat, 0.0), 100.0), 2))
        low.append(round(min(max(yhat - half, 0.0), 100.0), 2))
        high.append(round(min(max(yhat + half, 0.0), 100.0), 2))
    return Projection([m for m, _ in fit], future, mean, low, high, float(slope * 12), mean[-1])


def projection_chart(
    *,
    chart_id: str,
    title: str,
    points: dict[dt.date, Cell],
    months: Sequence[dt.date],
    category: tuple[str, str],
    targets: Sequence[Target],
    until_year: int = 2028,
) -> Chart | None:
    """History of one category's share, a dashed linear projection to the target year and its 90% band."""
    code, name = category
    last = max(points) if points else None
    if last is None:
        return None
    proj = linear_projection(points, last_month=last, until=dt.date(until_year, 12, 1))
    if proj is None:
        return None
    history_axis = month_axis(max(months[0], last.replace(year=last.year - 6)), last)
    present = set(months)
    colour = CATEGORY_COLOURS.get(code, "#333")
    px = [month_key(m) for m in proj.months]
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": f"{name}: official share",
            "x": [month_key(m) for m in history_axis],
            "y": _series(points, history_axis, present),
            "line": {"color": colour, "width": 2},
            "hovertemplate": "%{y:.1f}%",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "90% prediction band (projection)",
            "x": px + px[::-1],
            "y": proj.high + proj.low[::-1],
            "fill": "toself",
            "fillcolor": "rgba(120,120,120,0.18)",
            "line": {"width": 0},
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Projection: linear trend of the last 36 months",
            "x": px,
            "y": proj.mean,
            "line": {"color": colour, "dash": "dash", "width": 2},
            "hovertemplate": "projected %{y:.1f}%",
        },
    ]
    data.extend(target_traces(targets, [category]))
    layout = _base_layout(title=title, y_title="Women's share (%)")
    layout["yaxis"]["ticksuffix"] = "%"
    layout["shapes"] = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": month_key(last),
            "x1": f"{until_year}-12",
            "y0": 0,
            "y1": 1,
            "fillcolor": "rgba(0,0,0,0.035)",
            "line": {"width": 0},
            "layer": "below",
        }
    ]
    layout.setdefault("annotations", []).append(
        {
            "x": month_key(last),
            "y": 0.97,
            "xref": "x",
            "yref": "paper",
            "text": "PROJECTION →",
            "showarrow": False,
            "xanchor": "left",
            "font": {"size": 11, "color": "#555"},
        }
    )
    _source_note(layout, f"Official data to {month_label(last)}; beyond it a statistical projection, not data.")
    rows = [[month_key(m), pct(points[m].share) if m in points else None, None, None, None] for m in history_axis]
    rows += [
        [month_key(m), None, mu, lo, hi]
        for m, mu, lo, hi in zip(proj.months, proj.mean, proj.low, proj.high, strict=True)
    ]
    return Chart(
        id=chart_id,
        title=title,
        figure=_figure(data, layout),
        table=Table(
            ["Month", "Official share (%)", "Projected share (%)", "90% band low (%)", "90% band high (%)"], rows
        ),
        caption=caption(
            last,
            extra=(
                f"Projection: least-squares line through the {len(proj.fit_months)} monthly shares of the last "
                f"36 months, extended to December {until_year} with a 90% prediction band. It assumes the recent "
                f"trend continues; it is not a UN figure."
            ),
        ),
        notes=[
            f"Trend: {proj.slope_per_year:+.2f} percentage points a year; projected {proj.at_end:.1f}% by Dec {until_year}."
        ],
        y_unit="% women",
    )


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
    layout = _base_layout(title=title, y_title="", x_title="Women's share of deployed personnel (%)", height=height)
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
        figure=_figure(data, layout),
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
    layout = _base_layout(title=title, y_title="", x_title="Women's share (%)", height=height)
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
        figure=_figure(data, layout),
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
            # Colour-blind-safe sequential scale, light (few women) to dark (many).
            "colorscale": "YlGnBu",
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
    _source_note(layout, f"Source: UN DPO, {month_label(month)}. Grey: none deployed or no split.")
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
        figure=_figure(data, layout),
        table=Table(
            ["Country", "ISO3", "Women", "Personnel", "Women's share (%)"],
            [[s.name, s.iso3, s.female, s.total_with_split, pct(s.share, 1)] for s in ranked],
        ),
        caption=caption(month),
        notes=notes,
        y_unit="% women",
        geo=True,
    )
