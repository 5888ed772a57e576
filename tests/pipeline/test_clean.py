"""Cleaning: glue repair that keeps real words, and removal of captions, markers, boilerplate and tails."""

from __future__ import annotations

import pytest

from apps.ingest.pipeline.clean import clean_text, repair_glue

GLUE = [
    ("The battalion sent fourunits to the border.", "The battalion sent four units to the border."),
    ("Women make up over12 percent of the unit.", "Women make up over 12 percent of the unit."),
    ("They serve in SouthSudan and Abyei.", "They serve in South Sudan and Abyei."),
    (
        "The team arrived in the region.Meanwhile, others waited.",
        "The team arrived in the region. Meanwhile, others waited.",
    ),
    ("staff of thehospital", "staff of the hospital"),
    ("asked them toregularly report", "asked them to regularly report"),
    ("more women in peacekeeping rolesA senior officer said", "more women in peacekeeping roles A senior officer said"),
    ("the VietnamDepartment of Defence", "the Vietnam Department of Defence"),
    ("a meeting with theUN Mission", "a meeting with the UN Mission"),
    ("agreed at the UN.The delegates left", "agreed at the UN. The delegates left"),
]
KEEP = [
    "UNMISS and MINUSCA deployed staff to Bangui.",
    "He ate at McDonald and bought an iPhone.",
    "It was the 2nd rotation during COVID-19.",
    "Hospital No.2 and an F-16 and the G7 summit.",
    "The share rose to 4.7 percent, then 10.8 percent.",
    "See https://www.example.com/News.Today and www.example.org.",
    "An island income will attend the forum; someone often forgot.",
    "The unit has 4,365 personnel.",
    "VietnamPlus and VnExpress reported it.",
]


@pytest.mark.parametrize(("text", "expected"), GLUE)
def test_glued_words_are_split(text: str, expected: str) -> None:
    assert repair_glue(text) == expected


@pytest.mark.parametrize("text", KEEP)
def test_real_words_names_and_numbers_are_kept(text: str) -> None:
    assert repair_glue(text) == text


def test_date_prefix_and_caption_are_removed() -> None:
    raw = " date 2020-01-02 Officers wave goodbye at the airport. (Photo: ABC)\nThe contingent left the capital today with its equipment and supplies for a year-long mission."
    result = clean_text(raw)
    assert result.text.startswith("The contingent left")
    assert "date 2020-01-02" in result.removed
    assert any("(Photo: ABC)" in r for r in result.removed)


def test_caption_glued_to_next_sentence_is_cut_at_the_credit() -> None:
    raw = "A colonel speaks at the event. (Photo: XYZ)The officer thanked the partners for their support."
    assert clean_text(raw).text == "The officer thanked the partners for their support."


def test_image_marker_and_repeated_headline_are_dropped() -> None:
    title = "Country sends medics abroad"
    raw = f"{title}\n\n{title} hinh anh 1\n\nThe medics depart next week for a year of service in the mission area."
    text = clean_text(raw, title=title).text
    assert text.count(title) == 1
    assert "hinh anh" not in text


LONG = "The contingent completed its rotation and returned home after a year of service abroad. " * 5


@pytest.mark.parametrize(
    "tail",
    [
        "\nRelated News\nAnother story about trade with 45 delegates\n",
        "\nSee more\nTeaser headline about 12 ministers\n",
        "\nSource: XNA\nLeave A Reply\nYour email address will not be published.\nShares\n",
        "./.\nOther teaser with 99 officers deployed elsewhere\n",
    ],
)
def test_tails_after_the_story_are_removed(tail: str) -> None:
    result = clean_text(LONG.strip() + tail)
    assert "teaser" not in result.text.lower() and "delegates" not in result.text
    assert result.text.startswith("The contingent")


@pytest.mark.parametrize(
    "line",
    [
        "English | Vietnamese",
        "Share",
        "go to top",
        "You are here: HomeNews2020 01 02Article 123456",
        "12/03/2021 - 09:15",
        "reporter@example.com",
        "All rights reserved to Example Media 2021 ©",
        "Headline teaser about sportsGMT 10:19 2018 Tuesday ,23 January",
    ],
)
def test_boilerplate_lines_are_removed(line: str) -> None:
    assert clean_text(f"{line}\n{LONG}").text == LONG.strip()


def test_doubled_caption_is_kept_once() -> None:
    caption = "Soldiers parade at the camp during the ceremony"
    assert clean_text(f"{caption} {caption}\n{LONG}").text.startswith(caption + "\n")
