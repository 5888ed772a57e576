"""Shared by the concurrency tests: N threads that really collide on one submission."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections

from apps.ingest import selectors


def lookups_meet(monkeypatch, n: int) -> None:
    """Every article lookup that finds nothing waits until n have: all n then try to insert the same row."""
    barrier = threading.Barrier(n, timeout=60)
    real_find = selectors.article_find

    def find_then_wait(**kwargs):
        found = real_find(**kwargs)
        if found is None:
            try:
                barrier.wait()  # all n have looked and found nothing: all will try to insert
            except threading.BrokenBarrierError:
                pass  # a late thread (the row already exists for it) does not hold up the others
        return found

    monkeypatch.setattr(selectors, "article_find", find_then_wait)


def run_threads(n: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    """work(0) … work(n-1) in n threads at once, each closing its database connections; (results, errors)."""
    results: list[Any] = []
    errors: list[BaseException] = []

    def one(i: int) -> None:
        try:
            results.append(work(i))
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results, errors
