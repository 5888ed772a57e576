"""Dashboard page timings on the configured database: cold (empty cache) and warm, HTML size and query count.

Run: DATABASE_URL=... .venv/bin/python bench/dashboards_pages.py  → table on stdout, JSON in bench/results/.
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

from apps.deployments.models import Contribution  # noqa: E402

PAGES = ["/", "/countries/VNM/", "/countries/IND/", "/missions/UNMISS/", "/rankings/", "/?country=VNM&start=2020-01"]
WARM_RUNS = 5


def main() -> None:
    client = Client()
    client.get("/rankings/")  # import plotly and compile templates outside the measurement
    results = []
    for url in PAGES:
        cache.clear()
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
        results.append(
            {
                "url": url,
                "status": response.status_code,
                "html_kb": round(len(response.content) / 1024, 1),
                "cold_ms": round(cold * 1000),
                "cold_queries": len(cold_q),
                "warm_median_ms": round(statistics.median(warm) * 1000),
                "warm_queries": len(warm_q),
            }
        )
    meta = {
        "database": connection.vendor,
        "contributions": Contribution.objects.count(),
        "warm_runs": WARM_RUNS,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    }
    print(f"database={meta['database']} contributions={meta['contributions']:,} cache={meta['cache']}")
    print(f"{'url':32} {'status':>6} {'HTML KB':>8} {'cold ms':>8} {'cold q':>7} {'warm ms':>8} {'warm q':>7}")
    for r in results:
        print(
            f"{r['url']:32} {r['status']:>6} {r['html_kb']:>8} {r['cold_ms']:>8} {r['cold_queries']:>7} "
            f"{r['warm_median_ms']:>8} {r['warm_queries']:>7}"
        )
    out = ROOT / "bench" / "results" / "dashboards_pages.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"meta": meta, "pages": results}, indent=2))


if __name__ == "__main__":
    main()
