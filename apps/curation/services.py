"""Writes of the curators' desk: accept, reject and merge claims into reported figures, attributed to a user."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from apps.curation.models import ReportedFigure, ReportedFigureSource
from apps.curation.selectors import category_for_unit
from apps.deployments.models import Mission
from apps.ingest.models import Claim

# What a curator may change when accepting a claim; everything else on the claim is the machine's record.
EDITABLE_FIELDS = (
    "country",
    "missions",
    "unit",
    "target_category",
    "personnel_total",
    "women",
    "women_percent",
    "scope",
    "as_of",
    "as_of_precision",
)
NUMBER_FIELDS = ("personnel_total", "women", "women_percent")
REVIEW_PERMISSIONS = ("ingest.change_claim", "curation.add_reportedfigure", "curation.change_reportedfigure")


def _require_reviewer(user) -> None:
    if user is None or not user.is_active or not user.has_perms(REVIEW_PERMISSIONS):
        raise PermissionDenied("Reviewing claims needs the curator role.")


def _claim_values(claim: Claim) -> dict[str, Any]:
    values = {f: getattr(claim, f) for f in EDITABLE_FIELDS if f not in ("missions", "target_category", "country")}
    values["country"] = claim.country
    values["missions"] = list(claim.missions.all())
    codes = [c.strip().upper() for c in (getattr(claim, "mission_codes", "") or "").split(",") if c.strip()]
    if not values["missions"] and codes:
        # Missions extracted before their Mission rows were loaded: resolve them now.
        values["missions"] = list(Mission.objects.filter(acronym__in=codes))
    values["target_category"] = category_for_unit(claim.unit)
    if values["as_of"] is None and values["scope"] == Claim.Scope.CURRENT:
        # A current deployment with no stated date is as of its report: the publication date ("pub" precision),
        # so reconciliation can still find the official month; the curator can correct it.
        published = claim.article.published or claim.story.best_date
        if published:
            values["as_of"], values["as_of_precision"] = published, "pub"
    return values


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return {getattr(x, "pk", x) for x in a or []} == {getattr(x, "pk", x) for x in b or []}
    if isinstance(a, Decimal | float | int) and isinstance(b, Decimal | float | int):
        return Decimal(str(a)) == Decimal(str(b))
    return a == b


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value in (None, "") else str(value)


def _validate(values: Mapping[str, Any]) -> None:
    if values.get("country") is None:
        raise ValidationError("A reported figure needs a country.")
    total, women, percent = values.get("personnel_total"), values.get("women"), values.get("women_percent")
    if total is None and women is None and percent is None:
        raise ValidationError("A reported figure needs at least one number: personnel, women or a percentage.")
    if total is not None and women is not None and women > total:
        raise ValidationError(f"Women ({women}) cannot exceed the personnel total ({total}).")
    if percent is not None and not (0 <= Decimal(str(percent)) <= 100):
        raise ValidationError(f"A percentage must be between 0 and 100, not {percent}.")
    if values.get("scope") not in ReportedFigure.Scope.values:
        raise ValidationError(f"Unknown scope {values.get('scope')!r}.")


def _sources_of(claim: Claim) -> list[tuple[Any, str, int | None, int | None]]:
    """Every article that states the claim; the claim's own article when ingest recorded no ClaimSource rows."""
    sources = [(s.article, s.quote, s.start, s.end) for s in claim.sources.select_related("article")]
    if not any(article.pk == claim.article_id for article, *_ in sources):
        sources.insert(0, (claim.article, claim.quote, claim.start, claim.end))
    return sources


def _attach_sources(*, figure: ReportedFigure, claim: Claim, user) -> None:
    for article, quote, start, end in _sources_of(claim):
        if figure.sources.filter(article=article).exists():
            continue
        source = ReportedFigureSource(
            figure=figure, claim=claim, article=article, quote=quote, start=start, end=end, added_by=user
        )
        source._history_user = user
        source.save()


def _write_figure(*, figure: ReportedFigure, values: Mapping[str, Any], user, only_blanks: bool = False) -> None:
    """Copy values onto a figure and save it with its history attributed to the user."""
    for field in EDITABLE_FIELDS:
        if field == "missions" or field not in values:
            continue
        if only_blanks and getattr(figure, field) not in (None, ""):
            continue
        setattr(figure, field, values[field])
    figure._history_user = user
    figure.save()
    missions = values.get("missions")
    if missions is not None and not (only_blanks and figure.missions.exists()):
        figure.missions.set(missions)


def _conflicts(figure: ReportedFigure, values: Mapping[str, Any]) -> list[str]:
    out = []
    if figure.country_id != getattr(values.get("country"), "pk", None):
        out.append(f"country: figure {figure.country}, claim {_show(values.get('country'))}")
    if figure.scope != values.get("scope"):
        out.append(f"scope: figure {figure.scope}, claim {values.get('scope')}")
    for field in NUMBER_FIELDS:
        mine, theirs = getattr(figure, field), values.get(field)
        if mine is not None and theirs is not None and not _same(mine, theirs):
            out.append(f"{field.replace('_', ' ')}: figure {mine}, claim {theirs}")
    return out


def _mark_reviewed(*, claim: Claim, user, state: str, note: str) -> None:
    claim.review_state = state
    claim.reviewed_by = user
    claim.reviewed_at = timezone.now()
    claim.review_note = note
    claim.save(update_fields=["review_state", "reviewed_by", "reviewed_at", "review_note"])


def claim_accept(
    *,
    claim: Claim,
    user,
    edits: Mapping[str, Any] | None = None,
    into: ReportedFigure | None = None,
) -> ReportedFigure:
    """Accept a claim (with a curator's edits, if any) into a new or existing reported figure, with all sources."""
    _require_reviewer(user)
    edits = dict(edits or {})
    unknown = set(edits) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        values = _claim_values(claim)
        changed = {k: (values[k], v) for k, v in edits.items() if not _same(values[k], v)}
        values.update(edits)
        if "unit" in edits and "target_category" not in edits:
            values["target_category"] = category_for_unit(values["unit"])
        _validate(values)

        current_id = ReportedFigureSource.objects.filter(claim=claim).values_list("figure_id", flat=True).first()
        current = ReportedFigure.objects.select_for_update().filter(pk=current_id).first() if current_id else None
        if into is not None:
            figure = ReportedFigure.objects.select_for_update().get(pk=into.pk)
            conflicts = _conflicts(figure, values)
            if conflicts:
                raise ValidationError(
                    "The claim does not state the same fact as the figure (" + "; ".join(conflicts) + "). "
                    "Edit the claim first, or accept it as a figure of its own."
                )
            _write_figure(figure=figure, values=values, user=user, only_blanks=True)
            if current is not None and current.pk != figure.pk:
                _figure_absorb(target=figure, other=current, user=user)
        elif current is not None:
            figure = current
            _write_figure(figure=figure, values=values, user=user)
        else:
            figure = ReportedFigure(created_by=user)
            _write_figure(figure=figure, values=values, user=user)
        _attach_sources(figure=figure, claim=claim, user=user)

        note = "; ".join(f"{k.replace('_', ' ')}: {_show(old)} → {_show(new)}" for k, (old, new) in changed.items())
        state = Claim.Review.EDITED if changed else Claim.Review.ACCEPTED
        if not changed and claim.review_state == Claim.Review.EDITED and current is not None:
            # Re-accepting an edited claim keeps the record that a curator corrected it.
            state, note = Claim.Review.EDITED, claim.review_note
        _mark_reviewed(claim=claim, user=user, state=state, note=f"Edited — {note}" if changed else note)
    return figure


def claim_reject(*, claim: Claim, user, reason: str) -> Claim:
    """Reject a claim with a reason; it stays in the database so reprocessing cannot bring it back."""
    _require_reviewer(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the claim is rejected.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        # A claim accepted earlier stops backing its figure; a figure left with no source goes too.
        for source in ReportedFigureSource.objects.select_for_update().filter(claim=claim).select_related("figure"):
            figure = source.figure
            source._history_user = user
            source.delete()
            if not figure.sources.exists():
                figure._history_user = user
                figure.delete()
        _mark_reviewed(claim=claim, user=user, state=Claim.Review.REJECTED, note=reason)
    return claim


def _figure_absorb(*, target: ReportedFigure, other: ReportedFigure, user) -> None:
    """Move every source of `other` onto `target`, then delete `other` (its history keeps the record)."""
    for source in other.sources.all():
        source._history_user = user
        if target.sources.filter(article_id=source.article_id).exists():
            source.delete()
        else:
            source.figure = target
            source.save()
    other._history_user = user
    other.delete()


def claims_merge(*, claims: Iterable[Claim], user) -> ReportedFigure:
    """Merge claims stating the same fact (e.g. from different stories) into one reported figure."""
    _require_reviewer(user)
    claims = list(claims)
    if len({c.pk for c in claims}) < 2:
        raise ValidationError("Select at least two claims to merge.")
    with transaction.atomic():
        claims = list(Claim.objects.select_for_update().filter(pk__in=[c.pk for c in claims]))
        claims.sort(key=lambda c: (-c.confidence, c.pk))
        values = _claim_values(claims[0])
        for claim in claims[1:]:
            other = _claim_values(claim)
            problems = []
            if getattr(other["country"], "pk", None) != getattr(values["country"], "pk", None):
                problems.append(f"country {_show(values['country'])} vs {_show(other['country'])}")
            if other["scope"] != values["scope"]:
                problems.append(f"scope {values['scope']} vs {other['scope']}")
            for field in NUMBER_FIELDS:
                if values[field] is not None and other[field] is not None and not _same(values[field], other[field]):
                    problems.append(f"{field.replace('_', ' ')} {values[field]} vs {other[field]}")
            if problems:
                raise ValidationError(
                    f"Claims {claims[0].pk} and {claim.pk} do not state the same fact: " + "; ".join(problems) + "."
                )
            for field in (*NUMBER_FIELDS, "unit", "target_category", "as_of", "as_of_precision"):
                if values[field] in (None, "") and other[field] not in (None, ""):
                    values[field] = other[field]
            if not values["missions"]:
                values["missions"] = other["missions"]
        _validate(values)

        figure_ids = set(ReportedFigureSource.objects.filter(claim__in=claims).values_list("figure_id", flat=True))
        existing = list(
            ReportedFigure.objects.select_for_update().filter(pk__in=figure_ids).order_by("created_at", "pk")
        )
        if existing:
            figure = existing[0]
            for other_figure in existing[1:]:
                _figure_absorb(target=figure, other=other_figure, user=user)
            _write_figure(figure=figure, values=values, user=user, only_blanks=True)
        else:
            figure = ReportedFigure(created_by=user)
            _write_figure(figure=figure, values=values, user=user)
        for claim in claims:
            claim_accept(claim=claim, user=user, into=figure)
    return figure
