"""Number finding: counts, percentages, ranges, fractions and women phrases, with their spans."""

from __future__ import annotations

import pytest

from apps.ingest.pipeline.numbers import (
    COUNT,
    DATE,
    ORDINAL,
    PERCENT,
    RANGE,
    SERIAL,
    TIME,
    YEAR,
    find_fractions,
    find_numbers,
    find_women_phrases,
    word_to_number,
)


def kinds(text: str) -> list[tuple[float, str]]:
    return [(n.value, n.kind) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya keeps 3,250 troops there", [(3250, COUNT)]),
        ("a force of 1, 750 soldiers", [(1750, COUNT)]),
        ("teams 3, 4 and 5 rotated", [(3, COUNT), (4, COUNT), (5, COUNT)]),
        ("on June 5, 300 police officers left", [(5, DATE), (300, COUNT)]),
        ("nearly 98 thousand displaced people", [(98000, COUNT)]),
        ("Seventy-two engineers and a dozen medics", [(72, COUNT), (12, COUNT)]),
        ("hundreds of soldiers and thousands of civilians", []),
        ("the 4th rotation and the 21st contingent", [(4, ORDINAL), (21, ORDINAL)]),
        ("Camp No. 3 and unit no.7 of Battalion 12", [(3, SERIAL), (12, SERIAL)]),
        ("flew a C-130 during COVID-19", [(130, SERIAL), (19, SERIAL)]),
        ("the meeting opened at 09:45 on 12/03/2021", [(9, TIME), (45, TIME), (12, DATE), (3, DATE), (2021, DATE)]),
        ("in 2017 the unit grew", [(2017, YEAR)]),
        ("the 2019-2020 cycle", [(2019, SERIAL), (2020, SERIAL)]),
    ],
)
def test_counts_and_non_counts_are_told_apart(text: str, expected: list[tuple[float, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("women are 9 percent of the unit", 9.0, None),
        ("women are 9 per cent of the unit", 9.0, None),
        ("women are 9% of the unit", 9.0, None),
        ("women are nine percent of the unit", 9.0, None),
        ("women are almost 9.5% of the unit", 9.5, "almost"),
        ("women are over11 percent of the unit", 11.0, "over"),
        ("women are less than 4 per cent", 4.0, "less than"),
        ("women are up-to 2% of staff", 2.0, "up to"),
        ("women are some 6 percent", 6.0, "some"),
    ],
)
def test_percentages_in_every_spelling_keep_their_qualifier(text: str, value: float, qualifier: str | None) -> None:
    pct = [n for n in find_numbers(text) if n.kind == PERCENT]
    assert len(pct) == 1
    assert pct[0].value == value
    assert pct[0].qualifier == qualifier
    assert text[pct[0].start : pct[0].end] == pct[0].text


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("a goal of 12-14 percent", 12.0, 14.0),
        ("a goal of 12–14%", 12.0, 14.0),
        ("a goal of 12 to 14 per cent", 12.0, 14.0),
        ("a goal of between 12 and 14%", 12.0, 14.0),
    ],
)
def test_ranges_give_low_and_high(text: str, low: float, high: float) -> None:
    (rng,) = [n for n in find_numbers(text) if n.kind == RANGE]
    assert (rng.value, rng.high) == (low, high)


def test_from_to_is_a_change_not_a_range() -> None:
    nums = find_numbers("raise the share from 5 to 12 percent")
    assert [(n.value, n.kind) for n in nums] == [(5, PERCENT), (12, PERCENT)]


def test_percentage_points_are_not_shares() -> None:
    assert [n for n in find_numbers("up 2 percentage points") if n.kind == PERCENT] == []


@pytest.mark.parametrize(
    ("text", "part", "whole"),
    [
        ("9 of the 140 officers", 9, 140),
        ("17 out of 230 staff", 17, 230),
        ("6/75 deployed", 6, 75),
        ("14 among 500 troops", 14, 500),
    ],
)
def test_fractions(text: str, part: int, whole: int) -> None:
    (fr,) = find_fractions(text)
    assert (fr.part.value, fr.whole.value) == (part, whole)


def test_dates_are_not_fractions() -> None:
    assert find_fractions("on 14/05/2022 and 24/7") == []


@pytest.mark.parametrize(
    ("text", "women"),
    [
        ("the only woman in the team is a pilot", 1),
        ("the only female among the advisers", 1),
        ("No female personnel serve in the company", 0),
        ("there are no women in the detachment", 0),
    ],
)
def test_women_phrases_without_digits(text: str, women: int) -> None:
    (wp,) = find_women_phrases(text)
    assert wp.women == women


@pytest.mark.parametrize(
    ("words", "value"),
    [("three", 3), ("Thirty-three", 33), ("two hundred and five", 205), ("a dozen", 12), ("hundreds", None)],
)
def test_number_words(words: str, value: int | None) -> None:
    assert word_to_number(words) == value


def test_roman_numeral_serials_are_not_numbers() -> None:
    assert find_numbers("the Garuda XXIV-B contingent") == []
