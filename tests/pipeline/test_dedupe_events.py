"""Event signatures: reworded reports of one event group together, other events sharing numbers do not.

Every text here is written for these tests. Figures are given as the extractor's field names (personnel_total,
women, women_percent, mission, unit) so the tests do not depend on the figure grammar.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from apps.ingest.pipeline.dedupe import (
    EVENT_DAYS,
    NearDuplicateIndex,
    count_numbers,
    event_keys,
    event_signature,
    event_token_distinctive,
    is_duplicate,
    minhash_signature,
    novelty_kinds,
    rotation_serial,
    salient_signature,
    same_event,
    search_keys,
    store_keys,
)

D = dt.date


def fig(total: int | None = None, women: int | None = None, pct: float | None = None, mission=(), unit=None):
    return SimpleNamespace(personnel_total=total, women=women, women_percent=pct, mission=list(mission), unit=unit)


def event(country: str | None, *figures: SimpleNamespace, text: str = "") -> dict[str, Any] | None:
    return event_signature(SimpleNamespace(country=country, figures=list(figures)), text)


HOSPITAL = "The level-2 field hospital will serve with the UN Mission in South Sudan (UNMISS) in Bentiu."
HOSPITAL_AGAIN = "Doctors of the hospital flew to South Sudan to join UNMISS, the ministry said."
LEBANON = "The battalion serves with UNIFIL in southern Lebanon."
LEBANON_AGAIN = "The contingent joined the UN Interim Force in Lebanon (UNIFIL) last week."
CONGO = "The officers joined MONUSCO in the Democratic Republic of the Congo."
FIRST_UNIT = "For the first time, the country is sending an all-female police unit abroad. It will serve in Liberia."
FIRST_UNIT_AGAIN = "Some 120 policewomen are training for Liberia, the first time an all-women force goes there."

# (name, event a, date a, event b, date b, expected): each row names the phenomenon it checks.
CASES = [
    (
        "same day, two counts of one rotation reworded",
        event("XAA", fig(63, 12, mission=["UNMISS"], unit="level-2 field hospital"), text=HOSPITAL),
        D(2022, 5, 3),
        event("XAA", fig(63, mission=["UNMISS"]), fig(women=12), text=HOSPITAL_AGAIN),
        D(2022, 5, 3),
        True,
    ),
    (
        "one report undated: three shared counts, distinctive, all of the shorter report's",
        event("XAA", fig(1608), fig(160, unit="formed police unit"), fig(6369)),
        None,
        event("XAA", fig(1608, unit="individual"), fig(women=160), fig(6369), fig(125, unit="formed police unit")),
        D(2010, 5, 20),
        True,
    ),
    (
        "an embassy release six days after the press: one distinctive women count",
        event("XBB", fig(women=29, mission=["UNIFIL"]), fig(women=48, mission=["UNIFIL"]), text=LEBANON),
        D(2018, 2, 27),
        event("XBB", fig(women=48, mission=["UNIFIL"]), text=LEBANON_AGAIN),
        D(2018, 3, 5),
        True,
    ),
    (
        "a round count (ten policewomen) within days, same mission named",
        event("XCC", fig(women=10, mission=["MONUSCO"]), fig(323), text=CONGO),
        D(2019, 8, 28),
        event("XCC", fig(women=10, mission=["MONUSCO"]), fig(30000), text=CONGO),
        D(2019, 9, 2),
        True,
    ),
    (
        "a women's first of its kind: counts told differently, one report undated",
        event("XDD", fig(women=100), text=FIRST_UNIT),
        None,
        event("XDD", fig(women=125, mission=["UNMIL"]), text=FIRST_UNIT_AGAIN),
        D(2006, 9, 16),
        True,
    ),
    (
        "rotations of the same hospital months apart (same size, same women count)",
        event("XAA", fig(63, 12, mission=["UNMISS"], unit="level-2 field hospital"), text=HOSPITAL),
        D(2022, 5, 3),
        event("XAA", fig(63, 12, mission=["UNMISS"], unit="level-2 field hospital"), text=HOSPITAL_AGAIN),
        D(2022, 11, 20),
        False,
    ),
    (
        "two countries' stories on the same day with the same counts",
        event("XAA", fig(150, 18, mission=["UNMISS"]), text=HOSPITAL),
        D(2023, 4, 1),
        event("XEE", fig(150, 18, mission=["UNMISS"]), text=HOSPITAL),
        D(2023, 4, 1),
        False,
    ),
    (
        "the same count in two theatres on one day",
        event("XAA", fig(148, mission=["UNIFIL"]), text=LEBANON),
        D(2023, 4, 1),
        event("XAA", fig(148, mission=["MONUSCO"]), text=CONGO),
        D(2023, 4, 1),
        False,
    ),
    (
        "undated: one shared count is a standing background total",
        event("XFF", fig(8302, 580), fig(244, 30, 12.3)),
        None,
        event("XFF", fig(8302), fig(73, 34)),
        D(2023, 3, 1),
        False,
    ),
    (
        "undated: shared background totals, but each report has its own headline counts",
        event("XFF", fig(8302, 580), fig(244, 30), fig(pct=12.3)),
        None,
        event("XFF", fig(8302, 580), fig(73, 34), fig(pct=46.0)),
        None,
        False,
    ),
    (
        "same day, a lone small count (two officers) is no identity",
        event("XGG", fig(2, mission=["UNMISS"]), text=HOSPITAL),
        D(2024, 4, 19),
        event("XGG", fig(2, mission=["UNMISS"]), text=HOSPITAL),
        D(2024, 4, 19),
        False,
    ),
    (
        "within days, a lone round count with no mission or unit in common",
        event("XHH", fig(women=100)),
        D(2006, 9, 8),
        event("XHH", fig(women=100), text=CONGO),
        D(2006, 9, 12),
        False,
    ),
    (
        "a women's first of its kind reported again months later is another event",
        event("XDD", fig(women=100), text=FIRST_UNIT),
        D(2006, 9, 8),
        event("XDD", fig(women=125, mission=["UNMIL"]), text=FIRST_UNIT_AGAIN),
        D(2007, 6, 1),
        False,
    ),
    (
        "a women's first in another country",
        event("XDD", fig(women=100), text=FIRST_UNIT),
        None,
        event("XII", fig(women=125, mission=["UNMIL"]), text=FIRST_UNIT_AGAIN),
        D(2006, 9, 16),
        False,
    ),
    (
        "no country known: nothing to match on",
        event(None, fig(63, 12)),
        D(2022, 5, 3),
        event(None, fig(63, 12)),
        D(2022, 5, 3),
        False,
    ),
]


@pytest.mark.parametrize(("name", "a", "day_a", "b", "day_b", "expected"), CASES, ids=[c[0] for c in CASES])
def test_same_event(name: str, a, day_a, b, day_b, expected: bool) -> None:
    assert same_event(a, b, day_a, day_b) is expected
    assert same_event(b, a, day_b, day_a) is expected  # symmetric
    if expected:
        # Incremental: whichever comes first, the later one finds it by keys (no rescan of the collection).
        assert set(store_keys({"event": a}, day_a)) & set(search_keys({"event": b}, day_b))
        assert set(store_keys({"event": b}, day_b)) & set(search_keys({"event": a}, day_a))


FOURTH = "The fourth hospital rotation leaves for UNMISS."
# (name, text a, date a, text b, date b, expected): same counts and mission on both sides, only the serial differs.
SERIAL_CASES = [
    ("an undated report of the next rotation", FOURTH, D(2022, 5, 3), "Rotation 5 relieved the fourth rotation.", None, False),
    ("the same rotation, its serial written another way", FOURTH, D(2022, 5, 3), "Rotation No. 4 flies out.", None, True),
    ("a dated next rotation reusing the press-release template", FOURTH, D(2022, 5, 3), FOURTH.replace("fourth", "fifth"),
     D(2022, 5, 3), False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "a", "day_a", "b", "day_b", "expected"), SERIAL_CASES, ids=[c[0] for c in SERIAL_CASES]
)
def test_rotation_serials_decide_between_rotations(name: str, a: str, day_a, b: str, day_b, expected: bool) -> None:
    figures = [fig(63, 12, mission=["UNMISS"])]
    fa, fb = _fp(a, event("XAA", *figures, text=a)), _fp(b, event("XAA", *figures, text=b))
    assert is_duplicate(fa, fb, published_a=day_a, published_b=day_b) is expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("For the first time, the army sends an all-female engineering platoon to the mission.", ["w-unit"]),
        ("It is the first time women officers of the navy serve as UN military observers.", ["w-person"]),
        ("The first-ever female engagement team received medals on Friday.", ["w-unit"]),
        # A person's epithet is repeated by profiles for years: not an event.
        ("She is the first female general of the country and now deputy head of the mission.", []),
        # History in the background: the year tells it is not the news.
        ("The army sent women soldiers abroad for the first time in 1995.", []),
        # A first without women is not this phenomenon (first flights and first groups are parts of one story).
        ("The first group of 40 engineers left on Tuesday; this is the first time the unit flies.", []),
    ],
)
def test_novelty_kinds(text: str, kinds: list[str]) -> None:
    assert novelty_kinds(text) == kinds


@pytest.mark.parametrize(
    ("text", "serial"),
    [
        ("The ninth contingent of 200 engineers left for the mission.", 9),
        ("Members of the 12th rotation came home; the 13th rotation takes over.", 12),
        ("Contingent XXXIX was seen off by the president.", 39),
        ("NEPBATT-7 handed over to NEPBATT-8 at the camp.", 7),
        ("The level-2 field hospital Rotation 5 replaced the fourth.", 5),
        ("The second flight of the hospital team took off.", None),  # a flight is part of one rotation
        ("The battalion left on Monday.", None),
    ],
)
def test_rotation_serial(text: str, serial: int | None) -> None:
    assert rotation_serial(text) == serial


@pytest.mark.parametrize(
    ("token", "distinctive"),
    [("n48", True), ("n160", True), ("n1608", True), ("n10", False), ("n100", False), ("n300", False),
     ("n7", False), ("p12.3", True), ("p14", False)],
)  # fmt: skip
def test_distinctive_values(token: str, distinctive: bool) -> None:
    assert event_token_distinctive(token) is distinctive


@pytest.mark.parametrize("offset", range(0, EVENT_DAYS + 1))
@pytest.mark.parametrize("start", [D(2020, 1, 1), D(2020, 1, 5), D(2020, 1, 9)])
def test_dated_keys_meet_across_bucket_edges(start: dt.date, offset: int) -> None:
    # Days within EVENT_DAYS fall in the same or adjacent buckets, whatever the start day.
    ev = event("XAA", fig(women=48))
    later = start + dt.timedelta(days=offset)
    assert set(event_keys(ev, start)) & set(event_keys(ev, later, search=True))
    assert set(event_keys(ev, later)) & set(event_keys(ev, start, search=True))


def test_keys_are_bounded_and_fit_the_band_table() -> None:
    many = event("XAA", *[fig(100 + 7 * i, 11 + i, mission=["UNMISS"]) for i in range(20)], text=HOSPITAL)
    keys = search_keys({"event": many}, D(2021, 3, 3))
    assert all(len(k) <= 64 for k in keys)
    assert len([k for k in keys if k.startswith(("e:", "u:"))]) <= 3 * 8 + 28


def test_signature_is_json_and_undated_pair_keys_need_a_distinctive_value() -> None:
    import json

    ev = event("XAA", fig(100, 10), fig(20))
    assert json.loads(json.dumps(ev)) == ev
    assert not [k for k in event_keys(ev, None) if k.startswith("u:")]


# --- the index and the shared rule: a reworded report joins the story, a later rotation does not ----------------

WIRE = (
    "Northland sent its fourth field hospital rotation of 63 medical staff, 12 of them women, to the UN mission in "
    "South Sudan on Tuesday. Colonel Ada Byron, the hospital director, said the team would serve for a year."
)
REWORDED = (
    "A team of sixty-three army doctors and nurses left the capital Tuesday for Bentiu. Twelve women are in the "
    "group, which replaces the third hospital after twelve months; the defence minister saw them off at the airport."
)
NEXT_ROTATION = (
    "Northland's fifth hospital rotation, again 63 medical staff with 12 women, flew to South Sudan this week to take "
    "over from the fourth, which returns home after a year under director Ada Byron."
)


def _fp(text: str, ev: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "minhash": minhash_signature(text),
        "salient": salient_signature(text),
        "counts": sorted(count_numbers(text)),
        "serial": rotation_serial(text),
        "event": ev,
    }


def _index_add(index: NearDuplicateIndex, key: str, text: str, ev, published) -> list[str]:
    fp = _fp(text, ev)
    return index.add(
        key,
        fp["minhash"],
        salient=fp["salient"],
        published=published,
        counts=fp["counts"],
        event=ev,
        serial=fp["serial"],
    )


ROTATION = [fig(63, 12, mission=["UNMISS"], unit="level-2 field hospital")]


def test_index_groups_reworded_report_but_not_next_rotation() -> None:
    index = NearDuplicateIndex()
    assert _index_add(index, "wire", WIRE, event("XNL", *ROTATION, text=WIRE), D(2022, 5, 3)) == []
    assert _index_add(index, "reworded", REWORDED, event("XNL", *ROTATION, text=REWORDED), D(2022, 5, 4)) == ["wire"]
    assert _index_add(index, "next", NEXT_ROTATION, event("XNL", *ROTATION, text=NEXT_ROTATION), D(2023, 5, 9)) == []
    assert index.story_of("reworded") == index.story_of("wire") != index.story_of("next")


def test_undated_next_rotation_is_kept_apart_by_its_serial() -> None:
    # Undated, the next rotation's counts are the same as the wire's: the rotation serials (4 vs 5) tell them apart.
    index = NearDuplicateIndex()
    _index_add(index, "wire", WIRE, event("XNL", *ROTATION, text=WIRE), D(2022, 5, 3))
    assert _index_add(index, "next", NEXT_ROTATION, event("XNL", *ROTATION, text=NEXT_ROTATION), None) == []


def test_reworded_report_is_a_duplicate_by_the_shared_rule() -> None:
    # The database path calls store_keys, search_keys and is_duplicate directly: the verdicts are the index's.
    texts = {"wire": (WIRE, D(2022, 5, 3)), "reworded": (REWORDED, D(2022, 5, 4)), "next": (NEXT_ROTATION, None)}
    fps = {k: _fp(t, event("XNL", *ROTATION, text=t)) for k, (t, _) in texts.items()}
    for key, (_, day) in texts.items():
        assert set(store_keys(fps[key], day)) <= set(search_keys(fps[key], day))
    assert is_duplicate(fps["wire"], fps["reworded"], published_a=D(2022, 5, 3), published_b=D(2022, 5, 4))
    assert not is_duplicate(fps["wire"], fps["next"], published_a=D(2022, 5, 3), published_b=None)


def test_two_countries_same_day_do_not_join_by_shared_names() -> None:
    # Same mission, same day, the same count and most of the names: another contributor is another event.
    north = "Northland's level-2 hospital of 63 staff left for the UN Mission in South Sudan (UNMISS) on Tuesday."
    south = "Southland's level-2 hospital of 63 staff left for the UN Mission in South Sudan (UNMISS) on Tuesday too."
    day = D(2022, 5, 3)
    fa = _fp(north, event("XNL", fig(63, mission=["UNMISS"]), text=north))
    fb = _fp(south, event("XSL", fig(63, mission=["UNMISS"]), text=south))
    assert not is_duplicate({**fa, "minhash": []}, {**fb, "minhash": []}, published_a=day, published_b=day)
    # Without countries the older same-day rule (shared names and a count) still joins them.
    fa.pop("event"), fb.pop("event")
    assert is_duplicate({**fa, "minhash": []}, {**fb, "minhash": []}, published_a=day, published_b=day)
