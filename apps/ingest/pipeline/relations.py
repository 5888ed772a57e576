"""Stage 2 of the figure grammar: the ways English ties a part (women, a share) to its whole (a total)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from apps.ingest.pipeline.mentions import OF_THEM_AFTER, PARTITIVE_COUNT, PREDICATIVE_GUARD, Item, _noun_phrase
from apps.ingest.pipeline.numbers import Fraction
from apps.ingest.pipeline.records import Figure, _consistency

# A women count or share that refers back to the total just before it: "Among them, 21 are women.",
# "Women make up 14 per cent of them.", "women constitute 6 percent of the force".
BACK_REFERENCE_BEFORE = re.compile(
    r"^\W*(?:among|of)\s+(?:them|these|those|whom|the\s+total|this\s+(?:number|total|figure)|the\s+(?:contingent|unit|battalion))\b",
    re.IGNORECASE,
)
BACK_REFERENCE_AFTER = re.compile(
    r"^\s*(?:of\s+(?:them|these|those|this|that|its|their|the\s+(?:[A-Z]?[a-z]+\s+){0,2}?(?:force|contingent|unit|battalion|"
    r"company|group|team|total|troops|personnel|peacekeepers|deployment|rotation|officers|soldiers|hospital|platoon|"
    r"staff))\b)",
    re.IGNORECASE,
)


BACK_REFERENCE_NEAR = re.compile(
    r"\bof\s+(?:them|whom|those|these)\s+(?:(?:are|were|is|was)\b|(?:all\s+|an?\s+)?(?:wom[ae]n|female)\b)",
    re.IGNORECASE,
)
BACK_REFERENCE_GAP_END = re.compile(
    r"\b(?:of|among)\s+(?:them|those|these|whom)\W*(?:only|just|some|about)?\s*$", re.IGNORECASE
)

# --- part of a whole ---------------------------------------------------------------------------------------
# Written once for every shape: "19 of the almost 350 soldiers", "112 of Uruguay's 1,517 troops", "3.6 percent of the
# 1,177 troops", "women make up 21% of the more than 100,000 peacekeepers", "15 women out of approximately 13,750".
_DET = r"(?:the|its|their|these|those|all(?:\s+the)?|a\s+total\s+of|the\s+total(?:\s+of)?|[A-Z][\w.-]*['’]s)"
OF_WHOLE = re.compile(rf"^\s*(?:%|per\s?cent|percent)?\s*(?:of|out\s+of|among|from)\s+(?:{_DET}\s+)?$", re.IGNORECASE)
# The part is women when the sentence says so after the whole ("... deploying to Lebanon are women") ...
WOMEN_PREDICATE = re.compile(
    r"[^\d;]{0,160}?\b(?:are|were|is|was|(?:have|has|had)\s+been|being)\s+(?:all\s+)?(?:wom[ae]n|female|females)\b",
    re.IGNORECASE,
)
# ... or before the part, as the subject of a share verb ("women constitute 4 percent of ...").
WOMEN_SUBJECT = re.compile(
    r"\b(?:wom[ae]n|females?|servicewomen|policewomen|female\s+[a-z]+)(?:\s+[a-z]+){0,3}?\s+(?:make\s+up|makes\s+up|"
    r"made\s+up|constitute[sd]?|comprise[sd]?|account(?:ed|s)?\s+for|represent(?:s|ed)?|form(?:s|ed)?|are|were)"
    r"(?:\s+(?:only|just|about|around|nearly|some|roughly|almost|over|less\s+than|more\s+than))*\s*$",
    re.IGNORECASE,
)


# The women named first, linked to their whole by a verb of membership: "31 policewomen are among the 140 members",
# "nine female soldiers are part of the 120-member company", "12 women, who form part of the 200 troops".
PART_OF_WHOLE = re.compile(
    rf"^[\s,]*(?:who\s+)?(?:are|were|is|was|will\s+be|remain|form|forms|formed|make\s+up|made\s+up)\s+(?:all\s+|now\s+|also\s+)*"
    rf"(?:(?:a\s+)?part\s+of|among|members\s+of|included\s+in|counted\s+(?:in|among)|of|in)\s+(?:{_DET}\s+|an?\s+)?$",
    re.IGNORECASE,
)
# ... or by "out of"/"among" after what they do: "five women officers serve as observers with the mission, out of 19".
OUT_OF_WHOLE = re.compile(
    rf"[,;(]\s*(?:out\s+of|among|(?:all\s+)?part\s+of\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:group|batch|contingent|unit|team|"
    rf"battalion|company|flight)\s+of)\s+(?:a\s+total\s+of\s+)?(?:{_DET}\s+)?$",
    re.IGNORECASE,
)
# ... or as the number of women in it: "raises to 61 the number of women serving in Tanzania's 850-strong battalion".
NUMBER_OF_WOMEN_IN = re.compile(
    rf"^\s+the\s+(?:total\s+)?number\s+of\s+(?:wom[ae]n|female\s+\w+)\s+(?:serving\s+|deployed\s+)?(?:in|with)\s+"
    rf"(?:{_DET}\s+)?$",
    re.IGNORECASE,
)
# ... or by the group they are in: "maybe 30 women in a battalion of 800".
IN_GROUP_OF = re.compile(
    r"^\s+(?:(?:were|are|serve|served|serving)\s+)?in\s+(?:a|an|the|its|their|our)\s+(?:[\w-]+\s+){0,2}?(?:battalion|contingent|"
    r"unit|company|team|force|group|detachment|platoon|hospital|rotation)\s+of\s+(?:some\s+|about\s+|around\s+)?$",
    re.IGNORECASE,
)
# A sentence that opens on its whole: "Of the 48 observers deployed, ...", "Among the 600 troops, ...".
FRAME_OPENING = re.compile(rf"\W*(?:of|out\s+of|among)\s+(?:{_DET}\s+)?(?:some\s+|about\s+|nearly\s+)?$", re.IGNORECASE)
# An ordinal or a unit serial in a gap is not a number that counts anybody ("the 11th contingent").
ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)


def women_part(text: str, part_start: int, clause_start: int, whole_end: int, end: int) -> bool:
    """True when the sentence makes the part of a whole a count or share of women."""
    if WOMEN_PREDICATE.match(text, whole_end, min(end, whole_end + 200)):
        return True
    return WOMEN_SUBJECT.search(text, max(clause_start, part_start - 80), part_start) is not None


def _fraction_items(text: str, s: int, e: int, fractions: list[Fraction]) -> list[tuple[Item, Item]]:
    """'12 of the 63 members were women' style pairs: (women, total)."""
    out = []
    for fr in fractions:
        if not (s <= fr.start and fr.end <= e):
            continue
        whole, part = fr.whole, fr.part
        role_w, end_w, women_w, country = _noun_phrase(text, whole, e)
        role_p, end_p, women_p, _ = _noun_phrase(text, part, e)
        if women_w and PREDICATIVE_GUARD.match(text, whole.end):
            # "61 of the 806 are women": the predicate is the part's; the whole is everybody
            role_w, end_w, women_p = "total", whole.end, True
        women = women_p or women_part(text, part.start, s, max(end_w, whole.end), e)
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
    r"^[\s,(]*(?:with\s+(?:women|females?|female\s+[a-z]+)\s+)?(?:or|(?:among|of)\s+(?:which|whom|them)|accounting\s+for|comprising|which\s+(?:is|accounts?\s+for|represents?|makes?\s+up)|representing|making\s+up|"
    r"constituting|i\.e\.|equivalent\s+to|amounting\s+to|(?:who\s+)?(?:make|makes)\s+up|(?:who\s+)?account\s+for|about|nearly|"
    r"some|roughly|almost|around|over|just)?[\s,]*$",
    re.IGNORECASE,
)


WITH_WOMEN_AT_END = re.compile(
    r",\s*with\s+(?:women|females?|female\s+[a-z]+)\s+(?:accounting\s+for|making\s+up|representing|at|comprising)\s+"
    r"(?:about\s+|some\s+|nearly\s+|roughly\s+|around\s+|just\s+(?:over|under)\s+)?$",
    re.IGNORECASE,
)
# Numbers that count missions, countries or years, not people, do not stand between a part and its whole: "2,300
# peacekeepers to 9 UN missions, of which 210 are female".
NEUTRAL_COUNT = re.compile(
    r"\b\d[\d,]*(?=\s+(?:(?:UN|U\.N\.|peace(?:keeping)?|different|other)\s+)?(?:missions?|operations?|countries|nations|"
    r"years|months|rotations|sectors|locations)\b)",
    re.IGNORECASE,
)


SUBSET_OF_WOMEN = re.compile(r"^[\s,(]*(?:including|incl\.|among\s+them|of\s+whom)\s*(?:some\s+|about\s+)?$", re.I)
# A unit's serial in brackets ("the Nigerian Formed Police Unit (FPU 12) based in El Fasher, including 33 women").
SERIAL_IN_BRACKETS = re.compile(r"\([A-Z][A-Za-z]{1,8}[- ]?\d{1,3}\)")


def _neutral(gap: str) -> str:
    if not any(c.isdigit() for c in gap):
        return gap
    gap = SERIAL_IN_BRACKETS.sub(lambda m: "n" * len(m.group(0)), gap)
    return NEUTRAL_COUNT.sub(lambda m: "n" * len(m.group(0)), gap)


CLOSING_DASH = re.compile(r"\s[–—-]\s*$")
OPENING_DASH = re.compile(r"\s[–—-]\s")


def _head_before_dashes(text: str, s: int, cur: _Draft, drafts: list[_Draft], it: Item) -> _Draft | None:
    """The total a list set off by dashes breaks down, when the women after the closing dash refer back to it."""
    if not BACK_REFERENCE_NEAR.search(text, it.start, it.end + 12):
        return None
    opening = [m.start() for m in OPENING_DASH.finditer(text, s, cur.first.start)]
    if not opening:
        return None
    for d in reversed(drafts):
        if d.total is not None and d.last_end <= opening[-1] and d.women is None and d.share is None:
            return d if it.value <= d.total.value else None
    return None


def _assemble(text: str, s: int, e: int, items: list[Item]) -> list[_Draft]:
    drafts: list[_Draft] = []
    cur: _Draft | None = None
    for it in sorted(items, key=lambda i: (i.start, i.role != "total")):
        if it.role == "total":
            gap = text[cur.last_end : it.start] if cur else ""
            if (
                cur
                and cur.women
                and not cur.total
                and not cur.share
                and (
                    re.match(r"^\s*in\s+(?:the\s+|its\s+|their\s+)?$", gap, re.IGNORECASE)
                    or OF_WHOLE.match(gap)
                    or PART_OF_WHOLE.match(gap)
                    or IN_GROUP_OF.match(gap)
                    or NUMBER_OF_WOMEN_IN.match(gap)
                    or (len(gap) < 150 and not re.search(r"\d", ORDINAL.sub("", gap)) and OUT_OF_WHOLE.search(gap))
                )
                and it.value >= cur.women.value
            ):
                cur.total = it
                cur.items.append(it)
                continue
            if (
                cur
                and cur.share
                and not cur.total
                and OF_WHOLE.match(gap)
                and (
                    (cur.women is not None and it.value >= cur.women.value)
                    or (not cur.women and women_part(text, cur.share.start, s, it.end, e))
                )
            ):
                # "3.6 percent of the 1,177 troops ... were female": the share's whole
                cur.total = it
                cur.items.append(it)
                continue
            if cur and cur.women and not cur.total and it.value < cur.women.value and SUBSET_OF_WOMEN.match(gap):
                continue  # "22 women personnel including four officers": some of those women, not a new population
            cur = _Draft([it], (s, e), total=it)
            drafts.append(cur)
        elif it.role == "women":
            gap = _neutral(YEAR_IN_GAP.sub("yyyy", text[cur.last_end : it.start])) if cur else ""
            head = _head_before_dashes(text, s, cur, drafts, it) if cur and CLOSING_DASH.search(gap) else None
            if head is not None:
                # "20 observers – 14 in UNTSO and six in UNMOGIP – four of whom are women": the whole before the list
                head.women = it
                head.items.append(it)
                continue
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
                    # "Of the 320 members of the company that holds Sector 2, 41 are women": the opening names the
                    # whole, whatever stands between
                    or (it.predicative and ";" not in gap and FRAME_OPENING.match(text, s, cur.total.start))
                    # "5,128 personnel in 12 missions, and only 187 of them are women": an explicit "of them" /
                    # "of those" reaches back over numbers that count something else
                    # (also over a semicolon when nothing else is counted between: "16 officers serve with UNTSO;
                    # three of them are women")
                    or (
                        len(gap) < 200
                        and (";" not in gap or not re.search(r"\d", gap))
                        and BACK_REFERENCE_NEAR.search(text, it.start, it.end + 12)
                    )
                    or (len(gap) < 200 and ";" not in gap and BACK_REFERENCE_GAP_END.search(gap))
                )
            ):
                cur.women = it
                cur.items.append(it)
            else:
                cur = _Draft([it], (s, e), women=it)
                drafts.append(cur)
        elif it.role == "share":
            gap = text[cur.last_end : it.start] if cur else ""
            if (
                cur
                and cur.total
                and not cur.share
                and not cur.women
                and FRAME_OPENING.match(text, s, cur.total.start)
                and ";" not in gap
                and not re.search(r"\d", ORDINAL.sub("", gap))
                and WOMEN_SUBJECT.search(text, max(s, it.start - 80), it.start)
            ):
                # "Of the 48 observers now deployed, women make up 21 percent": the opening names the whole
                cur.share = it
                cur.items.append(it)
            elif (
                cur and not cur.share and (cur.women or cur.total) and len(gap) < 200 and WITH_WOMEN_AT_END.search(gap)
            ):
                # "826 peacekeepers are serving in six missions, mainly in ..., with women accounting for 14.5 percent"
                cur.share = it
                cur.items.append(it)
            elif cur and not cur.share and (cur.women or cur.total) and len(gap) < 90 and JOIN_SHARE.match(gap):
                cur.share = it
                cur.items.append(it)
            elif cur and not cur.share and cur.women and len(gap) < 120 and not re.search(r"\d", gap):
                cur.share = it
                cur.items.append(it)
            else:
                cur = _Draft([it], (s, e), share=it)
                drafts.append(cur)
    return drafts


# The unit named again as the subject of the next sentence: "... its 700-strong battalion. The infantry battalion
# will have 13 women soldiers."
DEFINITE_UNIT_SUBJECT = re.compile(
    r"^\W*(?:(?:the|this|that|its|their)\s+(?:[a-z-]+\s+){0,2}(?:battalion|contingent|unit|force|team|company|platoon|"
    r"hospital|group|rotation|detachment|squadron|batch)|it|they)\s+(?:will\s+|also\s+|now\s+)*(?:has|have|had|includes?|"
    r"included|comprises?|comprised|counts?|counted|will\s+have|will\s+include)\b",
    re.IGNORECASE,
)
UNIT_SUBJECT_INCLUDING = re.compile(
    r"^\W*(?:the|this|that|its|their)\s+(?:[a-z-]+\s+){0,2}(?:battalion|contingent|unit|force|team|company|platoon|"
    r"hospital|group|rotation|detachment)\b(?:[^.;\d]|(?<=[A-Za-z\d-])\d){0,80}?\b(?:including|includes|included|comprising|"
    r"comprises|with)\s+"
    r"(?:some\s+|about\s+|nearly\s+|over\s+|around\s+)?$",
    re.IGNORECASE,
)
# Women named first, their whole in the next sentence: "Ten women have joined ... The women are part of the 134
# personnel ...".
WOMEN_PART_OF = re.compile(
    r"\b(?:the|these|they)\s+(?:wom[ae]n\s+|female\s+\w+\s+|policewomen\s+|servicewomen\s+)?(?:are|were|form|formed)\s+"
    r"(?:all\s+)?(?:part\s+of|among|members\s+of|included\s+in)\s+(?:the\s+|a\s+)?(?:[^.;]{0,40}?,\s*(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:battalion|contingent|unit|company|force|group)\s+of\s+)?$",
    re.IGNORECASE,
)


def _attach_back(text: str, d: _Draft, cs: int, figures: list[Figure], si: int) -> bool:
    """Join a women count or share that refers back ("Among them, 21 are women.", "Women make up 14 per cent of
    them.", "The battalion will have 13 women.") to the total of the figure just before it, in this sentence or the
    one before; or a total that the women of the figure before are part of. True when joined."""
    if not figures:
        return False
    g = figures[-1]
    if g.source != "text" or getattr(g, "_si", -9) not in (si, si - 1) or g.end is None:
        return False
    if d.total is not None and d.women is None and d.share is None:
        # "The women are part of the 134 personnel": the whole of the women counted just before
        if g.personnel_total is not None or g.women is None or d.total.value < g.women:
            return False
        if not WOMEN_PART_OF.search(text, max(d.sentence[0], d.total.start - 120), d.total.start):
            return False
        g.personnel_total = int(d.total.value)
        end = d.total.end
    elif d.total is not None or (d.women is None) == (d.share is None):
        return False
    elif g.personnel_total is None or g.women is not None or g.women_percent is not None:
        return False
    elif d.women is not None:
        if d.women.value > g.personnel_total:
            return False
        if not (
            BACK_REFERENCE_BEFORE.match(text[cs : d.women.start])
            or DEFINITE_UNIT_SUBJECT.match(text[cs:])
            # "Seventy-one of the troops are women": a definite partitive names the whole counted just before
            or (d.women.number is not None and PARTITIVE_COUNT.match(text, d.women.number.end))
            # "Women make up 51 of them": the count's own "of them" points back
            or OF_THEM_AFTER.match(text, d.women.end)
            # ("Two of them are women.": only as the sentence's first count, or "of them" is that sentence's own)
            or (
                d.women.number is not None
                and OF_THEM_AFTER.match(text, d.women.number.end)
                and not re.search(r"\d", text[d.sentence[0] : d.women.start])
            )
            # "The contingent, known as RWAFPU-2 and including 48 women, ...": the unit named again as the subject
            or UNIT_SUBJECT_INCLUDING.match(text[d.sentence[0] : d.women.start])
        ):
            return False
        g.women = int(d.women.value)
        end = d.women.end
    else:
        m = BACK_REFERENCE_AFTER.match(text[d.share.end : d.share.end + 80])
        if not m:
            return False
        g.women_percent = float(d.share.value)
        end = d.share.end + m.end()
    g._si = si  # type: ignore[attr-defined]  # the figure now reaches this sentence; the next may go on with it
    return _joined(g, end, text)


def _share_completes(text: str, d: _Draft, figures: list[Figure], si: int) -> bool:
    """A share alone that is, to the point, the women of the total counted just before ("A group of 24 observers
    left, seven of them women. With a female share of 29 percent, ..."): the arithmetic ties it. True when joined."""
    if not figures or d.share is None or d.total is not None or d.women is not None:
        return False
    g = figures[-1]
    if g.source != "text" or getattr(g, "_si", -9) not in (si, si - 1) or g.end is None:
        return False
    if not g.personnel_total or g.women is None or g.women_percent is not None:
        return False
    if abs(100.0 * g.women / g.personnel_total - float(d.share.value)) > 1.0:
        return False
    g.women_percent = float(d.share.value)
    g._si = si  # type: ignore[attr-defined]
    return _joined(g, d.share.end, text)


def _joined(g: Figure, end: int, text: str) -> bool:
    if end > g.end:
        g.end = end
        g.quote = text[g.start : g.end]
    g.reasons.append("women's count or share refers back to this total")
    _consistency(g)
    g.confidence = max(0.05, min(0.99, g.confidence))
    return True
