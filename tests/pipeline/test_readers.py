"""Reading batch inputs: text with/without header, HTML, JSON, JSON lines, folders; bad input becomes an error record."""

from __future__ import annotations

from pathlib import Path

from apps.ingest.pipeline.readers import read_inputs


def test_txt_with_header_keeps_body_exactly(tmp_path: Path) -> None:
    body = " date 2020-01-02 Body  with  spaces\n\n\nend "
    (tmp_path / "a.txt").write_text(f"URL: https://example.com/a\nTITLE: A title\n\n{body}", encoding="utf-8")
    [raw] = read_inputs([str(tmp_path / "a.txt")])
    assert (raw.url, raw.title, raw.text, raw.error) == ("https://example.com/a", "A title", body, None)


def test_txt_without_header_is_all_body(tmp_path: Path) -> None:
    text = "Headline: with a colon\nBody line.\n\nMore."
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    [raw] = read_inputs([str(tmp_path / "b.txt")])
    assert raw.text == text and raw.url is None


def test_jsonl_sources_ids_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "x1", "url": "u", "text": "t"}\nnot json\n\n{"html": "<p>h</p>"}\n', encoding="utf-8")
    raws = list(read_inputs([str(path)]))
    assert [r.source for r in raws] == ["batch.jsonl:1", "batch.jsonl:2", "batch.jsonl:4"]
    assert raws[0].id == "x1" and raws[0].text == "t"
    assert "line 2" in (raws[1].error or "")
    assert raws[2].html == "<p>h</p>"


def test_json_list_and_single_record(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text('{"url": "u1", "text": "t1"}', encoding="utf-8")
    (tmp_path / "many.json").write_text('[{"url": "u2", "text": "t2"}, 5]', encoding="utf-8")
    raws = list(read_inputs([str(tmp_path / "one.json"), str(tmp_path / "many.json")]))
    assert [r.url for r in raws] == ["u1", "u2", None]
    assert raws[2].error


def test_invalid_utf8_is_replaced_and_noted(tmp_path: Path) -> None:
    # One stray Latin-1 byte in an otherwise readable text (a file that is mostly undecodable is refused instead).
    (tmp_path / "bad.txt").write_bytes(b"The caf\xe9 near the base served the returning contingent on Monday.")
    [raw] = read_inputs([str(tmp_path / "bad.txt")])
    assert "\ufffd" in (raw.text or "") and "UTF-8" in (raw.error or "")


def test_missing_file_is_an_error_record() -> None:
    [raw] = read_inputs(["/nonexistent/file.txt"])
    assert raw.error and raw.text is None


def test_directories_are_walked_sorted_and_sidecars_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"url": null}', encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    raws = list(read_inputs([str(tmp_path)]))
    assert [Path(r.source).name for r in raws] == ["a.txt", "b.txt", "a.html"]
    assert raws[2].html == "<p>a</p>"
