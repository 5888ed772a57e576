"""Oversized input is refused from its size, never loaded: files (sparse, so no disk is used), JSON lines, and
request bodies declared too large (413 before anything reads them)."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from apps.core.middleware import request_max_bytes
from apps.ingest.models import Article
from apps.ingest.pipeline.readers import read_file, read_inputs
from tests.curation.factories import UserFactory

MIB = 1024 * 1024
GIB = 1024 * MIB
# What a refusal may allocate at most: far below any of the files below, and above the test's own overhead.
PEAK_BOUND = 10 * MIB


def _sparse(path: Path, size: int, head: bytes = b"") -> Path:
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(size)  # a hole: no disk blocks, reads as zeros
    return path


def _peak_while(fn) -> tuple[object, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge.json"])
@pytest.mark.parametrize("size", [50 * MIB, 5 * GIB])
def test_a_huge_file_is_refused_without_being_loaded(tmp_path, name, size):
    path = _sparse(tmp_path / name, size, b"URL: https://example.org/a\n\n")
    raws, peak = _peak_while(lambda: list(read_file(str(path), max_bytes=5 * MIB)))
    [raw] = raws
    assert raw.text is None and raw.html is None
    assert raw.error == f"article is larger than INGEST_MAX_BYTES ({5 * MIB} bytes): {size} bytes, not read"
    assert peak < PEAK_BOUND, peak


def test_a_jsonl_line_over_the_cap_is_skipped_without_being_loaded_and_the_next_lines_are_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    with path.open("wb") as fh:
        fh.write(json.dumps({"url": "https://example.org/1", "text": "first"}).encode() + b"\n")
        fh.write(b'{"text": "')
        fh.truncate(60 * MIB)  # one 60 MB line of zeros
        fh.seek(0, io.SEEK_END)
        fh.write(b'"}\n' + json.dumps({"url": "https://example.org/3", "text": "third"}).encode() + b"\n")
    raws, peak = _peak_while(lambda: list(read_file(str(path), max_bytes=1 * MIB)))
    assert [r.source for r in raws] == ["batch.jsonl:1", "batch.jsonl:2", "batch.jsonl:3"]
    assert raws[0].text == "first" and raws[2].text == "third"
    assert raws[1].text is None and "line 2: article is larger than INGEST_MAX_BYTES" in raws[1].error
    assert peak < PEAK_BOUND, peak


def test_a_device_that_never_ends_is_read_only_up_to_the_cap(tmp_path):
    """stat() says 0 bytes for /dev/zero; the read itself stops at cap + 1 bytes."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    link = tmp_path / "endless.txt"
    link.symlink_to("/dev/zero")
    raws, peak = _peak_while(lambda: list(read_inputs([str(link)], max_bytes=1 * MIB)))
    assert "larger than INGEST_MAX_BYTES" in raws[0].error
    assert peak < 3 * MIB, peak


def test_files_at_the_cap_are_read_whole(tmp_path):
    text = "Ghana sent 140 peacekeepers. " * 100
    (tmp_path / "at-cap.txt").write_text(text, encoding="utf-8")
    [raw] = read_file(str(tmp_path / "at-cap.txt"), max_bytes=len(text.encode()))
    assert raw.text == text and raw.error is None
    [over] = read_file(str(tmp_path / "at-cap.txt"), max_bytes=len(text.encode()) - 1)
    assert over.text is None and "larger than INGEST_MAX_BYTES" in over.error


@pytest.mark.django_db
def test_the_ingest_command_refuses_a_5_gb_file_from_its_size_and_goes_on(tmp_path, settings):
    settings.INGEST_MAX_BYTES = 1 * MIB
    huge = _sparse(tmp_path / "huge.txt", 5 * GIB)
    out = io.StringIO()

    def ingest_huge() -> None:
        with pytest.raises(CommandError, match="every input failed"):  # exit status 1 (issue 16)
            call_command("ingest", str(huge), "--no-progress", stdout=out, stderr=io.StringIO())

    _, peak = _peak_while(ingest_huge)
    assert f"huge.txt: article is larger than INGEST_MAX_BYTES ({MIB} bytes): {5 * GIB} bytes" in out.getvalue()
    assert peak < PEAK_BOUND, peak
    # In a folder, the other files are still ingested.
    (tmp_path / "small.txt").write_text("Ghana sent 140 peacekeepers to Abyei.", encoding="utf-8")
    out = io.StringIO()
    call_command("ingest", str(tmp_path), "--no-progress", stdout=out, stderr=io.StringIO())
    assert "failed 1" in out.getvalue() and Article.objects.count() == 1


# --- request bodies -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_api_body_declared_over_the_limit_is_413_before_it_is_read():
    api = APIClient()
    api.force_authenticate(UserFactory(username="api-writer", is_superuser=True))
    # The body is two bytes; the declared length is 5 GB. Reading past the two bytes would fail the test client.
    response = api.generic(
        "POST", "/api/v1/submissions/", b"{}", content_type="application/json", CONTENT_LENGTH=str(5 * GIB)
    )
    assert response.status_code == 413
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (413, "too_large")
    assert str(request_max_bytes()) in error["message"]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_admin_upload_declared_over_the_limit_is_413_before_it_is_spooled(admin_client):
    response = admin_client.generic(
        "POST",
        "/admin/ingest/article/add-articles/",
        b"--x--\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * MIB),
    )
    assert response.status_code == 413
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_largest_article_still_fits_in_a_request(settings):
    """The limit leaves room for an article of INGEST_MAX_BYTES escaped as JSON."""
    settings.INGEST_MAX_BYTES = 20_000
    api = APIClient()
    api.force_authenticate(UserFactory(username="api-writer-3", is_superuser=True))
    text = ("Ghana sent 140 peacekeepers, including 26 women, to Abyei.\n" * 400)[:20_000]
    body = json.dumps({"text": text})
    assert len(body) > settings.INGEST_MAX_BYTES
    response = api.post("/api/v1/submissions/", body, content_type="application/json")
    assert response.status_code == 202, response.content
