"""python manage.py load_snapshot — load the official data shipped in data/ once; later runs skip quickly."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.deployments import services


class Command(BaseCommand):
    help = "Load the official data snapshot (data/*.csv.gz and the gender targets); skips files already loaded."

    # Data commands run the import, not the site: the system checks (half a second of start-up) are for runserver
    # and `manage.py check`, which CI runs.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dir", type=Path, default=Path(settings.SNAPSHOT_DIR), help="snapshot folder")

    def handle(self, *args, dir: Path, **options) -> None:
        started = time.perf_counter()
        try:
            result = services.snapshot_load(directory=dir, stdout=self.stdout, stderr=self.stderr)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"snapshot: {result.loaded} file(s) loaded, {result.skipped} already loaded, "
                f"{result.created:,} contributions created, in {seconds:.1f}s"
            )
        )
