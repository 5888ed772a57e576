"""Fixtures for fault-injection tests: real services, real processes, failures injected from outside."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO, missing

# --- Broker and worker faults (test_worker_*.py, test_broker_*.py) ---------------------------------------------
# A private redis-server per test (so stopping it or filling it touches nothing else), Celery workers started as
# `celery -A config worker --pool prefork` in their own process group (so a SIGKILL reaches the main process and
# its children at once), pointed at the pytest test database (tests using them are transactional, so the
# worker sees committed rows).


def wait_until(condition: Callable[[], object], *, timeout: float, every: float = 0.2, what: str = "") -> object:
    """Poll until condition() is truthy and return it; fail after `timeout` seconds (a deadline, not a timing)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {timeout:.0f}s waiting for {what or condition}")
        time.sleep(every)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PrivateRedis:
    """A redis-server of this test's own, without persistence; stop() and start() keep its port."""

    workdir: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=2, socket_timeout=5)

    def ping(self) -> bool:
        try:
            return bool(self.client().ping())
        except Exception:  # noqa: BLE001 - down is an answer here
            return False

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir), "--logfile", str(self.workdir / f"redis-{self.port}.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until(self.ping, timeout=30, what=f"redis-server on port {self.port}")

    def stop(self) -> None:
        """The broker goes away: connections are refused until start()."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)
        self.proc = None
        wait_until(lambda: not self.ping(), timeout=30, what=f"redis-server on port {self.port} to stop")

    def freeze(self) -> None:
        """The broker hangs (SIGSTOP): connections are accepted by the kernel, nothing is answered."""
        self.proc.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.proc.send_signal(signal.SIGCONT)

    def pending(self) -> int:
        """Messages not finished: waiting in a queue, or taken by a worker and not acknowledged yet."""
        r = self.client()
        queued = sum(r.llen(k) for k in r.scan_iter() if r.type(k) == b"list")
        return queued + r.hlen("unacked")


@pytest.fixture
def private_redis(tmp_path) -> Iterator[PrivateRedis]:
    """A running private redis-server; the test may stop() and start() it."""
    if shutil.which("redis-server") is None:
        missing("needs the redis-server binary (apt-get install redis-server)")
    server = PrivateRedis(workdir=tmp_path)
    server.start()
    try:
        yield server
    finally:
        if server.proc is not None and server.proc.poll() is None:
            server.thaw()
            server.proc.kill()
            server.proc.wait(30)


def worker_database_url() -> str:
    """The pytest test database as a DATABASE_URL, for processes started by a test."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor != "postgresql":
        missing("a worker process needs the test database in PostgreSQL: set DATABASE_URL=postgres://...")
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


@dataclass
class Worker:
    """A `celery -A config worker` process group."""

    proc: subprocess.Popen
    log: Path

    def kill(self) -> None:
        """SIGKILL the main process and its pool children together: no warm or cold shutdown, nothing acked."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(30)

    def stop(self) -> None:
        """Warm shutdown (SIGTERM), then SIGKILL whatever is left of the group."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(60)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # pool children that outlived their parent
        except ProcessLookupError:
            pass
        if self.proc.poll() is None:
            self.proc.wait(30)

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def subprocess_env(broker_url: str, **extra: str) -> dict[str, str]:
    """The environment of a manage.py or celery process on the test database and the given broker."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": worker_database_url(),
        "CELERY_BROKER_URL": broker_url,
        **extra,
    }


@pytest.fixture
def start_worker(transactional_db, private_redis, tmp_path) -> Iterator[Callable[..., Worker]]:
    """start_worker(visibility_timeout=5): a prefork worker (concurrency 2) on the private Redis, ready."""
    started: list[Worker] = []

    def start(*, visibility_timeout: int = 900, concurrency: int = 2) -> Worker:
        log = tmp_path / f"worker-{len(started) + 1}.log"
        env = subprocess_env(
            private_redis.url,
            CELERY_VISIBILITY_TIMEOUT=str(visibility_timeout),
            CELERY_RESTORE_INTERVAL="1",
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "prefork",
             "--concurrency", str(concurrency), "-n", f"faults-{uuid.uuid4().hex[:8]}@%h", "-l", "info",
             "--without-gossip", "--without-mingle", "--without-heartbeat", f"--logfile={log}"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killpg reaches the pool children too
        )  # fmt: skip
        worker = Worker(proc=proc, log=log)
        started.append(worker)
        wait_until(
            lambda: " ready." in worker.text() or proc.poll() is not None, timeout=120, what="the worker to start"
        )
        if proc.poll() is not None:
            pytest.fail(f"celery worker exited with {proc.returncode}: {worker.text()[-3000:]}")
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()


@pytest.fixture
def use_broker(private_redis) -> Iterator[PrivateRedis]:
    """This test process sends tasks to the private Redis (as the web and command processes do), not inline."""
    from config.celery import app

    # The app reads Django settings in the CELERY_ namespace: overrides must use those names.
    saved = {"CELERY_TASK_ALWAYS_EAGER": app.conf.task_always_eager, "CELERY_BROKER_URL": app.conf.broker_url}
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=private_redis.url)
    assert app.conf.task_always_eager is False and app.conf.broker_url == private_redis.url
    app._pool = None  # the producer pool was made for the inline configuration
    app.amqp._producer_pool = None
    try:
        yield private_redis
    finally:
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None


# Articles written for these tests (our own sentences, not from the corpus), each with a figure to extract.
STORIES = [
    "Ghana deployed 120 peacekeepers, 30 of them women, to UNIFIL in March 2024. The contingent will serve in "
    "southern Lebanon for twelve months, the defence ministry said. Officers said the engineers among them will "
    "repair roads near the Blue Line and clear ground for new shelters.",
    "Nepal sent 160 police officers, including 40 women, to MINUSCA in May 2024. The formed police unit is based "
    "in Bangui. Its commander said the officers had trained in crowd management and first aid for six months.",
    "Kenya has dispatched 200 troops, among them 52 women, to UNMISS in June 2024, the army said on Monday. The "
    "battalion will patrol the roads around Malakal during the rainy season and escort aid convoys.",
    "Rwanda deployed a medical team of 64 personnel, 21 of them women, to MINUSCA in April 2024. The level-two "
    "hospital in Bria treats peacekeepers and residents, and the new team includes two surgeons.",
    "Bangladesh sent 180 peacekeepers, including 36 women, to MONUSCO in February 2024. The engineering company "
    "will build bridges in Ituri province, the armed forces press office said in a statement.",
    "Indonesia deployed 850 troops, 35 of them women, to UNIFIL in November 2023. The battalion took over "
    "positions near Adshit al-Qusayr. A ceremony in Jakarta marked the departure of the last flight.",
    "Senegal sent a formed police unit of 140 officers, including 28 women, to MINUSCA in January 2024. The "
    "officers will protect civilians in Bambari and train local police in community patrols.",
    "Zambia deployed 150 peacekeepers, 42 of them women, to MINUSCA in August 2023, the defence force said. "
    "The rapid reaction company is stationed in Kaga-Bandoro and will stay for one year.",
    "Mongolia sent 850 peacekeepers, including 84 women, to UNMISS in May 2024. The battalion protects a site "
    "for displaced people in Bentiu, and its female engagement team meets women leaders there every week.",
    "Uruguay deployed 45 military observers, 12 of them women, to MONUSCO in September 2023. The observers "
    "will monitor the ceasefire lines in North Kivu from a base near Goma, the navy said.",
    "Egypt sent 130 police officers, including 15 women, to MINUSCA in October 2023, the interior ministry "
    "announced. The unit replaced a contingent that had served in Bangui for a full year.",
    "Tanzania deployed 160 troops, among them 40 women, to MONUSCO in December 2023. The soldiers will secure "
    "the road between Beni and Butembo, according to a statement read on national television.",
    "Fiji sent 170 peacekeepers, including 18 women, to UNDOF in July 2024. The company guards observation "
    "posts on the Golan, and the government said it wants more women in the next rotation.",
    "Malaysia deployed 830 peacekeepers, 46 of them women, to UNIFIL in January 2024. The battalion runs a "
    "clinic that is open to villagers, the army chief told reporters at the airport.",
    "Ethiopia sent 550 troops, including 90 women, to UNISFA in March 2024. The soldiers patrol the Abyei "
    "area, where tensions between herding communities rose after the dry season began.",
    "Pakistan deployed 220 peacekeepers, 25 of them women, to MONUSCO in April 2024. The engagement team "
    "works with women's groups in South Kivu, a military spokesman said in Rawalpindi.",
    "India sent 175 police officers, including 160 women, to UNMISS in May 2024, the foreign ministry said. "
    "The all-women formed police unit will patrol displacement camps in Malakal.",
    "Morocco deployed 750 troops, 22 of them women, to MINUSCA in June 2024. The contingent guards the airport "
    "in Bangassou and escorts humanitarian convoys through the southeast of the country.",
    "Ireland sent 340 peacekeepers, including 33 women, to UNIFIL in October 2023, the defence forces said. "
    "The infantry group is based at Camp Shamrock and rotates every six months.",
    "Cambodia deployed 90 deminers, 18 of them women, to UNIFIL in February 2024. The team clears unexploded "
    "ordnance near the Blue Line, and its members trained for a year before the mission.",
    "Burkina Faso sent 140 police officers, including 35 women, to MONUSCO in August 2023. The officers are "
    "based in Bunia and will help train the national police in investigations.",
    "Chad deployed 260 troops, 16 of them women, to MINUSCA in September 2023. The battalion holds positions in "
    "the northeast near the border, and its commanders said the deployment will last one year.",
    "Cameroon sent 320 police officers, including 64 women, to MINUSCA in November 2023, officials said. The "
    "two formed police units will protect the electoral commission during the coming votes.",
    "Nigeria deployed 180 peacekeepers, 45 of them women, to UNMISS in December 2023. The medical team runs a "
    "hospital in Juba and will stay until the next rotation arrives at the end of the year.",
]
# The same story from other outlets: identical body, another tail. Near-duplicates: one story, shared claims.
TAILS = ["\nSource: Example Wire / Share this story", "\nRead more: related headlines from the region"]
BATCH = STORIES + [STORIES[i] + TAILS[i % 2] for i in range(16)]


# --- end of broker and worker faults ----------------------------------------------------------------------------


# --- PostgreSQL faults (test_import_*.py) -----------------------------------------------------------------------
# A private, throwaway PostgreSQL cluster per test: initdb into a temporary directory, its own port and socket
# directory, started and restarted with pg_ctl. Never the machine's main cluster (other people use it). initdb
# refuses to run as root, so as root every server command runs as the postgres user, in a directory it owns.


def _pg_bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return candidates[0].parent if candidates else None


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of this test's own: start(), restart(mode), stop(); url(dbname) to reach it."""

    bindir: Path
    root: Path
    port: int = field(default_factory=free_port)

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        if out.returncode != 0:
            pytest.fail(f"{' '.join(cmd)} failed ({out.returncode}): {out.stderr[-2000:]}\n{self.server_log()}")
        return out

    def server_log(self) -> str:
        try:
            return self.logfile.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def init(self) -> None:
        self._run("initdb", "-D", str(self.datadir), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = (
            f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.root}'\n"
            "max_connections = 20\nshared_buffers = 32MB\n"
        )
        conf = self.datadir / "postgresql.conf"
        conf.write_text(conf.read_text() + "\n# private test cluster\n" + options)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.datadir), "-l", str(self.logfile), "-w", "-t", "60", "start")

    def restart(self, mode: str = "immediate") -> None:
        """Restart the server; `immediate` kills every backend at once (a crash, then recovery on start)."""
        self._run("pg_ctl", "-D", str(self.datadir), "-l", str(self.logfile), "-w", "-t", "60", "-m", mode, "restart")

    def stop(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.datadir), "-w", "-t", "60", "-m", "immediate", "stop")

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    """A running private PostgreSQL cluster; stopped and deleted afterwards whatever happens."""
    import tempfile

    bindir = _pg_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        missing("needs the PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    # Not under pytest's tmp_path: as root that sits in a 0700 directory the postgres user cannot enter.
    root = Path(tempfile.mkdtemp(prefix="faults_pg_"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    cluster = PrivatePostgres(bindir=bindir, root=root)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)


# --- end of PostgreSQL faults -----------------------------------------------------------------------------------
