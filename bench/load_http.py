"""HTTP load: gunicorn (2 sync workers, config.wsgi) + PostgreSQL (real snapshot) + a shared cache, driven by wrk.

Production-like settings: DJANGO_DEBUG=0 with a generated secret key, ALLOWED_HOSTS=127.0.0.1, no SSL redirect,
and the cache given by --cache: Redis (CACHE_URL=redis://127.0.0.1:6379/3 by default) or "file" (the file
cache in a fresh temporary directory, as a local install without CACHE_URL uses). For each URL and each
connection count: the cache is emptied, then wrk runs --duration seconds ("cold": the first requests of the run
build the cached pages, all connections at once), then again without emptying it ("warm"); then a warm run whose
requests carry the page's ETag in If-None-Match ("304": what revalidating clients cost). Also the very first
request after emptying the cache, alone (curl-like). The API throttle is raised (API_THROTTLE_ANON, per second so
that its history list stays as short as with the shipped 600/min; API_THROTTLE_USER too, since DRF's user throttle
also counts anonymous clients by address) so that the figures measure capacity; one extra
run at the largest connection count keeps the shipped default (600/min per IP) to show what a single busy client
gets. RESPONSE_CACHE_VERSION_SECONDS and RESPONSE_CACHE_SECONDS pass through from the environment.

    .venv/bin/python bench/load_http.py [--db bench_scale_real] [--duration 30] [--conns 10,50]
                                        [--cache redis://127.0.0.1:6379/3 | file] [--out load_http.json]

Needs wrk (apt-get install -y wrk) and, for --cache redis://…, Redis. Migrates and loads the snapshot if the
database is empty. → table on stdout, JSON in bench/results/<out>. Goal: p99 < 500 ms at 50 connections with
0 errors (non-2xx/3xx responses + socket errors).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
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
PATHS = ["/", "/countries/VNM/", "/api/v1/series/?category=military_contingents"]
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
    socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
    return {
        "requests": int(total.group(1)) if total else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": to_ms(lat.get("50", "")),
        "p90_ms": to_ms(lat.get("90", "")),
        "p99_ms": to_ms(lat.get("99", "")),
        "non_2xx_3xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": socket_errors,
        "socket_detail": dict(zip(["connect", "read", "write", "timeout"], map(int, sock.groups()), strict=True))
        if sock
        else {},
    }


def cache_flush(cache: str) -> None:
    """Empty the cache the server uses: the Redis db, or every entry of the file cache's directory."""
    if cache.startswith("redis://"):
        import redis

        redis.Redis.from_url(cache).flushdb()
        return
    for entry in Path(cache).glob("*.djcache"):
        entry.unlink(missing_ok=True)


def first_request(url: str) -> tuple[int, float, str | None]:
    t = time.perf_counter()
    etag = None
    try:
        with urllib.request.urlopen(url, timeout=60) as r:  # noqa: S310 - loopback only
            r.read()
            status = r.status
            etag = r.headers.get("ETag")
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, round((time.perf_counter() - t) * 1000, 1), etag


def wrk(url: str, conns: int, duration: int, headers: tuple[str, ...] = ()) -> dict:
    load_before = os.getloadavg()[0]
    extra = [arg for h in headers for arg in ("-H", h)]
    out = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t",
            str(min(conns, 2)),
            "-c",
            str(conns),
            "-d",
            f"{duration}s",
            "--timeout",
            "10s",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    res = parse_wrk(out.stdout)
    res["load_avg_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="bench_scale_real")
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--conns", default="10,50")
    parser.add_argument("--cache", default=REDIS_URL, help="redis://host:port/db, or file")
    parser.add_argument("--out", default="load_http.json")
    args = parser.parse_args()
    assert args.db.startswith("bench_scale_"), "bench databases only"
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
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
    }
    env.pop("CELERY_BROKER_URL", None)
    cache_dir = None
    if args.cache == "file":
        cache_dir = tempfile.mkdtemp(prefix="bench-load-http-cache-")
        env.pop("CACHE_URL", None)
        env["CACHE_DIR"] = cache = cache_dir
    else:
        env["CACHE_URL"] = cache = args.cache
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v", "0"], cwd=REPO, env=env, check=True)
    subprocess.run([py, "manage.py", "load_snapshot"], cwd=REPO, env=env, check=True, capture_output=True)
    gunicorn = str(Path(py).with_name("gunicorn"))
    base = f"http://127.0.0.1:{PORT}"
    conns = [int(c) for c in args.conns.split(",")]
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "gunicorn.log"

        def start(throttle: str) -> subprocess.Popen:
            proc = subprocess.Popen(
                [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", "2", "--error-logfile", str(log)],
                cwd=REPO,
                # UserThrottle also keys anonymous clients by address: its rate (3,000/min) is raised alongside.
                env={
                    **env,
                    "API_THROTTLE_ANON": throttle,
                    "API_THROTTLE_USER": throttle if "/s" in throttle else "3000/min",
                },
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/api/v1/personnel-types/", timeout=5).read()  # noqa: S310
                    return proc
                except urllib.error.HTTPError:
                    return proc  # answering (e.g. 429 from the throttle): up
                except Exception:  # noqa: BLE001 - not up yet
                    time.sleep(0.2)
            proc.kill()
            sys.exit(f"gunicorn did not start:\n{log.read_text()[-2000:]}")

        def stop(proc: subprocess.Popen) -> None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)

        raised = "100000000/s"
        proc = start(raised)
        try:
            for path in PATHS:
                # Cold = nothing cached anywhere: the shared cache emptied and fresh workers (each process keeps
                # its own copies of recent entries), as right after an import changed the data version.
                stop(proc)
                cache_flush(cache)
                proc = start(raised)
                status, first_ms, etag = first_request(base + path)
                assert status == 200, (path, status)
                for c in conns:
                    for phase in ("cold", "warm", "304"):
                        if phase == "cold":
                            stop(proc)
                            cache_flush(cache)
                            proc = start(raised)
                        if phase == "304" and (not etag or c != max(conns)):
                            continue
                        headers = (f"If-None-Match: {etag}",) if phase == "304" else ()
                        r = wrk(base + path, c, args.duration, headers)
                        r.update(path=path, conns=c, phase=phase, throttle="raised", first_request_ms=first_ms)
                        runs.append(r)
                        print(
                            f"  {path} c={c} {phase}: {r['rps']} req/s p50 {r['p50_ms']} p99 {r['p99_ms']} ms "
                            f"load {r['load_avg_1min']}",
                            file=sys.stderr,
                        )
        finally:
            stop(proc)
        cache_flush(cache)  # throttle counters of the raised run would otherwise count against the default rate
        proc = start(os.environ.get("API_THROTTLE_ANON", "600/min"))
        try:
            path = PATHS[2]
            r = wrk(base + path, max(conns), min(args.duration, 10))
            r.update(path=path, conns=max(conns), phase="warm", throttle="default 600/min", first_request_ms=None)
            runs.append(r)
        finally:
            stop(proc)
        errors_logged = [ln for ln in log.read_text().splitlines() if "ERROR" in ln or "Traceback" in ln][:20]
    if cache_dir:
        shutil.rmtree(cache_dir, ignore_errors=True)

    print(
        f"{'path':48} {'conns':>5} {'phase':5} {'throttle':16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'non2xx':>7} {'sockerr':>7} {'load':>5}"
    )
    for r in runs:
        print(
            f"{r['path']:48} {r['conns']:>5} {r['phase']:5} {r['throttle']:16} {r['rps']:>8} {r['p50_ms']:>8} "
            f"{r['p99_ms']:>8} {r['non_2xx_3xx']:>7} {r['socket_errors']:>7} {r['load_avg_1min'][1]:>5}"
        )
    at_max = [r for r in runs if r["conns"] == max(conns) and r["throttle"] == "raised"]
    verdict = {
        "goal": f"p99 < {GOAL_P99_MS} ms at {max(conns)} connections, 0 errors",
        "met_warm": all(
            r["p99_ms"] < GOAL_P99_MS and not r["non_2xx_3xx"] + r["socket_errors"]
            for r in at_max
            if r["phase"] == "warm"
        ),
        "met_cold": all(
            r["p99_ms"] < GOAL_P99_MS and not r["non_2xx_3xx"] + r["socket_errors"]
            for r in at_max
            if r["phase"] == "cold"
        ),
    }
    print(verdict)
    payload = {
        "machine": _pg.machine(note="wrk, gunicorn, PostgreSQL and Redis share the same CPUs"),
        "setup": "gunicorn config.wsgi --workers 2 (sync); PostgreSQL real snapshot; DEBUG=0",
        "cache": "file (temporary CACHE_DIR)" if cache_dir else args.cache,
        "response_cache": {
            name: os.environ.get(name, "default")
            for name in ("RESPONSE_CACHE_SECONDS", "RESPONSE_CACHE_VERSION_SECONDS")
        },
        "throttle_raised": "100000000/s",
        "duration_s": args.duration,
        "verdict": verdict,
        "runs": runs,
        "gunicorn_errors": errors_logged,
    }
    out = REPO / "bench" / "results" / args.out
    out.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"→ {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
