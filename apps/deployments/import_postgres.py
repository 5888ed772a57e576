"""The import's writer on PostgreSQL: rows stream through binary COPY as they are parsed.

A row whose month has no stored row yet (a first import, next month's file) cannot match anything: it is copied
straight into the contributions table. The other rows go into a TEMP stage, diffed against the table at the end
in one hash join, and written with one `UPDATE … FROM` (recording each change) and one `INSERT … SELECT`. When the
new rows are many (BULK_MIN_ROWS, and at least half the table) the table is loaded the way pg_restore does:
secondary indexes and foreign keys dropped before the rows go in, rebuilt and re-validated once at the end.
Everything runs in the caller's transaction; the summary refresh needs the months returned by `finish`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

from django.db import OperationalError, ProgrammingError, connection, transaction
from django.utils import timezone

from apps.deployments.import_records import STAGE_COLUMNS, VALUE_FIELDS, say
from apps.deployments.models import Contribution, ContributionChange, DataRelease

BULK_MIN_ROWS = 10_000
BULK_LOCK_WAIT = "5s"
_TABLE_COLUMNS = (*STAGE_COLUMNS, "release_id", "source_file")
# The months the table holds, one index probe each (a loose scan of the (month, personnel type) index): cheap
# whatever the table's size, where SELECT DISTINCT would read every row.
_STORED_MONTHS = (
    "WITH RECURSIVE m AS (SELECT min(month) AS month FROM {table}"
    " UNION ALL SELECT (SELECT min(month) FROM {table} WHERE month > m.month) FROM m WHERE m.month IS NOT NULL)"
    " SELECT month FROM m WHERE month IS NOT NULL"
)

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
def pg_settings(cur, **settings: str) -> Iterator[None]:
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


class Writer:
    """One import's rows into PostgreSQL; `add` per chunk of resolved records, then `finish` once."""

    def __init__(self, cur, release: Callable[[], DataRelease], stderr: TextIO | None) -> None:
        self.cur, self.release, self.stderr = cur, release, stderr
        self.table = Contribution._meta.db_table
        cur.execute(_STORED_MONTHS.format(table=self.table))
        self.stored_months = {row[0] for row in cur.fetchall()}
        self.direct = 0  # rows copied straight into the table
        self.direct_months: set[dt.date] = set()
        self.staged = 0
        self.restore: list[str] | None = None  # None: not decided yet whether to load in bulk
        # ON COMMIT DROP cleans up; an earlier import in the same outer transaction may have left them behind.
        cur.execute("DROP TABLE IF EXISTS pg_temp.contribution_stage, pg_temp.contribution_diff")

    def add(self, records: Iterable[tuple]) -> None:
        stored = self.stored_months
        direct: list[tuple] = []
        staged: list[tuple] = []
        for rec in records:
            (staged if rec[3] in stored else direct).append(rec)
        if staged:
            if not self.staged:
                self.cur.execute(_STAGE_DDL)
            self.staged += len(staged)
            _copy(self.cur, "contribution_stage", STAGE_COLUMNS, staged)
        if direct:
            self._decide_bulk(self.direct + len(direct))
            release = self.release()
            tail = (release.pk, release.file_name)
            self.direct += len(direct)
            self.direct_months.update({rec[3] for rec in direct})
            _copy(self.cur, self.table, _TABLE_COLUMNS, (rec + tail for rec in direct))

    def _decide_bulk(self, new_rows: int) -> None:
        """Once the new rows reach BULK_MIN_ROWS: drop the indexes if they are at least half the table."""
        if self.restore is not None or new_rows < BULK_MIN_ROWS:
            return
        self.cur.execute(f"SELECT count(*) FROM {self.table}")
        before = self.cur.fetchone()[0] - self.direct
        self.restore = _bulk_prepare(self.cur) if new_rows * 2 >= before else []

    def finish(self) -> tuple[int, int, set[dt.date]]:
        """Diff and write the staged rows, rebuild what a bulk load dropped; (created, updated, months written)."""
        created, updated, months = self.direct, 0, set(self.direct_months)
        if self.staged:
            new, updated, changed_months = self._write_staged()
            created += new
            months |= changed_months
        if self.restore:
            say(self.stderr, f"  rebuilding {len(self.restore)} indexes and foreign keys")
            for statement in self.restore:
                self.cur.execute(statement)
        return created, updated, months

    def _write_staged(self) -> tuple[int, int, set[dt.date]]:
        cur, table = self.cur, self.table
        old_values = ", ".join(f"t.{f} AS old_{f}" for f in VALUE_FIELDS)
        join = f"FROM contribution_stage s LEFT JOIN {table} t ON {_SAME_KEY}"
        # One hash join of the stage against the table. Left alone the planner picks ~100k index probes instead
        # (it badly overestimates hash bucket sizes for a four-column key of low-cardinality columns).
        with pg_settings(cur, enable_nestloop="off", enable_mergejoin="off"):
            cur.execute(
                "SELECT count(*) FILTER (WHERE t.id IS NULL),"
                f" count(*) FILTER (WHERE t.id IS NOT NULL AND ({_VALUES_DIFFER})) {join}"
            )
            created, updated = cur.fetchone()
            if not (created or updated):  # re-importing the same data: nothing to write
                return 0, 0, set()
            cur.execute(
                "CREATE TEMP TABLE contribution_diff ON COMMIT DROP AS"
                f" SELECT s.*, t.id AS existing_id, {old_values}, t.id IS NOT NULL AS changed {join}"
                f" WHERE t.id IS NULL OR {_VALUES_DIFFER}"
            )
        cur.execute("SELECT DISTINCT month FROM contribution_diff")
        months = {row[0] for row in cur.fetchall()}
        release = self.release()
        say(self.stderr, f"  writing {created:,} new and {updated:,} changed rows of months already stored")
        params = {"release": release.pk, "file": release.file_name, "now": timezone.now()}
        if updated:
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
        if created:
            self._decide_bulk(self.direct + created)
            columns = ", ".join(STAGE_COLUMNS)
            cur.execute(
                f"INSERT INTO {table} ({columns}, release_id, source_file)"
                f" SELECT {columns}, %(release)s, %(file)s FROM contribution_diff WHERE NOT changed"
                " ORDER BY source_line",
                params,
            )
        return created, updated, months


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
    if keys:
        # Rows this import already wrote with the keys in place (before the bulk load was decided) left deferred
        # checks pending, and a key with pending checks cannot be dropped: run them now.
        cur.execute(f"SET CONSTRAINTS {', '.join(quoted(name) for name, _ in keys)} IMMEDIATE")
    for name, _ in keys:
        cur.execute(f"ALTER TABLE {quoted(table)} DROP CONSTRAINT {quoted(name)}")
    for name, _ in indexes:
        cur.execute(f"DROP INDEX {name}")
    restore = [definition for _, definition in indexes]
    restore += [f"ALTER TABLE {quoted(table)} ADD CONSTRAINT {quoted(name)} {definition}" for name, definition in keys]
    return restore
