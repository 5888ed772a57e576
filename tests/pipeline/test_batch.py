"""Dry run: output shape, order, story grouping, non-English handling and error records."""

from __future__ import annotations

from apps.ingest.pipeline.batch import dry_run, process_article
from apps.ingest.pipeline.readers import RawArticle

BODY = (
    "The defence ministry held a ceremony in the capital on Tuesday to send 45 engineers to the mission in the north. "
    "The engineers will build roads and bridges and repair the airfield during their twelve months of service. "
    "The country first joined peacekeeping operations in 2014 and has since sent more than 300 officers abroad."
)
KEYS = {"source", "url", "title", "published", "published_from", "language", "country", "is_relevant", "story",
        "figures", "targets"}  # fmt: skip


def test_dry_run_shape_order_and_stories() -> None:
    raws = [
        RawArticle(source="x:1", url="https://a.example/1", text=" date 2021-02-03 " + BODY),
        RawArticle(source="x:2", url="https://b.example/2", text=BODY + "\nShare"),
        RawArticle(
            source="x:3", text="Le ministère a envoyé une équipe de médecins pour la mission de paix dans le pays."
        ),
        RawArticle(source="x:4", error="invalid JSON on line 4"),
    ]
    out = dry_run(raws)["articles"]
    assert [a["source"] for a in out] == ["x:1", "x:2", "x:3", "x:4"]
    assert all(KEYS <= set(a) for a in out)
    assert out[0]["published"] == "2021-02-03" and out[0]["published_from"] == "date-prefix"
    assert out[0]["story"] == out[1]["story"] != out[2]["story"]
    assert out[1]["published_from"] == "story"  # the undated copy takes its story's date
    assert out[2]["language"] == "fr" and out[2]["is_relevant"] is False and out[2]["figures"] == []
    assert out[3]["error"] and out[3]["story"] is None


def test_process_article_fills_fingerprints() -> None:
    art = process_article(RawArticle(source="s", text=BODY))
    assert art.language == "en" and len(art.signature) == 128 and art.content_hash and art.clean_text


def test_html_input_is_extracted() -> None:
    html = f"<html><head><title>Engineers sent</title></head><body><article><h1>Engineers sent</h1><p>{BODY}</p></article></body></html>"
    art = process_article(RawArticle(source="p.html", html=html))
    assert art.error is None and "45 engineers" in art.clean_text
