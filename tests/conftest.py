"""Shared fixtures; real services when configured, a clear skip (or a CI failure) when not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
IN_CI = bool(os.environ.get("CI"))


def missing(reason: str) -> None:
    """Skip locally, fail in CI: CI must run every test against real services."""
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def is_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


@pytest.fixture
def require_postgres():
    if not is_postgres():
        missing("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        missing(f"{SHARED} is absent")
    return SHARED


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            missing("needs PostgreSQL: set DATABASE_URL=postgres://...")
