"""Throughput of the dry run, stage by stage, in CPU seconds (stable on a busy machine), and text-side snapshots.

    .venv/bin/python bench/pipeline_profile.py /tmp/dev20.jsonl            # per-stage timing and articles/s
    .venv/bin/python bench/pipeline_profile.py --snapshot OUT.json FILES   # text-side outputs, to diff before/after
    BENCH_REPO=/tmp/before .venv/bin/python bench/pipeline_profile.py --label before FILES   # another checkout

"Text side" is everything but the figure extractor: dates, clean, language, hashes, signatures, story grouping.
CPU time (time.process_time) is used rather than wall time because the shared machine's load varies a lot.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("BENCH_REPO") or str(REPO))

from apps.ingest.pipeline import batch, clean, entities  # noqa: E402
from apps.ingest.pipeline.readers import read_inputs  # noqa: E402

TEXT_STAGES = ("find_published", "clean_text", "detect_language", "content_hash", "minhash_signature",
               "salient_signature", "count_numbers", "_story_ids")  # fmt: skip
# Parts of the stages above, timed inside them: (module, function, the stage it belongs to).
SUB_STAGES = (
    (clean, "repair_glue", "clean_text"),
    (entities, "article_country", "extract"),
    (batch, "event_signature", "_story_ids"),
    (batch, "rotation_serial", "_story_ids"),
)


def _timed(name: str, fn, totals: dict[str, float]):
    def inner(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[name] += time.process_time() - t0

    return inner


def profile(paths: list[str], repeat: int) -> dict[str, float]:
    raws = list(read_inputs(paths))
    best: dict[str, float] = {}
    originals = {name: getattr(batch, name) for name in TEXT_STAGES + ("extract",) if getattr(batch, name, None)}
    subs = [(module, name, getattr(module, name)) for module, name, _ in SUB_STAGES]
    for _ in range(repeat):  # the best of several runs: a busy machine only ever adds time
        if hasattr(batch, "_text_side"):  # per-text work is cached: each run starts cold, as a batch does
            batch._text_side.cache_clear()
        totals: dict[str, float] = defaultdict(float)
        for name, fn in originals.items():
            setattr(batch, name, _timed(name, fn, totals))
        for module, name, fn in subs:
            setattr(module, name, _timed(name, fn, totals))
        try:
            t0 = time.process_time()
            batch.dry_run(raws)
            totals["total"] = time.process_time() - t0
        finally:
            for name, fn in originals.items():
                setattr(batch, name, fn)
            for module, name, fn in subs:
                setattr(module, name, fn)
        for name, value in totals.items():
            best[name] = min(best.get(name, value), value)
    totals, total = best, best["total"]
    n = len(raws)
    text = sum(totals[s] for s in TEXT_STAGES)
    print(f"{n} articles, {total:.2f} CPU s: {n / total:.0f} articles/s for the whole dry run")
    print(f"text side {text:.2f} s: {n / text:.0f} articles/s; extractor {totals['extract']:.2f} s")
    for name in TEXT_STAGES + ("extract",):
        print(
            f"  {name:20s} {totals[name]:7.3f} s  {1000 * totals[name] / n:6.2f} ms/article  {totals[name] / total:4.0%}"
        )
        for _, sub, parent in SUB_STAGES:
            if parent == name:
                value = totals.get(sub, 0.0)
                print(
                    f"    of which {sub:15s} {value:7.3f} s  {1000 * value / n:6.2f} ms/article  {value / total:4.0%}"
                )
    rest = total - sum(totals[s] for s in TEXT_STAGES + ("extract",))
    print(f"  {'rest (reading, JSON)':20s} {rest:7.3f} s  {1000 * rest / n:6.2f} ms/article  {rest / total:4.0%}")
    return totals


def snapshot(paths: list[str], out: str) -> None:
    """Everything the text side produces for each article, as JSON (sets sorted), to compare two versions."""
    raws = list(read_inputs(paths))
    processed = [batch.process_article(r) for r in raws]
    stories = batch._story_ids(processed)
    rows = []
    for art, story in zip(processed, stories, strict=True):
        rows.append({
            "source": art.source, "published": str(art.published), "published_from": art.published_from,
            "clean_text": art.clean_text, "removed": art.removed, "language": art.language,
            "content_hash": art.content_hash, "signature": art.signature, "salient": art.salient_signature,
            "counts": sorted(art.counts), "story": story, "error": art.error,
        })  # fmt: skip
    Path(out).write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    print(f"{len(rows)} articles -> {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument(
        "--repeat", type=int, default=3, help="run the dry run this many times; report the best time of each stage"
    )
    parser.add_argument("--snapshot", metavar="OUT", help="write text-side outputs to OUT instead of timing")
    parser.add_argument("--label", help="store the stage times under this label in bench/results/pipeline_profile.json")
    args = parser.parse_args()
    if args.snapshot:
        snapshot(args.paths, args.snapshot)
    else:
        totals = profile(args.paths, args.repeat)
        if args.label:
            sys.path.insert(0, str(REPO))
            from bench._pg import machine

            out = REPO / "bench" / "results" / "pipeline_profile.json"
            stored = json.loads(out.read_text()) if out.exists() else {}
            stored[args.label] = {
                "repo": os.environ.get("BENCH_REPO") or str(REPO),
                "inputs": args.paths,
                "articles": len(list(read_inputs(args.paths))),
                "cpu_seconds_best_of": args.repeat,
                "stages": {k: round(v, 4) for k, v in totals.items()},
                "machine": machine(),
            }
            out.write_text(json.dumps(stored, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
