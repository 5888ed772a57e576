"""Page weight in Debian's Chromium: JavaScript bytes (raw and on the wire) and when the first chart is drawn.

Starts gunicorn on the shipped snapshot (a SQLite file made once with migrate + load_snapshot), opens each page in a
fresh browser context (empty cache) `--runs` times and takes medians. Two server modes:
  dev   DJANGO_DEBUG=1: static files from the finders, as `make run` serves them
  prod  DJANGO_DEBUG=0 after collectstatic: compressed, hashed names, long cache (whitenoise)
Results are kept per label (e.g. "before" on the commit that served the full plotly.min.js, "after"), so one JSON
holds both sides:

  .venv/bin/python bench/page_weight.py --label after --mode prod
  → table on stdout, bench/results/page_weight.json
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
OUT = ROOT / "bench" / "results" / "page_weight.json"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
PAGES = ["/", "/countries/VNM/", "/missions/UNMISS/", "/rankings/", "/missions/", "/map/"]
# Records when the first Plotly trace appears, from navigation start: the same probe for any version of the pages.
FIRST_CHART_PROBE = """
(() => {
  const probe = () => {
    if (window.__firstChart === undefined && document.querySelector(".js-plotly-plot .trace")) {
      window.__firstChart = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(probe);
  observer.observe(document, { childList: true, subtree: true });
})();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(path: Path, env: dict) -> None:
    if path.exists():
        return
    for cmd in (["migrate", "-v0"], ["load_snapshot"]):
        subprocess.run([str(PY), "manage.py", *cmd], cwd=ROOT, env=env, check=True)


def server_env(args) -> dict:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{args.db}", "DJANGO_SETTINGS_MODULE": "bench.page_weight_settings"}
    if args.mode == "prod":
        env.update(
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY="bench-page-weight-only",  # noqa: S105 - a local benchmark server on 127.0.0.1
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_HSTS_SECONDS="0",
        )
    else:
        env["DJANGO_DEBUG"] = "1"
    return env


def start_server(env: dict, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            str(GUNICORN),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/rankings/", timeout=30).read()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


def measure(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.add_init_script(FIRST_CHART_PROBE)
    scripts: list = []
    page.on("requestfinished", lambda r: scripts.append(r) if r.resource_type == "script" else None)
    page.goto(url, wait_until="load")
    # A page without charts (the missions index) has no first chart: None.
    page.wait_for_function(
        "window.__firstChart !== undefined || !document.querySelector('.chart[data-figure]')", timeout=60000
    )
    first_chart = page.evaluate("window.__firstChart === undefined ? null : window.__firstChart")
    raw = wire = 0
    encodings = {}
    for req in scripts:
        resp = req.response()
        body = resp.body() if resp else b""
        raw += len(body)
        wire += req.sizes()["responseBodySize"]
        name = req.url.rsplit("/", 1)[-1].split("?")[0]
        encodings[name] = resp.headers.get("content-encoding", "identity") if resp else "?"
        cache = resp.headers.get("cache-control", "") if resp else ""
    context.close()
    return {"js_raw": raw, "js_wire": wire, "first_chart_ms": first_chart, "encodings": encodings, "cache": cache}


def median_or_none(values: list) -> int | None:
    present = [v for v in values if v is not None]
    return round(statistics.median(present)) if present else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="e.g. before, after")
    parser.add_argument("--mode", choices=["dev", "prod"], default="prod")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, default=Path("/tmp/page_weight.sqlite3"))
    parser.add_argument("--pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    env = server_env(args)
    prepare_database(args.db, {**os.environ, "DATABASE_URL": f"sqlite:///{args.db}"})
    if args.mode == "prod":
        subprocess.run([str(PY), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = start_server(env, port)
    base = f"http://127.0.0.1:{port}"
    from playwright.sync_api import sync_playwright

    results = []
    load_before = os.getloadavg()[0]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for path in args.pages:
                try:
                    status = urllib.request.urlopen(base + path, timeout=120).status  # fill the page cache
                except urllib.error.HTTPError as exc:
                    print(f"{path}: HTTP {exc.code}, skipped", file=sys.stderr)
                    continue
                runs = [measure(browser, base + path) for _ in range(args.runs)]
                results.append(
                    {
                        "page": path,
                        "status": status,
                        "js_raw_kb": round(statistics.median(r["js_raw"] for r in runs) / 1024, 1),
                        "js_wire_kb": round(statistics.median(r["js_wire"] for r in runs) / 1024, 1),
                        "first_chart_ms": median_or_none([r["first_chart_ms"] for r in runs]),
                        "first_chart_ms_runs": [r["first_chart_ms"] and round(r["first_chart_ms"]) for r in runs],
                        "encodings": runs[-1]["encodings"],
                        "last_script_cache_control": runs[-1]["cache"],
                    }
                )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    meta = {
        "mode": args.mode,
        "runs": args.runs,
        "viewport": "1366x900, fresh context per run (empty cache)",
        "server": "gunicorn 1 worker 4 threads, SQLite snapshot",
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "load_avg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    data = json.loads(OUT.read_text()) if OUT.exists() else {}
    data[f"{args.label}-{args.mode}"] = {"meta": meta, "pages": results}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    print(f"{'run':16} {'page':20} {'JS raw kB':>10} {'JS wire kB':>11} {'first chart ms':>15}  encodings")
    for label, run in sorted(data.items()):
        for r in run["pages"]:
            enc = ", ".join(f"{k}:{v}" for k, v in r["encodings"].items())
            print(
                f"{label:16} {r['page']:20} {r['js_raw_kb']:>10} {r['js_wire_kb']:>11} {r['first_chart_ms'] or '—':>15}  {enc}"
            )


if __name__ == "__main__":
    main()
