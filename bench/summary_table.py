"""The monthly summary tables, before/after: the aggregates they serve, and what keeping them current adds to imports.

Two parts, each in a child process per bench database (DATABASE_URL is read once at Django set-up):

* import: the database is recreated and migrated. bench_scale_real (or a copy named *real*): the snapshot is
  imported with the ordinary service (IPI 49k rows, then the UN monthly file, 104k rows); the summary refresh
  each import runs is read from the summary module's log record (its own timer), beside the import's wall time.
  Synthetic databases: the CSV from bench/synthetic.py is loaded with COPY + INSERT … SELECT (the importer now
  rejects months after the current one, and synthetic.py wrote months from 2030 until recently), then the
  refresh the import would run, summary_refresh(release_id=…), is timed. After either, a refresh of one month
  (what a single-row edit pays) and of every month (`manage.py refresh_summary`) are timed, 5 runs each.
* queries: each selector the dashboards and the series API call without a mission filter, timed reading the
  contributions (`summary.bypass()`, i.e. before) and reading the summary (after); the two results must be equal
  (compared whole) before anything is timed. p50/p95 over --runs runs, the 1-minute load average at each case.

    .venv/bin/python bench/summary_table.py [--dbs bench_scale_real,bench_scale_1m] [--runs 15]
        [--import] [--synthetic-csv /tmp/synthetic_1m.csv] [--out summary_table.json]

--import recreates the databases (one whose name contains "real" from the snapshot in data/, the others from
the CSV bench/synthetic.py generates; without touching its results file:
`.venv/bin/python -c "import sys; sys.path.insert(0, 'bench'); import pathlib, synthetic;
synthetic.generate(1_000_000, pathlib.Path('/tmp/synthetic_1m.csv'))"`). Runs recorded in bench/README.md:
`--dbs bench_scale_h1_real,bench_scale_h1_1m --import --synthetic-csv /tmp/…/synthetic_1m.csv` and
`--dbs bench_scale_h1_10m --import --synthetic-csv /tmp/…/synthetic_10m.csv --runs 5` (results are merged by
database into the JSON). Without --import the databases must exist; `migrate` fills the summaries if they are new.
→ a table on stdout, JSON in bench/results/summary_table.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import _pg  # bench/ is on sys.path: the scripts run as bench/<name>.py

REPO = Path(__file__).resolve().parents[1]
PG_BASE = os.environ.get("BENCH_PG_BASE", "postgres://postgres@127.0.0.1:5432")
REPORT_CATEGORIES = [
    "military_contingents",
    "military_observers_and_staff_officers",
    "formed_police_units",
    "individual_police_officers",
]


def load() -> float:
    return round(os.getloadavg()[0], 2)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def django_setup() -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


class Refreshes(logging.Handler):
    """Collects the summary module's own log records: one per refresh, with its duration."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.args)


def child_import(synthetic_csv: str | None) -> dict:
    django_setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from apps.deployments import services, summary
    from apps.deployments.models import Contribution, ContributionSummary

    name = connection.settings_dict["NAME"]
    assert name.startswith("bench_scale_"), "bench databases only"
    call_command("migrate", verbosity=0)
    handler = Refreshes()
    log = logging.getLogger("apps.deployments.summary")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    imports = []
    if synthetic_csv:
        imports.append(load_synthetic(Path(synthetic_csv), handler))
    for path in [] if synthetic_csv else [REPO / "data" / f for f in services.SNAPSHOT_CONTRIBUTIONS]:
        before = len(handler.records)
        load_before = load()
        started = time.perf_counter()
        result = services.contributions_import(path=path)
        seconds = time.perf_counter() - started
        refresh = handler.records[before:]
        imports.append(
            {
                "file": path.name,
                "how": "services.contributions_import (its summary refresh included)",
                "rows_read": result.rows_read,
                "created": result.created,
                "updated": result.updated,
                "import_seconds": round(seconds, 2),
                "summary_refresh": [{"months": r[0], "summary_rows": r[1], "seconds": round(r[2], 3)} for r in refresh],
                "refresh_share_of_import": round(sum(r[2] for r in refresh) / seconds, 3),
                "load_avg_1min_before_after": [load_before, load()],
            }
        )
        print(f"  import {path.name}: {seconds:.1f}s, refresh {refresh}", file=sys.stderr, flush=True)
    if not synthetic_csv:
        services.targets_import(path=REPO / "data" / services.SNAPSHOT_TARGETS)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    last = Contribution.objects.order_by("-month").values_list("month", flat=True).first()
    extra = {}
    # What a single-row edit pays (one month) and what `refresh_summary` pays (every month), 5 runs each.
    for label, months in (("one_month", [last]), ("every_month", None)):
        times = []
        for _ in range(5):
            with transaction.atomic():
                times.append(summary.summary_refresh(months=months).seconds)
        extra[label] = {"p50_s": round(statistics.median(times), 3), "runs": times, "load_avg_1min": load()}
    log.removeHandler(handler)
    return {
        "database": name,
        "contributions": Contribution.objects.count(),
        "summary_rows": ContributionSummary.objects.count(),
        "imports": imports,
        "refresh": extra,
    }


SYN_STAGE = (
    "CREATE TEMP TABLE syn (month_end date, mission text, contributor text, contributor_iso3 text,"
    " contributor_as_printed text, personnel_type text, personnel_type_as_printed text, female integer,"
    " male integer, total integer, source_pdf text, quality_flags text)"
)
SYN_INSERT = (
    "INSERT INTO deployments_contribution (country_id, mission_id, personnel_type_id, month, female, male, total,"
    " quality_flags, release_id, source_file, source_line, source_document, country_as_printed)"
    " SELECT co.id, m.id, pt.id, date_trunc('month', s.month_end)::date, s.female, s.male, s.total,"
    " coalesce(s.quality_flags, ''), %s, %s, row_number() OVER () + 1, coalesce(s.source_pdf, ''),"
    " coalesce(s.contributor_as_printed, '')"
    " FROM syn s JOIN deployments_country co ON co.iso3 = s.contributor_iso3"
    " LEFT JOIN deployments_mission m ON m.acronym = s.mission"
    " JOIN deployments_personneltype pt ON pt.name = s.personnel_type"
)


def load_synthetic(path: Path, handler: Refreshes) -> dict:
    """The synthetic CSV straight into the tables with SQL, then the refresh an import of it would run.

    Not through the importer: it now rejects months after the current one, and the synthetic rows are dated
    2030 onwards on purpose (bench/synthetic.py). The refresh is the same call the import makes when it has
    written a release (summary_refresh(release_id=…): every month of the release, here all 180).
    """
    from django.db import connection, transaction

    from apps.deployments import summary
    from apps.deployments.models import DataRelease

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        release = DataRelease.objects.create(file_name=path.name, sha256="synthetic", layout="un_monthly")
        cur.execute(SYN_STAGE)
        with cur.copy("COPY syn FROM STDIN (FORMAT csv, HEADER true)") as cp, path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                cp.write(chunk)
        cur.execute(
            "INSERT INTO deployments_country (iso3, name) SELECT contributor_iso3, min(contributor) FROM syn"
            " GROUP BY 1 ON CONFLICT (iso3) DO NOTHING"
        )
        cur.execute(
            "INSERT INTO deployments_mission (acronym, name, kind, host_places) SELECT DISTINCT mission, '',"
            " 'other', '' FROM syn WHERE mission IS NOT NULL ON CONFLICT (acronym) DO NOTHING"
        )
        # As the importer's bulk path does on an empty table: secondary indexes and foreign keys dropped, rows
        # written, then indexes rebuilt and keys validated once each (row by row, 10M rows took over 10 minutes).
        cur.execute(
            "SELECT pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text FROM pg_index i"
            " WHERE i.indrelid = 'deployments_contribution'::regclass"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
        )
        indexes = cur.fetchall()
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = 'deployments_contribution'::regclass AND contype = 'f'"
        )
        keys = cur.fetchall()
        for name, _ in keys:
            cur.execute(f'ALTER TABLE deployments_contribution DROP CONSTRAINT "{name}"')
        for _, name in indexes:
            cur.execute(f"DROP INDEX {name}")
        cur.execute(SYN_INSERT, [release.pk, path.name])
        rows = cur.rowcount
        for definition, _ in indexes:
            cur.execute(definition)
        for name, definition in keys:
            cur.execute(f'ALTER TABLE deployments_contribution ADD CONSTRAINT "{name}" {definition}')
        cur.execute("DROP TABLE syn")
    load_seconds = time.perf_counter() - started
    load_before = load()
    with transaction.atomic():
        result = summary.summary_refresh(release_id=release.pk)
    print(f"  loaded {rows:,} synthetic rows in {load_seconds:.1f}s, refresh {result}", file=sys.stderr, flush=True)
    return {
        "file": path.name,
        "how": "COPY + INSERT … SELECT (not the importer), then summary_refresh(release_id=…) as the import calls it",
        "rows_read": rows,
        "created": rows,
        "updated": 0,
        "load_seconds": round(load_seconds, 2),
        "summary_refresh": [
            {"months": result.months, "summary_rows": result.rows, "seconds": round(result.seconds, 3)}
        ],
        "load_avg_1min_before_after": [load_before, load()],
    }


def child_queries(runs: int) -> dict:
    django_setup()
    from django.core.management import call_command
    from django.db import connection

    from apps.deployments import selectors, summary
    from apps.deployments.models import Contribution, ContributionSummary

    name = connection.settings_dict["NAME"]
    assert name.startswith("bench_scale_"), "bench databases only"
    call_command("migrate", verbosity=0)
    if not ContributionSummary.objects.exists():
        summary.summary_refresh()
    with connection.cursor() as cur:
        cur.execute("ANALYZE deployments_contributionsummary")
    last = Contribution.objects.order_by("-month").values_list("month", flat=True).first()
    country = "VNM"
    cats = REPORT_CATEGORIES
    cases = [
        ("api series: everything", lambda: selectors.women_share_series()),
        ("api series: category", lambda: selectors.women_share_series(category="military_contingents")),
        ("api series: country VNM", lambda: selectors.women_share_series(countries=[country])),
        ("overview: share by category", lambda: selectors.women_share_by_category(categories=cats)),
        ("overview: contributors, last month", lambda: selectors.contributor_shares(month=last, categories=cats)),
        (
            "country VNM: share by category",
            lambda: selectors.women_share_by_category(countries=[country], categories=cats),
        ),
        (
            "country VNM: by month × type",
            lambda: selectors.breakdown(by=("month", "type"), countries=[country], categories=cats),
        ),
        (
            "rankings: contingents, last month",
            lambda: selectors.contributor_shares(month=last, categories=["military_contingents"], min_total=100),
        ),
    ]
    out = []
    for label, call in cases:
        load_before = load()
        with summary.bypass():
            before = call()
        after = call()
        assert before == after, f"{label}: summary and contributions disagree"
        size = len(before) if not isinstance(before, dict) else sum(len(v) for v in before.values())
        t_before, t_after = [], []
        for _ in range(runs):
            with summary.bypass():
                t = time.perf_counter()
                call()
                t_before.append(time.perf_counter() - t)
            t = time.perf_counter()
            call()
            t_after.append(time.perf_counter() - t)
        b50, a50 = statistics.median(t_before) * 1000, statistics.median(t_after) * 1000
        out.append(
            {
                "case": label,
                "result_rows": size,
                "equal": True,
                "before_p50_ms": round(b50, 1),
                "before_p95_ms": round(pct(t_before, 0.95) * 1000, 1),
                "after_p50_ms": round(a50, 1),
                "after_p95_ms": round(pct(t_after, 0.95) * 1000, 1),
                "speedup_p50": round(b50 / a50, 1) if a50 else None,
                "load_avg_1min_before_after": [load_before, load()],
            }
        )
        print(f"  {label}: before {b50:.1f} ms, after {a50:.1f} ms", file=sys.stderr, flush=True)
    return {
        "database": name,
        "contributions": Contribution.objects.count(),
        "summary_rows": ContributionSummary.objects.count(),
        "last_month": last.isoformat(),
        "runs": runs,
        "cases": out,
    }


def run_child(db: str, args: list[str]) -> dict:
    env = {**os.environ, "DATABASE_URL": f"{PG_BASE}/{db}", "LOG_LEVEL": "WARNING"}
    env.pop("CELERY_BROKER_URL", None)
    env.pop("CACHE_URL", None)
    print(f"{db} {' '.join(args)} …", file=sys.stderr, flush=True)
    out = subprocess.run(
        [sys.executable, __file__, *args], env=env, stdout=subprocess.PIPE, text=True, check=False, cwd=REPO
    )
    if out.returncode != 0:
        sys.exit(f"{db}: failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def recreate(db: str) -> None:
    import psycopg

    assert db.startswith("bench_scale_"), db
    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dbs", default="bench_scale_real,bench_scale_1m")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--import", dest="do_import", action="store_true", help="recreate and import first")
    parser.add_argument("--synthetic-csv", default="", help="CSV for the synthetic databases (with --import)")
    parser.add_argument("--out", default="summary_table.json", help="file name in bench/results/")
    parser.add_argument("--child-import", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-queries", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--csv", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        print(json.dumps(child_import(args.csv or None), default=str))
        return
    if args.child_queries:
        print(json.dumps(child_queries(args.runs), default=str))
        return

    dbs = [d.strip() for d in args.dbs.split(",") if d.strip()]
    out_path = REPO / "bench" / "results" / args.out
    previous = json.loads(out_path.read_text()) if out_path.exists() else {}
    imports = previous.get("imports", {})
    if args.do_import:
        for db in dbs:
            synthetic = "real" not in db  # bench_scale_real or a copy of it (e.g. bench_scale_h1_real)
            if synthetic and not args.synthetic_csv:
                sys.exit(f"{db}: --synthetic-csv is needed to import it")
            recreate(db)
            imports[db] = run_child(db, ["--child-import", *(["--csv", args.synthetic_csv] if synthetic else [])])
    queries = previous.get("queries", {})
    for db in dbs:
        queries[db] = run_child(db, ["--child-queries", "--runs", str(args.runs)])

    print(
        f"\n{'database':17} {'rows':>10} {'case':36} {'out':>5} {'before p50':>10} {'p95':>7} "
        f"{'after p50':>9} {'p95':>6} {'×':>6} {'load':>11}"
    )
    for db in dbs:
        res = queries[db]
        for c in res["cases"]:
            lb = c["load_avg_1min_before_after"]
            print(
                f"{db:17} {res['contributions']:>10,} {c['case'][:36]:36} {c['result_rows']:>5} "
                f"{c['before_p50_ms']:>10} {c['before_p95_ms']:>7} {c['after_p50_ms']:>9} {c['after_p95_ms']:>6} "
                f"{c['speedup_p50']:>6} {lb[0]:>5}→{lb[1]:<5}"
            )
    for db, res in imports.items():
        for imp in res["imports"]:
            refresh = sum(r["seconds"] for r in imp["summary_refresh"])
            took = (
                f"imported in {imp['import_seconds']} s ({imp['refresh_share_of_import']:.1%} of it the refresh)"
                if "import_seconds" in imp
                else f"loaded by SQL in {imp['load_seconds']} s"
            )
            print(
                f"{db} {imp['file']}: {imp['rows_read']:,} rows {took}, summary refresh {refresh:.2f} s,"
                f" load {imp['load_avg_1min_before_after']}"
            )
        r = res["refresh"]
        print(f"  refresh one month p50 {r['one_month']['p50_s']} s; every month p50 {r['every_month']['p50_s']} s")
    payload = {
        "machine": _pg.machine(),
        "command": " ".join(sys.argv),
        "imports": imports,
        "queries": queries,
    }
    out_path.write_text(json.dumps(payload, indent=1, default=str) + "\n")
    print(f"→ {out_path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
