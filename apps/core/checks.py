"""Deployment checks run by `manage.py check` (and migrate): problems that otherwise show only as broken pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks


def check_static_files_collected(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """With DEBUG off static files are served from STATIC_ROOT only: without collectstatic every one is a 404
    (pages without styles, charts without Plotly, the API docs without Swagger UI)."""
    if settings.DEBUG or getattr(settings, "WHITENOISE_USE_FINDERS", False):
        return []
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        return []
    return [
        checks.Warning(
            f"DEBUG is off and {settings.STATIC_ROOT} holds no collected static files: every /static/ file is a 404.",
            hint="Run `python manage.py collectstatic --no-input` before starting the server.",
            id="core.W002",
        )
    ]
