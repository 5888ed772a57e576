"""Reported figures (with their sources and history) and discrepancies, each beside the official data."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from apps.curation import selectors
from apps.curation.models import Discrepancy, ReportedFigure, ReportedFigureSource


class ReportedFigureSourceInline(admin.TabularInline):
    model = ReportedFigureSource
    extra = 0
    fields = ["article", "claim", "quote", "start", "end", "added_by", "added_at"]
    readonly_fields = ["added_by", "added_at"]
    raw_id_fields = ["article", "claim"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "claim", "added_by")

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class ReconciliationColumnsMixin:
    """Official-figure columns, from reconciliations computed once per changelist page (two queries)."""

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        recs = selectors.reconciliations_for(changelist.result_list)
        for figure in changelist.result_list:
            figure._reconciliation = recs[figure.pk]
        return changelist

    @admin.display(description="official")
    def official(self, obj):
        rec = obj._reconciliation
        if rec.official_total is None:
            return "—"
        women = "?" if rec.official_women is None else rec.official_women
        return f"{rec.official_total} ({women} women)"

    @admin.display(description="reported − official")
    def difference(self, obj):
        rec = obj._reconciliation
        if not rec.comparable:
            return format_html('<span title="{}">not compared</span>', rec.note)
        parts = []
        if rec.diff_total is not None:
            parts.append(f"{rec.diff_total:+d} personnel")
        if rec.diff_women is not None:
            parts.append(f"{rec.diff_women:+d} women")
        return format_html('<span title="{}">{}</span>', rec.note, ", ".join(parts))


@admin.register(ReportedFigure)
class ReportedFigureAdmin(ReconciliationColumnsMixin, SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "country",
        "mission_list",
        "unit",
        "scope",
        "as_of",
        "source_count",
        "official",
        "difference",
        "created_by",
    ]
    list_filter = ["scope", ("country", admin.RelatedOnlyFieldListFilter), "missions", "target_category"]
    search_fields = ["country__name", "unit", "note", "sources__quote"]
    list_select_related = ["country", "target_category", "created_by"]
    readonly_fields = ["reconciliation", "created_by", "created_at", "updated_at"]
    inlines = [ReportedFigureSourceInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "country",
                    "missions",
                    "unit",
                    "target_category",
                    ("personnel_total", "women", "women_percent"),
                    "scope",
                    ("as_of", "as_of_precision"),
                    "note",
                ]
            },
        ),
        ("Official figure for the same country, month and category", {"fields": ["reconciliation"]}),
        ("Record", {"fields": ["created_by", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("country", "target_category", "created_by")
            .prefetch_related("missions")
            .annotate(n_sources=Count("sources", distinct=True))
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    @admin.display(description="missions")
    def mission_list(self, obj):
        return ", ".join(m.acronym for m in obj.missions.all()) or "—"

    @admin.display(description="sources", ordering="n_sources")
    def source_count(self, obj):
        return obj.n_sources

    @admin.display(description="Reconciliation")
    def reconciliation(self, obj):
        if obj is None or obj.pk is None:
            return "Saved figures are compared with the official data."
        rec = selectors.reconciliation_for(obj)
        return format_html(
            "<table><tr><th>basis</th><td>{}</td></tr>"
            "<tr><th>official</th><td>{} personnel, {} women</td></tr>"
            "<tr><th>reported − official</th><td>{} personnel, {} women</td></tr>"
            "<tr><th>note</th><td>{}</td></tr></table>",
            rec.basis,
            "—" if rec.official_total is None else rec.official_total,
            "—" if rec.official_women is None else rec.official_women,
            "—" if rec.diff_total is None else f"{rec.diff_total:+d}",
            "—" if rec.diff_women is None else f"{rec.diff_women:+d}",
            rec.note or "—",
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for source in formset.save(commit=False):
            if source.added_by_id is None:
                source.added_by = request.user
            source.save()
        for source in formset.deleted_objects:
            source.delete()
        formset.save_m2m()


class DifferenceSizeFilter(SimpleListFilter):
    title = "size of difference"
    parameter_name = "difference"
    BUCKETS = {"none": (0, 0), "small": (1, 9), "large": (10, None)}

    def lookups(self, request, model_admin):
        return [
            ("none", "Agrees (0)"),
            ("small", "Small (1–9)"),
            ("large", "Large (10 or more)"),
            ("uncompared", "Not compared"),
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        recs = selectors.reconciliations_for(queryset.prefetch_related("missions"))
        if self.value() == "uncompared":
            keep = [pk for pk, rec in recs.items() if rec.size is None]
        else:
            low, high = self.BUCKETS[self.value()]
            keep = [
                pk
                for pk, rec in recs.items()
                if rec.size is not None and rec.size >= low and (high is None or rec.size <= high)
            ]
        return queryset.filter(pk__in=keep)


@admin.register(Discrepancy)
class DiscrepancyAdmin(ReconciliationColumnsMixin, admin.ModelAdmin):
    list_display = [
        "figure_link",
        "country",
        "mission_list",
        "target_category",
        "as_of",
        "reported",
        "official",
        "difference",
        "note_text",
    ]
    list_filter = [
        DifferenceSizeFilter,
        ("country", admin.RelatedOnlyFieldListFilter),
        ("missions", admin.RelatedOnlyFieldListFilter),
        "target_category",
    ]
    list_select_related = ["country", "target_category"]
    list_display_links = None

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(scope=ReportedFigure.Scope.CURRENT)
            .select_related("country", "target_category")
            .prefetch_related("missions")
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="reported figure")
    def figure_link(self, obj):
        url = reverse("admin:curation_reportedfigure_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, str(obj))

    @admin.display(description="missions")
    def mission_list(self, obj):
        return ", ".join(m.acronym for m in obj.missions.all()) or "—"

    @admin.display(description="reported")
    def reported(self, obj):
        total = "?" if obj.personnel_total is None else obj.personnel_total
        women = "?" if obj.women is None else obj.women
        return f"{total} ({women} women)"

    @admin.display(description="note")
    def note_text(self, obj):
        return obj._reconciliation.note
