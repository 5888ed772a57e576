"""Schemathesis against the live schema: GET endpoints and the submission; no 5xx, no schema violations."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token

from apps.ingest.models import ClaimSource
from tests.api.factories import (
    ArticleFactory,
    ClaimFactory,
    ContributionFactory,
    CountryFactory,
    GenderTargetFactory,
    MissionFactory,
    UserFactory,
    personnel_type,
    reported_figure_with_sources,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
MAX_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "10"))


def seed() -> str:
    """A little of everything, and a token that may submit."""
    vnm = CountryFactory(iso3="VNM", name="Viet Nam")
    unisfa = MissionFactory(acronym="UNISFA")
    for month in (1, 2, 4):
        ContributionFactory(country=vnm, mission=unisfa, month=dt.date(2022, month, 1), female=20, male=160)
    ContributionFactory(
        country=vnm, mission=None, personnel_type=personnel_type("staff-officer"), female=None, male=None, total=4
    )
    GenderTargetFactory()
    article = ArticleFactory(country=vnm)
    claim = ClaimFactory(article=article, country=vnm)
    claim.missions.add(unisfa)
    ClaimSource.objects.create(claim=claim, article=ArticleFactory(story=article.story), quote="q", start=0, end=1)
    reported_figure_with_sources(claims=[claim], country=vnm).missions.add(unisfa)
    user = UserFactory(username="fuzzer")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="ingest", codename="add_article"))
    return Token.objects.create(user=user).key


def test_schemathesis_finds_no_server_error_and_no_schema_violation(live_server, settings, monkeypatch, tmp_path):
    if not SCHEMATHESIS.exists() and not shutil.which("schemathesis"):
        pytest.fail("schemathesis is a dev dependency; install the [dev] extras")
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min", "submit": "100000/min"},
    }
    # Submitted URLs must not reach the network: the fetcher fails as an unreachable host would.
    from apps.ingest.pipeline import fetch

    def offline(url, **kwargs):
        raise fetch.FetchError("network disabled in the schemathesis run")

    monkeypatch.setattr(fetch, "fetch_url", offline)
    token = seed()
    report = tmp_path / "schemathesis.xml"
    command = [
        str(SCHEMATHESIS) if SCHEMATHESIS.exists() else "schemathesis",
        "run",
        f"{live_server.url}/api/v1/schema/",
        "--checks",
        "not_a_server_error,response_schema_conformance",
        f"--max-examples={MAX_EXAMPLES}",
        "--seed=20251125",
        "--phases=examples,coverage,fuzzing",
        "--generation-database=none",  # nothing written into the working tree
        "--include-method",
        "GET",
        "--include-method",
        "POST",
        "--header",
        f"Authorization: Token {token}",
        "--request-timeout=20",
        "--report=junit",
        f"--report-junit-path={report}",
        "--no-color",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"})
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "schemathesis.txt").write_text(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
