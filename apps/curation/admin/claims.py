"""The claim review queue: what the pipeline read, its quote in context, and the curator's accept / edit / reject."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import SimpleListFilter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDate
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html, format_html_join

from apps.curation import selectors, services
from apps.curation.models import ReportedFigure
from apps.deployments.models import TargetCategory
from apps.ingest.models import Article, Claim, ClaimSource

ACCEPT, ACCEPT_EDITED, ACCEPT_INTO, REJECT = "_accept", "_accept_edited", "_accept_into", "_reject"
REVIEW_BUTTONS = (ACCEPT, ACCEPT_EDITED, ACCEPT_INTO, REJECT)
BANDS = {"low": (0.0, 0.5), "medium": (0.5, 0.8), "high": (0.8, 1.01)}


def _button(data) -> str | None:
    return next((b for b in REVIEW_BUTTONS if b in data), None)


def _admin_link(obj: Any, label: str | None = None) -> str:
    """A link to an object's admin page when it has one, else its plain (escaped) label."""
    label = label if label is not None else str(obj)
    try:
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return escape(label)
    return format_html('<a href="{}">{}</a>', url, label)


def quote_in_paragraph(text: str, quote: str, start: int | None, end: int | None) -> str:
    """The paragraph of the cleaned text holding the quote, with the quote marked; all text escaped."""
    if not (start is not None and end is not None and 0 <= start < end <= len(text) and text[start:end] == quote):
        # Offsets missing or stale (text re-cleaned): find the quote itself rather than mark the wrong words.
        found = text.find(quote) if quote else -1
        if found < 0:
            return format_html(
                '<p class="quote-missing">The quote was not found in the cleaned text:</p><blockquote>{}</blockquote>',
                quote,
            )
        start, end = found, found + len(quote)
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    return format_html(
        '<div class="quote-context">{}<mark>{}</mark>{}</div>',
        text[para_start:start],
        text[start:end],
        text[end:para_end],
    )


class ReviewStateFilter(SimpleListFilter):
    """Pending by default: the queue opens on the work still to do."""

    title = "review state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*Claim.Review.choices, ("all", "All")]

    def value(self) -> str:
        return super().value() or Claim.Review.PENDING

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset if self.value() == "all" else queryset.filter(review_state=self.value())


class ConfidenceBandFilter(SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [("low", "Low (< 0.5)"), ("medium", "Medium (0.5–0.8)"), ("high", "High (≥ 0.8)")]

    def queryset(self, request, queryset):
        if self.value() in BANDS:
            low, high = BANDS[self.value()]
            return queryset.filter(confidence__gte=low, confidence__lt=high)
        return queryset


class OutletFilter(SimpleListFilter):
    title = "outlet"
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        outlets = Article.objects.exclude(outlet="").order_by("outlet").values_list("outlet", flat=True).distinct()
        return [(o, o) for o in outlets]

    def queryset(self, request, queryset):
        return queryset.filter(article__outlet=self.value()) if self.value() else queryset


class ClaimReviewForm(forms.ModelForm):
    target_category = forms.ModelChoiceField(
        queryset=TargetCategory.objects.all(),
        required=False,
        label="Personnel category",
        help_text="Guessed from the unit; decides which official figures the reported figure is compared with.",
    )
    review_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason (needed to reject)",
    )
    as_of_precision = forms.ChoiceField(
        choices=[("day", "day"), ("month", "month"), ("year", "year"), ("", "unknown")],
        required=False,
        label="As-of precision",
    )

    class Meta:
        model = Claim
        fields = ["country", "missions", "unit", "personnel_total", "women", "women_percent", "scope", "as_of"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("target_category", selectors.category_for_unit(self.instance.unit))
            # The note field holds the reason of *this* review; an earlier reviewer's note is shown read-only.
            self.initial["review_note"] = ""

    def edits(self) -> dict[str, Any]:
        """The parsed fields the curator changed, in the shape claim_accept takes."""
        out = {}
        for name in self.changed_data:
            if name in services.EDITABLE_FIELDS:
                value = self.cleaned_data.get(name)
                out[name] = list(value) if name == "missions" else value
        return out

    def clean(self):
        data = super().clean()
        action = _button(self.data)
        edits = self.edits() if not self.errors else {}
        if action == REJECT and not (data.get("review_note") or "").strip():
            self.add_error("review_note", "Say why the claim is rejected.")
        elif action == ACCEPT and edits:
            raise ValidationError(
                "You changed %(fields)s. Press “Accept as edited” to keep your changes.",
                params={"fields": ", ".join(f.replace("_", " ") for f in edits)},
            )
        elif action == ACCEPT_EDITED and not edits:
            raise ValidationError("Nothing was edited: press “Accept” to accept the claim as extracted.")
        elif action == ACCEPT_INTO:
            try:
                self.into = ReportedFigure.objects.get(pk=int(self.data.get(ACCEPT_INTO, "")))
            except (ValueError, ReportedFigure.DoesNotExist):
                raise ValidationError("That reported figure no longer exists.") from None
        return data


class ClaimSourceInline(admin.TabularInline):
    model = ClaimSource
    extra = 0
    can_delete = False
    fields = ["article_link", "quote", "start", "end"]
    readonly_fields = fields
    verbose_name_plural = "Articles stating this claim"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="article")
    def article_link(self, obj):
        return format_html(
            "{} — {} ({})", _admin_link(obj.article), obj.article.outlet or "unknown outlet", obj.article.published
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimReviewForm
    change_form_template = "admin/curation/claim_change_form.html"
    list_display = [
        "summary",
        "country",
        "mission_list",
        "unit",
        "scope",
        "as_of",
        "confidence_band",
        "outlet",
        "source_count",
        "review_state",
        "created_at",
    ]
    list_display_links = ["summary"]
    list_filter = [
        ReviewStateFilter,
        ConfidenceBandFilter,
        ("country", admin.RelatedOnlyFieldListFilter),
        ("missions", admin.RelatedOnlyFieldListFilter),
        "scope",
        OutletFilter,
        ("article__published", admin.DateFieldListFilter),
        ("created_at", admin.DateFieldListFilter),
    ]
    search_fields = ["quote", "article__title", "article__outlet", "country__name", "unit"]
    list_select_related = ["country", "article", "story", "reviewed_by"]
    # Newest first; within a day, the least certain first, since those need a careful read.
    ordering = [TruncDate("created_at").desc(), "confidence", "-id"]
    list_per_page = 50
    actions = ["accept_selected", "reject_selected", "accept_into_existing", "merge_selected"]
    readonly_fields = ["quote_in_context", "story_articles", "confidence_and_reasons", "review_status"]
    inlines = [ClaimSourceInline]
    fieldsets = [
        ("The sentence", {"fields": ["quote_in_context", "story_articles", "confidence_and_reasons"]}),
        (
            "What it says — correct before accepting",
            {
                "fields": [
                    "country",
                    "missions",
                    "unit",
                    "target_category",
                    ("personnel_total", "women", "women_percent"),
                    "scope",
                    ("as_of", "as_of_precision"),
                ]
            },
        ),
        ("Review", {"fields": ["review_status", "review_note"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return (
            super()
            .get_queryset(request)
            .select_related("country", "article", "story", "reviewed_by")
            .prefetch_related("missions")
            .annotate(n_sources=Count("sources", distinct=True))
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # claims come from the pipeline, never typed in

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser  # rejected claims are kept so reprocessing cannot revive them

    def _can_review(self, request: HttpRequest) -> bool:
        return request.user.has_perms(services.REVIEW_PERMISSIONS)

    def has_review_permission(self, request: HttpRequest) -> bool:
        return self._can_review(request)

    # --- list columns ---

    @admin.display(description="claim", ordering="personnel_total")
    def summary(self, obj: Claim) -> str:
        return str(obj)

    @admin.display(description="missions")
    def mission_list(self, obj: Claim) -> str:
        return ", ".join(m.acronym for m in obj.missions.all()) or "—"

    @admin.display(description="confidence", ordering="confidence")
    def confidence_band(self, obj: Claim) -> str:
        band = next(name for name, (low, high) in BANDS.items() if low <= obj.confidence < high or name == "high")
        return format_html('<span class="confidence confidence-{}">{} {}</span>', band, f"{obj.confidence:.2f}", band)

    @admin.display(description="outlet", ordering="article__outlet")
    def outlet(self, obj: Claim) -> str:
        return obj.article.outlet

    @admin.display(description="articles", ordering="n_sources")
    def source_count(self, obj: Claim) -> int:
        return max(obj.n_sources, 1)

    # --- change form panels ---

    @admin.display(description="In the article")
    def quote_in_context(self, obj: Claim) -> str:
        article = obj.article
        heading = format_html(
            '<p class="article-head"><strong>{}</strong> — {}, {}</p>',
            article.title or "untitled",
            article.outlet or "unknown outlet",
            article.published or "date unknown",
        )
        return heading + quote_in_paragraph(article.clean_text, obj.quote, obj.start, obj.end)

    @admin.display(description="Articles of the story")
    def story_articles(self, obj: Claim) -> str:
        articles = obj.story.articles.order_by("published", "id") if obj.story_id else [obj.article]
        rows = format_html_join(
            "",
            "<li>{} — {} ({}){}</li>",
            (
                (
                    _admin_link(a, a.title or f"Article {a.pk}"),
                    a.outlet or "unknown outlet",
                    a.published or "date unknown",
                    format_html(' · <a href="{}" rel="noopener noreferrer" target="_blank">original</a>', a.url)
                    if a.url
                    else "",
                )
                for a in articles
            ),
        )
        return format_html("<ul>{}</ul>", rows)

    @admin.display(description="Confidence")
    def confidence_and_reasons(self, obj: Claim) -> str:
        reasons = [r if isinstance(r, str) else str(r) for r in (obj.reasons or [])]
        items = format_html_join("", "<li>{}</li>", ((r,) for r in reasons)) or format_html("<li>{}</li>", "none given")
        return format_html("<strong>{}</strong><ul>{}</ul>", f"{obj.confidence:.2f}", items)

    @admin.display(description="State")
    def review_status(self, obj: Claim) -> str:
        if obj.review_state == Claim.Review.PENDING:
            return "Pending"
        figure = selectors.figure_for_claim(claim=obj)
        return format_html(
            "{} by {} on {}{}{}",
            obj.get_review_state_display(),
            obj.reviewed_by or "unknown",
            obj.reviewed_at.strftime("%Y-%m-%d %H:%M") if obj.reviewed_at else "?",
            format_html(" — “{}”", obj.review_note) if obj.review_note else "",
            format_html(" → {}", _admin_link(figure)) if figure else "",
        )

    # --- review buttons ---

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            {
                "show_save": False,
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
                "can_review": self._can_review(request),
                "matching_figures": list(selectors.figures_matching(claim=obj)[:10]) if obj else [],
                "claim_figure": selectors.figure_for_claim(claim=obj) if obj else None,
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and not (_button(request.POST) and self._can_review(request)):
            raise PermissionDenied("Claims change only through Accept, Accept as edited or Reject.")
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj: Claim, form: ClaimReviewForm, change: bool) -> None:
        action = _button(request.POST)
        try:
            if action == REJECT:
                services.claim_reject(claim=obj, user=request.user, reason=form.cleaned_data["review_note"])
                request._review_result = ("rejected", None)
            else:
                figure = services.claim_accept(
                    claim=obj,
                    user=request.user,
                    edits=form.edits() if action == ACCEPT_EDITED else None,
                    into=getattr(form, "into", None) if action == ACCEPT_INTO else None,
                )
                request._review_result = ("accepted", figure)
        except ValidationError as exc:
            request._review_result = ("error", " ".join(exc.messages))

    def save_related(self, request, form, formsets, change) -> None:
        pass  # the services own every write; the form's m2m must not be saved onto the claim

    def construct_change_message(self, request, form, formsets, add=False):
        result = getattr(request, "_review_result", ("", None))
        return [{"changed": {"fields": [f"review: {result[0]}"]}}]

    def response_change(self, request, obj: Claim) -> HttpResponse:
        outcome, detail = getattr(request, "_review_result", ("error", "No review button was pressed."))
        here = reverse("admin:ingest_claim_change", args=[obj.pk])
        if outcome == "error":
            self.message_user(request, detail, messages.ERROR)
            return HttpResponseRedirect(here)
        if outcome == "accepted":
            self.message_user(request, format_html("Accepted into {}.", _admin_link(detail)), messages.SUCCESS)
        else:
            self.message_user(request, f"Rejected: {obj}.", messages.SUCCESS)
        upcoming = self.get_queryset(request).filter(review_state=Claim.Review.PENDING).exclude(pk=obj.pk)
        upcoming = upcoming.order_by(*self.ordering).first()
        if upcoming is not None:
            return HttpResponseRedirect(reverse("admin:ingest_claim_change", args=[upcoming.pk]))
        self.message_user(request, "The queue is empty.", messages.INFO)
        return HttpResponseRedirect(reverse("admin:ingest_claim_changelist"))

    # --- bulk actions ---

    def _report(self, request, done: int, failures: list[str], verb: str) -> None:
        if done:
            self.message_user(request, f"{verb} {done} claim{'s' if done != 1 else ''}.", messages.SUCCESS)
        for failure in failures:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description="Accept selected claims as extracted", permissions=["review"])
    def accept_selected(self, request, queryset):
        done, failures = 0, []
        for claim in queryset:
            try:
                services.claim_accept(claim=claim, user=request.user)
                done += 1
            except ValidationError as exc:
                failures.append(f"Claim {claim.pk} ({claim}) was not accepted: {' '.join(exc.messages)}")
        self._report(request, done, failures, "Accepted")

    @admin.action(description="Reject selected claims…", permissions=["review"])
    def reject_selected(self, request, queryset):
        reason = (request.POST.get("reason") or "").strip()
        if "apply" in request.POST and reason:
            for claim in queryset:
                services.claim_reject(claim=claim, user=request.user, reason=reason)
            self._report(request, queryset.count(), [], "Rejected")
            return None
        return TemplateResponse(
            request,
            "admin/curation/claim_reject.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject claims",
                "opts": self.model._meta,
                "claims": queryset,
                "reason": reason,
                "error": "Say why these claims are rejected." if "apply" in request.POST else "",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Accept into existing figure…", permissions=["review"])
    def accept_into_existing(self, request, queryset):
        claims = list(queryset)
        if "apply" in request.POST and request.POST.get("figure"):
            figure = ReportedFigure.objects.filter(pk=request.POST["figure"]).first()
            if figure is None:
                self.message_user(request, "That reported figure no longer exists.", messages.ERROR)
                return None
            done, failures = 0, []
            for claim in claims:
                try:
                    services.claim_accept(claim=claim, user=request.user, into=figure)
                    done += 1
                except ValidationError as exc:
                    failures.append(f"Claim {claim.pk} was not merged: {' '.join(exc.messages)}")
            self._report(request, done, failures, f"Accepted into figure {figure.pk}:")
            return None
        candidates: dict[int, ReportedFigure] = {}
        for claim in claims:
            for figure in selectors.figures_matching(claim=claim):
                candidates.setdefault(figure.pk, figure)
        return TemplateResponse(
            request,
            "admin/curation/claim_accept_into.html",
            {
                **self.admin_site.each_context(request),
                "title": "Accept into an existing reported figure",
                "opts": self.model._meta,
                "claims": claims,
                "candidates": list(candidates.values()),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Merge selected claims into one reported figure", permissions=["review"])
    def merge_selected(self, request, queryset):
        try:
            figure = services.claims_merge(claims=list(queryset), user=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        self.message_user(
            request, format_html("Merged {} claims into {}.", queryset.count(), _admin_link(figure)), messages.SUCCESS
        )
