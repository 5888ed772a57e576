"""Synthetic official contributions at N rows, shaped like the real snapshot, loaded into a bench database.

Nothing synthetic can pass for real: every mission acronym starts with "SYN-", every contributor name with
"SYN ", every month is in 1980-01 – 1994-12 (the real gender data starts 2009-11; months in the future are
rejected by the importer), every row is flagged "synthetic" and cites "SYNTHETIC_bench.pdf". The rows go to a database of their own (bench_scale_<size>), never the project's.

Distributions come from the UN monthly file in data/: which (country, mission, personnel type) combinations
exist and how often (each real mission is cloned as SYN-<ACRONYM>-<k> until there are enough combinations),
each type's size distribution (a combination's base size is drawn from the real sizes of its type, then
varies ±10 % a month), and each type's women's share (drawn per combination from the real shares of its
type; women per month are binomial). 180 months from 1980-01, so the rows per month grow with N.

    .venv/bin/python bench/synthetic.py [--rows 1000000] [--db bench_scale_1m] [--keep-csv] [--no-import]

Loads with `manage.py import_contributions FILE` (DATABASE_URL = the bench database), timed against the floor:
a bare `COPY … FROM STDIN (FORMAT csv)` of the same CSV into a plain table without indexes. Writes
bench/results/synthetic_<rows>.json (rows/s both ways, the ratio, the importer's peak RSS, load averages).
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
REAL_FILE = REPO / "data" / "un_dpo_contributions_2015-01_2025-07.csv.gz"
PG_BASE = os.environ.get("BENCH_PG_BASE", "postgres://postgres@127.0.0.1:5432")
HEADER = [
    "month_end",
    "mission",
    "contributor",
    "contributor_iso3",
    "contributor_as_printed",
    "personnel_type",
    "personnel_type_as_printed",
    "female",
    "male",
    "total",
    "source_pdf",
    "quality_flags",
]
PLAIN_TABLE = (
    "CREATE TABLE plain_floor (month_end date, mission text, contributor text, contributor_iso3 text,"
    " contributor_as_printed text, personnel_type text, personnel_type_as_printed text, female integer,"
    " male integer, total integer, source_pdf text, quality_flags text)"
)
# Real gender data starts 2009-11: anything before 1995 is synthetic by construction. (Until 2026-11 the synthetic
# months started in 2030; the importer now rejects months in the future.)
FIRST_MONTH = dt.date(1980, 1, 1)
MONTHS = 180
SEED = 20260101


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "arch": platform.machine(),
        "python": platform.python_version(),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def real_profile(path: Path = REAL_FILE) -> dict:
    """Combinations, sizes and women's shares of the real UN monthly file."""
    combos: Counter = Counter()
    names: dict[str, str] = {}
    sizes: dict[str, list[int]] = defaultdict(list)
    shares: dict[str, list[float]] = defaultdict(list)
    with gzip.open(path, "rt", newline="", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if not rec["mission"]:
                continue  # Mar 2018 – Aug 2019 rows without a mission breakdown
            ptype = rec["personnel_type"]
            combos[(rec["contributor_iso3"], rec["mission"], ptype)] += 1
            names[rec["contributor_iso3"]] = rec["contributor"]
            total = int(rec["total"])
            sizes[ptype].append(total)
            if rec["female"] and total:
                shares[ptype].append(int(rec["female"]) / total)
    return {"combos": combos, "names": names, "sizes": dict(sizes), "shares": dict(shares)}


def month_ends(n: int) -> list[str]:
    out = []
    y, m = FIRST_MONTH.year, FIRST_MONTH.month
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def generate(rows: int, out_path: Path, *, seed: int = SEED) -> dict:
    """Write `rows` synthetic rows (UN monthly layout) to out_path; returns a summary of what was drawn."""
    rng = np.random.default_rng(seed)
    prof = real_profile()
    per_month = -(-rows // MONTHS)
    real = sorted(prof["combos"].items(), key=lambda kv: (-kv[1], kv[0]))
    weights = np.array([w for _, w in real], dtype=float)
    copies = -(-per_month // len(real))
    # Full copies of every real combination, then a weighted draw (without replacement) for the last copy.
    chosen: list[tuple[str, str, str]] = []
    for k in range(1, copies):
        chosen.extend((iso, f"SYN-{mis}-{k}", pt) for (iso, mis, pt), _ in real)
    rest = per_month - len(chosen)
    pick = rng.choice(len(real), size=rest, replace=False, p=weights / weights.sum())
    chosen.extend((real[i][0][0], f"SYN-{real[i][0][1]}-{copies}", real[i][0][2]) for i in sorted(pick))
    k_combos = len(chosen)
    types = sorted(prof["sizes"])
    type_idx = np.array([types.index(pt) for _, _, pt in chosen])
    base = np.empty(k_combos)
    share = np.empty(k_combos)
    for t, pt in enumerate(types):
        mask = type_idx == t
        base[mask] = rng.choice(np.array(prof["sizes"][pt]), size=mask.sum())
        share[mask] = rng.choice(np.array(prof["shares"][pt]), size=mask.sum())
    prefix = [
        (f"SYN {prof['names'][iso]}", iso, mis, pt)  # contributor, iso3, mission, type
        for iso, mis, pt in chosen
    ]
    written = 0
    with out_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        for month_end in month_ends(MONTHS):
            n = min(k_combos, rows - written)
            if n <= 0:
                break
            total = np.maximum(1, np.rint(base[:n] * rng.lognormal(0.0, 0.1, size=n))).astype(np.int64)
            female = rng.binomial(total, share[:n])
            male = total - female
            w.writerows(
                (month_end, mis, name, iso, name, pt, pt, f, m, t, "SYNTHETIC_bench.pdf", "synthetic")
                for (name, iso, mis, pt), f, m, t in zip(
                    prefix[:n], female.tolist(), male.tolist(), total.tolist(), strict=True
                )
            )
            written += n
    return {
        "rows": written,
        "months": MONTHS,
        "first_month": FIRST_MONTH.isoformat(),
        "rows_per_month": per_month,
        "combinations": k_combos,
        "real_combinations": len(real),
        "missions": len({m for _, m, _ in chosen}),
        "countries": len({c for c, _, _ in chosen}),
        "csv_mb": round(out_path.stat().st_size / 1e6, 1),
    }


def recreate_db(name: str) -> str:
    import psycopg

    assert name.startswith("bench_scale_"), "synthetic rows go only to bench_scale_* databases"
    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_BASE}/{name}"


def run_manage(url: str, *args: str) -> tuple[float, int, str, str]:
    """Run manage.py in a child process against `url`; returns (seconds, peak RSS of that child in MB, stdout,
    stderr)."""
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    env.pop("CELERY_BROKER_URL", None)
    script = (
        "import resource, runpy, sys; sys.argv = ['manage.py', *sys.argv[1:]];"
        "\ntry:\n    runpy.run_path('manage.py', run_name='__main__')\nfinally:\n"
        "    print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
    )
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    rss = next((int(ln.split()[1]) for ln in out.stderr.splitlines() if ln.startswith("MAXRSS_KB")), 0)
    return seconds, rss // 1024, out.stdout, out.stderr


def copy_floor(url: str, path: Path) -> float:
    """Bare COPY of the same CSV into a plain table with no indexes or constraints (dropped afterwards)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS plain_floor")
        conn.execute(PLAIN_TABLE)
        started = time.perf_counter()
        with conn.cursor() as cur, cur.copy("COPY plain_floor FROM STDIN (FORMAT csv, HEADER true)") as cp:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    cp.write(chunk)
        seconds = time.perf_counter() - started
        conn.execute("DROP TABLE plain_floor")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", default="", help="bench database (default bench_scale_<1m|10m|…>)")
    parser.add_argument("--keep-csv", action="store_true", help="leave the CSV in the temp dir and print its path")
    parser.add_argument("--no-import", action="store_true", help="only write the CSV")
    args = parser.parse_args()
    label = f"{args.rows // 1_000_000}m" if args.rows % 1_000_000 == 0 else f"{args.rows // 1000}k"
    db = args.db or f"bench_scale_{label}"
    tmp = Path(tempfile.mkdtemp(prefix="bench_synthetic_"))
    path = tmp / f"synthetic_{label}.csv"
    result: dict = {"database": db, "machine_start": machine()}
    started = time.perf_counter()
    result["generated"] = generate(args.rows, path)
    result["generate_seconds"] = round(time.perf_counter() - started, 1)
    print(f"wrote {path} ({result['generated']['rows']:,} rows) in {result['generate_seconds']} s", flush=True)
    if not args.no_import:
        url = recreate_db(db)
        mig_s, *_ = run_manage(url, "migrate", "--verbosity", "0")
        load_before = round(os.getloadavg()[0], 2)
        imp_s, rss_mb, stdout, stderr = run_manage(url, "import_contributions", str(path))
        load_after = round(os.getloadavg()[0], 2)
        floor_s = copy_floor(url, path)
        rows = result["generated"]["rows"]
        result["import"] = {
            "command": f"DATABASE_URL={url} .venv/bin/python manage.py import_contributions {path.name}",
            "seconds": round(imp_s, 1),
            "rows_per_second": round(rows / imp_s),
            "peak_rss_mb": rss_mb,
            "load_avg_1min_before_after": [load_before, load_after],
            "report": stdout.strip().splitlines()[:6],
            # Steps the import reports on stderr besides its progress (index rebuild, monthly summary refresh).
            "steps": [ln.strip() for ln in stderr.splitlines() if "…" not in ln and "MAXRSS" not in ln][:8],
        }
        result["floor"] = {
            "what": "COPY FROM STDIN (FORMAT csv) into a plain table, no indexes",
            "seconds": round(floor_s, 2),
            "rows_per_second": round(rows / floor_s),
            "load_avg_1min": round(os.getloadavg()[0], 2),
        }
        result["ratio_import_to_floor"] = round(imp_s / floor_s, 2)
        result["migrate_seconds"] = round(mig_s, 1)
        print(
            f"import_contributions: {rows:,} rows in {imp_s:.1f} s = {rows / imp_s:,.0f} rows/s "
            f"(peak RSS {rss_mb} MB); COPY floor {floor_s:.2f} s = {rows / floor_s:,.0f} rows/s; "
            f"ratio {imp_s / floor_s:.1f}x; load {load_before} → {load_after}"
        )
    result["machine_end"] = machine()
    out = REPO / "bench" / "results" / f"synthetic_{label}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    if args.keep_csv:
        print(f"CSV kept: {path}")
    else:
        path.unlink()
        tmp.rmdir()
    print(f"→ {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
