"""Extract deployment figures and gender targets from a peacekeeping article."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from apps.ingest.pipeline import entities
from apps.ingest.pipeline.entities import ARTICLE_COUNTRY, HOSTS
from apps.ingest.pipeline.numbers import (
    COUNT,
    MONTHS,
    PERCENT,
    RANGE,
    Fraction,
    Number,
    find_fractions,
    find_numbers,
    find_women_phrases,
)


@dataclass
class Figure:
    """One deployment figure: who, how many, how many women, where, when, and the quote it rests on."""

    quote: str
    start: int | None
    end: int | None
    personnel_total: int | None = None
    women: int | None = None
    women_percent: float | None = None
    qualifier: str | None = None
    mission: list[str] = field(default_factory=list)
    unit: str | None = None
    scope: str = "current"
    as_of: str | None = None
    subject: str | None = None
    confidence: float = 0.5
    reasons: list[str] = field(default_factory=list)
    source: str = "text"  # "text" or "title"

    def key(self) -> tuple[int | None, int | None, float | None]:
        """The values that identify the population counted."""
        return (self.personnel_total, self.women, self.women_percent)

    def to_dict(self) -> dict:
        """The JSON shape the dry run prints and the review UI stores."""
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "in": self.source,
            "personnel_total": self.personnel_total,
            "women": self.women,
            "women_percent": self.women_percent,
            "qualifier": self.qualifier,
            "mission": sorted(self.mission),
            "unit": self.unit,
            "scope": self.scope,
            "as_of": self.as_of,
            "subject": self.subject,
            "confidence": round(self.confidence, 2),
            "reasons": list(self.reasons),
        }


@dataclass
class Target:
    """A target share of women cited by the article: the UN's, or a national goal (set_by an ISO3)."""

    quote: str
    start: int | None
    end: int | None
    target_percent_low: float
    target_percent_high: float | None = None
    category: str | None = None
    by_year: int | None = None
    set_by: str = "UN"
    source: str = "text"

    def to_dict(self) -> dict:
        """The JSON shape the dry run prints."""
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "in": self.source,
            "target_percent_low": self.target_percent_low,
            "target_percent_high": self.target_percent_high,
            "category": self.category,
            "by_year": self.by_year,
            "set_by": self.set_by,
        }


@dataclass
class Extraction:
    """Everything extracted from one article."""

    country: str | None
    is_relevant: bool
    figures: list[Figure] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    other_targets: list[Target] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON shape the dry run prints."""
        return {
            "country": self.country,
            "is_relevant": self.is_relevant,
            "figures": [f.to_dict() for f in self.figures],
            "targets": [t.to_dict() for t in self.targets],
            "other_targets": [t.to_dict() for t in self.other_targets],
        }


# --- vocabulary -------------------------------------------------------------------------------------------

# Nouns that make a number a count of deployed people. Some also work as modifiers ("staff members").
PERSONNEL = {
    "personnel", "peacekeepers", "peacekeeper", "troops", "troop", "soldiers", "soldier", "officers", "officer",
    "staff", "staffers", "members", "member", "servicemen", "servicemembers", "military", "men", "people",
    "police", "policemen", "policewomen", "policeman", "policewoman", "doctors", "medics", "nurses", "engineers",
    "observers", "experts", "sailors", "marines", "airmen", "crew", "cadres", "commandos", "paratroopers",
    "gendarmes", "individuals", "persons", "uniformed", "blue", "helmets", "berets", "contingent", "servicewomen",
    "women", "woman", "female", "females", "girls", "physicians", "specialists", "medical", "workers",
    "pilots", "drivers", "interpreters", "mechanics", "technicians", "cooks", "paramedics", "surgeons", "dentists",
    "pharmacists", "midwives", "signallers", "riflemen", "scouts", "guards", "advisers", "advisors",
    "investigators", "analysts", "professionals", "ranks", "NCOs", "ncos", "privates",
    "deminers", "sappers", "medical staff", "peace-keepers", "blue-helmets", "military observers",
}  # fmt: skip
# Words that are personnel heads only when nothing else follows ("12 female." but not "30 military vehicles").
WEAK_HEADS = {"medical", "military", "police", "uniformed", "blue", "contingent", "member", "female", "staff", "women"}
WOMEN_WORDS = {"women", "woman", "female", "females", "servicewomen", "policewomen", "policewoman", "girls"}
# Heads that count somebody else, or something else: a number before them is not a deployment figure.
NOT_PERSONNEL = {
    "patients", "patient", "surgeries", "operations", "refugees", "civilians", "children", "countries", "nations",
    "states", "years", "year", "months", "month", "days", "day", "hours", "hour", "weeks", "week", "minutes",
    "times", "tonnes", "tons", "tonne", "kg", "kilograms", "km", "kilometres", "kilometers", "miles", "metres",
    "meters", "litres", "liters", "medals", "courses", "course", "sessions", "session", "meetings", "positions",
    "posts", "post", "vehicles", "trucks", "aircraft", "planes", "helicopters", "flights", "cases", "students",
    "trainees", "cadets", "deputies", "delegates", "projects", "schools", "homes", "houses", "residents",
    "villagers", "locals", "victims", "prisoners", "detainees", "voters", "families", "households", "teams",
    "groups", "units", "batches", "rotations", "contingents", "missions", "areas", "provinces", "districts",
    "villages", "towns", "languages", "rounds", "percent", "per", "points", "goals", "votes", "participants",
    "attendees", "graduates", "applicants", "candidates", "recipients", "beds", "doses", "vaccines", "items",
    "pieces", "kits", "boxes", "sets", "hectares", "wells", "roads", "bridges", "lectures", "classes",
    "seminars", "workshops", "articles", "pages", "decades", "centuries", "seats", "dollars", "words",
    "ships", "vessels", "boats", "journalists", "athletes", "deaths", "casualties", "fatalities",
    "incidents", "attacks", "companies", "battalions", "platoons", "hospitals", "clinics", "camps", "bases",
    "sites", "cities", "kilometre", "meter", "metre", "litre", "liter", "ones", "others", "more", "airlifts",
}  # fmt: skip
# Lower-case words that may stand between a number and its personnel noun ("41 female soldiers").
MODIFIERS = {
    "more", "other", "new", "additional", "extra", "further", "male", "medical", "naval", "army", "air", "navy",
    "engineering", "engineer", "health", "healthcare", "logistics", "logistic", "combat", "infantry", "armed",
    "security", "defence", "defense", "support", "peacekeeping", "young", "senior", "junior", "qualified",
    "highly", "elite", "special", "strong", "active", "serving", "deployed", "trained", "professional",
    "military", "police", "uniformed", "national", "local", "international", "foreign", "regular", "reserve",
    "field", "hospital", "civilian", "mine", "maritime", "marine", "aviation", "signal", "transport",
    "communications", "staff", "technical", "female", "women", "blue", "helmeted", "task", "force", "crew",
    "contingent", "unit", "rapid", "reaction", "quick", "mobile", "formed", "individual", "individually",
    "expert", "liaison", "nursing", "surgical", "intelligence", "airborne", "mechanised", "mechanized",
}  # fmt: skip
# Words after which the noun phrase cannot continue.
FUNCTION = {
    "of", "in", "at", "to", "from", "for", "on", "by", "with", "who", "whom", "which", "that", "were", "was",
    "are", "is", "be", "been", "have", "has", "had", "will", "would", "can", "could", "and", "or", "but", "as",
    "than", "into", "onto", "per", "while", "when", "after", "before", "since", "during", "under", "over",
    "about", "among", "including", "left", "arrived", "departed", "served", "serving", "joined", "the", "a",
    "an", "this", "these", "those", "it", "they", "he", "she", "we", "out", "up", "said", "says",
}  # fmt: skip
STRONG_SUFFIX = re.compile(
    r"[-–](strong|member|man|men|person|personnel|soldier|troop|officer|woman|women|female)\b", re.IGNORECASE
)
ALL_FEMALE = re.compile(r"\s+(?:all-female|all-women|all-woman|female|women)\b", re.IGNORECASE)
# "42 of them women", "78 are women", "2,500 were female": a women count that refers to the total before it.
PREDICATIVE_WOMEN = re.compile(
    r"\s*,?\s*(?:of\s+(?:them|whom)\s+)?(?:are|were|being|is|was)?\s*(?:wom[ae]n|female|females)\b(?!\s+(?:and|or)\s+men)",
    re.IGNORECASE,
)
PREDICATIVE_GUARD = re.compile(r"\s*,?\s*(?:of\s+(?:them|whom)|are|were|being|is|was)\s", re.IGNORECASE)
TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d[\d,.]*|[^\sA-Za-z\d]")

GROUP_OF = re.compile(
    r"\b(?:battalion|contingent|unit|team|company|platoon|force|task\s+force|group|batch|hospital|detachment|"
    r"delegation|rotation|squad|crew|strength|total)\s+(?:of|comprising|consisting\s+of|numbering|with)\s+(?:some\s+|about\s+|over\s+|nearly\s+|around\s+)?$",
    re.IGNORECASE,
)
DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|its|their|all|both|all\s+the)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)

TRAINING = re.compile(
    r"\b(?:trained|training|trainees?|course|courses|graduat\w+|cadets?|students?|exam\w*|workshop|seminar|"
    r"lectures?|instructors?|academy|school)\b",
    re.IGNORECASE,
)
DEPLOYMENT = re.compile(
    r"\b(?:deploy\w*|dispatch\w*|sen[dt]\w*|serv\w+|contribut\w+|rotation|contingent|battalion|peacekeep\w*|"
    r"mission|replace\w*|arriv\w+|left|depart\w*|join\w*|assigned|stationed|comprises|consist\w*)\b",
    re.IGNORECASE,
)
CASUALTY = re.compile(
    r"\b(?:killed|died|dead|deaths?|lost\s+(?:their|his|her)\s+lives|fallen|casualt\w+|fatalit\w+|injured|"
    r"wounded|martyr\w*|abducted|kidnapped)\b",
    re.IGNORECASE,
)
WOMEN_CUE = re.compile(r"\b(?:wom[ae]n|female|females|gender|girls|servicewomen|policewomen)\b", re.IGNORECASE)
TARGET_CUE = re.compile(
    r"\b(?:targets?|aims?|aimed|aiming|goals?|objectives?|quotas?|benchmarks?|bid\s+to|strives?|seeks?\s+to|"
    r"parity\s+strategy|requested|required|called\s+for|calls\s+for|recommend\w*|pledged?\s+to|planning\s+to|"
    r"plans?\s+to|wants?|hopes?\s+to|expects?\s+to|should|by\s+20[2-9]\d)\b",
    re.IGNORECASE,
)
TARGET_AFTER = re.compile(
    r"^\s*(?:of\s+women\s+)?(?:target|goal|quota|benchmark|(?:as\s+)?(?:requested|required|set|recommended|"
    r"sought|demanded|called\s+for|mandated)\s+by)\b",
    re.IGNORECASE,
)
TARGET_TO = re.compile(
    r"\b(?:increas\w*|rais\w*|boost\w*|reach\w*|double|doubling|lift\w*|bring\w*)\b[^.;]{0,80}\b(?:to|at\s+least)\s*$",
    re.IGNORECASE,
)
CURRENT_BEFORE = re.compile(
    r"\b(?:from|currently|current|now|present|today|stands?\s+at|is\s+at|are\s+at)\b(?:\s+(?:the|a|just|only|about|around|some|of))*\s*$",
    re.IGNORECASE,
)
ATTACHED_SHARE = re.compile(
    r"\b(?:wom[ae]n|female|females|personnel|officers|troops|soldiers|peacekeepers)\b[^.;\d]{0,6}[,(]?\s*(?:or|accounting\s+for|"
    r"representing|making\s+up|which\s+is|i\.e\.)\s*$",
    re.IGNORECASE,
)
CHANGE_BEFORE = re.compile(
    r"\b(?:by|grew|rose|fell|increase\s+of|decrease\s+of|growth\s+of|(?:up|down|rising|falling|rose|fell|grew)\s+from)\s*$",
    re.IGNORECASE,
)
# A women count or share that refers back to the total just before it: "Among them, 21 are women.",
# "Women make up 14 per cent of them.", "women constitute 6 percent of the force".
BACK_REFERENCE_BEFORE = re.compile(r"^\W*(?:among|of)\s+(?:them|these|those|whom)\b", re.IGNORECASE)
BACK_REFERENCE_AFTER = re.compile(
    r"^\s*(?:of\s+(?:them|these|those|this|its|their|the\s+(?:[A-Z]?[a-z]+\s+){0,2}?(?:force|contingent|unit|battalion|"
    r"company|group|team|total|troops|personnel|peacekeepers|deployment|rotation|officers|soldiers|hospital|platoon|"
    r"staff))\b)",
    re.IGNORECASE,
)
ALL_FEMALE_GROUP = re.compile(
    r"\ball[-\s](?:female|women|woman)\s+(?:[A-Za-z-]+\s+){0,3}?(?:of|comprising|with)\s+(?:some\s+|about\s+)?$",
    re.IGNORECASE,
)
ELLIPSIS_AFTER = re.compile(r"\s+(?:to|in|with|for)\s+(?:the\s+)?")
ELLIPSIS_BEFORE = re.compile(r"(?:,|\band)\s*$")
RELATIVE_CLAUSE = re.compile(r"^,?\s*(?:which|who|that)\b", re.IGNORECASE)
UN_MARKER = re.compile(
    r"\b(?:the\s+)?(?:UN|U\.N\.|United\s+Nations)(?:'s|’s)?\s+(?:has|have|had|is|military|uniformed|peacekeepers|"
    r"peacekeeping\s+(?:force|personnel|troops)|police|troops|personnel|forces|aims|wants|target)\b"
    r"|\bof\s+the\s+(?:UN|U\.N\.|United\s+Nations)\b(?!\s+(?:mission|peacekeeping\s+missions?|interim|multidimensional|organi[sz]ation))"
    r"|\bglobally\b|\bworldwide\b|\bacross\s+(?:all\s+)?(?:UN\s+)?(?:missions|peace\s*keeping|operations)"
    r"|\ball\s+(?:UN\s+)?peacekeepers\b|\btotal\s+number\s+of\s+(?:UN\s+)?peacekeepers\b"
    r"|\bun?formed\s+(?:personnel|personal)\b|\bin\s+UN\s+peace\s*keeping\s+missions\b(?=\.)",
    re.IGNORECASE,
)
UN_SETTER = re.compile(
    r"\b(?:UN|U\.N\.|United\s+Nations|Security\s+Council|Secretary[-\s]General|DPO|Department\s+of\s+Peace\s+Operations|"
    r"Gender\s+Parity\s+Strategy|the\s+Organi[sz]ation)\b"
)
NATIONAL_SETTER = re.compile(
    r"\b(?:ministry|government|army|armed\s+forces|national|country's|country’s|our|defence\s+minister|"
    r"defense\s+minister|police\s+force|national\s+action\s+plan)\b",
    re.IGNORECASE,
)
PLANNED = re.compile(
    r"\bwill\b|\bto\s+be\s+(?:sent|deployed|dispatched)\b|\bplan(?:s|ned)?\s+to\b|\b(?:is|are)\s+(?:preparing|set|"
    r"scheduled|expected|due|slated|poised|ready)\s+(?:to|for)\b|\bpreparations?\s+for\b|\bdecisions?\s+(?:to|on)\s+"
    r"(?:send|deploy|dispatch)|\bapprov\w+\s+the\s+(?:sending|deployment|dispatch)|\bready\s+for\b|\bupcoming\b|"
    r"\bnext\s+(?:rotation|batch|contingent|year)\b|\bwould\s+(?:send|deploy)\b|\bpledged?\s+to\b|\bis\s+preparing\b|"
    r"\bto\s+be\s+deployed\b|\bhand(?:ed|s)?\s+over\s+(?:the\s+)?[^.]{0,60}decisions?",
    re.IGNORECASE,
)
PLANNED_STRONG = re.compile(
    r"\bpreparations?\s+for\b|\bplan(?:s|ned)?\s+to\b|\bdecisions?\s+(?:to|on)\s+(?:send|deploy|dispatch)|"
    r"\bnext\s+(?:rotation|batch|contingent)\b|\bupcoming\b|\bto\s+be\s+deployed\b|\bis\s+preparing\b|"
    r"\bapprov\w+\s+the\s+(?:sending|deployment|dispatch)",
    re.IGNORECASE,
)
NOT_PLANNED = re.compile(r"\b(?:the\s+rest\s+of|remaining|already)\b", re.IGNORECASE)
DEPARTED = re.compile(
    r"\b(?:left|departed|arrived|flew|landed|began\s+leaving|has\s+completed|have\s+completed|back\s+home|returned|"
    r"homecoming|saw\s+off|sees\s+off|seen\s+off|see\s+off|send-off|sent\s+off)\b",
    re.IGNORECASE,
)
CUMULATIVE = re.compile(
    r"\bso\s+far\b|\bto\s+date\b|\bthus\s+far\b|\bup\s+to\s+now\b|\buntil\s+now\b|\bsince\s+(?:19|20)\d\d\b|"
    r"\bsince\s+(?:joining|its\s+first|it\s+first|the\s+first|then|the\s+start|the\s+beginning)\b|"
    r"\bover\s+the\s+(?:years|past|last)\b|\bin\s+total\b|\baltogether\b|\bcumulative\w*\b|"
    r"\b(?:years|decades)\s+(?:after|since)\s+(?:joining|first|it\s+joined)\b|"
    r"\bha(?:s|ve)\s+(?:so\s+far\s+|also\s+|now\s+|already\s+)?(?:sent|contributed|dispatched|rotated)\b|"
    r"\bha(?:ve|s)\s+(?:served|participated|taken\s+part|joined|been\s+deployed)\b",
    re.IGNORECASE,
)
# Cheap tests that a pattern cannot match: every match of the IGNORECASE pattern contains one of these words,
# so when none occurs in the folded text (see _fold) inside a span, the pattern cannot match that span.
TRAINING_WORDS = re.compile(
    "train|course|graduat|cadet|student|exam|workshop|seminar|lecture|instructor|academy|school"
)
CASUALTY_WORDS = re.compile(
    "killed|died|dead|death|lost|fallen|casualt|fatalit|injured|wounded|martyr|abducted|kidnapped"
)
PLANNED_WORDS = re.compile(
    "will|sent|deployed|dispatched|plan|preparing|set|scheduled|expected|due|slated|poised|ready|preparation|"
    "decision|approv|upcoming|next|would|pledge"
)
PLANNED_STRONG_WORDS = re.compile("preparation|plan|decision|next|upcoming|deployed|preparing|approv")
NOT_PLANNED_WORDS = re.compile("rest|remaining|already")
DEPARTED_WORDS = re.compile("left|departed|arrived|flew|landed|leaving|completed|home|returned|off")
CUMULATIVE_WORDS = re.compile(
    "far|date|now|until|since|over|total|altogether|cumulative|years|decades|sent|contributed|dispatched|"
    "rotated|served|participated|taken|joined|deployed"
)
# The characters other than ASCII letters that re.IGNORECASE matches to an ASCII letter and that str.lower() does
# not turn into it ("K", the Kelvin sign, lower-cases to "k").
_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))


def _fold(text: str) -> str | None:
    """The text lower-cased so that each character an IGNORECASE pattern matches to an ASCII letter becomes that
    letter, at the same offsets (None if they would move)."""
    if not text.isascii():
        for ch, letter in _FOLD:
            if ch in text:
                text = text.replace(ch, letter)
    low = text.lower()
    return low if len(low) == len(text) else None


def _may(words: re.Pattern[str], low: str | None, s: int, e: int) -> bool:
    """False only when none of `words` occurs in low[s:e], i.e. when the pattern they guard cannot match there."""
    return low is None or words.search(low, s, e) is not None


RECENT = re.compile(
    rf"\b(?:last\s+week|this\s+week|yesterday|today|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|on\s+(?:{MONTHS})\s+\d)",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r";|,\s+(?:while|whereas|but|and|which|although)\b|\s+(?:while|whereas)\s|\s+which\s+")
AS_OF_STAMP = re.compile(
    rf"\(?\bas\s+of\s+((?:\d{{1,2}}\s+)?(?:{MONTHS})\.?(?:\s+\d{{1,2}},?)?\s+\d{{4}}|\d{{4}})\)?", re.IGNORECASE
)
RELEVANCE = re.compile(
    r"peace[\s-]?keep|blue\s+(?:helmets?|berets?)|\bUN\s+missions?\b|United\s+Nations\s+(?:Mission|Interim|"
    r"Multidimensional|Organi[sz]ation\s+Stabili|Peacekeeping|Stabili)|\bPKO\b|\bpeace\s+(?:support\s+)?operations\b|"
    r"\bpeace\s+cooperation\b|\bpeace\s+missions?\b",
    re.IGNORECASE,
)
ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Col|Lt|Lieut|Gen|Sen|Maj|Capt|Brig|Cpl|Sgt|Adm|Cmdr|Gov|Hon|Prof|Rev|St|Jr|Sr|No|Nos|"
    r"vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Vol|Fig|Inc|Ltd|Co|Corp)|\b[A-Z]|\b[A-Z]\.[A-Z])$"
)
# r"\n+|[.!?]+" with each branch opening on a literal, so that the scan skips ahead by first character.
SENT_CANDIDATE = re.compile(r"\n\n*|\.[.!?]*|![.!?]*|\?[.!?]*")
SENT_END = re.compile(r"\n+|(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|(?<=[A-Za-z)]{2}[.!?])(?=[A-Z][a-z])|(?<=\./\.)")
BODY_END = re.compile(
    r"\./\.|^[ \t]*(?:Related(?:\s+(?:News|Articles?|Stories|Posts|Content))?|See\s+more|Read\s+more|More\s+news|"
    r"Leave\s+a\s+Reply|You\s+may\s+also\s+like|Other\s+news|Tags?:.*)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# BODY_END in two parts, each cheap to look for: the wire mark with str.find, the chrome lines only when one of
# their words occurs at all.
_BODY_END_LINE = re.compile(BODY_END.pattern.replace("\\./\\.|", "", 1), re.IGNORECASE | re.MULTILINE)
_BODY_END_WORDS = (
    "related",
    "see more",
    "read more",
    "more news",
    "leave a reply",
    "you may also like",
    "other news",
    "tag",
)


def _body_end(text: str) -> int | None:
    """Where BODY_END first matches at or after offset 200 (the same answer as BODY_END.search(text, 200))."""
    wire = text.find("./.", 200)
    low = text[200:].lower()
    line = _BODY_END_LINE.search(text, 200) if any(w in low for w in _BODY_END_WORDS) else None
    found = [p for p in (wire if wire >= 0 else None, line.start() if line else None) if p is not None]
    return min(found) if found else None


DATE_PREFIX = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\s")
LEADING_JOINER = re.compile(r"^(?:[\s,;:]|and\b|while\b|whereas\b|but\b|which\b|although\b)+", re.IGNORECASE)
MONTH_NUM = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
DATE_RES = (
    re.compile(rf"\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?:of\s+)?({MONTHS})\.?,?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b({MONTHS})\.?,?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b({MONTHS})\s+(last|this)\s+year\b"),
    re.compile(r"\b(?:in|as\s+of|by\s+the\s+end\s+of|at\s+the\s+end\s+of|end\s+of)\s+((?:19|20)\d\d)\b", re.IGNORECASE),
)


# --- text structure ---------------------------------------------------------------------------------------


_SPLIT_CACHE: dict[str, list[tuple[int, int]]] = {}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end), trimmed; abbreviations ("Col.", "No. 2", "U.N.") do not end a sentence."""
    cached = _SPLIT_CACHE.get(text)
    if cached is None:
        if len(_SPLIT_CACHE) > 8:
            _SPLIT_CACHE.clear()
        cached = _SPLIT_CACHE[text] = _split_sentences(text)
    return list(cached)


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    prefix = DATE_PREFIX.match(text)
    start = prefix.end() if prefix else 0
    n = len(text)
    for m in SENT_CANDIDATE.finditer(text, start):
        if m.start() < start:
            continue
        if m.group(0)[0] == "\n":
            spans.append((start, m.start()))
            start = m.end()
            continue
        j = m.end()
        if text.startswith("/.", j):  # the "./." end mark of wire copy
            j += 2
        while j < n and text[j] in '"”’)':
            j += 1
        if j < n:
            nxt = text[j]
            if nxt.isspace():
                k = j
                while k < n and text[k] in " \t":
                    k += 1
                if k < n and not (text[k].isupper() or text[k].isdigit() or text[k] in '"“‘(\n'):
                    continue
            elif not (nxt.isupper() and text[j + 1 : j + 2].islower() and text[m.start() - 2 : m.start()].isalpha()):
                continue  # "4.7", "U.N.", "e.g." inside a sentence
        if m.group(0) == "." and ABBREV.search(text, max(0, m.start() - 12), m.start()):
            continue
        spans.append((start, j))
        start = j
    spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans inside a sentence, split at ";", ", while", ", and", ", which" and the like."""
    out = []
    s = start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > s:
            out.append((s, m.start()))
        s = m.start()
    out.append((s, end))
    return out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in clauses:
        if s <= pos < e:
            return s, e
    return clauses[-1]


# --- candidates -------------------------------------------------------------------------------------------


@dataclass
class Item:
    """A number that plays a role in a figure: a total, a women count, a women's share, or a target."""

    role: str  # "total" | "women" | "share" | "target"
    value: float
    start: int
    end: int  # end of the number's noun phrase
    number: Number | None = None
    high: float | None = None
    country: str | None = None  # a country named inside the noun phrase ("850 Mongolian peacekeepers")
    unit: str | None = None
    definite: bool = False
    used: bool = False
    predicative: bool = False  # "78 are women": refers back to the total before it


def _noun_phrase(text: str, num: Number, limit: int) -> tuple[str | None, int, bool, str | None]:
    """Read the noun phrase after a count: (role or None, end, women?, country named in it)."""
    after = text[num.end : min(limit, num.end + 80)]
    m = STRONG_SUFFIX.match(after)
    if m:
        women = m.group(1).lower() in ("woman", "women", "female") or bool(ALL_FEMALE.match(after, m.end()))
        return ("women" if women else "total"), num.end + m.end(), women, None
    m = PREDICATIVE_WOMEN.match(after) if PREDICATIVE_GUARD.match(after) else None
    if m:
        return "women", num.end + m.end(), True, None
    if after[:1] in "-–":
        return None, num.end, False, None
    head_seen = False
    last_head = ""
    women = False
    country = None
    end = num.end
    modifiers = 0
    for tm in TOKEN_RE.finditer(after):
        tok = tm.group(0)
        low = tok.lower().replace("’", "'")
        if not tok[0].isalpha():
            break
        if low in ("blue",) and _BLUE_HEAD.match(after[tm.start() :]):
            head_seen = True
            end = num.end + tm.end()
            continue
        if low in NOT_PERSONNEL and not (low == "more" and not head_seen):
            if head_seen and last_head not in WEAK_HEADS and low not in ("states", "countries", "nations"):
                break
            return None, num.end, False, None
        if low in PERSONNEL:
            if low == "member" and _MEMBER_STATES.match(after[tm.start() :]):
                return None, num.end, False, None
            head_seen = True
            last_head = low
            women = women or low in WOMEN_WORDS
            end = num.end + tm.end()
            continue
        if low in FUNCTION:
            break
        if low.endswith(("'s", "s'")) and not head_seen:
            return None, num.end, False, None  # "3 countries' troops" style possessives are not counts
        if head_seen:
            if last_head in WEAK_HEADS:
                return None, num.end, False, None  # "30 military vehicles": the adjective was not the head
            break
        if not (tok[0].isupper() or "-" in tok or low in MODIFIERS):
            return None, num.end, False, None  # a verb or an unknown noun: the number counts something else
        if low == "male":
            return None, num.end, False, None  # "208 male officers" counts men only, not the whole group
        modifiers += 1
        if modifiers > 3:
            break
        hit = entities.COUNTRY_LOOKUP.get(tok)
        if hit:
            country = hit[0]
        if low in ("all-female", "all-women"):
            women = True
    if not head_seen:
        return None, num.end, False, None
    return ("women" if women else "total"), end, women, country


_BLUE_HEAD = re.compile(r"blue\s+(?:helmets|berets)", re.IGNORECASE)
_MEMBER_STATES = re.compile(r"member\s+states", re.IGNORECASE)
_GROUP_OF_END = re.compile(r"\s*(?:[,.;)]|$|will|are|is|was|were|have|has|from|who|left|arrived|men\b)")
_AGE_OR_NUMBER_BEFORE = re.compile(r"\b(?:aged|age\s+of|ages\s+of|No\.?|number)\s*$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"\b[A-Z]{4,}\s$")
_WOMEN_SUFFIX = re.compile(r"[-–](?:woman|women|female)", re.I)


def _count_items(text: str, s: int, e: int, numbers: list[Number]) -> list[Item]:
    items: list[Item] = []
    for n in numbers:
        if n.kind != COUNT or n.value <= 0 and not n.is_word:
            continue
        role, np_end, np_women, country = _noun_phrase(text, n, e)
        before = text[max(s, n.start - 60) : n.start]
        if role is None and GROUP_OF.search(before):
            after = text[n.end : n.end + 30]
            if _GROUP_OF_END.match(after):
                role, np_end = "total", n.end
        if role is None and items and any(i.role == "total" for i in items):
            # "1,400 personnel to UNMISS and 850 to UNIFIL": the noun is left out after the first figure
            em = ELLIPSIS_AFTER.match(text, n.end)
            if em and ELLIPSIS_BEFORE.search(before) and entities.ACRONYM_RE.match(text, em.end()):
                role, np_end = "total", n.end
        if role is None:
            continue
        if n.value != int(n.value) or n.value > 2_000_000:
            continue
        if _AGE_OR_NUMBER_BEFORE.search(before):
            continue
        if _NAME_BEFORE.search(before) and not n.is_word:
            continue  # "GHANBATT 86", "UNIFIL 12": a serial after a name
        item = Item(
            role, n.value, n.start, np_end, n, country=country, definite=bool(DEFINITE_BEFORE.search(before[-25:]))
        )
        item.predicative = role == "women" and bool(PREDICATIVE_GUARD.match(text, n.end))
        items.append(item)
        if (
            np_women
            and role == "women"
            and STRONG_SUFFIX.match(text, n.end)
            and not _WOMEN_SUFFIX.match(text[n.end : n.end + 8])
        ):
            items.append(
                Item("total", n.value, n.start, np_end, n, country=country)
            )  # "a 40-strong all-female platoon"
        elif role == "total" and ALL_FEMALE_GROUP.search(before):
            # "an all-female platoon of 30 soldiers": every one of them is a woman
            items.append(Item("women", n.value, n.start, np_end, n, country=country))
    return items


def _percent_items(text: str, s: int, e: int, numbers: list[Number], clauses: list[tuple[int, int]]) -> list[Item]:
    items: list[Item] = []
    sentence = text[s:e]
    for n in numbers:
        if n.kind not in (PERCENT, RANGE):
            continue
        cs, ce = _clause_of(clauses, n.start)
        before_sent = text[s : n.start]
        before = text[max(cs, n.start - 40) : n.start]
        after = text[n.end : min(e, n.end + 60)]
        if CHANGE_BEFORE.search(before):
            continue
        if n.value > 100:
            continue
        current = bool(CURRENT_BEFORE.search(before)) or bool(ATTACHED_SHARE.search(before))
        is_target = not current and (
            bool(TARGET_AFTER.search(after))
            or bool(TARGET_CUE.search(before_sent))
            or bool(TARGET_TO.search(text[max(s, n.start - 100) : n.start]))
        )
        if n.kind == RANGE and not is_target and not WOMEN_CUE.search(sentence):
            continue
        if is_target:
            items.append(Item("target", n.value, n.start, n.end, n, high=n.high))
        elif WOMEN_CUE.search(sentence):
            items.append(Item("share", n.value, n.start, n.end, n))
    return items


def _fraction_items(text: str, s: int, e: int, fractions: list[Fraction]) -> list[tuple[Item, Item]]:
    """'12 of the 63 members were women' style pairs: (women, total)."""
    out = []
    for fr in fractions:
        if not (s <= fr.start and fr.end <= e):
            continue
        whole, part = fr.whole, fr.part
        role_w, end_w, _, country = _noun_phrase(text, whole, e)
        role_p, end_p, women_p, _ = _noun_phrase(text, part, e)
        tail = text[max(end_w, whole.end) : min(e, max(end_w, whole.end) + 40)]
        women = women_p or bool(
            re.match(r"\s*(?:\w+\s+){0,2}(?:were|are|is|was)\s+(?:wom[ae]n|female)", tail, re.IGNORECASE)
        )
        if role_w is None or not women:
            continue
        w = Item("women", part.value, part.start, max(end_p, part.end), part)
        t = Item("total", whole.value, whole.start, max(end_w, whole.end), whole, country=country)
        out.append((w, t))
    return out


# --- assembly ---------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    items: list[Item]
    sentence: tuple[int, int]
    total: Item | None = None
    women: Item | None = None
    share: Item | None = None

    @property
    def first(self) -> Item:
        return min(self.items, key=lambda i: i.start)

    @property
    def last_end(self) -> int:
        return max(i.end for i in self.items)


JOIN_WOMEN = re.compile(
    r"^[\s,(]*(?:(?:including|incl\.|of\s+(?:them|whom)|among\s+(?:them|whom)|with|comprising|and|which\s+includes?|"
    r"who\s+include|out\s+of\s+which|of\s+which)\b[\s,]*|[,(:]\s*)(?:some\s+|about\s+|nearly\s+|over\s+|around\s+|almost\s+|"
    r"more\s+than\s+|at\s+least\s+|only\s+|just\s+)?$",
    re.IGNORECASE,
)
JOIN_WOMEN_FAR = re.compile(
    r"^(?:[^\d;]|(?<=[A-Za-z][-–])\d){0,160}?[\s,(](?:including|incl\.|of\s+(?:them|whom)|among\s+(?:them|whom)|of\s+which|"
    r"includes?|included|comprising|with)\s*"
    r"(?:some\s+|about\s+|nearly\s+|over\s+|around\s+|almost\s+|more\s+than\s+|at\s+least\s+|only\s+|just\s+)?$",
    re.IGNORECASE,
)
YEAR_IN_GAP = re.compile(r"\b(?:19|20)\d\d\b")
JOIN_SHARE = re.compile(
    r"^[\s,(]*(?:with\s+(?:women|females?|female\s+[a-z]+)\s+)?(?:or|accounting\s+for|comprising|which\s+(?:is|accounts?\s+for|represents?|makes?\s+up)|representing|making\s+up|"
    r"constituting|i\.e\.|equivalent\s+to|amounting\s+to|(?:who\s+)?(?:make|makes)\s+up|(?:who\s+)?account\s+for|about|nearly|"
    r"some|roughly|almost|around|over|just)?[\s,]*$",
    re.IGNORECASE,
)


def _assemble(text: str, s: int, e: int, items: list[Item]) -> list[_Draft]:
    drafts: list[_Draft] = []
    cur: _Draft | None = None
    for it in sorted(items, key=lambda i: (i.start, i.role != "total")):
        if it.role == "total":
            if (
                cur
                and cur.women
                and not cur.total
                and not cur.share
                and re.match(
                    r"^\s*(?:among|out\s+of|of|in)\s+(?:the\s+|its\s+|their\s+|a\s+total\s+of\s+)?$",
                    text[cur.last_end : it.start],
                    re.IGNORECASE,
                )
            ):
                cur.total = it
                cur.items.append(it)
                continue
            cur = _Draft([it], (s, e), total=it)
            drafts.append(cur)
        elif it.role == "women":
            gap = YEAR_IN_GAP.sub("yyyy", text[cur.last_end : it.start]) if cur else ""
            if (
                cur
                and cur.total
                and not cur.women
                and not cur.share
                and it.value <= cur.total.value
                and (
                    it.start == cur.total.start
                    or JOIN_WOMEN.match(gap)
                    or JOIN_WOMEN_FAR.match(gap)
                    or (it.predicative and len(gap) < 120 and not re.search(r"\d|;", gap))
                )
            ):
                cur.women = it
                cur.items.append(it)
            else:
                cur = _Draft([it], (s, e), women=it)
                drafts.append(cur)
        elif it.role == "share":
            gap = text[cur.last_end : it.start] if cur else ""
            if cur and not cur.share and (cur.women or cur.total) and len(gap) < 90 and JOIN_SHARE.match(gap):
                cur.share = it
                cur.items.append(it)
            elif cur and not cur.share and cur.women and len(gap) < 120 and not re.search(r"\d", gap):
                cur.share = it
                cur.items.append(it)
            else:
                cur = _Draft([it], (s, e), share=it)
                drafts.append(cur)
    return drafts


def _attach_back(text: str, d: _Draft, cs: int, figures: list[Figure], si: int) -> bool:
    """Join a women count or share that refers back ("Among them, 21 are women.", "Women make up 14 per cent of
    them.") to the total of the figure just before it, in this sentence or the one before; True when joined."""
    if d.total is not None or (d.women is None) == (d.share is None) or not figures:
        return False
    g = figures[-1]
    if g.personnel_total is None or g.women is not None or g.women_percent is not None or g.source != "text":
        return False
    if getattr(g, "_si", -9) not in (si, si - 1) or g.end is None:
        return False
    if d.women is not None:
        if d.women.value > g.personnel_total or not BACK_REFERENCE_BEFORE.match(text[cs : d.women.start]):
            return False
        g.women = int(d.women.value)
        end = d.women.end
    else:
        if not BACK_REFERENCE_AFTER.match(text[d.share.end : d.share.end + 80]):
            return False
        g.women_percent = float(d.share.value)
        m = BACK_REFERENCE_AFTER.match(text[d.share.end : d.share.end + 80])
        end = d.share.end + m.end()
    g.end = max(g.end, end)
    g.quote = text[g.start : g.end]
    g.reasons.append("women's count or share refers back to this total")
    _consistency(g)
    g.confidence = max(0.05, min(0.99, g.confidence))
    return True


def _parse_date(m: re.Match[str], idx: int, published: datetime.date | None) -> str | None:
    g = m.groups()
    try:
        if idx == 0:
            return f"{int(g[2]):04d}-{MONTH_NUM[g[0][:3].lower()]:02d}-{int(g[1]):02d}"
        if idx == 1:
            return f"{int(g[2]):04d}-{MONTH_NUM[g[1][:3].lower()]:02d}-{int(g[0]):02d}"
        if idx == 2:
            return f"{int(g[1]):04d}-{MONTH_NUM[g[0][:3].lower()]:02d}"
        if idx == 3:
            if published is None:
                return None
            year = published.year - (1 if g[1].lower() == "last" else 0)
            return f"{year:04d}-{MONTH_NUM[g[0][:3].lower()]:02d}"
        return g[0]
    except (KeyError, ValueError):
        return None


def _date_before(text: str, cs: int, pos: int, published: datetime.date | None) -> str | None:
    """The latest date written before `pos` in the clause, unless it is a "since" date (a start, not a snapshot)."""
    segment = text[cs:pos]
    best: tuple[int, str] | None = None
    for idx, regex in enumerate(DATE_RES):
        for m in regex.finditer(segment):
            if re.search(r"\bsince\s+(?:the\s+)?$", segment[max(0, m.start() - 12) : m.start()], re.IGNORECASE):
                continue
            value = _parse_date(m, idx, published)
            if value and (best is None or m.end() > best[0] or (m.end() == best[0] and len(value) > len(best[1]))):
                best = (m.end(), value)
    return best[1] if best else None


class _Index:
    """Countries, missions and units found once per text, looked up by span."""

    def __init__(self, text: str) -> None:
        self.countries = entities.find_countries(text)
        self.missions = entities.find_missions(text)
        self.units = entities.find_units(text)

    @staticmethod
    def within(mentions: list[entities.Mention], s: int, e: int) -> list[entities.Mention]:
        """Mentions wholly inside text[s:e]."""
        return [m for m in mentions if s <= m.start and m.end <= e]


_FIRST_PERSON = re.compile(r"\b(?:our|we|us)\b", re.IGNORECASE)


def _subject(
    text: str, cs: int, ce: int, sentence: tuple[int, int], draft: _Draft, country: str | None, index: _Index
) -> str | None:
    first = draft.first
    for it in draft.items:
        if it.country and it.country not in HOSTS:
            return it.country
    clause = text[cs:ce]
    mentions = [m for m in index.within(index.countries, cs, ce) if m.code not in HOSTS]
    if mentions:
        pos = first.start
        nearest = min(mentions, key=lambda m: abs(m.start - pos))
        return country if nearest.code == ARTICLE_COUNTRY else nearest.code
    if RELATIVE_CLAUSE.match(clause):
        before = [m for m in index.countries if cs - 30 <= m.end <= cs and m.code not in HOSTS]
        if before:
            return country if before[-1].code == ARTICLE_COUNTRY else before[-1].code
    if _FIRST_PERSON.search(clause) and country:
        return country
    if UN_MARKER.search(clause):
        return "UN"
    return country or "UN"


def _scope(
    text: str,
    cs: int,
    ce: int,
    sentence: tuple[int, int],
    lead_planned: bool,
    lead_departed: bool,
    low: str | None = None,
) -> str:
    """`low` is _fold(text), which lets most searches be skipped (pass None to run them all)."""
    ss, se = sentence
    clause = text[cs:ce]
    planned = _may(PLANNED_WORDS, low, cs, ce) and PLANNED.search(clause) is not None
    if (_may(CUMULATIVE_WORDS, low, cs, ce) and CUMULATIVE.search(clause)) or (
        _may(CUMULATIVE_WORDS, low, ss, se) and CUMULATIVE.search(text[ss:se]) and not planned
    ):
        if not RECENT.search(clause):
            return "cumulative"
    if _may(NOT_PLANNED_WORDS, low, cs, ce) and NOT_PLANNED.search(clause):
        return "current"
    if _may(PLANNED_STRONG_WORDS, low, cs, ce) and PLANNED_STRONG.search(clause):
        return "planned"
    if planned:
        # In a departure story, "will be dispatched" describes the contingent now leaving.
        return "current" if lead_departed else "planned"
    if lead_planned and not (_may(DEPARTED_WORDS, low, ss, se) and DEPARTED.search(text[ss:se])):
        return "planned"
    return "current"


def _missions_near(cs: int, ce: int, sentence: tuple[int, int], index: _Index) -> list[str]:
    found = {m.code for m in index.within(index.missions, cs, ce)}
    if not found:
        found = {m.code for m in index.within(index.missions, *sentence)}
    return sorted(found)


def _unit_near(cs: int, ce: int, sentence: tuple[int, int], pos: int, index: _Index) -> str | None:
    units = index.within(index.units, cs, ce) or index.within(index.units, *sentence)
    if not units:
        return None
    return min(units, key=lambda u: abs(u.start - pos)).code


def _consistency(fig: Figure) -> None:
    if fig.personnel_total and fig.women is not None:
        if fig.women > fig.personnel_total:
            fig.confidence -= 0.3
            fig.reasons.append(f"{fig.women} women is more than the total of {fig.personnel_total}")
            return
        ratio = 100.0 * fig.women / fig.personnel_total
        if fig.women_percent is not None:
            tolerance = 1.0 if fig.qualifier is None else 2.5
            if abs(ratio - fig.women_percent) <= tolerance:
                fig.confidence += 0.15
                fig.reasons.append(
                    f"states {fig.women_percent:g} percent; {fig.women} of {fig.personnel_total} is {ratio:.1f} percent"
                )
            else:
                fig.confidence -= 0.2
                fig.reasons.append(
                    f"states {fig.women_percent:g} percent but {fig.women} of {fig.personnel_total} is {ratio:.1f} percent"
                )
        else:
            fig.reasons.append(f"{fig.women} of {fig.personnel_total} is {ratio:.1f} percent women")


def _similar(a: str, b: str) -> bool:
    ta = set(re.findall(r"[a-z0-9]+", a.lower()))
    tb = set(re.findall(r"[a-z0-9]+", b.lower()))
    if not ta or not tb:
        return False
    return len(ta & tb) / len(ta | tb) >= 0.6


def _headline_span(text: str, title: str | None) -> tuple[int, int] | None:
    """Where the headline sits in the text: the title's own line, else a short first line without a full stop."""
    if title and title.strip():
        i = text.find(title.strip())
        if 0 <= i < 600:
            return i, i + len(title.strip())
    m = re.match(r"\s*(?:date \d{4}-\d{2}-\d{2} )?([^\n]{10,160})\n", text)
    if m and not m.group(1).rstrip().endswith((".", ":", ")")):
        return m.start(1), m.end(1)
    return None


def _extract_from(
    text: str,
    *,
    index: _Index,
    country: str | None,
    published: datetime.date | None,
    doc_as_of: str | None,
    lead_planned: bool,
    lead_departed: bool,
    main_mission: str | None,
    main_unit: str | None,
    generic_unit: str | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> tuple[list[Figure], list[Target], list[Item]]:
    figures: list[Figure] = []
    targets: list[Target] = []
    last_target: Target | None = None
    women_phrases = find_women_phrases(text)
    numbers = find_numbers(text)
    fractions = find_fractions(text, numbers)
    all_items: list[Item] = []
    low = _fold(text)
    for si, (s, e) in enumerate(split_sentences(text) if sentences is None else sentences):
        sentence = text[s:e]
        nums = [n for n in numbers if s <= n.start and n.end <= e]
        phrases = [w for w in women_phrases if s <= w.start and w.end <= e]
        if not nums and not phrases:
            continue
        clauses = split_clauses(text, s, e)
        items = _count_items(text, s, e, nums)
        # Counts in training, casualty or unrelated contexts are not deployments.
        if _may(TRAINING_WORDS, low, s, e) and TRAINING.search(sentence) and not DEPLOYMENT.search(sentence):
            items = []
        if _may(CASUALTY_WORDS, low, s, e) and CASUALTY.search(sentence):
            items = [
                it
                for it in items
                if not CASUALTY.search(text[_clause_of(clauses, it.start)[0] : _clause_of(clauses, it.start)[1]])
            ]
        for w, t in _fraction_items(text, s, e, fractions):
            items = [it for it in items if it.start not in (w.start, t.start)]
            items.extend([t, w])
        for wp in phrases:
            items.append(Item("women", float(wp.women), wp.start, wp.end))
        pct = _percent_items(text, s, e, nums, clauses)
        items.extend(i for i in pct if i.role == "share")
        all_items.extend(items)
        for t in (i for i in pct if i.role == "target"):
            cs, ce = _clause_of(clauses, t.start)
            seg_after = text[t.end : min(e, t.end + 80)]
            nxt = min([n.start for n in nums if n.start > t.end and n.kind in (PERCENT, RANGE)] or [e])
            after_seg = text[t.end : min(nxt, e)]
            prev = max([n.end for n in nums if n.end <= t.start and n.kind in (PERCENT, RANGE)] or [s])
            category = entities.target_category(after_seg) if re.match(r"\s*(?:for|in|among|of)\b", seg_after) else None
            category = category or entities.target_category(text[prev : t.start])
            year_m = re.search(
                r"\b(?:by|in|for|before)\s+((?:20|19)\d\d)\b|\b((?:20|19)\d\d)\s+(?:target|goal)", sentence
            )
            by_year = int(year_m.group(1) or year_m.group(2)) if year_m else None
            if UN_SETTER.search(sentence):
                set_by = "UN"
            else:
                named = [m.code for m in index.within(index.countries, s, e) if m.code not in HOSTS]
                if named:
                    set_by = country if named[0] == ARTICLE_COUNTRY else named[0]
                elif last_target is not None and re.search(
                    r"\b(?:the|this|that|its)\s+target", sentence, re.IGNORECASE
                ):
                    set_by = last_target.set_by
                    by_year = by_year or last_target.by_year
                elif NATIONAL_SETTER.search(sentence) and country:
                    set_by = country
                else:
                    set_by = "UN"
            quote_s = cs if t.start - cs < 120 else t.start
            quote_e = max(t.end, ce if ce - t.end < 80 else t.end)
            tgt = Target(
                text[quote_s:quote_e].strip(),
                None,
                None,
                t.value,
                t.high,
                category,
                by_year,
                set_by or "UN",
            )
            qs = quote_s + (len(text[quote_s:quote_e]) - len(text[quote_s:quote_e].lstrip()))
            tgt.start, tgt.end = qs, qs + len(tgt.quote)
            targets.append(tgt)
            last_target = tgt
        drafts = _assemble(text, s, e, items)
        for di, d in enumerate(drafts):
            first = d.first
            cs, ce = _clause_of(clauses, first.start)
            if _attach_back(text, d, cs, figures, si):
                continue
            subject = _subject(text, cs, ce, (s, e), d, country, index)
            scope = _scope(text, cs, ce, (s, e), lead_planned, lead_departed, low)
            share_only = d.share is not None and d.total is None and d.women is None
            fig = Figure("", None, None)
            fig.personnel_total = int(d.total.value) if d.total else None
            fig.women = int(d.women.value) if d.women else None
            fig.women_percent = float(d.share.value) if d.share else None
            quals = [i.number.qualifier for i in d.items if i.number is not None and i.number.qualifier]
            fig.qualifier = quals[0] if quals else None
            fig.subject = subject
            fig.scope = scope
            # Quote: from the clause start (or a little before the number) to the end of the last noun phrase.
            qs = cs if first.start - cs <= 160 else first.start
            qe = max(d.last_end, min(ce, d.last_end) if ce - d.last_end < 40 else d.last_end)
            raw = text[qs:qe]
            lead = LEADING_JOINER.match(raw).end() if LEADING_JOINER.match(raw) else 0
            fig.start = qs + lead
            fig.end = qs + len(raw.rstrip())
            fig.quote = text[fig.start : fig.end]
            if subject == "UN":
                fig.mission = []
                seg_s = max([i.end for i in items if i.end <= first.start] + [cs])
                seg_e = min([i.start for i in items if i.start > d.last_end] + [e])
                fig.unit = entities.find_un_unit(text[d.last_end : seg_e]) or entities.find_un_unit(
                    text[seg_s : first.start]
                )
            else:
                # Several figures in one clause ("1,400 to UNMISS and 850 to UNIFIL"): each takes the missions
                # between its own number and the next figure's.
                nxt = [x.first.start for x in drafts[di + 1 :] if x.first.start < ce]
                several = nxt or any(x.first.start >= cs for x in drafts[:di])
                own = index.within(index.missions, first.start, nxt[0] if nxt else ce) if several else []
                fig.mission = sorted({m.code for m in own}) or _missions_near(cs, ce, (s, e), index)
                np_unit = index.within(index.units, first.start, d.last_end)
                fig.unit = np_unit[0].code if np_unit else _unit_near(cs, ce, (s, e), first.start, index)
                inherit = scope != "cumulative" and not share_only and subject == country
                if not fig.mission and inherit and main_mission:
                    fig.mission = [main_mission]
                    fig.reasons.append(f"mission {main_mission} from the article")
                if (
                    inherit
                    and main_unit
                    and (fig.unit is None or main_unit.startswith(fig.unit) or fig.unit in main_unit)
                ):
                    fig.unit = main_unit
                elif (
                    fig.unit is None and inherit and generic_unit and re.search(r"\bunit\b|\bcontingent\b", text[cs:ce])
                ):
                    fig.unit = generic_unit
            if scope != "cumulative":
                fig.as_of = _date_before(text, cs, first.start, published) or doc_as_of
            fig.confidence = 0.6
            if d.total or d.women:
                fig.reasons.append("personnel noun after the number")
            if share_only:
                fig.confidence = 0.55
                fig.reasons.append("share of women stated")
            if fig.mission:
                fig.confidence += 0.1
            if subject not in (country, "UN"):
                fig.reasons.append(f"about {subject}, not the article's country")
            if any(i.definite for i in d.items):
                fig.confidence -= 0.1
            if d.women is not None and d.women.number is None:
                fig.reasons.append("women count written in words without a number")
            _consistency(fig)
            fig.confidence = max(0.05, min(0.99, fig.confidence))
            fig._definite = any(i.definite for i in d.items)  # type: ignore[attr-defined]
            fig._sentence = (s, e)  # type: ignore[attr-defined]
            fig._si = si  # type: ignore[attr-defined]
            figures.append(fig)
    return figures, targets, all_items


RELEVANCE_WORDS = (
    "peacekeep", "peace-keep", "peace keep", "blue helmet", "blue beret", "un mission", "u.n. mission", "pko",
    "peace operations", "peace support operation", "peace cooperation", "peace mission", "united nations mission",
    "united nations interim", "united nations multidimensional", "united nations organization stabili",
    "united nations stabili", "united nations peacekeeping",
)  # fmt: skip


def _keyword_count(text: str) -> int:
    low = text.lower()
    return sum(low.count(w) for w in RELEVANCE_WORDS)


def is_relevant_text(text: str, title: str | None = None, *, missions: list[entities.Mention] | None = None) -> bool:
    """True when the text is about peacekeeping (its keywords, missions or blue helmets appear in earnest)."""
    if missions is None:
        missions = entities.find_missions(text[:20000])
    body = _keyword_count(text[:20000]) + sum(1 for m in missions if m.kind == "acronym")
    head = _keyword_count(title or "") + len(entities.ACRONYM_RE.findall(title or ""))
    score = body + 2 * head
    if score and (missions or DEPLOYMENT.search(text[:20000])):
        score += 1
    return score >= 2


def _subsumed(f: Figure, g: Figure) -> bool:
    """True when g states everything f states about the same population, and more."""
    fk, gk = f.key(), g.key()
    shared = [(a, b) for a, b in zip(fk, gk, strict=True) if a is not None]
    return bool(shared) and all(a == b for a, b in shared) and sum(v is not None for v in gk) > len(shared)


def _dedupe(figures: list[Figure], headline: tuple[int, int] | None) -> list[Figure]:
    """One entry per population: drop anaphoric repeats ("the 12 officers"), headline repeats and copied captions."""

    def in_headline(f: Figure) -> bool:
        return f.source == "title" or (
            headline is not None and f.start is not None and f.start < headline[1] and f.end > headline[0]
        )

    kept: list[Figure] = []
    body = [f for f in figures if not in_headline(f) and not getattr(f, "_definite", False)]
    for f in figures:
        same = [g for g in kept if g.key() == f.key()]
        if any(_similar(g.quote, f.quote) for g in same):
            continue
        if same and getattr(f, "_definite", False):
            continue
        if any(getattr(g, "_sentence", None) == getattr(f, "_sentence", 0) for g in same):
            continue  # the same number twice in one sentence ("120 ... to replace 120 personnel")
        if in_headline(f) and any(g.key() == f.key() for g in body if g is not f):
            continue
        if any(_subsumed(f, g) for g in figures if g is not f):
            continue  # "the platoon of 40 women" after "a 40-strong all-female platoon" (40 of 40)
        kept.append(f)
    # A headline figure kept makes a later definite repeat ("presents decision to the 12 officers") redundant too.
    return kept


def extract(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: datetime.date | None = None,
) -> Extraction:
    """Extract the article's country, relevance, deployment figures and targets from cleaned text."""
    text = text or ""
    # Stop at the end-of-story marks a page leaves ("./.", "Related News", "See more"): what follows is chrome.
    end_mark = _body_end(text)
    text = text[:end_mark] if end_mark is not None else text
    index = _Index(text)
    country = entities.article_country(text, title=title, url=url, mentions=index.countries)
    relevant = is_relevant_text(text, title, missions=index.missions)
    if not relevant:
        return Extraction(country, False)
    if published is None:
        m = re.match(r"\s*date\s+(\d{4})-(\d{2})-(\d{2})\b", text)
        if m:
            try:
                published = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                published = None
    stamp = AS_OF_STAMP.search(text[:400])
    doc_as_of = None
    if stamp:
        for idx, regex in enumerate(DATE_RES[:3]):
            dm = regex.search(stamp.group(1))
            if dm:
                doc_as_of = _parse_date(dm, idx, published)
                break
        if doc_as_of is None and re.fullmatch(r"\d{4}", stamp.group(1)):
            doc_as_of = stamp.group(1)
    lead = (title or "") + " " + text[:700]
    lead_low = _fold(lead)
    lead_departed = _may(DEPARTED_WORDS, lead_low, 0, len(lead)) and DEPARTED.search(lead) is not None
    lead_planned = (
        not lead_departed and _may(PLANNED_WORDS, lead_low, 0, len(lead)) and PLANNED.search(lead) is not None
    )
    mission = entities.main_mission(text, title=title, url=url, mentions=index.missions)
    unit = entities.main_unit(text, title=title, url=url, mentions=index.units)
    generic = entities.main_unit(text, title=title, url=url, min_places=1, mentions=index.units)
    kwargs = dict(
        country=country,
        published=published,
        doc_as_of=doc_as_of,
        lead_planned=lead_planned,
        lead_departed=lead_departed,
        main_mission=mission,
        main_unit=unit,
        generic_unit=generic,
    )
    sentences = split_sentences(text)
    figures, targets, _ = _extract_from(text, index=index, sentences=sentences, **kwargs)
    headline = _headline_span(text, title)
    if title and (headline is None or text[headline[0] : headline[1]].strip() != title.strip()):
        t_figs, _, _ = _extract_from(title, index=_Index(title), **{**kwargs, "doc_as_of": None})
        for f in t_figs:
            f.source = "title"
            f.start = f.end = None
            f.as_of = None
        figures = t_figs + figures
    # A headline figure takes its scope from the body's mentions of the same number ("decision ... the 12 officers").
    for f in figures:
        if f.source == "title" or (headline and f.start is not None and f.start < headline[1] and f.end > headline[0]):
            n = f.personnel_total if f.personnel_total is not None else f.women
            if n is not None:
                digits = str(n)
                written = re.compile(rf"(?<![\d,]){n}(?![\d,])")
                for s, e in sentences:
                    sent = text[s:e]
                    if digits in sent and written.search(sent) and (PLANNED.search(sent) or "decision" in sent.lower()):
                        f.scope = "planned"
    figures = _dedupe(figures, headline)
    un_targets = [t for t in targets if t.set_by == "UN"]
    national = [t for t in targets if t.set_by != "UN"]
    return Extraction(country, True, figures, un_targets, national)
