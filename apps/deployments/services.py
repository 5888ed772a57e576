"""Writes to the domain: importing official contributions and gender targets."""

from __future__ import annotations

import csv
import datetime as dt
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

from django.db import connection, transaction
from django.db.models import Max, Min

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


Key = tuple[int, int | None, int, dt.date]


def _existing(months: set[dt.date]) -> dict[Key, tuple]:
    """Current contributions for the months in the file, keyed like the file's rows."""
    rows = Contribution.objects.filter(month__in=months).values_list(
        "country_id", "mission_id", "personnel_type_id", "month", "id", *VALUE_FIELDS
    )
    return {r[:4]: r[4:] for r in rows.iterator(chunk_size=20_000)}


INSERT_COLUMNS = (
    "country_id",
    "mission_id",
    "personnel_type_id",
    "month",
    "female",
    "male",
    "total",
    "quality_flags",
    "release_id",
    "source_file",
    "source_line",
    "source_document",
    "country_as_printed",
)
UPDATE_COLUMNS = ("id", *INSERT_COLUMNS[4:])


def _insert(records: list[tuple]) -> None:
    """Insert new contributions: COPY on PostgreSQL, batched bulk_create elsewhere."""
    if not records:
        return
    if connection.vendor == "postgresql":
        table = Contribution._meta.db_table
        with connection.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(INSERT_COLUMNS)}) FROM STDIN") as copy:
            for rec in records:
                copy.write_row(rec)
        return
    # SQLite: one prepared INSERT run over all rows; building 100k model instances would cost 10x more.
    table = Contribution._meta.db_table
    placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
    with connection.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {table} ({', '.join(INSERT_COLUMNS)}) VALUES ({placeholders})",
            [(*rec[:3], rec[3].isoformat(), *rec[4:]) for rec in records],
        )


def _update(records: list[tuple]) -> None:
    """Update changed contributions: COPY into a temp table + one UPDATE … FROM on PostgreSQL."""
    if not records:
        return
    if connection.vendor == "postgresql":
        table = Contribution._meta.db_table
        with connection.cursor() as cur:
            cur.execute(
                "CREATE TEMP TABLE contribution_update (id bigint PRIMARY KEY, female integer, male integer,"
                " total integer, quality_flags text, release_id bigint, source_file text, source_line integer,"
                " source_document text, country_as_printed text) ON COMMIT DROP"
            )
            with cur.copy(f"COPY contribution_update ({', '.join(UPDATE_COLUMNS)}) FROM STDIN") as copy:
                for rec in records:
                    copy.write_row(rec)
            assignments = ", ".join(f"{col} = u.{col}" for col in UPDATE_COLUMNS[1:])
            cur.execute(f"UPDATE {table} c SET {assignments} FROM contribution_update u WHERE c.id = u.id")
            cur.execute("DROP TABLE contribution_update")
        return
    assignments = ", ".join(f"{col} = %s" for col in UPDATE_COLUMNS[1:])
    with connection.cursor() as cur:
        cur.executemany(
            f"UPDATE {Contribution._meta.db_table} SET {assignments} WHERE id = %s",
            [(*rec[1:], rec[0]) for rec in records],
        )


@transaction.atomic
def _apply(parsed: importers.ParsedFile, summary: ImportSummary, stderr: TextIO | None) -> None:
    """Diff the parsed rows against the database and write the difference in one transaction."""
    if connection.vendor == "postgresql":
        # One import at a time: the diff below is computed from a read of the current rows.
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('deployments.contributions_import'))")
    rows = parsed.rows
    country_ids, alias_candidates = _countries_ensure(rows, parsed.layout)
    mission_ids, summary.warnings = _missions_ensure({r.mission for r in rows if r.mission})
    type_ids = dict(PersonnelType.objects.values_list("code", "id"))
    summary.warnings += country_aliases_sync(candidates=alias_candidates)

    existing = _existing({r.month for r in rows})
    new: list[tuple] = []
    changed: list[tuple[Row, tuple]] = []
    for row in rows:
        key = (
            country_ids[row.iso3],
            mission_ids[row.mission] if row.mission else None,
            type_ids[row.personnel_type],
            row.month,
        )
        current = existing.get(key)
        if current is None:
            new.append((*key, row))
        elif current[1:] != (row.female, row.male, row.total, row.quality_flags):
            changed.append((row, current))
    summary.created, summary.updated = len(new), len(changed)
    summary.unchanged = len(rows) - len(new) - len(changed)

    previous = DataRelease.objects.filter(sha256=summary.sha256).order_by("-imported_at").first()
    if previous and not new and not changed:
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
    name = summary.file_name
    _write(stderr, f"  writing {len(new):,} new and {len(changed):,} changed rows")
    _insert(
        [
            (
                *key,
                r.female,
                r.male,
                r.total,
                r.quality_flags,
                release.pk,
                name,
                r.line,
                r.source_document,
                r.country_as_printed,
            )
            for *key, r in new
        ]
    )
    _update(
        [
            (
                cur[0],
                r.female,
                r.male,
                r.total,
                r.quality_flags,
                release.pk,
                name,
                r.line,
                r.source_document,
                r.country_as_printed,
            )
            for r, cur in changed
        ]
    )
    ContributionChange.objects.bulk_create(
        (
            ContributionChange(
                contribution_id=cur[0],
                release=release,
                changes={
                    f: [old, new]
                    for f, old, new in zip(
                        VALUE_FIELDS, cur[1:], (r.female, r.male, r.total, r.quality_flags), strict=True
                    )
                    if old != new
                },
            )
            for r, cur in changed
        ),
        batch_size=2_000,
    )
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
