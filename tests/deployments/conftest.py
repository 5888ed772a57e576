"""Fixture files written for these tests (invented numbers in the real layouts; not real figures)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def un_file() -> Path:
    return FIXTURES / "un_monthly_small.csv"


@pytest.fixture
def ipi_file() -> Path:
    return FIXTURES / "ipi_long_small.csv"


@pytest.fixture
def hub_file() -> Path:
    return FIXTURES / "data_hub_small.csv"


def write_csv(path: Path, header: str, *lines: str) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def gzip_copy(src: Path, dest: Path) -> Path:
    with open(src, "rb") as fin, gzip.open(dest, "wb") as fout:
        shutil.copyfileobj(fin, fout)
    return dest


UN_HEADER = (FIXTURES / "un_monthly_small.csv").read_text(encoding="utf-8").splitlines()[0]
