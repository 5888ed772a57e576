"""Content-Security-Policy on every response: scripts only from our own origin, no framing."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

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
