"""The import's writer on SQLite (and any backend but PostgreSQL): each chunk diffed in Python against the stored
rows of its months, then written with one prepared statement per kind of write."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from apps.deployments.import_records import STAGE_COLUMNS, VALUE_FIELDS
from apps.deployments.models import Contribution, ContributionChange, DataRelease


@dataclass
class Plan:
    """What the import will write: counts, and the rows themselves where they are diffed in Python."""

    new: list[tuple] = field(default_factory=list)
    changed: list[tuple[tuple, tuple]] = field(default_factory=list)  # (resolved row, (id, *old values))
    created: int = 0
    updated: int = 0


def plan_chunk(records: list[tuple]) -> Plan:
    """Current contributions for the months of these records (one chunk), compared row by row."""
    months = {r[3] for r in records}
    current = Contribution.objects.filter(month__in=months).values_list(
        "country_id", "mission_id", "personnel_type_id", "month", "id", *VALUE_FIELDS
    )
    existing = {r[:4]: r[4:] for r in current.iterator(chunk_size=20_000)}
    plan = Plan()
    for rec in records:
        found = existing.get(rec[:4])
        if found is None:
            plan.new.append(rec)
        elif found[1:] != rec[4:8]:
            plan.changed.append((rec, found))
    plan.created, plan.updated = len(plan.new), len(plan.changed)
    return plan


def write_chunk(plan: Plan, release: DataRelease) -> None:
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
