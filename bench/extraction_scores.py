"""Extraction quality on each shared corpus set on its own: the dry run's output scored against the ground truth.

    .venv/bin/python bench/extraction_scores.py                      # this checkout, label "after"
    git worktree add /tmp/before <commit>
    .venv/bin/python bench/extraction_scores.py --repo /tmp/before --label before

Prints one row per set (figures P/R/F1, targets F1, duplicate pairs F1, published date, country, relevance and
the matched figures' fields) and merges the run under its label into bench/results/extraction_scores.json, so a
before and an after sit side by side. The scorer is ../shared/tools/score_extraction.py, run unchanged.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("PEACEKEEPING_SHARED", REPO.parent / "shared"))
# (name, batch input, ground-truth folder)
SETS = (
    ("seeds", "seeds", "seeds"),
    ("articles (dev)", "dev.jsonl", "articles"),
    ("new", "new.jsonl", "new"),
    # the team's own written sets (bench/eval/README.md): absolute paths, inside this repository
    ("written-1", REPO / "bench" / "eval" / "written-1" / "batch.jsonl", REPO / "bench" / "eval" / "written-1"),
    ("written-2", REPO / "bench" / "eval" / "written-2" / "batch.jsonl", REPO / "bench" / "eval" / "written-2"),
    ("written-3", REPO / "bench" / "eval" / "written-3" / "batch.jsonl", REPO / "bench" / "eval" / "written-3"),
    ("written-4", REPO / "bench" / "eval" / "written-4" / "batch.jsonl", REPO / "bench" / "eval" / "written-4"),
    ("written-5", REPO / "bench" / "eval" / "written-5" / "batch.jsonl", REPO / "bench" / "eval" / "written-5"),
    ("written-6", REPO / "bench" / "eval" / "written-6" / "batch.jsonl", REPO / "bench" / "eval" / "written-6"),
    ("written-7", REPO / "bench" / "eval" / "written-7" / "batch.jsonl", REPO / "bench" / "eval" / "written-7"),
)


def score_set(repo: Path, batch: str | Path, gold: str | Path) -> dict:
    """Run the dry run of `repo` over one set and score it; returns the scorer's JSON plus the run's seconds."""
    corpus = SHARED / "corpus"
    with tempfile.NamedTemporaryFile("w+", suffix=".json") as out:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "apps.ingest.pipeline.batch", "--compact", str(corpus / batch)],
            cwd=repo,
            stdout=out,
            check=True,
        )
        seconds = time.perf_counter() - t0
        scored = subprocess.run(
            [sys.executable, str(SHARED / "tools" / "score_extraction.py"), str(corpus / gold), out.name, "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    result = json.loads(scored.stdout)
    result.pop("problems", None)
    result["seconds"] = round(seconds, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    from bench._pg import machine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout whose pipeline is scored (default: this one)")
    parser.add_argument("--label", default="after", help="key under which the run is stored (before, after, ...)")
    args = parser.parse_args(argv)
    if not (SHARED / "corpus").is_dir():
        print(f"no corpus at {SHARED / 'corpus'}: set PEACEKEEPING_SHARED", file=sys.stderr)
        return 2
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=args.repo, capture_output=True, text=True
    ).stdout.strip()
    rows = {}
    header = (
        f"{'set':<16}{'fig P':>7}{'fig R':>7}{'fig F1':>8}{'tgt F1':>8}{'dup F1':>8}{'date':>7}{'ctry':>7}"
        f"{'relev':>7}{'mission':>9}{'unit':>6}{'scope':>7}"
    )
    print(f"{args.label} ({commit})")
    print(header)
    for name, batch, gold in SETS:
        r = score_set(args.repo, batch, gold)
        rows[name] = r
        f, fields = r["figures"], r["figure_fields"]
        print(
            f"{name:<16}{f['precision']:>7.2f}{f['recall']:>7.2f}{f['f1']:>8.2f}{r['targets']['f1']:>8.2f}"
            f"{r['duplicates']['f1']:>8.2f}{r['published_accuracy']:>7.2f}{r['country_accuracy']:>7.2f}"
            f"{r['relevance_accuracy']:>7.2f}{fields['mission']:>9.2f}{fields['unit']:>6.2f}{fields['scope']:>7.2f}"
        )
    path = REPO / "bench" / "results" / "extraction_scores.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    stored[args.label] = {"commit": commit, "sets": rows, "machine": machine()}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stored, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
