"""Proxy settings come from the environment: TRUSTED_PROXY_COUNT feeds DRF's NUM_PROXIES, and X-Forwarded-Proto is
trusted only behind a proxy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PRINT = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.TRUSTED_PROXY_COUNT, s.REST_FRAMEWORK['NUM_PROXIES'], s.SECURE_PROXY_SSL_HEADER]))"
)


def _settings(**env: str) -> list:
    base = {k: v for k, v in os.environ.items() if k not in ("TRUSTED_PROXY_COUNT", "DJANGO_BEHIND_PROXY")}
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=REPO,
        env=base | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, [0, 0, None]),
        ({"TRUSTED_PROXY_COUNT": "1"}, [1, 1, ["HTTP_X_FORWARDED_PROTO", "https"]]),
        ({"TRUSTED_PROXY_COUNT": "2", "DJANGO_BEHIND_PROXY": "0"}, [2, 2, None]),
        ({"DJANGO_BEHIND_PROXY": "1"}, [0, 0, ["HTTP_X_FORWARDED_PROTO", "https"]]),
    ],
)
def test_proxy_settings_follow_the_environment(env, expected):
    assert _settings(**env) == expected


def test_trusting_a_proxy_for_https_but_not_for_addresses_is_a_check_warning(settings):
    from apps.core.proxies import check_proxy_settings

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 0
    assert [w.id for w in check_proxy_settings()] == ["core.W001"]
    settings.TRUSTED_PROXY_COUNT = 1
    assert check_proxy_settings() == []
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.TRUSTED_PROXY_COUNT = 0
    assert check_proxy_settings() == []
