"""Read batch inputs (files, folders, JSON lines, URLs) into RawArticle records."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".text", ".md")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
KNOWN_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES

# INGEST_MAX_BYTES's default. Django callers pass the setting; the pipeline's own CLI uses this.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# JSON escapes text (\n, \", \u00e9...), so a record may be bigger than the article it holds: a JSON line or
# a .json file may be twice the cap plus room for the other fields. The article itself is capped downstream.
JSON_SLACK = 64 * 1024
# Memory used to skip past an over-long JSON line without keeping it.
_SKIP_CHUNK = 1024 * 1024
# An article record is an object of strings ({"url", "title", "text"}), maybe inside {"articles": [...]}: a few
# levels. Deeper input is refused with this bound rather than met by a RecursionError (a 500, an aborted batch).
MAX_JSON_DEPTH = 32

# A text where more than this share of characters are undecodable bytes (U+FFFD after decoding) or control
# characters is not an article: a binary file named .txt, a photo, a PDF, a UTF-16 file. Below it (a Latin-1 "é"
# here and there) the text is kept, with a warning.
MAX_NON_TEXT_SHARE = 0.10
# C0 controls but tab, newline, vertical tab, form feed and carriage return; DEL and the C1 controls; U+FFFD.
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")

# The corpus header is at most a few "KEY: value" lines; anything longer is body text.
_HEADER_KEYS = {"URL": "url", "TITLE": "title", "PUBLISHED": "published", "DATE": "published", "ID": "id"}


@dataclass
class RawArticle:
    """One article as read from its source, before any cleaning."""

    source: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    text: str | None = None
    html: str | None = None
    id: str | None = None
    error: str | None = None
    content_type: str | None = None


class JSONInputError(ValueError):
    """JSON that is refused whole: not JSON, or nested deeper than the bound; the message says which."""


def _too_deep(max_depth: int) -> str:
    return f"JSON nested deeper than {max_depth} levels"


def json_depth(value: object, limit: int) -> int:
    """The nesting depth of a parsed value (a scalar 0, [] 1, [[]] 2...), counted without recursion and only up
    to limit + 1 (enough to tell it is over)."""
    if not isinstance(value, (list, dict)):
        return 0
    deepest = 1
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > limit:
            return depth
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, (list, dict)))
    return deepest


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def loads_bounded(text: str | bytes, *, max_depth: int | None = MAX_JSON_DEPTH, strict: bool = False) -> object:
    """json.loads that fails with JSONInputError instead of a RecursionError on deep nesting (the C decoder
    recurses per level), and, with max_depth, refuses anything nested deeper. strict: NaN/Infinity refused too
    (they are not JSON; Python's json module accepts them)."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant if strict else None)
    except RecursionError:
        raise JSONInputError(_too_deep(max_depth or MAX_JSON_DEPTH)) from None
    except json.JSONDecodeError as exc:
        raise JSONInputError(f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
    except ValueError as exc:  # NaN / Infinity, or bytes that are not UTF-8/16/32
        raise JSONInputError(f"invalid JSON: {exc}") from None
    if max_depth is not None and json_depth(value, max_depth) > max_depth:
        raise JSONInputError(_too_deep(max_depth))
    return value


def parse_json(text: str | bytes, *, max_depth: int = MAX_JSON_DEPTH, strict: bool = True) -> object:
    """One JSON document, at most max_depth levels deep; JSONInputError saying why otherwise."""
    return loads_bounded(text, max_depth=max_depth, strict=strict)


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode UTF-8 (BOM tolerated); on invalid bytes keep going with replacement characters and say so."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return data.decode("utf-8", errors="replace"), f"invalid UTF-8 at byte {exc.start}; decoded with replacement"


def non_text_reason(text: str) -> str | None:
    """Why a decoded text is not an article's text (mostly undecodable or control characters), or None."""
    if not text:
        return None
    odd = len(_NON_TEXT.findall(text))
    if odd > MAX_NON_TEXT_SHARE * len(text):
        return (
            f"not text: {odd * 100 // len(text)}% of its {len(text)} characters are undecodable bytes or control"
            " characters (a binary file?)"
        )
    return None


def binary_reason(data: bytes) -> str | None:
    """Why a file's bytes are not a text article (NUL bytes, or mostly non-text once decoded), or None."""
    nul = data.find(b"\x00")
    if nul >= 0:
        # No UTF-8 text holds NUL; binary formats and UTF-16/32 text do.
        return f"NUL bytes (the first at byte {nul}; a binary file, or text not saved as UTF-8)"
    return non_text_reason(data.decode("utf-8", errors="replace"))


def split_header(content: str) -> tuple[dict[str, str], str]:
    """Split the optional corpus header ("URL: ...", "TITLE: ..." then a blank line) from the body, kept exact."""
    fields: dict[str, str] = {}
    pos = 0
    while True:
        nl = content.find("\n", pos)
        if nl < 0:
            return {}, content  # no blank line after the header: not a header at all
        line = content[pos:nl].rstrip("\r")
        if line == "":
            if fields:
                return fields, content[nl + 1 :]
            return {}, content
        key, sep, value = line.partition(":")
        name = _HEADER_KEYS.get(key.strip().upper()) if sep else None
        if name is None or len(fields) >= len(_HEADER_KEYS):
            return {}, content
        fields[name] = value.strip()
        pos = nl + 1


def _none_if_empty(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _from_record(record: object, source: str) -> RawArticle:
    """Map one JSON object to a RawArticle; non-objects become an error record."""
    if not isinstance(record, dict):
        return RawArticle(source=source, error=f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text") if record.get("text") is not None else record.get("content")
    html = record.get("html")
    raw = RawArticle(
        source=source,
        url=_none_if_empty(record.get("url") or record.get("link")),
        title=_none_if_empty(record.get("title")),
        published=_none_if_empty(record.get("published") or record.get("date")),
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) else None,
        id=_none_if_empty(record.get("id")),
    )
    if raw.text is None and raw.html is None:
        raw.error = "record has neither text nor html"
    return raw


def json_cap(max_bytes: int) -> int:
    """The largest JSON line (or .json file) read for articles capped at max_bytes."""
    return 2 * max_bytes + JSON_SLACK


def too_large(max_bytes: int, size: int | None = None) -> str:
    """The error for input over the cap; the same words the ingest service uses for an article over it."""
    found = f"{size} bytes" if size is not None else "more"
    return f"article is larger than INGEST_MAX_BYTES ({max_bytes} bytes): {found}, not read"


class _TooLarge(Exception):
    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


def _read_capped(path: str, cap: int) -> bytes:
    """At most `cap` bytes of a file: the size is checked before reading, and the read stops at cap + 1 bytes
    (a file that grows, or a device or pipe whose size stat cannot tell, is still never loaded whole)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > cap:
            raise _TooLarge(size)
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise _TooLarge(None)
    return data


def _read_text_file(path: str, content: str, note: str | None) -> RawArticle:
    fields, body = split_header(content)
    return RawArticle(
        source=path,
        url=_none_if_empty(fields.get("url")),
        title=_none_if_empty(fields.get("title")),
        published=_none_if_empty(fields.get("published")),
        text=body,
        id=fields.get("id") or Path(path).stem,
        error=note,
    )


def _read_json(path: str, content: str, note: str | None) -> Iterator[RawArticle]:
    try:
        # The file as a whole only needs to parse; the depth bound applies per record, so that one deep record
        # fails alone and the others of the file still land.
        data = loads_bounded(content, max_depth=None)
    except JSONInputError as exc:
        yield RawArticle(source=path, error=str(exc))
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for i, record in enumerate(records, 1):
        source = f"{path}#{i}" if isinstance(data, list) else path
        if json_depth(record, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            yield RawArticle(source=source, error=f"record {i}: {_too_deep(MAX_JSON_DEPTH)}")
            continue
        raw = _from_record(record, source)
        if note:
            raw.error = f"{raw.error}; {note}" if raw.error else note
        yield raw


def _skip_rest_of_line(fh: BinaryIO) -> None:
    while True:
        chunk = fh.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _read_jsonl(path: str, max_bytes: int) -> Iterator[RawArticle]:
    """One record per line, read line by line: memory holds one line, and a line over the cap is skipped."""
    name = os.path.basename(path)
    cap = json_cap(max_bytes)
    with open(path, "rb") as fh:
        lineno = 0
        while True:
            data = fh.readline(cap + 1)
            if not data:
                return
            lineno += 1
            source = f"{name}:{lineno}"
            if len(data) > cap and not data.endswith(b"\n"):
                _skip_rest_of_line(fh)
                yield RawArticle(source=source, error=f"line {lineno}: {too_large(max_bytes)}")
                continue
            line, note = _decode(data)
            if not line.strip():
                continue
            try:
                record = loads_bounded(line)
            except JSONInputError as exc:
                reason = str(exc).removeprefix("invalid JSON: ").rsplit(" at line ", 1)[0]
                yield RawArticle(source=source, error=f"invalid JSON on line {lineno}: {reason}")
                continue
            raw = _from_record(record, source)
            if note:
                raw.error = f"{raw.error}; {note}" if raw.error else note
            yield raw


def read_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle]:
    """Read one file by its suffix; unreadable or oversized files yield an error record instead of raising.

    Nothing over the cap is loaded: a .txt/.html file over max_bytes, or a .json file over json_cap(max_bytes),
    is refused from its size before it is read; a .jsonl file is read line by line, each line capped.
    """
    suffix = Path(path).suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes)
            return
        data = _read_capped(path, json_cap(max_bytes) if suffix in JSON_SUFFIXES else max_bytes)
    except _TooLarge as exc:
        yield RawArticle(source=path, id=Path(path).stem, error=too_large(max_bytes, exc.size))
        return
    except OSError as exc:
        yield RawArticle(source=path, error=f"cannot read file: {exc.strerror or exc}")
        return
    if suffix not in JSON_SUFFIXES:
        # A binary file (a photo, a PDF, a UTF-16 export) named .txt or .html is refused, not read as garbage.
        reason = binary_reason(data)
        if reason:
            yield RawArticle(source=path, id=Path(path).stem, error=f"not a text file: {reason}")
            return
    content, note = _decode(data)
    if suffix in JSON_SUFFIXES:
        yield from _read_json(path, content, note)
    elif suffix in HTML_SUFFIXES:
        yield RawArticle(source=path, html=content, id=Path(path).stem, error=note)
    else:
        yield _read_text_file(path, content, note)


def _read_url(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawArticle:
    # Imported lazily so reading local files never needs the network stack.
    from apps.ingest.pipeline.fetch import FetchError, fetch_url

    try:
        result = fetch_url(url, max_bytes=max_bytes)
    except FetchError as exc:
        return RawArticle(source=url, url=url, error=f"fetch failed: {exc.reason}")
    ctype = (result.content_type or "").lower()
    raw = RawArticle(source=url, url=result.url or url, content_type=result.content_type)
    if "html" in ctype or (not ctype and result.text.lstrip()[:1] == "<"):
        raw.html = result.text
    else:
        raw.text = result.text
    return raw


def _walk(directory: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        stems = {os.path.splitext(n)[0] for n in files if n.lower().endswith(TEXT_SUFFIXES + HTML_SUFFIXES)}
        for name in files:
            stem, suffix = os.path.splitext(name)
            if name.startswith(".") or not name.lower().endswith(KNOWN_SUFFIXES) or name == "manifest.json":
                continue
            # A .json beside a .txt/.html of the same name is its sidecar (metadata/annotation), not an article.
            if suffix.lower() in JSON_SUFFIXES and stem in stems:
                continue
            found.append(os.path.join(root, name))
    return sorted(found)


def read_inputs(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle]:
    """Yield RawArticles for files, directories (recursive, sorted) and http(s) URLs, in input order."""
    for item in paths:
        if item.startswith(("http://", "https://")):
            yield _read_url(item, max_bytes=max_bytes)
        elif os.path.isdir(item):
            for path in _walk(item):
                yield from read_file(path, max_bytes=max_bytes)
        else:
            yield from read_file(item, max_bytes=max_bytes)
