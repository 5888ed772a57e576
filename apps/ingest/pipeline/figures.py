"""Extract deployment figures and gender targets from a peacekeeping article."""

from __future__ import annotations

import datetime
import re

from apps.ingest.pipeline import entities
from apps.ingest.pipeline.assembly import (
    DEPARTED,
    DEPARTED_WORDS,
    PLANNED,
    PLANNED_WORDS,
    _extract_from,
    _Index,
)
from apps.ingest.pipeline.dates import AS_OF_RES, as_of_value
from apps.ingest.pipeline.numbers import MONTHS, find_numbers, find_women_phrases
from apps.ingest.pipeline.records import Extraction, Figure, Target
from apps.ingest.pipeline.rejections import DEPLOYMENT
from apps.ingest.pipeline.sentences import _fold, _may, split_clauses, split_sentences
from apps.ingest.pipeline.tables import read_tables

__all__ = ["Extraction", "Figure", "Target", "extract", "is_relevant_text", "split_clauses", "split_sentences"]


AS_OF_STAMP = re.compile(
    rf"\(?\bas\s+of\s+((?:\d{{1,2}}\s+)?(?:{MONTHS})\.?(?:\s+\d{{1,2}},?)?\s+\d{{4}}|\d{{4}})\)?", re.IGNORECASE
)

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
        if not getattr(f, "_distinct", False) and any(
            getattr(g, "_sentence", None) == getattr(f, "_sentence", 0)
            and not (g.mission and f.mission and set(g.mission) != set(f.mission))
            for g in same
        ):
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
        for idx, regex in enumerate(AS_OF_RES[:3]):
            dm = regex.search(stamp.group(1))
            if dm:
                doc_as_of = as_of_value(dm, idx, published)
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
    if (
        title
        and (headline is None or text[headline[0] : headline[1]].strip() != title.strip())
        and (find_numbers(title) or find_women_phrases(title))  # most headlines state no number: nothing to read
    ):
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
    # Tables flattened into text are read by their header (tables.py); the sentence grammar's reading of their
    # lines gives way.
    table_figures, table_targets = read_tables(text, country=country)
    if table_figures or table_targets:
        spans = [(f.start, f.end) for f in table_figures] + [(t.start, t.end) for t in table_targets]
        figures = [f for f in figures if f.start is None or not any(a <= f.start < b for a, b in spans)]
        targets = [t for t in targets if t.start is None or not any(a <= t.start < b for a, b in spans)]
        figures = figures + table_figures
        targets = targets + table_targets
    figures = _dedupe(figures, headline)
    # A target cited twice (a standfirst repeated in the body) is one target.
    seen: set[tuple] = set()
    unique = []
    for t in targets:
        key = (t.target_percent_low, t.target_percent_high, t.category, t.by_year, t.set_by)
        if key not in seen:
            seen.add(key)
            unique.append(t)
    un_targets = [t for t in unique if t.set_by == "UN"]
    national = [t for t in unique if t.set_by != "UN"]
    return Extraction(country, True, figures, un_targets, national)
