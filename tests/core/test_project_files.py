"""The files users run by hand stay correct: docker-compose.yml, .env.example, settings from env."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_compose_defines_the_six_services_configured_by_environment():
    compose = _compose()
    services = compose["services"]
    assert set(services) == {"nginx", "web", "worker", "beat", "db", "redis"}
    assert "gunicorn -c deploy/gunicorn.conf.py config.wsgi" in services["web"]["command"]
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


# --- The stack faces clients through nginx (issue 16, items 5 and 7) -------------------------------------------------


def _nginx_conf() -> str:
    return (REPO / "deploy" / "nginx.conf").read_text()


def _mounts(service: dict) -> dict[str, str]:
    """target -> source of a service's volumes (short syntax)."""
    out = {}
    for item in service.get("volumes", []):
        source, target, *_ = item.split(":")
        out[target] = source
    return out


def test_only_nginx_faces_clients_and_waits_for_a_healthy_web():
    services = _compose()["services"]
    assert "ports" not in services["web"], "web must not be reachable without the proxy (forged X-Forwarded-For)"
    assert services["nginx"]["ports"] == ["${WEB_PORT:-8000}:80"]
    assert services["nginx"]["depends_on"] == {"web": {"condition": "service_healthy"}}
    assert "healthcheck" in services["web"]
    for name in ("worker", "beat", "db", "redis"):
        assert "ports" not in services[name], name


def test_nginx_uses_the_repository_config_and_serves_the_static_volume_web_fills():
    compose = _compose()
    services = compose["services"]
    nginx, web = _mounts(services["nginx"]), _mounts(services["web"])
    assert nginx["/etc/nginx/nginx.conf"] == "./deploy/nginx.conf"
    assert (REPO / "deploy" / "nginx.conf").is_file()
    assert "static" in compose["volumes"]
    assert web["/app/staticfiles"] == "static"  # settings' STATIC_ROOT inside the image (WORKDIR /app)
    static_mount = next(target for target, source in nginx.items() if source == "static")
    assert re.search(r"location /static/ \{\s*alias " + re.escape(static_mount.rstrip("/")) + "/;", _nginx_conf())
    # Refreshed from the image at every start: a named volume keeps the files of the image that first filled it.
    command = services["web"]["command"]
    assert "collectstatic --no-input" in command
    assert command.index("collectstatic") < command.index("gunicorn")


def test_web_trusts_exactly_the_one_proxy_in_front_of_it():
    web = _compose()["services"]["web"]["environment"]
    assert web["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"
    for name in ("worker", "beat"):
        assert "TRUSTED_PROXY_COUNT" not in _compose()["services"][name]["environment"]
    conf = _nginx_conf()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "proxy_set_header Host $host;" in conf
    assert re.search(r"upstream app \{\s*server web:8000;", conf) and "proxy_pass http://app;" in conf


def test_nginx_holds_slow_clients_and_caps_bodies_like_the_app():
    conf = _nginx_conf()
    for directive in ("proxy_request_buffering on;", "proxy_buffering on;", "client_header_timeout", "send_timeout"):
        assert directive in conf, directive
    size = re.search(r"client_max_body_size (\d+)m;", conf)
    from apps.core.middleware import REQUEST_SLACK

    app_cap = 2 * 5 * 1024 * 1024 + REQUEST_SLACK  # the app's cap at the default INGEST_MAX_BYTES
    assert size and app_cap <= int(size.group(1)) * 1024 * 1024 < app_cap + 2 * 1024 * 1024


def test_gunicorn_runs_threaded_workers_from_one_config_everywhere():
    namespace: dict = {}
    exec((REPO / "deploy" / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own config file
    assert namespace["worker_class"] == "gthread" and namespace["threads"] >= 2
    assert namespace["workers"] >= 2 and namespace["timeout"] <= 120
    dockerfile = (REPO / "Dockerfile").read_text()
    assert 'CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"]' in dockerfile
    assert "collectstatic --no-input" in dockerfile


def test_the_readme_production_steps_collect_static_files_before_starting_gunicorn():
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Running on real infrastructure", 1)[1].split("\n### ", 1)[0]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    assert "collectstatic --no-input" in block
    assert "DJANGO_DEBUG=0" in block and "DJANGO_SECRET_KEY" in block
    assert block.index("collectstatic") < block.index("gunicorn -c deploy/gunicorn.conf.py config.wsgi")
