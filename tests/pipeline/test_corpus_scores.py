"""Scores on the shared corpus (read from ../shared at test time; never copied into the project)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from apps.ingest.pipeline.batch import dry_run
from apps.ingest.pipeline.readers import read_inputs
from tests.conftest import SHARED  # ../shared, or PEACEKEEPING_SHARED / /work/shared when cloned elsewhere

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.corpus


def _need_corpus() -> None:
    if not (CORPUS / "dev.jsonl").exists() or not (SHARED / "tools" / "score_extraction.py").exists():
        # Absent ../shared is a skip everywhere (CI included); below-threshold scores fail.
        pytest.skip(f"shared corpus not found at {CORPUS}")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev() -> dict:
    _need_corpus()
    scorer = _scorer()
    pred = dry_run(read_inputs([str(CORPUS / "dev.jsonl")]))["articles"]
    return scorer.score(scorer.load_gold(str(CORPUS / "articles")), pred, False)


@pytest.fixture(scope="module")
def seeds() -> tuple[dict, dict[str, dict]]:
    _need_corpus()
    scorer = _scorer()
    paths = sorted(str(p) for p in (CORPUS / "seeds").glob("*.txt"))
    pred = dry_run(read_inputs(paths))["articles"]
    by_name = {Path(a["source"]).name[:3]: a for a in pred}
    return scorer.score(scorer.load_gold(str(CORPUS / "seeds")), pred, False), by_name


def test_dev_figures(dev: dict) -> None:
    assert dev["figures"]["f1"] >= 0.85 and dev["figures"]["precision"] >= 0.90, dev["problems"]


def test_dev_targets(dev: dict) -> None:
    assert dev["targets"]["f1"] >= 0.80, dev["problems"]


def test_dev_duplicates(dev: dict) -> None:
    assert dev["duplicates"]["f1"] >= 0.90, dev["problems"]


def test_dev_published(dev: dict) -> None:
    assert dev["published_accuracy"] >= 0.90, dev["problems"]


def test_dev_relevance(dev: dict) -> None:
    assert dev["relevance_accuracy"] >= 0.95, dev["problems"]


def test_seed_figures_and_target(seeds) -> None:
    result, _ = seeds
    assert result["figures"]["recall"] == 1.0, result["problems"]
    assert result["targets"]["recall"] == 1.0, result["problems"]


def test_seed_stories(seeds) -> None:
    _, by = seeds
    assert by["000"]["story"] == by["001"]["story"]
    assert by["003"]["story"] == by["004"]["story"]
    assert len({by[k]["story"] for k in ("000", "002", "003")}) == 3


def test_seed_related_news_tails_yield_nothing(seeds) -> None:
    _, by = seeds
    gold = {
        k: json.loads(next((CORPUS / "seeds").glob(f"{k}_*.json")).read_text(encoding="utf-8")) for k in ("001", "003")
    }
    for key in ("001", "003"):
        wanted = {
            (f.get("personnel_total"), f.get("women"))
            for f in gold[key]["figures"] + gold[key].get("optional_figures", [])
        }
        got = {(f.get("personnel_total"), f.get("women")) for f in by[key]["figures"]}
        assert got <= wanted, (key, got - wanted)


# The team's own written sets (bench/eval/README.md): in the repository, scored with the shared scorer. They were
# used to develop pipeline version 3, so these floors guard against regressions, not claims about unseen text.
WRITTEN = Path(__file__).resolve().parents[2] / "bench" / "eval"
FLOORS = {  # set: (figures F1, figures precision, targets F1, published)
    "written-1": (0.92, 0.90, 0.95, 0.95),
    "written-2": (0.84, 0.82, 0.90, 0.90),
    "written-3": (0.88, 0.90, 0.95, 0.95),
    "written-4": (0.89, 0.87, 0.90, 0.90),
    "written-5": (0.90, 0.88, 0.95, 0.90),
    "written-6": (0.88, 0.86, 0.95, 0.85),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_written_sets_hold_their_scores(name: str) -> None:
    _need_corpus()
    scorer = _scorer()
    pred = dry_run(read_inputs([str(WRITTEN / name / "batch.jsonl")]))["articles"]
    result = scorer.score(scorer.load_gold(str(WRITTEN / name)), pred, False)
    f1, precision, targets, published = FLOORS[name]
    assert result["figures"]["f1"] >= f1 and result["figures"]["precision"] >= precision, result["problems"]
    assert result["targets"]["f1"] >= targets, result["problems"]
    assert result["published_accuracy"] >= published, result["problems"]
