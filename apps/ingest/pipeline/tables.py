"""Tables flattened into text: a header line names the columns ("Unit | Mission | Personnel | Women",
"Category | 2018 baseline | 2028 target"), each line under it is one row. A row's counts, shares and targets are
read by their column's name, not by the words around them, which a table does not have."""

from __future__ import annotations

import re
from dataclasses import dataclass

from apps.ingest.pipeline import entities
from apps.ingest.pipeline.numbers import parse_number
from apps.ingest.pipeline.records import Figure, Target, _consistency

CELL_SPLIT = re.compile(r"\s*[|¦]\s*")
# What a column holds, from its header: read in this order (a "women share" column is a share, not a count).
COLUMN_ROLES = (
    ("target", re.compile(r"\b(?:targets?|goals?|objectives?)\b", re.I)),
    ("share", re.compile(r"%|\b(?:share|percent(?:age)?|per\s?cent|proportion|baseline|ratio)\b", re.I)),
    ("women", re.compile(r"\b(?:wom[ae]n|female|females)\b", re.I)),
    (
        "total",
        re.compile(r"\b(?:personnel|troops|total|strength|soldiers|officers|staff|members|deployed|number)\b", re.I),
    ),
)
NUMBER_CELL = re.compile(r"^\s*(?:about\s+|some\s+|~\s*)?(\d[\d,. ]*)\s*(%|per\s?cent|percent)?\s*$", re.I)
YEAR_IN_HEADER = re.compile(r"\b((?:19|20)\d\d)\b")


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    cells: list[str]


def _rows(text: str) -> list[list[Row]]:
    """Blocks of two or more consecutive lines that have the same number (3 or more) of cells."""
    blocks: list[list[Row]] = []
    current: list[Row] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        stripped = line.strip()
        cells = CELL_SPLIT.split(stripped) if "|" in stripped or "¦" in stripped else []
        if len(cells) >= 3 and (not current or len(cells) == len(current[0].cells)):
            current.append(Row(start + (len(line) - len(line.lstrip())), start + len(line.rstrip()), cells))
            continue
        if len(current) >= 2:
            blocks.append(current)
        current = (
            [Row(start + (len(line) - len(line.lstrip())), start + len(line.rstrip()), cells)]
            if len(cells) >= 3
            else []
        )
    if len(current) >= 2:
        blocks.append(current)
    return blocks


def _roles(header: list[str]) -> list[str | None]:
    roles: list[str | None] = []
    for cell in header:
        role = next((name for name, pattern in COLUMN_ROLES if pattern.search(cell)), None)
        roles.append(role)
    return roles


def _number(cell: str) -> tuple[float, bool] | None:
    m = NUMBER_CELL.match(cell)
    if not m:
        return None
    value = parse_number(m.group(1).strip().rstrip(".,"))
    return (value, bool(m.group(2))) if value is not None else None


def read_tables(text: str, *, country: str | None) -> tuple[list[Figure], list[Target]]:
    """Figures and UN targets of every table in `text` whose header names what its columns count."""
    figures: list[Figure] = []
    targets: list[Target] = []
    for block in _rows(text):
        header, body = block[0], block[1:]
        if any(_number(c) for c in header.cells):
            continue  # no header line: the columns are not named
        roles = _roles(header.cells)
        if not any(r in ("women", "share", "target") for r in roles):
            continue  # a table of something else (budgets, medals, schedules)
        years = [YEAR_IN_HEADER.search(c) for c, r in zip(header.cells, roles, strict=True) if r == "target"]
        target_year = next((int(m.group(1)) for m in years if m), None)
        for row in body:
            values: dict[str, float] = {}
            for cell, role in zip(row.cells, roles, strict=True):
                number = _number(cell)
                if role is None or number is None:
                    continue
                value, is_percent = number
                if role == "women" and is_percent:
                    role = "share"
                values.setdefault(role, value)
            label = next((c for c, r in zip(row.cells, roles, strict=True) if r is None and c and not _number(c)), "")
            quote = text[row.start : row.end]
            missions = sorted({m.code for m in entities.find_missions(quote)})
            if "target" in values and values["target"] <= 100:
                t = Target(
                    quote, row.start, row.end, values["target"], None, entities.target_category(label), target_year
                )
                targets.append(t)
            total = values.get("total")
            women = values.get("women")
            share = values.get("share")
            if total is None and women is None and share is None:
                continue
            if share is not None and share > 100 or women is not None and total is not None and women > total:
                continue
            fig = Figure(quote, row.start, row.end)
            fig.personnel_total = int(total) if total is not None else None
            fig.women = int(women) if women is not None else None
            fig.women_percent = float(share) if share is not None else None
            fig.mission = missions
            fig.subject = country if (total is not None or women is not None) else "UN"
            fig.confidence = 0.6
            fig.reasons.append("a row of a table whose header names its columns")
            _consistency(fig)
            figures.append(fig)
    return figures, targets
