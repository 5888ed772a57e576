"""python manage.py import_targets FILE — import UN gender-parity targets (only the figures a source states)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.deployments import services
from apps.deployments.importers import LayoutError


class Command(BaseCommand):
    help = "Import UN Uniformed Gender Parity Strategy targets from a CSV: year, category, target_percent, source."

    # Data commands run the import, not the site: the system checks (half a second of start-up) are for runserver
    # and `manage.py check`, which CI runs.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        self.stdout.write(f"{file.name}:")
        try:
            services.targets_import(path=file, stdout=self.stdout)
        except LayoutError as exc:
            raise CommandError(f"{file}: {exc}") from exc
