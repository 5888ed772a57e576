"""Import speed of the UN monthly file: first import and re-import, SQLite and PostgreSQL, against the floor.

The floor is the time to load the same CSV into a plain table with no indexes or constraints: PostgreSQL
`COPY … FROM STDIN (FORMAT csv)`, and for SQLite `csv.reader` + one `executemany`. Each backend runs in a
fresh database (a temporary SQLite file; PostgreSQL database `bench_import`, or $BENCH_PG_DB, created and dropped
here). The machine is shared: run it two or three times and keep the best, with the load averages it prints.

    .venv/bin/python bench/import_contributions.py [--file PATH] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]

Prints a table and writes bench/results/import_contributions.json.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILE = REPO / "data" / "un_dpo_contributions_2015-01_2025-07.csv.gz"
RESULTS = REPO / "bench" / "results" / "import_contributions.json"
PG_DB = os.environ.get("BENCH_PG_DB", "bench_import")

PLAIN_TABLE = (
    "CREATE TABLE plain (month_end date, mission text, contributor text, contributor_iso3 text,"
    " contributor_as_printed text, personnel_type text, personnel_type_as_printed text, female integer,"
    " male integer, total integer, source_pdf text, quality_flags text)"
)


def read_bytes(path: Path) -> bytes:
    with open(path, "rb") as fh:
        magic = fh.read(2)
    return gzip.open(path).read() if magic == b"\x1f\x8b" else path.read_bytes()


def child(backend: str, path: Path) -> None:
    """Runs inside a subprocess whose DATABASE_URL points at a fresh database; prints one JSON line."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from apps.deployments import services

    call_command("migrate", verbosity=0)
    timings = {}
    for label in ("first", "reimport"):
        started = time.perf_counter()
        summary = services.contributions_import(path=path)
        timings[label] = {
            "seconds": time.perf_counter() - started,
            "rows": summary.rows_read,
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
        }
    print(json.dumps({"backend": backend, **timings}))


def run_child(backend: str, url: str, path: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    out = subprocess.run(
        [sys.executable, __file__, "--child", backend, "--file", str(path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def floor_postgres(conn, data: bytes) -> float:
    with conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS plain")
        cur.execute(PLAIN_TABLE)
        started = time.perf_counter()
        with cur.copy("COPY plain FROM STDIN (FORMAT csv, HEADER true)") as copy:
            copy.write(data)
        conn.commit()
        seconds = time.perf_counter() - started
        cur.execute("DROP TABLE plain")
    conn.commit()
    return seconds


def floor_sqlite(data: bytes) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "floor.sqlite3")
        db.execute(PLAIN_TABLE)
        started = time.perf_counter()
        reader = csv.reader(data.decode("utf-8").splitlines())
        next(reader)
        db.executemany("INSERT INTO plain VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", reader)
        db.commit()
        seconds = time.perf_counter() - started
        db.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--child", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.child:
        child(args.child, args.file)
        return

    data = read_bytes(args.file)
    results: dict = {"file": args.file.name, "rows": data.count(b"\n") - 1, "backends": {}}
    load_at_start = os.getloadavg()

    with tempfile.TemporaryDirectory() as tmp:
        sqlite_run = run_child("sqlite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", args.file)
    results["backends"]["sqlite"] = {
        **sqlite_run,
        "floor_seconds": floor_sqlite(data),
        "floor": "csv.reader + executemany",
    }

    try:
        import psycopg

        admin = psycopg.connect(args.pg_url, autocommit=True)
    except Exception as exc:  # noqa: BLE001 - any failure to reach PostgreSQL just skips that half
        print(f"PostgreSQL unavailable ({exc}); SQLite only", file=sys.stderr)
        admin = None
    if admin is not None:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        admin.execute(f"CREATE DATABASE {PG_DB}")
        base = args.pg_url.rsplit("/", 1)[0]
        try:
            pg_run = run_child("postgres", f"{base}/{PG_DB}", args.file)
            with psycopg.connect(f"{base}/{PG_DB}") as conn:
                pg_floor = floor_postgres(conn, data)
            results["backends"]["postgres"] = {**pg_run, "floor_seconds": pg_floor, "floor": "COPY into a plain table"}
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            admin.close()

    results["machine"] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_avg_at_start": load_at_start,
        "load_avg": os.getloadavg(),
    }
    print(
        f"{results['file']}: {results['rows']:,} rows   (1-min load average {load_at_start[0]:.1f} at start,"
        f" {os.getloadavg()[0]:.1f} at end, on {os.cpu_count()} CPUs)"
    )
    print(f"{'backend':<10} {'run':<9} {'seconds':>8} {'rows/s':>9} {'floor s':>8} {'× floor':>8}")
    for backend, r in results["backends"].items():
        for label in ("first", "reimport"):
            seconds = r[label]["seconds"]
            r[label]["rows_per_second"] = round(r[label]["rows"] / seconds)
            r[label]["ratio_to_floor"] = round(seconds / r["floor_seconds"], 2)
            print(
                f"{backend:<10} {label:<9} {seconds:>8.2f} {r[label]['rows_per_second']:>9,} "
                f"{r['floor_seconds']:>8.2f} {r[label]['ratio_to_floor']:>8.1f}"
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
