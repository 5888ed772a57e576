"""PostgreSQL restarted during an import (issue 8): the import fails cleanly, with no half-imported month and no
release recorded, and running it again imports the whole file.

A private cluster (tests/faults/conftest.py) is restarted with `pg_ctl restart -m immediate` while
`manage.py import_contributions` runs against it in a subprocess: once while the file is being staged, once
while the rows are being written into the contributions table.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from apps.deployments.reference import MISSIONS
from tests.conftest import REPO
from tests.faults.conftest import PrivatePostgres, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.faults]

HEADER = (
    "month_end,mission,contributor,contributor_iso3,contributor_as_printed,personnel_type,"
    "personnel_type_as_printed,female,male,total,source_pdf,quality_flags"
)
TYPES = ["Troops", "Staff Officer", "Experts on Mission", "Individual Police", "Formed Police Units"]
MONTHS = [f"{2019 + m // 12}-{m % 12 + 1:02d}-28" for m in range(40)]  # 2019-01 … 2022-04
LOST = "database connection lost during import; nothing from this file was kept; run the command again"


def write_file(path: Path) -> Counter:
    """200,000 rows over 40 months (100 countries × 10 missions × 5 types a month); returns rows per month."""
    countries = sorted(c.alpha_3 for c in pycountry.countries)[:100]
    missions = sorted(MISSIONS)[:10]
    per_month: Counter = Counter()
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER + "\n")
        for month in MONTHS:
            for n, iso3 in enumerate(countries):
                for mission in missions:
                    for ptype in TYPES:
                        women, men = n % 7, 20 + n
                        fh.write(
                            f"{month},{mission},C {iso3},{iso3},,{ptype},{ptype},{women},{men},{women + men},f.pdf,\n"
                        )
            per_month[f"{month[:7]}-01"] = len(countries) * len(missions) * len(TYPES)
    return per_month


class Import:
    """`manage.py import_contributions FILE` in a subprocess; its stderr is collected line by line as it comes."""

    def __init__(self, url: str, path: Path) -> None:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
        env.pop("CELERY_BROKER_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "import_contributions", str(path)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.err: list[str] = []
        self.out = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.err.append(line)

    def saw(self, text: str) -> bool:
        return any(text in line for line in list(self.err))

    def wait(self, timeout: float = 300) -> int:
        self.out = self.proc.stdout.read()
        code = self.proc.wait(timeout)
        self._reader.join(30)
        return code

    @property
    def stderr(self) -> str:
        return "".join(self.err)


def stored(url: str) -> tuple[dict[str, int], list[tuple]]:
    """Rows per month, and every DataRelease (file name, created)."""
    import psycopg

    with psycopg.connect(url) as conn:
        months = {
            m.isoformat(): n
            for m, n in conn.execute("SELECT month, count(*) FROM deployments_contribution GROUP BY month")
        }
        releases = conn.execute("SELECT file_name, created FROM deployments_datarelease").fetchall()
    return months, releases


def open_import_transaction(url: str) -> bool:
    """Whether a backend of the import is inside a transaction (reading, copying or writing)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
        ).fetchone()
    return row[0] > 0


@pytest.mark.parametrize(
    "moment",
    [
        # new months are COPYed straight into the table (keys dropped for the bulk load), then the keys are rebuilt
        pytest.param("… 100,000 rows read", id="while-copying"),  # two chunks read, the first one copied
        pytest.param("rebuilding", id="while-rebuilding"),  # every row in, the indexes and foreign keys being rebuilt
    ],
)
def test_a_restart_mid_import_keeps_nothing_and_a_rerun_imports_everything(
    private_postgres: PrivatePostgres, tmp_path, moment
):
    url = private_postgres.create_database("faults_import")
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
        cwd=REPO, env={**os.environ, "DATABASE_URL": url}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert migrate.returncode == 0, migrate.stderr
    path = tmp_path / "contributions_200k.csv"
    per_month = write_file(path)

    run = Import(url, path)
    try:
        wait_until(lambda: run.saw(moment) or run.proc.poll() is not None, timeout=240, what=repr(moment))
        assert run.proc.poll() is None, f"the import ended before the restart:\n{run.stderr[-3000:]}"
        assert open_import_transaction(url), "the import has no open transaction at the restart"
        private_postgres.restart("immediate")
        code = run.wait()
    finally:
        if run.proc.poll() is None:
            run.proc.kill()
            run.proc.wait(30)

    # A clear message, not a traceback, and a failing exit status.
    assert code != 0, run.out + run.stderr
    assert LOST in run.stderr, run.stderr[-3000:]
    assert f"{path}: " in run.stderr
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    # No month half-imported (in fact nothing at all: one transaction), and no release recorded.
    months, releases = stored(url)
    assert all(months.get(m, 0) in (0, n) for m, n in per_month.items()), months
    assert months == {} and releases == []

    again = Import(url, path)
    assert again.wait() == 0, again.stderr[-3000:]
    assert "created 200,000 · updated 0 · unchanged 0 · rejected 0" in again.out
    months, releases = stored(url)
    assert months == dict(per_month)
    assert releases == [(path.name, 200_000)]
