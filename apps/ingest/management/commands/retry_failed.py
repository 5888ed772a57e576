"""python manage.py retry_failed [--stale] — queue failed articles again, or the ones stuck on their way."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Queue every failed article again (or only --id N ...); each keeps its error until it succeeds. "
        "With --stale: instead send again what never reached the task queue (it was down), what has waited "
        "queued longer than --older-than minutes, and what a worker that died left processing (Celery beat "
        "runs the same sweep every two minutes)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--id", type=int, action="append", dest="ids", help="only this article (repeatable)")
        parser.add_argument("--stale", action="store_true", help="send stuck queued/processing articles again")
        parser.add_argument(
            "--older-than",
            type=float,
            metavar="MINUTES",
            help="with --stale: queued this long counts as stuck (default INGEST_REQUEUE_AFTER_MINUTES)",
        )

    def handle(self, *args, ids: list[int] | None, stale: bool, older_than: float | None, **options) -> None:
        if stale:
            self._stale(ids=ids, older_than=older_than)
            return
        if older_than is not None:
            raise CommandError("--older-than goes with --stale")
        from apps.ingest.models import Article
        from apps.ingest.services import articles_retry_failed

        count = articles_retry_failed(ids=ids)
        still = Article.objects.filter(status=Article.Status.FAILED)
        if ids:
            still = still.filter(pk__in=ids)
        self.stdout.write(f"retried {count} articles; {still.count()} still failed")
        for article in still.order_by("pk")[:50]:
            self.stdout.write(f"  {article.pk} {article.url or article.origin}: {article.error.splitlines()[0][:200]}")

    def _stale(self, *, ids: list[int] | None, older_than: float | None) -> None:
        from apps.ingest.dispatch import articles_requeue_stale

        if ids:
            raise CommandError("--stale sweeps every stuck article; --id goes without it")
        result = articles_requeue_stale(older_than=dt.timedelta(minutes=older_than) if older_than is not None else None)
        self.stdout.write(f"re-queued {result.sent} stuck articles")
        if result.waiting:
            raise CommandError(
                f"the task queue is unavailable: {result.waiting} articles still wait for it (recorded, status "
                "queued); run this again once it is back",
                returncode=75,
            )
