"""A bound on concurrent CSV exports (issue 16, item 5).

A full-table contributions export streams tens of megabytes over seconds of database and CPU time. Streaming keeps
memory flat, but each export still holds a server thread for its whole run: enough concurrent exports held every
worker and stalled all other requests. At most API_CSV_EXPORTS_CONCURRENT run at once across every process (slots
in the shared cache, Redis in production); one more is answered 503 with Retry-After at once, before any query.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.cache import cache
from rest_framework import status
from rest_framework.exceptions import APIException

logger = logging.getLogger(__name__)

# A slot outlives its export by at most this long when the process running it dies; a running export renews it.
SLOT_SECONDS = 120
RENEW_EVERY_LINES = 5000
RETRY_AFTER = 15


class ExportsBusy(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "exports_busy"
    default_detail = "Too many CSV exports are running at this moment; try again in a few seconds."
    wait = RETRY_AFTER  # DRF's exception handler sends it as Retry-After


def _key(slot: int) -> str:
    return f"csv-export-slot:{slot}"


def acquire() -> str:
    """Take a free export slot (its cache key) or raise ExportsBusy."""
    token = uuid.uuid4().hex
    for slot in range(max(1, int(settings.API_CSV_EXPORTS_CONCURRENT))):
        try:
            # cache.add is atomic on Redis and locmem: two processes never take the same slot.
            taken = cache.add(_key(slot), token, timeout=SLOT_SECONDS)
        except Exception:  # noqa: BLE001 - a cache outage must not turn every export into a 500
            logger.warning("CSV export slots unavailable (cache error); export runs unbounded", exc_info=True)
            return ""
        if taken:
            return _key(slot)
    raise ExportsBusy()


def holding(key: str, lines: Iterable[str]) -> Iterator[str]:
    """The export's lines; the slot is renewed while they flow and given back when the stream ends or is closed
    (the WSGI server closes it when the client goes away: GeneratorExit runs the finally)."""
    try:
        for count, line in enumerate(lines):
            if key and count and count % RENEW_EVERY_LINES == 0:
                cache.touch(key, SLOT_SECONDS)
            yield line
    finally:
        if key:
            try:
                cache.delete(key)
            except Exception:  # noqa: BLE001 - the slot then expires after SLOT_SECONDS
                logger.warning("CSV export slot %s not released (cache error)", key, exc_info=True)
