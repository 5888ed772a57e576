"""CSRF on every form that changes something, and the API's write rules: anonymous writes 401, read-only endpoints
refuse every writing method, session writes need the CSRF token, tokens do not."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.ingest.models import Article
from tests.curation.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db
GOOD = "a-long-test-password"  # noqa: S105 - the factory's test password
TEXT = "Ghana sent 140 peacekeepers, including 26 women, to Abyei on 3 May 2021."


def _csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def _token_from(client: Client, url: str) -> str:
    client.get(url)
    return client.cookies["csrftoken"].value


# --- CSRF on forms -------------------------------------------------------------------------------------------


def test_admin_login_without_a_csrf_token_is_refused():
    UserFactory(username="desk", is_superuser=True)
    client = _csrf_client()
    refused = client.post("/admin/login/", {"username": "desk", "password": GOOD})
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session
    # The same POST with the token from the form works: the refusal was the missing token.
    token = _token_from(client, "/admin/login/")
    ok = client.post("/admin/login/", {"username": "desk", "password": GOOD, "csrfmiddlewaretoken": token})
    assert ok.status_code == 302 and "_auth_user_id" in client.session


def test_admin_add_articles_without_a_csrf_token_stores_nothing():
    client = _csrf_client(UserFactory(username="boss", is_superuser=True))
    url = "/admin/ingest/article/add-articles/"
    assert client.post(url, {"text": TEXT}).status_code == 403
    assert not Article.objects.exists()
    token = _token_from(client, url)
    assert client.post(url, {"text": TEXT, "csrfmiddlewaretoken": token}).status_code == 302
    assert Article.objects.count() == 1


def test_admin_actions_and_edits_without_a_csrf_token_are_refused():
    claim = ClaimFactory()
    client = _csrf_client(UserFactory(username="boss", is_superuser=True))
    action = client.post(
        "/admin/ingest/claim/", {"action": "reject_selected", "_selected_action": [claim.pk], "reason": "x"}
    )
    assert action.status_code == 403
    claim.refresh_from_db()
    assert claim.review_state == "pending"
    assert client.post(f"/admin/ingest/claim/{claim.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post("/admin/logout/").status_code == 403


def test_dashboards_have_no_unprotected_writes():
    """The dashboards are read-only pages: a POST is never taken as a write."""
    client = _csrf_client()
    for path in ("/", "/rankings/", "/countries/VNM/", "/missions/UNISFA/"):
        assert client.post(path, {"x": "1"}).status_code in (403, 404, 405), path


# --- API writes ----------------------------------------------------------------------------------------------

# Each read-only endpoint with a key its detail route accepts (the object need not exist: 405 comes first).
READ_ONLY = [
    ("countries", "VNM"),
    ("missions", "UNISFA"),
    ("personnel-types", "troops"),
    ("categories", "troops"),
    ("targets", "1"),
    ("releases", "1"),
    ("contributions", "1"),
    ("articles", "1"),
    ("stories", "1"),
    ("claims", "1"),
    ("reported-figures", "1"),
]
WRITES = ["post", "put", "patch", "delete"]


def _superuser_token_client() -> APIClient:
    token = Token.objects.create(user=UserFactory(username="root", is_superuser=True))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


@pytest.mark.parametrize(("endpoint", "key"), READ_ONLY)
def test_read_only_endpoints_refuse_every_writing_method(endpoint, key):
    anonymous, root = APIClient(), _superuser_token_client()
    for method in WRITES:
        for url in (f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/{key}/"):
            # Anonymous: not even told whether the method exists. Even a superuser: 405, never a write.
            assert getattr(anonymous, method)(url, {}, format="json").status_code in (401, 403), (method, url)
            response = getattr(root, method)(url, {}, format="json")
            assert response.status_code == 405, (method, url, response.status_code)
            assert response.json()["error"]["code"] == "method_not_allowed"
    for method in WRITES:
        assert getattr(root, method)("/api/v1/series/", {}, format="json").status_code == 405


def test_anonymous_submission_is_401_and_stores_nothing():
    response = APIClient().post("/api/v1/submissions/", {"text": TEXT}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert not Article.objects.exists()


def test_submissions_cannot_be_edited_or_deleted():
    root = _superuser_token_client()
    for method in ("put", "patch", "delete"):
        assert getattr(root, method)("/api/v1/submissions/1/", {}, format="json").status_code == 405


def test_a_session_write_needs_the_csrf_token_a_token_write_does_not(django_capture_on_commit_callbacks):
    user = UserFactory(username="writer")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="ingest", codename="add_article"))
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(user)
    refused = session.post("/api/v1/submissions/", {"text": TEXT}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]
    assert not Article.objects.exists()
    tokened = APIClient(enforce_csrf_checks=True)
    tokened.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    with django_capture_on_commit_callbacks(execute=True):
        assert tokened.post("/api/v1/submissions/", {"text": TEXT}, format="json").status_code == 202


def test_authenticated_reads_are_throttled_per_user(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "2/min"},
    }
    root = _superuser_token_client()
    codes = [root.get("/api/v1/personnel-types/", REMOTE_ADDR=f"192.0.2.{i}").status_code for i in range(3)]
    assert codes == [200, 200, 429]  # per user: changing address does not help
    error = root.get("/api/v1/personnel-types/").json()["error"]
    assert (error["status"], error["code"]) == (429, "throttled")
