"""python manage.py ingest PATH_OR_URL... — files, folders, JSON lines and URLs into articles (or a dry run)."""

from __future__ import annotations

import json
import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Ingest articles from .txt/.html/.json/.jsonl files, folders (recursively) and http(s) URLs. "
        "With --dry-run --json, run the pipeline only and print its JSON (the database is not touched). "
        "Exit status 0 when at least one input was stored (or already known); exit status 1 when there was no "
        "input or every input failed (refused, or stored but failed in processing), each listed with its reason; "
        "75 when stored articles wait for an unavailable task queue."
    )
    # A dry run must work on an empty, unmigrated database: no checks that could open a connection.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--dry-run", action="store_true", help="run the pipeline without the database")
        parser.add_argument("--json", action="store_true", help="with --dry-run: print the pipeline's JSON")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    def handle(self, *args, paths: list[str], dry_run: bool, json: bool, no_progress: bool, **options) -> None:
        if dry_run:
            self._dry_run(paths, as_json=json)
            return
        if json:
            raise CommandError("--json goes with --dry-run")
        self._ingest(paths, progress=not no_progress)

    def _dry_run(self, paths: list[str], *, as_json: bool) -> None:
        from django.conf import settings

        from apps.ingest.pipeline.batch import dry_run
        from apps.ingest.pipeline.readers import read_inputs

        result = dry_run(read_inputs(paths, max_bytes=settings.INGEST_MAX_BYTES))
        if as_json:
            # Exactly the pipeline's JSON and nothing else on stdout: the extraction scorer reads it.
            self.stdout.write(json_dumps(result), ending="\n")
            return
        arts = result.get("articles", [])
        figures = sum(len(a.get("figures") or []) for a in arts)
        errors = [a for a in arts if a.get("error")]
        self.stdout.write(f"{len(arts)} articles, {figures} figures, {len(errors)} with errors (dry run)")
        for a in errors:
            self.stdout.write(f"  {a.get('source')}: {a['error']}")

    def _ingest(self, paths: list[str], *, progress: bool) -> None:
        from django.conf import settings
        from tqdm import tqdm

        from apps.ingest.dispatch import article_waiting
        from apps.ingest.models import Article
        from apps.ingest.pipeline.readers import read_inputs
        from apps.ingest.services import IngestError, article_ingest

        counts: Counter[str] = Counter()
        failures: list[tuple[str, str]] = []
        waiting: list[tuple[str, int]] = []  # stored, but the task queue did not take them
        warnings: list[tuple[str, str]] = []
        # The raw stream: Django's wrapper would append a newline to each of tqdm's carriage-return redraws.
        stream = getattr(self.stderr, "_out", sys.stderr)
        bar = tqdm(desc="ingest", unit="article", file=stream, disable=not progress, mininterval=0.5)
        try:
            for item in paths:
                if item.startswith(("http://", "https://")):
                    raws = [None]
                else:  # files over INGEST_MAX_BYTES are refused from their size, never loaded
                    raws = read_inputs([item], max_bytes=settings.INGEST_MAX_BYTES)
                for raw in raws:
                    source = item if raw is None else raw.source
                    try:
                        if raw is None:
                            res = article_ingest(url=item, via=Article.Via.COMMAND, origin=item)
                        elif raw.text is None and raw.html is None:
                            raise IngestError(raw.error or "no text")
                        else:
                            if raw.error:
                                warnings.append((source, raw.error))
                            res = article_ingest(
                                url=raw.url,
                                text=raw.text,
                                html=raw.html if raw.text is None else None,
                                title=raw.title,
                                published=raw.published,
                                via=Article.Via.COMMAND,
                                origin=source,
                            )
                    except IngestError as exc:
                        counts["failed"] += 1
                        failures.append((source, str(exc)))
                    else:
                        counts["ingested" if res.created else "duplicates"] += 1
                        if res.created:
                            res.article.refresh_from_db(fields=["status", "error"])
                            if res.article.status == Article.Status.FAILED:
                                counts["failed processing"] += 1
                                failures.append((source, f"article {res.article.pk}: {res.article.error}"))
                        if article_waiting(res.article):
                            waiting.append((source, res.article.pk))
                    bar.update(1)
        finally:
            bar.close()
        self.stdout.write(
            f"ingested {counts['ingested']}, duplicates {counts['duplicates']}, "
            f"failed {counts['failed']} (+{counts['failed processing']} stored but failed in processing)"
        )
        for source, reason in failures:
            self.stdout.write(f"  failed: {source}: {reason}")
        for source, reason in warnings:
            self.stdout.write(f"  warning: {source}: {reason}")
        for source, pk in waiting:
            self.stdout.write(f"  not queued: {source}: article {pk}")
        if waiting:
            # 75 = EX_TEMPFAIL: nothing is lost, run the sweep (or let beat run it) once the broker is back.
            raise CommandError(
                f"the task queue is unavailable: {len(waiting)} articles are recorded (status queued) and will be "
                "processed when it is back (Celery beat's sweep, or `manage.py retry_failed --stale`)",
                returncode=75,
            )
        # A batch where nothing landed must not look like a success to a script or a cron job.
        landed = counts["ingested"] - counts["failed processing"] + counts["duplicates"]
        if landed <= 0:
            tried = counts["ingested"] + counts["duplicates"] + counts["failed"]
            if not tried:
                raise CommandError(f"no input: nothing to ingest was found in {', '.join(paths)}")
            raise CommandError(f"every input failed: {tried} tried, none stored (reasons above)")


def json_dumps(result: dict) -> str:
    """The same serialisation as the pipeline's own CLI (apps.ingest.pipeline.batch.main)."""
    return json.dumps(result, ensure_ascii=False, indent=1)
