"""Small chainable reads over official contributions."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, Q, Sum


class ContributionQuerySet(models.QuerySet):
    def for_country(self, iso3: str) -> ContributionQuerySet:
        return self.filter(country__iso3=iso3.upper())

    def for_mission(self, acronym: str) -> ContributionQuerySet:
        return self.filter(mission__acronym=acronym.upper())

    def for_category(self, code: str) -> ContributionQuerySet:
        return self.filter(personnel_type__target_category__code=code)

    def between(self, start: dt.date | None = None, end: dt.date | None = None) -> ContributionQuerySet:
        qs = self
        if start:
            qs = qs.filter(month__gte=start)
        if end:
            qs = qs.filter(month__lte=end)
        return qs

    def totals(self) -> dict:
        """Women, men and total; women/men only over rows with a gender split."""
        return self.aggregate(
            total_with_split=Sum("total", filter=Q(female__isnull=False)),
            total=Sum("total"),
            female=Sum("female"),
            male=Sum("male"),
            rows=Count("id"),
        )

    def monthly(self) -> models.QuerySet:
        """One row per month: total, female, and the total over rows that have a gender split."""
        return (
            self.order_by()
            .values("month")
            .annotate(
                total_with_split=Sum("total", filter=Q(female__isnull=False)),
                total=Sum("total"),
                female=Sum("female"),
                male=Sum("male"),
            )
            .order_by("month")
        )
