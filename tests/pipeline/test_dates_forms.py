"""Publication dates in the forms pages print them: labels, site-header clocks, teaser lists, URLs, day order.

Every text here is written for these tests (no corpus text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from apps.ingest.pipeline.dates import date_from_url, find_published, parse_date

TITLE = "Riverland engineers return from their mission"
BODY = (
    "The engineering company of Riverland came home on Tuesday after a year of building roads and bridges "
    "for the mission, and the minister thanked every member of the unit at the airport."
)


# URL dates: a /YYYY/MM/DD/ path, a mixed /YYYY/MM-DD/, a date inside a slug, a compact date, a month name.
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/2019/08/28/riverland-engineers/", dt.date(2019, 8, 28)),
        ("http://example.cn/military/2017/07-01/263692.shtml", dt.date(2017, 7, 1)),
        ("https://radio.example.com/a/a-13-2006-09-16-rvl24/318511.html", dt.date(2006, 9, 16)),
        ("https://example.com/news_2021-03-04_engineers.html", dt.date(2021, 3, 4)),
        ("https://example.com/story/20190828/engineers", dt.date(2019, 8, 28)),
        ("https://example.co.uk/world/2019/aug/28/engineers-return", dt.date(2019, 8, 28)),
        # Article ids, year ranges and query strings are not dates.
        ("https://example.com/engineers-return-post107166.html", None),
        ("https://example.com/plan-2021-2030-strategy", None),
        ("https://example.com/read?date=2019-01-01", None),
        ("https://example.com/2019/13/45/impossible", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected


# Day-first numeric dates unless a US time zone or the URL's date says month first; impossible readings flip.
@pytest.mark.parametrize(
    ("text", "us", "hint", "expected"),
    [
        ("06/05/2019 - 18:05", False, None, dt.date(2019, 5, 6)),
        ("06/05/2019 - 06:05 pm ET", True, None, dt.date(2019, 6, 5)),
        ("06/05/2019", False, dt.date(2019, 6, 5), dt.date(2019, 6, 5)),
        ("12/25/2020", False, None, dt.date(2020, 12, 25)),
        ("25.12.2020", False, None, dt.date(2020, 12, 25)),
        ("Published 01 Feb, 2020 01:45pm", False, None, dt.date(2020, 2, 1)),
        ("Wednesday, 3rd of March 2021", False, None, dt.date(2021, 3, 3)),
    ],
)
def test_parse_date_day_order(text: str, us: bool, hint: dt.date | None, expected: dt.date) -> None:
    assert parse_date(text, us=us, hint=hint) == expected


def _page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n\n" + BODY


# Which head date is the story's: labels, header clocks, teaser lists, URL agreement, datelines.
@pytest.mark.parametrize(
    ("text", "url", "expected", "source"),
    [
        # A "Today" header line is the day of the visit; the labelled "Published" line is the story's.
        (_page("Today's Paper | November 24, 2024", "Published 01 Feb, 2020 01:45pm", TITLE), None,
         dt.date(2020, 2, 1), "byline"),
        # A clock above the headline loses to the date printed under it.
        (_page("February 22, 2024, Thursday", "Riverland 1:37:26 pm", TITLE, "Riverland Times", "June 27, 2023"),
         None, dt.date(2023, 6, 27), "text"),
        # ... and to the URL's date when nothing under the headline carries one.
        (_page("February 22, 2024, Thursday", TITLE), "https://example.com/2023/06/27/16357/",
         dt.date(2023, 6, 27), "url"),
        # A head date the URL confirms wins over a disagreeing one.
        (_page("March 9, 2024", "Riverland - June 27, 2023"), "https://example.com/2023/06/27/engineers",
         dt.date(2023, 6, 27), "text"),
        # Within two days the page's own date is kept (time zones): not the URL's.
        (_page(TITLE, "May 29, 2020"), "https://example.com/2020/05/30/engineers", dt.date(2020, 5, 29), "text"),
        # "Published" beats "Updated", whatever their order.
        (_page(TITLE, "Updated: 5 March 2021 10:00", "Published: 3 March 2021 08:00"), None,
         dt.date(2021, 3, 3), "byline"),
        # An "Updated" line alone is the best date there is.
        (_page(TITLE, "Last updated: Friday, 8 September 2006, 07:11 GMT"), None, dt.date(2006, 9, 8), "byline"),
        # A "By <author>" line carries the publication date.
        (_page(TITLE, "By Ann Reporter   December 3, 2020 | 05:01 pm PT"), None, dt.date(2020, 12, 3), "byline"),
        # A teaser list ("Related", "Latest news") at the top dates other stories.
        (_page("Latest News", "Flood relief reaches the north", "April 2, 2024", TITLE, "March 3, 2021"), None,
         dt.date(2021, 3, 3), "text"),
        (_page("Related stories", "Floods in the north", "April 2, 2024", TITLE), None, None, None),
        # A date under the headline beats a dateline whose date is an event's.
        (_page(TITLE, "4 Feb 2020", "Eastville, 4 January 2020 - " + BODY), None, dt.date(2020, 2, 4), "text"),
        # A dateline beats a date printed above the headline.
        (_page("Monday, 9 March 2024", TITLE, "Eastville, 14th, June 2021 (XYZ): " + BODY), None,
         dt.date(2021, 6, 14), "dateline"),
        # Prose that opens with a deadline is not a byline.
        ("By 31 December 2019 the ministry had planned to send a second company to the mission, but the "
         "departure was delayed by the rains and the lack of aircraft for the engineers.", None, None, None),
        # A byline glued to the first paragraph.
        ("Published: 3 March 2021 | The engineering company of Riverland came home on Tuesday after a year of "
         "building roads and bridges for the mission.", None, dt.date(2021, 3, 3), "byline"),
        # The archive prefix is the page's machine-readable date.
        (" date 2021-03-04 " + TITLE + "\n\n" + BODY, "https://example.com/2019/01/01/x", dt.date(2021, 3, 4),
         "date-prefix"),
        # A slug date in the URL and nothing in the text.
        (_page(TITLE), "https://radio.example.com/a/a-13-2006-09-16-rvl24/318511.html", dt.date(2006, 9, 16), "url"),
    ],
)  # fmt: skip
def test_find_published_forms(text: str, url: str | None, expected: dt.date | None, source: str | None) -> None:
    found = find_published(raw_text=text, url=url, title=TITLE)
    assert (found.date, found.source) == (expected, source)


def test_headline_unknown_reads_the_head_in_order() -> None:
    # Without a title nothing can be told to sit above the headline: the first head date is taken.
    found = find_published(raw_text=_page("06/05/2019 - 18:05", TITLE))
    assert found.date == dt.date(2019, 5, 6)


def test_a_tail_of_other_stories_never_dates_the_story() -> None:
    tail = "\n".join(f"Other headline number {i}\nGMT 22:33 2018 Tuesday ,2{i} January" for i in range(5))
    assert find_published(raw_text=BODY + "\n" + tail, title=TITLE).date is None


# Printed forms beyond the common ones: no space after the comma, a wire service's "Month DD/YYYY", ISO order with
# dots; and a dateline closed by the agency's name alone.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Staff - Mar 09,2022 - Last updated at Mar 09,2022", dt.date(2022, 3, 9)),
        ("Kigali, March 9/2022 (RNA)", dt.date(2022, 3, 9)),
        ("2022.03.09", dt.date(2022, 3, 9)),
        ("2022/3/9", dt.date(2022, 3, 9)),
        ("version 2.1.0", None),
    ],
)
def test_printed_forms(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_a_dateline_closed_by_the_agency_alone() -> None:
    raw = f"{TITLE}\n\nKigali, March 9/2022 (RNA) {BODY}"
    found = find_published(raw_text=raw, title=TITLE)
    assert (found.date, found.source) == (dt.date(2022, 3, 9), "dateline")
