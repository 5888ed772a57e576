"""Headcount gap to a target and the linear projection of a category's share."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from apps.dashboards.charts.base import (
    CATEGORY_COLOURS,
    Chart,
    Table,
    base_layout,
    caption,
    figure_dict,
    month_axis,
    month_key,
    month_label,
    pct,
    series_values,
    source_note,
)
from apps.dashboards.charts.shares import target_traces
from apps.deployments.selectors import Cell, Target


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
            "y": series_values(points, history_axis, present),
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
    layout = base_layout(title=title, y_title="Women's share (%)")
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
    source_note(layout, f"Official data to {month_label(last)}; beyond it a statistical projection, not data.")
    rows = [[month_key(m), pct(points[m].share) if m in points else None, None, None, None] for m in history_axis]
    rows += [
        [month_key(m), None, mu, lo, hi]
        for m, mu, lo, hi in zip(proj.months, proj.mean, proj.low, proj.high, strict=True)
    ]
    return Chart(
        id=chart_id,
        title=title,
        figure=figure_dict(data, layout),
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
