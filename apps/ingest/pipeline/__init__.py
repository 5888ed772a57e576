"""Pure-Python ingestion pipeline: read, clean, date, dedupe and extract figures from articles (no Django)."""

from __future__ import annotations

# 2: the figure grammar (mentions, relations, assembly); 3: its rules widened on two written evaluation sets
PIPELINE_VERSION = "3"
