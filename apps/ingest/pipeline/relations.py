"""Stage 2 of the figure grammar: the ways English ties a part (women, a share) to its whole (a total)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from apps.ingest.pipeline.mentions import Item, _noun_phrase
from apps.ingest.pipeline.numbers import Fraction
from apps.ingest.pipeline.records import Figure, _consistency

# A women count or share that refers back to the total just before it: "Among them, 21 are women.",
# "Women make up 14 per cent of them.", "women constitute 6 percent of the force".
BACK_REFERENCE_BEFORE = re.compile(r"^\W*(?:among|of)\s+(?:them|these|those|whom)\b", re.IGNORECASE)
BACK_REFERENCE_AFTER = re.compile(
    r"^\s*(?:of\s+(?:them|these|those|this|its|their|the\s+(?:[A-Z]?[a-z]+\s+){0,2}?(?:force|contingent|unit|battalion|"
    r"company|group|team|total|troops|personnel|peacekeepers|deployment|rotation|officers|soldiers|hospital|platoon|"
    r"staff))\b)",
    re.IGNORECASE,
)


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
