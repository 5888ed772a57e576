"""Find an article's publication date in its metadata, head lines, dateline or URL."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_ISO = re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)")
_NUMERIC = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<year>(?:19|20)\d{2})\b")
_MONTH_FIRST = re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b", re.I)
_DAY_FIRST = re.compile(rf"\b{_DAY},?\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b", re.I)
_DATE_PREFIX = re.compile(r"^\s*date (\d{4})-(\d{2})-(\d{2})\s")
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|-|\b)")
_URL_COMPACT = re.compile(r"/(?P<year>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:/|\b)")
_BYLINE = re.compile(r"^\s*(?:by\s|posted\b|published\b|updated\b|last updated\b|\w[\w .]*\|)", re.I)
# A dateline opens the first paragraph: "New York 29th, May 2020 (GNP):", "HANOI, May 6, 2021 (Reuters) -".
_DATELINE = re.compile(r"^\s*[A-Z][\w .'’-]{1,40}?[, ]+(?P<date>[^():–—-]{6,30}?)\s*(?:\([\w .]{2,20}\))?\s*[:–—-]")
_RELATIVE_MD = re.compile(rf"\b{_MON}\s+{_DAY}\b", re.I)
_RELATIVE_DM = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?![a-z])", re.I)
# Stamps that date a page's content, not its publication: "(As of October 2012)".
_AS_OF = re.compile(r"\(?\s*as of\b[^)\n]{0,30}\)?", re.I)
_PROSE_LINE = 120  # the head ends at the first line this long: bylines and stamps are short


@dataclass(frozen=True)
class DateFound:
    """A publication date and where it was found (metadata, date-prefix, byline, dateline, url, text)."""

    date: dt.date | None
    source: str | None


def _mk(year: int, month: int, day: int) -> dt.date | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    # Publication dates outside this window are stamps or typos, not when the page appeared.
    if not (1990 <= value.year <= dt.date.today().year + 1):
        return None
    return value


def parse_date(text: str) -> dt.date | None:
    """Parse the first full date in a short string (ISO, dd/mm/yyyy, "May 6, 2019", "29th, May 2020")."""
    found: list[tuple[int, dt.date]] = []
    for m in _ISO.finditer(text):
        if (d := _mk(int(m["year"]), int(m["m"]), int(m["d"]))) is not None:
            found.append((m.start(), d))
    for m in _NUMERIC.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        # Day first (the convention of most outlets outside the US), unless that is impossible.
        d = _mk(int(m["year"]), b, a) if b <= 12 else _mk(int(m["year"]), a, b)
        if d is not None:
            found.append((m.start(), d))
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        for m in pattern.finditer(text):
            if (d := _mk(int(m["year"]), MONTHS[m["mon"][:3].lower()], int(m["day"]))) is not None:
                found.append((m.start(), d))
    return min(found, key=lambda item: item[0])[1] if found else None


def date_from_url(url: str | None) -> dt.date | None:
    """A /YYYY/MM/DD/ (or /YYYY-MM-DD, /YYYYMMDD/) date in a URL path."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?")[0]
    for pattern in (_URL_DATE, _URL_COMPACT):
        m = pattern.search(path)
        if m and (d := _mk(int(m["year"]), int(m["m"]), int(m["d"]))) is not None:
            return d
    return None


def _head_lines(raw_text: str) -> tuple[list[str], str | None]:
    """Lines before the first prose paragraph, and that paragraph (datelines sit at its start)."""
    head: list[str] = []
    for line in raw_text[:3000].split("\n"):
        s = line.strip()
        if not s:
            continue
        if len(s) >= _PROSE_LINE:
            return head, s
        head.append(s)
        if len(head) > 12:
            break
    return head, None


def find_published(
    *,
    raw_text: str,
    url: str | None = None,
    title: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> DateFound:
    """The article's publication date from metadata, archive prefix, head lines, dateline or URL, in that order."""
    meta = (metadata or {}).get("published") or (metadata or {}).get("date")
    if isinstance(meta, dt.datetime):
        return DateFound(meta.date(), "metadata")
    if isinstance(meta, dt.date):
        return DateFound(meta, "metadata")
    if isinstance(meta, str) and (d := parse_date(meta)) is not None:
        return DateFound(d, "metadata")

    m = _DATE_PREFIX.match(raw_text)
    if m and (d := _mk(int(m[1]), int(m[2]), int(m[3]))) is not None:
        return DateFound(d, "date-prefix")

    # Only the head is read: dates further down are events, and page tails carry other stories' stamps.
    head, first_para = _head_lines(raw_text)
    for line in head:
        if title and line.strip() == title.strip():
            continue
        if _AS_OF.fullmatch(line.strip()):
            continue
        if (d := parse_date(_AS_OF.sub(" ", line))) is not None:
            return DateFound(d, "byline" if _BYLINE.match(line) else "text")

    for para in ([first_para] if first_para else []) + head[-1:]:
        dm = _DATELINE.match(para)
        if dm and (d := parse_date(dm["date"])) is not None:
            return DateFound(d, "dateline")

    if (d := date_from_url(url)) is not None:
        return DateFound(d, "url")
    return DateFound(None, None)


def resolve_relative(text_fragment: str, known_year: int | None) -> dt.date | None:
    """Resolve a year-less date ("on April 6", "6 April") against a known year; None if either is missing."""
    if known_year is None:
        return None
    full = parse_date(text_fragment)
    if full is not None:
        return full
    m = _RELATIVE_MD.search(text_fragment) or _RELATIVE_DM.search(text_fragment)
    if not m:
        return None
    return _mk(known_year, MONTHS[m["mon"][:3].lower()], int(m["day"]))
