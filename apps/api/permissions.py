"""Reads are public (API_PUBLIC_READS); writes need an authenticated user with the model permission."""

from __future__ import annotations

from django.conf import settings
from rest_framework import permissions


class ReadPublicWriteWithPermission(permissions.DjangoModelPermissionsOrAnonReadOnly):
    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return settings.API_PUBLIC_READS or bool(request.user and request.user.is_authenticated)
        if getattr(view, "queryset", None) is None and not hasattr(view, "get_queryset"):
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)
