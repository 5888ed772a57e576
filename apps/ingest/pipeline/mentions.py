"""Stage 1 of the figure grammar: every number in a sentence typed by what it counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from apps.ingest.pipeline import entities
from apps.ingest.pipeline.nouns import (
    AFTER_HEAD_VERBS,
    FUNCTION,
    MODIFIERS,
    NOT_PERSONNEL,
    PERSONNEL,
    WEAK_HEADS,
    WOMEN_WORDS,
)
from apps.ingest.pipeline.numbers import COUNT, PERCENT, RANGE, RANGE_FROM_BEFORE, Number, find_numbers
from apps.ingest.pipeline.sentences import _clause_of, split_clauses
from apps.ingest.pipeline.shares import (
    _CATEGORY_AFTER,
    _COMPARED_AFTER,
    _FRACTION_OF,
    _FRACTION_VALUES,
    _GOAL_OF,
    _LIST_ITEM,
    _SHARE_WORD,
    ATTACHED_SHARE,
    CHANGE_BEFORE,
    CURRENT_BEFORE,
    DEADLINE_AFTER,
    FROM_TO_AFTER,
    NATIONAL_WHOLE_AFTER,
    NOT_A_SHARE_AFTER,
    PAST_SHARE,
    TARGET_AFTER,
    TARGET_CUE,
    TARGET_TO,
    WOMEN_CUE,
)

STRONG_SUFFIX = re.compile(
    r"[-–](strong|member|man|men|person|personnel|soldier|troop|officer|woman|women|female)\b", re.IGNORECASE
)
ALL_FEMALE = re.compile(r"\s+(?:all-female|all-women|all-woman|female|women)\b", re.IGNORECASE)
# "42 of them women", "78 are women", "2,500 were female": a women count that refers to the total before it.
PREDICATIVE_WOMEN = re.compile(
    r"\s*,?\s*(?:(?:of|from)\s+(?:them|whom|which)\s+)?(?:are|were|being|is|was|(?:have|has|had)\s+been)?\s*(?:all\s+)?"
    r"(?:wom[ae]n|female|females)\b(?!\s+(?:and|or)\s+men)",
    re.IGNORECASE,
)
PREDICATIVE_GUARD = re.compile(
    r"\s*,?\s*(?:(?:of|from)\s+(?:them|whom|which)|are|were|being|is|was|(?:have|has|had)\s+been)\s", re.IGNORECASE
)
# An aside between a count and its predicate: "187 (nearly 3 per cent) of them are women". The share inside is
# typed on its own; the count is read through the aside.
PAREN_ASIDE = re.compile(r"\s*\([^()]{1,40}\)")
TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d[\d,.]*|[^\sA-Za-z\d]")

GROUP_OF = re.compile(
    r"\b(?:battalion|contingent|unit|team|company|platoon|force|task\s+force|group|batch|hospital|detachment|"
    r"delegation|rotation|squad|crew|strength|total)(?:\s*\([A-Z]{2,8}\))?\s+(?:of|comprising|consisting\s+of|numbering|with)\s+"
    r"(?:some\s+|about\s+|over\s+|nearly\s+|around\s+)?$",
    re.IGNORECASE,
)
DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|its|their|all|both|all\s+the)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)

ALL_FEMALE_GROUP = re.compile(
    r"\ball[-\s](?:female|women|woman)\s+(?:[A-Za-z-]+\s+){0,3}?(?:of|comprising|with)\s+(?:some\s+|about\s+)?$",
    re.IGNORECASE,
)
ELLIPSIS_AFTER = re.compile(r"\s+(?:to|in|with|for)\s+(?:the\s+)?")
ELLIPSIS_BEFORE = re.compile(r"(?:[,:;–—]|\s-|\band)\s*$")


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
    distinct: bool = False  # "another 172": a second population, even when the number repeats


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
    aside = PAREN_ASIDE.match(after)
    if aside and PREDICATIVE_GUARD.match(after, aside.end()):
        m = PREDICATIVE_WOMEN.match(after, aside.end())
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
    skip_to = 0
    prev_cap = False
    for tm in TOKEN_RE.finditer(after):
        if tm.start() < skip_to:
            continue
        tok = tm.group(0)
        was_cap, prev_cap = prev_cap, tok[:1].isupper()
        low = tok.lower().replace("’", "'")
        if tok in _QUOTES and not head_seen:
            continue  # 'more than 200 “blue helmets”': quotation marks around the noun
        if tok == "(" and not head_seen and modifiers and (am := _ACRONYM_ASIDE.match(after, tm.start())):
            skip_to = am.end()  # "830 Malaysian Armed Forces (MAF) personnel": the acronym of the modifier
            continue
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
        if low in MEN_HEADS and not head_seen and not _AND_WOMEN.match(after, tm.end()):
            return "men", num.end + tm.end(), False, None  # "22 men": the men of a group, not its total
        if low in PERSONNEL:
            if low == "member" and _MEMBER_STATES.match(after[tm.start() :]):
                return None, num.end, False, None
            head_seen = True
            last_head = low
            women = women or low in WOMEN_WORDS
            end = num.end + tm.end()
            continue
        if low == "of" and not head_seen and modifiers and was_cap and (nxt := _CAP_AFTER.match(after, tm.end())):
            skip_to = nxt.start(1)  # "153 Republic of Fiji Military Forces soldiers": "of" inside a name
            continue
        if low in FUNCTION:
            break
        if low.endswith(("'s", "s'")) and not head_seen:
            return None, num.end, False, None  # "3 countries' troops" style possessives are not counts
        if head_seen:
            if low in AFTER_HEAD_VERBS:
                break
            if last_head in WEAK_HEADS:
                if low in MODIFIERS and low not in WEAK_HEADS:
                    continue  # "13 female service members": the weak head was a modifier before another
                if tok[0].isupper() and entities.COUNTRY_LOOKUP.get(tok):
                    # "10 female Korean officers": the weak head was an adjective before a nationality
                    head_seen = False
                    country = entities.COUNTRY_LOOKUP[tok][0]
                    continue
                return None, num.end, False, None  # "30 military vehicles": the adjective was not the head
            break
        if (
            tok[0].isupper()
            and low.endswith("ese")
            and _demonym_plural(tok)
            and _SERVE_VERB_AFTER.match(after, tm.end())
        ):
            # "38,000 Senegalese have served": an invariant plural, followed by its verb
            head_seen = True
            last_head = low
            country = _demonym_plural(tok)
            end = num.end + tm.end()
            continue
        if tok[0].isupper() and low.endswith("s") and _demonym_plural(tok):
            # "3,000 Egyptians serving as peacekeepers": a people named by its nationality
            head_seen = True
            last_head = low
            country = _demonym_plural(tok)
            end = num.end + tm.end()
            continue
        if not (tok[0].isupper() or "-" in tok or low in MODIFIERS):
            return None, num.end, False, None  # a verb or an unknown noun: the number counts something else
        if low == "male":
            return None, num.end, False, None  # "208 male officers" counts men only, not the whole group
        if low == "civilian":
            return None, num.end, False, None  # "70 civilian staff": not uniformed personnel
        modifiers += 1
        if modifiers > 4:  # "Eight New Zealand Defence Force personnel"
            break
        hit = entities.COUNTRY_LOOKUP.get(tok)
        if hit:
            country = hit[0]
        if low in ("all-female", "all-women"):
            women = True
    if not head_seen:
        return None, num.end, False, None
    return ("women" if women else "total"), end, women, country


PERSONNEL_CUE = re.compile(
    r"\b(?:personnel|peacekeepers|troops|soldiers|officers|police|contributors?|contingents?|blue\s+helmets)\b",
    re.IGNORECASE,
)
_QUOTES = {'"', "“", "”", "‘", "’", "'"}


def _demonym_plural(tok: str) -> str | None:
    """ISO3 of a plural nationality noun ("Egyptians", "Nepalis", "Ghanaians", "Senegalese"), else None."""
    hit = entities.COUNTRY_LOOKUP.get(tok)
    if hit and hit[1] == "demonym" and tok.endswith(("s", "ese")):
        return hit[0]
    return None


_CAP_AFTER = re.compile(r"\s+([A-Z][a-z]+)")
_ACRONYM_ASIDE = re.compile(r"\(\s*[A-Z][A-Za-z]{1,7}\s*\)")
_SERVE_VERB_AFTER = re.compile(
    r"\s+(?:have|has|had|are|were|now|currently|still|also)?\s*(?:been\s+)?(?:serv\w*|deployed|participated|taken\s+part|"
    r"worn|joined|gone)\b",
    re.IGNORECASE,
)


_AND_WOMEN = re.compile(r"\s+(?:and|or|&)\s+wom[ae]n\b", re.IGNORECASE)
_BLUE_HEAD = re.compile(r"blue\s+(?:helmets|berets)", re.IGNORECASE)
_MEMBER_STATES = re.compile(r"member\s+states", re.IGNORECASE)
_GROUP_OF_END = re.compile(
    r"\s*(?:[,.;)]|$|will|are|is|was|were|have|has|from|who|left|arrived|men\b|(?:for|to|bound|headed|that|which|in|at|on)\s+\D)"
)
# ("number" as a noun before a serial, "the number 5", not the verb: "the units together number 1,200")
_AGE_OR_NUMBER_BEFORE = re.compile(
    r"\b(?:aged|age\s+of|ages\s+of|No\.?|(?:the|a|its|their)\s+number|(?-i:Number))\s*$", re.IGNORECASE
)
# The denominator of a ratio: "four in ten officers", "one out of five".
_RATIO_BEFORE = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|\d{1,2})\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.IGNORECASE
)
_RANK_BEFORE = re.compile(r"\btop\s+$", re.IGNORECASE)
_CONTRIBUTOR_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:troop|police|personnel)(?:[-\s]+and\s+(?:troop|police))?[-\s]+contribut", re.IGNORECASE
)
_NAME_BEFORE = re.compile(r"\b[A-Z]{4,}\s$")
_WOMEN_SUFFIX = re.compile(r"[-–](?:woman|women|female)", re.I)


# Elliptical counts: the noun is left out once the sentence (or, in a list, the sentence before) has said what is
# counted. "another 172 under ...", "a further 40 left", "850 to UNIFIL", "95 in Congo", "Haiti (750)".
ANOTHER_BEFORE = re.compile(
    r"\b(?:another|a\s+further|further|the\s+remaining|the\s+other|an\s+additional|a\s+second|a\s+third)\s+$",
    re.IGNORECASE,
)
_PROVIDES_BEFORE = re.compile(
    r"\b(?:provides?|provided|contributes?|contributed|supplies|supplied|sends?|sent|deploys?|deployed|fields?|fielded)\s+"
    r"(?:(?:about|some|around|nearly|over|more\s+than)\s+)?$",
    re.IGNORECASE,
)
_OF_THEM_BARE = re.compile(r"\s+of\s+(?:them|these|those)\b(?!\s+(?:in|at|to|with)\s)", re.IGNORECASE)
_TURNS_OF_AFTER = re.compile(
    r"\s+(?:turns|tours|rotations)\s+of\s+(?:[a-z]+\s+){0,3}?(?:officers|soldiers|personnel|troops|peacekeepers)\b",
    re.I,
)
_FRAME_OPENING = re.compile(r"\W*(?:of|among|out\s+of)\s+(?:the|these|those)\s+$", re.IGNORECASE)
_UNIT_NUMBERS_BEFORE = re.compile(
    r"\b(?:contingents?|battalions?|units?|company|companies|detachments?|deployment|force|peacekeepers|troops|personnel)\b"
    r"[^.;,\d]{0,40}?\bnumber(?:s|ed)?\s+"
    r"(?:about\s+|some\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
_NUMBER_OF_PERSONNEL_BEFORE = re.compile(
    r"\b(?:number\s+of\s+(?:[\w-]+\s+){0,3}?(?:personnel|troops|peacekeepers|soldiers|officers|police)|total\s+number"
    r"(?:\s+deployed)?)\b[^.;\d]{0,80}?"
    r"\b(?:to|at|reached|is|was|stands\s+at|stood\s+at|exceeds|exceeded|tops|topped|passed|surpassed)\s+(?:about\s+|some\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
_RAISE = r"\b(?:brings?|brought|raises?|raised|lifts?|lifted|takes?|took)"
_NUMBER_OF_WOMEN_TO = re.compile(
    _RAISE + r"\s+the\s+(?:total\s+)?number\s+of\s+(?:wom[ae]n|female\s+\w+)"
    r"\b[^.;\d]{0,60}?\bto\s+(?:about\s+|some\s+|nearly\s+)?$",
    re.IGNORECASE,
)
_RAISES_TO = re.compile(_RAISE + r"\s+to\s+$", re.IGNORECASE)
_THE_NUMBER_OF_WOMEN_AFTER = re.compile(r"\s+the\s+(?:total\s+)?number\s+of\s+(?:wom[ae]n|female)\b", re.IGNORECASE)
_WE_WERE_BEFORE = re.compile(r"\b(?:we|they)\s+(?:were|are)\s+(?:about\s+|some\s+)?$", re.IGNORECASE)
_IN_UNIT_AFTER = re.compile(
    r"\s+(?:in|of)\s+(?:that|the|our|their|this)\s+(?:unit|contingent|battalion|company|team|platoon|group|rotation)\b",
    re.IGNORECASE,
)
_SERVING_AFTER = re.compile(r"\s+(?:currently\s+|now\s+|still\s+)?(?:serving|deployed|stationed)\b", re.IGNORECASE)
_OF_THEM_IN_AFTER = re.compile(r"\s+of\s+(?:them|these|those)\s+(?:(?:are|were)\s+)?(?:in|with|at|to)\s", re.IGNORECASE)
OF_THEM_AFTER = re.compile(r"\s*(?:of|among)\s+(?:them|these|those)\b", re.IGNORECASE)
_WOMEN_MAKE_UP_BEFORE = re.compile(
    r"\b(?:wom[ae]n|female\s+[a-z]+|females)\s+(?:(?:make|makes|made)\s+up|account(?:s|ed)?\s+for)\s+"
    r"(?:(?:about|some|nearly|around|only|just)\s+)?$",
    re.IGNORECASE,
)
_ANOTHER_OPENING = re.compile(
    r"^\W*(?:and\s+|while\s+)?(?:another|a\s+further|an\s+additional|the\s+remaining|the\s+other)\s+$", re.IGNORECASE
)
# A women noun phrase as the subject, its count after a linking verb.
WOMEN_LINK_BEFORE = re.compile(
    r"\b(?:wom[ae]n|female\s+[a-z]+|females|servicewomen|policewomen)\b[^.;\d]{0,90}?\b(?:stood\s+at|stands\s+at|"
    r"amounted\s+to|amounts\s+to|numbered|numbers|totall?ed|reached|(?:rose|increased|grew|climbed)\s+(?:from|to)|"
    r"from\s+\d[\d,]*\s+in\s+(?:19|20)\d\d\s+to)\s+(?:about\s+|some\s+|nearly\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
WOMEN_GROUP_OPENING = re.compile(
    r"\W*(?:of|among)\s+(?:the\s+|these\s+|those\s+)?(?:total\s+)?(?:[a-z-]+\s+){0,3}(?:wom[ae]n|female\s+[a-z]+)"
    r"(?:\s+[a-z]+){0,2},\s*(?:about\s+|some\s+|only\s+)?$",
    re.IGNORECASE,
)
PLACE_AFTER = re.compile(r"\s+(?:in|to|at|for)\s+(?:the\s+)?(?=[A-Z])")
LIST_OPENING = re.compile(
    r"^\W*(?:(?:similarly|likewise|also|besides|in\s+addition|meanwhile|and)\W+)?(?:there\s+(?:are|were)\s+)?(?:about\s+|some\s+|over\s+|nearly\s+)?$",
    re.IGNORECASE,
)
PAREN_COUNT = re.compile(r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s*\($")
# A partitive without a part is a count of the noun: "9,000 of its officers have served", "300 of the country's
# troops". (With a part it is a fraction, "12 of the 63 members", read by numbers.find_fractions.)
PARTITIVE_COUNT = re.compile(
    r"\s+of\s+(?:its|their|our|his|her|the|these|those|[A-Z][\w.-]*['’]s)\s+(?:(?:[a-z-]+|[A-Z][a-z]+)\s+){0,3}?"
    r"(?P<noun>personnel|peacekeepers|troops|soldiers|officers|police\s+officers|policemen|members|staff|"
    r"servicemen|servicewomen|policewomen|women|female\s+[a-z]+|gendarmes|observers|blue\s+helmets)\b(?!\s*\d)"
)
_WOMEN_PREDICATE_AFTER = re.compile(
    r"(?:\s+[^.;,\d]{1,40}?)?\s+(?:are|were|is|was)\s+(?:all\s+)?(?:wom[ae]n|female)\b", re.IGNORECASE
)
# Men are counted apart from the total: "an all-female unit of 125 that included 22 men".
MEN_HEADS = {"men", "man", "males"}


_GROUP_OF_LAST = {"of", "comprising", "numbering", "with"}
_GROUP_OF_QUALIFIERS = {"some", "about", "over", "nearly", "around"}


def _may_end_group_of(before: str) -> bool:
    """False when `before` cannot end as GROUP_OF requires ("... of", "... with some"): skips that search cheaply."""
    words = before[-32:].split()
    if words and words[-1].lower() in _GROUP_OF_QUALIFIERS:
        words = words[:-1]
    return bool(words) and words[-1].lower() in _GROUP_OF_LAST


def _count_items(text: str, s: int, e: int, numbers: list[Number], carry: str | None = None) -> list[Item]:
    """Typed counts of a sentence; `carry` is the role of the last count of the sentence before (for lists)."""
    items: list[Item] = []
    low = text[s:e].lower()
    women_near = "wom" in low or "female" in low  # the women-subject rules need a women word in the sentence
    for n in numbers:
        if n.kind != COUNT or n.value <= 0 and not n.is_word:
            continue
        role, np_end, np_women, country = _noun_phrase(text, n, e)
        before = text[max(s, n.start - 60) : n.start]
        if role is None and _may_end_group_of(before) and GROUP_OF.search(before):
            after = text[n.end : n.end + 30]
            if _GROUP_OF_END.match(after):
                role, np_end = "total", n.end
        if role is None:
            last = next((i for i in reversed(items) if i.role in ("total", "women")), None)
            inherited = last.role if last is not None else None
            if (
                inherited is None
                and carry
                and (LIST_OPENING.match(text[s : n.start]) or _ANOTHER_OPENING.match(text[s : n.start]))
            ):
                inherited = carry  # the list goes on in this sentence: "Another 40 serve in Cyprus."
            if inherited is None and last is None:
                colon = text.rfind(":", s, n.start)
                if colon > s and PERSONNEL_CUE.search(text, s, colon):
                    inherited = "total"  # "Its personnel serve in these missions: four in MINURSO; three in ..."
            if inherited is not None and n.value == int(n.value):
                em = ELLIPSIS_AFTER.match(text, n.end)
                if ANOTHER_BEFORE.search(before) and (last is not None or carry):
                    role, np_end = inherited, n.end
                elif em and (ELLIPSIS_BEFORE.search(before) or LIST_OPENING.match(text[s : n.start])):
                    if entities.ACRONYM_RE.match(text, em.end()) or PLACE_AFTER.match(text, n.end):
                        role, np_end = inherited, n.end
        if (
            role is None
            and _OF_THEM_BARE.match(text, n.end)
            and _PROVIDES_BEFORE.search(before)
            and not _WOMEN_PREDICATE_AFTER.match(text, _OF_THEM_BARE.match(text, n.end).end())
            and PERSONNEL_CUE.search(text, max(0, s - 250), n.start)
        ):
            role, np_end = "total", n.end  # "Argentina provides 207 of them": a share of the personnel named before
        if role is None and _TURNS_OF_AFTER.match(text, n.end):
            role, np_end = "total", _TURNS_OF_AFTER.match(text, n.end).end()  # "1,012 turns of officers": tours served
        if role is None and text[n.end : n.end + 1] == "," and _FRAME_OPENING.match(text, s, n.start):
            role, np_end = "total", n.end  # "Of the 751, 102 are women": the whole named again by its number
        if role is None and (
            _UNIT_NUMBERS_BEFORE.search(before)
            or _NUMBER_OF_PERSONNEL_BEFORE.search(text, max(s, n.start - 140), n.start)
        ):
            role, np_end = (
                "total",
                n.end,
            )  # "the contingent numbers 3,184", "brings the number of its personnel to 1,106"
        if role is None and _WE_WERE_BEFORE.search(before) and _IN_UNIT_AFTER.match(text, n.end):
            role, np_end = "total", n.end  # "We were 140 in that unit"
        if role is None and _SERVING_AFTER.match(text, n.end) and PERSONNEL_CUE.search(text, s, e):
            role, np_end = "total", n.end  # "India has around 6,000 serving today"
        if role is None and items and items[-1].role == "total" and _OF_THEM_IN_AFTER.match(text, n.end):
            role, np_end = "total", n.end  # "3,400 blue helmets deployed, 1,280 of them in CAR": a part by place
        if role is None and text[n.end : n.end + 4] == " of ":
            pm = PARTITIVE_COUNT.match(text, n.end, e)
            if pm and not re.match(r"[\s,]*\d", text[pm.end() : pm.end() + 4]):
                noun = pm.group("noun").lower()
                women_predicate = _WOMEN_PREDICATE_AFTER.match(text, pm.end())
                role = "women" if ("wom" in noun or "female" in noun or women_predicate) else "total"
                np_end = pm.end()
        if role is None and text[n.end : n.end + 1] == ")" and text[n.start - 1 : n.start] == "(":
            # "Haiti (750)", "India (1 834)": a count in brackets after a place, in a sentence about personnel
            pm = PAREN_COUNT.search(text, max(s, n.start - 40), n.start)
            if pm and (items or carry or PERSONNEL_CUE.search(text, s, e)):
                hit = entities.COUNTRY_LOOKUP.get(pm.group(1))
                role, np_end = "total", n.end
                country = hit[0] if hit else None
        # "the number of female peacekeepers had increased from 29 in 2017 to 48", "participation of women
        # soldiers in the mission stood at 202", "female personnel ... that amounted to 48 people"
        if role in (None, "total") and women_near and WOMEN_LINK_BEFORE.search(text, max(s, n.start - 140), n.start):
            role, np_end = "women", (n.end if role is None else np_end)
        if (
            role is None
            and women_near
            and OF_THEM_AFTER.match(text, n.end)
            and _WOMEN_MAKE_UP_BEFORE.search(text, max(s, n.start - 60), n.start)
        ):
            role, np_end = "women", n.end  # "Women make up 51 of them": a count of the whole named before
        if (
            role in (None, "total")
            and women_near
            and (
                _NUMBER_OF_WOMEN_TO.search(text, max(s, n.start - 120), n.start)
                or (_RAISES_TO.search(before) and _THE_NUMBER_OF_WOMEN_AFTER.match(text, n.end))
            )
        ):
            # "the 24 bring the number of women in the contingent to 61", "raises to 61 the number of women serving"
            role, np_end = "women", n.end
        if role is None and women_near and WOMEN_GROUP_OPENING.match(text, s, n.start):
            role, np_end = "women", n.end  # "Of the women now deployed, 25 were observers"
        if role is None or role == "men":
            continue
        if n.value != int(n.value) or n.value > 2_000_000 or (role == "women" and n.value > 100_000):
            continue  # no deployment counts millions, nor 100,000 women
        if _AGE_OR_NUMBER_BEFORE.search(before):
            continue
        if _RANK_BEFORE.search(before) or _CONTRIBUTOR_AFTER.match(text, n.end) or _RATIO_BEFORE.search(before):
            continue  # a rank, not a head count: "among the top ten troop contributors", "the 12th largest"
        if _NAME_BEFORE.search(before) and not n.is_word:
            continue  # "GHANBATT 86", "UNIFIL 12": a serial after a name
        item = Item(
            role, n.value, n.start, np_end, n, country=country, definite=bool(DEFINITE_BEFORE.search(before[-25:]))
        )
        item.predicative = role == "women" and bool(PREDICATIVE_GUARD.match(text, n.end))
        item.distinct = bool(ANOTHER_BEFORE.search(before))
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


def _baseline_of_target(text: str, n: Number, numbers: list[Number], s: int, e: int) -> bool:
    """True for X in "from X to Y percent" when Y is cited as a goal in the sentence."""
    later = [m for m in numbers if m.start >= n.end and m.kind in (PERCENT, RANGE)]
    if not later or not FROM_TO_AFTER.match(text[n.end : later[0].start]):
        return False
    if RANGE_FROM_BEFORE.search(text, max(s, n.start - 30), n.start):
        return False  # "the targets range from 15 per cent for ... to 30 per cent for ...": both ends are goals
    return bool(TARGET_CUE.search(text, s, n.start)) or bool(TARGET_AFTER.search(text[later[0].end : e]))


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
        if NOT_A_SHARE_AFTER.match(text, n.end):
            continue
        current = (
            (bool(CURRENT_BEFORE.search(before)) or bool(ATTACHED_SHARE.search(before)))
            and not RANGE_FROM_BEFORE.search(before)
            and not _GOAL_OF.search(text, max(cs, n.start - 60), n.start)
        ) or bool(_COMPARED_AFTER.match(text, n.end))
        is_target = not current and (
            bool(TARGET_AFTER.search(after))
            or bool(TARGET_CUE.search(before_sent))
            or bool(TARGET_TO.search(text[max(s, n.start - 100) : n.start]))
            or (bool(DEADLINE_AFTER.match(text, n.end, ce)) and not PAST_SHARE.search(text, cs, n.start))
        )
        if n.kind == RANGE and not is_target and not WOMEN_CUE.search(sentence):
            continue
        if is_target:
            items.append(Item("target", n.value, n.start, n.end, n, high=n.high))
        elif _baseline_of_target(text, n, numbers, s, e):
            continue  # "increase women's share from 10 to 20 percent": 10 is where the goal starts, not a figure
        elif NATIONAL_WHOLE_AFTER.match(text, n.end):
            continue  # "women account for 7pc of personnel in the Defence Forces": the whole is the home force
        elif WOMEN_CUE.search(sentence) or (
            (_SHARE_WORD.search(sentence) or _LIST_ITEM.match(text, s) or _CATEGORY_AFTER.match(text, n.end))
            and WOMEN_CUE.search(text, max(0, s - 300), s)
        ):
            # "... women in UN operations. In formed police units, the share stands at 15 per cent.": the share
            # named in a sentence whose women were named in the one before
            items.append(Item("share", n.value, n.start, n.end, n))
    if TARGET_CUE.search(sentence) and _FRACTION_OF.search(sentence):
        # A goal written as a fraction: "the UN aims to have women fill a quarter of observer posts", "one in five
        # members of formed police units". Only as a goal: a fraction beside counts is not a stated share.
        for m in _FRACTION_OF.finditer(text, s, e):
            if TARGET_CUE.search(text, s, m.start()):
                items.append(Item("target", _FRACTION_VALUES[m.group("f").lower().split()[-1]], m.start(), m.end("f")))
    return items


# --- the stage's public face ----------------------------------------------------------------------------------
PERSONNEL_KIND, WOMEN_KIND, MEN_KIND, PERCENT_KIND, TARGET_KIND, OTHER_KIND = (
    "personnel",
    "women",
    "men",
    "percent",
    "target",
    "other",
)
_ROLE_KIND = {"total": PERSONNEL_KIND, "women": WOMEN_KIND, "share": PERCENT_KIND, "target": TARGET_KIND}


@dataclass(frozen=True)
class Mention:
    """A number typed by what it counts: personnel, women, men, percent (of women), target, or other."""

    kind: str
    value: float
    start: int
    end: int
    text: str


def classify(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every number of text[start:end] (one sentence) typed by what it counts, in order."""
    end = len(text) if end is None else end
    nums = [n for n in find_numbers(text) if start <= n.start and n.end <= end]
    typed: dict[int, Item] = {}
    for it in _count_items(text, start, end, nums):
        typed.setdefault(it.start, it)
    for it in _percent_items(text, start, end, nums, split_clauses(text, start, end)):
        typed.setdefault(it.start, it)
    out = []
    for n in nums:
        it = typed.get(n.start)
        if it is not None:
            kind = _ROLE_KIND[it.role]
        elif n.kind == COUNT and _noun_phrase(text, n, end)[0] == "men":
            kind = MEN_KIND
        else:
            kind = OTHER_KIND
        out.append(Mention(kind, n.value, n.start, n.end, n.text))
    return out
