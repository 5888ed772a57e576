"""python manage.py import_contributions FILE... — import official contribution files of any known layout."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from apps.deployments import services
from apps.deployments.importers import LayoutError


class Command(BaseCommand):
    help = (
        "Import official contributions from CSV (or .csv.gz) files: the parsed UN DPO monthly reports, IPI's "
        "long file, or a UN Peace and Security Data Hub export. The layout is recognised by the header."
    )

    # Data commands run the import, not the site: the system checks (half a second of start-up) are for runserver
    # and `manage.py check`, which CI runs.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files: list[Path], **options) -> None:
        failures = []
        for path in files:
            if not path.is_file():
                failures.append(f"{path}: no such file")
                self.stderr.write(self.style.ERROR(failures[-1]))
                continue
            try:
                services.contributions_import(path=path, stdout=self.stdout, stderr=self.stderr)
            except (LayoutError, services.ImportRefused) as exc:
                # Nothing from this file was written; the other files still import.
                failures.append(f"{path}: {exc}")
                self.stderr.write(self.style.ERROR(failures[-1]))
            except services.ImportInterrupted as exc:
                # The file's transaction was rolled back. A lost connection is dropped here, so the next file
                # starts on a new one.
                failures.append(f"{path}: {exc}")
                self.stderr.write(self.style.ERROR(failures[-1]))
                if exc.connection_lost:
                    connection.close()
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} file(s) not imported")
