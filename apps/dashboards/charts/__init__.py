"""Plotly figures (as plain JSON-ready dicts) and their table twins, built from selector output; one module per
chart kind, every public name importable from here."""

from __future__ import annotations

from apps.dashboards.charts.base import (
    CATEGORY_COLOURS,
    NEWS_SOURCE,
    OFFICIAL_SOURCE,
    TARGET_SOURCE,
    Chart,
    Table,
    caption,
    missing_months,
    month_axis,
    month_key,
    month_label,
    month_ranges_text,
    pct,
)
from apps.dashboards.charts.contributors import (
    MAP_MAX_PERCENT,
    contributor_type_share_chart,
    mission_gap_note,
    ranking_chart,
    world_map_chart,
)
from apps.dashboards.charts.news import ReportedPoint, reported_traces, reported_units_chart
from apps.dashboards.charts.projection import Projection, linear_projection, projection_chart, women_needed
from apps.dashboards.charts.shares import share_by_category_chart, stacked_personnel_chart, target_traces

__all__ = [
    "CATEGORY_COLOURS",
    "MAP_MAX_PERCENT",
    "NEWS_SOURCE",
    "OFFICIAL_SOURCE",
    "TARGET_SOURCE",
    "Chart",
    "Projection",
    "ReportedPoint",
    "Table",
    "caption",
    "contributor_type_share_chart",
    "linear_projection",
    "missing_months",
    "mission_gap_note",
    "month_axis",
    "month_key",
    "month_label",
    "month_ranges_text",
    "pct",
    "projection_chart",
    "ranking_chart",
    "reported_traces",
    "reported_units_chart",
    "share_by_category_chart",
    "stacked_personnel_chart",
    "target_traces",
    "women_needed",
    "world_map_chart",
]
