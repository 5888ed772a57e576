"""Request body parsers: DRF's JSON parser with the depth bound the ingest readers use (issue 16)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from apps.ingest.pipeline.readers import MAX_JSON_DEPTH, JSONInputError, parse_json


class BoundedJSONParser(JSONParser):
    """JSON bodies nested deeper than MAX_JSON_DEPTH are a 400 naming the bound.

    DRF's JSONParser lets json.load recurse once per level: `[` × 100,000 raised RecursionError, a 500. The body's
    size is bounded before this (RequestSizeLimitMiddleware, DATA_UPLOAD_MAX_MEMORY_SIZE), so reading it whole
    is safe; NaN and Infinity stay refused as in DRF's strict mode.
    """

    max_depth = MAX_JSON_DEPTH

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read() if stream is not None else b""
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(f"JSON parse error - the body is not {encoding} text: {exc}") from None
        try:
            return parse_json(text, max_depth=self.max_depth, strict=self.strict)
        except JSONInputError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
