"""Every change to a reported figure is kept: who changed what, and when."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.curation.services import claim_accept
from tests.curation.factories import ClaimFactory, curator

pytestmark = pytest.mark.django_db


def test_accept_then_admin_edit_is_recorded_in_the_figure_history(client):
    first, second = curator("alice"), curator("bob")
    figure = claim_accept(claim=ClaimFactory(), user=first)
    client.force_login(second)
    url = reverse("admin:curation_reportedfigure_change", args=[figure.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("missions",)}
    data.update(
        {
            "country": figure.country_id,
            "missions": [m.pk for m in figure.missions.all()],
            "women": 32,
            "note": "The ministry's later statement gives 32 women.",
            "target_category": figure.target_category_id,
            "sources-TOTAL_FORMS": 0,
            "sources-INITIAL_FORMS": 0,
            "_save": "Save",
        }
    )
    data = {k: v for k, v in data.items() if k not in ("created_by", "created_at", "updated_at")}
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors

    history = list(figure.history.order_by("history_date", "history_id"))
    assert history[0].history_type == "+" and history[0].history_user.username == "alice"
    by_alice = [h for h in history if h.history_user.username == "alice"]
    by_bob = [h for h in history if h.history_user.username == "bob"]
    assert history == by_alice + by_bob, "bob's edit comes after alice's accept, each attributed"
    delta = by_bob[-1].diff_against(by_alice[-1])
    changes = {c.field: (c.old, c.new) for c in delta.changes}
    assert changes["women"] == (33, 32)
    assert changes["note"] == ("", "The ministry's later statement gives 32 women.")
    assert by_bob[-1].history_date > by_alice[-1].history_date

    history_page = client.get(reverse("admin:curation_reportedfigure_history", args=[figure.pk]))
    assert history_page.status_code == 200
    assert b"bob" in history_page.content
