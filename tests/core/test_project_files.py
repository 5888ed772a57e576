"""The files users run by hand stay correct: docker-compose.yml, .env.example, settings from env."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def test_compose_defines_the_five_services_configured_by_environment():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    assert "gunicorn config.wsgi" in services["web"]["command"]
    assert "celery -A config worker" in services["worker"]["command"]
    assert "celery -A config beat" in services["beat"]["command"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("${DATABASE_URL:-postgres://")
        assert env["CELERY_BROKER_URL"].startswith("${CELERY_BROKER_URL:-redis://redis:")
        assert set(services[name]["depends_on"]) == {"db", "redis"}
    assert (REPO / "Dockerfile").exists()


def test_env_example_lists_every_variable_settings_read():
    settings_text = (REPO / "config" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:bool|list)\("([A-Z_]+)"', settings_text))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', settings_text))
    listed = {line.split("=", 1)[0] for line in (REPO / ".env.example").read_text().splitlines() if "=" in line}
    assert read - listed == set()
