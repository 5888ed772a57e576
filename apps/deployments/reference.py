"""Reference facts: UN missions (from apps/ingest/pipeline/missions.toml), UN short names and other spellings of
contributing countries, personnel type labels.

Written by hand from public UN sources; the missions file says how its dates were chosen.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MissionFact:
    acronym: str
    name: str
    kind: str
    host_places: tuple[str, ...]
    start_date: dt.date | None = None
    end_date: dt.date | None = None


# The one list of missions is a data file the ingest pipeline owns (it recognises missions in text by the same
# list). Read by path: deployments sits below ingest and imports nothing of it.
MISSIONS_FILE = Path(__file__).resolve().parent.parent / "ingest" / "pipeline" / "missions.toml"


def _load_missions() -> list[MissionFact]:
    with MISSIONS_FILE.open("rb") as f:
        entries = tomllib.load(f)["mission"]
    return [
        MissionFact(m["acronym"], m["name"], m["kind"], tuple(m["hosts"]), m.get("start"), m.get("end"))
        for m in entries
    ]


MISSIONS: dict[str, MissionFact] = {m.acronym: m for m in _load_missions()}

# UN short names (UN Terminology / M49) for the countries whose name in the IPI file differs, so that a
# country first seen in an IPI file still gets its UN name.
UN_SHORT_NAMES: dict[str, str] = {
    "BOL": "Bolivia (Plurinational State of)",
    "BRN": "Brunei Darussalam",
    "CIV": "Côte d'Ivoire",
    "COD": "Democratic Republic of the Congo",
    "CZE": "Czechia",
    "IRN": "Iran (Islamic Republic of)",
    "KOR": "Republic of Korea",
    "MDA": "Republic of Moldova",
    "MKD": "North Macedonia",
    "TUR": "Türkiye",
    "TZA": "United Republic of Tanzania",
    "VNM": "Viet Nam",
    "SWZ": "Eswatini",
    "CPV": "Cabo Verde",
    "RUS": "Russian Federation",
    "USA": "United States of America",
    "GBR": "United Kingdom",
    "SYR": "Syrian Arab Republic",
    "LAO": "Lao People's Democratic Republic",
    "PRK": "Democratic People's Republic of Korea",
    "VEN": "Venezuela (Bolivarian Republic of)",
}

# (ISO3, alias, source). "ipi": spellings in the IPI Providing for Peacekeeping files; "common": names
# used in the news and in conversation. Truncated names printed in the UN PDFs are not listed here: the
# importer reads them from the `contributor_as_printed` column (source "un_pdf").
COUNTRY_ALIASES: list[tuple[str, str, str]] = [
    ("VNM", "Vietnam", "ipi"),
    ("CIV", "Cote d Ivoire", "ipi"),
    ("COD", "DR Congo", "ipi"),
    ("IRN", "Iran", "ipi"),
    ("BOL", "Bolivia", "ipi"),
    ("TZA", "Tanzania", "ipi"),
    ("KOR", "Republic of Korea", "ipi"),
    ("MKD", "Macedonia", "ipi"),
    ("MKD", "The former Yugoslav Republic of Macedonia", "ipi"),
    ("BRN", "Brunei", "ipi"),
    ("CZE", "Czech Republic", "ipi"),
    ("MDA", "Moldova", "ipi"),
    ("TUR", "Turkey", "ipi"),
    ("KOR", "South Korea", "common"),
    ("KOR", "Korea", "common"),
    ("GBR", "UK", "common"),
    ("GBR", "United Kingdom of Great Britain and Northern Ireland", "common"),
    ("GBR", "Britain", "common"),
    ("GBR", "Great Britain", "common"),
    ("USA", "USA", "common"),
    ("USA", "US", "common"),
    ("USA", "United States", "common"),
    ("TUR", "Turkiye", "common"),
    ("RUS", "Russia", "common"),
    ("CIV", "Ivory Coast", "common"),
    ("CIV", "Cote d'Ivoire", "common"),
    ("COD", "DRC", "common"),
    ("COD", "Congo-Kinshasa", "common"),
    ("COG", "Congo-Brazzaville", "common"),
    ("COG", "Republic of the Congo", "common"),
    ("SYR", "Syria", "common"),
    ("LAO", "Laos", "common"),
    ("PRK", "North Korea", "common"),
    ("VEN", "Venezuela", "common"),
    ("CPV", "Cape Verde", "common"),
    ("SWZ", "Swaziland", "common"),
    ("NLD", "Holland", "common"),
    ("NLD", "The Netherlands", "common"),
    ("PHL", "The Philippines", "common"),
    ("GMB", "The Gambia", "common"),
    ("TLS", "East Timor", "common"),
    ("MMR", "Burma", "common"),
    ("CHN", "PRC", "common"),
]

# Personnel type labels seen in the three layouts (and as printed in the UN PDFs) → PersonnelType.code.
PERSONNEL_TYPE_LABELS: dict[str, str] = {
    "troops": "troops",
    "troop": "troops",
    "contingent troop": "troops",
    "contingent troops": "troops",
    "contingent": "troops",
    "staff officer": "staff-officer",
    "staff officers": "staff-officer",
    "staff": "staff-officer",
    "mso": "staff-officer",
    "experts on mission": "experts-on-mission",
    "expert on mission": "experts-on-mission",
    "experts": "experts-on-mission",
    "unmem": "experts-on-mission",
    "military observers": "experts-on-mission",
    "individual police": "individual-police",
    "ind police": "individual-police",
    "police": "individual-police",
    "unpol": "individual-police",
    "formed police units": "formed-police-units",
    "formed police unit": "formed-police-units",
    "fpu": "formed-police-units",
}
