"""One row of an official contributions file: the known layouts, the column limits, and the parsers that turn a
record (its fields as read) into a `Row` or raise `RowError` with the reason shown to the user (no file or
database access; apps.deployments.importers reads the files).

Three layouts are recognised by their header: the parsed UN DPO monthly reports, IPI's long file, and the
UN Peace and Security Data Hub export (DPO-UCHISTORICAL / DPO-UCLATEST).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

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

# The columns' range and lengths (Contribution, Country, Mission; tests/deployments/test_import_limits.py checks
# them against the models). A value outside them is a rejected row: PostgreSQL's binary COPY would wrap a count
# above 2^31 to 32 bits without a word, and a text over its column's length is an error only at the write.
MAX_COUNT = 2_147_483_647  # PositiveIntegerField: integer with a CHECK >= 0
MAX_COUNT_DIGITS = len(str(MAX_COUNT))
NAME_LENGTH = 120  # Country.name, CountryAlias.name, Contribution.country_as_printed
MISSION_LENGTH = 20  # Mission.acronym
FLAGS_LENGTH = 300  # Contribution.quality_flags
DOCUMENT_LENGTH = 200  # Contribution.source_document
HUB_DOCUMENT_PREFIX = "contribution_id "


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
    if not text:
        raise RowError("the date is empty")
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


def too_large(column: str, text: str) -> RowError:
    shown = text if len(text) <= 20 else f"{text[:20]}… ({len(text)} digits)"
    return RowError(f"{column} {shown} is larger than a count can be (at most {MAX_COUNT:,})")


def parse_count(value: str, column: str, *, required: bool) -> int | None:
    """A count in the column's range (0..MAX_COUNT); RowError naming the column otherwise."""
    if value.isdecimal() and len(value) < MAX_COUNT_DIGITS:  # the common case: a few plain digits
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
    # Checked on the digits before converting: int() refuses strings over 4,300 digits with a ValueError.
    if len(text.lstrip("0")) > MAX_COUNT_DIGITS or int(text) > MAX_COUNT:
        raise too_large(column, text)
    return int(text)


def parse_text(value: str, column: str, limit: int) -> str:
    """The stripped text, refused when longer than its column (the database would refuse it at the write)."""
    text = value.strip()
    if len(text) > limit:
        raise RowError(f"{column} is longer than its column allows ({len(text)} > {limit} characters)")
    return text


@lru_cache(maxsize=4096)  # a file has a few hundred distinct values
def parse_iso3(value: str) -> str:
    code = value.strip().upper()
    if not code:
        raise RowError("the country code is empty")
    if code not in ISO3_CODES:
        raise RowError(f"unknown country code {value!r}")
    return code


@lru_cache(maxsize=4096)  # a file has a few dozen distinct values (errors are not cached)
def parse_mission(value: str, column: str = "mission") -> str | None:
    # Upper-cased before the length check: upper() can lengthen a text ('ß' → 'SS').
    return parse_text(value.upper(), column, MISSION_LENGTH) or None


@lru_cache(maxsize=4096)  # a file has a few hundred distinct values
def parse_personnel_type(value: str) -> str:
    label = " ".join(value.strip().lower().split())
    if not label:
        raise RowError("the personnel type is empty")
    code = PERSONNEL_TYPE_LABELS.get(label)
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
        if female + male > MAX_COUNT:  # each fits, their sum may not
            raise too_large("total (female + male)", str(female + male))
        return female + male
    if female is not None and female + male != total:
        raise RowError(f"female {female} + male {male} ≠ total {total}")
    return total


# Fewer digits than this are always within MAX_COUNT, so the parsers convert them without a range check.
SHORT = MAX_COUNT_DIGITS
# Texts up to this long fit every text column, so the parsers check a column's limit only on longer ones.
SHORT_TEXT = min(NAME_LENGTH, FLAGS_LENGTH, DOCUMENT_LENGTH)

# A row parser turns one record (a list of fields, in file order) into a Row; `make_*` binds the column positions
# once per file, so the per-row work is list indexing rather than building a dict per row.
RowParser = Callable[[list[str], int], Row]


def _make_un(col: dict[str, int]) -> RowParser:
    i_iso3, i_female, i_male, i_total = col["contributor_iso3"], col["female"], col["male"], col["total"]
    i_mission, i_name, i_printed = col["mission"], col["contributor"], col["contributor_as_printed"]
    i_type, i_month, i_flags, i_pdf = col["personnel_type"], col["month_end"], col["quality_flags"], col["source_pdf"]

    def parse(rec: list[str], line: int) -> Row:
        iso3 = parse_iso3(rec[i_iso3])
        # Up to 9 plain digits are converted inline (the common case, always in range); parse_count handles the
        # rest: spaces, errors, and the range check.
        v = rec[i_female]
        female = int(v) if v.isdecimal() and len(v) < SHORT else parse_count(v, "female", required=False)
        v = rec[i_male]
        male = int(v) if v.isdecimal() and len(v) < SHORT else parse_count(v, "male", required=False)
        v = rec[i_total]
        total = int(v) if v.isdecimal() and len(v) < SHORT else parse_count(v, "total", required=True)
        if female is None or male is None or female + male != total:  # the common case passes this one test
            total = check_counts(female, male, total)
        # Texts are stripped inline and checked against their column only when long (parse_text says why), in
        # the order of the reasons a row can have.
        name, printed = rec[i_name].strip(), rec[i_printed].strip()
        if len(name) > SHORT_TEXT or len(printed) > SHORT_TEXT:
            parse_text(name, "contributor", NAME_LENGTH)
            parse_text(printed, "contributor_as_printed", NAME_LENGTH)
        mission, personnel_type, month = (
            parse_mission(rec[i_mission]),
            parse_personnel_type(rec[i_type]),
            parse_month(rec[i_month]),
        )
        flags, pdf = rec[i_flags].strip(), rec[i_pdf].strip()
        if len(flags) > SHORT_TEXT or len(pdf) > SHORT_TEXT:
            parse_text(flags, "quality_flags", FLAGS_LENGTH)
            parse_text(pdf, "source_pdf", DOCUMENT_LENGTH)
        return Row(
            line,
            iso3,
            name or country_fallback_name(iso3),
            printed,
            mission,
            personnel_type,
            month,
            female,
            male,
            total,
            flags,
            pdf,
        )

    return parse


def _make_ipi(col: dict[str, int]) -> RowParser:
    i_iso3, i_female, i_male, i_total = col["contributor_iso3"], col["female"], col["male"], col["total"]
    i_mission, i_name, i_type, i_month = col["mission"], col["contributor"], col["personnel_type"], col["date"]

    def parse(rec: list[str], line: int) -> Row:
        iso3 = parse_iso3(rec[i_iso3])
        v = rec[i_female]
        female = int(v) if v.isdecimal() and len(v) < SHORT else parse_count(v, "female", required=True)
        v = rec[i_male]
        male = int(v) if v.isdecimal() and len(v) < SHORT else parse_count(v, "male", required=True)
        v = rec[i_total]
        total = check_counts(
            female, male, int(v) if v.isdecimal() and len(v) < SHORT else parse_count(v, "total", required=True)
        )
        name = parse_text(rec[i_name], "contributor", NAME_LENGTH)
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
        name = parse_text(rec[i_name], "contributing_country", NAME_LENGTH)
        # Refused rather than cut: a cut id would point at another record of the Data Hub.
        contribution_id = parse_text(rec[i_id], "contribution_id", DOCUMENT_LENGTH - len(HUB_DOCUMENT_PREFIX))
        return Row(
            line,
            iso3,
            name or country_fallback_name(iso3),
            name,
            parse_mission(rec[i_mission], "mission_acronym"),
            parse_personnel_type(rec[i_type]),
            parse_month(rec[i_month]),
            female,
            male,
            total,
            "",
            HUB_DOCUMENT_PREFIX + contribution_id,
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


def current_month() -> dt.date:
    """First day of this month (UTC): no file can report a later month."""
    return dt.datetime.now(dt.UTC).date().replace(day=1)
