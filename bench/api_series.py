"""GET /api/v1/series/ over the full official data against the same aggregate in raw SQL, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/api_series.py [--sqlite PATH | --no-sqlite] [--postgres URL] [--runs N]
         [--cache-url redis://127.0.0.1:6379/N] [--before PATH --rounds R]
  Each database is filled once with `manage.py load_snapshot` (skipped when already loaded).
  Defaults: SQLite at .cache/bench_api_series.sqlite3; PostgreSQL from BENCH_POSTGRES_URL if set; the cache is a
  throwaway file cache unless --cache-url names a Redis database (emptied first: give one of your own), as in
  production. DEBUG is off. With --before (a `git worktree` of an older commit) each round measures the older
  code, then this one, in child processes back to back; the table shows medians over the rounds.
  → a table on stdout, JSON in bench/results/api_series.json. Goal: API ≤ 2× the raw SQL.
  "API ms" is the endpoint computing its answer (whole-response cache off: RESPONSE_CACHE_SECONDS=0);
  "hit ms" is the same request served from the whole-response cache (apps.core.response_cache).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (label, query string, the same filter as SQL WHERE clauses over c=contribution, co=country, m=mission, pt, tc)
CASES: list[tuple[str, str, list[str], list[object]]] = [
    ("everything", "", [], []),
    ("category", "category=military_contingents", ["tc.code = %s"], ["military_contingents"]),
    ("one country", "country=VNM", ["co.iso3 IN (%s)"], ["VNM"]),
    (
        "mission+category",
        "mission=UNMISS&category=formed_police_units",
        ["m.acronym IN (%s)", "tc.code = %s"],
        ["UNMISS", "formed_police_units"],
    ),
    (
        "3 countries, 5 years",
        "country=IND,BGD,NPL&month_from=2018-01&month_to=2022-12",
        ["co.iso3 IN (%s, %s, %s)", "c.month >= %s", "c.month <= %s"],
        ["IND", "BGD", "NPL", "2018-01-01", "2022-12-01"],
    ),
]


def raw_sql(where: list[str]) -> str:
    """The aggregate the endpoint runs, hand-written: only the joins its filters need, as the ORM does."""
    clauses = " ".join(where)
    joins = []
    if "co." in clauses:
        joins.append("JOIN deployments_country co ON co.id = c.country_id")
    if "m." in clauses:
        joins.append("JOIN deployments_mission m ON m.id = c.mission_id")
    if "tc." in clauses or "pt." in clauses:
        joins.append("JOIN deployments_personneltype pt ON pt.id = c.personnel_type_id")
    if "tc." in clauses:
        joins.append("JOIN deployments_targetcategory tc ON tc.id = pt.target_category_id")
    return (
        "SELECT c.month, SUM(c.total), SUM(c.female), SUM(c.male), "
        "SUM(CASE WHEN c.female IS NOT NULL THEN c.total END) "
        "FROM deployments_contribution c "
        + " ".join(joins)
        + (" WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY c.month ORDER BY c.month"
    )


def measure_one(runs: int) -> dict:
    """In a child process whose DATABASE_URL names one database: load it if empty, then time both ways."""
    sys.path.insert(0, os.environ.get("BENCH_REPO", str(ROOT)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from apps.deployments.models import Contribution

    call_command("migrate", verbosity=0)
    if not Contribution.objects.exists():
        started = time.perf_counter()
        call_command("load_snapshot")
        print(f"loaded in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    client = Client()
    client.get("/api/v1/personnel-types/")
    load_start = os.getloadavg()[0]
    overhead = []
    for _ in range(runs):
        t = time.perf_counter()
        client.get("/api/v1/personnel-types/")
        overhead.append(time.perf_counter() - t)
    rows = []
    for label, query, where, params in CASES:
        url = f"/api/v1/series/?{query}"
        with override_settings(RESPONSE_CACHE_SECONDS=0):  # nothing stored yet: the first timings are computed
            response = client.get(url)  # warm-up: imports, query plans, OS cache
        assert response.status_code == 200, response.content[:500]
        points = response.json()["points"]
        sql = raw_sql(where)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            raw = cursor.fetchall()
        assert len(raw) == len(points), (label, len(raw), len(points))
        assert [int(r[1]) for r in raw] == [p["total"] for p in points], label
        api_times, sql_times, hit_times = [], [], []
        # Computed every time (nothing stored), as before caching. One override for all runs: entering it forgets
        # the process's data version, which a real process reads at most once a second, not per request.
        with override_settings(RESPONSE_CACHE_SECONDS=0):
            client.get(url)
            for _ in range(runs):
                t = time.perf_counter()
                client.get(url)
                api_times.append(time.perf_counter() - t)
                t = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    cursor.fetchall()
                sql_times.append(time.perf_counter() - t)
        client.get(url)  # stores the whole response
        for _ in range(runs):
            t = time.perf_counter()
            hit = client.get(url)
            hit_times.append(time.perf_counter() - t)
        assert hit.json()["points"] == points, label
        api_ms, sql_ms = statistics.median(api_times) * 1000, statistics.median(sql_times) * 1000
        rows.append(
            {
                "case": label,
                "query": query,
                "months": len(points),
                "api_median_ms": round(api_ms, 1),
                "sql_median_ms": round(sql_ms, 1),
                "hit_median_ms": round(statistics.median(hit_times) * 1000, 1),
                "ratio": round(api_ms / sql_ms, 2) if sql_ms else None,
            }
        )
    return {
        "database": connection.vendor,
        "contributions": Contribution.objects.count(),
        "runs": runs,
        # A near-empty API request (5 personnel types): the fixed cost of Django + DRF + throttle per call.
        "fixed_request_overhead_ms": round(statistics.median(overhead) * 1000, 1),
        "load_average_1min": [round(load_start, 2), round(os.getloadavg()[0], 2)],
        "cases": rows,
    }


def run_child(repo: Path, url: str, runs: int, cache: dict[str, str]) -> dict:
    env = {
        **os.environ,
        **cache,
        "DATABASE_URL": url,
        "BENCH_REPO": str(repo),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-secret",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # the test client speaks plain HTTP
        "API_THROTTLE_ANON": "1000000/min",  # counted as in production, never refused
        "LOG_LEVEL": "WARNING",
    }
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--runs", str(runs)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=repo,
    )
    if out.returncode != 0:
        print(f"{repo} {url}: failed\n{out.stderr[-3000:]}", file=sys.stderr)
        sys.exit(1)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["repo"] = str(repo)
    return result


def merged(results: list[dict]) -> dict:
    """One variant's rounds: the median of each figure over the rounds (each round's own figures are medians)."""
    first = results[0]
    cases = []
    for i, case in enumerate(first["cases"]):
        row = dict(case)
        for key in ("api_median_ms", "sql_median_ms", "hit_median_ms"):
            row[key] = round(statistics.median(r["cases"][i][key] for r in results), 2)
        row["ratio"] = round(row["api_median_ms"] / row["sql_median_ms"], 2) if row["sql_median_ms"] else None
        cases.append(row)
    return {
        **{k: first[k] for k in ("database", "contributions", "runs", "repo")},
        "rounds": len(results),
        "fixed_request_overhead_ms": round(statistics.median(r["fixed_request_overhead_ms"] for r in results), 2),
        "load_average_1min": [r["load_average_1min"] for r in results],
        "cases": cases,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite", default=str(ROOT / ".cache" / "bench_api_series.sqlite3"))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", ""))
    parser.add_argument("--cache-url", default="", help="a Redis database of your own (emptied first)")
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with (git worktree)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_one(args.runs)))
        return

    targets = []
    if not args.no_sqlite:
        targets.append(("sqlite", f"sqlite:///{Path(args.sqlite).resolve()}"))
        Path(args.sqlite).parent.mkdir(parents=True, exist_ok=True)
    if args.postgres:
        targets.append(("postgresql", args.postgres))
    variants = ([("before", args.before.resolve())] if args.before else []) + [("after", ROOT)]
    runs: dict[tuple[str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory() as cache_dir:
        cache = {"CACHE_DIR": cache_dir}  # throttle counters go to a throwaway file cache, as locally
        if args.cache_url:
            import redis

            redis.Redis.from_url(args.cache_url).flushdb()
            cache = {"CACHE_URL": args.cache_url}
        for n in range(args.rounds):
            for name, url in targets:
                for label, repo in variants:
                    # Each child starts with an empty cache: no stored response from an earlier child is read.
                    if args.cache_url:
                        redis.Redis.from_url(args.cache_url).flushdb()
                    else:
                        cache = {"CACHE_DIR": str(Path(cache_dir) / f"{n}-{name}-{label}")}
                    runs.setdefault((label, name), []).append(run_child(repo, url, args.runs, cache))
    results = [{"variant": label, **merged(rs)} for (label, _), rs in runs.items()]

    print(
        f"{'variant':8} {'database':10} {'case':22} {'months':>6} {'API ms':>8} {'SQL ms':>8} {'ratio':>6} {'hit ms':>7}"
    )
    for result in results:
        for r in result["cases"]:
            print(
                f"{result['variant']:8} {result['database']:10} {r['case']:22} {r['months']:>6} "
                f"{r['api_median_ms']:>8} {r['sql_median_ms']:>8} {r['ratio']:>6} {r['hit_median_ms']:>7}"
            )
        print(
            f"{result['variant']:8} {result['database']:10} contributions={result['contributions']:,} "
            f"runs={result['runs']} x {result['rounds']} rounds (medians); fixed request overhead "
            f"{result['fixed_request_overhead_ms']} ms; load {result['load_average_1min']}"
        )
    out_path = ROOT / "bench" / "results" / "api_series.json"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    cache_kind = "redis" if args.cache_url else "file"
    out_path.write_text(json.dumps({"goal_ratio_max": 2.0, "cache": cache_kind, "results": results}, indent=2))


if __name__ == "__main__":
    main()
