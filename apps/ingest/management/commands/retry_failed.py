"""python manage.py retry_failed — queue failed articles again."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Queue every failed article again (or only --id N ...); each keeps its error until it succeeds."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--id", type=int, action="append", dest="ids", help="only this article (repeatable)")

    def handle(self, *args, ids: list[int] | None, **options) -> None:
        from apps.ingest.models import Article
        from apps.ingest.services import articles_retry_failed

        count = articles_retry_failed(ids=ids)
        still = Article.objects.filter(status=Article.Status.FAILED)
        if ids:
            still = still.filter(pk__in=ids)
        self.stdout.write(f"retried {count} articles; {still.count()} still failed")
        for article in still.order_by("pk")[:50]:
            self.stdout.write(f"  {article.pk} {article.url or article.origin}: {article.error.splitlines()[0][:200]}")
