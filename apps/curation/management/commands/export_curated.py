"""python manage.py export_curated FILE.json — reported figures, sources, claim decisions and history."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Write every curated record (reported figures with sources and history, claim decisions) to a JSON file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", metavar="FILE.json")

    def handle(self, *args, file: str, **options) -> None:
        from apps.curation.curated_io import curated_export

        data = curated_export()
        Path(file).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"exported {len(data['figures'])} reported figures and {len(data['claims'])} claim decisions")
