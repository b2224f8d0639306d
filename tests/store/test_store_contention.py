"""Many writers upserting the same articles, authors and tags at once (distributed workers on
one PostgreSQL): no duplicate rows, no lost or failed writes, versions that add up."""

from __future__ import annotations

import multiprocessing
import random
import threading
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from crawler.cleaning.stages import content_hash
from crawler.items import ArticleItem
from crawler.store.engine import make_engine, make_session_factory, upgrade_database
from crawler.store.repository import RETRIES, ArticleRepository, UpsertResult
from tests.support.factories import make_item
from tests.support.waiting import wait_until

PEOPLE = [f"Reporter Number {n}" for n in range(12)]
TAGS = [f"Topic {n}" for n in range(12)]


def variant(n: int, writer: int, round_: int) -> ArticleItem:
    """Article ``n`` as one writer saw it in one round: one of 3 bodies, shared names."""
    rnd = random.Random(n * 10007 + writer * 101 + round_)
    body = f"Story {n}, edition {rnd.randrange(3)}.\n\nSecond paragraph."
    return replace(
        make_item(n),
        body=body,
        content_hash=content_hash(f"Headline number {n}", body),
        authors=rnd.sample(PEOPLE, 3),
        contributors=[],
        tags=rnd.sample(TAGS, 3),
    )


def rows(url: str, sql: str) -> list[Any]:
    engine = make_engine(url)
    with engine.connect() as conn:
        found = conn.execute(text(sql)).all()
    engine.dispose()
    return found


def assert_consistent(url: str, results: list[UpsertResult], urls: int) -> None:
    assert [r for r in results if r.outcome == "failed"] == []
    by_url: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        by_url[result.canonical_url][result.outcome] += 1
    assert len(by_url) == urls and all(c["new"] == 1 for c in by_url.values())
    (articles,) = rows(url, "SELECT count(*), count(DISTINCT canonical_url) FROM articles")
    assert tuple(articles) == (urls, urls)
    names = rows(
        url,
        "SELECT (SELECT count(*) FROM authors), (SELECT count(DISTINCT slug) FROM "
        "authors), (SELECT count(*) FROM tags), (SELECT count(DISTINCT slug) FROM tags)",
    )
    authors, author_slugs, tags, tag_slugs = names[0]
    assert authors == author_slugs <= len(PEOPLE) and tags == tag_slugs <= len(TAGS)
    for article in rows(
        url,
        "SELECT a.id, a.canonical_url, a.version, "
        "(SELECT count(*) FROM article_authors x WHERE x.article_id = a.id), "
        "(SELECT count(*) FROM article_tags x WHERE x.article_id = a.id), "
        "(SELECT count(*) FROM article_images x WHERE x.article_id = a.id), "
        "(SELECT array_agg(v.version ORDER BY v.version) FROM article_versions v"
        " WHERE v.article_id = a.id) FROM articles a",
    ):
        _, canonical, version, n_authors, n_tags, n_images, versions = article
        assert version == 1 + by_url[canonical]["updated"]  # every change counted once
        assert (versions or []) == list(range(1, version))  # no gap, no duplicate version
        assert (n_authors, n_tags, n_images) == (3, 3, 1)  # children replaced, never doubled


@pytest.mark.postgres
def test_threads_racing_on_the_same_urls_and_names(postgres_url: str) -> None:
    upgrade_database(postgres_url)
    engine = make_engine(postgres_url, pool_size=10)
    repo = ArticleRepository(make_session_factory(engine))
    writers, urls, rounds = 8, 40, 5
    results: list[UpsertResult] = []
    lock, start = threading.Lock(), threading.Barrier(writers)

    def write(writer: int) -> None:
        for round_ in range(rounds):
            chosen = random.Random(writer * 31 + round_).sample(range(urls), 20)
            batch = [variant(n, writer, round_) for n in chosen]
            start.wait()  # every writer sends its batch at the same moment
            written = (
                repo.upsert_articles(batch)
                if round_ % 2 == 0
                else [repo.upsert_article(item) for item in batch]
            )  # batches and single writes
            with lock:
                results.extend(written)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    engine.dispose()
    assert len(results) == writers * rounds * 20
    assert_consistent(postgres_url, results, urls)


def _process_writer(url: str, writer: int, urls: int, out: Any) -> None:
    repo = ArticleRepository(make_session_factory(make_engine(url)))
    written: list[UpsertResult] = []
    for round_ in range(3):
        order = list(range(urls))
        random.Random(writer + round_).shuffle(order)
        written += repo.upsert_articles([variant(n, writer, round_) for n in order])
    out.put([(r.canonical_url, r.outcome, r.error) for r in written])


@pytest.mark.postgres
def test_processes_racing_on_the_same_urls_and_names(postgres_url: str) -> None:
    upgrade_database(postgres_url)
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    procs = [
        context.Process(target=_process_writer, args=(postgres_url, w, 30, out)) for w in range(4)
    ]
    for proc in procs:
        proc.start()
    collected = [out.get(timeout=300) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    results = [
        UpsertResult(url, outcome, error=error)
        for part in collected
        for url, outcome, error in part
    ]
    assert len(results) == 4 * 3 * 30
    assert_consistent(postgres_url, results, 30)


@pytest.mark.postgres
def test_a_deadlocked_batch_is_retried_not_failed(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Another transaction locks the batch's second article, then waits for its first: a
    real deadlock. PostgreSQL aborts the repository's transaction; the retry succeeds."""
    upgrade_database(postgres_url)
    engine = make_engine(postgres_url)
    repo = ArticleRepository(make_session_factory(engine))
    first, second = make_item(1), make_item(2)  # sorted: first's row is locked first
    repo.upsert_articles([first, second])
    changed = [
        replace(
            i,
            body=i.body + " Corrected.",
            content_hash=content_hash(i.title, i.body + " Corrected."),
        )
        for i in (first, second)
    ]
    other = make_engine(postgres_url).connect()
    other.execute(text("SET deadlock_timeout = '10s'"))  # let the repository detect it first
    other.execute(
        text("SELECT 1 FROM articles WHERE canonical_url = :u FOR UPDATE"),
        {"u": second.canonical_url},
    )
    outcome: list[list[UpsertResult]] = []
    writer = threading.Thread(target=lambda: outcome.append(repo.upsert_articles(changed)))
    with caplog.at_level("INFO", logger="crawler.store.repository"):
        writer.start()
        wait_until(  # the repository holds the first row and waits for the second
            lambda: _lock_waits(postgres_url) >= 1,
            what="the repository's transaction to wait for the second row's lock",
        )
        other.execute(
            text("SELECT 1 FROM articles WHERE canonical_url = :u FOR UPDATE"),
            {"u": first.canonical_url},
        )  # waits for the repository: a cycle
        other.commit()
        writer.join(timeout=60)
    other.close()
    engine.dispose()
    assert [r.outcome for r in outcome[0]] == ["updated", "updated"]
    assert "store transaction lost a race (40P01); retry 1" in caplog.text
    assert "writing items one by one" not in caplog.text


def _lock_waits(url: str) -> int:
    """Lock requests not yet granted to sessions of the database at ``url`` (this test's
    own database: other tests on the server do not count)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)"
                        " WHERE NOT l.granted AND a.datname = current_database()"
                    )
                ).scalar_one()
            )
    finally:
        engine.dispose()


class _Conflict(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


def test_only_races_are_retried_and_not_forever(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = ArticleRepository(make_session_factory(make_engine(sqlite_url)))
    monkeypatch.setattr("crawler.store.repository.time.sleep", lambda _: None)
    real, calls = repo._write_batch, Counter[str]()

    def flaky(code: str, failures: int) -> Any:
        def write(session: Any, items: Any, meta: Any, run_id: Any = None) -> Any:
            calls[code] += 1
            if calls[code] <= failures:
                raise OperationalError("INSERT ...", {}, _Conflict(code))
            return real(session, items, meta, run_id)

        return write

    monkeypatch.setattr(repo, "_write_batch", flaky("40P01", 2))  # deadlock twice, then fine
    assert repo.upsert_article(make_item(1)).outcome == "new" and calls["40P01"] == 3
    monkeypatch.setattr(repo, "_write_batch", flaky("40001", RETRIES + 1))  # never succeeds
    assert repo.upsert_article(make_item(2)).outcome == "failed"
    assert calls["40001"] == RETRIES + 1
    monkeypatch.setattr(repo, "_write_batch", flaky("42P01", 1))  # not a race: no retry
    assert repo.upsert_article(make_item(3)).outcome == "failed" and calls["42P01"] == 1
