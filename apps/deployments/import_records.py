"""What every contributions import shares, whatever the database: resolving parsed rows to ids (countries and
missions created on first sight, aliases kept) into records of STAGE_COLUMNS, and the plan of what to write.

The writers are apps.deployments.import_postgres (COPY) and apps.deployments.import_sqlite (any other backend);
apps.deployments.services runs the import.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from django.db.models import Max, Min

from apps.deployments import importers
from apps.deployments.models import Contribution, Country, CountryAlias, Mission, PersonnelType
from apps.deployments.reference import COUNTRY_ALIASES, MISSIONS, UN_SHORT_NAMES
from apps.deployments.rows import Row

# Fields whose difference makes a row "updated"; provenance fields follow the values, they do not count.
VALUE_FIELDS = ("female", "male", "total", "quality_flags")
# Countries are renamed only by the UN's own file; other layouts' spellings become aliases.
NAME_AUTHORITY = importers.UN_MONTHLY
ALIAS_SOURCE = {importers.UN_MONTHLY: "un_pdf", importers.IPI_LONG: "ipi", importers.DATA_HUB: "data_hub"}


def say(stream: TextIO | None, text: str) -> None:
    """One progress line on the command's stream (flushed: imports take seconds)."""
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


class Resolver:
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
