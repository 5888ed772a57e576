"""Dry-run throughput (articles/s, one process): the dev corpus repeated to >= 5,000 articles, distinct URLs, and a
batch in which every text is distinct (near-copies of the dev and new sets, one word in ~30 changed).

    .venv/bin/python bench/ingest_dry_run.py                                   # this checkout, label "after"
    .venv/bin/python bench/ingest_dry_run.py --repo /tmp/before --label before # another checkout, same script

Wall time (the issue's measure) and CPU time (time.process_time: steadier on a shared machine) are both recorded;
the run is merged under its label into bench/results/ingest_dry_run.json with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PEACEKEEPING_SHARED", REPO.parent / "shared")) / "corpus" / "dev.jsonl"
TARGET = int(os.environ.get("BENCH_ARTICLES", "5000"))
DISTINCT = int(os.environ.get("BENCH_DISTINCT", "1000"))


def _timed(fn, *args):
    w, c = time.perf_counter(), time.process_time()
    out = fn(*args)
    return out, time.perf_counter() - w, time.process_time() - c


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout whose pipeline runs (default: this one)")
    parser.add_argument("--label", default="after")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.repo.resolve()))
    from apps.ingest.pipeline import batch
    from apps.ingest.pipeline.readers import read_inputs

    sys.path.insert(1, str(REPO / "bench"))
    from dedupe_batch_growth import near_copies

    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    copies = -(-TARGET // len(records))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for n in range(copies):
                for rec in records:
                    fh.write(json.dumps({**rec, "id": f"{rec['id']}-{n}", "url": f"{rec['url']}#copy-{n}"}) + "\n")
        raws = list(read_inputs([str(path)]))
        near = Path(tmp) / "near.jsonl"
        near.write_text("".join(json.dumps(r) + "\n" for r in near_copies(DISTINCT)), encoding="utf-8")
        distinct = list(read_inputs([str(near)]))

    def fresh() -> None:
        # A checkout that caches per-text work must not carry it from one measurement into the next.
        cached = getattr(batch, "_text_side", None)
        if cached is not None:
            cached.cache_clear()

    # Per-article pipeline alone (clean, date, language, fingerprints, figures) ...
    sample = raws[: len(records) * 20]
    fresh()
    _, per_article, _ = _timed(lambda rs: [batch.process_article(r) for r in rs], sample)
    # ... the whole dry run, which also groups the batch into stories ...
    fresh()
    out, total, total_cpu = _timed(batch.dry_run, raws)
    # ... and the whole dry run over texts that are all different (no copy to share work with).
    fresh()
    out_d, total_d, total_d_cpu = _timed(batch.dry_run, distinct)
    n, nd = len(out["articles"]), len(out_d["articles"])
    result = {
        "articles": n,
        "distinct_texts": len(records),
        "stories": len({a["story"] for a in out["articles"] if a["story"]}),
        "dry_run_seconds": round(total, 2),
        "dry_run_articles_per_s": round(n / total, 1),
        "dry_run_articles_per_cpu_s": round(n / total_cpu, 1),
        "process_article_only_articles_per_s": round(len(sample) / per_article, 1),
        "figures": sum(len(a["figures"]) for a in out["articles"]),
        "all_distinct_articles": nd,
        "all_distinct_articles_per_s": round(nd / total_d, 1),
        "all_distinct_articles_per_cpu_s": round(nd / total_d_cpu, 1),
        "all_distinct_stories": len({a["story"] for a in out_d["articles"] if a["story"]}),
    }
    print(f"{args.label} ({args.repo})")
    print(f"{'measure':40} {'value':>12}")
    for key, value in result.items():
        print(f"{key:40} {value:>12}")
    sys.path.insert(0, str(REPO))
    from bench._pg import machine

    path = REPO / "bench" / "results" / "ingest_dry_run.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    if "articles" in stored:  # the file held one unlabelled run before runs were labelled
        stored = {"earlier": stored}
    stored.setdefault(args.label, {"runs": []})["runs"].append({**result, "machine": machine()})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stored, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
