"""Dashboard page timings on the configured database: cold (empty cache), warm, HTML size and query count.

Three cases per page: cold (cache emptied: every aggregate runs), warm (the stored whole response: the data-version
probe and one cache read), and "rendered" (the payload is cached but the page is rendered again, as every warm
request did before whole-response caching: the same URL with a fresh, ignored ?sort= value each time).

Run: DATABASE_URL=... .venv/bin/python bench/dashboards_pages.py  → table on stdout, JSON in
bench/results/dashboards_pages.json (SQLite) or dashboards_pages_postgresql.json (PostgreSQL).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from apps.core import response_cache  # noqa: E402
from apps.dashboards.views.common import forget_local_payloads  # noqa: E402
from apps.deployments.models import Contribution  # noqa: E402

PAGES = ["/", "/countries/VNM/", "/countries/IND/", "/missions/UNMISS/", "/rankings/", "/?country=VNM&start=2020-01"]
WARM_RUNS = 5


def main() -> None:
    client = Client()
    client.get("/rankings/")  # import plotly and compile templates outside the measurement
    load_before = os.getloadavg()[0]
    results = []
    for url in PAGES:
        cache.clear()
        response_cache.forget_process_state()  # the reused data version and this process's copies of pages
        forget_local_payloads()  # and this process's copies of the pages' payloads
        with CaptureQueriesContext(connection) as cold_q:
            t = time.perf_counter()
            response = client.get(url)
            cold = time.perf_counter() - t
        warm = []
        for _ in range(WARM_RUNS):
            with CaptureQueriesContext(connection) as warm_q:
                t = time.perf_counter()
                client.get(url)
                warm.append(time.perf_counter() - t)
        rendered = []
        for i in range(WARM_RUNS):
            sep = "&" if "?" in url else "?"
            with CaptureQueriesContext(connection) as rendered_q:
                t = time.perf_counter()
                again = client.get(f"{url}{sep}sort=bench{i}")
                rendered.append(time.perf_counter() - t)
            assert again.status_code == response.status_code, (url, again.status_code)
        results.append(
            {
                "url": url,
                "status": response.status_code,
                "html_kb": round(len(response.content) / 1024, 1),
                "cold_ms": round(cold * 1000),
                "cold_queries": len(cold_q),
                "warm_median_ms": round(statistics.median(warm) * 1000, 1),
                "warm_queries": len(warm_q),
                "rendered_median_ms": round(statistics.median(rendered) * 1000, 1),
                "rendered_queries": len(rendered_q),
            }
        )
    meta = {
        "database": connection.vendor,
        "contributions": Contribution.objects.count(),
        "warm_runs": WARM_RUNS,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "response_cache_version_seconds": settings.RESPONSE_CACHE_VERSION_SECONDS,
        "load_avg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print(
        f"database={meta['database']} contributions={meta['contributions']:,} cache={meta['cache']} "
        f"load={meta['load_avg_1min']}"
    )
    print(
        f"{'url':32} {'status':>6} {'HTML KB':>8} {'cold ms':>8} {'cold q':>7} {'warm ms':>8} {'warm q':>7} "
        f"{'render ms':>9} {'render q':>8}"
    )
    for r in results:
        print(
            f"{r['url']:32} {r['status']:>6} {r['html_kb']:>8} {r['cold_ms']:>8} {r['cold_queries']:>7} "
            f"{r['warm_median_ms']:>8} {r['warm_queries']:>7} {r['rendered_median_ms']:>9} {r['rendered_queries']:>8}"
        )
    name = "dashboards_pages_postgresql.json" if connection.vendor == "postgresql" else "dashboards_pages.json"
    out = ROOT / "bench" / "results" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"meta": meta, "pages": results}, indent=2))


if __name__ == "__main__":
    main()
