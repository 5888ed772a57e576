"""Reading official contribution files: layout detection, parsing and row validation (no database access).

Three layouts are recognised by their header: the parsed UN DPO monthly reports, IPI's long file, and the
UN Peace and Security Data Hub export (DPO-UCHISTORICAL / DPO-UCLATEST). Every row either becomes a
`Row` or a `Rejection` with its line number and reason; one bad row never stops the others.

A file is read in chunks (`RowStream`), so memory stays flat whatever its size: the only state kept across
chunks is the rejections and, for the duplicate check, 12 bytes per distinct key (`SeenKeys`).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import itertools
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
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
# Rows parsed before they are handed on (resolved and written): ~0.65 KB each while a chunk is held.
CHUNK_ROWS = 50_000
# Characters read from the file at a time (RowStream._blocks).
BLOCK_CHARS = 1 << 18

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
# Bad bytes are read as lone surrogates (errors="surrogateescape") so that they are reported on their own line and
# field; strict decoding fails on a whole 8 KB block, some lines before the one that holds the byte.
_SURROGATE = re.compile("[\udc80-\udcff]")


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


def open_text(path: Path, *, errors: str = "strict") -> io.TextIOBase:
    """Open a .csv or a gzip-compressed .csv (recognised by its magic bytes, whatever its name) as text."""
    raw = gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")  # noqa: SIM115 - wrapped and returned
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors=errors, newline="")


# What a truncated or damaged .gz raises while it is read (BadGzipFile is an OSError).
COMPRESSED_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


def compressed_error(exc: BaseException, line: int) -> LayoutError:
    if isinstance(exc, EOFError):
        why = "the compressed file ends early (a truncated .gz)"
    else:
        why = "the compressed data is damaged"
    return LayoutError(f"line {line}: {why}: {exc}; nothing from this file was kept")


def file_sha256(path: Path) -> str:
    """sha256 of the uncompressed content, so a file and its .gz copy count as the same release.

    A truncated or damaged .gz is a LayoutError naming the line where its readable content stops."""
    digest = hashlib.sha256()
    opener = gzip.open if is_gzip(path) else open
    newlines = 0
    with opener(path, "rb") as fh:
        try:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
                newlines += chunk.count(b"\n")
        except COMPRESSED_ERRORS as exc:
            raise compressed_error(exc, newlines + 1) from exc
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


class SeenKeys:
    """The keys (country, mission, type, month) accepted so far in one file, each with the line it was first on.

    Kept compact for files of millions of rows: a key is packed into a uint64 (each part interned to a small
    int), stored with its line (uint32) in sorted numpy runs — 12 bytes a key. A new run is merged into the one
    before it while that one is at most twice its size and their sum stays within MAX_RUN keys, so run sizes grow
    geometrically leftwards: a chunk is searched in about log2(MAX_RUN / chunk) + keys / MAX_RUN runs, each key
    is copied O(log n) times, and a merge never holds more than 2 × MAX_RUN keys' worth of extra memory.
    """

    MAX_RUN = 2_000_000  # keys (24 MB)

    def __init__(self) -> None:
        self._parts: tuple[dict, dict, dict, dict] = ({}, {None: 0}, {}, {})
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []

    BITS = (16, 24, 8, 16)  # country, mission, type, month

    def pack(self, row: Row) -> int:
        """The row's key as one integer (country 16 bits, mission 24, type 8, month 16)."""
        countries, missions, types, months = self._parts
        c = countries.get(row.iso3) or self._intern(0, row.iso3, row.line)
        m = missions.get(row.mission)
        if m is None:
            m = self._intern(1, row.mission, row.line)
        t = types.get(row.personnel_type) or self._intern(2, row.personnel_type, row.line)
        mo = months.get(row.month) or self._intern(3, row.month, row.line)
        return c << 48 | m << 24 | t << 16 | mo

    def _intern(self, part: int, value, line: int) -> int:
        """A new small int for a value first seen; a file with more distinct values than its bits hold (e.g.
        70,000 distinct months) is refused rather than letting the parts overlap into false duplicates."""
        ids = self._parts[part]
        number = len(ids) + (part != 1)  # missions count from 0 (None is 0), the others from 1
        if number >= 1 << self.BITS[part]:
            what = ("countries", "missions", "personnel types", "months")[part]
            raise LayoutError(f"line {line}: more distinct {what} than one import can hold")
        ids[value] = number
        return number

    @property
    def nbytes(self) -> int:
        return sum(keys.nbytes + lines.nbytes for keys, lines in self._runs)

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    def add(self, keys: list[int], lines: list[int]) -> np.ndarray:
        """Record one chunk's keys (in file order); returns for each the line it repeats, 0 when first seen."""
        n = len(keys)
        repeats = np.zeros(n, dtype=np.uint32)
        if not n:
            return repeats
        key_arr = np.fromiter(keys, dtype=np.uint64, count=n)
        line_arr = np.fromiter(lines, dtype=np.uint32, count=n)
        order = np.argsort(key_arr, kind="stable")  # stable: the first of equal keys is the earliest line
        sorted_keys, sorted_lines = key_arr[order], line_arr[order]
        starts = np.empty(n, dtype=bool)
        starts[0] = True
        np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=starts[1:])
        distinct, first_line = sorted_keys[starts], sorted_lines[starts]
        earlier = np.zeros(len(distinct), dtype=np.uint32)  # line in an earlier chunk, 0 if none
        for run_keys, run_lines in self._runs:
            pos = np.searchsorted(run_keys, distinct)
            pos[pos == len(run_keys)] = 0
            hit = run_keys[pos] == distinct
            earlier[hit] = run_lines[pos[hit]]
        group = np.cumsum(starts) - 1  # each sorted row → its distinct key
        seen_before = earlier[group] > 0
        original = np.where(seen_before, earlier[group], first_line[group])
        repeats[order] = np.where(seen_before | ~starts, original, 0)
        fresh = earlier == 0
        self._push(distinct[fresh], first_line[fresh])
        return repeats

    def _push(self, keys: np.ndarray, lines: np.ndarray) -> None:
        if len(keys):
            self._runs.append((keys, lines))
        runs = self._runs
        # A merge briefly holds both runs and their union; capping run size caps that extra memory (at the cost
        # of one more run to search per MAX_RUN keys).
        while (
            len(runs) >= 2
            and len(runs[-2][0]) <= 2 * len(runs[-1][0])
            and len(runs[-2][0]) + len(runs[-1][0]) <= self.MAX_RUN
        ):
            (k2, l2), (k1, l1) = runs.pop(), runs.pop()
            pos = np.searchsorted(k1, k2)  # keys are distinct across runs: a plain sorted insert merges them
            runs.append((np.insert(k1, pos, k2), np.insert(l1, pos, l2)))


DUPLICATE = "duplicate of line {} (same country, mission, type, month)"


class RowStream:
    """A contributions file read chunk by chunk: `chunks()` yields lists of valid rows in file order.

    The header is read on opening (LayoutError for a file that is not one of the known layouts, before anything
    is written). `rows_read` and `rejections` grow as the chunks are read; rejections stay in line order.
    A row is rejected when it cannot be parsed, reports a month later than `latest_month` (by default the
    current month), or repeats the key of an earlier row of the file.
    """

    def __init__(
        self,
        path: Path,
        *,
        chunk_rows: int = CHUNK_ROWS,
        progress: Callable[[int], None] | None = None,
        latest_month: dt.date | None = None,
    ) -> None:
        self.path = Path(path)
        self.chunk_rows = chunk_rows
        self.progress = progress
        self.latest_month = latest_month or current_month()
        self.rows_read = 0
        self.rejections: list[Rejection] = []
        self.seen = SeenKeys()
        self._fh = open_text(self.path, errors="surrogateescape")
        self._odd = False  # the record being read holds a NUL or an undecodable byte (set by _lines)
        try:
            self._reader = csv.reader(self._lines())
            try:
                header = next(self._reader)
            except StopIteration:
                raise LayoutError("the file is empty") from None
            except csv.Error as exc:
                raise LayoutError(f"not a readable CSV file: {exc}") from exc
            except COMPRESSED_ERRORS as exc:
                raise compressed_error(exc, 1) from exc
            if self._odd:
                raise LayoutError(f"not a readable CSV file: the header is not UTF-8 text: {header!r}")
            self.layout = detect_layout(header)
            self._parse = ROW_PARSERS[self.layout](column_positions(header))
            self._width = len(header)
            self._names = [name.strip().lower() for name in header]
        except BaseException:
            self._fh.close()
            raise

    def __enter__(self) -> RowStream:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._fh.close()

    def _lines(self) -> Iterator[str]:
        """The file's lines for csv.reader, flagging those with a NUL or an undecodable byte (the csv module
        accepts NULs; the database refuses them in text)."""
        return itertools.chain.from_iterable(self._blocks())

    def _blocks(self) -> Iterator[Iterable[str]]:
        """The text in blocks of whole lines. Both tests are C-speed scans of a whole block (the second only on
        non-ASCII text); a clean block's lines are split in C by a StringIO (newline="": the same line ends as
        the file's own iteration), so no Python code runs per line. A block with a NUL or a bad byte goes line by
        line, each line flagged as before."""
        read, tail = self._fh.read, ""
        while True:
            text = read(BLOCK_CHARS)
            if not text:
                if tail:
                    yield self._flagged(tail)
                return
            text = tail + text
            # Cut after the last \n (a \r\n is never split); a file of \r-only line ends, after its last \r.
            cut = text.rfind("\n") + 1 or text.rfind("\r", 0, len(text) - 1) + 1
            if not cut:
                tail = text
                continue
            block, tail = text[:cut], text[cut:]
            if "\x00" in block or (not block.isascii() and _SURROGATE.search(block)):
                yield self._flagged(block)
            else:
                yield io.StringIO(block, newline="")

    def _flagged(self, block: str) -> Iterator[str]:
        for text in io.StringIO(block, newline=""):
            if "\x00" in text or (not text.isascii() and _SURROGATE.search(text)):
                self._odd = True
            yield text

    def _odd_record(self, values: list[str], line: int) -> Rejection | None:
        """An undecodable byte refuses the file (its encoding is not UTF-8, so other rows may be misread too);
        a NUL rejects its row. Either names the line and the field."""
        names = self._names
        for i, value in enumerate(values):
            name = names[i] if i < len(names) else f"field {i + 1}"
            found = _SURROGATE.search(value)
            if found:
                byte = ord(found.group()) - 0xDC00
                raise LayoutError(
                    f"file unreadable at line {line}, field {name}: not UTF-8 text (byte 0x{byte:02x});"
                    " save the file as UTF-8"
                )
        for i, value in enumerate(values):
            if "\x00" in value:
                name = names[i] if i < len(names) else f"field {i + 1}"
                return Rejection(line, f"{name} contains a NUL byte")
        return None

    def chunks(self) -> Iterator[list[Row]]:
        """Valid, first-seen rows, at most `chunk_rows` at a time; LayoutError if the file turns unreadable."""
        parse, width, progress, latest = self._parse, self._width, self.progress, self.latest_month
        rows: list[Row] = []
        keys: list[int] = []
        rejected: list[Rejection] = []
        pack = self.seen.pack
        line = 1
        try:
            # Line numbers count records as csv.reader yields them, the header being line 1.
            for line, values in enumerate(self._reader, start=2):  # noqa: B007 - `line` is read after the loop
                if self._odd:
                    self._odd = False
                    odd = self._odd_record(values, line)
                    if odd is not None:
                        self.rows_read += 1
                        rejected.append(odd)
                        continue
                if len(values) != width:
                    if not values or (len(values) == 1 and not values[0].strip()):
                        continue  # blank lines (e.g. a trailing CRLF) are not rows
                    self.rows_read += 1
                    rejected.append(Rejection(line, f"expected {width} fields, found {len(values)}"))
                    continue
                self.rows_read += 1
                if progress and self.rows_read % PROGRESS_EVERY == 0:
                    progress(self.rows_read)
                try:
                    row = parse(values, line)
                except RowError as exc:
                    rejected.append(Rejection(line, str(exc)))
                    continue
                if row.month > latest:
                    rejected.append(
                        Rejection(line, f"month {row.month:%Y-%m} is in the future (latest accepted: {latest:%Y-%m})")
                    )
                    continue
                rows.append(row)
                keys.append(pack(row))
                if len(rows) >= self.chunk_rows:
                    yield self._checked(rows, keys, rejected)
                    rows, keys, rejected = [], [], []
        except csv.Error as exc:  # e.g. a field over the csv module's 128 KiB limit
            raise LayoutError(f"file unreadable at line {line + 1}: {exc}") from exc
        except COMPRESSED_ERRORS as exc:
            raise compressed_error(exc, line + 1) from exc
        last = self._checked(rows, keys, rejected)
        if last:
            yield last

    def _checked(self, rows: list[Row], keys: list[int], rejected: list[Rejection]) -> list[Row]:
        """Drop the rows whose key an earlier row had; the chunk's rejections join the list in line order."""
        if rows and rows[-1].line > MAX_COUNT:  # source_line's range (and SeenKeys' uint32 lines)
            raise LayoutError(f"line {rows[-1].line}: more lines than one import can hold ({MAX_COUNT:,})")
        repeats = self.seen.add(keys, [r.line for r in rows])
        if repeats.any():
            kept = []
            for row, first in zip(rows, repeats.tolist(), strict=True):
                if first:
                    rejected.append(Rejection(row.line, DUPLICATE.format(first)))
                else:
                    kept.append(row)
            rows = kept
            rejected.sort(key=lambda r: r.line)
        self.rejections.extend(rejected)
        return rows


def read_rows(path: Path, *, progress: Callable[[int], None] | None = None) -> ParsedFile:
    """Parse and validate every row of a contributions file at once (small files; imports use RowStream)."""
    with RowStream(path, progress=progress) as stream:
        rows = [row for chunk in stream.chunks() for row in chunk]
        return ParsedFile(layout=stream.layout, rows=rows, rejections=stream.rejections, rows_read=stream.rows_read)
