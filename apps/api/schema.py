"""OpenAPI: every operation documents the one error format for the statuses it can return."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField(help_text="machine-readable, e.g. invalid, unknown_value, not_found, throttled")
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.JSONField(),
        allow_null=True,
        help_text="per-parameter messages for a 400 (the parameter or body field names are the keys); else null",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


class ApiAutoSchema(AutoSchema):
    """Adds the error responses each operation can produce, all in the shape of ErrorSerializer."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        # 401/403 on reads too: a bad token is refused even where reads are public, and API_PUBLIC_READS may be off.
        codes = ["400", "401", "403", "429"]
        if "{" in self.path:
            codes.append("404")
        for code in codes:
            responses.setdefault(
                code, self._get_response_for_code(ErrorSerializer, code, ("application/json",), direction)
            )
        return responses
