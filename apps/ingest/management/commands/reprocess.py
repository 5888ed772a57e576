"""python manage.py reprocess [--all] — re-run the pipeline; curators' decisions are kept."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Re-run the pipeline on processed articles made by another pipeline version (--all: every one)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", dest="all_articles", help="every processed article")
        parser.add_argument("--id", type=int, action="append", dest="ids", help="only this article (repeatable)")

    def handle(self, *args, all_articles: bool, ids: list[int] | None, **options) -> None:
        from apps.ingest.pipeline import PIPELINE_VERSION
        from apps.ingest.services import articles_reprocess

        count = articles_reprocess(all_articles=all_articles, ids=ids)
        self.stdout.write(f"queued {count} articles for pipeline version {PIPELINE_VERSION}")
