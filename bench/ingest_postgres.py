"""Ingest throughput into PostgreSQL with inline tasks: article_ingest -> article_process for every article.

The dev corpus is repeated with distinct URLs and a distinct first line per copy, so every copy is a new
article (not an exact duplicate) and joins its original's story: the near-duplicate path is exercised too.
"""

from __future__ import annotations

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import _pg  # noqa: E402

COPIES = int(os.environ.get("BENCH_COPIES", "10"))


def main() -> int:
    url = _pg.setup("postgres://postgres@127.0.0.1:5432/bench_ingest_pg")
    from django.db import connection

    from apps.ingest.models import Article, Claim, ClaimSource, Story
    from apps.ingest.services import article_ingest

    _pg.reset_ingest_tables()
    records = [json.loads(line) for line in (_pg.REPO.parent / "shared" / "corpus" / "dev.jsonl").open()]
    batch = [
        {
            **r,
            "url": f"{r['url']}{'&' if '?' in r['url'] else '?'}copy={n}",
            "text": f"Copy {n} of this report.\n{r['text']}",
        }
        for n in range(COPIES)
        for r in records
    ]
    load_start = os.getloadavg()[0]
    t0 = time.perf_counter()
    for rec in batch:
        article_ingest(url=rec["url"], text=rec["text"], title=rec.get("title"), via=Article.Via.COMMAND)
    first = time.perf_counter() - t0
    load_end = os.getloadavg()[0]
    t0 = time.perf_counter()
    for rec in batch:
        article_ingest(url=rec["url"], text=rec["text"], title=rec.get("title"), via=Article.Via.COMMAND)
    again = time.perf_counter() - t0
    statuses = {s: Article.objects.filter(status=s).count() for s in Article.Status.values}
    result = {
        "database": url.rsplit("@", 1)[-1],
        "postgres": connection.pg_version,
        "articles": len(batch),
        "ingest_and_process_s": round(first, 2),
        "articles_per_s": round(len(batch) / first, 2),
        "reingest_same_batch_s": round(again, 2),
        "reingest_articles_per_s": round(len(batch) / again, 1),
        "statuses": statuses,
        "stories": Story.objects.count(),
        "claims": Claim.objects.count(),
        "claim_sources": ClaimSource.objects.count(),
        "load_1min": {"start": round(load_start, 2), "end": round(load_end, 2)},
        "time_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }
    print(f"{'measure':28} value")
    for key, value in result.items():
        print(f"{key:28} {value}")
    _pg.write_result("ingest_postgres", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
