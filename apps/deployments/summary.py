"""The monthly summaries of official contributions: rebuilding them, and when.

Derived data, two grains: per month × personnel type × country (ContributionSummary: what country filters and
per-contributor tables need) and per month × personnel type (ContributionMonthTotal: whole-dataset aggregates,
~900 rows whatever the size of the data), each holding the sums the selectors need. Every write to
contributions must be followed by `summary_refresh` for the months it touched, inside the same transaction:
imports call it with their release (services.contributions_import), single-row saves and deletes through the
ORM call it from the signal handlers below (admin edits, factories), and `manage.py refresh_summary` rebuilds it
all for operators (after a raw SQL fix, a restore of only the contributions table, …).

A month is rebuilt whole (delete its summary rows, re-aggregate its contributions in one INSERT … SELECT): simple,
and cheap at this grain (one month is 1/180 of the table). Refreshes take a transaction-scoped advisory lock on
PostgreSQL, so two transactions refreshing at once (an import and an admin edit) queue instead of each deleting
the other's uncommitted rows and colliding on the unique key.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection, transaction

from apps.deployments.models import Contribution, ContributionMonthTotal, ContributionSummary

logger = logging.getLogger(__name__)
_bypassed: ContextVar[bool] = ContextVar("contribution_summary_bypassed", default=False)


@dataclass(frozen=True)
class RefreshResult:
    months: int | None  # None: every month was rebuilt
    rows: int
    seconds: float


def summary_in_use() -> bool:
    """Whether selectors may read the summary (False inside `bypass()`)."""
    return not _bypassed.get()


@contextmanager
def bypass() -> Iterator[None]:
    """Selectors inside read contributions only: the before/after benchmark and the equality tests use it."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


def _months_of_release(release_id: int) -> list[dt.date]:
    """Months in which this release created or changed contributions (they carry its release id)."""
    return list(
        Contribution.objects.filter(release_id=release_id).order_by().values_list("month", flat=True).distinct()
    )


def summary_refresh(*, months: Iterable[dt.date] | None = None, release_id: int | None = None) -> RefreshResult:
    """Rebuild the summary rows of the given months (or of the months a release wrote; neither: every month)."""
    started = time.perf_counter()
    if release_id is not None:
        months = [*(months or ()), *_months_of_release(release_id)]
    # Months may arrive as ISO strings (e.g. a factory's field value); the set needs one type.
    wanted = None if months is None else sorted({dt.date.fromisoformat(m) if isinstance(m, str) else m for m in months})
    if wanted == []:
        return RefreshResult(0, 0, 0.0)
    by_country, by_month = ContributionSummary._meta.db_table, ContributionMonthTotal._meta.db_table
    contribution = Contribution._meta.db_table
    columns = "total, female, male, total_with_split, source_rows"
    where, params = "", []
    if wanted is not None:
        where = f" WHERE month IN ({', '.join(['%s'] * len(wanted))})"
        params = [connection.ops.adapt_datefield_value(m) for m in wanted]
    with transaction.atomic(), connection.cursor() as cur:
        postgres = connection.vendor == "postgresql"
        if postgres:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('deployments.contribution_summary'))")
            # As the import does: the GROUP BY in memory (at 4MB it spills to disk from ~200k rows), no JIT
            # (compiling takes longer than these statements run). Put back below: this may be the caller's transaction.
            cur.execute("SELECT current_setting('work_mem'), current_setting('jit')")
            previous = cur.fetchone()
            cur.execute("SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)")
        cur.execute(f"DELETE FROM {by_month}{where}", params)
        cur.execute(f"DELETE FROM {by_country}{where}", params)
        # female, male and total_with_split stay NULL where no row of the group has a gender split, as
        # Sum(…) over the contributions would be: summing the summary gives the selectors' numbers exactly.
        cur.execute(
            f"INSERT INTO {by_country} (month, personnel_type_id, country_id, {columns})"
            " SELECT month, personnel_type_id, country_id, SUM(total), SUM(female), SUM(male),"
            " SUM(CASE WHEN female IS NOT NULL THEN total END), COUNT(*)"
            f" FROM {contribution}{where} GROUP BY month, personnel_type_id, country_id",
            params,
        )
        rows = cur.rowcount
        cur.execute(
            f"INSERT INTO {by_month} (month, personnel_type_id, {columns})"
            " SELECT month, personnel_type_id, SUM(total), SUM(female), SUM(male), SUM(total_with_split),"
            f" SUM(source_rows) FROM {by_country}{where} GROUP BY month, personnel_type_id",
            params,
        )
        if postgres:
            cur.execute("SELECT set_config('work_mem', %s, true), set_config('jit', %s, true)", previous)
    result = RefreshResult(None if wanted is None else len(wanted), rows, time.perf_counter() - started)
    logger.info(
        "contribution summary: %s month(s) rebuilt, %d rows, %.3fs", result.months or "all", rows, result.seconds
    )
    return result


# --- Single-row writes through the ORM (admin edits and deletes, factories) ---------------------------------


def _remember_old_month(sender, instance: Contribution, raw: bool = False, **kwargs) -> None:
    """Before an update, note the month the row had: moving a row to another month changes both months."""
    instance._summary_old_month = None
    if instance.pk is not None:
        instance._summary_old_month = (
            Contribution.objects.filter(pk=instance.pk).values_list("month", flat=True).first()
        )


def _refresh_saved(sender, instance: Contribution, **kwargs) -> None:
    old = getattr(instance, "_summary_old_month", None)
    summary_refresh(months=[m for m in (instance.month, old) if m is not None])


def _refresh_deleted(sender, instance: Contribution, **kwargs) -> None:
    summary_refresh(months=[instance.month])


def connect_signals() -> None:
    """Keep the summary in step with single-row saves and deletes (bulk writes call summary_refresh themselves)."""
    from django.db.models.signals import post_delete, post_save, pre_save

    pre_save.connect(_remember_old_month, sender=Contribution, dispatch_uid="summary-pre-save")
    post_save.connect(_refresh_saved, sender=Contribution, dispatch_uid="summary-save")
    post_delete.connect(_refresh_deleted, sender=Contribution, dispatch_uid="summary-delete")
