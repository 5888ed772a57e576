"""Curators' desk timings: review queue page, claim accept, reconciliation — at growing queue sizes.

    .venv/bin/python bench/curation_desk.py                 # SQLite (a throwaway test database)
    DATABASE_URL=postgres://... .venv/bin/python bench/curation_desk.py   # creates and drops test_<name>

Prints a table and writes bench/results/curation_desk_<sqlite|postgresql>.json. Wall-clock medians of 5 runs (the machine is shared).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SIZES = (50, 500, 2000)


def _median(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from apps.curation.models import ReportedFigure
        from apps.curation.selectors import reconciliations_for
        from apps.curation.services import claim_accept
        from apps.ingest.models import Claim
        from tests.curation.factories import ArticleFactory, ClaimFactory, ContributionFactory, curator

        user = curator("bench")
        client = Client()
        client.force_login(user)
        for month in range(1, 13):
            ContributionFactory(month=dt.date(2023, month, 1))
        rows = []
        made = 0
        for size in SIZES:
            while made < size:
                ClaimFactory(article=ArticleFactory(outlet=f"Outlet {made % 7}"), confidence=(made % 10) / 10)
                made += 1
            queries: list[str] = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                status = client.get("/admin/ingest/claim/").status_code
            assert status == 200, status
            queue = _median(lambda: client.get("/admin/ingest/claim/"))
            pending = list(Claim.objects.filter(review_state="pending")[:20])
            t0 = time.perf_counter()
            for claim in pending:
                claim_accept(claim=claim, user=user, edits={"as_of": dt.date(2023, 1 + claim.pk % 12, 15)})
            accept = (time.perf_counter() - t0) / len(pending)
            figures = list(
                ReportedFigure.objects.select_related("country", "target_category").prefetch_related("missions")
            )
            recon = _median(lambda figures=figures: reconciliations_for(figures))
            discrepancies = _median(lambda: client.get("/admin/curation/discrepancy/?difference=small"))
            rows.append(
                {
                    "claims": size,
                    "queue_page_ms": round(queue * 1000, 1),
                    "queue_page_queries": len(queries),
                    "accept_ms_per_claim": round(accept * 1000, 1),
                    "figures": len(figures),
                    "reconcile_all_ms": round(recon * 1000, 1),
                    "discrepancy_page_ms": round(discrepancies * 1000, 1),
                }
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    header = list(rows[0])
    print(" | ".join(f"{h:>20}" for h in header))
    for row in rows:
        print(" | ".join(f"{row[h]!s:>20}" for h in header))
    out = ROOT / "bench" / "results" / f"curation_desk_{connection.vendor}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"database": connection.vendor, "rows": rows}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
