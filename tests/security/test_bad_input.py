"""Hostile or broken articles end as a clear error on the row (or a refusal), never a crash; good ones still land."""

from __future__ import annotations

import io
import json
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from apps.ingest.models import Article
from apps.ingest.services import IngestError, article_ingest
from tests.curation.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "Ghana has sent 140 peacekeepers, including 26 women, to the United Nations mission in South Sudan on "
    "Tuesday, the armed forces said. The engineers will repair roads near Malakal for twelve months."
)
GOOD_2 = (
    "Nepal is preparing a formed police unit of 160 officers, including 40 women, for service in the Central "
    "African Republic, the police headquarters announced after crowd management courses."
)
_rng = random.Random(1325)
BINARY = bytes(_rng.randrange(256) for _ in range(4096))
DEEP = "<div>" * 10_000 + "Deep text about 12 peacekeepers." + "</div>" * 10_000
HOSTILE_HTML = (
    "<html><head><script>alert(1)</script><style>p{}</style></head><body><iframe src='https://evil.example'>"
    "</iframe><article><p>" + GOOD + "</p><p onclick='alert(2)'>More text.</p></article></body></html>"
)
# str inputs to the service: each must end as an IngestError, or as a stored article processed or failed.
TEXTS = {
    "empty": "",
    "whitespace": " \n\t \u00a0 ",
    "nul bytes": "Ghana\x00 sent 140 peacekeepers\x00, including 26 women, to South Sudan." + "\x00" * 20,
    "binary as latin-1": BINARY.decode("latin-1"),
    "binary replaced": BINARY.decode("utf-8", errors="replace"),
    "lone surrogates": "Ghana sent \ud800 140 peacekeepers \udfff including 26 women to South Sudan.",
    "control characters": "".join(chr(c) for c in range(1, 32)) * 50,
    "only markup": "<script>alert(1)</script><iframe src=x></iframe>",
    "deep nesting text": DEEP,
    "long word": "a" * 200_000,
    "rtl and emoji": "\u202egnihtemos \U0001f600 " * 500,
}


def _outcome(**kwargs) -> str:
    try:
        result = article_ingest(via="api", **kwargs)
    except IngestError as exc:
        assert str(exc), "an IngestError must say why"
        return f"refused: {exc}"
    article = Article.objects.get(pk=result.article.pk)
    if article.status == Article.Status.QUEUED:
        from apps.ingest.services import article_process

        article = article_process(article_id=article.pk)
    assert article.status in (Article.Status.PROCESSED, Article.Status.FAILED), article.status
    if article.status == Article.Status.FAILED:
        assert article.error, "a failed article keeps its error"
    return f"{article.status}: {article.error}"


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_hostile_text_is_refused_or_ends_with_a_status_never_a_crash(name):
    outcome = _outcome(text=TEXTS[name], title=f"case {name}")
    if name in ("empty", "whitespace"):
        assert outcome.startswith("refused: an article needs")
    # The good article beside it still lands and is processed with its claim.
    good = _outcome(text=GOOD, url="https://good.example.org/1")
    assert good.startswith("processed"), good
    assert Article.objects.get(url="https://good.example.org/1").claims.exists()


@pytest.mark.parametrize("html", [HOSTILE_HTML, DEEP, "<" * 50_000, "<html><body></body></html>"])
def test_hostile_html_is_processed_or_fails_clearly(html):
    outcome = _outcome(html=html)
    assert outcome.split(":")[0] in ("processed", "failed")
    if html == HOSTILE_HTML:
        article = Article.objects.get(raw_content=html)
        assert article.status == Article.Status.PROCESSED
        assert "alert(" not in article.clean_text and "iframe" not in article.clean_text


def test_an_oversized_text_is_refused_at_once_and_nothing_is_stored():
    huge = "Ghana sent 140 peacekeepers. " * (50 * 1024 * 1024 // 29 + 1)  # just over 50 MB
    with pytest.raises(IngestError, match="INGEST_MAX_BYTES"):
        article_ingest(text=huge, via="api")
    assert not Article.objects.exists()


def _write_batch(folder) -> None:
    folder.mkdir()
    (folder / "01-good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "02-empty.txt").write_bytes(b"")
    (folder / "03-binary.txt").write_bytes(BINARY)
    (folder / "04-invalid-utf8.txt").write_bytes(b"Ghana \xff\xfe sent 140 peacekeepers \xc3\x28 to Abyei.\n")
    mixed = "Côte d'Ivoire sent 45 gendarmes. ".encode() + "Côte d'Ivoire again. ".encode("latin-1")
    (folder / "05-mixed-encodings.txt").write_bytes(mixed * 10)
    (folder / "06-hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (folder / "07-deep.html").write_text(DEEP, encoding="utf-8")
    with (folder / "08-huge.txt").open("wb") as fh:
        chunk = b"Ghana sent 140 peacekeepers. " * 36_000  # ~1 MB
        for _ in range(51):
            fh.write(chunk)
    (folder / "09-batch.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"url": "https://good.example.org/2", "text": GOOD_2}),
                "{not json",
                json.dumps(["a list"]),
                json.dumps({"url": "javascript:alert(1)", "text": "Some text with 12 peacekeepers."}),
                json.dumps({"url": "https://good.example.org/3", "text": ""}),
            ]
        ),
        encoding="utf-8",
    )
    (folder / "10-bad.json").write_bytes(b"\x00\x01{]")


def test_the_ingest_command_reports_every_bad_file_and_keeps_the_good_ones(
    tmp_path, django_capture_on_commit_callbacks
):
    folder = tmp_path / "batch"
    _write_batch(folder)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(folder), "--no-progress", stdout=out, stderr=io.StringIO())
    report = out.getvalue()
    good = Article.objects.filter(url__in=["https://good.example.org/1", "https://good.example.org/2"])
    # 01-good.txt has no URL header: find it by its text.
    assert Article.objects.filter(raw_content=GOOD, status=Article.Status.PROCESSED).exists(), report
    assert good.filter(status=Article.Status.PROCESSED).count() == 1, report
    assert "08-huge.txt: article is larger than INGEST_MAX_BYTES" in report
    assert "invalid JSON on line 2" in report and "expected a JSON object" in report
    assert "not an http(s) URL" in report
    assert "invalid UTF-8" in report  # noted as a warning, the text itself kept
    assert "10-bad.json" in report
    for article in Article.objects.all():
        assert article.status in (Article.Status.PROCESSED, Article.Status.FAILED), (article.origin, article.status)
        if article.status == Article.Status.FAILED:
            assert article.error
    assert not Article.objects.filter(raw_content__startswith="Ghana sent 140 peacekeepers. Ghana sent").exists()


# --- INGEST_MAX_BYTES on every intake path ---------------------------------------------------------


@pytest.fixture
def small_cap(settings):
    settings.INGEST_MAX_BYTES = 20_000
    return settings.INGEST_MAX_BYTES


OVER = ("Ghana sent 140 peacekeepers, including 26 women, to South Sudan. " * 400)[:30_000]


def test_the_size_cap_holds_for_the_command(small_cap, tmp_path):
    (tmp_path / "big.txt").write_text(OVER, encoding="utf-8")
    (tmp_path / "big.jsonl").write_text(json.dumps({"text": OVER}), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="every input failed"):  # exit status 1 (issue 16)
        call_command("ingest", str(tmp_path), "--no-progress", stdout=out, stderr=io.StringIO())
    assert out.getvalue().count("larger than INGEST_MAX_BYTES") == 2
    assert not Article.objects.exists()


def test_the_size_cap_holds_for_the_api(small_cap):
    api = APIClient()
    api.force_authenticate(UserFactory(username="api-writer", is_superuser=True))
    response = api.post("/api/v1/submissions/", {"text": OVER}, format="json")
    assert response.status_code == 400
    assert "INGEST_MAX_BYTES" in json.dumps(response.json())
    assert not Article.objects.exists()


def test_the_size_cap_holds_for_the_admin_paste_and_upload(small_cap, admin_client):
    url = "/admin/ingest/article/add-articles/"
    pasted = admin_client.post(url, {"text": OVER}, follow=True)
    assert "larger than INGEST_MAX_BYTES" in pasted.content.decode()
    upload = SimpleUploadedFile("big.txt", OVER.encode(), content_type="text/plain")
    uploaded = admin_client.post(url, {"file": upload})
    assert uploaded.status_code == 200 and "larger than 20000 bytes" in uploaded.content.decode()
    # A .jsonl under the cap holding one record over it: refused record by record.
    small = json.dumps({"text": OVER[: small_cap - 200]}) + "\n"
    batch = SimpleUploadedFile("batch.jsonl", (small[:100] + "\n").encode() * 0 + small.encode(), "text/plain")
    admin_client.post(url, {"file": batch}, follow=True)
    assert Article.objects.count() <= 1


def test_a_50_mb_api_body_is_refused_without_storing_anything():
    api = APIClient()
    api.force_authenticate(UserFactory(username="api-writer-2", is_superuser=True))
    body = json.dumps({"text": "x" * (50 * 1024 * 1024)})
    response = api.post("/api/v1/submissions/", body, content_type="application/json")
    assert response.status_code in (400, 413)
    assert not Article.objects.exists()
