"""Claims: one per figure per story, each with its sources (the articles and sentences stating it); the targets an
article cites. Reviewed claims keep the curator's fields; a re-run only refreshes pending ones."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction

from apps.deployments.models import Country, Mission
from apps.ingest.models import Article, CitedTarget, Claim, ClaimSource, Story
from apps.ingest.pipeline.dates import parse_date
from apps.ingest.pipeline.records import Figure, Target


def to_int(value: int | None) -> int | None:
    """A count or offset as stored: None stays None, a negative number (never a count) is None."""
    return value if value is not None and value >= 0 else None


def to_decimal(value: float | None) -> Decimal | None:
    """A percentage as Decimal with two places, or None."""
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def figure_fingerprint(fig: Figure) -> str:
    """Same total, women, percentage, subject and scope in one story = the same claim."""
    percent = to_decimal(fig.women_percent)
    parts = [
        to_int(fig.personnel_total),
        to_int(fig.women),
        f"{percent.normalize():f}" if percent is not None else None,
        (fig.subject or "").upper() or None,
        fig.scope or "current",
    ]
    return "|".join("" if p is None else str(p) for p in parts)[:100]


def _locate(text: str, quote: str, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    """Offsets of the quote in the cleaned text: the pipeline's when they match, else the first occurrence."""
    s, e = to_int(start), to_int(end)
    if quote and s is not None and e is not None and text[s:e] == quote:
        return s, e
    if quote:
        pos = text.find(quote)
        if pos >= 0:
            return pos, pos + len(quote)
    return None, None


def _claim_items(
    article: Article, figures: list[Figure], version: str, countries: dict[str, Any]
) -> list[tuple[str, dict[str, Any], list[str]]]:
    """(fingerprint, claim fields, mission acronyms) per distinct figure, in the article's order."""
    items = []
    fingerprints: set[str] = set()
    for fig in figures:
        fp = figure_fingerprint(fig)
        if fp in fingerprints:
            continue  # the same figure twice in one article: the first quote is enough
        fingerprints.add(fp)
        start, end = _locate(article.clean_text, fig.quote, fig.start, fig.end)
        missions = sorted({code.strip().upper() for code in fig.mission if code.strip()})
        subject = (fig.subject or "").upper()
        fields = {
            "country": _claim_country(subject, article, countries),
            "subject": subject[:10],
            "mission_codes": ",".join(missions)[:200],
            "unit": (fig.unit or "")[:60],
            "personnel_total": to_int(fig.personnel_total),
            "women": to_int(fig.women),
            "women_percent": to_decimal(fig.women_percent),
            "percent_qualifier": (fig.qualifier or "")[:30],
            "scope": fig.scope if fig.scope in Claim.Scope.values else Claim.Scope.CURRENT,
            "as_of": _as_of_date(fig.as_of),
            "as_of_precision": _precision(fig.as_of),
            "quote": fig.quote,
            "start": start,
            "end": end,
            "confidence": round(fig.confidence, 2),
            "reasons": list(fig.reasons),
            "pipeline_version": version,
        }
        items.append((fp, fields, missions))
    return items


def claims_store(
    article: Article,
    story: Story,
    figures: list[Figure],
    version: str,
    *,
    countries: dict[str, Any],
    first_time: bool = False,
    new_story: bool = False,
) -> None:
    """One claim per figure per story; reviewed claims keep their fields, rejected ones stay rejected."""
    items = _claim_items(article, figures, version, countries)
    had_sources = True
    if connection.features.can_return_rows_from_bulk_insert:
        try:
            with transaction.atomic():
                had_sources = _claims_write(article, story, items, first_time=first_time, new_story=new_story)
        except IntegrityError:
            # Someone stored one of these claims or sources between our read and our insert (the story lock
            # should prevent it): one figure at a time, the get_or_create way.
            had_sources = True
            for item in items:
                _claim_write_one(article, story, *item)
    else:
        for item in items:
            _claim_write_one(article, story, *item)
    if had_sources:
        # An article processed for the first time has no older sources: nothing of it can be stale.
        _claims_prune(article, story, {fp for fp, _, _ in items})


def _claims_write(
    article: Article,
    story: Story,
    items: list[tuple[str, dict[str, Any], list[str]]],
    *,
    first_time: bool = False,
    new_story: bool = False,
) -> bool:
    """_claim_write_one for every item with a fixed number of statements; True if the article had sources before."""
    own_sources = {} if first_time else {src.claim_id: src for src in ClaimSource.objects.filter(article=article)}
    if not items:
        return bool(own_sources)
    existing = (
        {}
        if new_story  # created in this transaction: no claims yet
        else {c.fingerprint: c for c in Claim.objects.filter(story=story, fingerprint__in=[fp for fp, _, _ in items])}
    )
    acronyms = {code for _, _, missions in items for code in missions}
    by_acronym = {m.acronym: m for m in Mission.objects.filter(acronym__in=acronyms)} if acronyms else {}
    new_claims: list[tuple[Claim, list[Any]]] = []
    new_sources: list[ClaimSource] = []
    for fp, fields, missions in items:
        mission_rows = [by_acronym[code] for code in missions if code in by_acronym]
        quote, start, end = fields["quote"], fields["start"], fields["end"]
        claim = existing.get(fp)
        if claim is None:
            claim = Claim(story=story, fingerprint=fp, article=article, **fields)
            new_claims.append((claim, mission_rows))
            new_sources.append(ClaimSource(claim=claim, article=article, quote=quote, start=start, end=end))
            continue
        if claim.review_state == Claim.Review.PENDING and claim.article_id == article.pk:
            # Only the first source's own re-run may refresh a pending claim; curators' decisions are final.
            for name, value in fields.items():
                setattr(claim, name, value)
            claim.save()
            claim.missions.set(mission_rows)
        src = own_sources.get(claim.pk)
        if src is None:
            new_sources.append(ClaimSource(claim=claim, article=article, quote=quote, start=start, end=end))
        elif (src.quote, src.start, src.end) != (quote, start, end):
            ClaimSource.objects.filter(pk=src.pk).update(quote=quote, start=start, end=end)
    if new_claims:
        Claim.objects.bulk_create([claim for claim, _ in new_claims])
        through = Claim.missions.through
        links = [through(claim_id=claim.pk, mission_id=m.pk) for claim, rows in new_claims for m in rows]
        if links:
            through.objects.bulk_create(links)
    if new_sources:
        ClaimSource.objects.bulk_create(new_sources)
    return bool(own_sources)


def _claim_write_one(article: Article, story: Story, fp: str, fields: dict[str, Any], missions: list[str]) -> None:
    quote, start, end = fields["quote"], fields["start"], fields["end"]
    claim, created = Claim.objects.get_or_create(story=story, fingerprint=fp, defaults={**fields, "article": article})
    if not created and claim.review_state == Claim.Review.PENDING and claim.article_id == article.pk:
        # Only the first source's own re-run may refresh a pending claim; curators' decisions are final.
        for name, value in fields.items():
            setattr(claim, name, value)
        claim.save()
    if created or (claim.review_state == Claim.Review.PENDING and claim.article_id == article.pk):
        claim.missions.set(Mission.objects.filter(acronym__in=missions))
    ClaimSource.objects.update_or_create(
        claim=claim, article=article, defaults={"quote": quote, "start": start, "end": end}
    )


def _claims_prune(article: Article, story: Story, keep: set[str]) -> None:
    """Drop this article's sources for figures it no longer states; drop pending claims left without a source."""
    stale = ClaimSource.objects.filter(article=article).exclude(claim__story=story, claim__fingerprint__in=keep)
    claim_ids = set(stale.values_list("claim_id", flat=True))
    # Reviewed claims keep their sources: a curator's decision must stay traceable to its sentence.
    stale.filter(claim__review_state=Claim.Review.PENDING).delete()
    for claim in Claim.objects.filter(pk__in=claim_ids, review_state=Claim.Review.PENDING):
        first = ClaimSource.objects.filter(claim=claim).order_by("pk").first()
        if first is None:
            claim.delete()
        elif claim.article_id == article.pk:
            Claim.objects.filter(pk=claim.pk).update(article=first.article)


def figure_subjects(figures: list[Figure]) -> set[str]:
    return {subject for fig in figures if len(subject := (fig.subject or "").upper()) == 3}


def countries_by_iso3(codes: set[str]) -> dict[str, Country]:
    """The Country rows for these ISO3 codes, one query for the article and all its figures."""
    codes = {code for code in codes if code}
    return {c.iso3: c for c in Country.objects.filter(iso3__in=codes)} if codes else {}


def _claim_country(subject: str, article: Article, countries: dict[str, Any]) -> Any:
    """The country a figure is about: its own subject when it names one, none for UN-wide, else the article's."""
    if subject == "UN":
        return None
    if len(subject) == 3:
        return countries.get(subject)
    return article.country


def _as_of_date(value: str | None) -> dt.date | None:
    """An as-of value as a date: "YYYY-MM" is the month's first day, "YYYY" is 1 January (precision kept apart)."""
    text = (value or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}", text):
        year, month = int(text[:4]), int(text[5:])
        return dt.date(year, month, 1) if 1 <= month <= 12 else None
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1)
    return parse_date(text) if text else None


def _precision(value: str | None) -> str:
    if not value:
        return ""
    text = str(value)
    return {10: "day", 7: "month", 4: "year"}.get(len(text), "")


def targets_store(article: Article, targets: list[Target], *, first_time: bool) -> None:
    """The targets the article cites, replacing those of an earlier run."""
    if not first_time:
        CitedTarget.objects.filter(article=article).delete()
    CitedTarget.objects.bulk_create(_targets_of(article, article.clean_text, targets))


def _targets_of(article: Article, text: str, targets: list[Target]) -> list[CitedTarget]:
    out = []
    for t in targets:
        start, end = _locate(text, t.quote, t.start, t.end)
        out.append(
            CitedTarget(
                article=article,
                quote=t.quote,
                start=start,
                end=end,
                percent_low=to_decimal(t.target_percent_low),
                percent_high=to_decimal(t.target_percent_high),
                category=(t.category or "")[:60],
                by_year=to_int(t.by_year),
                set_by=(t.set_by or "UN")[:10],
            )
        )
    return out
