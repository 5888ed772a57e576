"""Named aggregate queries shared by the dashboards, the API and the charts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, Max, OuterRef, Q, Sum

from apps.deployments.categories import OBSERVERS_AND_STAFF, STAFF_OFFICERS_SEPARATE_FROM
from apps.deployments.models import (
    Contribution,
    ContributionChange,
    ContributionMonthTotal,
    ContributionSummary,
    Country,
    DataRelease,
    GenderTarget,
    Mission,
)
from apps.deployments.summary import summary_in_use


@dataclass(frozen=True)
class SharePoint:
    month: dt.date
    total: int
    female: int | None
    male: int | None
    total_with_split: int | None

    @property
    def share(self) -> float | None:
        """Women's share; None where no row of the month has a gender split (e.g. Aug 2020)."""
        if not self.total_with_split or self.female is None:
            return None
        return self.female / self.total_with_split


def _narrow(
    qs,
    *,
    countries: Iterable[str] | None = None,
    personnel_types: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
):
    # Contributions and their summary share these field names (country, personnel_type, month).
    if countries:
        qs = qs.filter(country__iso3__in=[c.upper() for c in countries])
    if personnel_types:
        qs = qs.filter(personnel_type__code__in=list(personnel_types))
    if categories:
        qs = qs.filter(personnel_type__target_category__code__in=list(categories))
    if start:
        qs = qs.filter(month__gte=start)
    if end:
        qs = qs.filter(month__lte=end)
    return qs


def contributions_filtered(
    *,
    countries: Iterable[str] | None = None,
    missions: Iterable[str] | None = None,
    personnel_types: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
):
    """Contributions narrowed by ISO3 codes, mission acronyms, personnel type codes, category codes, months."""
    qs = Contribution.objects.all()
    if missions:
        qs = qs.filter(mission__acronym__in=[m.upper() for m in missions])
    return _narrow(
        qs, countries=countries, personnel_types=personnel_types, categories=categories, start=start, end=end
    )


def _aggregate_source(
    *,
    countries: Iterable[str] | None = None,
    missions: Iterable[str] | None = None,
    personnel_types: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    mission_level: bool = False,
    country_level: bool = False,
):
    """Rows to sum: the smallest that still has the dimensions the query filters or groups by.

    Month × type totals when neither country nor mission matters, the month × type × country summary when only
    the country does, the contributions themselves for anything about missions. Sum("total"), Sum("female"),
    Sum("male") and the total over rows with a gender split give the same numbers over each: the summaries store
    those sums, NULL where none of their rows had a gender split (apps/deployments/summary.py).
    """
    if mission_level or missions or not summary_in_use():
        return contributions_filtered(
            countries=countries,
            missions=missions,
            personnel_types=personnel_types,
            categories=categories,
            start=start,
            end=end,
        )
    model = ContributionSummary if country_level or countries else ContributionMonthTotal
    return _narrow(
        model.objects.all(),
        countries=countries,
        personnel_types=personnel_types,
        categories=categories,
        start=start,
        end=end,
    )


def _split_total(qs) -> Sum:
    """The total over rows with a gender split: a column of the summary, a filtered sum over contributions."""
    if qs.model is not Contribution:
        return Sum("total_with_split")
    return Sum("total", filter=Q(female__isnull=False))


def women_share_series(
    *,
    category: str | None = None,
    countries: Iterable[str] | None = None,
    missions: Iterable[str] | None = None,
    personnel_types: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[SharePoint]:
    """Monthly totals and women's share for any filter combination, one aggregate query."""
    qs = _aggregate_source(
        countries=countries,
        missions=missions,
        personnel_types=personnel_types,
        categories=[category] if category else None,
        start=start,
        end=end,
    )
    rows = (
        qs.order_by()
        .values("month")
        # total_with_split first: once "total" names the aggregate, Sum("total") would refer to it.
        .annotate(
            total_with_split=_split_total(qs),
            total=Sum("total"),
            female=Sum("female"),
            male=Sum("male"),
        )
        .order_by("month")
    )
    return [SharePoint(r["month"], r["total"], r["female"], r["male"], r["total_with_split"]) for r in rows]


# --- Dashboards -------------------------------------------------------------------------------------
# Facts about the official data that every chart must respect (see DESIGN.md, "Official data"); the staff
# officers' split (STAFF_OFFICERS_SEPARATE_FROM) is a fact about a category, in apps/deployments/categories.py.
NO_MISSION_BREAKDOWN = (dt.date(2018, 3, 1), dt.date(2019, 8, 1))

# Dimensions a breakdown may group by: name → the values() fields it selects.
_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "month": ("month",),
    "country": ("country__iso3", "country__name"),
    "mission": ("mission__acronym",),
    "type": ("personnel_type__code", "personnel_type__name", "personnel_type__order"),
    "category": (
        "personnel_type__target_category__code",
        "personnel_type__target_category__name",
        "personnel_type__target_category__order",
    ),
}


@dataclass(frozen=True)
class Target:
    year: int
    category: str
    category_name: str
    percent: float
    source: str
    note: str


@dataclass(frozen=True)
class Cell:
    """One aggregate: totals of a group, women only over rows with a gender split."""

    total: int
    female: int | None
    total_with_split: int | None

    @property
    def share(self) -> float | None:
        if not self.total_with_split or self.female is None:
            return None
        return self.female / self.total_with_split


# Scalar subqueries that other apps' tables add to the fingerprint (add_version_probes): the pages also show curated
# news figures, which this layer does not know about. One round trip whatever their number.
_extra_probes: dict[str, tuple[str, ...]] = {}


def add_version_probes(name: str, probes: Iterable[str]) -> None:
    """Register more index-only scalar SQL subqueries for data_version (apps.dashboards adds curation's)."""
    _extra_probes[name] = tuple(probes)


def data_version() -> str:
    """A cheap fingerprint of everything the dashboards show; changes whenever an import or a curator edits data."""
    tables = {
        "rel": DataRelease._meta.db_table,
        "con": Contribution._meta.db_table,
        "chg": ContributionChange._meta.db_table,
        "tgt": GenderTarget._meta.db_table,
    }
    # One round trip of index-only lookups (no COUNT over the 150k contributions: 20-50 ms on PostgreSQL).
    # Max ids catch imports and re-imports (a release row, change rows); counts and sums on the small
    # tables catch edits and deletions; single-row admin edits of contributions bump a counter
    # through signals (apps/dashboards/apps.py), which dashboards add to this version.
    probes = [
        p.format(**tables)
        for p in (
            "(SELECT MAX(id) FROM {rel})",
            "(SELECT COUNT(*) FROM {rel})",
            "(SELECT MAX(id) FROM {con})",
            "(SELECT MAX(id) FROM {chg})",
            "(SELECT COUNT(*) FROM {tgt})",
            "(SELECT SUM(percent) FROM {tgt})",
            "(SELECT MAX(year) FROM {tgt})",
        )
    ]
    for name in sorted(_extra_probes):
        probes.extend(_extra_probes[name])
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(probes))
        row = cursor.fetchone()
    return "-".join(str(v) for v in row)


def data_months(*, with_mission: bool = False) -> list[dt.date]:
    """Months present in the official data (optionally: only months that carry a mission breakdown)."""
    # A loose index scan: hop from month to month along the (month, personnel_type) index instead of reading
    # the whole table for DISTINCT (~300 ms at 1M rows on PostgreSQL, ~7 ms this way; bench/README.md).
    table = Contribution._meta.db_table
    extra = " AND c.mission_id IS NOT NULL" if with_mission else ""
    sql = f"""
        WITH RECURSIVE m(month) AS (
            SELECT (SELECT MIN(c.month) FROM {table} c WHERE 1 = 1{extra})
            UNION ALL
            SELECT (SELECT MIN(c.month) FROM {table} c WHERE c.month > m.month{extra})
            FROM m WHERE m.month IS NOT NULL
        )
        SELECT month FROM m WHERE month IS NOT NULL ORDER BY month
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = [r[0] for r in cursor.fetchall()]
    # SQLite hands dates back as text from raw SQL.
    return [dt.date.fromisoformat(r) if isinstance(r, str) else r for r in rows]


def countries_with_data() -> list[tuple[str, str]]:
    """(ISO3, name) of every country with official rows, by name."""
    # EXISTS probes the contributions' country index once per country (~200); a DISTINCT over the join read all
    # 150k rows (~60 ms on PostgreSQL).
    has_rows = Exists(Contribution.objects.filter(country_id=OuterRef("pk")))
    return list(Country.objects.filter(has_rows).order_by("name", "iso3").values_list("iso3", "name"))


def missions_with_data() -> list[tuple[str, str]]:
    """(acronym, name) of every mission with official rows, by acronym."""
    has_rows = Exists(Contribution.objects.filter(mission_id=OuterRef("pk")))
    return list(Mission.objects.filter(has_rows).order_by("acronym").values_list("acronym", "name"))


def gender_targets() -> list[Target]:
    """Every UN gender-parity target a source states, by year and category."""
    rows = GenderTarget.objects.values_list(
        "year", "category__code", "category__name", "percent", "source", "note"
    ).order_by("category__order", "year")
    return [Target(y, code, name, float(pct), src, note) for y, code, name, pct, src, note in rows]


def target_for_year(targets: Iterable[Target], *, category: str, year: int) -> Target | None:
    """The latest stated target of a category whose year is at most `year`."""
    candidates = [t for t in targets if t.category == category and t.year <= year]
    return max(candidates, key=lambda t: t.year) if candidates else None


def breakdown(
    *,
    by: Iterable[str],
    countries: Iterable[str] | None = None,
    missions: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    personnel_types: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    with_mission_only: bool = False,
) -> list[dict]:
    """Totals, women and women's share grouped by any of month/country/mission/type/category, one query."""
    by = tuple(by)
    fields: list[str] = []
    for dim in by:
        fields.extend(_DIMENSIONS[dim])
    qs = _aggregate_source(
        countries=countries,
        missions=missions,
        personnel_types=personnel_types,
        categories=categories,
        start=start,
        end=end,
        mission_level="mission" in by or with_mission_only,
        country_level="country" in by,
    )
    if with_mission_only:
        qs = qs.filter(mission__isnull=False)
    rows = (
        qs.order_by()
        .values(*fields)
        # total_with_split first: once "total" names the aggregate, Sum("total") would refer to it.
        .annotate(
            total_with_split=_split_total(qs),
            total=Sum("total"),
            female=Sum("female"),
        )
        .order_by(*fields)
    )
    return list(rows)


def cell(row: dict) -> Cell:
    """The aggregate part of a breakdown row."""
    return Cell(row["total"] or 0, row["female"], row["total_with_split"])


def women_share_by_category(
    *,
    countries: Iterable[str] | None = None,
    missions: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[str, dict[dt.date, Cell]]:
    """Monthly women's share per target category; observers & staff officers only from May 2017."""
    series: dict[str, dict[dt.date, Cell]] = {}
    rows = breakdown(
        by=("category", "month"), countries=countries, missions=missions, categories=categories, start=start, end=end
    )
    for r in rows:
        code = r["personnel_type__target_category__code"]
        if code == OBSERVERS_AND_STAFF and r["month"] < STAFF_OFFICERS_SEPARATE_FROM:
            # Before May 2017 staff officers sat inside Troops: an experts-only share is not the same measure.
            continue
        series.setdefault(code, {})[r["month"]] = cell(r)
    return series


@dataclass(frozen=True)
class ContributorShare:
    iso3: str
    name: str
    category: str
    total: int
    female: int | None
    total_with_split: int | None

    @property
    def share(self) -> float | None:
        return Cell(self.total, self.female, self.total_with_split).share


def contributor_shares(
    *,
    month: dt.date,
    countries: Iterable[str] | None = None,
    missions: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    min_total: int = 0,
) -> list[ContributorShare]:
    """Per contributor and target category in one month: totals, women, share (largest first)."""
    rows = breakdown(
        by=("country", "category"),
        countries=countries,
        missions=missions,
        categories=categories,
        start=month,
        end=month,
    )
    out = [
        ContributorShare(
            r["country__iso3"],
            r["country__name"],
            r["personnel_type__target_category__code"],
            r["total"] or 0,
            r["female"],
            r["total_with_split"],
        )
        for r in rows
        if (r["total"] or 0) >= min_total
    ]
    out.sort(key=lambda c: (-c.total, c.name))
    return out


def data_months_for_mission(acronym: str) -> list[dt.date]:
    """Months in which a mission has any official rows (its first and last month bound its charts)."""
    return list(
        Contribution.objects.filter(mission__acronym=acronym.upper())
        .order_by()
        .values_list("month", flat=True)
        .distinct()
        .order_by("month")
    )


def contributor_totals(
    *,
    month: dt.date,
    missions: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
) -> list[ContributorShare]:
    """Per contributor in one month, every category together: uniformed personnel, women, share (largest first)."""
    rows = breakdown(by=("country",), missions=missions, categories=categories, start=month, end=month)
    out = [
        ContributorShare(
            r["country__iso3"], r["country__name"], "", r["total"] or 0, r["female"], r["total_with_split"]
        )
        for r in rows
    ]
    out.sort(key=lambda c: (-c.total, c.name))
    return out


@dataclass(frozen=True)
class MissionTotal:
    acronym: str
    name: str
    host_places: str
    total: int
    female: int | None
    total_with_split: int | None

    @property
    def share(self) -> float | None:
        return Cell(self.total, self.female, self.total_with_split).share


def mission_totals(*, month: dt.date, categories: Iterable[str] | None = None) -> list[MissionTotal]:
    """Per mission in one month: uniformed personnel, women, share, with the mission's name and host (largest first)."""
    qs = contributions_filtered(categories=categories, start=month, end=month).filter(mission__isnull=False)
    rows = (
        qs.order_by()
        .values("mission__acronym", "mission__name", "mission__host_places")
        .annotate(total_with_split=_split_total(qs), total=Sum("total"), female=Sum("female"))
    )
    out = [
        MissionTotal(
            r["mission__acronym"],
            r["mission__name"],
            r["mission__host_places"],
            r["total"] or 0,
            r["female"],
            r["total_with_split"],
        )
        for r in rows
    ]
    out.sort(key=lambda m: (-m.total, m.acronym))
    return out


def mission_months_last(*, missions: Iterable[str] | None = None) -> dict[str, dt.date]:
    """Each mission's last month in the official data (a closed mission's figures are from its last month)."""
    qs = Contribution.objects.filter(mission__isnull=False)
    if missions:
        qs = qs.filter(mission__acronym__in=[m.upper() for m in missions])
    rows = qs.order_by().values("mission__acronym").annotate(last=Max("month"))
    return {r["mission__acronym"]: r["last"] for r in rows}
