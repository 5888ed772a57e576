"""Countries, missions, units and the article's country."""

from __future__ import annotations

import pytest

from apps.ingest.pipeline.entities import (
    ARTICLE_COUNTRY,
    article_country,
    find_countries,
    find_missions,
    find_units,
    main_mission,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Viet Nam sent staff", "VNM"),
        ("Vietnamese doctors", "VNM"),
        ("the Ghanaian contingent", "GHA"),
        ("Nepalese troops", "NPL"),
        ("a Nepali colonel", "NPL"),
        ("Mongolian peacekeepers", "MNG"),
        ("Bangladeshi engineers", "BGD"),
        ("Rwandan police", "RWA"),
        ("Türkiye pledged", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Guinea-Bissau sent", "GNB"),
        ("the S-shaped country deployed", "VNM"),
        ("the Southeast Asian nation deployed", ARTICLE_COUNTRY),
    ],
)
def test_countries_by_name_alias_demonym_and_epithet(text: str, code: str) -> None:
    assert [m.code for m in find_countries(text)] == [code]


@pytest.mark.parametrize("text", ["the Indian Ocean", "Papua New Guinea", "North Korea tested"])
def test_look_alikes_are_not_countries(text: str) -> None:
    assert [m.code for m in find_countries(text) if m.code in ("IND", "GIN", "KOR")] == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("deployed to South Sudan", ["UNMISS"]),
        ("serving in Abyei and SouthSudan", ["UNISFA", "UNMISS"]),
        ("posted to the CAR", ["MINUSCA"]),
        ("with UNIFIL in southern Lebanon", ["UNIFIL"]),
        ("in the Democratic Republic of the Congo", ["MONUSCO"]),
        ("in Darfur", ["UNAMID"]),
        ("in Western Sahara", ["MINURSO"]),
        ("on the Golan Heights", ["UNDOF"]),
        ("stationed in Bentiu", []),
        ("the Sudanese government", []),
    ],
)
def test_missions_by_acronym_or_host_place(text: str, codes: list[str]) -> None:
    assert sorted({m.code for m in find_missions(text)}) == codes


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("its level two field hospital", "level-2 field hospital"),
        ("the Level-2 Field Hospital No.4", "level-2 field hospital"),
        ("a second-level hospital", "level-2 field hospital"),
        ("the field hospital in Bor", "field hospital"),
        ("an engineering company", "engineering unit"),
        ("a formed police unit", "formed police unit"),
        ("an FPU from Senegal", "formed police unit"),
        ("two military observers", "individual"),
        ("the NEPBATT camp", "battalion"),
        ("an explosive ordnance disposal team", "explosive ordnance disposal"),
        ("the Maritime Task Force", "maritime task force"),
        ("three staff officers", "staff officers"),
        ("an engagement platoon", "platoon"),
    ],
)
def test_units(text: str, unit: str) -> None:
    assert [m.code for m in find_units(text)][:1] == [unit]


def test_article_country_is_the_most_named_contributor_with_the_title_weighing_more() -> None:
    text = "Kenya thanked Zambia. Zambian troops left for the CAR. Zambia has a battalion there."
    assert article_country(text, title="Zambia sends troops") == "ZMB"


def test_host_countries_are_never_the_article_country() -> None:
    text = "Lebanon welcomed the troops. Lebanon and Israel. South Sudan, South Sudan."
    assert article_country(text) is None


def test_main_mission_needs_one_mission_named_prominently() -> None:
    text = "In Mali the unit patrols the northern roads every week. After six months in Mali it rotates home."
    assert main_mission(text, title=None) == "MINUSMA"
    assert main_mission("Troops serve in Mali and Lebanon.") is None
