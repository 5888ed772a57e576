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

from django.db import OperationalError, ProgrammingError, connection, transaction
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


def _countries_ensure(rows: list[Row], layout: str) -> tuple[dict[str, int], list[tuple[int, str, str]]]:
    """ISO3 → id, creating countries on first sight; also returns alias candidates (country id, name, source)."""
    names: dict[str, str] = {}
    for row in rows:
        if row.iso3 not in names:
            # Only the UN's own file names countries; elsewhere prefer the UN short name when we know it.
            names[row.iso3] = (
                row.country_name if layout == NAME_AUTHORITY else UN_SHORT_NAMES.get(row.iso3, row.country_name)
            )
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
    ids = dict(Country.objects.filter(iso3__in=names).values_list("iso3", "id"))
    spellings = {(row.iso3, row.country_as_printed) for row in rows if row.country_as_printed}
    aliases.extend((ids[iso3], name, ALIAS_SOURCE[layout]) for iso3, name in sorted(spellings))
    return ids, aliases


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


def _missions_ensure(acronyms: set[str]) -> tuple[dict[str, int], list[str]]:
    """Acronym → id, creating missions from the reference list; unknown acronyms are created as 'other'."""
    existing = set(Mission.objects.filter(acronym__in=acronyms).values_list("acronym", flat=True))
    warnings: list[str] = []
    new = []
    for acronym in sorted(acronyms - existing):
        fact = MISSIONS.get(acronym)
        if fact is None:
            warnings.append(f"mission {acronym!r} is not in the reference list; created with kind 'other'")
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


def _resolve(rows: list[Row], country_ids: dict, mission_ids: dict, type_ids: dict) -> list[tuple]:
    return [
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
    ]


# --- SQLite (and any other backend): diff in Python, one prepared statement per kind of write -------------


def _plan_python(records: list[tuple]) -> _Plan:
    """Current contributions for the months in the file, compared row by row."""
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
    try:
        yield
    finally:
        for name, value in zip(names, previous, strict=True):
            cur.execute("SELECT set_config(%s, %s, true)", [name, value])


def _plan_postgres(records: list[tuple]) -> _Plan:
    """Stage the rows; when the table already has rows for these months, diff them in one join."""
    plan = _Plan()
    months = sorted({r[3] for r in records})
    table = Contribution._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE month = ANY(%s))", [months])
        if not cur.fetchone()[0]:
            plan.new, plan.created = records, len(records)  # nothing to compare with: every row is new
            return plan
        # ON COMMIT DROP cleans up; an earlier import in the same outer transaction may have left them behind.
        cur.execute("DROP TABLE IF EXISTS pg_temp.contribution_stage, pg_temp.contribution_diff")
        cur.execute(_STAGE_DDL)
        _copy(cur, "contribution_stage", STAGE_COLUMNS, records)
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
        if plan.new:  # every row is new: copy them straight in
            extra = (release.pk, release.file_name)
            _copy(cur, table, (*STAGE_COLUMNS, "release_id", "source_file"), (r + extra for r in plan.new))
        else:
            columns = ", ".join(STAGE_COLUMNS)
            cur.execute(
                f"INSERT INTO {table} ({columns}, release_id, source_file)"
                f" SELECT {columns}, %(release)s, %(file)s FROM contribution_diff WHERE existing_id IS NULL"
                " ORDER BY source_line",
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


@transaction.atomic
def _apply(parsed: importers.ParsedFile, summary: ImportSummary, stderr: TextIO | None) -> None:
    """Diff the parsed rows against the database and write the difference in one transaction."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        # One import at a time: the diff below is computed from a read of the current rows.
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('deployments.contributions_import'))")
    rows = parsed.rows
    country_ids, alias_candidates = _countries_ensure(rows, parsed.layout)
    mission_ids, summary.warnings = _missions_ensure({r.mission for r in rows if r.mission})
    type_ids = dict(PersonnelType.objects.values_list("code", "id"))
    summary.warnings += country_aliases_sync(candidates=alias_candidates)

    records = _resolve(rows, country_ids, mission_ids, type_ids)
    if not postgres:
        _finish(parsed, summary, _plan_python(records), stderr)
        return
    with connection.cursor() as cur, _pg_settings(cur, work_mem="64MB", jit="off"):
        # Room for the diff's hash join in memory; JIT compiles for longer than these statements run.
        _finish(parsed, summary, _plan_postgres(records), stderr)


def _finish(parsed: importers.ParsedFile, summary: ImportSummary, plan: _Plan, stderr: TextIO | None) -> None:
    """Record the counts; unless the same file brought nothing new, create its release and write."""
    summary.created, summary.updated = plan.created, plan.updated
    summary.unchanged = len(parsed.rows) - plan.created - plan.updated

    previous = DataRelease.objects.filter(sha256=summary.sha256).order_by("-imported_at").first()
    if previous and not plan.created and not plan.updated:
        summary.already_imported, summary.release_id = True, previous.pk
        return
    release = DataRelease.objects.create(
        file_name=summary.file_name,
        sha256=summary.sha256,
        layout=parsed.layout,
        rows_read=parsed.rows_read,
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        rejected=summary.rejected,
        rejections=[r.as_dict() for r in summary.rejections],
        warnings=summary.warnings,
    )
    summary.release_id = release.pk
    _write(stderr, f"  writing {plan.created:,} new and {plan.updated:,} changed rows")
    if connection.vendor == "postgresql":
        _write_postgres(plan, release, stderr)
    else:
        _write_python(plan, release)
    missions_span_update()


def contributions_import(
    *, path: Path | str, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> ImportSummary:
    """Import one official contributions file (any known layout, .csv or .csv.gz); idempotent per row."""
    started = time.perf_counter()
    path = Path(path)
    sha = importers.file_sha256(path)
    _write(stderr, f"{path.name}: reading")
    parsed = importers.read_rows(path, progress=lambda n: _write(stderr, f"  … {n:,} rows read"))
    summary = ImportSummary(
        file_name=path.name,
        sha256=sha,
        layout=parsed.layout,
        rows_read=parsed.rows_read,
        rejections=parsed.rejections,
    )
    _apply(parsed, summary, stderr)
    summary.seconds = time.perf_counter() - started
    if summary.release_id and not summary.already_imported:
        DataRelease.objects.filter(pk=summary.release_id).update(duration_seconds=summary.seconds)
    for text in summary.lines():
        _write(stdout, text)
    return summary


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
