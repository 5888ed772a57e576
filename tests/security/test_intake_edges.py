"""Smaller intake gaps (issue 16, item 8): the exit status of `ingest`, binary files, stranded resubmissions."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from apps.ingest import dispatch, services
from apps.ingest.models import Article
from apps.ingest.pipeline import readers
from apps.ingest.pipeline.dedupe import content_hash
from tests.curation.factories import UserFactory
from tests.ingest.conftest import OTHER_STORY, STORY_BODY, fake_process

pytestmark = pytest.mark.django_db

_rng = random.Random(16)
RANDOM = bytes(_rng.randrange(256) for _ in range(4096))
NO_NUL = bytes(b or 1 for b in RANDOM)  # random bytes without a NUL: undecodable, mostly non-text
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + RANDOM[:2000]
UTF16 = OTHER_STORY.encode("utf-16")
CONTROL = ("\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f" * 40 + " 12 peacekeepers ").encode()


@pytest.fixture(autouse=True)
def predictable_pipeline(monkeypatch):
    monkeypatch.setattr("apps.ingest.services.processing.process_article", fake_process)


# --- the exit status of `manage.py ingest` -------------------------------------------------------------


def test_ingest_exits_non_zero_when_every_input_failed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="every input failed") as caught:
        call_command("ingest", str(tmp_path), "--no-progress", stdout=out, stderr=io.StringIO())
    assert caught.value.returncode == 1
    assert "failed: " in out.getvalue()  # the report is still printed first
    assert not Article.objects.exists()


def test_ingest_exits_non_zero_when_no_input_was_found(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match="no input"):
        call_command("ingest", str(tmp_path), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def test_ingest_exits_zero_when_some_inputs_landed(tmp_path, django_capture_on_commit_callbacks):
    (tmp_path / "a.txt").write_text(OTHER_STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(tmp_path), "--no-progress", stdout=out, stderr=io.StringIO())
    assert "ingested 1," in out.getvalue() and "failed 1" in out.getvalue()


def test_the_exit_statuses_are_documented():
    from apps.ingest.management.commands.ingest import Command

    assert "exit status 1" in Command.help and "75" in Command.help


# --- binary files named .txt ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (RANDOM, "NUL bytes"),
        (PNG, "NUL bytes"),
        (UTF16, "NUL bytes"),
        (NO_NUL, "not text"),
        (CONTROL, "not text"),
    ],
    ids=["random", "png", "utf-16", "random-no-nul", "control characters"],
)
def test_a_binary_file_named_txt_is_refused_with_a_clear_error(tmp_path, content, reason):
    path = tmp_path / "photo.txt"
    path.write_bytes(content)
    (raw,) = readers.read_file(str(path))
    assert raw.text is None and raw.html is None
    assert raw.error.startswith("not a text file:") and reason in raw.error
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), "--no-progress", stdout=out, stderr=io.StringIO())
    assert f"failed: {path}: not a text file" in out.getvalue()
    assert not Article.objects.exists()


def test_a_binary_html_file_is_refused_too(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PNG)
    (raw,) = readers.read_file(str(path))
    assert raw.html is None and "not a text file" in raw.error


def test_a_text_with_a_few_bad_bytes_is_still_read_with_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Côte d'Ivoire sent 45 gendarmes to Abyei, including 9 women. ".encode("latin-1") * 5)
    (raw,) = readers.read_file(str(path))
    assert raw.text and "invalid UTF-8" in raw.error


def test_binary_text_submitted_directly_is_refused():
    with pytest.raises(services.IngestError, match="not text"):
        services.article_ingest(text=NO_NUL.decode("latin-1"), via="api")
    api = APIClient()
    api.force_authenticate(UserFactory(username="bin-writer", is_superuser=True))
    response = api.post("/api/v1/submissions/", {"text": NO_NUL.decode("utf-8", errors="replace")}, format="json")
    assert response.status_code == 400 and "not text" in response.content.decode()
    assert not Article.objects.exists()


# --- a resubmitted article whose task was lost is queued again ---------------------------------------------


def _stranded(**fields) -> Article:
    """A queued article whose task never ran (a broker that lost it, a restart): nothing will process it."""
    article = Article.objects.create(
        content_hash=content_hash(STORY_BODY),
        raw_content=STORY_BODY,
        status=Article.Status.QUEUED,
        **fields,
    )
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=5))
    return article


def test_a_resubmitted_article_with_no_task_is_queued_again(django_capture_on_commit_callbacks):
    article = _stranded()
    api = APIClient()
    api.force_authenticate(UserFactory(username="again-writer", is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/submissions/", {"text": STORY_BODY}, format="json")
    assert response.status_code == 202 and response.json()["created"] is False
    article.refresh_from_db()
    assert article.status == Article.Status.PROCESSED, article.error  # the task ran (inline without a broker)


def test_a_resubmission_just_after_the_first_does_not_send_a_second_task(
    monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(dispatch, "article_dispatch", lambda **kw: sent.append(kw) or True)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.article_ingest(text=OTHER_STORY, via="api")
        again = services.article_ingest(text=OTHER_STORY, via="api")
    assert first.created and not again.created
    assert len(sent) == 1  # its task was sent a moment ago: not sent twice


@pytest.mark.django_db(transaction=True)  # on-commit sends run at once, before the view reads the article back
def test_a_resubmission_while_the_broker_is_still_down_is_reported_waiting(monkeypatch):
    article = _stranded(error=dispatch.NOT_QUEUED)

    def broker_down(*, task_name, article_id):
        Article.objects.filter(pk=article_id).update(error=f"{dispatch.NOT_QUEUED} (OperationalError: down)")
        return False

    monkeypatch.setattr(dispatch, "article_dispatch", broker_down)
    api = APIClient()
    api.force_authenticate(UserFactory(username="down-writer", is_superuser=True))
    response = api.post("/api/v1/submissions/", {"text": STORY_BODY}, format="json")
    assert response.status_code == 503
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED and article.error.startswith(dispatch.NOT_QUEUED)
