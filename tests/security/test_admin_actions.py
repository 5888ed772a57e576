"""Every admin action checks its permission (issue 16, item 4): role × action, the action runs only when allowed.

Each action is replaced by a spy that keeps its declared permissions (functools.wraps copies them), so the test
sees whether Django's action machinery let the request reach the action, not what the action would do.
"""

from __future__ import annotations

import functools

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from apps.ingest import services as ingest_services
from apps.ingest.models import Article, Source
from tests.curation.factories import ClaimFactory, UserFactory, curator

pytestmark = pytest.mark.django_db

REVIEW = {"accept_selected", "reject_selected", "accept_into_existing", "merge_selected"}
# (app_label, model_name, action) → roles that may run it. The curator reviews claims; re-running the pipeline,
# retrying failed articles and polling feeds change ingestion state and need change permission on it.
EXPECTED: dict[tuple[str, str, str], set[str]] = {
    ("ingest", "source", "poll_now"): {"superuser"},
    ("ingest", "article", "retry_failed"): {"superuser"},
    ("ingest", "article", "reprocess"): {"superuser"},
    **{("ingest", "claim", name): {"superuser", "curator"} for name in REVIEW},
}
ROLES = ["superuser", "curator", "read_only_staff", "anonymous"]


def _project_admins() -> dict[tuple[str, str], admin.ModelAdmin]:
    return {
        (model._meta.app_label, model._meta.model_name): model_admin
        for model, model_admin in admin.site._registry.items()
        if type(model_admin).__module__.startswith("apps.")
    }


def test_every_project_admin_action_declares_its_permissions_and_is_in_the_table():
    found: set[tuple[str, str, str]] = set()
    for (app_label, model_name), model_admin in _project_admins().items():
        for name in model_admin.actions or []:
            func = getattr(type(model_admin), name) if isinstance(name, str) else name
            label = name if isinstance(name, str) else func.__name__
            found.add((app_label, model_name, label))
            assert getattr(func, "allowed_permissions", ()), f"{app_label}.{model_name}.{label} checks no permission"
    # Django's own bulk delete asks for delete permission; every other action must be listed above.
    assert list(admin.site.get_action("delete_selected").allowed_permissions) == ["delete"]
    assert found == set(EXPECTED)


def _user(role: str):
    if role == "superuser":
        return UserFactory(username="root", is_superuser=True)
    if role == "curator":
        return curator()
    if role == "read_only_staff":
        user = UserFactory(username="reader")
        user.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
        return type(user).objects.get(pk=user.pk)
    return None


def _objects(model_name: str) -> list[int]:
    if model_name == "source":
        return [Source.objects.create(name="Feed", url="https://feeds.example.org/rss", enabled=True).pk]
    if model_name == "article":
        return [ClaimFactory().article.pk]
    return [ClaimFactory().pk, ClaimFactory().pk]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: f"{k[1]}.{k[2]}")
def test_an_action_runs_only_for_the_roles_allowed(client, monkeypatch, role, key):
    app_label, model_name, action = key
    model_admin = _project_admins()[(app_label, model_name)]
    calls: list[int] = []
    original = getattr(type(model_admin), action)

    @functools.wraps(original)
    def spy(self, request, queryset):
        calls.append(queryset.count())

    monkeypatch.setattr(type(model_admin), action, spy)
    ids = _objects(model_name)
    user = _user(role)
    if user is not None:
        client.force_login(user)
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    response = client.post(url, {"action": action, ACTION_CHECKBOX_NAME: ids, "index": 0})
    allowed = role in EXPECTED[key]
    assert bool(calls) == allowed, f"{role} ran {action}" if calls else f"{role} could not run {action}"
    if role == "anonymous":
        assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    elif allowed or response.status_code == 200:
        # A changelist the user may read does not offer the action it may not run.
        listing = client.get(url)
        if listing.status_code == 200:
            assert (f'value="{action}"' in listing.content.decode()) == allowed


def test_the_real_actions_change_nothing_for_a_read_only_curator(client, monkeypatch):
    """End to end, without spies: the curator's POSTs leave articles and feeds as they were."""
    polled: list[int] = []
    monkeypatch.setattr(ingest_services, "source_poll", lambda *, source_id, force=False: polled.append(source_id))
    feed = Source.objects.create(name="Off", url="https://feeds.example.org/off", enabled=False)
    failed = ClaimFactory().article
    Article.objects.filter(pk=failed.pk).update(status=Article.Status.FAILED, error="boom")
    client.force_login(curator())
    client.post(reverse("admin:ingest_source_changelist"), {"action": "poll_now", ACTION_CHECKBOX_NAME: [feed.pk]})
    for action in ("retry_failed", "reprocess"):
        client.post(reverse("admin:ingest_article_changelist"), {"action": action, ACTION_CHECKBOX_NAME: [failed.pk]})
    failed.refresh_from_db()
    assert polled == [] and failed.status == Article.Status.FAILED and failed.error == "boom"


def test_a_disabled_feed_is_not_polled_even_by_a_superuser(client, monkeypatch):
    polled: list[int] = []

    def fake_poll(*, source_id: int, force: bool = False):
        polled.append(source_id)
        return ingest_services.PollResult(status="ok", entries=0, created=0)

    monkeypatch.setattr(ingest_services, "source_poll", fake_poll)
    off = Source.objects.create(name="Off", url="https://feeds.example.org/off", enabled=False)
    on = Source.objects.create(name="On", url="https://feeds.example.org/on", enabled=True)
    client.force_login(UserFactory(username="root", is_superuser=True))
    response = client.post(
        reverse("admin:ingest_source_changelist"),
        {"action": "poll_now", ACTION_CHECKBOX_NAME: [off.pk, on.pk]},
        follow=True,
    )
    assert polled == [on.pk]
    assert "Off: disabled, not polled" in response.content.decode()
