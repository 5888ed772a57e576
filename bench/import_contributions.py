"""Import speed of the UN monthly file against the floor, side by side with an older checkout (PostgreSQL).

The floor is the time PostgreSQL takes to load the same CSV into a plain table with no indexes or constraints:
`COPY … FROM STDIN (FORMAT csv)` from the same process (in-process rows), and `psql -c "\\copy …"` as a whole
process (whole-process rows). Measured, each in a fresh database cloned from a migrated template:

- in process: `services.contributions_import` of the file, first import and re-import (all unchanged), wall clock
  and CPU (this process + its PostgreSQL backend: the machine is shared, CPU moves less with the load);
- whole process: `manage.py import_contributions FILE` (first, re-import), `manage.py load_snapshot`, and
  `manage.py firstrun`, each against `psql \\copy` of the same file(s).

With `--before PATH` (a `git worktree` of an older commit) every round runs the older code then this one, back to
back, DEBUG off; medians over `--rounds`. SQLite: `--sqlite` adds the in-process figures on a temporary file.

    .venv/bin/python bench/import_contributions.py [--before /tmp/before] [--rounds 3] [--pg-url postgres://…/postgres]

Prints a table and writes bench/results/import_contributions.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
DEFAULT_FILE = DATA / "un_dpo_contributions_2015-01_2025-07.csv.gz"
SNAPSHOT = ("ipi_contributions_2009-11_2014-08.csv.gz", "un_dpo_contributions_2015-01_2025-07.csv.gz")
RESULTS = REPO / "bench" / "results" / "import_contributions.json"
PREFIX = os.environ.get("BENCH_PG_DB", "bench_import")
ENV = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench-only-not-secret", "LOG_LEVEL": "WARNING"}


def plain_table(header: bytes, name: str = "plain") -> str:
    columns = [c.strip().decode() for c in header.strip().split(b",")]
    return f"CREATE TABLE {name} ({', '.join(f'{c} text' for c in columns)})"


def header_of(path: Path) -> bytes:
    with gzip.open(path) as fh:
        return fh.readline()


def backend_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child(path: Path) -> None:
    """In a subprocess whose DATABASE_URL is a fresh migrated database and BENCH_REPO the code to run."""
    sys.path.insert(0, os.environ["BENCH_REPO"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    from apps.deployments import services

    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]

    def cpu() -> float:
        return time.process_time() + backend_cpu(pid)

    out: dict = {}
    for label in ("first", "reimport"):
        c0, t0 = cpu(), time.perf_counter()
        summary = services.contributions_import(path=path)
        out[label] = {"seconds": time.perf_counter() - t0, "cpu": cpu() - c0, "created": summary.created}
    out["code"] = services.__file__
    data = gzip.open(path).read()
    raw = connection.connection
    with raw.cursor() as cur:
        cur.execute(plain_table(data[: data.index(b"\n")]))
        raw.commit()
        c0, t0 = cpu(), time.perf_counter()
        with cur.copy("COPY plain FROM STDIN (FORMAT csv, HEADER true)") as copy:
            copy.write(data)
        raw.commit()
        out["floor"] = {"seconds": time.perf_counter() - t0, "cpu": cpu() - c0}
    print(json.dumps(out))


class Postgres:
    def __init__(self, admin_url: str) -> None:
        import psycopg

        self.base = admin_url.rsplit("/", 1)[0]
        self.admin = psycopg.connect(admin_url, autocommit=True)

    def url(self, name: str) -> str:
        return f"{self.base}/{name}"

    def fresh(self, name: str, template: str | None = None) -> str:
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        self.admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop(self, name: str) -> None:
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


CPU: dict[str, float] = {}  # whole-process figure → the command's own CPU seconds (user + system)


def run(cmd: list[str], repo: Path, url: str, *, figure: str = "", **env: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        cmd, cwd=repo, env={**os.environ, **ENV, "DATABASE_URL": url, **env}, check=True, capture_output=True
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if figure:
        CPU[figure] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 3)
    return seconds


def psql_copy(url: str, paths: list[Path]) -> float:
    """One psql process loading each file into a plain table of its own (the whole-process floor)."""
    script = []
    for i, path in enumerate(paths):
        script.append(plain_table(header_of(path), f"plain{i}") + ";")
        script.append(f"\\copy plain{i} FROM PROGRAM 'gzip -dc {path}' WITH (FORMAT csv, HEADER true)")
    started = time.perf_counter()
    subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=1"], input="\n".join(script), text=True, check=True)
    return time.perf_counter() - started


def one_round(pg: Postgres, label: str, repo: Path, path: Path, template: str) -> dict:
    python, manage = sys.executable, ["manage.py"]
    db = f"{PREFIX}_{label}"
    url = pg.fresh(db, template)
    out = subprocess.run(
        [python, __file__, "--child", "--file", str(path)],
        env={**os.environ, **ENV, "DATABASE_URL": url, "BENCH_REPO": str(repo)},
        check=True,
        capture_output=True,
        text=True,
        cwd=repo,
    ).stdout
    result = {"in_process": json.loads(out.strip().splitlines()[-1])}
    whole: dict = {}
    url = pg.fresh(db, template)
    whole["import_first"] = run([python, *manage, "import_contributions", str(path)], repo, url, figure="import_first")
    whole["import_reimport"] = run(
        [python, *manage, "import_contributions", str(path)], repo, url, figure="import_reimport"
    )
    whole["floor_psql_copy"] = psql_copy(pg.fresh(db), [path])
    whole["load_snapshot"] = run(
        [python, *manage, "load_snapshot"], repo, pg.fresh(db, template), figure="load_snapshot"
    )
    whole["floor_psql_copy_snapshot"] = psql_copy(pg.fresh(db), [DATA / name for name in SNAPSHOT])
    # firstrun keeps the admin's password in .local-admin beside manage.py: put back as it was afterwards.
    credentials = repo / ".local-admin"
    kept = credentials.read_bytes() if credentials.exists() else None
    try:
        whole["firstrun"] = run(
            [python, *manage, "firstrun", "--username", "bench-admin"],
            repo,
            pg.fresh(db, template),
            figure="firstrun",
            LOCAL_ADMIN_PASSWORD="bench-only-password",
        )
    finally:
        if kept is None:
            credentials.unlink(missing_ok=True)
        else:
            credentials.write_bytes(kept)
    result["whole_process"] = whole
    result["whole_process_client_cpu"] = dict(CPU)
    pg.drop(db)
    return result


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def summarize(rounds: list[dict]) -> dict:
    """Medians of every figure over the rounds, and each one's ratio to its floor."""
    ip = [r["in_process"] for r in rounds]
    wp = [r["whole_process"] for r in rounds]
    s = {
        "in_process": {
            k: {m: median([r[k][m] for r in ip]) for m in ("seconds", "cpu")} for k in ("first", "reimport", "floor")
        },
        "whole_process": {k: median([r[k] for r in wp]) for k in wp[0]},
        "whole_process_client_cpu": {
            k: median([r["whole_process_client_cpu"][k] for r in rounds]) for k in rounds[0]["whole_process_client_cpu"]
        },
    }
    floor = s["in_process"]["floor"]
    for k in ("first", "reimport"):
        s["in_process"][k]["ratio_wall"] = round(s["in_process"][k]["seconds"] / floor["seconds"], 1)
        s["in_process"][k]["ratio_cpu"] = round(s["in_process"][k]["cpu"] / floor["cpu"], 1)
    w = s["whole_process"]
    s["whole_process_ratio"] = {
        "import_first": round(w["import_first"] / w["floor_psql_copy"], 1),
        "import_reimport": round(w["import_reimport"] / w["floor_psql_copy"], 1),
        "load_snapshot": round(w["load_snapshot"] / w["floor_psql_copy_snapshot"], 1),
        "firstrun": round(w["firstrun"] / w["floor_psql_copy_snapshot"], 1),
    }
    return s


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with (git worktree)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.file)
        return
    variants = ([("before", args.before.resolve())] if args.before else []) + [("after", REPO)]
    pg = Postgres(args.pg_url)
    templates = {}
    for label, repo in variants:
        templates[label] = f"{PREFIX}_tpl_{label}"
        url = pg.fresh(templates[label])
        run([sys.executable, "manage.py", "migrate", "--no-input"], repo, url)
    loads, rounds = [], {label: [] for label, _ in variants}
    try:
        for n in range(args.rounds):
            for label, repo in variants:
                loads.append(os.getloadavg()[0])
                rounds[label].append(one_round(pg, label, repo, args.file.resolve(), templates[label]))
                print(f"round {n + 1} {label}: {json.dumps(rounds[label][-1])}", file=sys.stderr)
    finally:
        for name in templates.values():
            pg.drop(name)
    results = {
        "file": args.file.name,
        "rows": sum(1 for _ in gzip.open(args.file)) - 1,
        "rounds": args.rounds,
        "variants": {
            label: {"repo": str(repo), "summary": summarize(rounds[label]), "runs": rounds[label]}
            for label, repo in variants
        },
        "machine": {
            "cpus": os.cpu_count(),
            "load_1min_during": [round(x, 2) for x in loads],
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        },
    }
    print(
        f"{results['file']}: {results['rows']:,} rows; medians of {args.rounds} rounds; 1-min load "
        f"{min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} CPUs"
    )
    print(f"{'':8} {'figure':28} {'wall s':>7} {'floor':>6} {'×':>5} {'cpu s':>6} {'floor':>6} {'×':>5}")
    for label, v in results["variants"].items():
        ip, w, r = v["summary"]["in_process"], v["summary"]["whole_process"], v["summary"]["whole_process_ratio"]
        for k in ("first", "reimport"):
            print(
                f"{label:8} {'in process: ' + k:28} {ip[k]['seconds']:>7.2f} {ip['floor']['seconds']:>6.2f} "
                f"{ip[k]['ratio_wall']:>5.1f} {ip[k]['cpu']:>6.2f} {ip['floor']['cpu']:>6.2f} {ip[k]['ratio_cpu']:>5.1f}"
            )
        for k, floor in (
            ("import_first", "floor_psql_copy"),
            ("import_reimport", "floor_psql_copy"),
            ("load_snapshot", "floor_psql_copy_snapshot"),
            ("firstrun", "floor_psql_copy_snapshot"),
        ):
            print(f"{label:8} {'process: ' + k:28} {w[k]:>7.2f} {w[floor]:>6.2f} {r[k]:>5.1f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    print(f"written {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
