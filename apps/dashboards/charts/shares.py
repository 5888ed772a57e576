"""Women's share per category against the targets, and personnel stacked by mission, type or contributor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from apps.dashboards.charts.base import (
    CATEGORY_COLOURS,
    OTHER_COLOUR,
    PALETTE,
    TARGET_SOURCE,
    Chart,
    Table,
    base_layout,
    caption,
    figure_dict,
    month_axis,
    month_key,
    month_label,
    month_ranges_text,
    pct,
    series_values,
    source_note,
)
from apps.dashboards.charts.news import ReportedPoint, reported_traces
from apps.deployments.categories import OBSERVERS_AND_STAFF, STAFF_OFFICERS_SEPARATE_FROM
from apps.deployments.selectors import Cell, Target


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
                "y": series_values(series[code], axis, present),
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
    layout = base_layout(title=title, y_title="Women (% of personnel)")
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
    source_note(layout, f"Source: UN DPO / IPI; targets: UGPS. Data month {month_label(months[-1])}.")

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
        figure=figure_dict(data, layout),
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
    layout = base_layout(title=title, y_title="Personnel (persons at month end)")
    layout["barmode"] = "stack"
    layout["bargap"] = 0.05
    layout["yaxis"]["separatethousands"] = True
    source_note(layout, f"Source: UN DPO / IPI. Data month {month_label(months[-1])}.")
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
        figure=figure_dict(data, layout),
        table=Table(columns, table_rows),
        caption=caption(months[-1]),
        notes=notes,
        y_unit="persons",
    )
