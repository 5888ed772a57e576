"""The curator role: reviews claims and keeps figures; no user management, no deleting official data."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from apps.curation.models import ReportedFigure
from apps.ingest.models import Claim
from tests.curation.factories import ClaimFactory, ContributionFactory, UserFactory, curator

pytestmark = pytest.mark.django_db


def test_the_curator_group_grants_review_and_reading_but_not_users_or_deleting_official_data():
    user = curator()
    for perm in (
        "ingest.view_claim",
        "ingest.change_claim",
        "ingest.view_article",
        "ingest.view_story",
        "curation.add_reportedfigure",
        "curation.change_reportedfigure",
        "curation.add_reportedfiguresource",
        "curation.view_discrepancy",
        "deployments.view_contribution",
    ):
        assert user.has_perm(perm), perm
    for perm in (
        "auth.view_user",
        "auth.change_user",
        "auth.change_group",
        "deployments.delete_contribution",
        "deployments.change_contribution",
        "ingest.delete_claim",
        "curation.delete_reportedfigure",
    ):
        assert not user.has_perm(perm), perm


def test_a_curator_cannot_open_the_user_admin(client):
    client.force_login(curator())
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_a_curator_reads_official_data_but_cannot_delete_it(client):
    contribution = ContributionFactory()
    client.force_login(curator())
    try:
        url = reverse("admin:deployments_contribution_delete", args=[contribution.pk])
    except Exception:  # noqa: BLE001 - the importer's admin may not register Contribution
        pytest.skip("Contribution is not registered in the admin")
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403


def test_staff_without_the_group_cannot_review_claims(client):
    claim = ClaimFactory()
    client.force_login(UserFactory(username="intern"))
    url = reverse("admin:ingest_claim_change", args=[claim.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"_accept": "Accept"}).status_code == 403
    client.post(
        reverse("admin:ingest_claim_changelist"), {"action": "accept_selected", ACTION_CHECKBOX_NAME: [claim.pk]}
    )
    claim.refresh_from_db()
    assert claim.review_state == Claim.Review.PENDING and not ReportedFigure.objects.exists()


def test_a_viewer_of_claims_cannot_accept_them(client):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(username="reader")
    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    claim = ClaimFactory()
    client.force_login(viewer)
    url = reverse("admin:ingest_claim_change", args=[claim.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="_accept"' not in page.content
    assert client.post(url, {"_accept": "Accept"}).status_code == 403
    actions = client.get(reverse("admin:ingest_claim_changelist")).content
    assert b"accept_selected" not in actions
    claim.refresh_from_db()
    assert claim.review_state == Claim.Review.PENDING


def test_every_review_is_attributed(client):
    user = curator("maria")
    client.force_login(user)
    claim = ClaimFactory()
    client.post(
        reverse("admin:ingest_claim_changelist"), {"action": "accept_selected", ACTION_CHECKBOX_NAME: [claim.pk]}
    )
    claim.refresh_from_db()
    figure = ReportedFigure.objects.get()
    assert claim.reviewed_by == user and figure.created_by == user
    assert figure.history.earliest().history_user == user
    assert figure.sources.get().added_by == user


def test_the_curator_group_command_restores_the_documented_permissions():
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    migrated = set(Group.objects.get(name="curator").permissions.values_list("codename", flat=True))
    Group.objects.filter(name="curator").delete()
    call_command("curator_group", stdout=__import__("io").StringIO())
    assert set(Group.objects.get(name="curator").permissions.values_list("codename", flat=True)) == migrated


def test_a_curator_sees_the_discrepancy_list_and_reported_figures_but_cannot_delete_figures(client):
    client.force_login(curator())
    assert client.get(reverse("admin:curation_discrepancy_changelist")).status_code == 200
    assert client.get(reverse("admin:curation_reportedfigure_changelist")).status_code == 200
    assert client.get(reverse("admin:curation_reportedfigure_add")).status_code == 200
    figure = ReportedFigure.objects.create(country=ContributionFactory().country, personnel_total=5)
    assert client.get(reverse("admin:curation_reportedfigure_delete", args=[figure.pk])).status_code == 403
