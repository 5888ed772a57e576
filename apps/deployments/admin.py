"""Curators' desk for the domain: reference data editable, official figures read-only (they change by import)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from apps.deployments.models import (
    Contribution,
    ContributionChange,
    Country,
    CountryAlias,
    DataRelease,
    GenderTarget,
    Mission,
    PersonnelType,
    TargetCategory,
)


class ReadOnlyMixin:
    """Official rows change only through an import, which records what changed and from which file."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class CountryCodeFilter(admin.SimpleListFilter):
    """A text box for an ISO3 code or a name: 150 countries are too many for a list of links."""

    title = "country (ISO3 or name)"
    parameter_name = "country"
    template = "admin/deployments/input_filter.html"

    def lookups(self, request, model_admin):
        # Django shows a filter only when it has choices; the template renders a text box instead.
        return [("", "")]

    def choices(self, changelist):
        # One "choice" carrying the other active parameters, kept as hidden inputs by the template.
        yield {"hidden": [(k, v) for k, v in changelist.params.items() if k != self.parameter_name]}

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        if not value:
            return queryset
        if len(value) == 3 and value.isalpha() and queryset.filter(country__iso3=value.upper()).exists():
            return queryset.filter(country__iso3=value.upper())
        return queryset.filter(country__name__icontains=value)


class YearFilter(admin.SimpleListFilter):
    """Years present in the data, from one MIN/MAX over the indexed month column."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        # Two single-ended queries: SQLite answers MIN or MAX alone from the index, not both at once.
        first = Contribution.objects.order_by("month").values_list("month", flat=True).first()
        last = Contribution.objects.order_by("-month").values_list("month", flat=True).first()
        if first is None:
            return []
        return [(str(y), str(y)) for y in range(last.year, first.year - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            year = int(self.value())
            return queryset.filter(month__gte=f"{year}-01-01", month__lte=f"{year}-12-31")
        return queryset


class MissionActiveFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", "Active"), ("no", "Closed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(end_date__isnull=True)
        if self.value() == "no":
            return queryset.filter(end_date__isnull=False)
        return queryset


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1
    fields = ("name", "source")


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("name", "iso3", "alias_count")
    search_fields = ("name", "iso3", "aliases__name")
    inlines = [CountryAliasInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(_alias_count=Count("aliases"))

    @admin.display(description="aliases", ordering="_alias_count")
    def alias_count(self, obj: Country) -> int:
        return obj._alias_count


@admin.register(CountryAlias)
class CountryAliasAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "source")
    list_filter = ("source",)
    search_fields = ("name", "country__name", "country__iso3")
    list_select_related = ("country",)
    autocomplete_fields = ("country",)


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ("acronym", "name", "kind", "host_places", "start_date", "end_date", "first_month", "last_month")
    list_filter = ("kind", MissionActiveFilter)
    search_fields = ("acronym", "name", "host_places")
    readonly_fields = ("first_month", "last_month")


@admin.register(TargetCategory)
class TargetCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order")
    search_fields = ("name", "code")


@admin.register(PersonnelType)
class PersonnelTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "target_category", "order")
    list_select_related = ("target_category",)


@admin.register(GenderTarget)
class GenderTargetAdmin(admin.ModelAdmin):
    list_display = ("year", "category", "percent", "short_source", "note")
    list_filter = ("year", "category")
    search_fields = ("source", "note")
    list_select_related = ("category",)

    @admin.display(description="source")
    def short_source(self, obj: GenderTarget) -> str:
        return obj.source if len(obj.source) <= 90 else obj.source[:89] + "…"


@admin.register(DataRelease)
class DataReleaseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("file_name", "layout", "imported_at", "rows_read", "created", "updated", "unchanged", "rejected")
    list_filter = ("layout",)
    search_fields = ("file_name", "sha256")
    date_hierarchy = "imported_at"
    fields = (
        "file_name",
        "layout",
        "sha256",
        "imported_at",
        "duration_seconds",
        ("rows_read", "created", "updated", "unchanged", "rejected"),
        "warnings_list",
        "rejections_table",
    )
    readonly_fields = fields[:5] + ("rows_read", "created", "updated", "unchanged", "rejected") + fields[6:]

    @admin.display(description="warnings")
    def warnings_list(self, obj: DataRelease) -> str:
        if not obj.warnings:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((w,) for w in obj.warnings)))

    @admin.display(description="rejected rows")
    def rejections_table(self, obj: DataRelease) -> str:
        if not obj.rejections:
            return "none"
        rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td></tr>", ((r.get("line"), r.get("reason")) for r in obj.rejections)
        )
        return format_html("<table><thead><tr><th>line</th><th>reason</th></tr></thead><tbody>{}</tbody></table>", rows)


class ContributionChangeInline(admin.TabularInline):
    model = ContributionChange
    fields = ("changed_at", "release", "changes")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("release")


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "month_label",
        "country",
        "mission",
        "personnel_type",
        "female",
        "male",
        "total",
        "women_share_label",
        "quality_flags",
        "release",
    )
    list_select_related = ("country", "mission", "personnel_type", "release")
    list_filter = (CountryCodeFilter, YearFilter, "personnel_type", "mission", "release")
    search_fields = ("=country__iso3", "country__name", "=mission__acronym", "quality_flags")
    # Ordering by the indexed month alone; the model's default sorts 150k rows by joined names per page.
    ordering = ("-month", "-id")
    show_full_result_count = False
    list_per_page = 100
    raw_id_fields = ("release",)
    autocomplete_fields = ("country", "mission")
    inlines = [ContributionChangeInline]
    fields = (
        ("country", "mission", "personnel_type", "month"),
        ("female", "male", "total"),
        "quality_flags",
        ("release", "source_file", "source_line"),
        ("source_document", "country_as_printed"),
    )

    @admin.display(description="month", ordering="month")
    def month_label(self, obj: Contribution) -> str:
        return f"{obj.month:%Y-%m}"

    @admin.display(description="women %")
    def women_share_label(self, obj: Contribution) -> str:
        share = obj.women_share
        return "—" if share is None else f"{share:.1%}"


@admin.register(ContributionChange)
class ContributionChangeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("contribution", "release", "changed_at", "changes")
    list_select_related = (
        "contribution__country",
        "contribution__mission",
        "contribution__personnel_type",
        "release",
    )
    list_filter = ("release",)
    raw_id_fields = ("contribution", "release")
    date_hierarchy = "changed_at"
    show_full_result_count = False
