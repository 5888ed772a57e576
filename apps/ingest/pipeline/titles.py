"""A headline for an article that came without one: og:title or <title> of its HTML, else a first line that reads
as a headline. Used for what curators see (article and story titles); the extraction never reads these guesses."""

from __future__ import annotations

import html as html_lib
import re

# Enough of a page's head to find its title without parsing a 5 MB page.
_HEAD_CHARS = 200_000
_OG_TITLE = re.compile(
    r"""<meta\s[^>]*?(?:property|name)\s*=\s*["'](?:og:title|twitter:title)["'][^>]*>""", re.IGNORECASE
)
_CONTENT = re.compile(r"""content\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_SITE_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::|»)\s+([^|–—»]{2,40})$")
_SPACES = re.compile(r"\s+")

MIN_CHARS, MAX_CHARS, MAX_WORDS = 12, 160, 25
# Lines that open a scraped page but are not its headline.
_NOT_A_HEADLINE = re.compile(
    r"""^(?:
        date\b | by\s | posted\b | published\b | updated\b | photo\b | image\b | file\s+photo\b | source\b
        | home\b | menu\b | skip\s+to\b | share\b | advertisement\b | subscribe\b | breaking\s+news\s*$
        | \(?\w+\)?\s*[-–—]\s  # a dateline such as "HANOI - " or "(VNA) - "
        | [\d/.\-]+(?:\s|$)  # a bare date or number
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;:,]$")
_ABBREV_END = re.compile(r"\b(?:U\.S|U\.N|U\.K|Co|Inc|Ltd|Jr|Sr|St)\.$")


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", html_lib.unescape(text)).strip()


def strip_site_name(title: str, sitename: str | None = None) -> str:
    """'Headline - VnExpress International' → 'Headline' when the tail names the site (or is short and the head long)."""
    m = _SITE_SUFFIX.search(title)
    if not m:
        return title
    head, tail = title[: m.start()].strip(), m.group(1).strip()
    site = (sitename or "").strip().lower()
    named = bool(site) and (tail.lower() in site or site in tail.lower())
    if named or (len(tail.split()) <= 4 and len(head.split()) >= 4):
        return head
    return title


def title_from_html(page: str, *, sitename: str | None = None) -> str | None:
    """The page's og:title (or twitter:title), else its <title>, unescaped, without the site's name."""
    head = page[:_HEAD_CHARS]
    for tag in _OG_TITLE.finditer(head):
        content = _CONTENT.search(tag.group(0))
        value = _tidy(next((g for g in content.groups() if g is not None), "")) if content else ""
        if value:
            return strip_site_name(value, sitename)
    m = _TITLE_TAG.search(head)
    if m:
        value = _tidy(re.sub(r"<[^>]+>", "", m.group(1)))
        if value:
            return strip_site_name(value, sitename)
    return None


def reads_as_headline(line: str) -> bool:
    """A short line of a few words, capitalised, with no sentence punctuation at its end and no URL."""
    s = line.strip()
    if not (MIN_CHARS <= len(s) <= MAX_CHARS) or len(s.split()) > MAX_WORDS or len(s.split()) < 3:
        return False
    if _NOT_A_HEADLINE.match(s) or _URL.search(s):
        return False
    first = s.lstrip("“\"'‘(")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    # A sentence ends with a full stop; a headline does not (an abbreviation such as "U.S." may end one).
    if _SENTENCE_END.search(s) and not _ABBREV_END.search(s):
        return False
    # Two sentences in one line are prose, not a headline.
    return not re.search(r"[a-z]{2}\. [A-Z]", s)


def headline_from_text(text: str) -> str | None:
    """The first non-empty line of the text when it reads as a headline; None otherwise."""
    for line in text.splitlines():
        if line.strip():
            s = _SPACES.sub(" ", line).strip()
            return s if reads_as_headline(s) else None
    return None
