"""Writes to the domain: importing official contributions and gender targets.

An import reads the file chunk by chunk (apps.deployments.importers.RowStream), resolves each chunk's rows to ids
(apps.deployments.import_records) and hands them to the database's writer: apps.deployments.import_postgres
(binary COPY, set-based diff) or apps.deployments.import_sqlite (any other backend).
"""

from __future__ import annotations

import csv
import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

from django.db import (
    DataError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)

from apps.deployments import import_postgres, import_sqlite, importers
from apps.deployments.import_records import Resolver as _Resolver
from apps.deployments.import_records import missions_span_update, say
from apps.deployments.models import DataRelease, GenderTarget, TargetCategory
from apps.deployments.rows import Rejection
from apps.deployments.summary import summary_refresh

SHOWN_REJECTIONS = 20


@dataclass
class ImportSummary:
    file_name: str
    sha256: str
    layout: str
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    release_id: int | None = None
    already_imported: bool = False
    seconds: float = 0.0

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def lines(self) -> list[str]:
        """Human-readable report: counts, warnings and the first rejections."""
        label = dict(DataRelease.Layout.choices).get(self.layout, self.layout)
        out = [f"{self.file_name}: {label}, {self.rows_read:,} rows read in {self.seconds:.1f}s"]
        if self.already_imported:
            out.append(f"  already imported (release #{self.release_id}), nothing changed")
        counts = (
            f"  created {self.created:,} · updated {self.updated:,} · unchanged {self.unchanged:,}"
            f" · rejected {self.rejected:,}"
        )
        out.append(counts)
        out.extend(f"  warning: {w}" for w in self.warnings)
        if self.rejections:
            out.append(f"  rejected rows (first {min(SHOWN_REJECTIONS, self.rejected)} of {self.rejected}):")
            out.extend(f"    line {r.line}: {r.reason}" for r in self.rejections[:SHOWN_REJECTIONS])
        return out


@dataclass
class TargetsSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"  targets: created {self.created} · updated {self.updated} · unchanged {self.unchanged}"
            f" · rejected {len(self.rejections)}"
        ]
        out.extend(f"    line {r.line}: {r.reason}" for r in self.rejections)
        return out


class ImportRefused(Exception):
    """The database refused a row the checks let through; the import's transaction was rolled back."""


class ImportInterrupted(Exception):
    """The database failed during an import (e.g. the connection was lost); its transaction was rolled back."""

    def __init__(self, message: str, *, connection_lost: bool) -> None:
        super().__init__(message)
        self.connection_lost = connection_lost


class _Release:
    """The DataRelease of the import, created when the first row is about to be written (rows point at it)."""

    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.row: DataRelease | None = None

    def get(self) -> DataRelease:
        if self.row is None:
            self.row = DataRelease.objects.create(
                file_name=self.summary.file_name, sha256=self.summary.sha256, layout=self.summary.layout
            )
            self.summary.release_id = self.row.pk
        return self.row


@transaction.atomic
def _apply(stream: importers.RowStream, summary: ImportSummary, stderr: TextIO | None) -> None:
    """Read the file chunk by chunk, write the difference with the database, all in one transaction."""
    if connection.vendor == "postgresql":
        # One import at a time: the diff below is computed from a read of the current rows.
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('deployments.contributions_import'))")
    previous = DataRelease.objects.filter(sha256=summary.sha256).order_by("-imported_at").first()
    resolver = _Resolver(stream.layout)
    release = _Release(summary)
    months = None  # the months written, where the writer knows them (else the summary asks the release)
    if connection.vendor == "postgresql":
        # Room for the diff's hash join in memory; JIT compiles for longer than these statements run.
        with connection.cursor() as cur, import_postgres.pg_settings(cur, work_mem="64MB", jit="off"):
            writer = import_postgres.Writer(cur, release.get, stderr)
            for chunk in stream.chunks():
                writer.add(resolver.records(chunk))
            summary.warnings = resolver.warnings()
            summary.created, summary.updated, months = writer.finish()
    else:
        for chunk in stream.chunks():
            plan = import_sqlite.plan_chunk(list(resolver.records(chunk)))
            if plan.created or plan.updated:
                import_sqlite.write_chunk(plan, release.get())
            summary.created += plan.created
            summary.updated += plan.updated
        summary.warnings = resolver.warnings()
    if summary.created or summary.updated:
        say(stderr, f"  wrote {summary.created:,} new and {summary.updated:,} changed rows")
    summary.rows_read = stream.rows_read
    summary.unchanged = resolver.rows - summary.created - summary.updated
    if previous and release.row is None:  # the same file again, and it brought nothing new
        summary.already_imported, summary.release_id = True, previous.pk
        return
    DataRelease.objects.filter(pk=release.get().pk).update(
        rows_read=summary.rows_read,
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        rejected=summary.rejected,
        rejections=[r.as_dict() for r in summary.rejections],
        warnings=summary.warnings,
    )
    missions_span_update()
    # The monthly summary of the months this release wrote.
    if months is None:
        summary_refresh(release_id=release.get().pk)
    elif months:
        summary_refresh(months=months)


def contributions_import(
    *,
    path: Path | str,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    chunk_rows: int = importers.CHUNK_ROWS,
) -> ImportSummary:
    """Import one official contributions file (any known layout, .csv or .csv.gz); idempotent per row.

    The file is streamed (`chunk_rows` rows parsed at a time) and written in one transaction: all of it or,
    on any error, nothing. A database failure on the way raises ImportInterrupted.
    """
    started = time.perf_counter()
    path = Path(path)
    sha = importers.file_sha256(path)
    say(stderr, f"{path.name}: reading")

    def progress(rows: int) -> None:
        say(stderr, f"  … {rows:,} rows read")

    with importers.RowStream(path, chunk_rows=chunk_rows, progress=progress) as stream:
        summary = ImportSummary(file_name=path.name, sha256=sha, layout=stream.layout, rejections=stream.rejections)
        try:
            with _cyclic_gc_paused():
                _apply(stream, summary, stderr)
        except _refusal_errors() as exc:
            # The row checks (importers.RowStream) should leave nothing for the database to refuse; if something
            # slips through, say so per file instead of a traceback. COPY's line numbers are the stage's, not the
            # file's, so the database's own message is given as is.
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ImportRefused(f"the database refused a row ({reason}); nothing from this file was kept") from exc
        except _connection_errors() as exc:
            lost = not _connection_usable()
            raise ImportInterrupted(
                f"database {'connection lost' if lost else 'error'} during import; nothing from this file was kept;"
                f" run the command again ({exc})",
                connection_lost=lost,
            ) from exc
    summary.seconds = time.perf_counter() - started
    if summary.release_id and not summary.already_imported:
        DataRelease.objects.filter(pk=summary.release_id).update(duration_seconds=summary.seconds)
    for text in summary.lines():
        say(stdout, text)
    return summary


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while rows stream through: each row makes a few container objects, which
    trigger a collection every few hundred rows, and each full one walks the whole process heap (a quarter of a
    first import's Python time). The rows form no cycles, so reference counting frees every chunk as before and
    memory stays bounded; the collector runs again (and catches up) when the import ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _connection_errors() -> tuple[type[Exception], ...]:
    """Django's wrapped errors and the driver's own: the COPY path talks to psycopg's cursor directly."""
    driver = connection.Database
    return (OperationalError, InterfaceError, driver.OperationalError, driver.InterfaceError)


def _refusal_errors() -> tuple[type[Exception], ...]:
    driver = connection.Database
    return (DataError, IntegrityError, driver.DataError, driver.IntegrityError)


def _connection_usable() -> bool:
    try:
        return connection.connection is not None and connection.is_usable()
    except Exception:  # noqa: BLE001 - any failure to ask means it is not usable
        return False


TARGET_COLUMNS = ("year", "category", "target_percent", "source")


def targets_import(*, path: Path | str, stdout: TextIO | None = None) -> TargetsSummary:
    """Import UN gender-parity targets (year, category, target_percent, source): only the rows the file states."""
    path = Path(path)
    summary = TargetsSummary()
    categories = dict(TargetCategory.objects.values_list("code", "id"))
    with importers.open_text(path) as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [c for c in TARGET_COLUMNS if c not in header]
        if missing:
            raise importers.LayoutError(f"not a targets file: missing column(s) {', '.join(missing)}")
        with transaction.atomic():
            for line, rec in enumerate(reader, start=2):
                rec = {k.strip().lower(): (v or "").strip() for k, v in rec.items() if k}
                try:
                    year, category_id, percent = _target_values(rec, categories)
                except importers.RowError as exc:
                    summary.rejections.append(Rejection(line, str(exc)))
                    continue
                current = GenderTarget.objects.filter(year=year, category_id=category_id).first()
                values = {"percent": percent, "source": rec["source"], "note": rec.get("note", "")}
                if current is None:
                    GenderTarget.objects.create(year=year, category_id=category_id, **values)
                    summary.created += 1
                elif any(getattr(current, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(current, k, v)
                    current.save(update_fields=list(values))
                    summary.updated += 1
                else:
                    summary.unchanged += 1
    for text in summary.lines():
        say(stdout, text)
    return summary


def _target_values(rec: dict[str, str], categories: dict[str, int]) -> tuple[int, int, Decimal]:
    if not rec["year"].isdigit() or not 1990 <= int(rec["year"]) <= 2100:
        raise importers.RowError(f"year {rec['year']!r} is not a year")
    if rec["category"] not in categories:
        raise importers.RowError(f"unknown category {rec['category']!r} (expected one of {', '.join(categories)})")
    try:
        percent = Decimal(rec["target_percent"])
    except InvalidOperation:
        raise importers.RowError(f"target_percent {rec['target_percent']!r} is not a number") from None
    if not 0 <= percent <= 100:
        raise importers.RowError(f"target_percent {percent} is outside 0-100")
    if not rec["source"]:
        raise importers.RowError("source is empty: a target without its source is not imported")
    return int(rec["year"]), categories[rec["category"]], percent


# Oldest first, so that the UN's own names are the last word on country names.
SNAPSHOT_CONTRIBUTIONS = ("ipi_contributions_2009-11_2014-08.csv.gz", "un_dpo_contributions_2015-01_2025-07.csv.gz")
SNAPSHOT_TARGETS = "un_gender_parity_targets.csv"


@dataclass
class SnapshotResult:
    loaded: int = 0
    skipped: int = 0
    created: int = 0
    summaries: list[ImportSummary] = field(default_factory=list)


def snapshot_load(
    *, directory: Path | str, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> SnapshotResult:
    """Load the shipped data snapshot; a file whose sha256 already has a DataRelease is skipped unread."""
    directory = Path(directory)
    paths = [directory / name for name in (*SNAPSHOT_CONTRIBUTIONS, SNAPSHOT_TARGETS)]
    absent = [str(p) for p in paths if not p.is_file()]
    if absent:
        raise FileNotFoundError(f"snapshot file(s) missing: {', '.join(absent)}")
    result = SnapshotResult()
    for path in paths[:-1]:
        release = DataRelease.objects.filter(sha256=importers.file_sha256(path)).first()
        if release is not None:
            result.skipped += 1
            say(stdout, f"{path.name}: already loaded (release #{release.pk}, {release.imported_at:%Y-%m-%d %H:%M})")
            continue
        summary = contributions_import(path=path, stdout=stdout, stderr=stderr)
        result.loaded += 1
        result.created += summary.created
        result.summaries.append(summary)
    say(stdout, f"{SNAPSHOT_TARGETS}:")
    targets_import(path=paths[-1], stdout=stdout)
    return result
