"""The gender-parity target categories in one place: add a category here and every page, chart, filter and rule
that names categories picks it up.

Plain Python (no Django): the database rows (TargetCategory, loaded by migration 0002) carry the same codes, names
and order; this registry adds what only the code needs (colours, the phrase used in sentences, the words that put a
news report's unit in a category, whether the UN monthly reports count it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    order: int
    # Okabe–Ito colour-blind-safe colour, so a category's line and its target share it on every chart.
    colour: str
    # How the category is named inside a sentence ("5 more women to reach 15 % of troops by 2028").
    phrase: str
    # Words in a unit description (news reports) that put its personnel in this category.
    unit_words: str
    # Rules are tried from the lowest rank up: "formed police unit" must win over "police" and over "unit".
    unit_rank: int
    # Counted in the UN monthly contribution reports (the official data the dashboards chart).
    in_official_reports: bool = True


CATEGORIES: tuple[Category, ...] = (
    Category(
        code="military_contingents",
        label="Military contingents",
        order=1,
        colour="#0072B2",
        phrase="troops",
        unit_words=(
            r"hospital|engineer|battalion|contingent|infantry|company|troop|aviation|helicopter|"
            r"platoon|signal|logistic|quick reaction|medical team|field unit"
        ),
        unit_rank=4,
    ),
    Category(
        code="military_observers_and_staff_officers",
        label="Military observers and staff officers",
        order=2,
        colour="#D55E00",
        phrase="military observers and staff officers",
        unit_words=r"staff officer|military observer|observer|expert|liaison officer|military adviser",
        unit_rank=3,
    ),
    Category(
        code="formed_police_units",
        label="Formed police units",
        order=3,
        colour="#009E73",
        phrase="formed police units",
        unit_words=r"formed police|\bfpus?\b",
        unit_rank=1,
    ),
    Category(
        code="individual_police_officers",
        label="Individual police officers",
        order=4,
        colour="#CC79A7",
        phrase="individual police officers",
        unit_words=r"police",
        unit_rank=2,
    ),
    Category(
        code="justice_corrections_gpp",
        label="Justice and corrections (government-provided personnel)",
        order=5,
        colour="#999999",
        phrase="justice and corrections personnel",
        unit_words=r"justice|correction",
        unit_rank=5,
        in_official_reports=False,
    ),
)

BY_CODE: dict[str, Category] = {c.code: c for c in CATEGORIES}
CODES: tuple[str, ...] = tuple(c.code for c in sorted(CATEGORIES, key=lambda c: c.order))
# The categories the UN monthly reports count, in display order: what the dashboards show by default.
REPORTED: tuple[str, ...] = tuple(c for c in CODES if BY_CODE[c].in_official_reports)
NOT_IN_OFFICIAL_REPORTS: frozenset[str] = frozenset(c for c in CODES if not BY_CODE[c].in_official_reports)
COLOURS: dict[str, str] = {c.code: c.colour for c in CATEGORIES}
PHRASES: dict[str, str] = {c.code: c.phrase for c in CATEGORIES}
UNIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(c.unit_words, re.I), c.code) for c in sorted(CATEGORIES, key=lambda c: c.unit_rank)
)

MILITARY_CONTINGENTS = "military_contingents"
OBSERVERS_AND_STAFF = "military_observers_and_staff_officers"
# Before this month the UN counted staff officers inside Troops (military contingents): an observers-and-staff
# share before it is experts on mission only, not the same measure (DESIGN.md, "Official data").
STAFF_OFFICERS_SEPARATE_FROM = dt.date(2017, 5, 1)


def codes_text() -> str:
    """The codes as a comma-separated list, for help texts."""
    return ", ".join(CODES)
