"""The one error format of the JSON API: {"error": {"status", "code", "message", "fields"}}.

It lives in core because the request guards (apps.core.middleware) answer in it before any view runs;
apps.api.errors builds every other API error with it.
"""

from __future__ import annotations


def error_body(*, status_code: int, code: str, message: str, fields: dict | None = None) -> dict:
    """The JSON body of an API error."""
    return {"error": {"status": status_code, "code": code, "message": message, "fields": fields}}
