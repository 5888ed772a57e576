"""Server-rendered dashboard pages, one module per page; every chart is also a CSV (?format=csv&chart=<id>)."""

from __future__ import annotations

from apps.dashboards.views.common import PAGE_PARAMS
from apps.dashboards.views.country import country
from apps.dashboards.views.missions import mission, missions
from apps.dashboards.views.overview import overview
from apps.dashboards.views.rankings import rankings, world_map

__all__ = ["PAGE_PARAMS", "country", "mission", "missions", "overview", "rankings", "world_map"]
