"""Named aggregate queries shared by the dashboards, the API and the charts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, Sum

from apps.deployments.models import Contribution


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
    if countries:
        qs = qs.filter(country__iso3__in=[c.upper() for c in countries])
    if missions:
        qs = qs.filter(mission__acronym__in=[m.upper() for m in missions])
    if personnel_types:
        qs = qs.filter(personnel_type__code__in=list(personnel_types))
    if categories:
        qs = qs.filter(personnel_type__target_category__code__in=list(categories))
    return qs.between(start, end)


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
    qs = contributions_filtered(
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
        .annotate(
            total=Sum("total"),
            female=Sum("female"),
            male=Sum("male"),
            total_with_split=Sum("total", filter=Q(female__isnull=False)),
        )
        .order_by("month")
    )
    return [SharePoint(r["month"], r["total"], r["female"], r["male"], r["total_with_split"]) for r in rows]
