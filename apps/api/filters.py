"""Query-string filters: every unknown code or malformed month is a 400 that names the parameter."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import django_filters
from django import forms
from django.core.signals import setting_changed
from django.db import models
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from apps.core import response_cache
from apps.curation.models import ReportedFigure
from apps.deployments import categories
from apps.deployments.models import Contribution, Country, GenderTarget, Mission, PersonnelType, TargetCategory
from apps.ingest.models import Article, Claim, Story

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")

# (database, model, field) → (data version, every code): the few hundred codes of a filter, read once per data
# version instead of a query per request.
_known_codes: dict[tuple[str, str, str], tuple[str, frozenset[str]]] = {}


def _forget_held(*, setting: str, **kwargs: Any) -> None:
    # As apps.core.response_cache forgets its version: tests switching caches or databases start afresh.
    if setting in ("CACHES", "DATABASES") or setting.startswith("RESPONSE_CACHE_"):
        _known_codes.clear()


setting_changed.connect(_forget_held, dispatch_uid="api-filter-codes-settings")


def known_codes(model: type[models.Model], field: str) -> frozenset[str]:
    """Every value of `model.field`, as of the current data version (apps.core.response_cache.data_version)."""
    version = response_cache.data_version()
    key = (model.objects.db, model._meta.label, field)
    held = _known_codes.get(key)
    if held is not None and held[0] == version:
        return held[1]
    codes = frozenset(model.objects.values_list(field, flat=True))
    _known_codes[key] = (version, codes)
    return codes


class CodeListField(forms.CharField):
    """A comma-separated list of codes that must all exist in `model.field`.

    Checked against the codes held for the current data version; a code not among them is looked up once more
    in the database (a row added since the version was read), so only an unknown code costs a query.
    """

    def __init__(self, *, model: type[models.Model], field: str, upper: bool, label_plural: str, **kwargs: Any):
        self.model, self.lookup, self.upper, self.label_plural = model, field, upper, label_plural
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[str] | None:
        value = super().clean(value)
        if not value:
            return None
        codes = [c.strip() for c in value.split(",") if c.strip()]
        if self.upper:
            codes = [c.upper() for c in codes]
        if not codes:
            return None
        if len(codes) > 200:
            raise forms.ValidationError("At most 200 values.", code="too_many")
        known = known_codes(self.model, self.lookup)
        unknown = [c for c in codes if c not in known]
        if unknown:
            found = self.model.objects.filter(**{f"{self.lookup}__in": unknown}).values_list(self.lookup, flat=True)
            unknown = [c for c in unknown if c not in set(found)]
        if unknown:
            # Values go in params, never into the message: django-filter %-formats it ("50%" would crash).
            raise forms.ValidationError(
                "Unknown %(label)s: %(values)s.",
                code="unknown_value",
                params={"label": self.label_plural, "values": ", ".join(unknown[:10])},
            )
        return list(dict.fromkeys(codes))


class CodeListFilter(django_filters.Filter):
    """Filters `field_name__in` the validated list of codes."""

    field_class = CodeListField

    def filter(self, qs: models.QuerySet, value: list[str] | None) -> models.QuerySet:
        if not value:
            return qs
        qs = qs.filter(**{f"{self.field_name}__in": value})
        # Through a many-to-many (missions) one row can match twice.
        return qs.distinct() if self.distinct else qs


def code_list(
    field_name: str,
    *,
    model: type[models.Model],
    field: str,
    upper: bool,
    label_plural: str,
    help_text: str,
    distinct: bool = False,
) -> CodeListFilter:
    return CodeListFilter(
        field_name=field_name,
        model=model,
        field=field,
        upper=upper,
        label_plural=label_plural,
        help_text=help_text,
        distinct=distinct,
    )


class MonthField(forms.CharField):
    """YYYY-MM → the first day of that month."""

    def clean(self, value: Any) -> dt.date | None:
        value = super().clean(value)
        if not value:
            return None
        match = MONTH_RE.match(value.strip())
        if not match:
            raise forms.ValidationError("Use the format YYYY-MM, e.g. 2021-06.", code="invalid_month")
        year, month = int(match[1]), int(match[2])
        if not (1 <= month <= 12) or not (1900 <= year <= 2100):
            raise forms.ValidationError("Not a valid month (YYYY-MM, 1900–2100).", code="invalid_month")
        return dt.date(year, month, 1)


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class IdFilter(django_filters.NumberFilter):
    """A database id: a whole number in the range a bigint column holds (anything else is a 400, not a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


COUNTRY_HELP = "ISO 3166-1 alpha-3 code(s), comma-separated, e.g. VNM,JPN. Unknown codes are a 400."
MISSION_HELP = "Mission acronym(s), comma-separated, e.g. UNMISS,UNISFA. Unknown acronyms are a 400."
TYPE_HELP = "Personnel type code(s), comma-separated: troops, staff-officer, experts-on-mission, individual-police, formed-police-units."
CATEGORY_HELP = f"Gender-parity target category code: {categories.codes_text()}."


def country_filter(field_name: str) -> CodeListFilter:
    return code_list(
        field_name, model=Country, field="iso3", upper=True, label_plural="ISO3 codes", help_text=COUNTRY_HELP
    )


def mission_filter(field_name: str, *, distinct: bool = False) -> CodeListFilter:
    """Mission acronyms; distinct=True through the many-to-many missions of claims and figures."""
    return code_list(
        field_name,
        model=Mission,
        field="acronym",
        upper=True,
        label_plural="missions",
        help_text=MISSION_HELP,
        distinct=distinct,
    )


class MonthRangeMixin:
    """month_from ≤ month_to, both inclusive."""

    def filter_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        data = self.form.cleaned_data
        start, end = data.get("month_from"), data.get("month_to")
        if start and end and start > end:
            raise ValidationError({"month_to": ["month_to is before month_from."]}, code="invalid_range")
        return super().filter_queryset(queryset)


class ContributionFilter(MonthRangeMixin, django_filters.FilterSet):
    country = country_filter("country__iso3")
    mission = mission_filter("mission__acronym")
    personnel_type = code_list(
        "personnel_type__code",
        model=PersonnelType,
        field="code",
        upper=False,
        label_plural="personnel types",
        help_text=TYPE_HELP,
    )
    category = code_list(
        "personnel_type__target_category__code",
        model=TargetCategory,
        field="code",
        upper=False,
        label_plural="categories",
        help_text=CATEGORY_HELP,
    )
    month_from = MonthFilter(field_name="month", lookup_expr="gte", help_text="First month, YYYY-MM (inclusive).")
    month_to = MonthFilter(field_name="month", lookup_expr="lte", help_text="Last month, YYYY-MM (inclusive).")

    class Meta:
        model = Contribution
        fields: list[str] = []


class SeriesFilter(ContributionFilter):
    """The series takes one category (its targets come with the series), unlike the row listing."""

    category = code_list(
        "personnel_type__target_category__code",
        model=TargetCategory,
        field="code",
        upper=False,
        label_plural="categories",
        help_text=CATEGORY_HELP + " One category; its stated targets are returned with the series.",
    )

    def clean_single_category(self) -> str | None:
        codes = self.form.cleaned_data.get("category")
        if codes and len(codes) > 1:
            raise ValidationError({"category": ["Give one category for a series."]}, code="invalid")
        return codes[0] if codes else None


class MissionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Mission.Kind.choices)
    active = django_filters.BooleanFilter(field_name="end_date", lookup_expr="isnull", help_text="Open missions only")

    class Meta:
        model = Mission
        fields: list[str] = []


class GenderTargetFilter(django_filters.FilterSet):
    category = code_list(
        "category__code",
        model=TargetCategory,
        field="code",
        upper=False,
        label_plural="categories",
        help_text=CATEGORY_HELP,
    )
    year = IdFilter(field_name="year", min_value=1900, max_value=2100)

    class Meta:
        model = GenderTarget
        fields: list[str] = []


class ArticleFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Article.Status.choices)
    country = country_filter("country__iso3")
    story = IdFilter(field_name="story_id")
    published_from = django_filters.DateFilter(field_name="published", lookup_expr="gte")
    published_to = django_filters.DateFilter(field_name="published", lookup_expr="lte")

    class Meta:
        model = Article
        fields: list[str] = []


class StoryFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(field_name="best_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="best_date", lookup_expr="lte")

    class Meta:
        model = Story
        fields: list[str] = []


class ClaimFilter(django_filters.FilterSet):
    country = country_filter("country__iso3")
    mission = mission_filter("missions__acronym", distinct=True)
    review_state = django_filters.ChoiceFilter(choices=Claim.Review.choices)
    scope = django_filters.ChoiceFilter(choices=Claim.Scope.choices)
    story = IdFilter(field_name="story_id")
    article = IdFilter(field_name="sources__article_id", distinct=True)

    class Meta:
        model = Claim
        fields: list[str] = []


class ReportedFigureFilter(django_filters.FilterSet):
    country = country_filter("country__iso3")
    mission = mission_filter("missions__acronym", distinct=True)
    category = code_list(
        "target_category__code",
        model=TargetCategory,
        field="code",
        upper=False,
        label_plural="categories",
        help_text=CATEGORY_HELP,
    )
    scope = django_filters.ChoiceFilter(choices=ReportedFigure.Scope.choices)
    as_of_from = django_filters.DateFilter(field_name="as_of", lookup_expr="gte")
    as_of_to = django_filters.DateFilter(field_name="as_of", lookup_expr="lte")

    class Meta:
        model = ReportedFigure
        fields: list[str] = []


class StableOrderingFilter(OrderingFilter):
    """Ordering by public names (a view may map them to lookups), always ending in the unique id.

    Fields it does not know are a 400 naming `ordering`, not silently ignored.
    """

    @staticmethod
    def field_map(view) -> dict[str, str]:
        fields = getattr(view, "ordering_fields", None) or ["id"]
        return dict(fields) if isinstance(fields, dict) else {name: name for name in fields}

    def get_valid_fields(self, queryset, view, context=None) -> list[tuple[str, str]]:
        return [(name, name) for name in self.field_map(view)]

    def get_schema_operation_parameters(self, view) -> list[dict]:
        names = ", ".join(self.field_map(view))
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": f"Comma-separated fields, '-' for descending: {names}. The id is always the last "
                "tiebreak. Unknown fields are a 400.",
                "schema": {"type": "string"},
            }
        ]

    def get_ordering(self, request, queryset, view) -> list[str]:
        mapping = self.field_map(view)
        params = request.query_params.get(self.ordering_param)
        if params:
            names = [p.strip() for p in params.split(",") if p.strip()]
            bad = [n for n in names if n.lstrip("-") not in mapping]
            if bad:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Unknown ordering field(s): {', '.join(bad)}. Allowed: {', '.join(mapping)}."
                        ]
                    },
                    code="invalid",
                )
        else:
            names = list(getattr(view, "ordering", None) or [])
        ordering = []
        for name in names:
            desc = name.startswith("-")
            lookup = mapping.get(name.lstrip("-"), name.lstrip("-"))
            ordering.append(("-" if desc else "") + lookup)
        if not any(o.lstrip("-") in {"id", "pk"} for o in ordering):
            ordering.append("id")
        return ordering
