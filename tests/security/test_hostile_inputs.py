"""A corpus of generated hostile inputs through every way in (issue 16): the official import, the `ingest` command,
the API and the pages. For each: no 5xx, no unhandled exception (no traceback in the log), and whatever is stored
equals what was given (after the documented normalisation: NUL characters removed, lone surrogates as U+FFFD).

The inputs are generated from a fixed seed, so a failure reproduces; the counts per kind and their outcomes are
printed (pytest -s) for the record.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import logging
import random
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from apps.deployments import importers, services
from apps.deployments.models import Contribution, Country, Mission
from apps.ingest.models import Article
from tests.curation.factories import UserFactory
from tests.ingest.conftest import fake_process

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SEED = 1616
UN_HEADER = (
    "month_end,mission,contributor,contributor_iso3,contributor_as_printed,personnel_type,personnel_type_as_printed,"
    "female,male,total,source_pdf,quality_flags"
)
# Strings an attacker or a careless export would put anywhere.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    '=HYPERLINK("https://evil.example","x")',
    "@SUM(1)",
    "+1",
    "-1",
    "'; DROP TABLE deployments_contribution; --",
    "<script>alert(1)</script>",
    "\u202egnp.exe",
    "\U0001f600" * 3,
    "ß" * 11,
    "x" * 121,
    "y" * 301,
    "\r\n",
    '"quoted, with comma"',
    "%00",
    "..\\..\\etc\\passwd",
    "\t",
    "Ünïcödé",
    "\ufeff",
    "９",
    "٣",
]
NUMBERS = [
    "0",
    "1",
    "2147483647",
    "2147483648",
    "4294967296",
    "4294967301",
    "-1",
    "1.5",
    "1e3",
    " 7 ",
    "0x10",
    "9" * 30,
    "9" * 5000,
    "٣",
    "",
    "NaN",
    "00000000000000000000012",
]


def _storable(text: str) -> str:
    return text.encode("utf-8", errors="surrogatepass").decode("utf-8", errors="replace").replace("\x00", "")


@pytest.fixture
def log_errors(caplog):
    """Every ERROR record with an exception attached, from anywhere: an unhandled exception is a traceback."""
    caplog.set_level(logging.ERROR)
    return lambda: [r for r in caplog.records if r.exc_info and not r.name.startswith("apps.ingest.services")]


# --- 1. official CSV rows ------------------------------------------------------------------------------


def _csv_cell(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _hostile_rows(rng: random.Random, n: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        month = dt.date(2000 + i // 12 % 20, i % 12 + 1, 1)
        female, male = rng.randrange(0, 50), rng.randrange(0, 500)
        row = [
            f"{month:%Y-%m}-28",
            rng.choice(["UNMISS", "UNIFIL", "UNISFA", ""]),
            "Viet Nam",
            rng.choice(["VNM", "GHA", "NPL", "IND"]),
            "Viet Nam",
            rng.choice(["Troops", "Staff Officer", "Individual Police"]),
            "x",
            str(female),
            str(male),
            str(female + male),
            "a.pdf",
            "",
        ]
        # Most rows get one or two hostile fields; some stay good, so both paths are exercised.
        for _ in range(rng.choice([0, 1, 1, 2])):
            col = rng.randrange(len(row))
            row[col] = rng.choice(NUMBERS if col in (7, 8, 9) else NASTY + NUMBERS)
        rows.append(row)
    return rows


def test_hostile_csv_rows_are_stored_exactly_or_rejected_with_line_and_reason(tmp_path, log_errors):
    rng = random.Random(SEED)
    rows = _hostile_rows(rng, 400)
    path = tmp_path / "hostile.csv"
    path.write_text(
        UN_HEADER + "\n" + "\n".join(",".join(_csv_cell(c) for c in row) for row in rows) + "\n", encoding="utf-8"
    )
    outcomes: Counter[str] = Counter()
    try:
        summary = services.contributions_import(path=path)
    except importers.LayoutError as exc:  # a row that breaks the CSV framing: refused whole, naming the line
        assert "line " in str(exc)
        outcomes["file refused"] += 1
        assert not Contribution.objects.exists()
        summary = None
    if summary is not None:
        rejected = {r.line for r in summary.rejections}
        assert all(r.reason for r in summary.rejections)
        stored = {c.source_line: c for c in Contribution.objects.select_related("country", "mission")}
        # Every line is either stored or rejected, never both; the csv module numbers records as we do here
        # only while no quoted newline spans lines, which _csv_cell keeps to one record per row.
        records = list(importers.csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))[1:]
        for line, rec in enumerate(records, start=2):
            assert (line in rejected) != (line in stored), (line, rec)
            if line in stored:
                c = stored[line]
                outcomes["row stored"] += 1
                given = [None if v.strip() == "" else int(v) for v in (rec[7], rec[8], rec[9])]
                assert (c.female, c.male, c.total) == (given[0], given[1], given[2] if given[2] is not None else None)
                assert c.country.iso3 == rec[3].strip().upper()
                assert (c.mission.acronym if c.mission else "") == rec[1].strip().upper()
                assert c.quality_flags == rec[11].strip() and c.source_document == rec[10].strip()
                assert c.country_as_printed == rec[4].strip()
            else:
                outcomes["row rejected"] += 1
        # Checked in Python: SQLite's LIKE stops a pattern at a NUL, so a filter would match everything.
        names = [*Mission.objects.values_list("acronym", flat=True), *Country.objects.values_list("name", flat=True)]
        assert not any("\x00" in n or len(n) > 120 for n in names)
    # File-level hostility: each refused whole with its line, the database unchanged.
    before = Contribution.objects.count()
    good = "\n".join([UN_HEADER, *(",".join(r) for r in _hostile_rows(random.Random(1), 300))]) + "\n"
    files = {
        "truncated.csv.gz": gzip.compress(good.encode())[:-40],
        "damaged.csv.gz": _flip(gzip.compress(good.encode())),
        "latin1.csv": good.encode() + "2023-01-31,UNMISS,Côte,CIV,Côte,Troops,x,1,2,3,a.pdf,\n".encode("latin-1"),
        "utf16.csv": good.encode("utf-16"),
        "binary.csv": bytes(random.Random(2).randrange(256) for _ in range(5000)),
        "empty.csv": b"",
        "header-only.csv": UN_HEADER.encode(),
        "huge-field.csv": (UN_HEADER + "\n" + "x" * 200_000 + "\n").encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        err = io.StringIO()
        try:
            call_command("import_contributions", str(tmp_path / name), stdout=io.StringIO(), stderr=err)
            outcomes["file imported"] += 1
        except CommandError:
            assert f"{tmp_path / name}: " in err.getvalue() and "Traceback" not in err.getvalue()
            outcomes["file refused"] += 1
    assert Contribution.objects.count() == before
    assert not log_errors()
    total = len(rows) + len(files)
    print(f"\n[hostile] official import: {total} inputs ({len(rows)} rows, {len(files)} files): {dict(outcomes)}")
    assert total >= 400


def _flip(data: bytes) -> bytes:
    out = bytearray(data)
    out[len(out) // 2] ^= 0xFF
    return bytes(out)


# --- 2. article files through `manage.py ingest` -----------------------------------------------------------

TEXT = "Ghana has sent 140 peacekeepers, including 26 women, to the United Nations mission in South Sudan."


def _article_files(rng: random.Random, folder) -> dict[str, str | None]:
    """name → the text that may be stored for it (None: must not be stored)."""
    folder.mkdir()
    expected: dict[str, str | None] = {}
    kinds = [
        ("txt", lambda i: TEXT + f" Item {i}. " + rng.choice(NASTY)),
        ("txt", lambda i: rng.choice(NASTY) * rng.randrange(1, 50)),
        ("txt", lambda i: bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))),
        ("txt", lambda i: (TEXT + f" utf16 {i}").encode("utf-16")),
        ("html", lambda i: "<div>" * rng.randrange(1, 3000) + TEXT + f" html {i}"),
        ("html", lambda i: f"<html><body><script>alert({i})</script><p>{TEXT} {i}</p></body></html>"),
        ("json", lambda i: "[" * rng.randrange(30, 50_000)),
        ("json", lambda i: json.dumps({"text": TEXT + f" json {i}", "url": rng.choice(["javascript:x", "ftp://a"])})),
        ("json", lambda i: json.dumps([{"text": TEXT + f" list {i}"}, 1, None, [[[]]], {"html": 5}])),
        ("jsonl", lambda i: "\n".join([json.dumps({"text": TEXT + f" line {i}"}), "{", "[" * 5000, '"str"'])),
        ("jsonl", lambda i: '{"text": "\\ud800 lone surrogate ' + str(i) + ' 12 peacekeepers"}'),
    ]
    for i in range(110):
        suffix, make = kinds[i % len(kinds)]
        content = make(i)
        name = f"{i:03d}.{suffix}"
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
            expected[name] = None
        else:
            (folder / name).write_text(content, encoding="utf-8", errors="surrogatepass")
            expected[name] = content if suffix in ("txt", "html") else "json"
    return expected


def test_hostile_article_files_through_the_ingest_command(tmp_path, monkeypatch, settings, log_errors):
    monkeypatch.setattr("apps.ingest.services.processing.process_article", fake_process)
    settings.INGEST_MAX_BYTES = 200_000
    folder = tmp_path / "hostile"
    expected = _article_files(random.Random(SEED), folder)
    out = io.StringIO()
    try:
        call_command("ingest", str(folder), "--no-progress", stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        assert exc.returncode in (1, 75)
    report = out.getvalue()
    assert "Traceback" not in report
    outcomes: Counter[str] = Counter()
    by_origin = {a.origin: a for a in Article.objects.all()}
    for name, text in expected.items():
        source = str(folder / name)
        stored = [a for origin, a in by_origin.items() if origin == source or origin.startswith(source + "#")]
        stored += [a for origin, a in by_origin.items() if origin.startswith(name + ":")]
        if text is None:
            assert not stored, name  # binary: refused
            assert f"{source}: not a text file" in report, name
            outcomes["refused (binary)"] += 1
            continue
        for article in stored:
            assert "\x00" not in article.raw_content
            assert article.status in (Article.Status.PROCESSED, Article.Status.FAILED, Article.Status.QUEUED)
            if text != "json":
                assert article.raw_content == _storable(text), name
        outcomes["stored" if stored else "refused"] += 1
    for line in report.splitlines():
        if line.startswith("  failed:"):
            outcomes["reported failures"] += 1
    assert not log_errors()
    print(f"\n[hostile] ingest command: {len(expected)} files: {dict(outcomes)}")
    assert len(expected) >= 100


# --- 3. JSON bodies to the API ------------------------------------------------------------------------------


def _bodies(rng: random.Random) -> list[bytes]:
    values = [
        None,
        True,
        0,
        -1,
        10**400,
        1.5e308,
        [],
        {},
        [TEXT],
        {"a": TEXT},
        "",
        " ",
        TEXT,
        TEXT + "\x00",
        "\ud800" + TEXT,
        "x" * 600_000,
        "javascript:alert(1)",
        "http://127.0.0.1/",
        "https://news.example.org/" + "a" * 3000,
        "https://news.example.org/a\x00b",
        "https://news.example.org/ok",
        "2024-02-30",
        "2024-05-01",
        "=HYPERLINK(1)",
    ]
    bodies: list[bytes] = [
        b"",
        b"{",
        b"[" * 100_000,
        b'{"a":' * 100_000,
        b"NaN",
        b'{"text": NaN}',
        b"\xff\xfe\x00",
        b'"just a string"',
        b"[1, 2, 3]",
        b"null",
    ]
    for _ in range(190):
        body = {}
        for key in ("url", "text", "title", "published", rng.choice(["extra", "text"])):
            if rng.random() < 0.6:
                body[key] = rng.choice(values)
        bodies.append(json.dumps(body, ensure_ascii=rng.random() < 0.5).encode("utf-8", errors="surrogatepass"))
    return bodies


def test_hostile_json_bodies_to_the_submissions_api(
    monkeypatch, settings, log_errors, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("apps.ingest.services.processing.process_article", fake_process)
    # The throttle is tested elsewhere; here every body must reach the parser and the serializer.
    rates = {"anon": "100000/min", "user": "100000/min", "submit": "100000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    from apps.ingest.pipeline import fetch
    from apps.ingest.pipeline.fetch import FetchError

    def no_network(url, **kwargs):
        raise FetchError("no network in tests")

    monkeypatch.setattr(fetch, "fetch_url", no_network)
    api = APIClient()
    api.force_authenticate(UserFactory(username="hostile-writer", is_superuser=True))
    outcomes: Counter[int] = Counter()
    bodies = _bodies(random.Random(SEED))
    for body in bodies:
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post("/api/v1/submissions/", body, content_type="application/json")
        outcomes[response.status_code] += 1
        assert response.status_code < 500, (body[:200], response.content[:300])
        if response.status_code == 202:
            sent = json.loads(body.decode("utf-8", errors="surrogatepass"))
            article = Article.objects.get(pk=response.json()["id"])
            if response.json()["created"] and isinstance(sent.get("text"), str):
                assert article.raw_content == _storable(sent["text"])
                if isinstance(sent.get("title"), str):
                    assert article.title == _storable(sent["title"]).strip()
    assert not log_errors()
    print(f"\n[hostile] API bodies: {len(bodies)}: {dict(sorted(outcomes.items()))}")
    assert len(bodies) >= 200


# --- 4. query strings on the pages and the API ---------------------------------------------------------------

PAGES = ["/", "/countries/VNM/", "/missions/", "/missions/UNMISS/", "/rankings/", "/map/"]
API = [
    "/api/v1/contributions/",
    "/api/v1/series/",
    "/api/v1/countries/",
    "/api/v1/reported-figures/",
    "/api/v1/claims/",
]
PARAMS = ["country", "mission", "type", "category", "start", "end", "year", "format", "chart", "limit", "offset",
          "ordering", "month", "personnel_type", "q", "utm_source"]  # fmt: skip
VALUES = NASTY + NUMBERS + ["csv", "json", "api", "VNM,GHA", ",".join(["VNM"] * 300), "2024-13", "1900-01", "-1"]


def test_hostile_query_strings_on_pages_and_api(client, log_errors):
    from urllib.parse import quote

    from tests.dashboards.factories import ContributionFactory, CountryFactory, MissionFactory

    vnm = CountryFactory(iso3="VNM", name="Viet Nam")
    ContributionFactory(country=vnm, mission=MissionFactory(acronym="UNMISS"))
    rng = random.Random(SEED)
    outcomes: Counter[int] = Counter()
    urls = []
    for _ in range(260):
        base = rng.choice(PAGES + API)
        query = "&".join(
            f"{quote(rng.choice(PARAMS))}={quote(rng.choice(VALUES), safe='')}" for _ in range(rng.randrange(1, 4))
        )
        urls.append(f"{base}?{query}")
    for value in VALUES[:40]:
        urls.append(f"/countries/{quote(value, safe='') or 'x'}/")
        urls.append(f"/api/v1/countries/{quote(value, safe='') or 'x'}/")
    for url in urls:
        response = client.get(url)
        outcomes[response.status_code] += 1
        assert response.status_code < 500, (url, response.status_code)
    assert not log_errors()
    assert Country.objects.count() == 1
    print(f"\n[hostile] query strings: {len(urls)}: {dict(sorted(outcomes.items()))}")
    assert len(urls) >= 300
