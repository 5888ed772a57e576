"""Reference facts: UN missions, UN short names and other spellings of contributing countries.

Written by hand from public UN sources. Dates are those of the Security Council resolution (or, for
offices set up by an exchange of letters, the date the office opened) and the closure of the mission;
a date is left as None where it is not well established, rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PEACEKEEPING = "peacekeeping"
POLITICAL = "political"
OTHER = "other"


@dataclass(frozen=True)
class MissionFact:
    acronym: str
    name: str
    kind: str
    host_places: tuple[str, ...]
    start_date: dt.date | None = None
    end_date: dt.date | None = None


def _d(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


_MISSIONS = [
    # --- Peacekeeping operations, active -----------------------------------------------------------
    MissionFact(
        "MINURSO",
        "United Nations Mission for the Referendum in Western Sahara",
        PEACEKEEPING,
        ("Western Sahara",),
        _d("1991-04-29"),
    ),
    MissionFact(
        "MINUSCA",
        "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
        PEACEKEEPING,
        ("Central African Republic",),
        _d("2014-04-10"),
    ),
    MissionFact(
        "MONUSCO",
        "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
        PEACEKEEPING,
        ("Democratic Republic of the Congo", "DRC", "Congo"),
        _d("2010-05-28"),
    ),
    MissionFact(
        "UNDOF",
        "United Nations Disengagement Observer Force",
        PEACEKEEPING,
        ("Golan", "Syrian Arab Republic", "Syria"),
        _d("1974-05-31"),
    ),
    MissionFact("UNFICYP", "United Nations Peacekeeping Force in Cyprus", PEACEKEEPING, ("Cyprus",), _d("1964-03-04")),
    MissionFact("UNIFIL", "United Nations Interim Force in Lebanon", PEACEKEEPING, ("Lebanon",), _d("1978-03-19")),
    MissionFact(
        "UNISFA",
        "United Nations Interim Security Force for Abyei",
        PEACEKEEPING,
        ("Abyei", "Sudan", "South Sudan"),
        _d("2011-06-27"),
    ),
    MissionFact(
        "UNMIK", "United Nations Interim Administration Mission in Kosovo", PEACEKEEPING, ("Kosovo",), _d("1999-06-10")
    ),
    MissionFact(
        "UNMISS",
        "United Nations Mission in the Republic of South Sudan",
        PEACEKEEPING,
        ("South Sudan",),
        _d("2011-07-08"),
    ),
    # UNMOGIP's observers arrived in 1949; the founding decisions span 1948-1951, so no single date is given.
    MissionFact(
        "UNMOGIP",
        "United Nations Military Observer Group in India and Pakistan",
        PEACEKEEPING,
        ("India", "Pakistan", "Jammu and Kashmir"),
    ),
    MissionFact(
        "UNTSO",
        "United Nations Truce Supervision Organization",
        PEACEKEEPING,
        ("Middle East", "Jerusalem", "Golan", "Lebanon"),
        _d("1948-05-29"),
    ),
    # --- Peacekeeping operations, closed -----------------------------------------------------------
    MissionFact(
        "MINUSMA",
        "United Nations Multidimensional Integrated Stabilization Mission in Mali",
        PEACEKEEPING,
        ("Mali",),
        _d("2013-04-25"),
        _d("2023-12-31"),
    ),
    MissionFact(
        "MINUSTAH",
        "United Nations Stabilization Mission in Haiti",
        PEACEKEEPING,
        ("Haiti",),
        _d("2004-04-30"),
        _d("2017-10-15"),
    ),
    MissionFact(
        "MINUJUSTH",
        "United Nations Mission for Justice Support in Haiti",
        PEACEKEEPING,
        ("Haiti",),
        _d("2017-04-13"),
        _d("2019-10-15"),
    ),
    MissionFact(
        "UNAMID",
        "African Union-United Nations Hybrid Operation in Darfur",
        PEACEKEEPING,
        ("Darfur", "Sudan"),
        _d("2007-07-31"),
        _d("2020-12-31"),
    ),
    MissionFact(
        "UNMIL", "United Nations Mission in Liberia", PEACEKEEPING, ("Liberia",), _d("2003-09-19"), _d("2018-03-30")
    ),
    MissionFact(
        "UNOCI",
        "United Nations Operation in Côte d'Ivoire",
        PEACEKEEPING,
        ("Côte d'Ivoire",),
        _d("2004-02-27"),
        _d("2017-06-30"),
    ),
    MissionFact(
        "MONUC",
        "United Nations Organization Mission in the Democratic Republic of the Congo",
        PEACEKEEPING,
        ("Democratic Republic of the Congo", "DRC", "Congo"),
        _d("1999-11-30"),
        _d("2010-06-30"),
    ),
    MissionFact(
        "UNMIS", "United Nations Mission in the Sudan", PEACEKEEPING, ("Sudan",), _d("2005-03-24"), _d("2011-07-09")
    ),
    MissionFact(
        "UNMIT",
        "United Nations Integrated Mission in Timor-Leste",
        PEACEKEEPING,
        ("Timor-Leste",),
        _d("2006-08-25"),
        _d("2012-12-31"),
    ),
    MissionFact(
        "MINURCAT",
        "United Nations Mission in the Central African Republic and Chad",
        PEACEKEEPING,
        ("Central African Republic", "Chad"),
        _d("2007-09-25"),
        _d("2010-12-31"),
    ),
    MissionFact(
        "UNSMIS",
        "United Nations Supervision Mission in Syria",
        PEACEKEEPING,
        ("Syrian Arab Republic", "Syria"),
        _d("2012-04-21"),
        _d("2012-08-19"),
    ),
    # --- Special political missions and offices ---------------------------------------------------
    MissionFact(
        "UNAMA", "United Nations Assistance Mission in Afghanistan", POLITICAL, ("Afghanistan",), _d("2002-03-28")
    ),
    MissionFact("UNAMI", "United Nations Assistance Mission for Iraq", POLITICAL, ("Iraq",), _d("2003-08-14")),
    MissionFact("UNSMIL", "United Nations Support Mission in Libya", POLITICAL, ("Libya",), _d("2011-09-16")),
    MissionFact(
        "UNSOM",
        "United Nations Assistance Mission in Somalia",
        POLITICAL,
        ("Somalia",),
        _d("2013-05-02"),
        _d("2024-10-31"),
    ),
    MissionFact("UNTMIS", "United Nations Transitional Assistance Mission in Somalia", POLITICAL, ("Somalia",)),
    MissionFact("UNOWAS", "United Nations Office for West Africa and the Sahel", POLITICAL, ("West Africa", "Sahel")),
    MissionFact(
        "UNMHA",
        "United Nations Mission to Support the Hodeidah Agreement",
        POLITICAL,
        ("Yemen", "Hodeidah"),
        _d("2019-01-16"),
    ),
    MissionFact(
        "UNITAMS",
        "United Nations Integrated Transition Assistance Mission in Sudan",
        POLITICAL,
        ("Sudan",),
        _d("2020-06-03"),
        _d("2024-02-29"),
    ),
    MissionFact(
        "UNMC", "United Nations Mission in Colombia", POLITICAL, ("Colombia",), _d("2016-01-25"), _d("2017-09-25")
    ),
    MissionFact("UNVMC", "United Nations Verification Mission in Colombia", POLITICAL, ("Colombia",), _d("2017-07-10")),
    MissionFact("BINUH", "United Nations Integrated Office in Haiti", POLITICAL, ("Haiti",), _d("2019-06-25")),
    MissionFact(
        "UNIOGBIS",
        "United Nations Integrated Peacebuilding Office in Guinea-Bissau",
        POLITICAL,
        ("Guinea-Bissau",),
        _d("2009-06-26"),
        _d("2020-12-31"),
    ),
    MissionFact(
        "BINUB",
        "United Nations Integrated Office in Burundi",
        POLITICAL,
        ("Burundi",),
        _d("2006-10-25"),
        _d("2010-12-31"),
    ),
    MissionFact(
        "BNUB", "United Nations Office in Burundi", POLITICAL, ("Burundi",), _d("2010-12-16"), _d("2014-12-31")
    ),
    MissionFact("UNMIN", "United Nations Mission in Nepal", POLITICAL, ("Nepal",), _d("2007-01-23"), _d("2011-01-15")),
    # A support office (logistics for AMISOM/ATMIS and UNSOM), neither a peacekeeping operation nor an SPM.
    MissionFact("UNSOS", "United Nations Support Office in Somalia", OTHER, ("Somalia",), _d("2015-11-09")),
]

MISSIONS: dict[str, MissionFact] = {m.acronym: m for m in _MISSIONS}

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
