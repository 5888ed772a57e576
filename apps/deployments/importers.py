"""Reading official contribution files: layout detection, parsing and row validation (no database access).

Three layouts are recognised by their header: the parsed UN DPO monthly reports, IPI's long file, and the
UN Peace and Security Data Hub export (DPO-UCHISTORICAL / DPO-UCLATEST). Every row either becomes a
`Row` or a `Rejection` with its line number and reason; one bad row never stops the others.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from apps.deployments.reference import PERSONNEL_TYPE_LABELS, UN_SHORT_NAMES

UN_MONTHLY = "un_monthly"
IPI_LONG = "ipi_long"
DATA_HUB = "data_hub"

# Columns each layout must have (extra columns are tolerated; a missing one is a wrong file).
LAYOUT_COLUMNS: dict[str, tuple[str, ...]] = {
    UN_MONTHLY: (
        "month_end",
        "mission",
        "contributor",
        "contributor_iso3",
        "contributor_as_printed",
        "personnel_type",
        "female",
        "male",
        "total",
        "source_pdf",
        "quality_flags",
    ),
    IPI_LONG: ("date", "contributor", "contributor_iso3", "mission", "personnel_type", "female", "male", "total"),
    DATA_HUB: (
        "contribution_id",
        "contributing_country",
        "isocode3",
        "mission_acronym",
        "personnel_type",
        "male_personnel",
        "female_personnel",
        "last_reporting_date",
    ),
}

# IPI's file has no staff-officer category: its Troops include staff officers (see data/README.md).
IPI_FLAGS = "staff_officers_not_reported_separately"
IPI_DOCUMENT = "IPIDataLab/PPP_Loader ppp_files/full_gender_data.csv @ ee52ebc"

ISO3_CODES = frozenset(c.alpha_3 for c in pycountry.countries)
PROGRESS_EVERY = 10_000


class LayoutError(ValueError):
    """The file is not one of the known layouts (wrong or missing columns, not a CSV, empty)."""


class RowError(ValueError):
    """One row cannot be imported; the message is the reason shown to the user."""


@dataclass(slots=True)  # not frozen: frozen dataclasses are ~2x slower to build, and 100k rows are built
class Row:
    line: int
    iso3: str
    country_name: str
    country_as_printed: str
    mission: str | None
    personnel_type: str
    month: dt.date
    female: int | None
    male: int | None
    total: int
    quality_flags: str
    source_document: str

    @property
    def key(self) -> tuple[str, str | None, str, dt.date]:
        return (self.iso3, self.mission, self.personnel_type, self.month)


@dataclass(frozen=True, slots=True)
class Rejection:
    line: int
    reason: str

    def as_dict(self) -> dict:
        return {"line": self.line, "reason": self.reason}


@dataclass
class ParsedFile:
    layout: str
    rows: list[Row] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    rows_read: int = 0


def is_gzip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def open_text(path: Path) -> io.TextIOBase:
    """Open a .csv or a gzip-compressed .csv (recognised by its magic bytes, whatever its name) as text."""
    raw = gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")  # noqa: SIM115 - wrapped and returned
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def file_sha256(path: Path) -> str:
    """sha256 of the uncompressed content, so a file and its .gz copy count as the same release."""
    digest = hashlib.sha256()
    opener = gzip.open if is_gzip(path) else open
    with opener(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def detect_layout(header: list[str]) -> str:
    """The layout whose required columns are all in the header; LayoutError naming what is missing."""
    names = {h.strip().lower() for h in header}
    for layout, columns in LAYOUT_COLUMNS.items():
        if set(columns) <= names:
            return layout
    best = min(LAYOUT_COLUMNS, key=lambda lay: len(set(LAYOUT_COLUMNS[lay]) - names))
    missing = [c for c in LAYOUT_COLUMNS[best] if c not in names]
    raise LayoutError(
        f"unrecognised columns {header!r}: closest layout is {best!r}, which also needs {', '.join(missing)}"
    )


_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}


@lru_cache(maxsize=4096)  # a file has a few hundred distinct values
def parse_month(value: str) -> dt.date:
    """First day of the reporting month from 'YYYY-MM-DD' (optionally with a time) or '31-Jan-22'/'31-Jan-2022'."""
    text = value.strip()
    try:
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            day = dt.date(int(text[:4]), int(text[5:7]), int(text[8:10]))
            if len(text) > 10 and text[10] not in "T ":
                raise ValueError
            return day.replace(day=1)
        parts = text.split("-")
        if len(parts) == 3 and parts[1].lower() in _MONTHS:
            year = int(parts[2])
            year = year + 2000 if len(parts[2]) == 2 else year
            return dt.date(year, _MONTHS[parts[1].lower()], int(parts[0])).replace(day=1)
    except ValueError:
        pass
    raise RowError(f"unparsable date {value!r} (expected YYYY-MM-DD or DD-Mon-YY)")


def parse_count(value: str, column: str, *, required: bool) -> int | None:
    if value.isdecimal():  # the common case: plain digits, no spaces
        return int(value)
    text = value.strip()
    if not text:
        if required:
            raise RowError(f"{column} is empty")
        return None
    if not text.isdecimal():
        if text.startswith("-") and text[1:].isdecimal():
            raise RowError(f"{column} is negative ({text})")
        raise RowError(f"{column} is not a whole number ({value!r})")
    return int(text)


@lru_cache(maxsize=4096)  # a file has a few hundred distinct values
def parse_iso3(value: str) -> str:
    code = value.strip().upper()
    if code not in ISO3_CODES:
        raise RowError(f"unknown country code {value!r}")
    return code


@lru_cache(maxsize=4096)  # a file has a few dozen distinct values
def parse_mission(value: str) -> str | None:
    return value.strip().upper() or None


@lru_cache(maxsize=4096)  # a file has a few hundred distinct values
def parse_personnel_type(value: str) -> str:
    code = PERSONNEL_TYPE_LABELS.get(" ".join(value.strip().lower().split()))
    if code is None:
        raise RowError(f"unknown personnel type {value!r}")
    return code


def country_fallback_name(iso3: str) -> str:
    return UN_SHORT_NAMES.get(iso3) or pycountry.countries.get(alpha_3=iso3).name


def check_counts(female: int | None, male: int | None, total: int | None) -> int:
    """The total, after checking female + male = total; female and male are both given or both empty."""
    if (female is None) != (male is None):
        raise RowError("female and male must both be given or both be empty")
    if total is None:
        if female is None:
            raise RowError("no counts: female, male and total are empty")
        return female + male
    if female is not None and female + male != total:
        raise RowError(f"female {female} + male {male} ≠ total {total}")
    return total


# A row parser turns one record (a list of fields, in file order) into a Row; `make_*` binds the column positions
# once per file, so the per-row work is list indexing rather than building a dict per row.
RowParser = Callable[[list[str], int], Row]


def _make_un(col: dict[str, int]) -> RowParser:
    i_iso3, i_female, i_male, i_total = col["contributor_iso3"], col["female"], col["male"], col["total"]
    i_mission, i_name, i_printed = col["mission"], col["contributor"], col["contributor_as_printed"]
    i_type, i_month, i_flags, i_pdf = col["personnel_type"], col["month_end"], col["quality_flags"], col["source_pdf"]

    def parse(rec: list[str], line: int) -> Row:
        iso3 = parse_iso3(rec[i_iso3])
        # Plain digits are converted inline (the common case); parse_count handles the rest and the errors.
        v = rec[i_female]
        female = int(v) if v.isdecimal() else parse_count(v, "female", required=False)
        v = rec[i_male]
        male = int(v) if v.isdecimal() else parse_count(v, "male", required=False)
        v = rec[i_total]
        total = check_counts(female, male, int(v) if v.isdecimal() else parse_count(v, "total", required=True))
        return Row(
            line,
            iso3,
            rec[i_name].strip() or country_fallback_name(iso3),
            rec[i_printed].strip(),
            parse_mission(rec[i_mission]),
            parse_personnel_type(rec[i_type]),
            parse_month(rec[i_month]),
            female,
            male,
            total,
            rec[i_flags].strip(),
            rec[i_pdf].strip(),
        )

    return parse


def _make_ipi(col: dict[str, int]) -> RowParser:
    i_iso3, i_female, i_male, i_total = col["contributor_iso3"], col["female"], col["male"], col["total"]
    i_mission, i_name, i_type, i_month = col["mission"], col["contributor"], col["personnel_type"], col["date"]

    def parse(rec: list[str], line: int) -> Row:
        iso3 = parse_iso3(rec[i_iso3])
        v = rec[i_female]
        female = int(v) if v.isdecimal() else parse_count(v, "female", required=True)
        v = rec[i_male]
        male = int(v) if v.isdecimal() else parse_count(v, "male", required=True)
        v = rec[i_total]
        total = check_counts(female, male, int(v) if v.isdecimal() else parse_count(v, "total", required=True))
        name = rec[i_name].strip()
        return Row(
            line,
            iso3,
            name or country_fallback_name(iso3),
            name,
            parse_mission(rec[i_mission]),
            parse_personnel_type(rec[i_type]),
            parse_month(rec[i_month]),
            female,
            male,
            total,
            IPI_FLAGS,
            IPI_DOCUMENT,
        )

    return parse


def _make_data_hub(col: dict[str, int]) -> RowParser:
    i_iso3, i_female, i_male = col["isocode3"], col["female_personnel"], col["male_personnel"]
    i_mission, i_name, i_type = col["mission_acronym"], col["contributing_country"], col["personnel_type"]
    i_month, i_id = col["last_reporting_date"], col["contribution_id"]

    def parse(rec: list[str], line: int) -> Row:
        iso3 = parse_iso3(rec[i_iso3])
        female = parse_count(rec[i_female], "female_personnel", required=False)
        male = parse_count(rec[i_male], "male_personnel", required=False)
        total = check_counts(female, male, None)
        name = rec[i_name].strip()
        return Row(
            line,
            iso3,
            name or country_fallback_name(iso3),
            name,
            parse_mission(rec[i_mission]),
            parse_personnel_type(rec[i_type]),
            parse_month(rec[i_month]),
            female,
            male,
            total,
            "",
            f"contribution_id {rec[i_id].strip()}"[:200],
        )

    return parse


ROW_PARSERS: dict[str, Callable[[dict[str, int]], RowParser]] = {
    UN_MONTHLY: _make_un,
    IPI_LONG: _make_ipi,
    DATA_HUB: _make_data_hub,
}


def column_positions(header: list[str]) -> dict[str, int]:
    """Lower-cased, stripped column name → position (the last one wins if a name repeats)."""
    return {name.strip().lower(): i for i, name in enumerate(header)}


def read_rows(path: Path, *, progress: Callable[[int], None] | None = None) -> ParsedFile:
    """Parse and validate every row of a contributions file; LayoutError when the header is not recognised."""
    with open_text(path) as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise LayoutError("the file is empty") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise LayoutError(f"not a readable CSV file: {exc}") from exc
        layout = detect_layout(header)
        parse = ROW_PARSERS[layout](column_positions(header))
        width = len(header)
        result = ParsedFile(layout=layout)
        rows, rejections = result.rows, result.rejections
        seen: dict[tuple, int] = {}
        try:
            # Line numbers count records as csv.reader yields them, the header being line 1.
            for line, values in enumerate(reader, start=2):
                if len(values) != width:
                    if not values or (len(values) == 1 and not values[0].strip()):
                        continue  # blank lines (e.g. a trailing CRLF) are not rows
                    result.rows_read += 1
                    rejections.append(Rejection(line, f"expected {width} fields, found {len(values)}"))
                    continue
                result.rows_read += 1
                if progress and result.rows_read % PROGRESS_EVERY == 0:
                    progress(result.rows_read)
                try:
                    row = parse(values, line)
                except RowError as exc:
                    rejections.append(Rejection(line, str(exc)))
                    continue
                key = (row.iso3, row.mission, row.personnel_type, row.month)
                first = seen.setdefault(key, line)
                if first != line:
                    rejections.append(
                        Rejection(line, f"duplicate of line {first} (same country, mission, type, month)")
                    )
                    continue
                rows.append(row)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise LayoutError(f"file unreadable after line {result.rows_read + 1}: {exc}") from exc
    return result
