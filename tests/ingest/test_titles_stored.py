"""Articles and stories get a title for the curators' desk even when the input had no TITLE: header."""

from __future__ import annotations

import pytest

from apps.ingest.models import Article
from tests.dashboards.test_browser import ARTIFACTS, browser  # noqa: F401 - the Chromium fixture

pytestmark = pytest.mark.django_db

BODY = (
    "Vietnam sends its third field hospital to South Sudan\n\n"
    "The Ministry of National Defence on Monday sent 63 medical staff, including 10 women, to the level-2 field "
    "hospital in Bentiu, South Sudan, under the UN Mission in South Sudan (UNMISS).\n"
)


def test_a_text_without_title_takes_its_headline_first_line(ingest):
    res = ingest(text=BODY, via="admin")
    art = Article.objects.get(pk=res.article.pk)
    assert art.status == Article.Status.PROCESSED, art.error
    assert art.title == "Vietnam sends its third field hospital to South Sudan"
    assert art.story.title == "Vietnam sends its third field hospital to South Sudan"


def test_a_stated_title_is_kept(ingest):
    res = ingest(text=BODY, title="Field hospital rotation", via="admin")
    assert Article.objects.get(pk=res.article.pk).title == "Field hospital rotation"


def test_a_first_line_that_is_a_sentence_gives_no_title(ingest):
    res = ingest(text=BODY.split("\n\n", 1)[1], via="admin")
    assert Article.objects.get(pk=res.article.pk).title == ""


def test_an_html_page_takes_its_og_title(ingest):
    page = (
        '<html><head><meta property="og:title" content="Ghana police unit leaves for Darfur"></head><body>'
        "<article><p>" + BODY.split("\n\n", 1)[1] * 3 + "</p></article></body></html>"
    )
    res = ingest(html=page, via="admin")
    art = Article.objects.get(pk=res.article.pk)
    assert art.status == Article.Status.PROCESSED, art.error
    assert art.title == "Ghana police unit leaves for Darfur"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_curators_desk_lists_the_guessed_titles(browser, live_server, django_user_model, ingest, width):  # noqa: F811
    import os

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    django_user_model.objects.create_superuser("curator", "c@example.org", "a-long-test-password-17")
    ingest(text=BODY, via="admin")
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    pg = context.new_page()
    pg.goto(live_server.url + "/admin/login/")
    pg.fill("input[name=username]", "curator")
    pg.fill("input[name=password]", "a-long-test-password-17")
    pg.click("input[type=submit]")
    for path in ("/admin/ingest/article/", "/admin/ingest/story/"):
        pg.goto(live_server.url + path)
        assert "Vietnam sends its third field hospital to South Sudan" in pg.locator("#result_list").inner_text()
        name = path.strip("/").replace("/", "-")
        pg.screenshot(path=str(ARTIFACTS / f"issue17-titles-{name}-{width}.png"), full_page=True)
    context.close()
