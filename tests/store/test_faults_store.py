"""Store faults: the database locked (SQLite busy) or gone (PostgreSQL stopped) mid-run.
Items are spooled to disk and written after recovery; what is still unwritten at the end
fails the run and is named; pages asked = articles stored + pages reported, always."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from crawler.store.engine import make_engine, make_session_factory, upgrade_database
from crawler.store.errors import StoreUnavailable
from crawler.store.outage import OutageTolerantWriter
from crawler.store.repository import ArticleRepository, UpsertResult
from crawler.store.spool import Spool
from tests.support.crawling import ROOT, backfill_args, crawl_command, nightly_command
from tests.support.factories import make_item
from tests.support.faults import (
    assert_accounted,
    failures,
    last_run,
    run_stats,
    stored_urls,
    url_of,
    window_articles,
)
from tests.support.pgserver import ThrowawayPostgres
from tests.support.waiting import wait_until

SLOW = [
    "-s",
    "CONCURRENT_REQUESTS=1",
    "-s",
    "DOWNLOAD_DELAY=0.1",
    "-s",
    "STORE_BATCH_SIZE=2",
    "-s",
    "STORE_RETRY_BACKOFF_MAX=1",
]


class FlakyStore:
    def __init__(self) -> None:
        self.down, self.calls, self.written = False, 0, []

    def upsert(self, items: Any, http: Any) -> list[UpsertResult]:
        self.calls += 1
        if self.down:
            raise StoreUnavailable("OperationalError: connection refused")
        self.written += [item.canonical_url for item in items]
        return [UpsertResult(item.canonical_url, "new") for item in items]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.01)


def entries(*numbers: int) -> list[Any]:
    return [(make_item(n), {"etag": f'"{n}"'}) for n in numbers]


def test_an_outage_spools_batches_without_hammering_and_writes_them_in_order(
    tmp_path: Path,
) -> None:
    store, clock = FlakyStore(), Clock()
    writer = OutageTolerantWriter(
        store.upsert, Spool(tmp_path, "sqlite:///a.db"), 2, clock=clock, sleep=clock.sleep
    )
    assert [r.outcome for r in writer.write(entries(1, 2))] == ["new", "new"]
    store.down = True
    assert (
        writer.write(entries(3, 4)) == [] and len(writer.spool.path.read_text().splitlines()) == 2
    )
    calls = store.calls
    assert writer.write(entries(5)) == [] and store.calls == calls  # backing off: not retried
    lines = writer.spool.path.read_text().splitlines()
    assert [json.loads(line)["item"]["canonical_url"] for line in lines] == [
        make_item(n).canonical_url for n in (3, 4, 5)
    ]
    clock.now, store.down = 1.5, False
    assert len(writer.write(entries(6))) == 4
    assert store.written == [make_item(n).canonical_url for n in range(1, 7)]  # order kept
    assert writer.spool.files() == [] and writer.outage_since is None


def test_what_stays_unwritten_is_reported_and_the_next_run_writes_it(
    tmp_path: Path, caplog: Any
) -> None:
    store, clock = FlakyStore(), Clock()
    store.down = True
    first = OutageTolerantWriter(
        store.upsert, Spool(tmp_path, "sqlite:///a.db"), 2, clock=clock, sleep=clock.sleep
    )
    first.write(entries(1, 2, 3))
    results, unwritten = first.finish(wait_seconds=5)
    assert results == [] and unwritten == {first.spool.path: 3} and clock.now >= 5
    first.spool.close()
    with first.spool.path.open("a") as handle:
        handle.write('{"item": {"url": "cut sho')  # a line torn by a kill
    store.down = False
    later = OutageTolerantWriter(store.upsert, Spool(tmp_path, "sqlite:///a.db"), 2)
    assert later.spool.directory == first.spool.directory  # same database, same spool
    assert len(later.drain_leftovers()) == 3 and not first.spool.path.exists()
    assert "unreadable and skipped" in caplog.text
    other = Spool(tmp_path, "sqlite:///b.db")  # another database never sees it
    assert other.directory != first.spool.directory


def test_a_database_away_is_unavailable_but_a_bad_item_fails_alone(
    sqlite_url: str, postgres_url: str
) -> None:
    holder = sqlite3.connect(make_url(sqlite_url).database, timeout=5)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    locked = ArticleRepository(make_session_factory(make_engine(sqlite_url + "?timeout=0.1")))
    with pytest.raises(StoreUnavailable, match="database is locked"):
        locked.upsert_articles([make_item(1), make_item(2)])
    holder.rollback()
    gone = ArticleRepository(
        make_session_factory(make_engine("postgresql+psycopg://postgres:pw@127.0.0.1:1/nowhere"))
    )
    with pytest.raises(StoreUnavailable, match="Connection refused"):
        gone.upsert_article(make_item(1))
    upgrade_database(postgres_url)
    repo = ArticleRepository(make_session_factory(make_engine(postgres_url)))
    bad = make_item(2, body="a NUL \x00 PostgreSQL refuses")
    assert [r.outcome for r in repo.upsert_articles([make_item(1), bad])] == ["new", "failed"]


def _stored_count(url: str) -> int:
    try:
        return len(stored_urls(url))
    except Exception:  # the crawl has not created its tables yet, or the store is down
        return 0


def _wait_for_articles(url: str, count: int, process: subprocess.Popen[str]) -> None:
    wait_until(
        lambda: _stored_count(url) >= count,
        what=f"the crawl to store {count} articles",
        interval=0.1,
        process=process,
    )


def _spooled_count(spool: Path) -> int:
    """Articles waiting in the spool files under ``spool`` (one JSON line each)."""
    count = 0
    for path in spool.rglob("*.jsonl"):
        try:
            count += len(path.read_text(encoding="utf-8").splitlines())
        except FileNotFoundError:  # written to the store and removed meanwhile
            pass
    return count


def _wait_for_spooled(spool: Path, count: int, process: subprocess.Popen[str]) -> None:
    wait_until(
        lambda: _spooled_count(spool) >= count,
        what=f"the crawl to spool {count} articles while the store is down",
        interval=0.1,
        process=process,
    )


@pytest.mark.e2e
def test_sqlite_locked_mid_run_articles_are_spooled_and_written_after(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    env = {**os.environ, "DATABASE_URL": sqlite_url + "?timeout=0.2"}
    command = crawl_command(
        replay, *backfill_args(replay), *SLOW, "-s", f"STORE_SPOOL_DIR={tmp_path / 'spool'}"
    )
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _wait_for_articles(sqlite_url, 4, process)
    holder = sqlite3.connect(make_url(sqlite_url).database, timeout=10)
    holder.execute("BEGIN IMMEDIATE")
    _wait_for_spooled(tmp_path / "spool", 2, process)
    holder.rollback()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-3000:]
    assert "store unavailable (OperationalError: database is locked)" in err
    assert "store is back after" in err
    run = last_run(sqlite_url)
    assert run.status == "finished" and run_stats(run)["store/spooled"] >= 2
    asked = {url_of(p) for p in window_articles(replay)}
    assert_accounted(asked, stored_urls(sqlite_url), failures(sqlite_url, run.id))
    assert set(stored_urls(sqlite_url)) == asked and run.articles_new == len(asked)
    assert not list((tmp_path / "spool").rglob("*.jsonl"))


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[ThrowawayPostgres]:
    server = ThrowawayPostgres()
    yield server
    server.remove()


@pytest.fixture
def own_db(own_postgres: ThrowawayPostgres) -> str:
    name = f"outage_{uuid.uuid4().hex[:8]}"
    admin = create_engine(own_postgres.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(own_postgres.url).set(database=name).render_as_string(hide_password=False)
    upgrade_database(url)
    return url


def _served_article_urls(replay: Any, asked: set[str]) -> set[str]:
    return {
        f"https://{host}{target}".rstrip("/")
        for _, host, target, status in replay.site.log
        if status == 200 and f"https://{host}{target}".rstrip("/") in asked
    }


@pytest.mark.e2e
def test_postgres_stopped_and_restarted_mid_run_loses_nothing(
    replay: Any, own_postgres: ThrowawayPostgres, own_db: str, tmp_path: Path
) -> None:
    env = {**os.environ, "DATABASE_URL": own_db}
    command = crawl_command(
        replay, *backfill_args(replay), *SLOW, "-s", f"STORE_SPOOL_DIR={tmp_path / 'spool'}"
    )
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _wait_for_articles(own_db, 4, process)
    own_postgres.stop()
    _wait_for_spooled(tmp_path / "spool", 1, process)
    own_postgres.start()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-3000:]
    assert "store unavailable" in err and "store is back after" in err
    run = last_run(own_db)
    asked = {url_of(p) for p in window_articles(replay)}
    stored, failed = stored_urls(own_db), failures(own_db, run.id)
    assert_accounted(asked, stored, failed)
    assert len(stored) == len(_served_article_urls(replay, asked)) == len(asked) and not failed
    assert run.status == "finished" and run_stats(run)["store/spooled"] >= 1


@pytest.mark.e2e
def test_postgres_still_down_at_close_fails_the_run_and_the_next_run_writes_the_spool(
    replay: Any, own_postgres: ThrowawayPostgres, own_db: str, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    first, last = replay.site.window(10)
    command = nightly_command(
        replay, own_db, tmp_path, *SLOW[1::2], "STORE_OUTAGE_WAIT=2", f"STORE_SPOOL_DIR={spool}"
    ) + ["-a", "mode=backfill", "-a", f"since={first}", "-a", f"until={last}"]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _wait_for_articles(own_db, 4, process)
    own_postgres.stop()
    _, err = process.communicate(timeout=120)
    own_postgres.start()
    assert process.returncode == 1, err[-3000:]
    (spooled,) = list(spool.rglob("*.jsonl"))
    waiting = len(spooled.read_text().splitlines())
    assert waiting >= 2
    assert f"{waiting} articles could not be stored" in err and str(spooled) in err
    assert "nightly crawl ended: exit 1" in err
    before = len(stored_urls(own_db))
    assert before + waiting == len(window_articles(replay))  # nothing else went missing

    env = {**os.environ, "DATABASE_URL": own_db}
    again = subprocess.run(
        crawl_command(replay, *backfill_args(replay), "-s", f"STORE_SPOOL_DIR={spool}"),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert not spooled.exists()
    stored = stored_urls(own_db)
    assert_accounted({url_of(p) for p in window_articles(replay)}, stored, {})
    assert len(stored) == len(window_articles(replay))
