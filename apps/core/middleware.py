"""Content-Security-Policy on every response (scripts only from our own origin, no framing); a request size cap
and a refusal of NUL bytes in the request line, headers and cookies."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from apps.core.errors import error_body

# Plotly and Django admin set inline style attributes, so styles allow 'unsafe-inline'; scripts never do.
DEFAULT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
    "form-action 'self'"
)
# Swagger UI and Redoc (served offline from drf-spectacular-sidecar) boot from an inline script.
DOCS_POLICY = DEFAULT_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "img-src 'self' data: blob:", "img-src 'self' data: blob:; worker-src 'self' blob:"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = any(request.path.startswith(p) for p in getattr(settings, "CSP_RELAXED_PATHS", ()))
            response["Content-Security-Policy"] = (
                DOCS_POLICY if docs else (settings.CONTENT_SECURITY_POLICY or DEFAULT_POLICY)
            )
        return response


# Room for the other fields of a form or JSON body around the largest article.
REQUEST_SLACK = 64 * 1024


def request_max_bytes() -> int:
    """The largest request body taken: an article of INGEST_MAX_BYTES escaped as JSON (up to twice as long)."""
    return 2 * int(settings.INGEST_MAX_BYTES) + REQUEST_SLACK


def _refusal(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(status_code=status, code=code, message=message), status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def nul_byte_found(request: HttpRequest) -> str | None:
    """Where the request carries a NUL character (path, query, a header, a cookie), or None.

    PostgreSQL cannot hold NUL in text: a NUL reaching a lookup (`/countries/%00/`) or a write is a DataError, a 500.
    No legitimate address, header or cookie holds one, so it is refused once here rather than at every view. Form
    and JSON fields are checked by the form and serializer fields (ProhibitNullCharactersValidator).
    """
    if "\x00" in request.path_info or "\x00" in request.path:
        return "the address"
    query = request.META.get("QUERY_STRING", "")
    if "\x00" in query or "%00" in query:  # %00 is the only escape that decodes to NUL
        return "the query string"
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
            return "a header"
    # Cookie values are unquoted by Django ("\\000" octal escapes become NUL), so the parsed values are checked.
    if request.META.get("HTTP_COOKIE") and any("\x00" in k + v for k, v in request.COOKIES.items()):
        return "a cookie"
    return None


class RequestSizeLimitMiddleware:
    """The first guard on a request: 413 for a body whose declared length is over request_max_bytes(), before
    anything reads it; 400 for a NUL byte in the address, query string, a header or a cookie.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves out file uploads (spooled to disk whole before a form can look
    at their size) and DRF's JSON parser does not check it; this refuses both from the Content-Length header.
    A body without one is read by Django as empty.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = nul_byte_found(request)
        if where is not None:
            return _refusal(request, 400, "nul_byte", f"Bad request: {where} contains a NUL byte (%00).")
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = request_max_bytes()
        if declared > limit:
            message = f"Request body too large: {declared} bytes, at most {limit} are accepted."
            return _refusal(request, 413, "too_large", message)
        return self.get_response(request)
