"""What every chart shares: sources, colours, the Table and Chart types, month helpers and the base layout."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.html import json_script

from apps.core import csv_safety
from apps.deployments.categories import COLOURS
from apps.deployments.selectors import Cell

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
        """The accessible twin of a chart (templates/dashboards/_data_table.html); missing values show as "–"."""
        # Cells as text here: the template would show dates and very small floats in its own locale format.
        # Each row as (first cell, the others): the first is the row's header.
        cells = [["–" if v is None else str(v) for v in row] for row in self.rows]
        cells = [(row[0], row[1:]) for row in cells]
        return render_to_string(
            "dashboards/_data_table.html", {"caption": caption, "columns": self.columns, "rows": cells}
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
    # The figure's JSON script and the table twin, rendered once (render()) and kept in the stored payload, so a
    # page built again from that payload does not serialise the figure or lay out the table again.
    rendered: dict[str, str] = field(default_factory=dict)

    def render(self) -> Chart:
        self.rendered = {"figure": json_script(self.figure, f"fig-{self.id}"), "table": self.table.to_html(self.title)}
        return self

    @property
    def figure_script(self) -> str:
        return self.rendered.get("figure") or json_script(self.figure, f"fig-{self.id}")

    @property
    def table_html(self) -> str:
        return self.rendered.get("table") or self.table.to_html(self.title)


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


def base_layout(*, title: str, y_title: str, x_title: str = "Month", height: int = 430) -> dict:
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


def source_note(layout: dict, text: str) -> None:
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


def figure_dict(data: list, layout: dict) -> dict:
    """The figure as plotly.js reads it. Not run through plotly's Python schema here (that cost ~30 ms a chart on
    every cold page): tests/dashboards/test_chart_schema.py validates every page's figures with it instead."""
    return {"data": data, "layout": layout}


def series_values(points: dict[dt.date, Cell], axis: Sequence[dt.date], present: set[dt.date]):
    """Share in percent per month of the axis; None (a break in the line) for months without a share."""
    ys = []
    for m in axis:
        c = points.get(m)
        ys.append(pct(c.share) if (c is not None and m in present) else None)
    return ys
