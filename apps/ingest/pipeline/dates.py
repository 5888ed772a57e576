"""Find an article's publication date in its metadata, head lines, dateline or URL."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from apps.ingest.pipeline.numbers import MONTHS as _MONTH_NAMES

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_WORD = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_MON = rf"(?P<mon>{_MONTH_WORD})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

# ISO order with dashes, or dots/slashes as some outlets print it ("2024.07.29", "2024/07/29").
_ISO = re.compile(rf"\b{_YEAR}(?P<sep>[-./])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d.])")
_NUMERIC = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d{2})\b")
# "May 6, 2021", "Jun 02,2024" (no space after the comma), "June 12/2023" (a wire service's day/year).
_MONTH_FIRST = re.compile(rf"\b{_MON}\s+{_DAY}(?:,\s*|\s*/\s*|\s+){_YEAR}\b", re.I)
_DAY_FIRST = re.compile(rf"\b{_DAY},?\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b", re.I)
_DATE_PREFIX = re.compile(r"^\s*date (\d{4})-(\d{2})-(\d{2})\s")
# URL dates: a /YYYY/MM/DD/ path (or /YYYY/MM-DD/), or a date inside a slug ("/a-13-2006-09-16-voa24/"),
# always between path delimiters so that an article id's digits ("post107166") never read as one.
_URL_DATE = re.compile(r"(?<=[/_-])(?P<year>(?:19|20)\d{2})[/_-](?P<m>[01]?\d)[/_-](?P<d>[0-3]?\d)(?![0-9])")
_URL_MONTH_NAME = re.compile(rf"/{_YEAR}/{_MON}/(?P<day>[0-3]?\d)(?:/|$)", re.I)  # /2019/aug/28/ (Guardian style)
_URL_COMPACT = re.compile(r"(?<=[/_-])(?P<year>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![0-9])")
_BYLINE = re.compile(r"^\s*(?:by\s|posted\b|published\b|updated\b|last updated\b|\w[\w .]*\|)", re.I)
# A dateline opens the first paragraph: "New York 29th, May 2020 (GNP):", "HANOI, May 6, 2021 (Reuters) -".
# An agency's name in brackets may close it alone: "Addis Ababa, June 12/2023 (ENA) Ethiopia has ...".
_DATELINE = re.compile(
    r"^\s*[A-Z][\w .'’-]{1,40}?[, ]+(?P<date>[^():–—-]{6,30}?)\s*(?:\([\w .]{2,20}\)\s*[:–—-]?|[:–—-])"
)
_RELATIVE_MD = re.compile(rf"\b{_MON}\s+{_DAY}\b", re.I)
_RELATIVE_DM = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?![a-z])", re.I)
# Stamps that date a page's content, not its publication: "(As of October 2012)".
_AS_OF = re.compile(r"\(?\s*as of\b[^)\n]{0,30}\)?", re.I)
# Labels that say which date a head line carries: publication ("Published", "Posted", "By <author>") or edit.
_PUBLISHED_LABEL = re.compile(
    r"^\W*(?:(?:first\s+|originally\s+)?(?:published|posted|released|issued)(?:\s+(?:on|at))?\b|date\s*published\b"
    # "By <Author>" but not prose that opens with a deadline: "By 2028 ...", "By the end of ...", "By May 3, ..."
    rf"|(?-i:By|BY)\s+(?!(?:the|end|mid|early|late|then|now|{_MONTH_WORD})\b)(?-i:[A-Z]))",
    re.I,
)
_UPDATED_LABEL = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|edited|revised)\b", re.I)
# Site headers print the day of the visit: "Today's Paper | <date>", "Today: <date>".
_TODAY = re.compile(r"\btoday\b", re.I)
# Short head lines that open a list of other stories (each with its own date), not the story's byline.
_RELATED = re.compile(
    r"^\W*(?:related(?:\s+(?:news|stories|articles|posts|content))?|latest(?:\s+(?:news|stories|posts))?"
    r"|most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|popular(?:\s+(?:news|posts))?|read\s+(?:more|also)"
    r"|see\s+also|you\s+may\s+also\s+like|more\s+(?:news|stories)|recommended(?:\s+for\s+you)?|top\s+stories)\W*$",
    re.I,
)
# A US time zone next to a numeric date means the US order, month first ("11/09/2016 07:01 pm ET").
_US_ZONE = re.compile(r"\b(?:[ECMP][SD]?T|EST|EDT|CST|CDT|MST|MDT|PST|PDT)\b")
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


def parse_date(text: str, *, us: bool = False, hint: dt.date | None = None) -> dt.date | None:
    """Parse the first full date in a short string (ISO, dd/mm/yyyy, "May 6, 2019", "29th, May 2020").

    A numeric date both ways valid ("06/05/2019") is read day first, the convention of most outlets outside the
    US, unless `us` (a US time zone stands by it) or the other reading is `hint` (the URL's date).
    """
    found: list[tuple[int, dt.date]] = []
    for m in _ISO.finditer(text):
        if (d := _mk(int(m["year"]), int(m["m"]), int(m["d"]))) is not None:
            found.append((m.start(), d))
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        day_first, month_first = _mk(year, b, a), _mk(year, a, b)
        if day_first is not None and month_first is not None:
            prefer_month_first = us or (hint is not None and month_first == hint and day_first != hint)
            d = month_first if prefer_month_first else day_first
        else:
            d = day_first or month_first
        if d is not None:
            found.append((m.start(), d))
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        for m in pattern.finditer(text):
            if (d := _mk(int(m["year"]), MONTHS[m["mon"][:3].lower()], int(m["day"]))) is not None:
                found.append((m.start(), d))
    return min(found, key=lambda item: item[0])[1] if found else None


def date_from_url(url: str | None) -> dt.date | None:
    """A date in a URL path: /YYYY/MM/DD/, /YYYY/mon/DD/, or YYYY-MM-DD / YYYYMMDD between slug delimiters."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?")[0].split("#")[0]
    for pattern in (_URL_DATE, _URL_COMPACT):
        m = pattern.search(path)
        if m and (d := _mk(int(m["year"]), int(m["m"]), int(m["d"]))) is not None:
            return d
    m = _URL_MONTH_NAME.search(path)
    if m and (d := _mk(int(m["year"]), MONTHS[m["mon"][:3].lower()], int(m["day"]))) is not None:
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


# Ranks of the places a publication date is read from, best first (see find_published).
_R_LABELLED, _R_AGREES_URL, _R_URL, _R_AFTER_TITLE, _R_DATELINE, _R_UPDATED, _R_BEFORE_TITLE = range(7)
_URL_AGREEMENT_DAYS = 2  # a page's own date and its URL's may differ by a time zone or an overnight edit


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def find_published(
    *,
    raw_text: str,
    url: str | None = None,
    title: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> DateFound:
    """The article's publication date: metadata, archive prefix, then the best-ranked date of the page's head.

    The head is read, never the body's end: dates further down are events, and page tails list other stories.
    Within the head a labelled "Published"/"Posted"/"By ..." line wins, then a date the URL's date confirms, the
    URL's own date (fixed when the page was made), an unlabelled line under the headline (or anywhere in the head
    when the headline is not found there), a dateline opening the story, an "Updated" line, and last an unlabelled
    line above the headline: site headers print the day of the visit.
    """
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

    url_date = date_from_url(url)
    head, first_para = _head_lines(raw_text)
    title_key = _norm(title) if title else ""
    found: list[tuple[int, int, dt.date, str]] = []  # (rank, order, date, source)

    def add(rank: int, d: dt.date, source: str) -> None:
        if url_date is not None and rank > _R_AGREES_URL and abs((d - url_date).days) <= _URL_AGREEMENT_DAYS:
            rank = _R_AGREES_URL  # two independent places agree
        found.append((rank, len(found), d, source))

    # Lines above the headline are site chrome only when the headline is found in the head.
    after_title = not (title_key and any(_norm(line) == title_key for line in head))
    in_teasers = False
    for line in head:
        key = _norm(line)
        if title_key and key == title_key:
            after_title, in_teasers = True, False
            continue
        # A "Related"/"Latest news" block lists other stories with their own dates.
        if _RELATED.match(line):
            in_teasers = True
            continue
        if in_teasers or _AS_OF.fullmatch(line) or _TODAY.search(line):
            continue  # "Today's Paper | <date>", "Today is ...": the day the page was visited
        d = parse_date(_AS_OF.sub(" ", line), us=bool(_US_ZONE.search(line)), hint=url_date)
        if d is None:
            continue
        if _PUBLISHED_LABEL.match(line):
            add(_R_LABELLED, d, "byline")
        elif _UPDATED_LABEL.match(line):
            add(_R_UPDATED, d, "byline")
        else:
            add(_R_AFTER_TITLE if after_title else _R_BEFORE_TITLE, d, "byline" if _BYLINE.match(line) else "text")

    if first_para:
        # "Published 3 March 2021 | The battalion ..." glued to the first paragraph; prose is not a byline
        # ("By Sunday 3 March 2021, the battalion ..."), so a glued "By ..." must be followed by a separator.
        lead = first_para[:_PROSE_LINE]
        glued = _PUBLISHED_LABEL.match(lead) and (not lead.lstrip().lower().startswith("by") or "|" in lead)
        if glued and (d := parse_date(lead, hint=url_date)) is not None:
            add(_R_LABELLED, d, "byline")
    for para in ([first_para] if first_para else []) + head[-1:]:
        dm = _DATELINE.match(para)
        if dm and (d := parse_date(dm["date"], us=bool(_US_ZONE.search(para)), hint=url_date)) is not None:
            add(_R_DATELINE, d, "dateline")
            break

    if url_date is not None:
        add(_R_URL, url_date, "url")
    if not found:
        return DateFound(None, None)
    _, _, d, source = min(found)
    return DateFound(d, source)


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


# --- dates a figure is "as of", written in its sentence ---------------------------------------------------------
# As precise as the text is: a day, a month, a year, or "June last year" against the publication date.
_MONTH_NUM = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
AS_OF_RES = (
    re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?:of\s+)?({_MONTH_NAMES})\.?,?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b({_MONTH_NAMES})\.?,?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b({_MONTH_NAMES})\s+(last|this)\s+year\b"),
    re.compile(r"\b(?:in|as\s+of|by\s+the\s+end\s+of|at\s+the\s+end\s+of|end\s+of)\s+((?:19|20)\d\d)\b", re.IGNORECASE),
)


def as_of_value(m: re.Match[str], idx: int, published: dt.date | None) -> str | None:
    """The date a match of AS_OF_RES[idx] writes, as precise as written: YYYY-MM-DD, YYYY-MM or YYYY."""
    g = m.groups()
    try:
        if idx == 0:
            return f"{int(g[2]):04d}-{_MONTH_NUM[g[0][:3].lower()]:02d}-{int(g[1]):02d}"
        if idx == 1:
            return f"{int(g[2]):04d}-{_MONTH_NUM[g[1][:3].lower()]:02d}-{int(g[0]):02d}"
        if idx == 2:
            return f"{int(g[1]):04d}-{_MONTH_NUM[g[0][:3].lower()]:02d}"
        if idx == 3:
            if published is None:
                return None
            year = published.year - (1 if g[1].lower() == "last" else 0)
            return f"{year:04d}-{_MONTH_NUM[g[0][:3].lower()]:02d}"
        return g[0]
    except (KeyError, ValueError):
        return None


def as_of_before(text: str, cs: int, pos: int, published: dt.date | None) -> str | None:
    """The latest date written before `pos` in the clause, unless it is a "since" date (a start, not a snapshot)."""
    segment = text[cs:pos]
    best: tuple[int, str] | None = None
    for idx, regex in enumerate(AS_OF_RES):
        for m in regex.finditer(segment):
            if re.search(r"\bsince\s+(?:the\s+)?$", segment[max(0, m.start() - 12) : m.start()], re.IGNORECASE):
                continue
            value = as_of_value(m, idx, published)
            if value and (best is None or m.end() > best[0] or (m.end() == best[0] and len(value) > len(best[1]))):
                best = (m.end(), value)
    return best[1] if best else None
