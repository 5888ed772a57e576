"""python manage.py refresh_summary — rebuild the monthly summary of official contributions."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from apps.deployments.summary import summary_refresh


def _month(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{text}-01" if len(text) == 7 else text).replace(day=1)
    except ValueError:
        raise CommandError(f"{text!r} is not a month (YYYY-MM)") from None


class Command(BaseCommand):
    help = (
        "Rebuild the monthly summary the dashboards and the series API read (imports and edits keep it current;"
        " run this after writing contributions any other way). Every month unless --month is given."
    )

    # Data commands run the import, not the site: the system checks (half a second of start-up) are for runserver
    # and `manage.py check`, which CI runs.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--month", action="append", default=[], metavar="YYYY-MM", help="only this month (repeat)")

    def handle(self, *args, month: list[str], **options) -> None:
        result = summary_refresh(months=[_month(m) for m in month] or None)
        scope = "every month" if result.months is None else f"{result.months} month(s)"
        self.stdout.write(
            self.style.SUCCESS(f"summary: {scope} rebuilt, {result.rows:,} rows, in {result.seconds:.2f}s")
        )
