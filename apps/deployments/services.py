"""Writes to the domain: importing official contributions and gender targets."""

from __future__ import annotations

import csv
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
    ProgrammingError,
    connection,
    transaction,
)
from django.db.models import Max, Min
from django.utils import timezone

from apps.deployments import importers
from apps.deployments.importers import Rejection, Row
from apps.deployments.models import (
    Contribution,
    ContributionChange,
    Country,
    CountryAlias,
    DataRelease,
    GenderTarget,
    Mission,
    PersonnelType,
    TargetCategory,
)
from apps.deployments.reference import COUNTRY_ALIASES, MISSIONS, UN_SHORT_NAMES
from apps.deployments.summary import summary_refresh

SHOWN_REJECTIONS = 20
# Fields whose difference makes a row "updated"; provenance fields follow the values, they do not count.
VALUE_FIELDS = ("female", "male", "total", "quality_flags")
# Countries are renamed only by the UN's own file; other layouts' spellings become aliases.
NAME_AUTHORITY = importers.UN_MONTHLY
ALIAS_SOURCE = {importers.UN_MONTHLY: "un_pdf", importers.IPI_LONG: "ipi", importers.DATA_HUB: "data_hub"}


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


def _write(stream: TextIO | None, text: str) -> None:
    if stream is not None:
        stream.write(text + ("" if text.endswith("\n") else "\n"))
        stream.flush()


def _countries_ensure(names: dict[str, str], layout: str) -> tuple[dict[str, int], list[tuple[int, str, str]]]:
    """ISO3 → id for the given countries (ISO3 → name in the file), creating them on first sight; also returns
    the previous names of countries the UN's file renames, as alias candidates (country id, name, source)."""
    if layout != NAME_AUTHORITY:  # only the UN's own file names countries; elsewhere prefer the UN short name
        names = {iso3: UN_SHORT_NAMES.get(iso3, name) for iso3, name in names.items()}
    existing = {c.iso3: c for c in Country.objects.filter(iso3__in=names)}
    Country.objects.bulk_create([Country(iso3=iso3, name=name) for iso3, name in names.items() if iso3 not in existing])
    aliases: list[tuple[int, str, str]] = []
    renamed = []
    if layout == NAME_AUTHORITY:
        for iso3, country in existing.items():
            if country.name != names[iso3]:
                aliases.append((country.pk, country.name, "previous name"))
                country.name = names[iso3]
                renamed.append(country)
    Country.objects.bulk_update(renamed, ["name"])
    return dict(Country.objects.filter(iso3__in=names).values_list("iso3", "id")), aliases


def country_aliases_sync(*, candidates: list[tuple[int, str, str]] = ()) -> list[str]:
    """Add the reference aliases of every known country plus the given candidates; returns conflicts."""
    by_iso = dict(Country.objects.values_list("iso3", "id"))
    country_names = dict(Country.objects.values_list("id", "name"))
    # Spellings seen in a file come first, so they keep the source they were seen in.
    wanted = list(candidates)
    wanted.extend((by_iso[iso3], name, source) for iso3, name, source in COUNTRY_ALIASES if iso3 in by_iso)
    taken = dict(CountryAlias.objects.values_list("name", "country_id"))
    conflicts: list[str] = []
    new: dict[str, CountryAlias] = {}
    for country_id, name, source in wanted:
        if not name or name == country_names.get(country_id):
            continue
        owner = taken.get(name) or (new[name].country_id if name in new else None)
        if owner is None:
            new[name] = CountryAlias(country_id=country_id, name=name, source=source)
        elif owner != country_id:
            conflicts.append(f"alias {name!r} already belongs to country #{owner}, not added for #{country_id}")
    CountryAlias.objects.bulk_create(new.values())
    return conflicts


def _missions_ensure(acronyms: dict[str, int]) -> tuple[dict[str, int], list[str]]:
    """Acronym → id for the given acronyms (→ first line in the file), creating missions from the reference list;
    unknown acronyms are created as 'other' with a warning naming the line they were first seen on."""
    existing = set(Mission.objects.filter(acronym__in=acronyms).values_list("acronym", flat=True))
    warnings: list[str] = []
    new = []
    for acronym in sorted(acronyms.keys() - existing):
        fact = MISSIONS.get(acronym)
        if fact is None:
            warnings.append(
                f"mission {acronym!r} (first on line {acronyms[acronym]}) is not in the reference list;"
                " created with kind 'other'"
            )
            new.append(Mission(acronym=acronym, kind=Mission.Kind.OTHER))
        else:
            new.append(
                Mission(
                    acronym=acronym,
                    name=fact.name,
                    kind=fact.kind,
                    host_places=", ".join(fact.host_places),
                    start_date=fact.start_date,
                    end_date=fact.end_date,
                )
            )
    Mission.objects.bulk_create(new)
    return dict(Mission.objects.filter(acronym__in=acronyms).values_list("acronym", "id")), warnings


def missions_span_update() -> None:
    """Record each mission's first and last month in the imported data."""
    spans = {
        r["mission"]: (r["first"], r["last"])
        for r in Contribution.objects.order_by()
        .filter(mission__isnull=False)
        .values("mission")
        .annotate(first=Min("month"), last=Max("month"))
    }
    missions = list(Mission.objects.all())
    for m in missions:
        m.first_month, m.last_month = spans.get(m.pk, (None, None))
    Mission.objects.bulk_update(missions, ["first_month", "last_month"])


# A resolved row: (country_id, mission_id, personnel_type_id, month, female, male, total, quality_flags,
#                 source_line, source_document, country_as_printed)
STAGE_COLUMNS = (
    "country_id",
    "mission_id",
    "personnel_type_id",
    "month",
    "female",
    "male",
    "total",
    "quality_flags",
    "source_line",
    "source_document",
    "country_as_printed",
)
# New rows of at least this many, and at least half the size of the table, are loaded the way pg_restore does:
# secondary indexes and foreign keys dropped, rows copied, indexes rebuilt and keys re-validated in one pass each.
BULK_MIN_ROWS = 10_000
BULK_LOCK_WAIT = "5s"


@dataclass
class _Plan:
    """What the import will write: counts, and the rows themselves where they are diffed in Python."""

    new: list[tuple] = field(default_factory=list)
    changed: list[tuple[tuple, tuple]] = field(default_factory=list)  # (resolved row, (id, *old values))
    created: int = 0
    updated: int = 0
    all_new: bool = False  # PostgreSQL: no stored row shares a month with the file, the whole stage is new


class _Resolver:
    """Parsed rows → resolved records, chunk by chunk: countries and missions are created on first sight."""

    def __init__(self, layout: str) -> None:
        self.layout = layout
        self.country_ids: dict[str, int] = {}
        self.mission_ids: dict[str, int] = {}
        self.type_ids = dict(PersonnelType.objects.values_list("code", "id"))
        self.previous_names: list[tuple[int, str, str]] = []
        self.spellings: set[tuple[str, str]] = set()
        self.mission_warnings: list[str] = []
        self.rows = 0

    def records(self, rows: list[Row]) -> Iterator[tuple]:
        """Ensure the chunk's countries and missions exist; then its rows as STAGE_COLUMNS tuples."""
        country_ids, mission_ids, type_ids = self.country_ids, self.mission_ids, self.type_ids
        names: dict[str, str] = {}
        acronyms: dict[str, int] = {}
        for r in rows:
            if r.iso3 not in country_ids and r.iso3 not in names:
                names[r.iso3] = r.country_name
            if r.mission and r.mission not in mission_ids and r.mission not in acronyms:
                acronyms[r.mission] = r.line
        if names:
            ids, previous = _countries_ensure(names, self.layout)
            country_ids.update(ids)
            self.previous_names += previous
        if acronyms:
            ids, warnings = _missions_ensure(acronyms)
            mission_ids.update(ids)
            self.mission_warnings += warnings
        self.spellings.update((r.iso3, r.country_as_printed) for r in rows if r.country_as_printed)
        self.rows += len(rows)
        return (
            (
                country_ids[r.iso3],
                mission_ids[r.mission] if r.mission else None,
                type_ids[r.personnel_type],
                r.month,
                r.female,
                r.male,
                r.total,
                r.quality_flags,
                r.line,
                r.source_document,
                r.country_as_printed,
            )
            for r in rows
        )

    def warnings(self) -> list[str]:
        """Sync the aliases this file brought (previous names, spellings as printed); all warnings, sorted."""
        ids = self.country_ids
        source = ALIAS_SOURCE[self.layout]
        candidates = self.previous_names + [(ids[iso3], name, source) for iso3, name in sorted(self.spellings)]
        return sorted(self.mission_warnings) + country_aliases_sync(candidates=candidates)


# --- SQLite (and any other backend): diff in Python, one prepared statement per kind of write -------------


def _plan_python(records: list[tuple]) -> _Plan:
    """Current contributions for the months of these records (one chunk), compared row by row."""
    months = {r[3] for r in records}
    current = Contribution.objects.filter(month__in=months).values_list(
        "country_id", "mission_id", "personnel_type_id", "month", "id", *VALUE_FIELDS
    )
    existing = {r[:4]: r[4:] for r in current.iterator(chunk_size=20_000)}
    plan = _Plan()
    for rec in records:
        found = existing.get(rec[:4])
        if found is None:
            plan.new.append(rec)
        elif found[1:] != rec[4:8]:
            plan.changed.append((rec, found))
    plan.created, plan.updated = len(plan.new), len(plan.changed)
    return plan


def _write_python(plan: _Plan, release: DataRelease) -> None:
    table = Contribution._meta.db_table
    name = release.file_name
    with connection.cursor() as cur:
        if plan.new:
            columns = (*STAGE_COLUMNS, "release_id", "source_file")
            placeholders = ", ".join(["%s"] * len(columns))
            cur.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
                [(*r[:3], r[3].isoformat(), *r[4:], release.pk, name) for r in plan.new],
            )
        if plan.changed:
            columns = (*STAGE_COLUMNS[4:], "release_id", "source_file")
            assignments = ", ".join(f"{col} = %s" for col in columns)
            cur.executemany(
                f"UPDATE {table} SET {assignments} WHERE id = %s",
                [(*r[4:], release.pk, name, found[0]) for r, found in plan.changed],
            )
    now = timezone.now()
    ContributionChange.objects.bulk_create(
        (
            ContributionChange(
                contribution_id=found[0],
                release=release,
                changed_at=now,
                changes={
                    f: [old, new] for f, old, new in zip(VALUE_FIELDS, found[1:], r[4:8], strict=True) if old != new
                },
            )
            for r, found in plan.changed
        ),
        batch_size=2_000,
    )


# --- PostgreSQL: COPY into a temporary table, diff and write with set-based SQL ------------------------------

_STAGE_DDL = (
    "CREATE TEMP TABLE contribution_stage (country_id bigint, mission_id bigint, personnel_type_id bigint,"
    " month date, female integer, male integer, total integer, quality_flags text, source_line integer,"
    " source_document text, country_as_printed text) ON COMMIT DROP"
)
# Written as four equalities so the planner can hash-join the whole file against the table in one pass
# (ids start at 1, so 0 stands for "no mission" on both sides).
_SAME_KEY = (
    "t.country_id = s.country_id AND t.personnel_type_id = s.personnel_type_id AND t.month = s.month"
    " AND coalesce(t.mission_id, 0) = coalesce(s.mission_id, 0)"
)
_VALUES_DIFFER = " OR ".join(f"t.{f} IS DISTINCT FROM s.{f}" for f in VALUE_FIELDS)


# Binary COPY: the server skips parsing text (about a third less time than text COPY for these rows).
_COPY_TYPES = {
    "country_id": "int8",
    "mission_id": "int8",
    "personnel_type_id": "int8",
    "month": "date",
    "female": "int4",
    "male": "int4",
    "total": "int4",
    "quality_flags": "text",
    "source_line": "int4",
    "source_document": "text",
    "country_as_printed": "text",
    "release_id": "int8",
    "source_file": "text",
}


def _copy(cur, table: str, columns: tuple[str, ...], records) -> None:
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types([_COPY_TYPES[c] for c in columns])
        for rec in records:
            copy.write_row(rec)


@contextmanager
def _pg_settings(cur, **settings: str) -> Iterator[None]:
    """Set PostgreSQL settings for the statements inside, then put the previous values back."""
    names = list(settings)
    cur.execute("SELECT " + ", ".join("current_setting(%s)" for _ in names), names)
    previous = cur.fetchone()
    for name, value in settings.items():
        cur.execute("SELECT set_config(%s, %s, true)", [name, value])
    yield
    # Not on an error: the transaction (or savepoint) is rolled back, and that undoes set_config(…, true) too;
    # and a lost connection must surface as itself, not as a failure to restore a setting.
    for name, value in zip(names, previous, strict=True):
        cur.execute("SELECT set_config(%s, %s, true)", [name, value])


class _Stage:
    """The file's resolved rows, copied chunk by chunk into a temporary table (binary COPY)."""

    def __init__(self, cur) -> None:
        self.cur = cur
        self.rows = 0
        self.months: set = set()
        # ON COMMIT DROP cleans up; an earlier import in the same outer transaction may have left them behind.
        cur.execute("DROP TABLE IF EXISTS pg_temp.contribution_stage, pg_temp.contribution_diff")
        cur.execute(_STAGE_DDL)

    def add(self, records: Iterator[tuple]) -> None:
        records = list(records)
        self.rows += len(records)
        self.months.update({r[3] for r in records})
        _copy(self.cur, "contribution_stage", STAGE_COLUMNS, records)


def _plan_postgres(stage: _Stage) -> _Plan:
    """When the table already has rows for the staged months, diff them in one join; else everything is new."""
    plan = _Plan()
    table = Contribution._meta.db_table
    cur = stage.cur
    cur.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE month = ANY(%s))", [sorted(stage.months)])
    if not cur.fetchone()[0]:
        plan.all_new, plan.created = True, stage.rows  # nothing to compare with: every row is new
        return plan
    old_values = ", ".join(f"t.{f} AS old_{f}" for f in VALUE_FIELDS)
    join = f"FROM contribution_stage s LEFT JOIN {table} t ON {_SAME_KEY}"
    # One hash join of the file against the table. Left alone the planner picks ~100k index probes instead
    # (it badly overestimates hash bucket sizes for a four-column key of low-cardinality columns).
    with _pg_settings(cur, enable_nestloop="off", enable_mergejoin="off"):
        cur.execute(
            "SELECT count(*) FILTER (WHERE t.id IS NULL),"
            f" count(*) FILTER (WHERE t.id IS NOT NULL AND ({_VALUES_DIFFER})) {join}"
        )
        plan.created, plan.updated = cur.fetchone()
        if plan.created or plan.updated:  # keep just the rows to write (none when re-importing the same data)
            cur.execute(
                "CREATE TEMP TABLE contribution_diff ON COMMIT DROP AS"
                f" SELECT s.*, t.id AS existing_id, {old_values}, t.id IS NOT NULL AS changed {join}"
                f" WHERE t.id IS NULL OR {_VALUES_DIFFER}"
            )
    return plan


def _write_postgres(plan: _Plan, release: DataRelease, stderr: TextIO | None) -> None:
    table = Contribution._meta.db_table
    params = {"release": release.pk, "file": release.file_name, "now": timezone.now()}
    with connection.cursor() as cur:
        if plan.updated:
            # One statement: update the changed rows and record each change (old → new) with this release.
            changes = " || ".join(
                f"CASE WHEN d.old_{f} IS DISTINCT FROM d.{f}"
                f" THEN jsonb_build_object('{f}', jsonb_build_array(d.old_{f}, d.{f})) ELSE '{{}}'::jsonb END"
                for f in VALUE_FIELDS
            )
            assignments = ", ".join(f"{c} = d.{c}" for c in STAGE_COLUMNS[4:])
            cur.execute(
                "WITH d AS MATERIALIZED (SELECT * FROM contribution_diff WHERE changed),"
                f" u AS (UPDATE {table} t SET {assignments}, release_id = %(release)s, source_file = %(file)s"
                "        FROM d WHERE t.id = d.existing_id)"
                f" INSERT INTO {ContributionChange._meta.db_table} (contribution_id, release_id, changed_at, changes)"
                f" SELECT d.existing_id, %(release)s, %(now)s, {changes} FROM d ORDER BY d.source_line",
                params,
            )
        if not plan.created:
            return
        cur.execute(f"SELECT count(*) FROM {table}")
        bulk = plan.created >= BULK_MIN_ROWS and plan.created * 2 >= cur.fetchone()[0]
        restore = _bulk_prepare(cur) if bulk else []
        columns = ", ".join(STAGE_COLUMNS)
        if plan.all_new:  # the staged rows, in file order as they were copied
            source = "contribution_stage"
        else:
            source = "contribution_diff WHERE existing_id IS NULL ORDER BY source_line"
        cur.execute(
            f"INSERT INTO {table} ({columns}, release_id, source_file)"
            f" SELECT {columns}, %(release)s, %(file)s FROM {source}",
            params,
        )
        if restore:
            _write(stderr, f"  rebuilding {len(restore)} indexes and foreign keys")
            for statement in restore:
                cur.execute(statement)


def _bulk_prepare(cur) -> list[str]:
    """Take the table and drop its secondary indexes and keys; returns the statements restoring them, or [].

    Dropping indexes locks out readers until commit (a few seconds for a full file). When a long read holds the
    table, readers would queue behind the waiting import, so after BULK_LOCK_WAIT the import writes row by row
    instead (slower, but it blocks nobody); the same when the database user may not drop indexes.
    """
    table = connection.ops.quote_name(Contribution._meta.db_table)
    try:
        with transaction.atomic():
            cur.execute("SELECT current_setting('lock_timeout')")
            previous = cur.fetchone()[0]
            cur.execute("SELECT set_config('lock_timeout', %s, true)", [BULK_LOCK_WAIT])
            cur.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
            cur.execute("SELECT set_config('lock_timeout', %s, true)", [previous])
            return _drop_secondary_indexes_and_keys(cur)
    except (OperationalError, ProgrammingError):  # lock timeout, not the owner: the savepoint rolled it all back
        return []


def _drop_secondary_indexes_and_keys(cur) -> list[str]:
    """Drop the contribution table's foreign keys and secondary indexes; returns the statements restoring them.

    Definitions come from the catalog (pg_get_indexdef / pg_get_constraintdef), so the same names and definitions
    come back as the migrations made them. Indexes that back a constraint (the primary key, UNIQUE constraints)
    stay. This runs inside the import's transaction: the table is locked until commit, and a failure (a duplicate
    in a unique index, a dangling key) rolls everything back.
    """
    table = Contribution._meta.db_table
    cur.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
        " WHERE i.indrelid = %s::regclass"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
        " ORDER BY 1",
        [table],
    )
    indexes = cur.fetchall()
    cur.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        [table],
    )
    keys = cur.fetchall()
    quoted = connection.ops.quote_name
    for name, _ in keys:
        cur.execute(f"ALTER TABLE {quoted(table)} DROP CONSTRAINT {quoted(name)}")
    for name, _ in indexes:
        cur.execute(f"DROP INDEX {name}")
    restore = [definition for _, definition in indexes]
    restore += [f"ALTER TABLE {quoted(table)} ADD CONSTRAINT {quoted(name)} {definition}" for name, definition in keys]
    return restore


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
    if connection.vendor == "postgresql":
        # Room for the diff's hash join in memory; JIT compiles for longer than these statements run.
        with connection.cursor() as cur, _pg_settings(cur, work_mem="64MB", jit="off"):
            stage = _Stage(cur)
            for chunk in stream.chunks():
                stage.add(resolver.records(chunk))
            summary.warnings = resolver.warnings()
            plan = _plan_postgres(stage)
            summary.created, summary.updated = plan.created, plan.updated
            if plan.created or plan.updated or not previous:
                _write(stderr, f"  writing {plan.created:,} new and {plan.updated:,} changed rows")
                _write_postgres(plan, release.get(), stderr)
    else:
        for chunk in stream.chunks():
            plan = _plan_python(list(resolver.records(chunk)))
            if plan.created or plan.updated:
                _write_python(plan, release.get())
            summary.created += plan.created
            summary.updated += plan.updated
        summary.warnings = resolver.warnings()
        if summary.created or summary.updated:
            _write(stderr, f"  wrote {summary.created:,} new and {summary.updated:,} changed rows")
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
    summary_refresh(release_id=release.get().pk)  # the monthly summary of the months this release wrote


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
    _write(stderr, f"{path.name}: reading")

    def progress(rows: int) -> None:
        _write(stderr, f"  … {rows:,} rows read")

    with importers.RowStream(path, chunk_rows=chunk_rows, progress=progress) as stream:
        summary = ImportSummary(file_name=path.name, sha256=sha, layout=stream.layout, rejections=stream.rejections)
        try:
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
        _write(stdout, text)
    return summary


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
        _write(stdout, text)
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
            _write(stdout, f"{path.name}: already loaded (release #{release.pk}, {release.imported_at:%Y-%m-%d %H:%M})")
            continue
        summary = contributions_import(path=path, stdout=stdout, stderr=stderr)
        result.loaded += 1
        result.created += summary.created
        result.summaries.append(summary)
    _write(stdout, f"{SNAPSHOT_TARGETS}:")
    targets_import(path=paths[-1], stdout=stdout)
    return result
