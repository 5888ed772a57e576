"""One error format everywhere under /api/: {"error": {"status", "code", "message", "fields"}}."""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from apps.core.errors import error_body

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _flatten(detail: Any) -> Any:
    """ErrorDetail lists/dicts → plain strings, keeping the shape."""
    if isinstance(detail, dict):
        return {str(k): _flatten(v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [_flatten(v) for v in detail]
    return str(detail)


def _first_code(detail: Any, default: str) -> str:
    if isinstance(detail, dict):
        for value in detail.values():
            return _first_code(value, default)
    if isinstance(detail, list) and detail:
        return _first_code(detail[0], default)
    return getattr(detail, "code", None) or default


def exception_handler(exc: Exception, context: dict) -> Response:
    """DRF errors in the one format; anything unexpected becomes a logged 500 in the same format."""
    response = drf_exception_handler(exc, context)
    if response is None:
        # An unhandled error: keep the traceback in the log, give the client the format it expects.
        logger.exception("Unhandled API error", exc_info=exc)
        set_rollback()
        return Response(
            error_body(status_code=500, code="server_error", message="Internal server error."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail
        fields = _flatten(data) if isinstance(data, dict) else {"non_field_errors": _flatten(data)}
        code = _first_code(data, "invalid")
        message = "Invalid input: " + ", ".join(sorted(fields)) + "."
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data.get("detail", "")
        fields = None
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        message = str(detail) if not isinstance(detail, dict | list) else str(_flatten(detail))
    response.data = error_body(status_code=response.status_code, code=code, message=message, fields=fields)
    # A CSV request that fails still gets a JSON error body (a CSV of an error helps nobody).
    request = context.get("request")
    if request is not None and getattr(request, "accepted_renderer", None) is not None:
        if request.accepted_renderer.format == "csv":
            from rest_framework.renderers import JSONRenderer

            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
    return response


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: JSON under /api/, Django's page elsewhere."""
    if _is_api(request):
        return JsonResponse(
            error_body(status_code=404, code="not_found", message=f"No API endpoint at {request.path}."), status=404
        )
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: JSON under /api/, Django's page elsewhere."""
    if _is_api(request):
        return JsonResponse(
            error_body(status_code=500, code="server_error", message="Internal server error."), status=500
        )
    return defaults.server_error(request)


def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """The catch-all at the end of the API's URLs, so unknown API paths are JSON even with DEBUG on."""
    return not_found(request)
