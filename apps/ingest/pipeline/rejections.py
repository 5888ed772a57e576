"""Numbers that belong to no deployment: home forces, relief work, a mission's own strength, standby pools,
gatherings of many countries, schools and casualty tolls (stage 3 of the figure grammar rejects them)."""

from __future__ import annotations

import re

from apps.ingest.pipeline import entities
from apps.ingest.pipeline.entities import TextIndex
from apps.ingest.pipeline.gazetteer import MISSION_ACRONYMS
from apps.ingest.pipeline.mentions import Item
from apps.ingest.pipeline.relations import JOIN_WOMEN, JOIN_WOMEN_FAR
from apps.ingest.pipeline.sentences import _clause_of, _may

# A sentence that ties its numbers to peace operations in any way keeps them; the rules below reject only numbers
# of a sentence that does not.
PEACEKEEPING_ANCHOR = re.compile(
    r"peace[-\s]?keep|blue\s+(?:helmets?|berets?)|\bUN\b|U\.N\.|United\s+Nations|\bmissions?\b|deploy|contingent|"
    r"battalion|abroad|overseas|rotation",
    re.IGNORECASE,
)
# The country's own forces at home: "women serving in the Armed Forces", "15,000 women in all units of the police".
NATIONAL_FORCE = re.compile(
    r"\b(?:in|of|within|into)\s+(?:all\s+(?:the\s+)?(?:units|branches)\s+of\s+)?(?:the\s+)?(?:[A-Z][\w’']*\s+){0,3}"
    r"(?:Armed\s+Forces|Army|Navy|Air\s+Force|Police(?:\s+Force|\s+Service)?|Defen[cs]e\s+Forces?)\b"
    # ... not a unit drawn from it: "formed police units", "the Rwanda National Police contingent"
    r"(?!\s*(?:\([A-Z]{2,8}\)\s*)?(?:units?|contingents?|battalions?|compan(?:y|ies)|detachments?|teams?|personnel|"
    r"troops|peacekeepers)\b)"
    r"|\bserving\s+in\s+the\s+[A-Z]{2,5}\b|\btotal\s+(?:manpower|strength)\s+of\b",
    re.IGNORECASE,
)
# Counts in training, casualty or unrelated contexts are not deployments.
TRAINING = re.compile(
    # people at school, not a unit in pre-deployment training ("marched into training camp" is a unit's drill)
    r"\b(?:trainees?|course|courses|graduat\w+|cadets?|students?|exam\w*|workshop|seminar|"
    r"lectures?|instructors?|academy|school|certificates?)\b",
    re.IGNORECASE,
)
DEPLOYMENT = re.compile(
    r"\b(?:(?<!pre-)deploy\w*|dispatch\w*|sen[dt]\w*|serv\w+|contribut\w+|rotation|contingent|battalion|peacekeep\w*|"
    r"mission|replace\w*|arriv\w+|left|depart\w*|join\w*|assigned|stationed|comprises|consist\w*)\b",
    re.IGNORECASE,
)
CASUALTY = re.compile(
    r"\b(?:killed|died|dead|deaths?|lost\s+(?:their|his|her)\s+lives|(?<!has\s)(?<!have\s)(?<!had\s)fallen|casualt\w+|fatalit\w+|injured|"
    r"wounded|wounding|injuring|killing|martyr\w*|abducted|kidnapped|shahadat|laid\s+down\s+their\s+lives|"
    r"gave\s+their\s+lives|(?:made|paid)\s+the\s+(?:ultimate|supreme)\s+(?:sacrifice|price))\b",
    re.IGNORECASE,
)
# Cheap tests that a pattern cannot match: every match of the IGNORECASE pattern contains one of these words,
# so when none occurs in the folded text (see _fold) inside a span, the pattern cannot match that span.
TRAINING_WORDS = re.compile(
    "train|course|graduat|cadet|student|exam|workshop|seminar|lecture|instructor|academy|school|certificate"
)
CASUALTY_WORDS = re.compile(
    "killed|killing|died|dead|death|lost|fallen|casualt|fatalit|injur|wound|martyr|abducted|kidnapped|shahadat|"
    "their lives|ultimate|supreme"
)


# A home force that the counted people work with, not the force they are counted in: "will support the training
# of the Lebanese Navy", "alongside the national army".
FORCE_AS_OBJECT = re.compile(
    r"\b(?:training|train|support|supporting|assist\w*|alongside|mentor\w*|advis\w*|partner\w*|help\w*)\s+"
    r"(?:(?:of|to|for)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# Relief work is not peacekeeping: "humanitarian missions involving 118 female personnel", "earthquake victims".
HUMANITARIAN = re.compile(
    r"\bhumanitarian\b|\bdisasters?\b|\bearthquakes?\b|\bfloods?\b|\btsunami\b|\btyphoon\b|\bcyclone\b|"
    r"\b(?:medical|humanitarian)\s+(?:aid|assistance)\b|\brelief\b",
    re.IGNORECASE,
)
PEACEKEEPING_WORD = re.compile(r"peace[-\s]?keep|blue\s+(?:helmets?|berets?)", re.IGNORECASE)
# A mission's own strength, not one country's contribution: "the authorised troop ceiling will be 13 500",
# "the 73-nation force of 18,000", "the UN has stationed 14,595 troops", "<mission> consists of about 12,000".
MISSION_STRENGTH = re.compile(
    r"\bauthori[sz]ed\b|\bceiling\b|\b\d+-(?:nation|country)\b|\bthe\s+(?:UN|U\.N\.|United\s+Nations)\s+(?:has|had)\s+"
    r"(?:stationed|deployed)\b",
    re.IGNORECASE,
)
MISSION_CONSISTS = re.compile(r"\s+(?:consists?\s+of|comprises?|is\s+made\s+up\s+of)\b", re.IGNORECASE)
# News style writes mission acronyms as names ("Minusma consists of about 12,000 soldiers").
_TITLE_MISSION_CONSISTS = re.compile(
    rf"\b(?:{'|'.join(sorted(code.capitalize() for code in MISSION_ACRONYMS))})\b" + MISSION_CONSISTS.pattern
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|to|for|of|with|at|from|into|under)\s+(?:the\s+)?$", re.IGNORECASE)
# A pool, not a deployment: "a 1,000-strong standby unit", "100 women trained and awaiting an opportunity".
STANDBY = re.compile(r"\bstand-?by\b|\bawaiting\b|\bready\s+to\s+be\s+deployed\b|\bon\s+call\b", re.IGNORECASE)
# People of many countries in one group: "40 female officers from 26 countries received certificates".
MULTINATIONAL_AFTER = re.compile(
    r"(?:\s+and\s+[a-z]+)?\s+from\s+(?:\d+|[a-z]+(?:-[a-z]+)?|different|various|several|many|other)\s+(?:countries|nations)\b",
    re.IGNORECASE,
)
# ... unless the sentence gives UN-wide statistics; a ceremony or a course is a gathering, not a deployment
GATHERING = re.compile(
    r"\b(?:ceremony|parade|course|certificates?|workshop|seminar|conference|training|graduat\w*|exercises?|drills?)\b",
    re.I,
)
UN_WIDE = re.compile(r"\bUN\b|U\.N\.|United\s+Nations", re.IGNORECASE)


# Words one of which every match of the three sentence-wide rules contains, to skip them cheaply.
_REJECT_ALL_WORDS = re.compile(
    "forces|army|navy|air force|police|defen|serving|manpower|strength|humanitarian|disaster|earthquake|flood|"
    "tsunami|typhoon|cyclone|aid|assistance|relief|authori|ceiling|-nation|-country|stationed|deployed"
)


def _sentence_rejects_all(text: str, s: int, e: int, index: TextIndex, low: str | None = None) -> bool:
    """True when the whole sentence counts no deployment (home forces, relief work, a mission's own strength)."""
    if not _may(_REJECT_ALL_WORDS, low, s, e):
        return False
    sentence = text[s:e]
    anchored = PEACEKEEPING_ANCHOR.search(sentence) is not None or bool(index.within(index.missions, s, e))
    if not anchored and any(
        not FORCE_AS_OBJECT.search(sentence, max(0, m.start() - 40), m.start())
        for m in NATIONAL_FORCE.finditer(sentence)
    ):
        return True
    if HUMANITARIAN.search(sentence) and not PEACEKEEPING_WORD.search(sentence):
        return True
    return MISSION_STRENGTH.search(sentence) is not None


_QUALIFIER = (
    r"(?:(?:about|some|around|nearly|roughly|almost|over|more\s+than|at\s+least|close\s+to|a\s+total\s+of)\s+)?"
)
# The count is what a school turned out or what a force lost: "the centre trained 2,000 personnel", "graduated 600
# officers", "the army has lost 30 soldiers" (a casualty toll, not a deployment).
SCHOOLED_OR_LOST = re.compile(
    rf"\b(?:trained|graduated|certified|educated|taught|lost|mourned|mourns|buried|recruit(?:s|ed|ing)?|enlist(?:s|ed|ing)?)\s+"
    rf"{_QUALIFIER}$",
    re.IGNORECASE,
)
# A ceiling, not a head count: "contributes up to 2 900 soldiers", "allows the deployment of up to 300".
UP_TO = re.compile(r"\bup\s+to\s+$", re.IGNORECASE)
UP_TO_START = re.compile(r"up\s+to\b", re.IGNORECASE)  # the qualifier read as part of the number
# A force counted at home as the subject: "the armed forces have about 22,000 members", "the APF has 37,000
# personnel" (unless the count is placed somewhere: "... has 900 troops in Lebanon").
FORCE_HAS = re.compile(
    r"\b(?:(?:armed|defen[cs]e|security)\s+forces|army|navy|air\s+force|police(?:\s+force|\s+service)?|gendarmerie|"
    rf"military|(?P<acronym>(?-i:[A-Z]{{2,6}})))(?:,\s*which|,\s*(?:whose|which)\b(?:[^,;.]|[,.](?=\d)){{0,80}},)?\s+"
    rf"(?:now\s+|currently\s+|also\s+|still\s+|today\s+)?(?:has|have|had|numbers?|"
    rf"counts?|boasts?|totals?)\s+(?:a\s+)?(?:total\s+)?(?:strength\s+of\s+)?{_QUALIFIER}$",
    re.IGNORECASE,
)
# ... or as the sentence's subject with its size in apposition: "The SANDF, with some 73 000 uniformed members, ..."
FORCE_WITH = re.compile(
    r"^\W*(?:the\s+)?(?:(?:[A-Z][\w’']*\s+){0,3}(?:Armed\s+Forces|Army|Navy|Air\s+Force|Defen[cs]e\s+Forces?)|(?-i:[A-Z]{2,8})),"
    rf"\s*with\s+{_QUALIFIER}$",
    re.IGNORECASE,
)
PLACED_AFTER = re.compile(
    r"(?!\s+in\s+(?:its|their|the)\s+(?:own\s+)?ranks\b|\s+across\s+the\s+country\b|\s+nationwide\b)\s*(?:,\s*)?(?:\d[\d,]*\s+[a-z]+\s+)?(?:in|to|with|serving|deployed|on|under|abroad|overseas|for|at|across|among)\b",
    re.IGNORECASE,
)
# The mission as the subject of its size: "The Mission currently has about 13,000 troops", "MINUSMA deployed about
# 13,000 troops".
THE_MISSION_HAS = re.compile(
    rf"(?:\b[Tt]he\s+(?:[Mm]ission|UN\s+force|[Oo]peration)|\b(?P<acronym>[A-Z]{{4,8}}))\s+(?:itself\s+)?(?:currently\s+|now\s+|once\s+|then\s+)?"
    rf"(?:has|had|numbers|numbered|counts|comprises|comprised|deployed|fielded)\s+{_QUALIFIER}(?:\d[\d,]*\s+[a-z]+\s+and\s+"
    rf"{_QUALIFIER})?$"
)
# The mission's own size in apposition: "UNMISS, with roughly 17,000 troops and 1,600 police".
MISSION_WITH = re.compile(
    rf"^\s*,?\s*(?:which\s+)?(?:currently\s+|now\s+|today\s+)?(?:has|had|with|numbers|counts)\s+{_QUALIFIER}"
    r"(?:\d[\d,]*\s+[a-z]+(?:\s+[a-z]+)?\s*(?:,|and)\s+" + _QUALIFIER + r")*$",
    re.IGNORECASE,
)


def _belongs_to_no_deployment(
    text: str, s: int, e: int, item: Item, index: TextIndex, clauses: list[tuple[int, int]]
) -> bool:
    """True when the number's own context shows it counts no country's deployment to a peace operation."""
    near = text[max(s, item.start - 60) : item.start]
    if SCHOOLED_OR_LOST.search(near) or UP_TO.search(near) or UP_TO_START.match(text, item.start):
        return True
    if FORCE_WITH.match(text[s : item.start]) and not PLACED_AFTER.match(text, item.end):
        return True
    fm = FORCE_HAS.search(text, max(s, item.start - 160), item.start)
    if fm and not PLACED_AFTER.match(text, item.end):
        acronym = fm.group("acronym")
        if acronym is None or (
            acronym not in ("UN", "AU", "EU", "NATO")
            and acronym not in entities.COUNTRY_LOOKUP
            and acronym not in MISSION_ACRONYMS  # a mission as the subject: MISSION_WITH below decides
        ):
            return True
    mh = THE_MISSION_HAS.search(near)
    if mh and (
        mh.group("acronym") is None
        or (
            mh.group("acronym") in MISSION_ACRONYMS
            # the mission as the subject, not the place a unit serves in ("the task force for MONUSCO has 850")
            and not _PREPOSITION_BEFORE.search(near, max(0, mh.start() - 12), mh.start())
        )
    ):
        return True
    for m in index.within(index.missions, max(s, item.start - 80), item.start):
        if m.kind == "acronym" and MISSION_WITH.match(text[m.end : item.start]):
            # the mission as the subject, not the place a unit serves in ("the task force for MONUSCO has 850")
            if not _PREPOSITION_BEFORE.search(text, max(s, m.start - 12), m.start):
                return True
    head = text[s : item.start]
    if "consist" in head or "compris" in head or "made up" in head:
        if _TITLE_MISSION_CONSISTS.search(head):
            return True
        for m in index.within(index.missions, s, item.start):
            # the mission as the subject ("<mission> consists of"), not a place a unit serves in ("in Lebanon
            # comprises")
            if m.kind == "acronym" and MISSION_CONSISTS.match(text, m.end):
                if not _PREPOSITION_BEFORE.search(text, max(s, m.start - 12), m.start):
                    return True
    cs, ce = _clause_of(clauses, item.start)
    if STANDBY.search(text, cs, ce):
        return True
    if MULTINATIONAL_AFTER.match(text, item.end):
        sentence = text[s:e]
        return not UN_WIDE.search(sentence) or GATHERING.search(sentence) is not None
    return False


def _without_parts_of_rejected(text: str, items: list[Item], kept: list[Item]) -> list[Item]:
    """`kept` without the women counted inside a rejected total: "2,000 personnel from 20 countries take part in the
    exercise, including 150 women" — the 150 are part of a gathering, not of a deployment."""
    rejected = [it for it in items if it.role == "total" and it not in kept]
    out = []
    for it in kept:
        whole = max((r for r in rejected if r.end <= it.start), key=lambda r: r.end, default=None)
        if it.role == "women" and whole is not None:
            gap = text[whole.end : it.start]
            if not any(whole.end <= o.start < it.start for o in items):
                gap = re.sub(r"\d[\d,.]*", "n", gap)  # numbers between that count nobody ("from 20 countries")
            if JOIN_WOMEN.match(gap) or JOIN_WOMEN_FAR.match(gap):
                continue
        out.append(it)
    return out


# A share whose whole is the rejected total: "the armed forces have 25,000 members, of whom women make up 11 percent".
SHARE_OF_WHOLE = re.compile(
    r"^[\s,]*(?:of|among)\s+(?:whom|which|them|these)\b[^.;\d]{0,60}$|^[\s,(]*(?:or|i\.e\.|that\s+is)?[\s,]*$", re.I
)


def _share_of_rejected(text: str, share: Item, rejected: list[Item]) -> bool:
    """True when the share is a part of a total that belongs to no deployment."""
    whole = max((r for r in rejected if r.end <= share.start), key=lambda r: r.end, default=None)
    return whole is not None and SHARE_OF_WHOLE.match(text[whole.end : share.start]) is not None
