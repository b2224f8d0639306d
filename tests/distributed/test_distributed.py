"""Distributed mode end to end: `crawler seed`, then 3 real `scrapy crawl inquirer` workers
sharing one Redis and one PostgreSQL, against a replay of 2,000 generated articles; then the
same with one worker killed (SIGKILL) mid-run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from crawler.distributed.queue import RequestQueue
from crawler.store.engine import upgrade_database
from replay import start_replay
from replay.corpus import serve_key
from tests.support.crawling import ROOT, crawl_command, rows
from tests.support.waiting import wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.redis, pytest.mark.postgres]
ARTICLES = 2000
WORKER = [
    "-s",
    "CONCURRENT_REQUESTS=16",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "-s",
    "DISTRIBUTED_IDLE_SECONDS=2",
    "-s",
    "DISTRIBUTED_HEARTBEAT_SECONDS=1",
    "-s",
    "DISTRIBUTED_HEARTBEAT_TTL=20",
    "-s",
    "PROGRESS_INTERVAL=0",
]
# For a worker that must not be reaped: a worker starved of CPU on a busy machine beats late,
# and a reaped live worker's requests would be fetched twice (the reaper's job, not theirs).
SLOW_REAPER = ["-s", "DISTRIBUTED_HEARTBEAT_TTL=120"]


@pytest.fixture(scope="module")
def big_replay() -> Iterator[Any]:
    server = start_replay(generate=ARTICLES, days=20, include_corpus=False)
    yield server
    server.shutdown()
    server.server_close()


class Run:
    """One distributed run: a fresh database, a Redis prefix of its own, seeded."""

    def __init__(
        self, replay: Any, database_url: str, redis_url: str, prefix: str, tmp: Path
    ) -> None:
        upgrade_database(database_url)
        self.replay, self.database_url, self.prefix, self.tmp = replay, database_url, prefix, tmp
        self.env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url}
        self.queue = RequestQueue(redis.Redis.from_url(redis_url), prefix)
        self.log_start = len(replay.site.log)
        days = replay.site.days()
        seeded = subprocess.run(
            [
                sys.executable,
                "-m",
                "crawler.cli.main",
                "seed",
                "--prefix",
                prefix,
                "--since",
                str(days[0]),
                "--until",
                str(days[-1]),
                "--feeds",
                "--sitemaps",
            ],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert seeded.returncode == 0, seeded.stderr[-2000:]
        self.run_id = seeded.stdout.splitlines()[0].removeprefix("RUN_ID=")
        assert " 20 index" in seeded.stdout, seeded.stdout

    def start(
        self, worker: str, *settings: str, log_name: str | None = None
    ) -> subprocess.Popen[bytes]:
        command = crawl_command(
            self.replay,
            "-s",
            f"DISTRIBUTED_KEY_PREFIX={self.prefix}",
            "-s",
            f"DISTRIBUTED_WORKER_ID={worker}",
            *WORKER,
            *settings,
        )
        with open(self.tmp / f"{log_name or worker}.log", "wb") as log:
            process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        process.log = self.tmp / f"{log_name or worker}.log"  # type: ignore[attr-defined]
        return process

    def wait(self, workers: dict[str, subprocess.Popen[bytes]]) -> None:
        for process in workers.values():
            process.wait(timeout=420)
            assert process.returncode == 0, process.log.read_text()[-3000:]  # type: ignore[attr-defined]

    def stored(self) -> int:
        return int(rows(self.database_url, "SELECT count(*) AS n FROM articles")[0].n)

    def article_fetches(self) -> Counter[tuple[str, str]]:
        """How often each article page was requested from the replay in this run."""
        log = self.replay.site.log[self.log_start :]
        return Counter(serve_key(host, target) for _, host, target, _ in log)

    def assert_every_article_stored_once(self) -> None:
        urls = [
            r.canonical_url for r in rows(self.database_url, "SELECT canonical_url FROM articles")
        ]
        expected = {page.url.rstrip("/") for page in self.replay.site.pages.values()}
        assert len(urls) == len(set(urls)) == ARTICLES
        assert set(urls) == expected
        assert self.queue.pending() == (0, 0) and self.queue.workers() == {}

    def crawl_runs(self) -> dict[str, Any]:
        """The run's crawl_runs rows by worker id (a restarted worker: its last row)."""
        found = rows(self.database_url, "SELECT * FROM crawl_runs ORDER BY id")
        assert {r.args["distributed_run"] for r in found} == {self.run_id}
        return {r.args["distributed_worker"]: r for r in found}

    def kill_while_holding(self, victim: subprocess.Popen[bytes], worker: str) -> tuple[int, int]:
        """SIGKILL ``victim`` once a quarter is stored, some by it, and it holds requests:
        ``(held, stored)``."""
        wait_until(
            lambda: (
                self.stored() >= ARTICLES // 4
                and self.queue.workers().get(worker, 0) > 0
                and self.stored_by_worker(worker) > 0
            ),
            what=f"a quarter of the articles stored, some by {worker}, while it holds requests",
            timeout=180,
            interval=0.1,
            process=victim,
        )
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        held = self.queue.workers().get(worker, 0)  # what the dead worker held: nobody acks it
        stored = self.stored()
        assert victim.returncode == -signal.SIGKILL and held > 0
        assert ARTICLES // 4 <= stored < ARTICLES
        return held, stored

    def refetched(self, held: int) -> int:
        """Article pages fetched more than once: never more than the dead worker held."""
        fetches = self.article_fetches()
        pages = self.replay.site.pages
        assert min(fetches[key] for key in pages) == 1
        again = sum(fetches[key] - 1 for key in pages)
        assert again <= held
        return again

    def summary(self, check: bool = True, passes: bool = True) -> str:
        """``crawler runs --distributed RUN --check`` (Redis from REDIS_URL, the prefix
        given): its output; it must exit 0 if ``passes``, else 1."""
        result = subprocess.run(
            [sys.executable, "-m", "crawler.cli.main", "runs", "--distributed", self.run_id]
            + ["--prefix", self.prefix]
            + (["--check"] if check else []),
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == (0 if passes else 1), result.stdout + result.stderr
        return result.stdout

    def stored_by_worker(self, worker: str) -> int:
        """Articles first stored by any crawl run of ``worker`` (PostgreSQL JSON)."""
        query = (
            "SELECT count(*) AS n FROM articles a JOIN crawl_runs r ON a.first_run_id = r.id "
            "WHERE r.args->>'distributed_worker' = :worker"
        )
        return int(rows(self.database_url, query, worker=worker)[0].n)

    def stored_by(self, crawl_run_id: int) -> int:
        """Articles the store ties to one worker's crawl run (first stored by it)."""
        query = f"SELECT count(*) AS n FROM articles WHERE first_run_id = {int(crawl_run_id)}"
        return int(rows(self.database_url, query)[0].n)


@pytest.fixture
def run(
    big_replay: Any, postgres_url: str, redis_url: str, redis_prefix: str, tmp_path: Path
) -> Run:
    return Run(big_replay, postgres_url, redis_url, redis_prefix, tmp_path)


def test_three_workers_store_and_fetch_every_article_exactly_once(run: Run) -> None:
    workers = {name: run.start(name, *SLOW_REAPER) for name in ("w1", "w2", "w3")}  # nobody dies
    run.wait(workers)
    run.assert_every_article_stored_once()
    fetches = run.article_fetches()
    pages = run.replay.site.pages
    twice = sorted(key for key in pages if fetches[key] != 1)
    assert not twice, twice[:10]  # not one article page fetched twice
    runs = run.crawl_runs()
    assert sorted(runs) == ["w1", "w2", "w3"]
    assert {r.status for r in runs.values()} == {"finished"}
    assert sum(r.articles_new for r in runs.values()) == ARTICLES
    assert sum(r.pages_fetched for r in runs.values()) == ARTICLES
    assert all(r.pages_fetched >= ARTICLES // 20 for r in runs.values())  # the work was shared
    assert all(r.stats["distributed/acked"] == r.stats["distributed/popped"] for r in runs.values())
    assert all(r.stats.get("distributed/requeued", 0) == 0 for r in runs.values())
    assert sum(run.stored_by(r.id) for r in runs.values()) == ARTICLES
    summary = run.summary()  # --check passes
    assert f"distributed run {run.run_id}: 3 worker(s)" in summary
    assert f"total: new {ARTICLES}, changed 0" in summary and "statuses: finished" in summary
    assert f"{ARTICLES} article URLs; {ARTICLES} in the store, 0 recorded as failed" in summary
    assert f"PASS item_count_minimum: {ARTICLES} articles" in summary
    assert f"PASS found_articles_stored: {ARTICLES} of {ARTICLES}" in summary


def test_a_worker_killed_mid_run_loses_nothing(run: Run) -> None:
    """Only w2, the one killed, beats with the short TTL: w1 and w3 are never reaped, so
    what is requeued is exactly what w2 held, however busy the machine."""
    workers = {
        name: run.start(name, *([] if name == "w2" else SLOW_REAPER)) for name in ("w1", "w2", "w3")
    }
    held, stored_at_kill = run.kill_while_holding(workers.pop("w2"), "w2")
    run.wait(workers)
    run.assert_every_article_stored_once()
    refetched = run.refetched(held)
    print(
        f"killed w2 holding {held} requests with {stored_at_kill} articles stored; "
        f"{refetched} article pages fetched a second time"
    )
    runs = run.crawl_runs()
    assert runs["w2"].status == "running"  # killed: it never closed its row
    assert {runs["w1"].status, runs["w3"].status} == {"finished"}
    requeued = sum(r.stats.get("distributed/requeued", 0) for r in (runs["w1"], runs["w3"]))
    assert requeued == held  # every request the dead worker held went back to the queue
    killed = run.stored_by(runs["w2"].id)
    assert killed > 0 and runs["w2"].articles_new == 0  # stored, but its row never closed
    summary = run.summary()  # --check passes: every article found is stored
    print(summary)
    assert "3 worker(s)" in summary and "statuses: finished, running" in summary
    line = next(x for x in summary.splitlines() if x.split()[1:3] == ["w2", "running"])
    assert line.split()[-8] == str(killed)  # the killed worker's articles, from the store
    assert f"total: new {ARTICLES}, changed 0" in summary
    assert f"PASS found_articles_stored: {ARTICLES} of {ARTICLES}" in summary


def test_a_killed_worker_restarted_under_its_id_requeues_what_it_held(run: Run) -> None:
    """systemd restarts a crashed unit under the same worker id, well before the others
    would reap it (a long heartbeat TTL here): the new process gives back the old one's."""
    workers = {name: run.start(name, *SLOW_REAPER) for name in ("w1", "w2", "w3")}
    held, _ = run.kill_while_holding(workers["w2"], "w2")
    workers["w2"] = run.start("w2", *SLOW_REAPER, log_name="w2-restarted")
    run.wait(workers)
    run.assert_every_article_stored_once()
    run.refetched(held)
    found = rows(run.database_url, "SELECT * FROM crawl_runs ORDER BY id")
    dead, restarted = [r for r in found if r.args["distributed_worker"] == "w2"]
    assert dead.status == "abandoned"  # the restart found its pid gone
    assert restarted.status == "finished" and restarted.stats["distributed/recovered"] == held
    assert all(r.stats.get("distributed/requeued", 0) == 0 for r in found if r.finished_at)


def test_the_check_fails_when_a_worker_drops_its_leases(run: Run) -> None:
    """A broken worker acks some article requests without crawling them: those articles are
    lost (nobody fetches them again), and `crawler runs --distributed RUN --check` says so."""
    broken = ["-s", "SCHEDULER=tests.support.brokenworker.LeaseDroppingScheduler"]
    workers = {"w1": run.start("w1", *SLOW_REAPER), "w2": run.start("w2", *SLOW_REAPER, *broken)}
    run.wait(workers)
    runs = run.crawl_runs()
    dropped = int(runs["w2"].stats.get("broken/dropped", 0))
    assert dropped > 0 and run.stored() == ARTICLES - dropped
    summary = run.summary(passes=False)
    print(summary)
    assert f"total: new {ARTICLES - dropped}, changed 0" in summary
    assert f"{ARTICLES} article URLs; {ARTICLES - dropped} in the store, 0 recorded" in summary
    assert f"PASS item_count_minimum: {ARTICLES - dropped} articles" in summary
    assert (
        f"FAIL found_articles_stored: {ARTICLES - dropped} of {ARTICLES} articles discovery "
        f"found are in the store ({ARTICLES - dropped}) or recorded as failed (0); "
        f"{dropped} missing: https://" in summary
    )
