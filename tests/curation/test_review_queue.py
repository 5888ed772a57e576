"""The review queue in Django admin: what a curator sees, and the buttons and actions that act on claims."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.curation.models import ReportedFigure
from apps.curation.services import claim_accept
from apps.ingest.models import Claim
from tests.curation.factories import ArticleFactory, ClaimFactory, MissionFactory, add_source, curator

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:ingest_claim_changelist")


def change_url(claim: Claim) -> str:
    return reverse("admin:ingest_claim_change", args=[claim.pk])


def form_data(claim: Claim, **overrides) -> dict:
    """The change form as the page renders it, plus the curator's changes and the button pressed."""
    data = {
        "country": claim.country_id,
        "missions": [m.pk for m in claim.missions.all()],
        "unit": claim.unit,
        "target_category": "",
        "personnel_total": claim.personnel_total,
        "women": claim.women,
        "women_percent": claim.women_percent,
        "scope": claim.scope,
        "as_of": claim.as_of.isoformat(),
        "as_of_precision": claim.as_of_precision,
        "review_note": "",
        "sources-TOTAL_FORMS": claim.sources.count(),
        "sources-INITIAL_FORMS": claim.sources.count(),
        "sources-MIN_NUM_FORMS": 0,
        "sources-MAX_NUM_FORMS": 1000,
    }
    from apps.curation.selectors import category_for_unit

    category = category_for_unit(claim.unit)
    data["target_category"] = category.pk if category else ""
    for i, source in enumerate(claim.sources.all()):
        data[f"sources-{i}-id"] = source.pk
        data[f"sources-{i}-claim"] = claim.pk
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def desk(client):
    client.force_login(curator())
    return client


def test_the_queue_lists_pending_claims_by_default_without_n_plus_one(desk):
    ClaimFactory.create_batch(3)
    done = ClaimFactory()
    claim_accept(claim=done, user=curator("other"))
    with CaptureQueriesContext(connection) as few:
        response = desk.get(QUEUE)
    assert response.status_code == 200
    assert done.pk not in {c.pk for c in response.context["cl"].result_list}
    assert len(response.context["cl"].result_list) == 3

    for _ in range(12):
        claim = ClaimFactory(article=ArticleFactory(outlet="Third Outlet"))
        add_source(claim, ArticleFactory(story=claim.story))
        claim.missions.add(MissionFactory(acronym="UNMISS"))
    with CaptureQueriesContext(connection) as many:
        response = desk.get(QUEUE)
    assert len(response.context["cl"].result_list) == 15
    assert 5 < len(many) == len(few), [q["sql"] for q in many.captured_queries]

    everything = desk.get(QUEUE + "?state=all")
    assert len(everything.context["cl"].result_list) == 16


def test_the_queue_filters_by_confidence_band_outlet_and_scope(desk):
    low = ClaimFactory(confidence=0.2)
    high = ClaimFactory(confidence=0.95, article=ArticleFactory(outlet="Daily Paper"))
    planned = ClaimFactory(scope="planned", fingerprint="planned")

    def listed(query: str) -> set[int]:
        return {c.pk for c in desk.get(QUEUE + query).context["cl"].result_list}

    assert listed("?confidence=low") == {low.pk}
    assert listed("?confidence=high") == {high.pk}
    assert listed("?outlet=Daily+Paper") == {high.pk}
    assert listed("?scope__exact=planned") == {planned.pk}
    ordered = [c.pk for c in desk.get(QUEUE).context["cl"].result_list]
    assert ordered.index(low.pk) < ordered.index(high.pk), "least certain first within a day"


def test_the_change_form_marks_the_quote_in_its_paragraph_and_escapes_the_article(desk):
    hostile = (
        "<script>alert('x')</script> Earlier paragraph.\n\nThe unit of 40 staff, with 6 women, left today <b>now</b>."
    )
    article = ArticleFactory(clean_text=hostile, title="<i>Title</i>", outlet="Paper & Co")
    quote = "40 staff, with 6 women"
    claim = ClaimFactory(article=article, quote=quote, start=hostile.find(quote), end=hostile.find(quote) + len(quote))
    ArticleFactory(story=claim.story, outlet="Second Outlet", title="Same story elsewhere")
    claim.reasons = ["states 17 percent; 33 of 189 is 17.5 percent", "<img src=x onerror=alert(1)>"]
    claim.save()

    page = desk.get(change_url(claim)).content.decode()

    assert "The unit of <mark>40 staff, with 6 women</mark>, left today &lt;b&gt;now&lt;/b&gt;." in page
    assert "<script>alert" not in page and "Earlier paragraph" not in page
    assert "&lt;i&gt;Title&lt;/i&gt;" in page and "Paper &amp; Co" in page
    assert "Same story elsewhere" in page and "Second Outlet" in page
    assert "states 17 percent; 33 of 189 is 17.5 percent" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    for button in ('name="_accept"', 'name="_accept_edited"', 'name="_reject"'):
        assert button in page


def test_stale_offsets_fall_back_to_finding_the_quote(desk):
    claim = ClaimFactory(start=0, end=5)
    page = desk.get(change_url(claim)).content.decode()
    assert f"<mark>{claim.quote}</mark>" in page


def test_accept_button_accepts_and_moves_to_the_next_pending_claim(desk):
    claim, after = ClaimFactory(confidence=0.3), ClaimFactory(confidence=0.4)
    response = desk.post(change_url(claim), form_data(claim, _accept="Accept"))
    assert response.status_code == 302 and response["Location"] == change_url(after)
    claim.refresh_from_db()
    assert claim.review_state == "accepted" and claim.reviewed_by.username == "curator"
    assert ReportedFigure.objects.get().personnel_total == 189


def test_accept_as_edited_keeps_the_curators_numbers(desk):
    claim = ClaimFactory()
    response = desk.post(change_url(claim), form_data(claim, women=31, women_percent="16.40", _accept_edited="1"))
    assert response.status_code == 302
    figure = ReportedFigure.objects.get()
    assert (figure.women, str(figure.women_percent)) == (31, "16.40")
    claim.refresh_from_db()
    assert (claim.review_state, claim.women) == ("edited", 33)


def test_accept_with_unsaved_edits_or_reject_without_reason_changes_nothing(desk):
    claim = ClaimFactory()
    response = desk.post(change_url(claim), form_data(claim, women=31, _accept="Accept"))
    assert response.status_code == 200 and "Accept as edited" in response.context["errors"].as_text()
    response = desk.post(change_url(claim), form_data(claim, _reject="Reject"))
    assert response.status_code == 200 and "Say why" in str(response.context["adminform"].form.errors)
    response = desk.post(change_url(claim), form_data(claim, _accept_edited="1"))
    assert response.status_code == 200 and "Nothing was edited" in response.context["errors"].as_text()
    claim.refresh_from_db()
    assert claim.review_state == "pending" and ReportedFigure.objects.count() == 0


def test_reject_button_keeps_the_reason(desk):
    claim = ClaimFactory()
    desk.post(change_url(claim), form_data(claim, review_note="Figure refers to 2019.", _reject="Reject"))
    claim.refresh_from_db()
    assert (claim.review_state, claim.review_note) == ("rejected", "Figure refers to 2019.")


def test_accept_into_button_adds_the_claim_as_a_source_of_the_existing_figure(desk):
    figure = claim_accept(claim=ClaimFactory(), user=curator("other"))
    claim = ClaimFactory(article=ArticleFactory(outlet="Later Outlet"))
    page = desk.get(change_url(claim)).content.decode()
    assert f'name="_accept_into" value="{figure.pk}"' in page
    desk.post(change_url(claim), form_data(claim, _accept_into=str(figure.pk)))
    assert figure.sources.count() == 2 and ReportedFigure.objects.count() == 1


def test_bulk_reject_asks_for_a_reason_on_an_intermediate_page(desk):
    claims = ClaimFactory.create_batch(2)
    selected = {"action": "reject_selected", ACTION_CHECKBOX_NAME: [c.pk for c in claims]}
    page = desk.post(QUEUE, selected)
    assert page.status_code == 200 and b"Reason (required)" in page.content
    again = desk.post(QUEUE, {**selected, "apply": "1", "reason": "  "})
    assert b"Say why" in again.content
    assert set(Claim.objects.values_list("review_state", flat=True)) == {"pending"}
    desk.post(QUEUE, {**selected, "apply": "1", "reason": "Duplicate of an older report."})
    assert set(Claim.objects.values_list("review_note", flat=True)) == {"Duplicate of an older report."}
    assert set(Claim.objects.values_list("review_state", flat=True)) == {"rejected"}


def test_bulk_accept_merge_and_accept_into_existing(desk):
    a, b = ClaimFactory(), ClaimFactory(article=ArticleFactory(outlet="B"))
    desk.post(QUEUE, {"action": "accept_selected", ACTION_CHECKBOX_NAME: [a.pk, b.pk]})
    assert ReportedFigure.objects.count() == 2

    desk.post(QUEUE + "?state=all", {"action": "merge_selected", ACTION_CHECKBOX_NAME: [a.pk, b.pk]})
    assert ReportedFigure.objects.count() == 1
    figure = ReportedFigure.objects.get()

    c = ClaimFactory(article=ArticleFactory(outlet="C"))
    page = desk.post(QUEUE, {"action": "accept_into_existing", ACTION_CHECKBOX_NAME: [c.pk]})
    assert f'value="{figure.pk}"'.encode() in page.content
    desk.post(
        QUEUE, {"action": "accept_into_existing", ACTION_CHECKBOX_NAME: [c.pk], "apply": "1", "figure": figure.pk}
    )
    assert figure.sources.count() == 3
