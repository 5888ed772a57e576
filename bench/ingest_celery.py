"""Ingestion at scale: a real Celery worker (2 prefork processes, Redis broker) processing N articles into PostgreSQL.

    .venv/bin/python bench/ingest_celery.py            # 10,000 articles (BENCH_ARTICLES=… for another N)

The development corpus is repeated with distinct URLs and a distinct first line per copy (as in
bench/ingest_postgres.py), so every copy is a new article that joins its original's story: stories of ~500 copies
are a worst case for the near-duplicate lookup. Articles are submitted through `article_ingest` (the path the API,
feeds and the `ingest` command take), which stores each one and sends its task to Redis db 5; the worker started
here (`celery -A ingest_celery worker --concurrency 2 --pool prefork`: the project's Celery app, plus timers
around the pipeline stages installed in each worker process) processes them.

Reported: articles/s overall, time per stage (read, clean, date, language, fingerprints, extract, near-duplicate
lookup, database write; summed per article by timers in the worker processes and pushed to Redis), compared with
the one-process pipeline on the same machine at the same moment; peak RSS of each worker process sampled every
second (VmHWM/VmRSS), and RSS when 1k, 5k and 10k articles were done; counts and a duplicate-claim check.
Database: bench_ingest_celery (created, migrated, official snapshot loaded once for countries and missions; the
ingestion tables are emptied at each run). Writes bench/results/ingest_celery.json.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_ingest_celery")
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/5")  # never db 15: the tests use it
STAGE_KEY = "bench:ingest_celery:stages"
STAGES = ["read", "clean", "date", "language", "fingerprint", "extract", "pipeline_other", "dedupe_lookup", "db_write"]
STAGE_LABEL = {
    "read": "read (claim the row, load the article)",
    "clean": "clean (text/HTML)",
    "date": "publication date",
    "language": "language",
    "fingerprint": "fingerprints (hash, MinHash)",
    "extract": "extract figures",
    "pipeline_other": "pipeline, rest",
    "dedupe_lookup": "near-duplicate lookup (locks, candidates, verify)",
    "db_write": "database write + commit",
    "task_overhead": "Celery overhead (task - article_process)",
}


# --- worker side: `celery -A ingest_celery worker` imports this module ----------------------------------------

_current: dict[str, float] = {}


def _timed(stage: str, fn):
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _current[stage] = _current.get(stage, 0.0) + time.perf_counter() - t0

    wrapper.__wrapped__ = fn
    return wrapper


def _install_timers(**_: object) -> None:
    """Wrap the stages where they are looked up (module globals), in this worker process only."""
    import redis

    from apps.ingest.pipeline import batch
    from apps.ingest.services import processing, stories

    for name in ("clean_text", "clean_html"):
        setattr(batch, name, _timed("clean", getattr(batch, name)))
    batch.find_published = _timed("date", batch.find_published)
    batch.detect_language = _timed("language", batch.detect_language)
    for name in ("content_hash", "minhash_signature", "salient_signature", "count_numbers"):
        setattr(batch, name, _timed("fingerprint", getattr(batch, name)))
    processing.fingerprint = _timed("fingerprint", processing.fingerprint)
    if batch.extract is not None:
        batch.extract = _timed("extract", batch.extract)
    stories.story_assign = _timed("dedupe_lookup", stories.story_assign)

    real_process = processing.process_article
    real_article_process = processing.article_process

    def process(*args, **kwargs):
        _current.setdefault("read", time.perf_counter() - _current["_start"])
        t0 = time.perf_counter()
        try:
            return real_process(*args, **kwargs)
        finally:
            _current["_pipeline"] = _current.get("_pipeline", 0.0) + time.perf_counter() - t0

    def article_process(**kwargs):
        _current["_start"] = time.perf_counter()
        try:
            return real_article_process(**kwargs)
        finally:
            _current["_article_process"] = time.perf_counter() - _current["_start"]

    processing.process_article = process
    processing.article_process = article_process
    _current["_redis"] = redis.Redis.from_url(BROKER)  # type: ignore[assignment]


def _task_start(task=None, **_: object) -> None:
    client = _current.get("_redis")
    _current.clear()
    _current["_redis"] = client  # type: ignore[assignment]
    _current["_task_start"] = time.perf_counter()


def _task_end(task=None, retval=None, state=None, **_: object) -> None:
    if task is None or not task.name.endswith("article_process") or "_article_process" not in _current:
        return
    total = time.perf_counter() - _current["_task_start"]
    stages = {k: v for k, v in _current.items() if not k.startswith("_")}
    stages.setdefault("read", _current["_article_process"])
    pipeline = _current.get("_pipeline", 0.0)
    inner = sum(stages.get(s, 0.0) for s in ("clean", "date", "language", "fingerprint", "extract"))
    stages["pipeline_other"] = max(pipeline - inner, 0.0)
    stages["db_write"] = max(
        _current["_article_process"] - stages["read"] - pipeline - stages.get("dedupe_lookup", 0), 0
    )
    stages["task_overhead"] = max(total - _current["_article_process"], 0.0)
    record = {"pid": os.getpid(), "status": retval, "total": total, "end": time.time(), **stages}
    _current["_redis"].rpush(STAGE_KEY, json.dumps(record))  # type: ignore[union-attr]


if __name__ != "__main__":
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from celery.signals import task_postrun, task_prerun, worker_process_init

    from config.celery import app  # noqa: F401 - the app `celery -A ingest_celery` runs

    worker_process_init.connect(_install_timers, weak=False)
    task_prerun.connect(_task_start, weak=False)
    task_postrun.connect(_task_end, weak=False)


# --- the bench itself ---------------------------------------------------------------------------------------


def _setup() -> None:
    """Create (once) and migrate the bench database, load the official snapshot (skips when loaded)."""
    from urllib.parse import urlsplit

    import psycopg

    name = urlsplit(DB_URL).path.lstrip("/")
    assert "bench" in name, "refusing a database whose name does not say bench"
    with psycopg.connect(DB_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = DB_URL
    os.environ["CELERY_BROKER_URL"] = BROKER
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from apps.deployments.models import Country

    if not Country.objects.exists():
        call_command("load_snapshot", verbosity=0)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def _mem_kb(pid: int) -> dict[str, int]:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line[:5]] = int(line.split()[1])
    except OSError:
        pass
    return out


def _corpus() -> list[dict]:
    shared = Path(os.environ.get("PEACEKEEPING_SHARED", REPO.parent / "shared"))
    with (shared / "corpus" / "dev.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _copy(rec: dict, n: int) -> dict:
    # The same scheme as bench/ingest_postgres.py: a new URL and a new first line, the same story.
    return {
        **rec,
        "url": f"{rec['url']}{'&' if '?' in rec['url'] else '?'}copy={n}",
        "text": f"Copy {n} of this report.\n{rec['text']}",
    }


def _dry_run_reference(records: list[dict]) -> dict:
    """The pipeline alone in this process (no database, no Celery), on 10 copies of the corpus, right now."""
    from apps.ingest.pipeline.batch import dry_run, process_article
    from apps.ingest.pipeline.readers import RawArticle

    raws = [
        RawArticle(source=f"bench:{n}:{r['id']}", url=c["url"], title=r.get("title"), published=None, text=c["text"])
        for n in range(10)
        for r in records
        for c in [_copy(r, n)]
    ]
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    for raw in raws:
        process_article(raw)
    seconds = time.perf_counter() - t0
    base = dry_run(raws[: len(records)])
    from apps.ingest.pipeline.records import Figure
    from apps.ingest.services.claims import figure_fingerprint

    stories: dict[str, set[str]] = {}
    for art in base["articles"]:
        figs = [Figure(**{("source" if k == "in" else k): v for k, v in f.items()}) for f in art["figures"]]
        stories.setdefault(art["story"], set()).update(figure_fingerprint(f) for f in figs)
    return {
        "articles": len(raws),
        "articles_per_s": round(len(raws) / seconds, 1),
        "ms_per_article": round(seconds / len(raws) * 1000, 2),
        "load_1min": [round(load0, 2), round(os.getloadavg()[0], 2)],
        "expected_stories": len(stories),
        "expected_claims": sum(len(fps) for fps in stories.values()),
        # The same figure told in two different stories is two claims (one per story), not a duplicate.
        "expected_fingerprints_in_more_than_one_story": sum(
            1 for fp in set().union(*stories.values()) if sum(fp in fps for fps in stories.values()) > 1
        ),
    }


def _start_worker(log_path: Path):
    import subprocess

    env = {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "CELERY_BROKER_URL": BROKER,
        # As deployed: with DEBUG on, Django keeps the last 9,000 queries of each process (RSS that is not ours).
        "DJANGO_DEBUG": os.environ.get("BENCH_WORKER_DEBUG", "0"),
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    celery = Path(sys.executable).with_name("celery")
    cmd = [str(celery), "-A", "ingest_celery", "worker", "--concurrency", "2", "--pool", "prefork", "-l", "warning"]
    log = log_path.open("w")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    return proc, cmd


def _stop_worker(proc) -> None:
    import signal

    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # warm shutdown of the worker we started, by its own pid
        try:
            proc.wait(60)
        except Exception:  # noqa: BLE001 - still there after a minute: stop it hard
            proc.kill()
            proc.wait(10)


def _stats(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    if not values:
        return {"mean_ms": 0.0, "p50_ms": 0.0, "p95_ms": 0.0}
    return {
        "mean_ms": round(sum(values) / len(values) * 1000, 2),
        "p50_ms": round(values[len(values) // 2] * 1000, 2),
        "p95_ms": round(values[min(len(values) - 1, int(len(values) * 0.95))] * 1000, 2),
    }


def main() -> int:  # noqa: C901 - one linear script
    import threading

    import redis

    target = int(os.environ.get("BENCH_ARTICLES", "10000"))
    timeout = float(os.environ.get("BENCH_TIMEOUT_S", "2700"))
    _setup()
    from django.db import connection
    from django.db.models import Count

    from apps.ingest.models import Article, ClaimSource, Story
    from apps.ingest.models import Claim as ClaimModel
    from apps.ingest.services import article_ingest

    r = redis.Redis.from_url(BROKER)
    r.ping()
    assert "bench" in connection.settings_dict["NAME"]
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE ingest_claimsource, ingest_claim_missions, ingest_claim, ingest_citedtarget, "
            "ingest_articleband, ingest_article, ingest_story RESTART IDENTITY CASCADE"
        )
    r.flushdb()  # db 5 is this bench's own: stale tasks and timings from an interrupted run go

    records = _corpus()
    print(f"dry-run reference (one process, {len(records) * 10} articles)…", flush=True)
    dry = _dry_run_reference(records)
    print(f"  {dry['articles_per_s']} articles/s, {dry['ms_per_article']} ms/article, load {dry['load_1min']}")
    batch = [_copy(rec, n) for n in range(-(-target // len(records))) for rec in records][:target]

    log_path = Path(os.environ.get("BENCH_WORKER_LOG", "/tmp/bench_ingest_celery_worker.log"))
    proc, cmd = _start_worker(log_path)
    samples: list[dict] = []
    peaks: dict[int, dict[str, int]] = {}
    state = {"done": 0, "stop": False}

    checkpoints: dict[int, dict] = {}
    marks = sorted({m for m in (1000, 5000, 10000) if m <= len(batch)} | {len(batch)})

    def sample() -> None:
        """Every second: RSS of the worker's processes and articles done (one timing record each, in Redis);
        every 10 s a progress line, also while articles are still being submitted."""
        counter = redis.Redis.from_url(BROKER)
        t0 = time.time()
        last_print = 0.0
        while not state["stop"]:
            done = counter.llen(STAGE_KEY)
            kids = _children(proc.pid)
            row = {"t": round(time.time() - t0, 1), "done": done, "load": round(os.getloadavg()[0], 2)}
            for pid in [proc.pid, *kids]:
                mem = _mem_kb(pid)
                if mem:
                    row[str(pid)] = mem.get("VmRSS", 0)
                    peak = peaks.setdefault(pid, {"role": "main" if pid == proc.pid else "child", "VmHWM": 0})
                    peak["VmHWM"] = max(peak["VmHWM"], mem.get("VmHWM", 0))
                    peak["VmRSS_last"] = mem.get("VmRSS", 0)
            samples.append(row)
            for m in marks:
                if m not in checkpoints and done >= m:
                    checkpoints[m] = {
                        "elapsed_s": row["t"],
                        "done": done,
                        "rss_mb": {str(pid): round(row.get(str(pid), 0) / 1024, 1) for pid in kids},
                        "hwm_mb": {str(pid): round(peaks.get(pid, {}).get("VmHWM", 0) / 1024, 1) for pid in kids},
                        "load": row["load"],
                    }
            if row["t"] - last_print >= 10:
                rss = ", ".join(f"{pid}: {row.get(str(pid), 0) / 1024:.0f} MB" for pid in kids)
                print(
                    f"  {row['t']:7.1f}s  done {done:6d}/{len(batch)}  {done / max(row['t'], 1e-9):6.1f}/s  "
                    f"RSS {rss}  load {row['load']:.2f}",
                    flush=True,
                )
                last_print = row["t"]
            time.sleep(1)

    try:
        # Ready = both pool processes forked and answering a broadcast ping.
        from config.celery import app

        t_wait = time.time()
        while not (len(_children(proc.pid)) >= 2 and app.control.ping(timeout=1.0)):
            if proc.poll() is not None or time.time() - t_wait > 120:
                raise RuntimeError(f"worker did not start; see {log_path}")
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        load_start = os.getloadavg()
        print(f"worker pid {proc.pid}, children {_children(proc.pid)}; submitting {len(batch)} articles", flush=True)

        t_submit = time.time()
        for i, rec in enumerate(batch, 1):
            article_ingest(url=rec["url"], text=rec["text"], title=rec.get("title"), via=Article.Via.COMMAND)
            if i % 2000 == 0:
                print(f"  submitted {i}", flush=True)
        submit_s = time.time() - t_submit

        t_done = None
        while True:
            counts = dict(Article.objects.values_list("status").annotate(n=Count("pk")).order_by())
            state["done"] = counts.get("processed", 0) + counts.get("failed", 0)
            now = time.time()
            if state["done"] >= len(batch):
                t_done = now
                time.sleep(1.5)  # one more sample at the end
                break
            if proc.poll() is not None:
                raise RuntimeError(f"worker exited with {proc.returncode}; see {log_path}")
            if now - t_submit > timeout:
                print(f"  timed out after {timeout:.0f}s", flush=True)
                break
            time.sleep(1)
        wall = (t_done or time.time()) - t_submit
        load_end = os.getloadavg()
    finally:
        state["stop"] = True
        _stop_worker(proc)

    records_raw = r.lrange(STAGE_KEY, 0, -1)
    stage_rows = [json.loads(x) for x in records_raw]
    per_stage = {s: _stats([row.get(s, 0.0) for row in stage_rows]) for s in [*STAGES, "task_overhead", "total"]}
    task_total = sum(row["total"] for row in stage_rows) or 1e-9
    for s in [*STAGES, "task_overhead"]:
        per_stage[s]["share_%"] = round(sum(row.get(s, 0.0) for row in stage_rows) / task_total * 100, 1)
    first_end = min((row["end"] for row in stage_rows), default=t_submit)
    last_end = max((row["end"] for row in stage_rows), default=t_submit)
    pipeline_ms = sum(
        per_stage[s]["mean_ms"] for s in ("clean", "date", "language", "fingerprint", "extract", "pipeline_other")
    )

    counts = dict(Article.objects.values_list("status").annotate(n=Count("pk")).order_by())
    dup_claims = ClaimModel.objects.values("story_id", "fingerprint").annotate(n=Count("pk")).filter(n__gt=1).count()
    dup_sources = ClaimSource.objects.values("claim_id", "article_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    # Every copy of a story must land in one story: a figure counted in two stories would be a duplicate claim.
    fp_in_many = (
        ClaimModel.objects.values("fingerprint").annotate(n=Count("story", distinct=True)).filter(n__gt=1).count()
    )
    done = counts.get("processed", 0) + counts.get("failed", 0)
    result = {
        "database": DB_URL.rsplit("@", 1)[-1],
        "broker": BROKER,
        "worker_command": " ".join(["celery", *cmd[1:]]),
        "worker_django_debug": os.environ.get("BENCH_WORKER_DEBUG", "0"),
        "machine": {"cpus": os.cpu_count()},
        "articles_submitted": len(batch),
        "articles_processed": counts.get("processed", 0),
        "articles_failed": counts.get("failed", 0),
        "articles_not_done": len(batch) - done,
        "stories": Story.objects.count(),
        "stories_expected": dry["expected_stories"],
        "claims": ClaimModel.objects.count(),
        "claims_expected": dry["expected_claims"],
        "claim_sources": ClaimSource.objects.count(),
        "duplicate_claims_same_story": dup_claims,
        "duplicate_claim_sources": dup_sources,
        "fingerprints_in_more_than_one_story": fp_in_many,
        "fingerprints_in_more_than_one_story_expected": dry["expected_fingerprints_in_more_than_one_story"],
        "submit_s": round(submit_s, 1),
        "submit_articles_per_s": round(len(batch) / submit_s, 1),
        "wall_s": round(wall, 1),
        "articles_per_s": round(done / wall, 2),
        "worker_span_articles_per_s": round(len(stage_rows) / max(last_end - t_submit, 1e-9), 2),
        "first_task_end_s": round(first_end - t_submit, 1),
        "stage_ms_per_article": per_stage,
        # The lookup per article as the run grows (tasks in the order they finished, windows of 250).
        "dedupe_lookup_ms_by_progress": [
            {"done": f"{i + 1}-{i + len(win)}", **_stats([row.get("dedupe_lookup", 0.0) for row in win])}
            for i in range(0, len(stage_rows), 250)
            for win in [stage_rows[i : i + 250]]
        ],
        "pipeline_ms_per_article_in_worker": round(pipeline_ms, 2),
        "dry_run_reference": dry,
        "load_1min": {"start": round(load_start[0], 2), "end": round(load_end[0], 2)},
        "load_1min_during": {
            "min": min((s["load"] for s in samples), default=None),
            "max": max((s["load"] for s in samples), default=None),
            "mean": round(sum(s["load"] for s in samples) / max(len(samples), 1), 2),
        },
        "rss_peak_mb": {
            str(pid): {**p, "VmHWM": round(p["VmHWM"] / 1024, 1), "VmRSS_last": round(p.get("VmRSS_last", 0) / 1024, 1)}
            for pid, p in peaks.items()
        },
        "rss_at": checkpoints,
        "rss_samples_every_10s": samples[::10],
        "time_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }
    r.delete(STAGE_KEY)

    print()
    print(f"{'measure':44} value")
    for key in (
        "articles_submitted", "articles_processed", "articles_failed", "articles_not_done", "stories",
        "stories_expected", "claims", "claims_expected", "claim_sources", "duplicate_claims_same_story",
        "duplicate_claim_sources", "fingerprints_in_more_than_one_story",
        "fingerprints_in_more_than_one_story_expected", "submit_articles_per_s", "wall_s",
        "articles_per_s", "worker_span_articles_per_s", "pipeline_ms_per_article_in_worker", "load_1min",
        "load_1min_during",
    ):  # fmt: skip
        print(f"{key:44} {result[key]}")
    print(f"{'dry run, one process, same moment':44} {dry['articles_per_s']} articles/s ({dry['ms_per_article']} ms)")
    print()
    print(f"{'stage (per article, in the worker)':52} {'mean ms':>8} {'p50':>8} {'p95':>8} {'share':>7}")
    for s in [*STAGES, "task_overhead", "total"]:
        st = per_stage[s]
        share = f"{st['share_%']}%" if "share_%" in st else ""
        print(f"{STAGE_LABEL.get(s, s):52} {st['mean_ms']:8.2f} {st['p50_ms']:8.2f} {st['p95_ms']:8.2f} {share:>7}")
    print()
    print("RSS of the worker's pool processes (MB) when N articles were done:")
    for cp in checkpoints.values():
        print(f"  {cp['done']:6d}: RSS {cp['rss_mb']}  peak {cp['hwm_mb']}  (at {cp['elapsed_s']}s, load {cp['load']})")
    print(f"peak RSS (VmHWM) per process: { {pid: p['VmHWM'] for pid, p in result['rss_peak_mb'].items()} }")

    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / os.environ.get("BENCH_OUT", "ingest_celery.json")).write_text(json.dumps(result, indent=1) + "\n")
    ok = (
        done == len(batch)
        and dup_claims == dup_sources == 0
        and (result["stories"], result["claims"]) == (dry["expected_stories"], dry["expected_claims"])
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
