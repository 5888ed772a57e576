"""Shared fixtures; real services when configured, a clear skip (or a CI failure) when not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _find_shared() -> Path:
    """../shared beside the checkout; PEACEKEEPING_SHARED or /work/shared when cloned elsewhere (CI)."""
    for candidate in (os.environ.get("PEACEKEEPING_SHARED"), REPO.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return REPO.parent / "shared"


SHARED = _find_shared()
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
    """The team's shared data and corpus; tests that read it skip when it is absent (also in CI)."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (set PEACEKEEPING_SHARED)")
    return SHARED


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            missing("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture(autouse=True)
def reference_rows_in_transactional_tests(request):
    """Put back the vocabulary migrations seed (categories, personnel types), which a transactional test's
    flush removes: pytest-django runs transactional tests last, each after another's flush."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    importlib.import_module("apps.deployments.migrations.0002_reference_categories").load(apps, None)
