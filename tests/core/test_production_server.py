"""The documented production path works with DEBUG off (issue 16, item 7): collectstatic into a STATIC_ROOT of its
own, then gunicorn started the way README, Dockerfile and compose start it (deploy/gunicorn.conf.py), with production
settings; a chart page's scripts and stylesheets all answer 200 with their type, and the page draws in Chromium.

Before the fix the README never ran collectstatic and every /static/ URL was a 404 with DEBUG off.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest

from tests.conftest import REPO, missing

pytestmark = [pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
CHART_PAGES = ["/", "/countries/VNM/"]
TYPES = {"script": ("text/javascript", "application/javascript"), "stylesheet": ("text/css",)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _production_env(tmp: Path, port: int) -> dict[str, str]:
    """Production settings (DEBUG off, a secret, no HTTPS redirect on plain localhost HTTP), nothing inherited
    from the test run's own database, cache or broker."""
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "WEB_")) and k not in {"DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL"}
    }
    return inherited | {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "CACHE_DIR": str(tmp / "cache"),
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "1",
        "WEB_THREADS": "2",
    }


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("production")
    port = _free_port()
    env = _production_env(tmp, port)
    _manage(env, "collectstatic", "--no-input", "-v", "0")
    assert (tmp / "static" / "staticfiles.json").is_file()
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "import_contributions", str(REPO / "tests" / "deployments" / "fixtures" / "un_monthly_small.csv"))
    log = (tmp / "gunicorn.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{(tmp / 'gunicorn.log').read_text()}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
        log.close()


def _assets(html: str) -> list[tuple[str, str]]:
    scripts = [("script", src) for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)]
    sheets = [
        ("stylesheet", href)
        for tag in re.findall(r"<link[^>]*>", html)
        if re.search(r'rel="?stylesheet"?', tag)
        for href in re.findall(r'href="([^"]+)"', tag)
    ]
    return scripts + sheets


@pytest.mark.parametrize("path", [*CHART_PAGES, "/api/v1/docs/"])
def test_every_script_and_stylesheet_of_a_page_loads_with_debug_off(server, path):
    with httpx.Client(base_url=server, timeout=30) as client:
        page = client.get(path)
        assert page.status_code == 200, page.text[:500]
        assets = _assets(page.text)
        assert any(kind == "script" for kind, _ in assets), "no script on the page"
        if path in CHART_PAGES:
            assert any("plotly-cartesian.min." in src for _, src in assets), assets
        for kind, src in assets:
            url = urljoin(f"{server}{path}", src)
            assert url.startswith(server), f"{src}: served from elsewhere"
            response = client.get(url)
            assert response.status_code == 200, f"{src}: {response.status_code}"
            content_type = response.headers["content-type"].split(";")[0].strip()
            assert content_type in TYPES[kind], f"{src}: {content_type}"
            assert len(response.content) > 0
            if "/static/" in src:
                # Collected names carry a content hash and are cached for long (whitenoise's manifest).
                assert re.search(r"\.[0-9a-f]{12}\.(?:js|css)$", src), src
                assert "max-age=315360000" in response.headers.get("cache-control", ""), src


def test_a_chart_page_draws_in_chromium_without_console_errors(server):
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} is absent (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    failed: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
            page.goto(f"{server}/countries/VNM/")
            page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30000)
        finally:
            browser.close()
    assert errors == [] and failed == [], (errors, failed)
