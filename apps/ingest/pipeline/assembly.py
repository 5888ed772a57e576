"""Stage 3 of the figure grammar: one figure per population, with its mission, unit, scope, date and subject."""

from __future__ import annotations

import bisect
import datetime
import re

from apps.ingest.pipeline import entities
from apps.ingest.pipeline.dates import as_of_before
from apps.ingest.pipeline.entities import ARTICLE_COUNTRY, HOSTS
from apps.ingest.pipeline.entities import TextIndex as _Index
from apps.ingest.pipeline.gazetteer import MISSION_ACRONYMS
from apps.ingest.pipeline.mentions import (
    Item,
    _count_items,
    _percent_items,
)
from apps.ingest.pipeline.numbers import MONTHS, PERCENT, RANGE, find_fractions, find_numbers, find_women_phrases
from apps.ingest.pipeline.records import Figure, Target, _consistency
from apps.ingest.pipeline.rejections import (
    CASUALTY,
    CASUALTY_WORDS,
    DEPLOYMENT,
    TRAINING,
    TRAINING_WORDS,
    _belongs_to_no_deployment,
    _sentence_rejects_all,
    _share_of_rejected,
    _without_parts_of_rejected,
)
from apps.ingest.pipeline.relations import _assemble, _attach_back, _Draft, _fraction_items, _share_completes
from apps.ingest.pipeline.sentences import _clause_of, _fold, _may, split_clauses, split_sentences

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
    r"defense\s+minister|police\s+force|national\s+action\s+plan|defen[cs]e\s+forces?|navy|air\s+force|commission|"
    r"police\s+service)\b",
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
CURRENT_MARKER = re.compile(
    r"\b(?:currently|at\s+present|presently|now|at\s+the\s+moment|(?:is|are)\s+(?:now\s+)?(?:serving|deployed|working|"
    r"stationed))\b",
    re.IGNORECASE,
)
CURRENT_WORDS = re.compile("current|present|now|moment|serving|deployed|working|stationed")
WILL = re.compile(r"\bwill\b|\bto\s+be\s+(?:sent|deployed)\b", re.IGNORECASE)
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
    r"\bha(?:ve|s)\s+(?:served|participated|taken\s+part|joined|been\s+deployed)\b|"
    r"\bfrom\s+(?:19|20)\d\d\s+(?:to|until|through|till)\s+(?:19|20)\d\d\b|\bon\s+[a-z]+\s+occasions\b|"
    r"\bha(?:ve|s)\s+been\s+(?:female|women)\b",
    re.IGNORECASE,
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
    "rotated|served|participated|taken|joined|deployed|from|occasions|been"
)
RECENT = re.compile(
    rf"\b(?:last\s+week|this\s+week|yesterday|today|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|on\s+(?:{MONTHS})\s+\d)",
    re.IGNORECASE,
)
LEADING_JOINER = re.compile(r"^(?:[\s,;:]|and\b|while\b|whereas\b|but\b|which\b|although\b)+", re.IGNORECASE)
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
    if (
        _may(CURRENT_WORDS, low, cs, ce)
        and CURRENT_MARKER.search(clause)
        and not (_may(PLANNED_WORDS, low, cs, ce) and WILL.search(clause))
    ):
        return "current"  # "Currently, three officers are working at headquarters" in a story about a departure
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


# The one who sets a goal is the subject of its verb: "Cambodia wants to raise ... under the UN mission to 20 per
# cent" is Cambodia's goal, even though the UN is named in the sentence; "the UN's 15% target" stays the UN's.
GOAL_VERB = re.compile(
    r"\b(?:wants?|plans?|aims?|pledged?|seeks?|hope[sd]?|intends?|is\s+planning|is\s+aiming|has\s+pledged|committed)\s+to\b"
    r"|\b(?:has\s+|have\s+)?set\s+(?:its|their|itself|the\s+target|a\s+target|a\s+goal)\b|\bits\s+own\s+(?:goal|target|aim)\b",
    re.IGNORECASE,
)
# A country's own institutions as the subject of the goal verb: "The Navy ... has set its own goal of 30 percent",
# "The Defence Forces said it hoped to have 12pc women by 2030".
NATIONAL_BODY = re.compile(
    r"\b(?:(?:the|its|our)\s+)?(?:navy|army|air\s+force|armed\s+forces|defen[cs]e\s+forces?|police(?:\s+force|\s+service)?|"
    r"gendarmerie|ministry|government|cabinet)\b",
    re.IGNORECASE,
)
# The UN named as a place, not as the one setting a goal: "officers sent on UN missions".
UN_AS_PLACE = re.compile(r"\s+(?:peace(?:keeping)?\s+)?(?:missions?|operations?|deployments?|peacekeeping)\b", re.I)


def _national_subject(text: str, start: int, pos: int, index: _Index, country: str | None) -> str | None:
    """The country that is the subject of a goal verb before `pos`, when no UN body is named before that verb.

    Every goal verb is tried in order, so an opening phrase ("Committed to equality, Thailand plans to ...") does
    not hide the subject of the main verb."""
    for verb in GOAL_VERB.finditer(text, start, pos):
        start = max(start, text.rfind(";", start, verb.start()) + 1)  # the verb's own clause after a semicolon
        subject = text[start : verb.start()]
        if UN_SETTER.search(subject):
            return None
        named = [m.code for m in index.within(index.countries, start, verb.start()) if m.code not in HOSTS]
        if named:
            return country if named[-1] == ARTICLE_COUNTRY else named[-1]
        if country and (NATIONAL_BODY.search(subject) or _national_acronym(subject)):
            return country
    return None


# A share named as the UN's own: "move closer to the United Nations' 2028 benchmark of 15 percent".
UN_OWNED = re.compile(
    r"\b(?:UN|U\.N\.|United\s+Nations)(?:['’]s?)?\s+(?:(?:own|20[2-9]\d|gender|parity|uniformed)\s+){0,3}"
    r"(?:targets?|goals?|benchmarks?|requirements?|thresholds?|quotas?)\s+(?:of\s+)?(?:at\s+least\s+)?$",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{2,7}\b")


def _national_acronym(subject: str) -> bool:
    """True when the subject names a body by an acronym that is neither the UN's nor a mission's ("NPMEC set ...")."""
    return any(
        m.group(0) not in MISSION_ACRONYMS and not UN_SETTER.match(m.group(0)) for m in _ACRONYM.finditer(subject)
    )


def _un_sets(sentence: str) -> bool:
    """True when a UN body is named in the sentence as itself, not only as the place people serve in."""
    return any(not UN_AS_PLACE.match(sentence, m.end()) for m in UN_SETTER.finditer(sentence))


_OWN_PREDICATE = re.compile(r"[,;(]|\b(?:whom|which|while|whereas)\b")


def _without_casualties(text: str, items: list[Item], clauses: list[tuple[int, int]]) -> list[Item]:
    """Items whose own stretch of their clause (from the count before to the count after) names no casualty:
    "contributed 150,000 troops since 1958, out of whom 80 have made the supreme sacrifice" keeps the 150,000."""
    ordered = sorted(items, key=lambda i: i.start)
    out = []
    for k, it in enumerate(ordered):
        cs, ce = _clause_of(clauses, it.start)
        lo = max([cs] + [o.end for o in ordered[:k] if _clause_of(clauses, o.start) == (cs, ce)])
        # a count joined by "and" shares the verb after it ("64 soldiers and seven police were killed"); one after a
        # comma or a relative pronoun has its own
        hi = min(
            [ce]
            + [
                o.start
                for o in ordered[k + 1 :]
                if _clause_of(clauses, o.start) == (cs, ce) and _OWN_PREDICATE.search(text, it.end, o.start)
            ]
        )
        if not CASUALTY.search(text, lo, hi):
            out.append(it)
    return out


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
    starts = [n.start for n in numbers]
    fractions = find_fractions(text, numbers)
    all_items: list[Item] = []
    low = _fold(text)
    carry: str | None = None  # the role of the last count of the sentence before, for lists that go on
    for si, (s, e) in enumerate(split_sentences(text) if sentences is None else sentences):
        sentence = text[s:e]
        # numbers are in text order: slice this sentence's out by position instead of scanning them all
        lo = bisect.bisect_left(starts, s)
        hi = bisect.bisect_left(starts, e, lo)
        nums = [n for n in numbers[lo:hi] if n.end <= e]
        phrases = [w for w in women_phrases if s <= w.start and w.end <= e] if women_phrases else []
        if not nums and not phrases:
            continue
        clauses = split_clauses(text, s, e)
        items = _count_items(text, s, e, nums, carry)
        counts = [i.role for i in items if i.role in ("total", "women")]
        carry = counts[-1] if counts else None
        # Counts in training, casualty or unrelated contexts are not deployments.
        if _may(TRAINING_WORDS, low, s, e) and TRAINING.search(sentence) and not DEPLOYMENT.search(sentence):
            items = []
        if _may(CASUALTY_WORDS, low, s, e) and CASUALTY.search(sentence):
            items = _without_casualties(text, items, clauses)
        rejects_all = bool(items or "%" in sentence or "cent" in sentence) and _sentence_rejects_all(
            text, s, e, index, low
        )
        if rejects_all:
            items = []
        kept = [it for it in items if not _belongs_to_no_deployment(text, s, e, it, index, clauses)]
        rejected = [it for it in items if it.role == "total" and it not in kept]
        items = _without_parts_of_rejected(text, items, kept) if rejected else kept
        for w, t in _fraction_items(text, s, e, fractions):
            items = [it for it in items if it.start not in (w.start, t.start)]
            items.extend([t, w])
        for wp in phrases:
            items.append(Item("women", float(wp.women), wp.start, wp.end))
        pct = _percent_items(text, s, e, nums, clauses)
        items.extend(
            i
            for i in pct
            if i.role == "share"
            and not rejects_all
            and not _belongs_to_no_deployment(text, s, e, i, index, clauses)
            and not (rejected and _share_of_rejected(text, i, rejected))
        )
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
            national = (
                None
                if UN_OWNED.search(text, max(s, t.start - 60), t.start)
                else _national_subject(text, s, t.start, index, country)
            )
            if national:
                set_by = national
            elif _un_sets(sentence):
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
            if _attach_back(text, d, cs, figures, si) or _share_completes(text, d, figures, si):
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
                fig.as_of = as_of_before(text, cs, first.start, published) or doc_as_of
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
            fig._distinct = any(i.distinct for i in d.items)  # type: ignore[attr-defined]
            figures.append(fig)
    return figures, targets, all_items
