"""python manage.py import_curated FILE.json — re-apply curated data on a database with the same articles."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Re-apply an export_curated file: articles matched by content hash or URL, claims by story fingerprint. "
        "Ingest the same articles first. Figures already present are left alone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", metavar="FILE.json")

    def handle(self, *args, file: str, **options) -> None:
        from apps.curation.curated_io import curated_import

        try:
            payload = json.loads(Path(file).read_text(encoding="utf-8"))
            result = curated_import(payload)
        except (OSError, ValueError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        counts = result["counts"]
        self.stdout.write(", ".join(f"{name} {n}" for name, n in counts.items()))
        for problem in result["problems"]:
            self.stdout.write(f"  not restored: {problem}")
