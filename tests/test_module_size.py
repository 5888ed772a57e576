"""No module of the project is longer than a reader can hold in mind (600 lines; migrations are generated)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("apps", "config", "bench", "scripts")
MAX_LINES = 600


def long_modules(root: Path = ROOT, *, limit: int = MAX_LINES) -> list[tuple[str, int]]:
    """(path, lines) of every .py file over the limit under the checked folders, longest first."""
    found = []
    for top in CHECKED:
        for path in (root / top).rglob("*.py"):
            if "migrations" in path.relative_to(root).parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > limit:
                found.append((str(path.relative_to(root)), lines))
    return sorted(found, key=lambda item: (-item[1], item[0]))


def test_no_module_is_over_600_lines():
    found = long_modules()
    assert not found, (
        f"{len(found)} module(s) over {MAX_LINES} lines:\n  "
        + "\n  ".join(f"{path}: {lines} lines" for path, lines in found)
        + "\nWhat to do: split each along its concerns (one module per thing a reader looks for), keeping the public"
        " names importable from where callers find them, or moving the callers' import lines with them."
    )


def test_migrations_and_short_files_are_left_alone(tmp_path):
    (tmp_path / "apps" / "x" / "migrations").mkdir(parents=True)
    (tmp_path / "apps" / "x" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 50)
    (tmp_path / "apps" / "x" / "short.py").write_text("x = 1\n" * 10)
    (tmp_path / "apps" / "x" / "long.py").write_text("x = 1\n" * 11)
    assert long_modules(tmp_path, limit=10) == [("apps/x/long.py", 11)]
