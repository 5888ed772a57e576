"""One error format everywhere: {"error": {"status", "code", "message", "fields"}}."""

from __future__ import annotations

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    fields = None
    code = getattr(exc, "default_code", "error")
    if isinstance(data, dict) and "detail" in data and len(data) == 1:
        message = str(data["detail"])
        code = getattr(data["detail"], "code", code)
    else:
        fields = data if isinstance(data, dict) else {"non_field_errors": data}
        message = "Invalid input: " + ", ".join(sorted(fields)) if isinstance(fields, dict) else "Invalid input."
    response.data = {"error": {"status": response.status_code, "code": code, "message": message, "fields": fields}}
    return response
