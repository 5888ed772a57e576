"""How the series endpoint and the dashboards' aggregates grow with the data: real snapshot vs synthetic 1M (10M).

For each bench database (PostgreSQL): GET /api/v1/series/ through Django's test Client, and the selectors the
overview, country, mission and rankings pages call (uncached: what a cold page pays), each against the same
aggregate hand-written in SQL (only the joins it needs) run through a bare cursor. p50/p95 over --runs runs,
the ratio ORM/SQL, the rows each query returns, whether its plan scans the whole contribution table, and the
load average at each case (the machine is shared). Results are checked equal (row count and summed totals).

    .venv/bin/python bench/scale_queries.py [--dbs bench_scale_real,bench_scale_1m[,bench_scale_10m]] [--runs 15]
        [--out scale_queries.json]

bench_scale_real: migrate + load_snapshot (done here if empty). bench_scale_1m/10m: bench/synthetic.py first.
→ a table on stdout, JSON in bench/results/scale_queries.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _pg  # bench/ is on sys.path: the scripts run as bench/<name>.py

REPO = Path(__file__).resolve().parents[1]
PG_BASE = os.environ.get("BENCH_PG_BASE", "postgres://postgres@127.0.0.1:5432")
REPORT_CATEGORIES = (
    "military_contingents",
    "military_observers_and_staff_officers",
    "formed_police_units",
    "individual_police_officers",
)
AGG = (
    "SUM(CASE WHEN c.female IS NOT NULL THEN c.total END) AS total_with_split, SUM(c.total) AS total,"
    " SUM(c.female) AS female"
)
JOINS = {
    "co.": "JOIN deployments_country co ON co.id = c.country_id",
    "m.": "LEFT JOIN deployments_mission m ON m.id = c.mission_id",
    "pt.": "JOIN deployments_personneltype pt ON pt.id = c.personnel_type_id",
    "tc.": "JOIN deployments_targetcategory tc ON tc.id = pt.target_category_id",
}


def agg_sql(group: list[str], where: list[str], *, male: bool = False) -> str:
    """GROUP BY `group` over contributions filtered by `where`, joining only the tables referenced."""
    text = " ".join(group + where)
    joins = [j for prefix, j in JOINS.items() if prefix in text or (prefix == "pt." and "tc." in text)]
    cols = ", ".join(group)
    return (
        f"SELECT {cols}, {AGG}{', SUM(c.male)' if male else ''} FROM deployments_contribution c "
        + " ".join(joins)
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" GROUP BY {cols} ORDER BY {cols}"
    )


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def child(runs: int) -> dict:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from apps.deployments import selectors
    from apps.deployments.models import Contribution, Mission

    assert connection.settings_dict["NAME"].startswith("bench_scale_"), "bench databases only"
    call_command("migrate", verbosity=0)
    if not Contribution.objects.exists():
        call_command("load_snapshot", verbosity=0)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    rows_total = Contribution.objects.count()
    last = Contribution.objects.order_by("-month").values_list("month", flat=True).first()
    mission = Mission.objects.filter(acronym__in=["UNMISS", "SYN-UNMISS-1"]).values_list("acronym", flat=True).first()
    cats = list(REPORT_CATEGORIES)
    in_cats = "tc.code IN (" + ", ".join(["%s"] * len(cats)) + ")"
    client = Client()

    def api(query: str):
        def call():
            r = client.get(f"/api/v1/series/?{query}")
            assert r.status_code == 200, r.content[:300]
            pts = r.json()["points"]
            return len(pts), sum(p["total"] for p in pts)

        return call

    def sel(fn, summarize):
        def call():
            return summarize(fn())

        return call

    def rows_of(rows):
        return len(rows), sum(r["total"] or 0 for r in rows)

    def by_cat(series):
        return sum(len(v) for v in series.values()), sum(c.total for v in series.values() for c in v.values())

    def shares(out):
        return len(out), sum(s.total for s in out)

    cat_month = ["tc.code", "tc.name", 'tc."order"', "c.month"]
    cases = [
        ("api series: everything", api(""), agg_sql(["c.month"], [], male=True), [], None),
        (
            "api series: category",
            api("category=military_contingents"),
            agg_sql(["c.month"], ["tc.code = %s"], male=True),
            ["military_contingents"],
            None,
        ),
        (
            "api series: country VNM",
            api("country=VNM"),
            agg_sql(["c.month"], ["co.iso3 IN (%s)"], male=True),
            ["VNM"],
            None,
        ),
        (
            "options: data_months",
            sel(selectors.data_months, lambda ms: (len(ms), 0)),
            "SELECT DISTINCT c.month FROM deployments_contribution c ORDER BY c.month",
            [],
            "count",
        ),
        (
            "overview: share by category",
            sel(lambda: selectors.women_share_by_category(categories=cats), by_cat),
            agg_sql(cat_month, [in_cats]),
            cats,
            "bycat",
        ),
        (
            "overview: contributors, last month",
            sel(lambda: selectors.contributor_shares(month=last, categories=cats), shares),
            agg_sql(["co.iso3", "co.name", "tc.code", "tc.name", 'tc."order"'], ["c.month = %s", in_cats]),
            [last, *cats],
            None,
        ),
        (
            "country VNM: share by category",
            sel(lambda: selectors.women_share_by_category(countries=["VNM"], categories=cats), by_cat),
            agg_sql(cat_month, ["co.iso3 IN (%s)", in_cats]),
            ["VNM", *cats],
            "bycat",
        ),
        (
            "country VNM: by month × mission",
            sel(lambda: selectors.breakdown(by=("month", "mission"), countries=["VNM"], categories=cats), rows_of),
            agg_sql(["c.month", "m.acronym"], ["co.iso3 IN (%s)", in_cats]),
            ["VNM", *cats],
            None,
        ),
        (
            f"mission {mission}: by month × country",
            sel(lambda: selectors.breakdown(by=("month", "country"), missions=[mission], categories=cats), rows_of),
            agg_sql(["c.month", "co.iso3", "co.name"], ["m.acronym IN (%s)", in_cats]),
            [mission, *cats],
            None,
        ),
        (
            "rankings: contingents, last month",
            sel(
                lambda: selectors.contributor_shares(month=last, categories=["military_contingents"], min_total=100),
                shares,
            ),
            agg_sql(["co.iso3", "co.name", "tc.code", "tc.name", 'tc."order"'], ["c.month = %s", "tc.code IN (%s)"]),
            [last, "military_contingents"],
            "min100",
        ),
    ]
    out = []
    for label, orm_call, sql, params, mode in cases:
        load_before = os.getloadavg()[0]
        got = orm_call()  # warm-up; also the result to compare
        with connection.cursor() as cur:
            cur.execute(sql, params)
            raw = cur.fetchall()
            cur.execute("EXPLAIN " + sql, params)
            plan = [r[0] for r in cur.fetchall()]
        total_i = {"bycat": -2, "count": None}.get(mode, -2)
        if mode == "bycat":  # the selector drops observers & staff before May 2017
            raw_cmp = [r for r in raw if not (r[0] == selectors.OBSERVERS_AND_STAFF and r[3] < dt.date(2017, 5, 1))]
        elif mode == "min100":
            raw_cmp = [r for r in raw if (r[-2] or 0) >= 100]
        else:
            raw_cmp = raw
        expected = (len(raw_cmp), 0 if total_i is None else sum(int(r[total_i] or 0) for r in raw_cmp))
        if mode is None and "api" in label:  # api SQL has SUM(male) last: total is third from the end
            expected = (len(raw), sum(int(r[-3] or 0) for r in raw))
        assert got == expected, (label, got, expected)
        orm_t, sql_t = [], []
        for _ in range(runs):
            t = time.perf_counter()
            orm_call()
            orm_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            with connection.cursor() as cur:
                cur.execute(sql, params)
                cur.fetchall()
            sql_t.append(time.perf_counter() - t)
        o50, s50 = statistics.median(orm_t) * 1000, statistics.median(sql_t) * 1000
        out.append(
            {
                "case": label,
                "result_rows": len(raw),
                "orm_p50_ms": round(o50, 1),
                "orm_p95_ms": round(pct(orm_t, 0.95) * 1000, 1),
                "sql_p50_ms": round(s50, 1),
                "sql_p95_ms": round(pct(sql_t, 0.95) * 1000, 1),
                "ratio_p50": round(o50 / s50, 2) if s50 else None,
                "seq_scan_contribution": any("Seq Scan on deployments_contribution" in p for p in plan),
                "plan_top": plan[:3],
                "load_avg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "sql": sql,
            }
        )
        print(f"  {label}: ORM {o50:.1f} ms, SQL {s50:.1f} ms", file=sys.stderr, flush=True)
    return {
        "database": connection.settings_dict["NAME"],
        "contributions": rows_total,
        "last_month": last.isoformat(),
        "runs": runs,
        "cases": out,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dbs", default="bench_scale_real,bench_scale_1m")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--out", default="scale_queries.json", help="file name in bench/results/")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.runs), default=str))
        return
    results = []
    with tempfile.TemporaryDirectory() as cache_dir:
        for name in [d.strip() for d in args.dbs.split(",") if d.strip()]:
            assert name.startswith("bench_scale_"), name
            if name == "bench_scale_real":
                import psycopg

                with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
                    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                        conn.execute(f'CREATE DATABASE "{name}"')
            env = {
                **os.environ,
                "DATABASE_URL": f"{PG_BASE}/{name}",
                "CACHE_DIR": cache_dir,
                "API_THROTTLE_ANON": "1000000/min",
                "LOG_LEVEL": "WARNING",
            }
            env.pop("CACHE_URL", None)
            print(f"{name} …", file=sys.stderr, flush=True)
            out = subprocess.run(
                [sys.executable, __file__, "--child", "--runs", str(args.runs)],
                env=env,
                stdout=subprocess.PIPE,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                sys.exit(f"{name}: failed")
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))

    base = results[0]

    def key(case: str) -> str:
        head, tail = case.split(":", 1)
        return head.split(" ")[0] + ":" + tail.split(" ")[1]

    base_by = {key(c["case"]): c for c in base["cases"]}
    print(
        f"{'database':18} {'rows':>10} {'case':38} {'out':>5} {'ORM p50':>8} {'p95':>7} "
        f"{'SQL p50':>8} {'p95':>7} {'ratio':>6} {'growth':>7} {'seq':>4} {'load':>5}"
    )
    for res in results:
        for c in res["cases"]:
            b = base_by.get(key(c["case"]))
            growth = round(c["orm_p50_ms"] / b["orm_p50_ms"], 1) if b and b["orm_p50_ms"] else None
            c["orm_growth_vs_first_db"] = growth
            c["sql_growth_vs_first_db"] = round(c["sql_p50_ms"] / b["sql_p50_ms"], 1) if b and b["sql_p50_ms"] else None
            print(
                f"{res['database']:18} {res['contributions']:>10,} {c['case'][:38]:38} {c['result_rows']:>5} "
                f"{c['orm_p50_ms']:>8} {c['orm_p95_ms']:>7} {c['sql_p50_ms']:>8} {c['sql_p95_ms']:>7} "
                f"{c['ratio_p50']:>6} {growth if growth is not None else '':>7} {'yes' if c['seq_scan_contribution'] else '':>4} "
                f"{c['load_avg_1min'][1]:>5}"
            )
    print("growth = ORM p50 / the same case's ORM p50 on the first database; seq = plan scans all contributions")
    payload = {
        "machine": _pg.machine(),
        "command": "  ".join(sys.argv),
        "results": results,
    }
    out_path = REPO / "bench" / "results" / args.out
    out_path.write_text(json.dumps(payload, indent=1, default=str) + "\n")
    print(f"→ {out_path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
