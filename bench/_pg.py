"""Shared set-up for the PostgreSQL benches: a bench database of its own, migrated, Django ready."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_ingest"


def setup(default_url: str = DEFAULT_URL) -> str:
    """Create (if needed) and migrate the bench database named by BENCH_DATABASE_URL; returns its URL."""
    import psycopg

    url = os.environ.get("BENCH_DATABASE_URL", default_url)
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.pop("CELERY_BROKER_URL", None)  # tasks inline
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def reset_ingest_tables() -> None:
    """Empty the ingestion tables of the bench database (never the project's own database)."""
    from django.db import connection

    assert "bench" in connection.settings_dict["NAME"], "refusing to truncate a non-bench database"
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE ingest_claimsource, ingest_claim_missions, ingest_claim, ingest_citedtarget, "
            "ingest_articleband, ingest_article, ingest_story RESTART IDENTITY CASCADE"
        )


def machine(**extra: str) -> dict:
    """What every bench result records about the machine: CPUs, architecture, load at the end, UTC time."""
    import datetime as dt
    import platform

    return {
        "cpus": os.cpu_count(),
        "arch": platform.machine(),
        "load_avg_end": [round(x, 2) for x in os.getloadavg()],
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        **extra,
    }


def write_result(name: str, result: dict) -> None:
    import json

    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n")
