"""Near-duplicate lookup cost as the stored collection grows 1k -> 10k -> 100k articles (PostgreSQL).

Synthetic articles (random MinHash signatures, dates spread over 2009-2025) are inserted in bulk, inside
PostgreSQL, with their band rows; then new articles are looked up the way article_process does: candidates sharing a bucket
(one indexed query), then verification of each candidate's signatures.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import _pg  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
PROBES = int(os.environ.get("BENCH_PROBES", "300"))
START = dt.date(2009, 11, 1)
DAYS = (dt.date(2025, 7, 31) - START).days
rng = random.Random(7)


def grow(to: int, have: int) -> None:
    """Insert articles have+1..to with their stories and band rows, generated inside PostgreSQL (fast)."""
    from django.db import connection, transaction

    # Random keys are what real MinHash band keys look like: unrelated articles practically never share one;
    # only the date buckets (p:YYYY-MM-DD) are shared, by every article of a day.
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "INSERT INTO ingest_story (id, title, best_date_source, created_at) "
            "SELECT g, 's' || g, '', now() FROM generate_series(%s, %s) g",
            [have + 1, to],
        )
        cur.execute(
            """
            INSERT INTO ingest_article (id, url, content_hash, outlet, title, published, published_from,
                published_raw, origin, raw_content, raw_is_html, clean_text, language, is_relevant, status, error,
                attempts, pipeline_version, story_id, submitted_via, signature, created_at, updated_at)
            SELECT g, NULL, md5(g || 'a') || md5(g || 'b'), '', '', date '2009-11-01' + (random() * %s)::int, '',
                '', '', '', false, '', 'en', true, 'processed', '', 1, 'bench', g, 'command',
                jsonb_build_object(
                    'minhash', (SELECT jsonb_agg((random() * 4294967295)::bigint) FROM generate_series(1, 128) s
                                WHERE g > 0),
                    'salient', (SELECT jsonb_agg((random() * 4294967295)::bigint) FROM generate_series(1, 64) s
                                WHERE g > 0),
                    'counts', jsonb_build_array((random() * 2000)::int + 10),
                    'hash', md5(g || 'a') || md5(g || 'b')),
                now(), now()
            FROM generate_series(%s, %s) g
            """,
            [DAYS, have + 1, to],
        )
        cur.execute(
            """
            INSERT INTO ingest_articleband (article_id, key)
            SELECT a.id, k.key FROM ingest_article a CROSS JOIN LATERAL (
                SELECT p || lpad(i::text, 2, '0') || ':' || left(md5(random()::text || a.id), 16) AS key
                FROM generate_series(0, 31) i, (VALUES ('b'), ('s')) v(p)
                UNION ALL SELECT 'p:' || a.published
                UNION ALL SELECT left('h:' || a.content_hash, 64)
            ) k WHERE a.id BETWEEN %s AND %s
            """,
            [have + 1, to],
        )
        cur.execute("SELECT setval('ingest_story_id_seq', %s), setval('ingest_article_id_seq', %s)", [to, to])
    with connection.cursor() as cur:
        cur.execute("ANALYZE ingest_articleband; ANALYZE ingest_article")


def probe(size: int) -> dict:
    """Look up PROBES new articles: a third are near-copies of stored ones, the rest new stories."""
    from apps.ingest import selectors
    from apps.ingest.models import Article, ArticleBand
    from apps.ingest.pipeline import dedupe

    query_ms, verify_ms, cands, found, copies = [], [], [], 0, 0
    for i in range(PROBES):
        if i % 3 == 0:
            copies += 1
            orig = Article.objects.only("signature", "published").get(pk=rng.randint(1, size))
            sig = near_copy(orig.signature)
            pub = orig.published
            keys = list(ArticleBand.objects.filter(article=orig).values_list("key", flat=True))
            # A copy at Jaccard ~0.8 shares ~0.8^4 = 41% of the text bands and every salient band.
            keys = [k for k in keys if not k.startswith("b") or rng.random() < 0.41 and not k.startswith("h")]
            keys = [k for k in keys if not k.startswith("h:")] + [
                f"p:{pub + dt.timedelta(days=d)}" for d in (-2, -1, 1, 2)
            ]
        else:
            sig = {
                "minhash": [rng.getrandbits(32) for _ in range(128)],
                "salient": [rng.getrandbits(32) for _ in range(64)],
                "counts": [rng.randrange(10, 2000)],
                "hash": f"{rng.getrandbits(256):064x}",
            }
            pub = START + dt.timedelta(days=rng.randrange(DAYS))
            keys = dedupe.search_keys(sig, pub)
        t0 = time.perf_counter()
        candidates = selectors.band_candidates(keys=keys)
        t1 = time.perf_counter()
        hits = [
            c for c in candidates if dedupe.is_duplicate(sig, c.signature, published_a=pub, published_b=c.published)
        ]
        t2 = time.perf_counter()
        query_ms.append((t1 - t0) * 1000)
        verify_ms.append((t2 - t1) * 1000)
        cands.append(len(candidates))
        found += bool(hits) and i % 3 == 0
    return {
        "query_ms_median": round(statistics.median(query_ms), 2),
        "query_ms_p95": round(sorted(query_ms)[int(len(query_ms) * 0.95)], 2),
        "verify_ms_median": round(statistics.median(verify_ms), 2),
        "candidates_mean": round(statistics.mean(cands), 1),
        "copies_found": f"{found}/{copies}",
    }


def near_copy(sig: dict) -> dict:
    """A copy with 20% of its text-signature positions changed: Jaccard ~0.8, a near-duplicate."""
    mh = list(sig["minhash"])
    for pos in rng.sample(range(len(mh)), len(mh) // 5):
        mh[pos] = rng.getrandbits(32)
    return {**sig, "minhash": mh, "hash": f"{rng.getrandbits(256):064x}"}


def select1_ms() -> float:
    """One round trip to the server: the floor under every query time (the machine may be busy)."""
    from django.db import connection

    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
            cur.fetchall()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def main() -> int:
    url = _pg.setup()
    from django.db import connection

    from apps.ingest.models import ArticleBand

    _pg.reset_ingest_tables()
    rows = []
    have = 0
    for size in SIZES:
        t0 = time.perf_counter()
        grow(size, have)
        insert_s = time.perf_counter() - t0
        have = size
        stats = probe(size)
        with connection.cursor() as cur:
            cur.execute("SELECT pg_total_relation_size('ingest_articleband')")
            band_mb = cur.fetchone()[0] / 1e6
        rows.append(
            {
                "articles": size,
                "band_rows": ArticleBand.objects.count(),
                "band_table_mb": round(band_mb, 1),
                "insert_s": round(insert_s, 1),
                "select1_ms": select1_ms(),
                **stats,
            }  # fmt: skip
        )
    cols = list(rows[0])
    print(" ".join(f"{c:>16}" for c in cols))
    for r in rows:
        print(" ".join(f"{r[c]!s:>16}" for c in cols))
    base = rows[0]["query_ms_median"] or 1e-9
    growth = {r["articles"]: round(r["query_ms_median"] / base, 2) for r in rows}
    print(f"lookup time relative to {rows[0]['articles']} articles: {growth}")
    _pg.write_result(
        "ingest_dedupe_growth",
        {"database": url.rsplit("@", 1)[-1], "probes_per_size": PROBES, "rows": rows, "relative_query_time": growth},
    )
    _pg.reset_ingest_tables()
    return 0


if __name__ == "__main__":
    sys.exit(main())
