"""`manage.py ingest --dry-run --json`: the pipeline's JSON on stdout, nothing else, and no database at all."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.ingest.conftest import COPY_A, COPY_B, OTHER_STORY

# What /work/shared/tools/score_extraction.py reads from each article and figure.
ARTICLE_KEYS = {"source", "url", "title", "published", "country", "is_relevant", "story", "figures", "targets"}
FIGURE_KEYS = {"quote", "personnel_total", "women", "women_percent", "mission", "unit", "scope"}
TARGET_KEYS = {"quote", "target_percent_low", "target_percent_high"}


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    with (folder / "batch.jsonl").open("w") as fh:
        fh.write(
            json.dumps({"id": "a", "url": "https://one.example.org/x", "title": "Copy one", "text": COPY_A}) + "\n"
        )
        fh.write(
            json.dumps({"id": "b", "url": "https://two.example.org/y", "title": "Copy two", "text": COPY_B}) + "\n"
        )
        fh.write("{not json\n")
    (folder / "sub" / "police.txt").write_text(
        f"URL: https://three.example.org/z\nTITLE: Police unit\n\n{OTHER_STORY}\n"
    )
    (folder / "sub" / "page.html").write_text(f"<html><body><article><p>{OTHER_STORY}</p></article></body></html>")
    return folder


def test_dry_run_prints_only_the_pipeline_json_and_never_touches_the_database(batch, capsys):
    # No django_db mark: any query would raise, so passing proves the dry run leaves the database alone.
    out = StringIO()
    call_command("ingest", "--dry-run", "--json", str(batch), stdout=out)
    data = json.loads(out.getvalue())  # the whole of stdout is one JSON document
    arts = data["articles"]
    assert len(arts) == 5
    for art in arts:
        assert ARTICLE_KEYS <= art.keys(), art.keys()
        for fig in art["figures"]:
            assert FIGURE_KEYS <= fig.keys()
            assert isinstance(fig["mission"], list)
        for target in art["targets"]:
            assert TARGET_KEYS <= target.keys()
    by_source = {a["source"]: a for a in arts}
    assert by_source["batch.jsonl:1"]["story"] == by_source["batch.jsonl:2"]["story"] is not None
    assert "invalid JSON" in by_source["batch.jsonl:3"]["error"]
    assert capsys.readouterr().out == ""  # nothing else was printed to the real stdout either


def test_dry_run_output_matches_the_pipelines_own_dry_run(batch):
    from apps.ingest.pipeline.batch import dry_run
    from apps.ingest.pipeline.readers import read_inputs

    out = StringIO()
    call_command("ingest", "--dry-run", "--json", str(batch), stdout=out)
    assert json.loads(out.getvalue()) == json.loads(json.dumps(dry_run(read_inputs([str(batch)]))))


@pytest.mark.django_db
def test_ingest_command_stores_a_folder_and_summarises(batch, fake_pipeline, django_capture_on_commit_callbacks):
    from apps.ingest.models import Article

    out, err = StringIO(), StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(batch), stdout=out, stderr=err)
    text = out.getvalue()
    # page.html carries the same words as police.txt but is a different document (HTML): both are kept.
    assert "ingested 4, duplicates 0, failed 1" in text
    assert "batch.jsonl:3: invalid JSON" in text
    assert Article.objects.count() == 4
    assert "article" in err.getvalue()  # the progress bar went to stderr

    out = StringIO()
    call_command("ingest", str(batch), "--no-progress", stdout=out, stderr=StringIO())
    assert "ingested 0, duplicates 4, failed 1" in out.getvalue()
    assert Article.objects.count() == 4
