"""The article's contributing country: whose personnel the figures count, not the country named most.

Every sentence here is written for these tests (no corpus text).
"""

from __future__ import annotations

import pytest

from apps.ingest.pipeline.entities import _attached, _forces, _partner, article_country, find_countries


def _first(text: str, code: str):
    return next(m for m in find_countries(text) if m.code == code)


# A country written against a personnel noun (before or after it) is attached; a place or a partner is not.
@pytest.mark.parametrize(
    ("text", "code", "attached"),
    [
        ("Some 120 Indian policewomen finished their training.", "IND", True),
        ("Ghana's contingent left on Monday.", "GHA", True),
        ("The Nepal Army sent its first company.", "NPL", True),
        ("A Pakistani Female Engagement Team was praised.", "PAK", True),
        ("The mission thanked troops from Bangladesh for their work.", "BGD", True),
        ("Women peacekeepers of the Philippines met the commander.", "PHL", True),
        ("South Africa, with 1 200 military personnel, is fifth.", "ZAF", True),
        ("Viet Nam has sent three teams with 189 officers so far.", "VNM", True),
        # Places and partners are not the personnel's country.
        ("The engineers were redeployed from Liberia to the new base.", "LBR", False),
        ("Aid reached Turkey with 21 female personnel on board.", "TUR", False),
        ("The colonel and his Japanese counterpart opened the meeting.", "JPN", False),
        ("Japan will host the next workshop.", "JPN", False),
        ("The unit arrived in Liberia last week.", "LBR", False),
    ],
)
def test_attached_mentions(text: str, code: str, attached: bool) -> None:
    assert _attached(text, _first(text, code)) is attached


@pytest.mark.parametrize(
    ("text", "code", "partner"),
    [
        ("The colonel and his Japanese counterpart opened the meeting.", "JPN", True),
        ("The minister thanked Japan for its long support.", "JPN", True),
        ("The event was held together with Australia this year.", "AUS", True),
        ("The Korean delegation visited the camp.", "KOR", True),
        ("Japan will host the next workshop.", "JPN", False),
        ("Viet Nam's partners praised the unit.", "VNM", False),
    ],
)
def test_partner_mentions(text: str, code: str, partner: bool) -> None:
    assert _partner(text, _first(text, code)) is partner


# National forces by acronym, short form before a service, or contingent code name.
@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("The SANDF rotated its infantry company.", ["ZAF"]),
        ("Soldiers of the SA Army and the SA Navy", ["ZAF", "ZAF"]),
        ("GHANBATT 91 handed over to NEPBATT.", ["GHA", "NPL"]),
        ("Men of INDOBATT patrolled the Blue Line.", ["IDN"]),
        ("The CRPF women trained at the camp.", ["IND"]),
        ("The ADF and the AFP reported.", []),  # ambiguous acronyms are not read
        ("SAVANNA BATTLE lines", []),
    ],
)
def test_forces(text: str, codes: list[str]) -> None:
    assert _forces(text) == codes


PEACE = " They join the UN peacekeeping mission next month."


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A past mission's host named in every sentence does not beat the contributor's own personnel.
        (
            "Riverside police to send women to Liberia",
            "Some 120 Indian policewomen trained for Liberia. Liberia's war ended years ago. Liberia is rebuilding."
            " The UN has many troops in Liberia." + PEACE,
            "IND",
        ),
        (
            "Army team visits troops in Cote d'Ivoire",
            "Ghanaian peacekeepers moved from Cote d'Ivoire to a new camp. Cote d'Ivoire thanked them."
            " Leaders in Cote d'Ivoire met the Ghana Armed Forces chiefs." + PEACE,
            "GHA",
        ),
        # A partner named more often than the contributor loses to the contributor's deployment.
        (
            "Japan and Viet Nam hold peacekeeping talks",
            "Japan hosted the talks. The minister thanked Japan for its support. Together with Japan, the two sides"
            " agreed a plan. Viet Nam has sent 12 officers to South Sudan." + PEACE,
            "VNM",
        ),
        # A country named once with its deployment's size beats others listed without their own personnel.
        (
            None,
            "The SANDF infantry will leave the DRC next year. South Africa, with 1 144 military personnel, is fifth."
            " Malawi and Tanzania are in the same brigade." + PEACE,
            "ZAF",
        ),
        # A host of a current mission is never the contributor.
        (None, "Lebanon welcomed the troops. Lebanon and Syria." + PEACE, None),
        # No peace operation, no contributor: a domestic deployment is not a contribution.
        (
            "Female police to guard camps in the north",
            "Nigerian police said they will deploy 100 female officers to camps for displaced families.",
            None,
        ),
        (None, "Nigerian police said 100 un-armed female officers will be deployed to camps in the north.", None),
        # UN-wide pieces name no country.
        (None, "Women are 7 percent of uniformed UN peacekeepers, the Secretary-General said.", None),
    ],
)
def test_article_country(title: str | None, text: str, expected: str | None) -> None:
    assert article_country(text, title=title) == expected


def test_former_host_personnel_still_count() -> None:
    text = "Liberian peacekeepers left for Mali. Liberian troops will serve with the UN mission for a year."
    assert article_country(text) == "LBR"
