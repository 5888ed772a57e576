"""Turn scraped article text into clean prose: drop boilerplate, captions and tails, repair glued words."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from apps.ingest.pipeline.lexicon import COMMON_WORDS, PLACE_WORDS, REAL_COMPOUNDS

# ---------------------------------------------------------------------------------------------------------
# Vocabulary helpers
# ---------------------------------------------------------------------------------------------------------

PLACES_LOWER = frozenset(p.lower() for p in PLACE_WORDS)

# Function words that scrapers most often glue to their neighbour ("thehospital", "memberof").
FUNCTION_WORDS = frozenset(
    "the of and to in for with by at on from as its their this that which was were is are has have had his her"
    " an our who will she he they we it not be been but or so all also more most".split()
)
# Number words that glue to nouns ("threeteams", "conductthree"); "one" and "ten" are left out on purpose:
# too many real words end or start with them (someone, often, gotten, tenant).
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen"
    " nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand first second third fourth"
    " fifth sixth seventh eighth ninth tenth".split()
)
_SUFFIXES = ("'s", "s", "es", "ed", "d", "ing", "ly", "er", "ers", "est", "ment", "ments", "al", "ally", "ness")
_PREFIXES = ("un", "re", "non", "co", "pre", "post", "sub", "inter", "multi", "over", "under", "anti", "counter")


@functools.lru_cache(maxsize=65536)
def is_known_word(word: str) -> bool:
    """True if a lower-case word is in the lexicon, directly or as a simple inflection/prefixation."""
    w = word.lower()
    if w in COMMON_WORDS or w in PLACES_LOWER or w in REAL_COMPOUNDS:
        return True
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: -len(suf)]
            if stem in COMMON_WORDS or stem + "e" in COMMON_WORDS or stem in PLACES_LOWER:
                return True
            if suf in ("ed", "ing", "er", "est") and len(stem) > 3 and stem[-1] == stem[-2]:
                if stem[:-1] in COMMON_WORDS:  # doubled consonant: "planned", "stopping"
                    return True
            if suf in ("es", "ed", "er", "est", "ly") and stem.endswith("i") and stem[:-1] + "y" in COMMON_WORDS:
                return True
    for pre in _PREFIXES:
        if w.startswith(pre) and len(w) - len(pre) >= 4 and w[len(pre) :].lstrip("-") in COMMON_WORDS:
            return True
    return False


_ENGLISH_SUFFIX = re.compile(
    r"(?:tion|tions|sion|ment|ments|ness|ity|ities|ive|ives|ing|ed|al|ally|ly|ies|ous|ance|ence|ship|ical)$"
)
# Left function words that glue onto a following article/pronoun ("atthe", "forher", "bythe").
_GLUE_LEFT = frozenset("of in at by for to on with from and as that".split())
_GLUE_RIGHT = frozenset("the a an her his its their this our".split())


def _wordlike(part: str, *, capitalised: bool) -> bool:
    """Known word, or (for lower-case text only) a long word with a regular English ending."""
    if is_known_word(part):
        return True
    return not capitalised and len(part) >= 6 and bool(_ENGLISH_SUFFIX.search(part))


# Two glued words are never longer than this; trying every split of a longer token is quadratic in its length
# (a 200 kB "word" took minutes), and such a token is junk (a hash, base64, a run of one letter), not glue.
MAX_GLUE_TOKEN = 48


@functools.lru_cache(maxsize=65536)
def _split_lower(token: str) -> tuple[str, str] | None:
    """Best split of an unknown lower-case token into two words, or None when no split is convincing."""
    w = token.lower()
    if len(w) < 5 or len(w) > MAX_GLUE_TOKEN or is_known_word(w):
        return None
    cap = token[0].isupper()
    best: tuple[int, str, str] | None = None
    for i in range(2, len(w) - 1):
        left, right = w[:i], w[i:]
        # A glue join needs one side to be a function or number word (the usual scraping accident), or two
        # known content words of four letters or more: short content pairs ("car"+"go") are too often one word.
        # Real words that still look like such pairs are listed in REAL_COMPOUNDS and never reach this point.
        if left in _GLUE_LEFT and right in _GLUE_RIGHT:
            ok = True
        elif left in FUNCTION_WORDS or left in NUMBER_WORDS:
            ok = len(right) >= 4 and right not in FUNCTION_WORDS and _wordlike(right, capitalised=cap)
        elif right in FUNCTION_WORDS or right in NUMBER_WORDS:
            ok = len(left) >= 4 and _wordlike(left, capitalised=cap) or (right in NUMBER_WORDS and len(left) >= 5)
        else:
            ok = len(left) >= 4 and len(right) >= 4 and is_known_word(left) and is_known_word(right)
        if ok:
            score = min(len(left), len(right))
            if best is None or score > best[0]:
                best = (score, token[:i], token[i:])
    return (best[1], best[2]) if best else None


def split_candidate(token: str) -> tuple[str, str] | None:
    """The split the glue repair would apply to a lower/Capitalised word token (exposed for the lexicon tooling)."""
    return _split_lower(token)


# ---------------------------------------------------------------------------------------------------------
# Glue repair
# ---------------------------------------------------------------------------------------------------------

_URLISH = re.compile(
    r"(?:https?://|www\.|@)\S*|\b[\w-]+(?:\.[\w-]+)+\.(?:com|org|net|gov|edu|int|vn|jp|mn|gh|np|id|uk|info|news)\b\S*",
    re.I,
)
_SENTENCE_JOIN = re.compile(
    r"(?:(?<=[a-z]{2})([.!?;:,])(?=[A-Z][a-z]|[A-Z]{2,}\b)|(?<=\b[A-Z]{2})(\.)(?=[A-Z][a-z]+\b))"
)
_COMMA_JOIN = re.compile(r"(?<=[a-z]),(?=[a-z]{2,})")
_PAREN_JOIN = re.compile(r"(?<=[\w.])\)(?=[A-Za-z]{2})")
_APOS_JOIN = re.compile(r"(?<=\w)(['’]s)(?=[a-z]{4,})|(?<=[a-z]s)(['’])(?=[A-Z][a-z])")
_LETTER_DIGIT = re.compile(r"\b([A-Za-z][a-z]+)(\d+(?:[.,]\d+)?)\b")
_DIGIT_LETTER = re.compile(r"\b(\d+)([a-z]{3,})\b")
_CAMEL_TOKEN = re.compile(r"\b[A-Za-z]*(?:[a-z][A-Z]|[A-Z]{2}[a-z])[A-Za-z]*\b")
_CAMEL_PARTS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
_WORD = re.compile(r"\b[A-Za-z][a-z]{4,}\b")

# Brand-style names that are CamelCase on purpose; a CamelCase token seen twice in a text is also kept.
CAMEL_KEEP = frozenset(
    "VietnamPlus VnExpress GhanaWeb YouTube PowerPoint WhatsApp LinkedIn PayPal JavaScript FedEx MasterCard"
    " SharePoint BlackBerry PlayStation SpaceX WikiLeaks AirAsia VietJet VinFast McDonald McKinsey MacArthur"
    " iPhone iPad eBay TikTok WeChat DeSantis LeBron FlyDubai OpenAI GitHub BioNTech AstraZeneca ReliefWeb"
    " PeaceFM MyJoyOnline CitiNewsroom".split()
)
_SENTENCE_START = frozenset("A I".split())


def _camel_ok_left(part: str) -> bool:
    return (len(part) >= 2 and (is_known_word(part) or part.isupper())) or part.lower() in FUNCTION_WORDS


def _split_camel(token: str, repeated: set[str]) -> str:
    if token in CAMEL_KEEP or token in repeated:
        return token
    parts = _CAMEL_PARTS.findall(token)
    if len(parts) < 2 or "".join(parts) != token:
        return token
    out = [parts[0]]
    for prev, part in zip(parts, parts[1:], strict=False):
        if part.islower():
            out[-1] += part  # "NGOs": a lower-case tail belongs to what precedes it
            continue
        if part.isupper() and len(part) >= 2:
            # "theADMM", "betweenASEAN": an acronym glued to a lower-case word
            ok = prev.islower() and (prev in FUNCTION_WORDS or (len(prev) >= 3 and is_known_word(prev)))
        elif part in _SENTENCE_START:
            ok = prev.islower() and is_known_word(prev)
        else:
            # "SouthSudan", "TriangularPartnership", "ofDefence", "UNMission": one side must be a known word
            if prev.isupper() or prev.islower():
                ok = _camel_ok_left(prev) and len(part) >= 3 and is_known_word(part)
            else:
                ok = len(prev) >= 3 and len(part) >= 3 and (is_known_word(prev) or is_known_word(part))
            ok = ok and not (prev.isupper() and len(prev) == 1)
        if ok:
            out.append(part)
        else:
            out[-1] += part
    return " ".join(out)


# Cheap necessary conditions ("hints") for the patterns above: every match of a pattern contains a match of its
# hint, so when the hint is absent the pattern's pass would change nothing and is skipped. Most lines of prose
# have no URL, no glued sentence and no CamelCase, and each full pass of the regex engine costs ~50 ns a character.
# Hints start at a rare character (a capital, a digit, a comma, a dot) and look around it, which the engine scans
# for quickly. The repairs only ever insert spaces, which cannot create a hint's adjacent characters, so a hint
# absent from a line stays absent after earlier repairs (the URL hint, which ends in \b, is recomputed).
_URLISH_HINT = re.compile(  # https?:// needs "//" and @ is tested with `in`; these are www. and the domains
    r"\.(?:(?<=www\.)|(?:com|org|net|gov|edu|int|vn|jp|mn|gh|np|id|uk|info|news)\b)",
    re.I,
)
_SENTENCE_JOIN_HINT = re.compile(r"[.!?;:,][A-Z]")
_COMMA_JOIN_HINT = re.compile(r",(?<=[a-z],)(?=[a-z])")  # [a-z],[a-z]
_LETTER_DIGIT_HINT = re.compile(r"\d(?<=[a-z]\d)")  # [a-z]\d
_DIGIT_LETTER_HINT = re.compile(r"\d[a-z]")
_CAMEL_HINT = re.compile(r"[A-Z](?:(?<=[a-z][A-Z])|(?=[A-Z][a-z]))")  # [a-z][A-Z] or [A-Z]{2}[a-z]


_NO_SPLIT: set[str] = set()  # words _split_lower leaves whole (bounded like its lru_cache)


def _needs_word_split(line: str) -> bool:
    for word in set(_WORD.findall(line)) - _NO_SPLIT:
        if _split_lower(word):
            return True
        if len(_NO_SPLIT) >= 65536:
            _NO_SPLIT.clear()
        _NO_SPLIT.add(word)
    return False


def _url_spans(line: str) -> list[tuple[int, int]]:
    if "@" not in line and "//" not in line and _URLISH_HINT.search(line) is None:
        return []
    return [m.span() for m in _URLISH.finditer(line)]


def repair_glue(line: str, *, repeated: set[str] | None = None) -> str:
    """Insert the spaces a scraper lost ("threeteams", "over17", "SouthSudan", "world.Accordingly")."""
    repeated = repeated or set()
    protected: list[tuple[int, int]] = _url_spans(line)

    def guarded(fn):
        if not protected:
            return fn

        def inner(m: re.Match[str]) -> str:
            if any(a <= m.start() < b for a, b in protected):
                return m.group(0)
            return fn(m)

        return inner

    def sentence(m: re.Match[str]) -> str:
        return (m.group(1) or m.group(2)) + " "

    if _SENTENCE_JOIN_HINT.search(line):
        line = _SENTENCE_JOIN.sub(guarded(sentence), line)
        protected = _url_spans(line)
    if _COMMA_JOIN_HINT.search(line):
        line = _COMMA_JOIN.sub(guarded(lambda m: ", "), line)
    if ")" in line:
        line = _PAREN_JOIN.sub(lambda m: ") ", line)
    if "'" in line or "’" in line:
        line = _APOS_JOIN.sub(lambda m: (m.group(1) or m.group(2)) + " ", line)

    def letter_digit(m: re.Match[str]) -> str:
        word, num = m.group(1), m.group(2)
        return f"{word} {num}" if is_known_word(word) else m.group(0)

    if _LETTER_DIGIT_HINT.search(line):
        line = _LETTER_DIGIT.sub(letter_digit, line)

    def digit_letter(m: re.Match[str]) -> str:
        num, word = m.group(1), m.group(2)
        return f"{num} {word}" if is_known_word(word) else m.group(0)

    if _DIGIT_LETTER_HINT.search(line):
        line = _DIGIT_LETTER.sub(digit_letter, line)
    if _CAMEL_HINT.search(line):
        protected = _url_spans(line)
        line = _CAMEL_TOKEN.sub(guarded(lambda m: _split_camel(m.group(0), repeated)), line)

    def lower(m: re.Match[str]) -> str:
        split = _split_lower(m.group(0))
        return f"{split[0]} {split[1]}" if split else m.group(0)

    # Nearly every word is known or has no convincing split: look at the distinct words not yet seen without a
    # split first, and rewrite the line only when one of them would be split.
    if _needs_word_split(line):
        protected = _url_spans(line)
        line = _WORD.sub(guarded(lower), line)
    return line


# ---------------------------------------------------------------------------------------------------------
# Line classification
# ---------------------------------------------------------------------------------------------------------

DATE_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s")
_IMAGE_MARKER = re.compile(r"\s*(?:-\s*)?\b(?:ảnh|hinh anh|hình ảnh|photo|image)\s+\d{1,2}\b(?!\s*(?:percent|%))", re.I)
_IMAGE_WORDS = ("ảnh", "hinh anh", "hình ảnh", "photo", "image")  # the words of _IMAGE_MARKER, for its hint
_PHOTO_CREDIT = re.compile(r"\((?:photos?|ảnh|image|pic|picture|file photo)\s*:\s*[^()\n]{1,80}\)", re.I)
_PHOTO_BY_END = re.compile(
    r"(?:^|[.!?]\s+)(?:photos?|picture|image)\s+(?:by|courtesy of|:)\s+[^.\n]{1,60}\.?\s*$", re.I
)
_PHOTO_LINE = re.compile(r"^\s*(?:photo|photos|image|file photo)\s*:", re.I)

# A line starting one of these ends the article: what follows is other stories, comments or page furniture.
_TAIL_START = re.compile(
    r"^\s*(?:related(?:\s+(?:news|articles?|posts?|stories|content|topics))?|see (?:more|also)|read (?:more|also|next)"
    r"|more (?:news|stories|from)|other news|latest news|top stories|most (?:read|popular|viewed)|you may also like"
    r"|recommended(?: for you)?|leave a (?:reply|comment)|comments?|tags?\s*:|topics?\s*:|feedback|go to top"
    r"|back to top|share this(?: article)?|trending)\s*:?\s*$",
    re.I,
)
# End-of-story signatures used by wire services and their reposts ("./.", "-VNA", "Source: GNA").
_END_SUFFIX = re.compile(r"(?:\./\.|(?<=[.!?\"”])\s*[-–—]\s*[A-Z]{2,6})\s*$")
_SOURCE_LINE = re.compile(r"^\s*(?i:source|nguồn|theo)\s*:\s*[^\n]{1,60}$")
_END_LINE = re.compile(
    r"^\s*(?:(?i:source|nguồn)\s*:\s*[^\n]{1,60}|[-–—(]?\s*[A-Z]{2,6}\s*\)?|[A-Z]{2,6}(?:/[\w .]{1,40})?)\s*$"
)

_BOILERPLATE_LINE = re.compile(
    r"^\s*(?:share|shares|tweet|print|email|e-mail|save|like|follow us.*|subscribe.*|go to top|back to top|top"
    r"|leave a reply|your email address will not be published\.?|required fields are marked.*|others|feedback"
    r"|advertisement|sponsored|loading\.*|you are here\s*:.*|home\s*[>»/|].*|.*\ball rights reserved\b.*"
    r"|copyright\b.*|©.*|.*©\s*$|maintained and developed by.*|powered by.*"
    r"|(?:english|vietnamese|tiếng việt|français|español|deutsch|中文|日本語|русский|العربية)"
    r"(?:\s*[|/]\s*(?:english|vietnamese|tiếng việt|français|español|deutsch|中文|日本語|русский|العربية))+)\s*$",
    re.I,
)
# Breadcrumbs glued by the scraper: "HomeNews2019 08 14Article 771751".
_BREADCRUMB = re.compile(r"^\s*(?:you are here:\s*)?home\s*(?:[>»/|]|\w+\d{4}).*$", re.I)
_EMAIL_LINE = re.compile(r"^\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?|thứ\s+\w+|chủ nhật"
# Lines that carry only a date/time (bylines and stamps): dates.py reads them from the raw text.
_DATE_ONLY = re.compile(
    rf"^\s*(?:(?:by\s+[^\n|]{{1,60}}?\s+)?(?:{_WEEKDAYS})?,?\s*(?:\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})(?:\s*[-|,]?\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,4}})?)?"
    rf"|(?:updated|published|posted|last updated)\s*:?.{{0,40}}\d{{4}}.{{0,20}}"
    rf"|(?:[\w ]{{1,30}} )?news of (?:{_WEEKDAYS}),?\s+\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})\s*$",
    re.I,
)
# Headline teasers carrying their own timestamps, as in "GMT 22:33 2018 Tuesday ,23 January Video: ...".
_TIMESTAMPED_TEASER = re.compile(r"GMT\s+\d{1,2}:\d{2}\s+\d{4}\s+\w+\s*,\s*\d{1,2}\s+\w+", re.I)
_DATELINE_PREFIX = re.compile(r"^[A-Z][\w .,'’-]{1,40}?\s*\((?:[A-Z]{2,10}|[A-Z][a-z]+)\)\s*[-–—:]\s*")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +(?=[.,;:!?)](?:[\s.,;:)]|$))")
_SPACE_AFTER_OPEN = re.compile(r"\( +")


_TRAILING_DIGITS = re.compile(r"\d+$")
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT_HINT = re.compile(r"[.,;:!?)](?<= [.,;:!?)])")  # a space right before the punctuation


# Deletes what [\W_] matches in ASCII; outside ASCII, \w minus "_" is exactly str.isalnum (checked on every code point).
_ASCII_NON_WORD = str.maketrans({c: None for c in map(chr, range(128)) if not c.isalnum()})


def _key(line: str) -> str:
    """Comparison key for repeated lines: letters and digits only, so glue and spacing differences vanish."""
    line = _DATELINE_PREFIX.sub("", line)
    if line.isascii():
        return line.translate(_ASCII_NON_WORD).lower()
    return "".join(filter(str.isalnum, line)).lower()


def _may_have_image_marker(text: str) -> bool:
    """False only when _IMAGE_MARKER cannot match: none of its words occurs in any letter case.

    str.lower() folds case as the regex engine does except for the dotted/dotless i, so those fall back to True.
    """
    if "İ" in text or "ı" in text:
        return True
    low = text.lower()
    return any(word in low for word in _IMAGE_WORDS)


@dataclass
class CleanResult:
    """Cleaned text and the pieces that were removed from it (for audit and tests)."""

    text: str
    removed: list[str] = field(default_factory=list)


def _split_captions(line: str, removed: list[str]) -> list[str]:
    """Drop photo captions: text up to a "(Photo: X)" credit, and whole "Photo by X." lines."""
    out: list[str] = []
    while True:
        m = _PHOTO_CREDIT.search(line)
        if not m:
            break
        caption, rest = line[: m.end()], line[m.end() :]
        if m.start() > 350:
            # A long paragraph ending in a credit: only its last sentence is the caption.
            cut = max(caption.rfind(". ", 0, m.start() - 2), caption.rfind("? ", 0, m.start() - 2))
            if cut > 0:
                out.append(caption[: cut + 1])
                caption = caption[cut + 2 :]
        removed.append(caption.strip())
        line = rest
    if _PHOTO_LINE.match(line) or (_PHOTO_BY_END.search(line) and len(line) <= 400):
        removed.append(line.strip())
        return out
    out.append(line)
    return out


def _halve_doubled(line: str) -> str:
    """A caption scraped twice on one line ("X X") is kept once."""
    s = line.strip()
    n = len(s)
    if n >= 20 and n % 2 == 1 and s[n // 2] == " " and s[: n // 2] == s[n // 2 + 1 :]:
        return s[: n // 2]
    return line


def _is_boilerplate(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if _BOILERPLATE_LINE.match(s) or _BREADCRUMB.match(s) or _EMAIL_LINE.match(s) or _DATE_ONLY.match(s):
        return True
    if _SOURCE_LINE.match(s):
        return True
    return bool(_TIMESTAMPED_TEASER.search(s))


def clean_text(text: str, *, title: str | None = None) -> CleanResult:
    """Remove boilerplate, captions, image markers, repeated lines and tails, then repair glued words."""
    removed: list[str] = []
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    m = DATE_PREFIX.match(text)
    if m:
        removed.append(m.group(0).strip())
        text = text[m.end() :]

    # Image markers separate an image's alt text (usually the headline again) from its caption.
    def marker(m: re.Match[str]) -> str:
        removed.append(m.group(0).strip())
        return "\n"

    if _may_have_image_marker(text):
        text = _IMAGE_MARKER.sub(marker, text)

    lines: list[str] = []
    for raw in text.split("\n"):
        lines.extend(_split_captions(raw, removed))

    kept: list[str] = []
    prose = 0
    seen: set[str] = set()
    title_key = _key(title) if title else None
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if prose >= 300 and _TAIL_START.match(s):
            removed.append("\n".join(x.strip() for x in lines[i:] if x.strip()))
            break
        if prose >= 300 and _END_LINE.match(s) and not _DATE_ONLY.match(s):
            removed.append("\n".join(x.strip() for x in lines[i:] if x.strip()))
            break
        if _is_boilerplate(s):
            removed.append(s)
            continue
        s = _halve_doubled(s)
        key = _key(s)
        base_key = _TRAILING_DIGITS.sub("", key) if title_key and key.startswith(title_key) else key
        if key in seen or (title_key and base_key == title_key and title_key in seen):
            removed.append(s)
            continue
        if not key:
            removed.append(s)
            continue
        # A single short word before the story starts is a section label ("Society", "Miscellaneous").
        if prose == 0 and " " not in s and len(s) < 25 and not s[:1].isdigit():
            removed.append(s)
            continue
        seen.add(key)
        if title_key and base_key == title_key:
            seen.add(title_key)
        # _END_SUFFIX ends in "./." or a capital (then only spaces): other lines need no search.
        tail = s.rstrip()
        end = _END_SUFFIX.search(s) if tail.endswith("./.") or "A" <= tail[-1:] <= "Z" else None
        if end and prose + len(s) >= 300:
            removed.append(s[end.start() :].strip())
            s = s[: end.start()].rstrip()
            if s.endswith("."):
                pass
            elif not s.endswith((".", "!", "?", '"', "”")):
                s += "."
            kept.append(s)
            rest = [x.strip() for x in lines[i + 1 :] if x.strip()]
            if rest:
                removed.append("\n".join(rest))
            break
        kept.append(s)
        if len(s) > 60:
            prose += len(s)

    # CamelCase tokens repeated in the text are names, not glue accidents.
    camel_counts = Counter(m.group(0) for line in kept if _CAMEL_HINT.search(line) for m in _CAMEL_TOKEN.finditer(line))
    repeated = {t for t, n in camel_counts.items() if n > 1}
    out = []
    for line in kept:
        line = repair_glue(line, repeated=repeated)
        if "  " in line or "\t" in line:
            line = _SPACE_RUN.sub(" ", line)
        if " " in line and _SPACE_BEFORE_PUNCT_HINT.search(line):
            line = _SPACE_BEFORE_PUNCT.sub("", line)
        line = _SPACE_AFTER_OPEN.sub("(", line)
        out.append(line.strip())
    return CleanResult(text="\n".join(out), removed=removed)


def clean_html(html: str, *, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """Extract the main text and metadata (title, date, url) from an HTML page with trafilatura."""
    import trafilatura  # imported lazily: plain-text batches never pay its import cost

    metadata: dict[str, str | None] = {"title": None, "date": None, "url": url, "sitename": None}
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None:
        return "", metadata
    data = doc if isinstance(doc, dict) else doc.as_dict()
    metadata.update(
        title=data.get("title") or None,
        date=data.get("date") or None,
        url=data.get("url") or url,
        sitename=data.get("sitename") or None,
    )
    return data.get("text") or "", metadata
