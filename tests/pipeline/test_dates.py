"""Publication dates: archive prefix, bylines, datelines, URLs; never tails or content stamps."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.ingest.pipeline.dates import find_published, resolve_relative

BODY = "The battalion completed its handover and the commander praised the troops for their discipline and work in the field."

CASES = [
    (" date 2021-03-04 Some headline\n" + BODY, None, dt.date(2021, 3, 4), "date-prefix"),
    ("Language | Switch\n\n07/05/2019 - 18:05\n\nHeadline here\n\n" + BODY, None, dt.date(2019, 5, 7), "text"),
    ("Headline\n\nThứ Tư, 23/08/2023, 10:00\n\n" + BODY, None, dt.date(2023, 8, 23), "text"),
    ("Headline\n\nBy A Reporter   December 3, 2020 | 05:01 pm PT\n" + BODY, None, dt.date(2020, 12, 3), "byline"),
    ("Headline\n\nLondon 14th, June 2021 (XYZ): " + BODY, None, dt.date(2021, 6, 14), "dateline"),
    ("Headline\n\n" + BODY, "https://example.com/news/2018/02/27/story-title", dt.date(2018, 2, 27), "url"),
    ("Headline\n\n(As of May 2011)\n\n" + BODY, None, None, None),
    (BODY + "\nOther teaserGMT 22:33 2018 Tuesday ,23 January", None, None, None),
    ("Headline\n\n" + BODY + " It began on 3 March 2017.", None, None, None),
]


@pytest.mark.parametrize(("text", "url", "date", "source"), CASES)
def test_find_published(text: str, url: str | None, date: dt.date | None, source: str | None) -> None:
    found = find_published(raw_text=text, url=url)
    assert (found.date, found.source) == (date, source)


def test_metadata_wins() -> None:
    found = find_published(raw_text=" date 2021-03-04 x\n" + BODY, metadata={"published": "2020-01-01T10:00:00"})
    assert (found.date, found.source) == (dt.date(2020, 1, 1), "metadata")


@pytest.mark.parametrize(
    ("fragment", "year", "expected"),
    [
        ("held a meeting on April 6", 2021, dt.date(2021, 4, 6)),
        ("on 29 May", 2020, dt.date(2020, 5, 29)),
        ("on April 6", None, None),
        ("nothing here", 2020, None),
        ("on February 30", 2021, None),
    ],
)
def test_resolve_relative(fragment: str, year: int | None, expected: dt.date | None) -> None:
    assert resolve_relative(fragment, year) == expected
