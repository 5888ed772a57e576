"""python manage.py poll_sources [--all] [--id N] — poll feeds now (what Celery beat does every few minutes)."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Poll the enabled feeds that are due (--all: every enabled feed now; --id: one feed)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", dest="force", help="poll every enabled feed now")
        parser.add_argument("--id", type=int, action="append", dest="ids", help="only this source (repeatable)")

    def handle(self, *args, force: bool, ids: list[int] | None, **options) -> None:
        from django.utils import timezone

        from apps.ingest import selectors
        from apps.ingest.models import Source
        from apps.ingest.services import source_poll

        if ids:
            sources = list(Source.objects.filter(pk__in=ids).order_by("pk"))
        elif force:
            sources = list(Source.objects.filter(enabled=True).order_by("pk"))
        else:
            sources = selectors.sources_due(now=timezone.now())
        for source in sources:
            result = source_poll(source_id=source.pk, force=force or bool(ids))
            self.stdout.write(f"{source.name}: {result.status}, {result.entries} entries, {result.created} new")
        if not sources:
            self.stdout.write("no source is due")
