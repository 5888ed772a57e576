"""CSV output: the listing view streams every filtered row; this renderer names the format for negotiation."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rest_framework.renderers import BaseRenderer

from apps.core import csv_safety


class Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The header, then one CSV line per row; None becomes an empty cell, a formula-like text is neutralised
    (apps.core.csv_safety: the cells come from news quotes and official files, and end up in spreadsheets)."""
    writer = csv_safety.writer(Echo(), lineterminator="\n")
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


class CSVRenderer(BaseRenderer):
    """text/csv. Lists of flat dicts render directly; error bodies fall back to one 'error' column."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: dict | None = None) -> bytes:
        if data is None:
            return b""
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        if isinstance(data, dict):
            data = [data]
        buffer = io.StringIO()
        rows = list(data)
        header = list(rows[0].keys()) if rows else []
        for line in csv_lines(header, ([row.get(k) for k in header] for row in rows)):
            buffer.write(line)
        return buffer.getvalue().encode(self.charset)
