"""Production settings pass Django's deploy checks, and every page carries a Content-Security-Policy."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy(tmp_path):
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')  # as after collectstatic
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="dashboard.example.org",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_collected_static_files_is_warned_about(tmp_path):
    """With DEBUG off every /static/ file was a silent 404 when collectstatic had not run (issue 16, item 7)."""
    result = _manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_STATIC_ROOT=str(tmp_path / "never-collected"),
    )
    assert "core.W002" in result.stderr + result.stdout
    assert "collectstatic --no-input" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/", "/api/v1/countries/"])
def test_pages_forbid_inline_scripts_and_framing(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_api_docs_get_the_relaxed_policy_they_need(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
