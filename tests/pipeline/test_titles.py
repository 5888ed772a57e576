"""Titles for articles that came without one: og:title/<title>, else a first line that reads as a headline."""

from __future__ import annotations

import pytest

from apps.ingest.pipeline.titles import headline_from_text, strip_site_name, title_from_html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan, Vietnam eye stronger co-operation in UN peacekeeping\nVOV.VN - Japan’s Vice Minister visited ...",
            "Japan, Vietnam eye stronger co-operation in UN peacekeeping",
        ),
        (
            "\n\n  Vietnam, Japan co-chair 14th meeting of EWG on peacekeeping operations  \n\nThe Ministry held ...",
            "Vietnam, Japan co-chair 14th meeting of EWG on peacekeeping operations",
        ),
        (
            "“We are ready”: Ghana's police unit leaves for Darfur\nBody.",
            "“We are ready”: Ghana's police unit leaves for Darfur",
        ),
        ("U.S. praises Bangladesh peacekeepers in U.S.\nBody.", "U.S. praises Bangladesh peacekeepers in U.S."),
        # Not headlines: a date prefix, a sentence, two sentences, a byline, a dateline, a URL, one word, lower case.
        (" date 2022-10-11 Col. Nguyen Nhu Canh, Deputy Director of the Department\nmore", None),
        ("The event was co-chaired by the head of Vietnam’s group of experts.\nmore", None),
        ("Troops left on Monday. They will serve a year\nmore", None),
        ("By Gia Chinh November 19, 2019 | 07:01 pm PT\nmore", None),
        ("HANOI - Vietnam will send a second engineering unit\nmore", None),
        ("Read at https://example.org/news/1 today\nmore", None),
        ("Society\nVietnam sends doctors", None),
        ("vietnam sends its third field hospital to south sudan\nmore", None),
        ("x" * 200 + "\nmore", None),
        ("", None),
    ],
)
def test_first_line_as_headline(text, expected):
    assert headline_from_text(text) == expected


def test_html_title_prefers_og_title_and_unescapes():
    page = """<html><head><title>Doctors leave for Bentiu - VnExpress International</title>
    <meta property="og:title" content="Vietnamese doctors leave for UN field hospital &amp; Bentiu"></head><body></body></html>"""
    assert title_from_html(page) == "Vietnamese doctors leave for UN field hospital & Bentiu"


def test_html_title_tag_without_the_site_name():
    page = "<html><head><TITLE>\n  Vietnamese military doctors leave for South Sudan | VnExpress International\n</TITLE></head></html>"
    assert title_from_html(page) == "Vietnamese military doctors leave for South Sudan"
    assert title_from_html("<html><body><p>No title here</p></body></html>") is None


@pytest.mark.parametrize(
    ("title", "sitename", "expected"),
    [
        ("Peacekeepers honoured - VOV.VN", "VOV.VN", "Peacekeepers honoured"),
        ("Vietnam sends engineers to Abyei - Tuoi Tre News", None, "Vietnam sends engineers to Abyei"),
        ("Vietnam - Japan talks", None, "Vietnam - Japan talks"),  # too short a head to be a headline + site
    ],
)
def test_site_name_suffix(title, sitename, expected):
    assert strip_site_name(title, sitename) == expected
