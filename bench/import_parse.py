"""Parsing and validating the UN file alone (importers.RowStream, no database), CPU seconds, side by side with an
older checkout loaded in the same process; the rows of both are compared equal first.

    .venv/bin/python bench/import_parse.py --before /tmp/before [--rounds 8] [--gc]

`--gc` leaves the cyclic garbage collector on (the import turns it off while rows stream). Prints min and median
CPU seconds and writes bench/results/import_parse.json.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FILE = REPO / "data" / "un_dpo_contributions_2015-01_2025-07.csv.gz"


def load_before(repo: Path):
    """The older checkout's importers module (and the rows module it imports, when it has one) under other names."""
    for name in ("rows", "importers"):
        path = repo / "apps" / "deployments" / f"{name}.py"
        if not path.exists():
            continue
        spec = importlib.util.spec_from_file_location(f"before_{name}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[f"before_{name}"] = module
        spec.loader.exec_module(module)
    return sys.modules["before_importers"]


def parse(module, path: Path) -> tuple[float, list]:
    started = time.process_time()
    with module.RowStream(path) as stream:
        rows = [row for chunk in stream.chunks() for row in chunk]
    return time.process_time() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--gc", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from apps.deployments import importers as after

    before = load_before(args.before.resolve())
    fields = ("line", "iso3", "country_name", "country_as_printed", "mission", "personnel_type", "month")
    fields += ("female", "male", "total", "quality_flags", "source_document")
    _, a = parse(before, FILE)
    _, b = parse(after, FILE)
    assert [[getattr(r, f) for f in fields] for r in a] == [[getattr(r, f) for f in fields] for r in b]
    del a, b
    if not args.gc:
        gc.disable()
    seconds: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(args.rounds):
        for label, module in (("before", before), ("after", after)):
            seconds[label].append(round(parse(module, FILE)[0], 4))
    result = {
        "file": FILE.name,
        "gc": args.gc,
        "cpu_seconds": seconds,
        "min": {k: min(v) for k, v in seconds.items()},
        "median": {k: statistics.median(v) for k, v in seconds.items()},
        "load_1min_end": round(os.getloadavg()[0], 2),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    for label in ("before", "after"):
        print(f"{label:7} min {result['min'][label]:.3f} s  median {result['median'][label]:.3f} s CPU")
    out = REPO / "bench" / "results" / ("import_parse_gc.json" if args.gc else "import_parse.json")
    out.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
