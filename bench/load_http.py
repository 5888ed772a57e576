"""HTTP load on the dashboard pages with the whole-response cache off, driven by wrk; code trees side by side.

gunicorn started exactly as in production (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`: gthread, 2 workers x
4 threads) from each code tree given with --tree (e.g. the commit before a change checked out in a git worktree),
PostgreSQL with the real snapshot, DEBUG off, Redis cache. RESPONSE_CACHE_SECONDS=0 unless the environment says
otherwise: no page is stored whole, so every request runs the view and renders its template (the per-version
payload of aggregates stays cached, as it does between two imports in production).

For each round, tree, path and connection count: "cold" = the cache emptied and gunicorn restarted just before
(the first requests of the run build the payloads, all connections at once), then "warm" = the run right after.
Trees alternate within a round, so both see the same machine load; run several rounds and compare medians.

    RESPONSE_CACHE_SECONDS=0 .venv/bin/python bench/load_http.py --db bench_b1 \
        --tree after=. --tree before=/tmp/b1-before [--paths /,/countries/VNM/,/rankings/] \
        [--conns 50] [--duration 20] [--rounds 3] [--out load_http_pages.json]

Needs wrk (apt-get install -y wrk) and Redis. Migrates and loads the snapshot if the database is empty. → table on
stdout, JSON in bench/results/<out>. Goal (issue 19): p99 < 500 ms at 50 connections, 0 errors, cache off.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import _pg  # bench/ is on sys.path: the scripts run as bench/<name>.py

REPO = Path(__file__).resolve().parents[1]
PG_BASE = os.environ.get("BENCH_PG_BASE", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = "redis://127.0.0.1:6379/3"  # db 15 is the test broker's
PORT = int(os.environ.get("BENCH_HTTP_PORT", "8765"))
PATHS = "/,/countries/VNM/,/rankings/"
GOAL_P99_MS = 500


def to_ms(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not m:
        return float("nan")
    n, unit = float(m.group(1)), m.group(2)
    return round(n * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit], 2)


def parse_wrk(text: str) -> dict:
    lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
    total = re.search(r"(\d+) requests in", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    return {
        "requests": int(total.group(1)) if total else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": to_ms(lat.get("50", "")),
        "p90_ms": to_ms(lat.get("90", "")),
        "p99_ms": to_ms(lat.get("99", "")),
        "non_2xx_3xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(x) for x in sock.groups()) if sock else 0,
    }


def wrk(url: str, conns: int, duration: int) -> dict:
    load_before = os.getloadavg()[0]
    cmd = ["wrk", "--latency", "-t", str(min(conns, 2)), "-c", str(conns), "-d", f"{duration}s", "--timeout", "10s"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True)
    res = parse_wrk(out.stdout)
    res["load_avg_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return res


def cache_flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


class Server:
    """gunicorn from one code tree, with the project's production config."""

    def __init__(self, tree: Path, env: dict[str, str], log: Path):
        self.tree, self.env, self.log, self.proc = tree, env, log, None

    def start(self) -> None:
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.proc = subprocess.Popen(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "config.wsgi", "--error-logfile", str(self.log)],
            cwd=self.tree,
            env={**self.env, "WEB_BIND": f"127.0.0.1:{PORT}", "PYTHONPATH": str(self.tree)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench-probe-404", timeout=5).read()  # noqa: S310
                return
            except urllib.error.HTTPError:
                return  # answering (404 from Django)
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn did not start in {self.tree}:\n{self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)
            self.proc = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="bench_scale_real")
    parser.add_argument("--tree", action="append", default=[], help="label=path of a code tree (repeatable)")
    parser.add_argument("--paths", default=PATHS)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--conns", default="50")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--cache", default=REDIS_URL, help="redis://host:port/db")
    parser.add_argument("--out", default="load_http_pages.json")
    args = parser.parse_args()
    assert args.db.startswith("bench_"), "bench databases only"
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    trees = dict(t.split("=", 1) for t in args.tree) or {"this": str(REPO)}
    trees = {label: Path(path).resolve() for label, path in trees.items()}
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db]).fetchone():
            conn.execute(f'CREATE DATABASE "{args.db}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG_BASE}/{args.db}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "CACHE_URL": args.cache,
        "RESPONSE_CACHE_SECONDS": os.environ.get("RESPONSE_CACHE_SECONDS", "0"),
    }
    env.pop("CELERY_BROKER_URL", None)
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v", "0"], cwd=REPO, env=env, check=True)
    subprocess.run([py, "manage.py", "load_snapshot"], cwd=REPO, env=env, check=True, capture_output=True)
    paths = args.paths.split(",")
    conns = [int(c) for c in args.conns.split(",")]
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for rnd in range(args.rounds):
            for path in paths:
                for c in conns:
                    # Alternate the trees' order between rounds so neither always runs first.
                    order = list(trees.items()) if rnd % 2 == 0 else list(reversed(trees.items()))
                    for label, tree in order:
                        server = Server(tree, env, Path(tmp) / f"{label}.log")
                        cache_flush(args.cache)
                        server.start()
                        try:
                            for phase in ("cold", "warm"):
                                r = wrk(f"http://127.0.0.1:{PORT}{path}", c, args.duration)
                                r.update(tree=label, round=rnd + 1, path=path, conns=c, phase=phase)
                                runs.append(r)
                                print(
                                    f"  round {rnd + 1} {label:7} {path} c={c} {phase}: {r['rps']} req/s "
                                    f"p50 {r['p50_ms']} p99 {r['p99_ms']} ms errors "
                                    f"{r['non_2xx_3xx'] + r['socket_errors']} load {r['load_avg_1min']}",
                                    file=sys.stderr,
                                )
                        finally:
                            server.stop()
        errors_logged = {
            label: [ln for ln in (Path(tmp) / f"{label}.log").read_text().splitlines() if "Traceback" in ln][:10]
            for label in trees
        }
    summary = []
    for label in trees:
        for path in paths:
            for c in conns:
                for phase in ("cold", "warm"):
                    own = [r for r in runs if (r["tree"], r["path"], r["conns"], r["phase"]) == (label, path, c, phase)]
                    summary.append(
                        {
                            "tree": label,
                            "path": path,
                            "conns": c,
                            "phase": phase,
                            "rounds": len(own),
                            "rps_median": round(statistics.median(r["rps"] for r in own), 1),
                            "p50_ms_median": round(statistics.median(r["p50_ms"] for r in own), 1),
                            "p99_ms_median": round(statistics.median(r["p99_ms"] for r in own), 1),
                            "p99_ms_all": [r["p99_ms"] for r in own],
                            "errors": sum(r["non_2xx_3xx"] + r["socket_errors"] for r in own),
                            "load_range": [
                                min(r["load_avg_1min"][0] for r in own),
                                max(r["load_avg_1min"][1] for r in own),
                            ],
                        }
                    )
    print(f"{'tree':8} {'path':18} {'conns':>5} {'phase':5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'err':>5} load")
    for s in summary:
        print(
            f"{s['tree']:8} {s['path']:18} {s['conns']:>5} {s['phase']:5} {s['rps_median']:>8} "
            f"{s['p50_ms_median']:>8} {s['p99_ms_median']:>8} {s['errors']:>5} {s['load_range']}"
        )
    payload = {
        "machine": _pg.machine(note="wrk, gunicorn, PostgreSQL and Redis share the same CPUs"),
        "setup": "gunicorn -c deploy/gunicorn.conf.py config.wsgi (gthread 2x4); PostgreSQL real snapshot; DEBUG=0",
        "database": args.db,
        "cache": args.cache,
        "response_cache": {
            "RESPONSE_CACHE_SECONDS": env["RESPONSE_CACHE_SECONDS"],
            "RESPONSE_CACHE_VERSION_SECONDS": os.environ.get("RESPONSE_CACHE_VERSION_SECONDS", "default"),
        },
        "trees": {label: str(tree) for label, tree in trees.items()},
        "duration_s": args.duration,
        "goal": f"p99 < {GOAL_P99_MS} ms at {max(conns)} connections, 0 errors",
        "summary": summary,
        "runs": runs,
        "gunicorn_tracebacks": errors_logged,
    }
    out = REPO / "bench" / "results" / args.out
    out.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"→ {out}")


if __name__ == "__main__":
    main()
