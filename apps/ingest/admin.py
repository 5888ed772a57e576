"""Curators' desk for ingestion: sources, articles (add by upload or paste, retry, reprocess), stories."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from apps.ingest import selectors, services
from apps.ingest.forms import AddArticlesForm
from apps.ingest.models import Article, CitedTarget, Claim, ClaimSource, Source, Story


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "url", "enabled", "poll_interval_minutes", "last_polled_at", "last_status"]
    list_filter = ["kind", "enabled"]
    search_fields = ["name", "url", "outlet"]
    readonly_fields = ["last_polled_at", "last_status", "last_error", "etag", "last_modified"]
    actions = ["poll_now"]

    # Polling fetches from the outside and stores what it finds: it changes the feed's state, so it needs change
    # permission on feeds (a curator reads them only), checked by Django before the action is offered or run.
    @admin.action(description="Poll the selected feeds now", permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset) -> None:
        for source in queryset:
            if not source.enabled:
                # A feed is disabled for a reason (broken, unwanted); enabling it is the deliberate step.
                self.message_user(request, f"{source.name}: disabled, not polled (enable it first)", messages.WARNING)
                continue
            result = services.source_poll(source_id=source.pk, force=True)
            level = messages.ERROR if result.status.startswith("error") else messages.SUCCESS
            self.message_user(
                request, f"{source.name}: {result.status}, {result.entries} entries, {result.created} new", level
            )


class ClaimSourceInline(admin.TabularInline):
    model = ClaimSource
    fk_name = "article"
    extra = 0
    can_delete = False
    fields = ["claim", "quote", "start", "end"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class CitedTargetInline(admin.TabularInline):
    model = CitedTarget
    extra = 0
    can_delete = False
    fields = ["quote", "percent_low", "percent_high", "category", "by_year", "set_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    change_list_template = "admin/ingest/article/change_list.html"
    list_display = ["__str__", "outlet", "published", "status", "attempts", "story_link", "submitted_via", "created_at"]
    list_filter = ["status", "submitted_via", "language", "is_relevant", "pipeline_version"]
    search_fields = ["title", "url", "outlet", "clean_text"]
    date_hierarchy = "created_at"
    list_select_related = ["story"]
    actions = ["retry_failed", "reprocess"]
    inlines = [ClaimSourceInline, CitedTargetInline]
    readonly_fields = [
        "url",
        "content_hash",
        "outlet",
        "published_raw",
        "published_from",
        "origin",
        "status",
        "error",
        "attempts",
        "pipeline_version",
        "story",
        "source",
        "submitted_via",
        "submitted_by",
        "language",
        "is_relevant",
        "country",
        "raw_is_html",
        "raw_content",
        "clean_text",
        "created_at",
        "updated_at",
        "processed_at",
    ]
    exclude = ["signature"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # articles come in through "Add articles", which runs the whole intake

    @admin.display(description="story", ordering="story")
    def story_link(self, obj: Article) -> str:
        if not obj.story_id:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:ingest_story_change", args=[obj.story_id]), obj.story_id
        )

    # Retrying and reprocessing queue pipeline work and change articles: change permission on articles (the
    # curator group reads articles only).
    @admin.action(description="Retry the selected failed articles", permissions=["change"])
    def retry_failed(self, request: HttpRequest, queryset) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        count = services.articles_retry_failed(ids=ids)
        skipped = len(ids) - count
        self.message_user(request, f"Queued {count} failed articles again; {skipped} selected were not failed.")

    @admin.action(
        description="Re-run the pipeline on the selected articles (keeps curators' decisions)", permissions=["change"]
    )
    def reprocess(self, request: HttpRequest, queryset) -> None:
        count = services.articles_reprocess(all_articles=True, ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"Queued {count} processed articles for the pipeline again.")

    def get_urls(self):
        return [
            path(
                "add-articles/", self.admin_site.admin_view(self.add_articles_view), name="ingest_article_add_articles"
            ),
            *super().get_urls(),
        ]

    def add_articles_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a file or paste a text; every path ends in services.article_ingest."""
        if not self.has_view_or_change_permission(request) or not request.user.has_perm("ingest.add_article"):
            messages.error(request, "You need the 'add article' permission.")
            return HttpResponseRedirect(reverse("admin:ingest_article_changelist"))
        form = AddArticlesForm(request.POST, request.FILES) if request.method == "POST" else AddArticlesForm()
        if request.method == "POST" and form.is_valid():
            results = self._ingest_form(request, form)
            for level, text in results:
                messages.add_message(request, level, text)
            return HttpResponseRedirect(reverse("admin:ingest_article_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Add articles",
            "form": form,
        }
        return TemplateResponse(request, "admin/ingest/article/add_articles.html", context)

    def _ingest_form(self, request: HttpRequest, form: AddArticlesForm) -> list[tuple[int, str]]:
        from apps.ingest.pipeline.readers import read_file

        data = form.cleaned_data
        out: list[tuple[int, str]] = []
        common = {"via": Article.Via.ADMIN, "user": request.user}
        if data.get("file"):
            upload = data["file"]
            with tempfile.TemporaryDirectory() as tmp:
                target = Path(tmp) / os.path.basename(upload.name)
                with target.open("wb") as fh:
                    for chunk in upload.chunks():
                        fh.write(chunk)
                raws = list(read_file(str(target), max_bytes=settings.INGEST_MAX_BYTES))
            counts = {"new": 0, "dup": 0}
            for i, raw in enumerate(raws, 1):
                label = f"{upload.name}" + (f" #{i}" if len(raws) > 1 else "")
                if raw.text is None and raw.html is None:
                    out.append((messages.ERROR, f"{label}: {raw.error or 'no text'}"))
                    continue
                try:
                    res = services.article_ingest(
                        url=raw.url or (data.get("url") if len(raws) == 1 else None),
                        text=raw.text,
                        html=raw.html if raw.text is None else None,
                        title=raw.title or (data.get("title") if len(raws) == 1 else None),
                        published=raw.published or (data.get("published") if len(raws) == 1 else None),
                        origin=f"upload:{label}",
                        **common,
                    )
                except services.IngestError as exc:
                    out.append((messages.ERROR, f"{label}: {exc}"))
                    continue
                counts["new" if res.created else "dup"] += 1
                if raw.error:
                    out.append((messages.WARNING, f"{label}: {raw.error}"))
            out.insert(
                0,
                (
                    messages.SUCCESS,
                    f"Uploaded {upload.name}: {counts['new']} new articles, {counts['dup']} already known.",
                ),
            )
            return out
        try:
            res = services.article_ingest(
                url=data.get("url") or None,
                text=(data.get("text") or None),
                title=data.get("title") or None,
                published=data.get("published") or None,
                origin="pasted" if data.get("text") else "url",
                **common,
            )
        except services.IngestError as exc:
            return [(messages.ERROR, str(exc))]
        link = reverse("admin:ingest_article_change", args=[res.article.pk])
        if res.created:
            res.article.refresh_from_db(fields=["status", "error"])
            return [
                (
                    messages.SUCCESS,
                    format_html(
                        'Added <a href="{}">article {}</a> ({}).',
                        link,
                        res.article.pk,
                        res.article.get_status_display(),
                    ),
                )
            ]
        return [(messages.WARNING, format_html('Already known: <a href="{}">article {}</a>.', link, res.article.pk))]


class StoryArticleInline(admin.TabularInline):
    model = Article
    fk_name = "story"
    extra = 0
    can_delete = False
    fields = ["title", "url", "outlet", "published", "status"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class StoryClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    can_delete = False
    fields = ["personnel_total", "women", "women_percent", "scope", "mission_codes", "unit", "review_state", "quote"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "best_date", "best_date_source", "article_count", "claim_count", "pending_count"]
    search_fields = ["title", "articles__title", "articles__url"]
    readonly_fields = ["title", "best_date", "best_date_source", "created_at"]
    inlines = [StoryArticleInline, StoryClaimInline]

    def get_queryset(self, request: HttpRequest):
        return selectors.stories_with_counts()

    @admin.display(ordering="article_count")
    def article_count(self, obj: Story) -> int:
        return obj.article_count

    @admin.display(ordering="claim_count")
    def claim_count(self, obj: Story) -> int:
        return obj.claim_count

    @admin.display(ordering="pending_count", description="pending claims")
    def pending_count(self, obj: Story) -> int:
        return obj.pending_count

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
