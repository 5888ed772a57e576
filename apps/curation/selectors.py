"""Reads of curated news figures: for the dashboards, and for the curators' desk (reconciliation with official data,
matching figures, the review queue)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from apps.curation.models import ReportedFigure, ReportedFigureSource
from apps.deployments import categories
from apps.deployments.models import Contribution, TargetCategory
from apps.ingest.models import Claim

# The month the UN reports started listing staff officers apart from troops.
STAFF_OFFICERS_SPLIT_FROM = categories.STAFF_OFFICERS_SEPARATE_FROM
NOT_IN_OFFICIAL_REPORTS = categories.NOT_IN_OFFICIAL_REPORTS


def reported_figures_for_country(iso3: str) -> list[ReportedFigure]:
    """Curated news figures about one country, with missions, sources and their articles (3 queries)."""
    sources = ReportedFigureSource.objects.select_related("article").order_by("article__published", "id")
    return list(
        ReportedFigure.objects.filter(country__iso3=iso3.upper())
        .select_related("target_category")
        .prefetch_related("missions", Prefetch("sources", queryset=sources))
        .order_by("-as_of", "-id")
    )


def version_probes() -> list[str]:
    """Index-only scalar SQL subqueries that change when curators add, edit or delete figures or their sources.

    The dashboards add them to the official data's fingerprint (apps.deployments.selectors.data_version), so a
    page showing news figures is never served from before an edit.
    """
    fig, src = ReportedFigure._meta.db_table, ReportedFigureSource._meta.db_table
    return [f"(SELECT COUNT(*) FROM {fig})", f"(SELECT MAX(updated_at) FROM {fig})", f"(SELECT COUNT(*) FROM {src})"]


def category_code_for_unit(unit: str) -> str | None:
    """The gender-parity category code a unit description belongs to, or None when the words don't say."""
    # The words per category, and the order they are tried in, live in apps/deployments/categories.py.
    for pattern, code in categories.UNIT_RULES:
        if pattern.search(unit or ""):
            return code
    return None


def category_for_unit(unit: str) -> TargetCategory | None:
    """The TargetCategory row for a unit description (see category_code_for_unit)."""
    code = category_code_for_unit(unit)
    return TargetCategory.objects.filter(code=code).first() if code else None


@dataclass(frozen=True)
class Reconciliation:
    """A reported figure beside the official count; diffs are reported minus official."""

    official_total: int | None
    official_women: int | None
    diff_total: int | None
    diff_women: int | None
    basis: str
    note: str
    comparable: bool = False
    month: dt.date | None = None

    @property
    def size(self) -> int | None:
        """The larger absolute difference (personnel or women), None when nothing was compared."""
        diffs = [abs(d) for d in (self.diff_total, self.diff_women) if d is not None]
        return max(diffs) if diffs else None


def _not_compared(basis: str, note: str) -> Reconciliation:
    return Reconciliation(None, None, None, None, basis, note, comparable=False)


def _precheck(figure: ReportedFigure) -> Reconciliation | None:
    """Why a figure cannot be compared with the monthly official series, or None when it can."""
    if figure.scope == ReportedFigure.Scope.CUMULATIVE:
        return _not_compared(
            "not checkable",
            "Cumulative figure (everyone sent over a period). The official series counts the people present at "
            "each month end, so the number of distinct people rotated through cannot be derived from it; "
            "not compared.",
        )
    if figure.scope == ReportedFigure.Scope.PLANNED:
        return _not_compared(
            "not checkable",
            "Planned figure: the official series records deployments, not plans; compare it once the "
            "deployment has happened and its month is known.",
        )
    if figure.as_of is None:
        return _not_compared("no date", "No as-of date, so no official month to compare with.")
    if figure.as_of_precision == "year":
        return _not_compared(
            "year only",
            f"Only the year ({figure.as_of.year}) is known and official figures are monthly; not compared.",
        )
    category = figure.target_category
    if category is None:
        return _not_compared(
            "no category",
            "No personnel category (the unit does not say whether these are troops, staff officers or police); "
            "set one to compare.",
        )
    if category.code in NOT_IN_OFFICIAL_REPORTS:
        return _not_compared("not in official data", f"{category.name} are not in the UN monthly reports.")
    return None


def reconciliations_for(figures: Iterable[ReportedFigure]) -> dict[int, Reconciliation]:
    """Reconcile many reported figures with official contributions in two aggregate queries."""
    figures = list(figures)
    result: dict[int, Reconciliation] = {}
    todo: list[ReportedFigure] = []
    for figure in figures:
        early = _precheck(figure)
        if early is not None:
            result[figure.pk] = early
        else:
            todo.append(figure)
    if not todo:
        return result

    months = {f.as_of.replace(day=1) for f in todo}
    country_ids = {f.country_id for f in todo}
    months_with_data = set(
        Contribution.objects.filter(month__in=months).order_by().values_list("month", flat=True).distinct()
    )
    # One row per country × month × mission × category; each figure then sums the rows it needs.
    cells: dict[tuple[int, dt.date], list[dict]] = defaultdict(list)
    rows = (
        Contribution.objects.filter(country_id__in=country_ids, month__in=months_with_data)
        .order_by()
        .values("country_id", "month", "mission_id", "personnel_type__target_category_id")
        .annotate(sum_total=Sum("total"), sum_female=Sum("female"), rows=Count("id"), split_rows=Count("female"))
    )
    for row in rows:
        cells[(row["country_id"], row["month"])].append(row)

    for figure in todo:
        result[figure.pk] = _reconcile(figure, months_with_data, cells)
    return result


def reconciliation_for(figure: ReportedFigure) -> Reconciliation:
    """The official contribution for a reported figure's country, month and category, and the difference."""
    return reconciliations_for([figure])[figure.pk]


def _reconcile(
    figure: ReportedFigure, months_with_data: set[dt.date], cells: dict[tuple[int, dt.date], list[dict]]
) -> Reconciliation:
    month = figure.as_of.replace(day=1)
    category = figure.target_category
    mission_ids = {m.pk for m in figure.missions.all()}
    missions_label = ", ".join(sorted(m.acronym for m in figure.missions.all())) or "all missions"
    where = f"{category.name} · {figure.country.name} · {missions_label} · {month:%b %Y}"
    if month not in months_with_data:
        return Reconciliation(
            None,
            None,
            None,
            None,
            where,
            f"No official figure for {month:%B %Y} (a gap in the official series).",
            comparable=False,
            month=month,
        )

    notes: list[str] = []
    if figure.as_of_precision == "month":
        notes.append("Only the month is known; compared with that month's end-of-month count.")
    elif figure.as_of_precision == "pub":
        notes.append(
            "The article gives no date for this figure; its publication date was used, so the official count is "
            "that month's end-of-month stock."
        )
    rows = [
        r for r in cells.get((figure.country_id, month), []) if r["personnel_type__target_category_id"] == category.pk
    ]
    if mission_ids:
        if rows and all(r["mission_id"] is None for r in rows):
            where = f"{category.name} · {figure.country.name} · all missions (no mission breakdown) · {month:%b %Y}"
            notes.append(
                f"The official report for {month:%B %Y} has no mission breakdown; compared with the country's "
                "total across all missions."
            )
        else:
            rows = [r for r in rows if r["mission_id"] in mission_ids]
    if month < STAFF_OFFICERS_SPLIT_FROM and category.code == categories.MILITARY_CONTINGENTS:
        notes.append("Before May 2017 the official Troops count includes staff officers.")
    if month < STAFF_OFFICERS_SPLIT_FROM and category.code == categories.OBSERVERS_AND_STAFF:
        notes.append("Before May 2017 staff officers are not reported separately: official = experts on mission only.")

    official_total = sum(r["sum_total"] for r in rows)
    if not rows:
        notes.append("The official report for that month lists none (it omits zero rows), so the official count is 0.")
    gender_known = all(r["split_rows"] == r["rows"] for r in rows)
    official_women = sum(r["sum_female"] or 0 for r in rows) if gender_known else None
    if not gender_known:
        notes.append("The official gender split for that month is missing or unreliable; women not compared.")

    diff_total = figure.personnel_total - official_total if figure.personnel_total is not None else None
    diff_women = figure.women - official_women if figure.women is not None and official_women is not None else None
    if figure.personnel_total is None and figure.women is None:
        notes.append("The article gives only a percentage; no count to compare.")
    return Reconciliation(
        official_total,
        official_women,
        diff_total,
        diff_women,
        where,
        " ".join(notes),
        comparable=diff_total is not None or diff_women is not None,
        month=month,
    )


def figures_matching(*, claim: Claim, window_days: int = 62) -> QuerySet[ReportedFigure]:
    """Reported figures that state the same fact as a claim: same country and scope, no conflicting numbers."""
    if claim.country_id is None:
        return ReportedFigure.objects.none()
    numbers = {"personnel_total": claim.personnel_total, "women": claim.women, "women_percent": claim.women_percent}
    stated = {k: v for k, v in numbers.items() if v is not None}
    if not stated:
        return ReportedFigure.objects.none()
    condition = Q(country_id=claim.country_id, scope=claim.scope)
    shared = Q()
    for field, value in stated.items():
        # Each stated number is equal or left blank on the figure, never different...
        condition &= Q(**{field: value}) | Q(**{f"{field}__isnull": True})
        shared |= Q(**{field: value})
    # ...and at least one of them is actually the same.
    condition &= shared
    if claim.as_of is not None:
        window = dt.timedelta(days=window_days)
        condition &= Q(as_of__range=(claim.as_of - window, claim.as_of + window)) | Q(as_of__isnull=True)
    qs = ReportedFigure.objects.filter(condition)
    return qs.exclude(sources__claim=claim).select_related("country").distinct()


def figure_for_claim(*, claim: Claim) -> ReportedFigure | None:
    """The reported figure an accepted claim feeds, if any."""
    return ReportedFigure.objects.filter(sources__claim=claim).first()
