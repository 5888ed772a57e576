"""Story grouping in a dry-run batch (NearDuplicateIndex.add) as the batch of near-duplicates grows 500 -> 20,000.

    .venv/bin/python bench/dedupe_batch_growth.py                              # this checkout, label "after"
    git worktree add /tmp/before <commit>
    .venv/bin/python bench/dedupe_batch_growth.py --repo /tmp/before --label before

The batch: the 69 distinct texts of the shared dev and new sets, each copied over and over with a few words
changed (about 1 word in 30 of 4+ letters: Jaccard ~0.7 on word 5-shingles, a near-duplicate) and an outlet
suffix on the title, in a shuffled order; so at 20,000 articles each story holds ~290 near-copies. Every article
goes through process_article once (not timed); then batch._story_ids runs on the first N articles for each N,
timing NearDuplicateIndex.add only (wall and CPU time). Prints N, ms, ms per article, signature comparisons (text and salient, one per
candidate signature compared), stories formed and a digest of the grouping; merges the run under its label into
bench/results/dedupe_batch_growth.json. Runs the checkout given by --repo (its code, this script).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PEACEKEEPING_SHARED", REPO.parent / "shared"))
SIZES = (500, 1000, 2000, 4000, 8000, 12000, 16000, 20000)
FILLERS = ("also", "then", "still", "now", "again", "here", "there", "soon", "only", "just")
_WORD = re.compile(r"\b[a-z]{4,}\b")


def near_copies(n: int, seed: int = 19) -> list[dict]:
    """n articles: near-copies of the corpus texts (a few lower-case words replaced), distinct URLs and titles."""
    rng = random.Random(seed)
    records = []
    for name in ("dev.jsonl", "new.jsonl"):
        path = SHARED / "corpus" / name
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):
        rec = records[rng.randrange(len(records))]
        text = _WORD.sub(lambda m: rng.choice(FILLERS) if rng.random() < 1 / 30 else m.group(0), rec["text"])
        title = f"{rec.get('title') or ''} | Outlet {i % 97}"
        out.append({**rec, "id": f"{rec['id']}-{i}", "url": f"{rec['url']}#near-{i}", "title": title, "text": text})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout whose pipeline runs (default: this one)")
    parser.add_argument("--label", default="after")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    sys.path.insert(0, str(args.repo.resolve()))
    from apps.ingest.pipeline import assembly, batch, dedupe, figures
    from apps.ingest.pipeline.readers import read_inputs

    assert Path(batch.__file__).resolve().is_relative_to(args.repo.resolve()), batch.__file__
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "near.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in near_copies(max(sizes))), encoding="utf-8")
        raws = list(read_inputs([str(path)]))

    passes = {"n": 0}
    real_extract_from = figures._extract_from

    def counted_extract_from(*a, **kw):
        passes["n"] += 1
        return real_extract_from(*a, **kw)

    figures._extract_from = counted_extract_from
    t0 = time.perf_counter()
    processed = [batch.process_article(r) for r in raws]
    process_s = time.perf_counter() - t0
    figures._extract_from = real_extract_from
    del assembly  # imported so the checkout's extractor is the one counted

    # Time add() alone, and count the signatures it compares whatever the version: the current index counts them
    # itself (index.comparisons); the earlier one compared text signatures in bulk (_text_similarities) and salient
    # ones one by one (_similarity).
    index_cls = dedupe.NearDuplicateIndex
    state = {"seconds": 0.0, "cpu": 0.0, "old_count": 0, "index": None}
    real_add = index_cls.add

    def timed_add(self, *a, **kw):
        state["index"] = self
        t, c = time.perf_counter(), time.process_time()
        try:
            return real_add(self, *a, **kw)
        finally:
            state["seconds"] += time.perf_counter() - t
            state["cpu"] += time.process_time() - c

    index_cls.add = timed_add
    if not hasattr(index_cls, "comparisons"):
        real_sim, real_bulk = dedupe._similarity, index_cls._text_similarities

        def counted_sim(*a):
            state["old_count"] += 1
            return real_sim(*a)

        def counted_bulk(self, keys, *a):
            out = real_bulk(self, keys, *a)
            state["old_count"] += len(keys) if out is not None else 0
            return out

        dedupe._similarity, index_cls._text_similarities = counted_sim, counted_bulk

    rows = []
    print(f"{args.label}: {len(raws)} articles processed in {process_s:.1f} s ({passes['n'] / len(raws):.2f} figure "
          f"passes (_extract_from) per article)")  # fmt: skip
    print(
        f"{'N':>7}{'add ms':>11}{'ms/article':>12}{'CPU ms/art.':>12}{'comparisons':>13}{'per article':>13}"
        f"{'stories':>9}  grouping"
    )
    for n in sizes:
        state.update(seconds=0.0, cpu=0.0, old_count=0, index=None)
        stories = batch._story_ids(processed[:n])
        index = state["index"]
        comparisons = getattr(index, "comparisons", None)
        comparisons = state["old_count"] if comparisons is None else comparisons
        digest = hashlib.sha1(json.dumps(stories).encode()).hexdigest()[:12]
        row = {
            "articles": n,
            "add_ms": round(state["seconds"] * 1000, 1),
            "ms_per_article": round(state["seconds"] * 1000 / n, 3),
            "add_cpu_ms": round(state["cpu"] * 1000, 1),
            "cpu_ms_per_article": round(state["cpu"] * 1000 / n, 3),
            "comparisons": comparisons,
            "comparisons_per_article": round(comparisons / n, 1),
            "stories": len(set(stories) - {None}),
            "grouping_sha1": digest,
        }
        rows.append(row)
        print(
            f"{n:>7}{row['add_ms']:>11.1f}{row['ms_per_article']:>12.3f}{row['cpu_ms_per_article']:>12.3f}{comparisons:>13}"
            f"{row['comparisons_per_article']:>13}{row['stories']:>9}  {digest}"
        )
    sys.path.insert(0, str(REPO))
    from bench._pg import machine

    out = REPO / "bench" / "results" / "dedupe_batch_growth.json"
    stored = json.loads(out.read_text()) if out.exists() else {}
    stored[args.label] = {
        "repo": str(args.repo),
        "figure_passes_per_article": round(passes["n"] / len(raws), 3),
        "process_article_s": round(process_s, 1),
        "rows": rows,
        "machine": machine(),
        "loadavg_end": os.getloadavg(),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(stored, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
