"""The whole corpus through the curators' desk: snapshot, ingest, accept every claim as extracted, reconcile.

    .venv/bin/python bench/curation_reconcile_corpus.py              # a fresh SQLite file, removed afterwards
    .venv/bin/python bench/curation_reconcile_corpus.py --postgres   # creates and drops database bench_reconcile

On a fresh database: migrate, load_snapshot, ingest ../shared/corpus/dev.jsonl and the seeds (PEACEKEEPING_SHARED
overrides where ../shared is), accept every pending claim unchanged as a bot curator, reconcile every reported
figure with the official series. Prints figures by scope, then for current ones: compared / agree / disagree
(listed) / not compared (grouped by reason), and timings. Writes bench/results/curation_reconcile_corpus.json
(SQLite) or curation_reconcile_corpus_postgresql.json.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import logging
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
PG_URL = os.environ.get("BENCH_RECONCILE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_reconcile")


def shared_dir() -> Path:
    return Path(os.environ.get("PEACEKEEPING_SHARED") or REPO.parent / "shared")


def _timed(timings: dict[str, float], name: str, fn, *args, **kwargs):
    t0 = time.perf_counter()
    try:
        return fn(*args, **kwargs)
    finally:
        timings[name] = round(time.perf_counter() - t0, 3)


def _pg_admin(url: str):
    import psycopg

    return psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)


def _pg_drop(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    assert "bench" in name, f"refusing to drop {name!r}: not a bench database"
    with _pg_admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_database(postgres: bool) -> tuple[str, Path | None]:
    """Point Django at a fresh database (created here) and set it up; returns (label, SQLite file or None)."""
    os.environ.pop("CELERY_BROKER_URL", None)  # tasks inline
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if postgres:
        import _pg

        _pg_drop(PG_URL)  # a leftover from an interrupted run: start from nothing
        os.environ["BENCH_DATABASE_URL"] = PG_URL
        _pg.setup(PG_URL)  # creates, migrates and sets Django up
        return "postgresql", None
    sqlite = Path(tempfile.mkdtemp(prefix="bench_reconcile_")) / "db.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{sqlite}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return "sqlite", sqlite


def teardown_database(postgres: bool, sqlite: Path | None) -> None:
    from django.db import connections

    connections.close_all()
    if postgres:
        _pg_drop(PG_URL)
    elif sqlite is not None:
        for path in sqlite.parent.glob("db.sqlite3*"):
            path.unlink()
        sqlite.parent.rmdir()


def _ingest(paths: list[Path]) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("ingest", *map(str, paths), "--no-progress", stdout=out)
    return out.getvalue()


def _accept_all(user) -> tuple[int, Counter[str]]:
    """Accept every pending claim exactly as extracted; count the ones the desk refuses, by its message."""
    from django.core.exceptions import ValidationError

    from apps.curation.services import claim_accept
    from apps.ingest.models import Claim

    accepted, refused = 0, Counter()
    for claim in Claim.objects.filter(review_state=Claim.Review.PENDING).order_by("pk"):
        try:
            claim_accept(claim=claim, user=user)
        except ValidationError as exc:
            refused[" ".join(exc.messages)] += 1
        else:
            accepted += 1
    return accepted, refused


def _reason(rec) -> str:
    """A short, groupable reason why a current figure was not compared."""
    if rec.basis in {"no date", "year only", "no category", "not in official data", "not checkable"}:
        return rec.basis
    if rec.note.startswith("No official figure for"):
        return "official gap month"
    if "only a percentage" in rec.note:
        return "percentage only (no count)"
    return rec.note[:80] or rec.basis


def _source(figure) -> str:
    src = figure.sources.select_related("article").order_by("pk").first()
    return Path(src.article.origin).name if src and src.article.origin else (src.article.url if src else "")


def _what_if_published(current: list, recs: dict) -> dict:
    """Undated current figures compared with the month their earliest source was published (not saved)."""
    from apps.curation.selectors import reconciliations_for

    trial = []
    for f in current:
        if recs[f.pk].basis != "no date":
            continue
        dates = [s.article.published for s in f.sources.select_related("article") if s.article.published]
        if dates:
            g = copy.copy(f)  # shares the prefetched missions; never saved
            g.as_of, g.as_of_precision = min(dates), "day"
            trial.append(g)
    undated = sum(1 for f in current if recs[f.pk].basis == "no date")
    out = reconciliations_for(trial)
    rows = []
    for g in trial:
        rec = out[g.pk]
        rows.append(
            {
                "figure": g.pk,
                "country": g.country.iso3,
                "missions": ",".join(sorted(m.acronym for m in g.missions.all())) or "-",
                "published": g.as_of.isoformat(),
                "news_total": g.personnel_total,
                "news_women": g.women,
                "official_total": rec.official_total,
                "official_women": rec.official_women,
                "comparable": rec.comparable,
                "outcome": "agree"
                if rec.comparable and all(d in (None, 0) for d in (rec.diff_total, rec.diff_women))
                else "disagree"
                if rec.comparable
                else _reason(rec),
                "source": _source(g),
            }
        )
    return {
        "undated_current": undated,
        "with_a_publication_date": len(trial),
        "outcomes": dict(Counter(r["outcome"] for r in rows)),
        "rows": rows,
    }


def reconcile_report() -> dict:
    from apps.curation.models import ReportedFigure
    from apps.curation.selectors import reconciliations_for

    figures = list(
        ReportedFigure.objects.select_related("country", "target_category").prefetch_related("missions").order_by("pk")
    )
    t0 = time.perf_counter()
    recs = reconciliations_for(figures)
    seconds = time.perf_counter() - t0

    by_scope = Counter(f.scope for f in figures)
    current = [f for f in figures if f.scope == ReportedFigure.Scope.CURRENT]
    agree, disagree, uncompared = [], [], defaultdict(list)
    women_unchecked = 0
    for f in current:
        rec = recs[f.pk]
        row = {
            "figure": f.pk,
            "country": f.country.iso3,
            "missions": ",".join(sorted(m.acronym for m in f.missions.all())) or "-",
            "category": f.target_category.code if f.target_category else None,
            "month": f"{rec.month:%Y-%m}" if rec.month else (f.as_of.isoformat() if f.as_of else None),
            "news_total": f.personnel_total,
            "news_women": f.women,
            "news_percent": None if f.women_percent is None else float(f.women_percent),
            "official_total": rec.official_total,
            "official_women": rec.official_women,
            "diff_total": rec.diff_total,
            "diff_women": rec.diff_women,
            "note": rec.note,
            "source": _source(f),
        }
        if not rec.comparable:
            uncompared[_reason(rec)].append(row)
            continue
        if f.women is not None and rec.official_women is None:
            women_unchecked += 1
        if all(d in (None, 0) for d in (rec.diff_total, rec.diff_women)):
            agree.append(row)
        else:
            disagree.append(row)
    what_if = _what_if_published(current, recs)
    other = defaultdict(list)
    for f in figures:
        if f.scope != ReportedFigure.Scope.CURRENT:
            other[f"{f.scope}: {recs[f.pk].basis}"].append(f.pk)
    return {
        "figures": len(figures),
        "by_scope": dict(sorted(by_scope.items())),
        "current": {
            "total": len(current),
            "compared": len(agree) + len(disagree),
            "agree": len(agree),
            "disagree": len(disagree),
            "women_not_compared_gender_split_missing": women_unchecked,
            "not_compared": sum(len(v) for v in uncompared.values()),
            "not_compared_by_reason": {k: len(v) for k, v in sorted(uncompared.items())},
            "agree_list": agree,
            "disagree_list": disagree,
            "not_compared_list": {k: v for k, v in sorted(uncompared.items())},
        },
        "not_current_by_reason": {k: len(v) for k, v in sorted(other.items())},
        "what_if_undated_current_use_publication_date": what_if,
        "reconcile_seconds": round(seconds, 4),
    }


def _print(result: dict) -> None:
    c = result["report"]["current"]
    corpus = result["corpus"]
    print(f"database: {result['database']}")
    print(
        f"corpus: {corpus['articles']} articles ({corpus['failed']} failed), {corpus['stories']} stories, "
        f"{corpus['claims']} claims; accepted {corpus['accepted']}, refused {sum(corpus['refused'].values())}"
    )
    for msg, n in corpus["refused"].items():
        print(f"  refused x{n}: {msg}")
    print(f"reported figures: {result['report']['figures']}")
    for scope, n in result["report"]["by_scope"].items():
        print(f"  {scope:<12} {n:>4}")
    for reason, n in result["report"]["not_current_by_reason"].items():
        print(f"    {reason}: {n}")
    print(f"current figures: {c['total']}")
    print(f"  compared with an official figure: {c['compared']}")
    print(f"    agree exactly: {c['agree']}")
    print(f"    disagree:      {c['disagree']}")
    if c["women_not_compared_gender_split_missing"]:
        print(f"    (women not compared, gender split missing: {c['women_not_compared_gender_split_missing']})")
    head = (
        f"      {'country':<7} {'missions':<16} {'category':<38} {'month':<7} {'news tot/wom':>13} "
        f"{'official tot/wom':>17}  source"
    )
    rows = c["agree_list"] + c["disagree_list"]
    if rows:
        print(head)
    for r in rows:
        news = f"{_n(r['news_total'])}/{_n(r['news_women'])}"
        off = f"{_n(r['official_total'])}/{_n(r['official_women'])}"
        mark = "=" if r in c["agree_list"] else "≠"
        print(
            f"    {mark} {r['country']:<7} {r['missions']:<16} {r['category'] or '-':<38} {r['month'] or '-':<7} "
            f"{news:>13} {off:>17}  {r['source']}"
        )
    print(f"  not compared: {c['not_compared']}")
    for reason, rows in c["not_compared_list"].items():
        print(f"    {reason}: {len(rows)}")
        for r in rows:
            news = f"{_n(r['news_total'])}/{_n(r['news_women'])}" + (
                f" ({r['news_percent']}%)" if r["news_percent"] is not None else ""
            )
            print(f"      {r['country']:<4} {r['missions']:<16} {r['month'] or 'no date':<10} {news:<18} {r['source']}")
    w = result["report"]["what_if_undated_current_use_publication_date"]
    print(
        f"what if an undated current figure took its article's publication date: {w['with_a_publication_date']} "
        f"of {w['undated_current']} have one -> " + ", ".join(f"{k} {v}" for k, v in w["outcomes"].items())
    )
    for r in w["rows"]:
        print(
            f"      {r['country']:<4} {r['missions']:<16} {r['published']:<10} "
            f"{_n(r['news_total'])}/{_n(r['news_women'])} vs {_n(r['official_total'])}/{_n(r['official_women'])}"
            f"  {r['outcome']:<18} {r['source']}"
        )
    print("timings (s): " + ", ".join(f"{k} {v}" for k, v in result["timings"].items()))


def _n(value) -> str:
    return "?" if value is None else str(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help=f"use a fresh PostgreSQL database ({PG_URL})")
    args = parser.parse_args()

    corpus_dir = shared_dir() / "corpus"
    inputs = [corpus_dir / "dev.jsonl", corpus_dir / "seeds"]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        print(f"missing corpus input(s): {', '.join(missing)} (set PEACEKEEPING_SHARED)", file=sys.stderr)
        return 2

    timings: dict[str, float] = {}
    started = time.perf_counter()
    vendor, sqlite = _timed(timings, "create_and_migrate", setup_database, args.postgres)
    logging.getLogger("celery").setLevel(logging.WARNING)  # one "Task ... succeeded" line per article otherwise
    try:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.core.management import call_command

        from apps.ingest.models import Article, Claim, Story

        _timed(timings, "load_snapshot", call_command, "load_snapshot", stdout=io.StringIO(), stderr=io.StringIO())
        ingest_out = _timed(timings, "ingest", _ingest, inputs)
        corpus = {
            "inputs": [str(p) for p in inputs],
            "ingest_output": ingest_out.strip().splitlines(),
            "articles": Article.objects.count(),
            "failed": Article.objects.filter(status=Article.Status.FAILED).count(),
            "stories": Story.objects.count(),
            "claims": Claim.objects.count(),
        }
        bot = get_user_model().objects.create_user("reconcile-bot", is_staff=True)
        bot.groups.add(Group.objects.get(name="curator"))
        bot = get_user_model().objects.get(pk=bot.pk)
        accepted, refused = _timed(timings, "accept_all", _accept_all, bot)
        corpus.update(accepted=accepted, refused=dict(refused))
        report = _timed(timings, "report", reconcile_report)
        timings["reconcile_all"] = report.pop("reconcile_seconds")
        if accepted:
            timings["accept_per_claim_ms"] = round(timings["accept_all"] / accepted * 1000, 1)
    finally:
        teardown_database(args.postgres, sqlite)
    timings["total"] = round(time.perf_counter() - started, 3)

    result = {"database": vendor, "corpus": corpus, "report": report, "timings": timings}
    _print(result)
    name = "curation_reconcile_corpus" + ("_postgresql" if args.postgres else "")
    out = REPO / "bench" / "results" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
