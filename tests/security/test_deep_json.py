"""Deeply nested JSON (issue 16, item 2): a clear error where it came in, never a 500 or an aborted batch.

`[` × 100,000 used to raise RecursionError inside json.loads: a 500 from the API and the admin upload, and the
`ingest` command and its dry run stopped at that file. Now parsing is bounded in depth (and size, as before) and a
bad record fails alone, beside the good ones.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from apps.ingest.models import Article
from apps.ingest.pipeline import readers
from tests.curation.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "Ghana has sent 140 peacekeepers, including 26 women, to the United Nations mission in South Sudan on "
    "Tuesday, the armed forces said."
)
BOMB = "[" * 100_000
OBJECT_BOMB = '{"a":' * 100_000
# Within Python's recursion limit but past the bound: parsed, then refused by the depth check.
MEDIUM = '{"text": "x", "extra": ' + "[" * 200 + "]" * 200 + "}"


@pytest.mark.parametrize("body", [BOMB, OBJECT_BOMB, BOMB + "]" * 100_000, MEDIUM], ids=["[", "{", "closed", "200"])
def test_the_api_answers_deep_json_with_a_400_naming_the_depth(body):
    api = APIClient()
    api.force_authenticate(UserFactory(username="deep-writer", is_superuser=True))
    response = api.post("/api/v1/submissions/", body, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert "nested deeper than" in json.dumps(response.json())
    assert not Article.objects.exists()
    # The same client still submits a good article.
    good = api.post("/api/v1/submissions/", {"text": GOOD}, format="json")
    assert good.status_code in (202, 503)


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_the_admin_upload_of_deep_json_is_a_message_not_a_500(admin_client, name):
    upload = SimpleUploadedFile(name, BOMB.encode(), content_type="application/json")
    response = admin_client.post("/admin/ingest/article/add-articles/", {"file": upload}, follow=True)
    assert response.status_code == 200
    assert "nested deeper than" in response.content.decode()
    assert not Article.objects.exists()


def _batch(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b-bomb.json").write_text(BOMB, encoding="utf-8")
    (folder / "c-objects.json").write_text(OBJECT_BOMB, encoding="utf-8")
    (folder / "d-lines.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"url": "https://good.example.org/l1", "text": GOOD + " Line one."}),
                BOMB,
                MEDIUM,
                json.dumps({"url": "https://good.example.org/l4", "text": GOOD + " Line four."}),
            ]
        ),
        encoding="utf-8",
    )
    # A list whose second record is too deep: the first and third still land.
    records = [
        {"url": "https://good.example.org/r1", "text": GOOD + " Record one."},
        json.loads(MEDIUM),
        {"url": "https://good.example.org/r3", "text": GOOD + " Record three."},
    ]
    (folder / "e-list.json").write_text(json.dumps(records), encoding="utf-8")
    (folder / "f-last.txt").write_text(GOOD + " The last file.", encoding="utf-8")
    return folder


def test_the_ingest_command_goes_on_past_deep_json_and_reports_each(tmp_path, django_capture_on_commit_callbacks):
    folder = _batch(tmp_path)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(folder), "--no-progress", stdout=out, stderr=io.StringIO())
    report = out.getvalue()
    assert "ingested 6," in report, report
    assert report.count("nested deeper than") == 5, report
    assert "d-lines.jsonl:2" in report and "d-lines.jsonl:3" in report and "e-list.json#2" in report
    assert set(Article.objects.exclude(url=None).values_list("url", flat=True)) == {
        "https://good.example.org/l1",
        "https://good.example.org/l4",
        "https://good.example.org/r1",
        "https://good.example.org/r3",
    }


def test_the_dry_run_goes_on_past_deep_json(tmp_path):
    folder = _batch(tmp_path)
    out = io.StringIO()
    call_command("ingest", str(folder), "--dry-run", "--json", stdout=out, stderr=io.StringIO())
    articles = json.loads(out.getvalue())["articles"]
    errors = [a for a in articles if a.get("error") and "nested deeper than" in a["error"]]
    assert len(errors) == 5
    assert len([a for a in articles if not a.get("error")]) == 6


def test_the_reader_bounds_depth_without_recursing():
    with pytest.raises(readers.JSONInputError, match="nested deeper than 32 levels"):
        readers.parse_json(BOMB)
    with pytest.raises(readers.JSONInputError, match="nested deeper than 32 levels"):
        readers.parse_json("[" * 33 + "]" * 33)
    assert readers.parse_json("[" * 32 + "]" * 32) is not None
    # Brackets inside strings are text, not nesting.
    assert readers.parse_json(json.dumps({"text": "[" * 10_000})) == {"text": "[" * 10_000}
