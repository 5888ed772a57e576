"""Find numbers in text with their character spans: counts, percentages, ranges, fractions and women phrases."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Kinds a mention can have. Only "count", "percent" and "range" are candidates for figures; the others are
# recognised so that they are *not* read as counts (a year, a date, an ordinal, a serial, money, a time).
COUNT = "count"
PERCENT = "percent"
RANGE = "range"
YEAR = "year"
DATE = "date"
TIME = "time"
ORDINAL = "ordinal"
SERIAL = "serial"
MONEY = "money"
PHONE = "phone"


@dataclass(frozen=True)
class Number:
    """One number in the text: value, where it is, what kind of number it is and any qualifier."""

    start: int
    end: int
    text: str
    value: float
    kind: str
    qualifier: str | None = None
    high: float | None = None  # upper bound of a range ("8-10 percent")
    is_word: bool = False

    @property
    def int_value(self) -> int:
        """The value as an int (counts are whole numbers)."""
        return int(round(self.value))


@dataclass(frozen=True)
class Fraction:
    """A part of a whole: "12 of the 63", "33 out of 189", "4/54", "22 among 850"."""

    start: int
    end: int
    part: Number
    whole: Number


@dataclass(frozen=True)
class WomenPhrase:
    """A women count written without digits: "the only female" (1), "no female personnel" (0)."""

    start: int
    end: int
    women: int


UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
    "fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|"
    "seventieth|eightieth|ninetieth|hundredth"
)
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)

QUALIFIERS = (
    "more than|less than|fewer than|greater than|over|nearly|about|around|almost|approximately|roughly|"
    "some|up to|up-to|close to|just over|just under|at least|at most|under|hardly|barely|upwards of|"
    "an estimated|estimated|as many as|as few as|below|above|exceeding|in excess of|circa|c\\.|~"
)
_QUAL_CANON = {"up-to": "up to", "~": "about", "c.": "about", "circa": "about"}

YEAR_RE = re.compile(r"(?:19|20)\d{2}")
WOMEN_PHRASE_RE = re.compile(
    r"\b(?P<only>the\s+only\s+(?:female|woman)|the\s+sole\s+(?:female|woman)|a\s+single\s+(?:female|woman)|"
    r"one\s+of\s+(?:them|whom)\s+(?:is\s+|was\s+)?a\s+(?:woman|female))\b"
    r"|\b(?P<none>no\s+(?:female|women|woman)\s+(?:personnel|peacekeepers|officers|soldiers|troops|members|staff|police)"
    r"|(?:no|not\s+a\s+single|not\s+one)\s+(?:women|woman|female)\b(?!\s+(?:leader|minister|president)))",
    re.IGNORECASE,
)


_WORD_SPLIT = re.compile(r"[\s-]+")
_SCALE_END = re.compile(r"\s+(thousand|million|billion)$", re.IGNORECASE)
_DIGITS_ONLY = re.compile(r"[\d.,\s]+$")
_DIGITS_ALL = re.compile(r"^[\d.,\s]+$")
_THOUSANDS_SEP = re.compile(r",\s?|[ \u00a0\u202f\u2009]")
_SPACES = re.compile(r"\s+")
_LIST_BEFORE = re.compile(r"\d\s*,\s*$")
_LIST_AFTER = re.compile(r"\s*(?:,|and|or)\s*\d")
_MONTH_END = re.compile(rf"(?:{MONTHS})\.?\s+$")
_LETTERS = re.compile(r"[A-Za-z]+")


def word_to_number(words: str) -> int | None:
    """Parse an English number phrase ("thirty-three", "two hundred and fifty", "a dozen"); None if not one."""
    raw_tokens = [t for t in _WORD_SPLIT.split(words.lower().strip()) if t]
    # "and" joins only after a scale ("one hundred and seventy two"); "three and four" is two numbers, and a
    # unit never follows a unit ("three four"), nor a tens word another tens word
    for prev, tok in zip(raw_tokens, raw_tokens[1:], strict=False):
        if tok == "and" and prev not in SCALES:
            return None
        if tok in UNITS and prev in UNITS or tok in TENS and prev in (*UNITS, *TENS):
            return None
    tokens = [t for t in raw_tokens if t != "and"]
    if not tokens:
        return None
    if tokens == ["a", "dozen"]:
        return 12
    if tokens[0] == "a" and len(tokens) > 1 and tokens[1] in SCALES:
        tokens = ["one", *tokens[1:]]
    total = 0
    current = 0
    seen = False
    for tok in tokens:
        if tok in UNITS:
            current += UNITS[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok == "dozen":  # "two dozen women"
            if not seen:
                return None
            current = (current or 1) * 12
        elif tok in SCALES:
            if not seen:
                return None
            scale = SCALES[tok]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
    return total + current if seen else None


def parse_number(raw: str) -> float | None:
    """Parse digits or words with an optional scale word ("114 thousand", "2, 500", "1.5 million")."""
    s = raw.strip()
    scale = 1
    m = _SCALE_END.search(s)
    if m and _DIGITS_ONLY.match(s[: m.start()]):
        scale = SCALES[m.group(1).lower()]
        s = s[: m.start()]
    if _DIGITS_ALL.match(s):
        digits = _THOUSANDS_SEP.sub("", s)
        try:
            value = float(digits) * scale
        except ValueError:
            return None
        # 309 digits and more overflow a float: not a number anyone reports, and inf breaks int() downstream.
        return value if math.isfinite(value) else None
    value = word_to_number(s)
    return float(value) if value is not None else None


def _canon_qualifier(q: str | None) -> str | None:
    if not q:
        return None
    q = _SPACES.sub(" ", q.strip().lower())
    return _QUAL_CANON.get(q, q)


_FRAME_END = re.compile(r"\b(?:of|among|out\s+of)\s+(?:the|these|those|its|their)\s+$", re.IGNORECASE)
_NAME_END = re.compile(r"\b[A-Z]{3,}[- ]?$")


def _fix_list_join(text: str, m: re.Match[str], group: str | int) -> tuple[int, int]:
    """Undo a "2, 500" join when it is a list ("3, 4" never joins; "5, 200 and 300" or "May 5, 200" is a list)."""
    s, e = m.span(group)
    raw = text[s:e]
    if ", " in raw:
        before = text[max(0, s - 12) : s]
        after = text[e : e + 12]
        list_like = _LIST_BEFORE.search(before) or _LIST_AFTER.match(after)
        month_day = _MONTH_END.search(before)
        serial = _NAME_END.search(before)  # "of GHANBATT 98, 141 are women": a unit's serial, then a count
        frame = _FRAME_END.search(before)  # "Of the 751, 102 are women": the whole named, then its part
        if list_like or month_day or serial or frame:
            return s, s + raw.index(",")
    return s, e


def trie_alternation(words: list[str]) -> str:
    """A regex matching any of `words` (longest wins), shaped as a character trie so that it scans fast."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_NUMBER_WORDS = [*UNITS, *TENS]
_WORD_ALT = trie_alternation(
    [*_NUMBER_WORDS, *(w.capitalize() for w in _NUMBER_WORDS), *(w.upper() for w in _NUMBER_WORDS)]
)
# One scan finds every number token; its surroundings are then read with anchored matches, which is much
# faster than running a dozen context regexes over the whole text.
TOKEN_RE = re.compile(
    rf"(?<![\d.,])(?:\d{{1,3}}(?:,\s?\d{{3}})+(?!\d|,\d)|\d+(?:\.\d+)?)(?:\s+(?:thousand|million|billion)\b)?"
    rf"|\b(?:[Aa]\s+dozen|[Aa]\s+hundred|[Aa]\s+thousand|(?:{_WORD_ALT})"
    rf"(?:[\s-]+(?:and\s+)?(?:{_WORD_ALT}|hundred|thousand|million|dozen))*)\b"
)
NUMBER_GAP_FRACTION = re.compile(
    r"\s*(?:(?P<sep>/)|(?:of\s+(?:the|its|their|all|whom|[A-Z][\w.-]*['’]s)?|out\s+of(?:\s+the)?|among(?:\s+the)?|"
    r"from\s+(?:a\s+total\s+of|the))\s*)\s*$",
    re.IGNORECASE,
)
PERCENT_AT = re.compile(r"\s*(?:%|per\s?cent\b|per-cent\b|pct\b)|(?<=\d)pc\b|\s+percentage\s+points?\b", re.IGNORECASE)
RANGE_JOIN_AT = re.compile(r"\s*(?:%|per\s?cent)?\s*(?:-|–|—|to|and)\s*", re.IGNORECASE)
QUAL_BEFORE = re.compile(rf"(?<![A-Za-z])({QUALIFIERS})\s*$", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
RANGE_FROM_BEFORE = re.compile(r"\b(?:range[sd]?|ranging|vary|varies|varying)\s+from\s+$", re.IGNORECASE)
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?$")
MONTH_DAY_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s+$")
MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?,?\s+(?:of\s+)?(?:{MONTHS})\b")
ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
SERIAL_BEFORE = re.compile(
    r"\b(?:(?i:No|Nos|Number)|Rotation|Batch|Contingent|Cycle|Phase|Level|Group|Team|Hospital|Battalion|"
    r"Company|Platoon|Flight|Session|Article|Resolution|Room|Block|Sector|Camp|Base|Site|Road|Route|Lot|"
    r"Decree|Decision|Law|Circular|Item|Chapter|Section|Page|Paragraph|Vol|Volume)\.?\s*#?$"
)
GLUED_BEFORE = re.compile(r"(?:\b[A-Z][A-Za-z]*|[A-Za-z]+[-–])$")
MONEY_BEFORE = re.compile(r"(?:[$€£¥₫]|\b(?:USD|US\$|VND|EUR|GBP|GHS|NPR|MNT|JPY|IDR|Rs\.?))\s?$")
MONEY_AFTER = re.compile(
    r"\s*(?:million|billion|thousand|bn)?\s*(?:US\s)?(?:dollars|USD|VND|dong|euros?|cedis?|rupees|yen|rupiah|tugriks?)\b",
    re.IGNORECASE,
)
PHONE_AROUND = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}\b")
PERSONNEL_SOON = re.compile(r"\s+(?:[a-z]+\s+){0,2}(?:troops|soldiers|personnel|peacekeepers|officers|women)\b")


def _kind_at(text: str, s: int, e: int, raw: str, is_word: bool) -> str | None:
    """Why the number at text[s:e] is not a count (a year, a date, an ordinal, ...), or None if it may be one."""
    if is_word:
        return None
    before = text[max(0, s - 24) : s]
    nxt = text[e : e + 1]
    prev = text[s - 1 : s] if s else ""
    if nxt == ":" and text[e + 1 : e + 2].isdigit() or prev == ":" and s >= 2 and text[s - 2].isdigit():
        return TIME
    if (
        nxt in "/."
        and text[e + 1 : e + 2].isdigit()
        and "." not in raw
        or prev in "/"
        and s >= 2
        and text[s - 2].isdigit()
    ):
        return DATE
    if ORDINAL_AFTER.match(text, e):
        return ORDINAL
    if MONEY_BEFORE.search(before) or MONEY_AFTER.match(text, e):
        return MONEY
    if len(raw) == 4 and MONTH_BEFORE.search(before) or len(raw) <= 2 and MONTH_DAY_BEFORE.search(before):
        return DATE
    if len(raw) <= 2 and MONTH_AFTER.match(text, e):
        return DATE
    if SERIAL_BEFORE.search(before):
        return SERIAL
    if prev and (prev.isalpha() and GLUED_BEFORE.search(before) or prev in "-–" and GLUED_BEFORE.search(before)):
        return SERIAL
    if prev in "-–/#" and prev:
        return SERIAL
    if nxt in "-–" and text[e + 1 : e + 2].isdigit():
        return SERIAL  # "2021-2022", "8-10" without a percent sign
    if YEAR_RE.fullmatch(raw) and not PERSONNEL_SOON.match(text, e):
        return YEAR
    if "," not in raw and (prev in " +(" or nxt in " -."):
        w0 = max(0, s - 16)
        for m in PHONE_AROUND.finditer(text[w0 : e + 16]):
            if m.start() <= s - w0 < m.end():
                return PHONE
    return None


def _word_span(text: str, m: re.Match[str]) -> tuple[int, int, float] | None:
    """Trim a word-number match to the longest prefix that parses ("two hundred and" -> "two hundred")."""
    raw = m.group(0)
    parts = list(_LETTERS.finditer(raw))
    for k in range(len(parts), 0, -1):
        end = parts[k - 1].end()
        value = word_to_number(raw[:end])
        if value is not None:
            return m.start(), m.start() + end, float(value)
    return None


# TOKEN_RE split in two and anchored: a scan for bare digit runs and ASCII words is several times faster than
# searching with TOKEN_RE (whose leading lookbehind and \b defeat the regex engine's first-character skip).
# Thousands are grouped with commas ("1,144") or, in much of Africa and Europe, with a space ("1 144", "13 500",
# also no-break and thin spaces): a group of exactly three digits after one to three digits.
DIGIT_TOKEN_RE = re.compile(
    # South Asian grouping ("2,90,000", "1,50,00,000": lakhs and crores) before the Western one
    r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?!\d|,\d)|\d{1,3}(?:,\s?\d{3})+(?!\d|,\d)|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.])"
    r"|\d+(?:\.\d+)?)"
    r"(?:\s+(?:thousand|million|billion)\b)?"
)
WORD_TOKEN_RE = re.compile(
    rf"\b(?:[Aa]\s+dozen|[Aa]\s+hundred|[Aa]\s+thousand|(?:{_WORD_ALT})"
    rf"(?:[\s-]+(?:and\s+)?(?:{_WORD_ALT}|hundred|thousand|million|dozen))*)\b"
)
_DIGIT_RUN_RE = re.compile(r"\d+")
# Number words (and "a"/"A" for "a dozen") not inside a longer word; no leading \b, so the scan can skip ahead
# by first character. The word boundary before is checked by hand, then WORD_TOKEN_RE reads the whole phrase.
_WORD_SCAN_RE = re.compile(
    rf"(?:{trie_alternation([*_NUMBER_WORDS, *(w.capitalize() for w in _NUMBER_WORDS), *(w.upper() for w in _NUMBER_WORDS), 'a', 'A'])})"
    r"(?![A-Za-z])"
)


def _token_matches(text: str) -> list[tuple[int, re.Match[str]]]:
    """(position, match) for every place TOKEN_RE could match, in order (the same matches as TOKEN_RE)."""
    found: list[tuple[int, re.Match[str]]] = []
    for c in _DIGIT_RUN_RE.finditer(text):
        i = c.start()
        # a run after "." or "," continues a number ("2,500", "4.7") or a serial ("no.7"), unless a letter stands
        # before the comma: "Among them,124 were women" glues a comma, not a thousands separator
        if not (i and text[i - 1] in ".," and not (text[i - 1] == "," and i > 1 and text[i - 2].isalpha())):
            found.append((i, DIGIT_TOKEN_RE.match(text, i)))
    words = False
    for c in _WORD_SCAN_RE.finditer(text):
        i = c.start()
        if i:
            prev = text[i - 1]
            if prev.isalnum() or prev == "_":
                continue
        m = WORD_TOKEN_RE.match(text, i)
        if m is not None:
            found.append((i, m))
            words = True
    if words:
        found.sort(key=lambda x: x[0])
    return found


def find_numbers(text: str) -> list[Number]:
    """All numbers in `text` in order, each with its kind; ranges and percentages are read before counts."""
    tokens: list[tuple[int, int, float, bool]] = []
    pos = 0
    for i, m in _token_matches(text):
        if i < pos:
            continue
        if m.group(0)[0].isdigit():
            ns, ne = _fix_list_join(text, m, 0)
            value = parse_number(text[ns:ne])
            if value is not None:
                tokens.append((ns, ne, value, False))
            pos = max(ne, m.start() + 1)
        else:
            span = _word_span(text, m)
            if span:
                tokens.append((span[0], span[1], span[2], True))
            pos = span[1] if span else m.end()
    out: list[Number] = []
    skip: set[int] = set()
    for i, (s, e, value, is_word) in enumerate(tokens):
        if i in skip:
            continue
        raw = text[s:e]
        qm = QUAL_BEFORE.search(text, max(0, s - 24), s)
        qual = _canon_qualifier(qm.group(1)) if qm else None
        qs = qm.start(1) if qm else s
        # a range: "8-10 percent", "8 to 10 per cent", "between 8 and 10%"
        if i + 1 < len(tokens):
            jm = RANGE_JOIN_AT.match(text, e)
            ns2, ne2, v2, w2 = tokens[i + 1]
            if jm and jm.end() == ns2:
                pm = PERCENT_AT.match(text, ne2)
                joiner = jm.group(0).strip(" %").lower()
                between = BETWEEN_BEFORE.search(text, max(0, s - 10), s)
                from_ = FROM_BEFORE.search(text, max(0, s - 6), s)
                ok = pm and "point" not in pm.group(0).lower() and value < v2 <= 100 and not from_
                if (
                    from_
                    and pm
                    and joiner == "to"
                    and ok is not None
                    and value < v2 <= 100
                    and "point" not in pm.group(0).lower()
                    and RANGE_FROM_BEFORE.search(text, max(0, s - 24), s)
                ):
                    # "the targets range from 15 to 30 per cent": one span with both ends
                    out.append(Number(qs, pm.end(), text[qs : pm.end()], value, RANGE, qual, v2, is_word))
                    skip.add(i + 1)
                    continue
                if from_ and pm and joiner == "to" and "point" not in pm.group(0).lower():
                    # "from 7 to 20 percent": two shares, the first written without its sign
                    out.append(Number(qs, e, text[qs:e], value, PERCENT, qual, None, is_word))
                    continue
                if pm and joiner == "and" and not between and value <= 100 and "point" not in pm.group(0).lower():
                    # "20 and 30 per cent respectively": two shares, the first written without its sign
                    out.append(Number(qs, e, text[qs:e], value, PERCENT, qual, None, is_word))
                    continue
                if ok and (joiner != "and" or between) and not (s and text[s - 1] in "-–"):
                    start = between.start() if between else qs
                    out.append(Number(start, pm.end(), text[start : pm.end()], value, RANGE, qual, v2, is_word))
                    skip.add(i + 1)
                    continue
        pm = PERCENT_AT.match(text, e)
        if pm:
            if "point" in pm.group(0).lower():
                continue  # a change in points, not a share
            out.append(Number(qs, pm.end(), text[qs : pm.end()], value, PERCENT, qual, None, is_word))
            continue
        kind = _kind_at(text, s, e, raw, is_word)
        if kind is not None:
            out.append(Number(s, e, raw, value, kind, None, None, is_word))
        else:
            out.append(Number(qs, e, text[qs:e], value, COUNT, qual, None, is_word))
    return out


def find_percentages(text: str) -> list[Number]:
    """Percentages and percentage ranges only."""
    return [n for n in find_numbers(text) if n.kind in (PERCENT, RANGE)]


def find_counts(text: str) -> list[Number]:
    """Numbers that may be counts (not years, dates, ordinals, serials, money or percentages)."""
    return [n for n in find_numbers(text) if n.kind == COUNT]


def find_fractions(text: str, numbers: list[Number] | None = None) -> list[Fraction]:
    """Part-of-whole pairs ("12 of the 63", "33 out of 189", "4/54", "22 among 850"); the part must be smaller."""
    nums = find_numbers(text) if numbers is None else numbers
    out: list[Fraction] = []
    for a, b in zip(nums, nums[1:], strict=False):
        if a.kind not in (COUNT, SERIAL, DATE) or b.kind not in (COUNT, SERIAL, DATE) or b.start - a.end > 24:
            continue
        m = NUMBER_GAP_FRACTION.match(text[a.end : b.start])
        if not m or (a.qualifier and m.group("sep")) or (DATE in (a.kind, b.kind) and not m.group("sep")):
            continue
        if not 0 <= a.value < b.value:
            continue
        if m.group("sep") and (
            b.value in (1, 2, 3, 4, 7, 12, 24, 365)
            or text[b.end : b.end + 1] == "/"
            or text[a.start - 1 : a.start] == "/"
        ):
            continue  # "24/7", "1/2", "06/05/2019": not a part of a population
        part = Number(a.start, a.end, a.text, a.value, COUNT, a.qualifier, None, a.is_word)
        whole = Number(b.start, b.end, b.text, b.value, COUNT, b.qualifier, None, b.is_word)
        out.append(Fraction(a.start, b.end, part, whole))
    return out


def find_women_phrases(text: str) -> list[WomenPhrase]:
    """Women counts written without a number: "the only female" (1), "no female personnel" (0)."""
    out: list[WomenPhrase] = []
    for m in WOMEN_PHRASE_RE.finditer(text):
        out.append(WomenPhrase(m.start(), m.end(), 1 if m.group("only") else 0))
    return out
