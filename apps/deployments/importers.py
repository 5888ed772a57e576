"""Reading official contribution files: opening (.csv or .csv.gz), layout detection, and the rows streamed in
chunks with their rejections (no database access). What one row may hold and its parsers are in
apps.deployments.rows, whose names are importable from here too.

Every row either becomes a `Row` or a `Rejection` with its line number and reason; one bad row never stops the
others. A file is read in chunks (`RowStream`), so memory stays flat whatever its size: the only state kept across
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
from pathlib import Path

import numpy as np

from apps.deployments.rows import (
    DATA_HUB,
    DOCUMENT_LENGTH,
    FLAGS_LENGTH,
    HUB_DOCUMENT_PREFIX,
    IPI_DOCUMENT,
    IPI_FLAGS,
    IPI_LONG,
    ISO3_CODES,
    LAYOUT_COLUMNS,
    MAX_COUNT,
    MAX_COUNT_DIGITS,
    MISSION_LENGTH,
    NAME_LENGTH,
    ROW_PARSERS,
    UN_MONTHLY,
    LayoutError,
    Rejection,
    Row,
    RowError,
    RowParser,
    check_counts,
    column_positions,
    country_fallback_name,
    current_month,
    detect_layout,
    parse_count,
    parse_iso3,
    parse_mission,
    parse_month,
    parse_personnel_type,
    parse_text,
    too_large,
)

# The row names stay importable from here (apps.deployments.rows holds them).
__all__ = [
    "DATA_HUB",
    "DOCUMENT_LENGTH",
    "FLAGS_LENGTH",
    "HUB_DOCUMENT_PREFIX",
    "IPI_DOCUMENT",
    "IPI_FLAGS",
    "IPI_LONG",
    "ISO3_CODES",
    "LAYOUT_COLUMNS",
    "LayoutError",
    "MAX_COUNT",
    "MAX_COUNT_DIGITS",
    "MISSION_LENGTH",
    "NAME_LENGTH",
    "ROW_PARSERS",
    "Rejection",
    "Row",
    "RowError",
    "RowParser",
    "UN_MONTHLY",
    "check_counts",
    "column_positions",
    "country_fallback_name",
    "current_month",
    "detect_layout",
    "parse_count",
    "parse_iso3",
    "parse_mission",
    "parse_month",
    "parse_personnel_type",
    "parse_text",
    "too_large",
    "CHUNK_ROWS",
    "ParsedFile",
    "RowStream",
    "SeenKeys",
    "file_sha256",
    "open_text",
    "read_rows",
]

PROGRESS_EVERY = 10_000
# Rows parsed before they are handed on (resolved and written): ~0.65 KB each while a chunk is held.
CHUNK_ROWS = 50_000
# Characters read from the file at a time (RowStream._blocks).
BLOCK_CHARS = 1 << 18

# Bad bytes are read as lone surrogates (errors="surrogateescape") so that they are reported on their own line and
# field; strict decoding fails on a whole 8 KB block, some lines before the one that holds the byte.
_SURROGATE = re.compile("[\udc80-\udcff]")


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
