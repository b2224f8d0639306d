"""Process faults: SIGINT/SIGTERM mid-run stop gracefully (pending articles written, the run
recorded as interrupted); SIGKILL while articles wait in the spool loses none of them."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from tests.support.crawling import ROOT, backfill_args, crawl, crawl_command, nightly_command, rows
from tests.support.faults import (
    assert_accounted,
    failures,
    run_stats,
    stored_urls,
    url_of,
    window_articles,
)
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
SLOW = ["CONCURRENT_REQUESTS=1", "DOWNLOAD_DELAY=0.2"]


def _article_pages_served(replay: Any) -> int:
    asked = {url_of(p) for p in window_articles(replay)}
    return sum(
        1
        for _, host, target, status in list(replay.site.log)
        if status == 200 and f"https://{host}{target}".rstrip("/") in asked
    )


def _wait(condition: Any, process: subprocess.Popen[Any], what: str) -> None:
    wait_until(condition, what=what, process=process)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_mid_run_writes_pending_articles_and_records_an_interrupted_run(
    replay: Any, sqlite_url: str, tmp_path: Path, signum: int
) -> None:
    first, last = replay.site.window(10)
    # Batches of 50 written every 60 s: when the signal comes, every article so far is pending.
    command = nightly_command(
        replay,
        sqlite_url,
        tmp_path,
        *SLOW,
        "STORE_FLUSH_SECONDS=60",
        f"STORE_SPOOL_DIR={tmp_path / 'spool'}",
    ) + ["-a", "mode=backfill", "-a", f"since={first}", "-a", f"until={last}"]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _wait(lambda: _article_pages_served(replay) >= 5, process, "5 article pages")
    assert stored_urls(sqlite_url) == []  # all still pending in memory
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1, err[-3000:]  # an unclean finish, said so
    assert "nightly crawl ended: exit 1" in err
    run = rows(sqlite_url, "SELECT * FROM crawl_runs")[-1]
    assert (run.status, run.finish_reason) == ("interrupted", "shutdown")
    stored = stored_urls(sqlite_url)
    scraped = run_stats(run).get("item_scraped_count", 0)
    assert 5 <= len(stored) == scraped == run.articles_new < len(window_articles(replay))
    assert not list((tmp_path / "spool").rglob("*.jsonl"))

    again = crawl(replay, sqlite_url, *backfill_args(replay))  # the next run does the rest
    assert again.returncode == 0, again.stderr[-3000:]
    assert sorted(stored_urls(sqlite_url)) == sorted(url_of(p) for p in window_articles(replay))


def test_sigkill_while_articles_wait_in_the_spool_then_a_rerun_stores_each_exactly_once(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    env = {**os.environ, "DATABASE_URL": sqlite_url + "?timeout=0.2"}
    settings = [
        arg for s in [*SLOW, "STORE_BATCH_SIZE=2", f"STORE_SPOOL_DIR={spool}"] for arg in ("-s", s)
    ]
    process = subprocess.Popen(
        crawl_command(replay, *backfill_args(replay), *settings),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait(lambda: len(stored_urls(sqlite_url)) >= 2, process, "2 stored articles")
    holder = sqlite3.connect(make_url(sqlite_url).database, timeout=10)
    holder.execute("BEGIN IMMEDIATE")  # the store is locked: batches go to the spool
    spooled = lambda: sum(len(p.read_text().splitlines()) for p in spool.rglob("*.jsonl"))  # noqa: E731
    _wait(lambda: spooled() >= 4, process, "4 spooled articles")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    holder.rollback()
    holder.close()
    in_spool, before = spooled(), stored_urls(sqlite_url)
    waiting = {
        json.loads(line)["item"]["canonical_url"]
        for p in spool.rglob("*.jsonl")
        for line in p.read_text().splitlines()
    }
    assert in_spool >= 4 and len(waiting) == in_spool and not waiting & set(before)

    again = crawl(replay, sqlite_url, *backfill_args(replay), "-s", f"STORE_SPOOL_DIR={spool}")
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"wrote {in_spool} spooled articles" in again.stderr
    assert spooled() == 0 and not list(spool.rglob("*.jsonl"))
    runs = rows(sqlite_url, "SELECT id, status FROM crawl_runs ORDER BY id")
    assert [r.status for r in runs] == ["abandoned", "finished"]
    stored = stored_urls(sqlite_url)
    assert_accounted(
        {url_of(p) for p in window_articles(replay)}, stored, failures(sqlite_url, runs[-1].id)
    )
    assert len(stored) == len(window_articles(replay))
