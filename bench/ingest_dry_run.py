"""Dry-run throughput (articles/s, one process): the dev corpus repeated to >= 5,000 articles, distinct URLs."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = Path(os.environ.get("PEACEKEEPING_SHARED", REPO.parent / "shared")) / "corpus" / "dev.jsonl"
TARGET = int(os.environ.get("BENCH_ARTICLES", "5000"))


def main() -> int:
    from apps.ingest.pipeline.batch import dry_run, process_article
    from apps.ingest.pipeline.readers import read_inputs

    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    copies = -(-TARGET // len(records))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for n in range(copies):
                for rec in records:
                    fh.write(json.dumps({**rec, "id": f"{rec['id']}-{n}", "url": f"{rec['url']}#copy-{n}"}) + "\n")
        raws = list(read_inputs([str(path)]))

    # Per-article pipeline alone (clean, date, language, fingerprints, figures) ...
    sample = raws[: len(records) * 20]
    t0 = time.perf_counter()
    for raw in sample:
        process_article(raw)
    per_article = time.perf_counter() - t0

    # ... and the whole dry run, which also groups the batch into stories.
    t0 = time.perf_counter()
    out = dry_run(raws)
    total = time.perf_counter() - t0
    n = len(out["articles"])
    stories = len({a["story"] for a in out["articles"] if a["story"]})
    result = {
        "articles": n,
        "distinct_texts": len(records),
        "stories": stories,
        "dry_run_seconds": round(total, 2),
        "dry_run_articles_per_s": round(n / total, 1),
        "process_article_only_articles_per_s": round(len(sample) / per_article, 1),
        "figures": sum(len(a["figures"]) for a in out["articles"]),
    }
    print(f"{'measure':40} {'value':>12}")
    for key, value in result.items():
        print(f"{key:40} {value:>12}")
    (REPO / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (REPO / "bench" / "results" / "ingest_dry_run.json").write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
