"""Full-table CSV exports cannot take every thread (issue 16, item 5): at most API_CSV_EXPORTS_CONCURRENT stream at
once across the processes; one more is a 503 with Retry-After, and other requests are served meanwhile. A slot is
given back when the export ends, also when the client goes away halfway."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from tests.curation.factories import ContributionFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/contributions/?format=csv"


@pytest.fixture
def one_slot(settings):
    settings.API_CSV_EXPORTS_CONCURRENT = 1
    for month in (1, 2, 3):
        ContributionFactory(month=dt.date(2023, month, 1))
    return settings


def _start(client: APIClient):
    response = client.get(URL)
    assert response.status_code == 200 and response.streaming
    stream = iter(response.streaming_content)
    next(stream)  # the header line: the export is running, its cursor open
    return response, stream


def test_an_export_over_the_limit_waits_its_turn_and_others_are_served(one_slot):
    first, stream = _start(APIClient())
    refused = APIClient().get(URL)
    assert refused.status_code == 503
    assert int(refused["Retry-After"]) > 0
    assert "export" in refused.content.decode().lower()
    # Everything else is answered while the export runs.
    assert APIClient().get("/api/v1/contributions/").status_code == 200
    assert APIClient().get("/api/v1/countries/").status_code == 200
    rest = b"".join(stream)
    assert rest.count(b"\n") == 3  # the export itself is whole
    first.close()
    assert APIClient().get(URL).status_code == 200


# Transactional: closing a response fires request_finished, whose close_old_connections closes a connection that is
# not in autocommit, as it would break the test's own transaction on PostgreSQL. Here it runs as in production.
@pytest.mark.django_db(transaction=True)
def test_a_client_that_goes_away_halfway_gives_its_slot_back(one_slot):
    response, _stream = _start(APIClient())
    response.close()  # what the WSGI server does when the client disconnects
    second, stream = _start(APIClient())
    b"".join(stream)
    second.close()


def test_the_limit_defaults_to_fewer_exports_than_threads():
    from django.conf import settings

    from tests.conftest import REPO

    namespace: dict = {}
    exec((REPO / "deploy" / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own config file
    assert 1 <= settings.API_CSV_EXPORTS_CONCURRENT < namespace["workers"] * namespace["threads"]
