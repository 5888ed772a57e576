"""Recognise contributing countries, UN missions and unit types in text, and the country an article is about."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from apps.ingest.pipeline.gazetteer import (
    BATTALION_PREFIXES,
    COUNTRIES,
    EPITHETS,
    FORCE_ACRONYMS,
    FORMER_HOSTS,
    HOSTS,
    MISSION_ACRONYMS,
    MISSIONS,
)

_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
ARTICLE_COUNTRY = "*"  # an epithet ("the Southeast Asian nation") that refers back to the article's country


@dataclass(frozen=True)
class Mention:
    """An entity found in text: its span, the code it resolves to and how it was written."""

    start: int
    end: int
    text: str
    code: str
    kind: str  # "name" | "demonym" | "capital" | "epithet" | "acronym" | "place" | "unit"


def _alternation(words: list[str]) -> str:
    """A regex matching any of `words`, longest first, shaped as a character trie so that it scans fast."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


def _build_country_index() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    lookup: dict[str, tuple[str, str]] = {}
    for iso, names, demonyms, capitals in COUNTRIES:
        for kind, field in (("capital", capitals), ("demonym", demonyms), ("name", names)):
            for word in filter(None, field.split("|")):
                lookup[word] = (iso, kind)
    # Lookbehinds keep "Papua New Guinea", "North Korea", "Latin American", "Indian Ocean" out.
    pattern = re.compile(rf"\b(?:{_alternation(list(lookup))})(?![A-Za-z])")
    return pattern, lookup


COUNTRY_RE, COUNTRY_LOOKUP = _build_country_index()
# COUNTRY_RE without its leading \b: a pattern that opens with a plain character set lets the regex engine skip
# ahead fast; the word boundary is then checked by hand (see find_countries).
_COUNTRY_SCAN = re.compile(COUNTRY_RE.pattern[2:])
CAPITAL_RE = re.compile(r"(?<![A-Za-z])[A-ZÀ-Ý]")
# "Papua New Guinea", "North Korea", "Latin American", "Indian Ocean", "Guinea-Bissau" are not these countries.
NOT_COUNTRY_BEFORE = re.compile(r"(?:New|Equatorial|North|Latin|Papua)\s$")
NOT_COUNTRY_AFTER = re.compile(r"\s+Ocean\b|-Bissau\b")
EPITHET_RE = re.compile(
    r"\bthe\s+(?:" + "|".join(f"(?P<e{i}>{p})" for i, (p, _) in enumerate(EPITHETS)) + r")\b", re.IGNORECASE
)
EPITHET_ANCHOR = re.compile(r"\b(?:nation|country|republic|kingdom|Rising Sun|Thousand Hills)\b", re.IGNORECASE)

ACRONYM_RE = re.compile(rf"(?<![A-Za-z])({_alternation(list(MISSION_ACRONYMS))})(?![A-Za-z])")
_ACRONYM_SCAN = re.compile(rf"({_alternation(list(MISSION_ACRONYMS))})(?![A-Za-z])")


def _keyword(pattern: str) -> str:
    """The longest plain word in a pattern: a cheap substring test that must pass before the regex runs."""
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\\[a-z]", " ", pattern))
    return max(words, key=len)


MISSION_PLACE_RES = [(code, _keyword(p), re.compile(p)) for code, patterns in MISSIONS for p in patterns]

# Unit vocabulary, most specific first; each pattern is tried and overlapping later matches are dropped.
UNIT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "level-2 field hospital",
        r"\blevel[\s-]*(?:2|two|ii)\b(?:\s+(?:field|military|medical|[A-Z][a-z]+))*\s+hospitals?"
        r"|\bsecond[\s-]+level\s+(?:field\s+|military\s+)?hospitals?|\blevel[\s-]*(?:2|two|ii)\s+(?:field\s+)?hospital",
    ),
    ("field hospital", r"\bfield\s+hospitals?\b|\blevel[\s-]*(?:1|3|one|three|i|iii)\b\s+(?:field\s+)?hospitals?"),
    (
        "engineering unit",
        r"\bengineer(?:ing)?\s+(?:units?|company|companies|contingents?|teams?|battalions?|corps|platoons?|troops|brigades?|detachments?)\b"
        r"|\b(?:military|construction)\s+engineers\b|\bengineering\s+work",
    ),
    ("formed police unit", r"\bformed\s+police\s+units?\b|\bFPUs?\b"),
    ("explosive ordnance disposal", r"\bexplosive\s+ordnance\s+disposal\b|\bEOD\b|\bdemining\s+(?:unit|team|company)"),
    ("maritime task force", r"\b(?:maritime|marine|naval)\s+task\s+force\b|\bMTF\b"),
    ("staff officers", r"\bstaff\s+officers?\b"),
    (
        "individual",
        r"\bmilitary\s+observers?\b|\bmilitary\s+experts?\b|\bexperts?\s+on\s+missions?\b|\bindividual(?:ly)?\s+(?:police|deployed|officers?)"
        r"|\bpolice\s+(?:officers?|advisers?|advisors?)\b|\bpolicemen\b|\bpolicewom[ae]n\b|\bliaison\s+officers?\b|\bUNPOL\b",
    ),
    ("platoon", r"\bplatoons?\b"),
    ("battalion", r"\bbattalions?\b|\b[A-Z]{3,}BATT?\b|\binfantry\s+(?:unit|company|contingent)\b"),
)
# Each unit pattern runs only when one of its keywords occurs in the lower-cased text (most texts have few).
UNIT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "level-2 field hospital": ("level", "second"),
    "field hospital": ("hospital",),
    "engineering unit": ("engineer",),
    "formed police unit": ("formed police", "fpu"),
    "explosive ordnance disposal": ("ordnance", "eod", "demining"),
    "maritime task force": ("task force", "mtf"),
    "staff officers": ("staff officer",),
    "individual": ("observer", "expert", "individual", "police", "liaison", "unpol"),
    "platoon": ("platoon",),
    "battalion": ("battalion", "batt", "infantry"),
}
UNIT_RES = [
    (label, UNIT_KEYWORDS[label], re.compile(p.replace("[A-Z]{3,}BATT?", "(?-i:[A-Z]{3,}BATT?)"), re.IGNORECASE))
    for label, p in UNIT_PATTERNS
]

# UN-wide categories for shares of all peacekeepers ("4.7% in military contingents").
UN_UNIT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("military contingents", r"\bmilitary\s+contingents?\b"),
    ("contingent troops", r"\bcontingent\s+troops\b|\btroops\s+in\s+contingents\b"),
    ("formed police unit", r"\bformed\s+police\s+units?\b|\bFPUs?\b"),
    ("police units", r"\bpolice\s+units\b"),
    ("individual", r"\bindividual\s+police\b|\bmilitary\s+observers\b|\bstaff\s+officers\b"),
    ("uniformed", r"\bun?formed\s+(?:personnel|personal|peacekeepers|staff)\b|\buniformed\b"),
    ("civilian", r"\bcivilian\s+(?:staff|personnel|peacekeepers)\b"),
    ("police", r"\bpolice\b"),
    ("military", r"\bmilitary\s+(?:personnel|peacekeepers|staff|components?)\b|\bmilitary\b|\btroops\b"),
)
UN_UNIT_RES = [(label, re.compile(p, re.IGNORECASE)) for label, p in UN_UNIT_PATTERNS]

TARGET_CATEGORY_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "military observers and staff officers",
        r"military\s+observers\s+and\s+staff\s+officers|staff\s+officers\s+and\s+military\s+observers",
    ),
    ("military contingents", r"military\s+contingents?|contingent\s+troops|troops"),
    ("formed police units", r"formed\s+police\s+units?|FPUs?"),
    ("individual police officers", r"individual\s+police(?:\s+officers)?"),
    ("justice and corrections", r"justice\s+and\s+corrections?|corrections\s+officers"),
    ("military observers", r"military\s+observers"),
    ("staff officers", r"staff\s+officers"),
    ("police", r"police"),
    ("uniformed", r"uniformed"),
)
TARGET_CATEGORY_RES = [(label, re.compile(p, re.IGNORECASE)) for label, p in TARGET_CATEGORY_PATTERNS]

# Country-code top-level domains and news agencies whose home country is a prior for the article's country.
TLD_COUNTRY = {
    "vn": "VNM", "gh": "GHA", "np": "NPL", "mn": "MNG", "jp": "JPN", "id": "IDN", "bd": "BGD", "rw": "RWA",
    "in": "IND", "pk": "PAK", "cn": "CHN", "ng": "NGA", "ke": "KEN", "et": "ETH", "sn": "SEN", "kh": "KHM",
    "my": "MYS", "th": "THA", "ph": "PHL", "lk": "LKA", "eg": "EGY", "za": "ZAF", "ma": "MAR", "tz": "TZA",
    "ug": "UGA", "kr": "KOR", "br": "BRA", "uy": "URY", "fj": "FJI", "zm": "ZMB", "mw": "MWI", "tg": "TGO",
    "bf": "BFA", "bi": "BDI", "ne": "NER", "jo": "JOR", "ie": "IRL", "it": "ITA", "fr": "FRA", "es": "ESP",
    "de": "DEU", "nl": "NLD", "no": "NOR", "se": "SWE", "fi": "FIN", "pl": "POL", "ar": "ARG", "cl": "CHL",
    "pe": "PER", "mx": "MEX", "au": "AUS", "nz": "NZL", "ca": "CAN", "tn": "TUN", "cm": "CMR", "bt": "BTN",
    "mv": "MDV", "kz": "KAZ", "uk": "GBR", "zw": "ZWE", "na": "NAM", "bw": "BWA", "gm": "GMB", "sl": "SLE",
}  # fmt: skip
_AGENCIES: tuple[tuple[str, str], ...] = (
    ("VNA|VOV|VNS|QDND|QĐND|VietnamPlus|Nhan Dan|VOVWORLD", "VNM"),
    ("GNA|Ghana News Agency", "GHA"),
    ("MONTSAME|Montsame", "MNG"),
    ("RSS|Rastriya Samachar Samiti", "NPL"),
    ("Kyodo|NHK|Jiji", "JPN"),
    ("ANTARA|Antara|REPUBLIKA|Republika", "IDN"),
    ("BSS|Bangladesh Sangbad Sangstha", "BGD"),
    ("Xinhua", "CHN"),
    ("PTI|Press Trust of India", "IND"),
    ("APP|Associated Press of Pakistan|ISPR", "PAK"),
    ("RBA|The New Times", "RWA"),
    ("NAN|News Agency of Nigeria", "NGA"),
    ("Yonhap", "KOR"),
)
# (literal keywords for a cheap test, the word-bounded regex that confirms, the agency's country)
AGENCY_RE = [
    (tuple(names.split("|")), re.compile(rf"(?<![A-Za-z])(?:{names.replace('.', chr(92) + '.')})(?![a-z])"), iso)
    for names, iso in _AGENCIES
]


@lru_cache(maxsize=64)  # headline and URL words are read several times per article
def find_countries(text: str) -> list[Mention]:
    """Countries named, as demonyms, capitals or epithets; an epithet's code may be ARTICLE_COUNTRY ("*")."""
    out: list[Mention] = []
    pos = 0
    while True:
        m = _COUNTRY_SCAN.search(text, pos)
        if m is None:
            break
        i = m.start()
        prev = text[i - 1] if i else ""
        # The same test as CAPITAL_RE followed by COUNTRY_RE.match: a capital letter at a word boundary.
        if prev and (prev.isalnum() or prev == "_") or not CAPITAL_RE.match(text, i):
            pos = i + 1
            continue
        word = m.group(0)
        if word not in COUNTRY_LOOKUP or NOT_COUNTRY_BEFORE.search(text, max(0, i - 12), i):
            pos = i + 1
            continue
        if NOT_COUNTRY_AFTER.match(text, m.end()):
            pos = i + 1
            continue
        iso, kind = COUNTRY_LOOKUP[word]
        out.append(Mention(i, m.end(), word, iso, kind))
        pos = m.end()
    taken = [(m.start, m.end) for m in out]
    for anchor in EPITHET_ANCHOR.finditer(text):
        m = EPITHET_RE.search(text, max(0, anchor.start() - 48), anchor.end())
        if m and m.end() == anchor.end() and all(m.end() <= s or m.start() >= e for s, e in taken):
            code = EPITHETS[int(m.lastgroup[1:])][1]
            out.append(Mention(m.start(), m.end(), m.group(0), code, "epithet"))
            taken.append(m.span())
    out.sort(key=lambda x: x.start)
    return out


@lru_cache(maxsize=64)  # headline and URL words are read several times per article
def find_missions(text: str) -> list[Mention]:
    """UN missions named by acronym, full name or host place ("Abyei" -> UNISFA); towns alone are not mapped."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    pos = 0 if "UN" in text or "MI" in text or "MO" in text else len(text)  # every acronym starts so
    while True:
        m = _ACRONYM_SCAN.search(text, pos)
        if m is None:
            break
        if m.start() and text[m.start() - 1] in _ASCII_LETTERS:
            pos = m.start() + 1  # the same as ACRONYM_RE's lookbehind
            continue
        out.append(Mention(m.start(), m.end(), m.group(0), m.group(1), "acronym"))
        taken.append(m.span())
        pos = m.end()
    for code, keyword, regex in MISSION_PLACE_RES:
        if keyword not in text:
            continue
        for m in regex.finditer(text):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                out.append(Mention(m.start(), m.end(), m.group(0), code, "place"))
                taken.append(m.span())
    out.sort(key=lambda x: x.start)
    return out


@lru_cache(maxsize=64)  # headline and URL words are read several times per article
def find_units(text: str) -> list[Mention]:
    """Unit types in the corpus vocabulary ("level-2 field hospital", "engineering unit", "battalion", ...)."""
    low = text.lower()
    out: list[Mention] = []
    for label, keywords, regex in UNIT_RES:
        if not any(k in low for k in keywords):
            continue
        for m in regex.finditer(text):
            if all(m.end() <= o.start or m.start() >= o.end for o in out):
                out.append(Mention(m.start(), m.end(), m.group(0), label, "unit"))
    out.sort(key=lambda x: x.start)
    return out


def find_un_unit(text: str) -> str | None:
    """The UN-wide personnel category a share is about ("military contingents", "uniformed", ...), if any."""
    best: tuple[int, str] | None = None
    for label, regex in UN_UNIT_RES:
        m = regex.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), label)
    return best[1] if best else None


def target_category(text: str) -> str | None:
    """The personnel category a target is set for, when stated."""
    for label, regex in TARGET_CATEGORY_RES:
        if regex.search(text):
            return label
    return None


def outlet_country(text: str, url: str | None) -> str | None:
    """The home country of the outlet, from the URL's country domain or a national news agency's mark."""
    if url:
        host = urlsplit(url if "//" in url else "//" + url).netloc.lower()
        tld = host.rsplit(".", 1)[-1] if "." in host else ""
        if tld in TLD_COUNTRY:
            return TLD_COUNTRY[tld]
    head = text[:3000]
    for keywords, regex, iso in AGENCY_RE:
        if any(k in head for k in keywords) and regex.search(head):
            return iso
    return None


@lru_cache(maxsize=64)  # headline and URL words are read several times per article
def _url_words(url: str | None) -> str:
    if not url:
        return ""
    path = urlsplit(url if "//" in url else "//" + url).path
    return " ".join(w.capitalize() for w in re.split(r"[^A-Za-z]+", path) if w)


CONTRIBUTES_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:\w+\s+){0,3}?(?:has\s+|have\s+|had\s+|will\s+|also\s+|so\s+far\s+)*"
    r"(?:sen[dt]s?|deploy\w*|dispatch\w*|contribut\w+|peace-?keepers|troops|soldiers|officers|personnel|"
    r"contingents?|battalions?|field\s+hospitals?|engineers|police\s+(?:officers|units?))\b",
    re.IGNORECASE,
)


# Personnel nouns: the people a deployment figure counts. A country written right before one of them ("Indian
# policewomen", "Ghana's contingent", "the Nepal Army") or right after one ("troops from Ghana") is the country
# whose personnel the article counts, which is what makes it the contributor; a partner or a host is named bare.
_PERSONNEL = (
    r"peace-?\s?keepers?|peace-?keeping\s+(?:force|troops|contingent|team|unit)s?|blue\s+(?:helmets?|berets?)|troops"
    r"|soldiers|servicem[ae]n|servicewom[ae]n|service\s+(?:members|personnel)|officers|police(?:wom[ae]n|m[ae]n)?"
    r"|gendarmes?|personnel|contingents?|battalions?|units?|compan(?:y|ies)|platoons?|detachments?|hospitals?"
    r"|engineers|medics|doctors|nurses|observers|women|female|armed\s+forces|army|navy|air\s+force|marines"
    r"|defen[cs]e\s+forces?|military|forces|engagement\s+teams?|FPUs?"
)
# Up to two modifiers in between ("Indian all-women police unit", "Pakistani Female Engagement Team"), words
# that are not numbers, prepositions or verbs: in "Turkiye with 21 female personnel" the country is a place.
_MODIFIER = (
    r"(?!(?:with|in|into|to|for|of|and|or|at|on|by|from|as|is|are|was|were|has|have|had|will|the)\b)[A-Za-z][\w-]*"
)
ATTACHED_AFTER = re.compile(
    rf"(?:['’]s?)?\s+(?:{_MODIFIER}\s+){{0,2}}?(?:{_PERSONNEL})\b"
    # "South Africa, with 1 144 military personnel": a country and the size of its deployment.
    rf"|,\s+with\s+(?:(?:more\s+than|over|about|some|nearly|around|almost)\s+)?\d[\d ,.]*\s+(?:[\w-]+\s+)?(?:{_PERSONNEL})\b"
    # "Vietnam has sent three teams with 189 officers": the subject of a deployment verb with a count after it.
    r"|(?:['’]s)?\s+(?:(?:has|have|had|will|would|also|now|so\s+far|already|currently|recently)\s+)*"
    r"(?:sen[dt]s?|deploy(?:s|ed)?|dispatch(?:es|ed)?|contribut(?:es|ed)|provid(?:es|ed))\s+(?:[\w-]+\s+){0,4}?\d",
    re.IGNORECASE,
)
# "troops from Ghana", "peacekeepers of Nepal", "women from the Philippines" (the noun right before: in "troops
# redeployed from Liberia" the country is where they were, not who they are).
ATTACHED_BEFORE = re.compile(rf"\b(?:{_PERSONNEL})\s+(?:from|of)\s+(?:the\s+)?$", re.IGNORECASE)
# National forces by acronym ("SANDF"), by a short form before a service ("SA Army") or by contingent code name.
FORCE_RE = re.compile(
    r"(?<![A-Za-z])(?:(?P<acr>" + "|".join(sorted(FORCE_ACRONYMS, key=len, reverse=True)) + r")"
    r"|(?P<sa>SA)\s+(?:National\s+Defen[cs]e\s+Force|Army|Navy|Air\s+Force|Military\s+Health\s+Service|Infantry)"
    r"|(?P<batt>" + "|".join(sorted(BATTALION_PREFIXES, key=len, reverse=True)) + r")BATT?)(?![A-Za-z])"
)
# A partner named in its diplomatic role ("his Japanese counterpart", "the Korean delegation", "thanked Japan for
# its support", "together with Japan") is the contributor's partner, not the contributor. ("Viet Nam's partners" is
# the contributor: "partners" after a name is not a partner mark.)
PARTNER_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:[\w-]+\s+)?(?:counterparts?|delegations?|ambassadors?|embass(?:y|ies)|donors?"
    r"|co-?chairs?|funding|grants?|aid)\b",
    re.IGNORECASE,
)
PARTNER_BEFORE = re.compile(
    r"\b(?:thank(?:s|ed)?|together\s+with|(?:support|assistance|funding|grants?|aid|donations?)\s+(?:from|of)|funded\s+by"
    r"|donated\s+by|ambassador\s+(?:to|of)|embassy\s+of|partnership\s+with|co-?chaired\s+with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
PARTNER_WEIGHT = 0.5
ATTACHED_WEIGHT = 3.0  # one attached mention outweighs three bare ones
FORMER_HOST_WEIGHT = 0.25  # a bare mention of a past mission's host
# An article about no peace operation has no contributing country ("UN-wide / irrelevant articles get null").
PEACE_CONTEXT = re.compile(
    r"peace-?\s?keep|peace\s+(?:support|operations?|missions?)|blue\s+(?:helmets?|berets?)|united\s+nations"
    r"|(?-i:\bU\.?N\.?\b)",  # "UN", "U.N." in capitals: "un-armed" is not the UN
    re.IGNORECASE,
)


# Cheap tests before the regexes (they run for every mention of every article): the last word before a mention
# that ATTACHED_BEFORE / PARTNER_BEFORE can end with, and substrings every FORCE_RE match contains.
_ATTACHED_LAST = frozenset({"from", "of"})
_PARTNER_LAST = frozenset({"thank", "thanks", "thanked", "with", "from", "of", "by", "to"})
_FORCE_KEYS = (*FORCE_ACRONYMS, "SA ", "BAT")


def _last_word(text: str, start: int) -> str:
    """The word right before `start`, skipping an article ("troops from the Philippines" -> "from")."""
    words = text[max(0, start - 24) : start].split()
    if words and words[-1].lower() == "the":
        words.pop()
    return words[-1].lower() if words else ""


def _attached(text: str, m: Mention) -> bool:
    """True when the mention names whose personnel these are (see _PERSONNEL), not a place or a partner."""
    if ATTACHED_AFTER.match(text, m.end) is not None:
        return True
    return _last_word(text, m.start) in _ATTACHED_LAST and (
        ATTACHED_BEFORE.search(text, max(0, m.start - 40), m.start) is not None
    )


def _partner(text: str, m: Mention) -> bool:
    """True when the mention names a partner in its diplomatic role (see PARTNER_AFTER / PARTNER_BEFORE)."""
    if PARTNER_AFTER.match(text, m.end) is not None:
        return True
    return _last_word(text, m.start) in _PARTNER_LAST and (
        PARTNER_BEFORE.search(text, max(0, m.start - 40), m.start) is not None
    )


def _forces(text: str) -> list[str]:
    """Countries named through their national forces (acronyms, "SA Army", contingent code names)."""
    if not any(k in text for k in _FORCE_KEYS):
        return []
    out = []
    for m in FORCE_RE.finditer(text):
        if m["acr"]:
            out.append(FORCE_ACRONYMS[m["acr"]])
        elif m["sa"]:
            out.append("ZAF")
        else:
            out.append(BATTALION_PREFIXES[m["batt"]])
    return out


def country_scores(
    text: str, *, title: str | None = None, url: str | None = None, mentions: list[Mention] | None = None
) -> Counter[str]:
    """Score contributing countries: a country whose personnel are named weighs far more than a bare mention.

    Title and URL mentions weigh more than body ones; hosts of current missions never count and past hosts
    little unless their own personnel are meant; the outlet's home country breaks near ties.
    """
    scores: Counter[str] = Counter()
    body = find_countries(text) if mentions is None else mentions
    for found, weight in ((body, 1.0), (find_countries(title or ""), 3.0), (find_countries(_url_words(url)), 1.0)):
        for m in found:
            if m.code in HOSTS or m.code == ARTICLE_COUNTRY:
                continue
            w = weight * (0.5 if m.kind == "capital" else 1.0)
            attached = found is body and _attached(text, m)
            if m.code in FORMER_HOSTS and not attached:
                w *= FORMER_HOST_WEIGHT
            elif found is body and not attached and _partner(text, m):
                w *= PARTNER_WEIGHT
            scores[m.code] += w
            if attached:
                scores[m.code] += ATTACHED_WEIGHT  # "Indian policewomen", "troops from Ghana": the contributor
            if found is body and CONTRIBUTES_AFTER.match(text, m.end):
                scores[m.code] += 1.5  # "Vietnam has sent ...": the contributor itself
    for code in _forces(text):
        scores[code] += 1.0 + ATTACHED_WEIGHT  # a national force is that country's personnel
    prior = outlet_country(text, url)
    if prior and scores.get(prior):
        scores[prior] += 2.0
    # Epithets like "the Southeast Asian nation" strengthen whichever country leads.
    if scores:
        lead = scores.most_common(1)[0][0]
        scores[lead] += 0.5 * sum(1 for m in body if m.code == ARTICLE_COUNTRY)
    return scores


def article_country(
    text: str, *, title: str | None = None, url: str | None = None, mentions: list[Mention] | None = None
) -> str | None:
    """The contributing country the article is about, or None for UN-wide or country-less pieces."""
    head = title or ""
    if not (PEACE_CONTEXT.search(text) or PEACE_CONTEXT.search(head) or find_missions(text) or find_missions(head)):
        return None  # no peace operation, no contributor: a domestic deployment is not a contribution
    scores = country_scores(text, title=title, url=url, mentions=mentions)
    if not scores:
        return None
    ranked = scores.most_common(2)
    best, top = ranked[0]
    if top < 2.0 and not (top >= 1.0 and len(ranked) == 1):
        return None
    if len(ranked) > 1 and ranked[1][1] >= top:
        prior = outlet_country(text, url)
        return prior if prior in (best, ranked[1][0]) else best
    return best


def _clusters(positions: list[int], gap: int = 40) -> int:
    """How many separate places mention something (an acronym right after its full name counts once)."""
    count = 0
    last = -(10**9)
    for p in sorted(positions):
        if p - last > gap:
            count += 1
        last = p
    return count


def main_mission(
    text: str, *, title: str | None = None, url: str | None = None, mentions: list[Mention] | None = None
) -> str | None:
    """The one mission the article is about: the only one named, and named in the headline or more than once."""
    head = {m.code for m in find_missions(title or "")} | {m.code for m in find_missions(_url_words(url))}
    found = find_missions(text) if mentions is None else mentions
    codes = head | {m.code for m in found}
    if len(codes) != 1:
        return None
    code = next(iter(codes))
    return code if code in head or _clusters([m.start for m in found]) >= 2 else None


def main_unit(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    min_places: int = 3,
    mentions: list[Mention] | None = None,
) -> str | None:
    """The unit type the article is about: the only type named, in the headline or in three places or more."""
    head = {m.code for m in find_units(title or "")} | {m.code for m in find_units(_url_words(url).lower())}
    found = find_units(text) if mentions is None else mentions
    labels = head | {m.code for m in found}
    hospital = {"level-2 field hospital", "field hospital"}
    if labels and labels <= hospital:
        label = "level-2 field hospital" if "level-2 field hospital" in labels else "field hospital"
        return label
    if len(labels) != 1:
        return None
    label = next(iter(labels))
    return label if label in head or _clusters([m.start for m in found]) >= min_places else None


class TextIndex:
    """Countries, missions and units found once per text, looked up by span."""

    def __init__(self, text: str) -> None:
        self.countries = find_countries(text)
        self.missions = find_missions(text)
        self.units = find_units(text)

    @staticmethod
    def within(mentions: list[Mention], s: int, e: int) -> list[Mention]:
        """Mentions wholly inside text[s:e]."""
        return [m for m in mentions if s <= m.start and m.end <= e]
