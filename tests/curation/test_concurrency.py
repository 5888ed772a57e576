"""Two curators pressing Accept on the same claim at the same moment end with one figure and one source."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from apps.curation.models import ReportedFigure, ReportedFigureSource
from apps.curation.services import claim_accept
from tests.curation.factories import ClaimFactory, curator

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_accepts_of_one_claim_make_one_figure():
    claim = ClaimFactory()
    users = [curator("first"), curator("second")]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def accept(user) -> None:
        try:
            barrier.wait()
            claim_accept(claim=claim, user=user)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert ReportedFigure.objects.count() == 1
    assert ReportedFigureSource.objects.count() == 1
