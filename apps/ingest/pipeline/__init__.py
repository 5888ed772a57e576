"""Pure-Python ingestion pipeline: read, clean, date, dedupe and extract figures from articles (no Django)."""

from __future__ import annotations

PIPELINE_VERSION = "2"  # 2: the figure grammar (mentions, relations, assembly)
