"""End to end: the real `scrapy crawl inquirer` against the replay site into a real database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crawler.cleaning.boilerplate import FURNITURE_PHRASES
from tests.support.crawling import backfill_args, rows
from tests.support.crawling import crawl as run_crawl

pytestmark = pytest.mark.e2e


def crawl(replay: Any, database_url: str, *args: str) -> Any:
    return run_crawl(replay, database_url, *backfill_args(replay), *args)


def test_crawl_stores_clean_articles_and_a_second_run_adds_nothing(
    replay: Any, store_url: str
) -> None:
    expected_urls = {
        p.url.rstrip("/") for p in replay.site.indexed_between(*replay.site.window(10))
    }
    assert len(expected_urls) >= 8
    first = crawl(replay, store_url)
    assert first.returncode == 0, first.stderr[-3000:]
    stored = rows(store_url, "SELECT canonical_url, title, body, published_at FROM articles")
    assert {r.canonical_url for r in stored} == expected_urls
    for row in stored:
        assert row.title and row.body and row.published_at is not None
        for phrase in FURNITURE_PHRASES:
            assert phrase.lower() not in row.body.lower(), (row.canonical_url, phrase)
    assert "INQUIRER_MIRROR" not in "".join(r.canonical_url for r in stored)
    assert all(
        r.canonical_url.startswith("https://") and ".inquirer.net/" in r.canonical_url
        for r in stored
    )

    second = crawl(replay, store_url)
    assert second.returncode == 0, second.stderr[-3000:]
    assert len(rows(store_url, "SELECT id FROM articles")) == len(expected_urls)
    assert rows(store_url, "SELECT count(*) FROM article_versions")[0][0] == 0
    runs = rows(
        store_url,
        "SELECT status, articles_new, articles_updated, pages_fetched FROM crawl_runs ORDER BY id",
    )
    assert [r.status for r in runs] == ["finished", "finished"]
    assert (runs[0].articles_new, runs[0].pages_fetched) == (len(expected_urls), len(expected_urls))
    # the store is the crawl's memory: the re-run fetches (almost) no article page again
    assert runs[1].pages_fetched <= 0.05 * runs[0].pages_fetched
    assert (runs[1].articles_new, runs[1].articles_updated) == (0, 0)


def test_crawl_refuses_an_unmigrated_database(replay: Any, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    result = crawl(replay, url)
    assert result.returncode == 3  # docs/troubleshooting.md: behind the migrations
    assert "crawler db upgrade" in result.stderr
    assert "Traceback" not in result.stderr
    assert rows(url, "SELECT name FROM sqlite_master WHERE name = 'articles'") == []


def test_bad_spider_argument_fails_at_once(replay: Any, sqlite_url: str) -> None:
    result = crawl(replay, sqlite_url, "-a", "limit=lots")
    assert result.returncode == 2  # bad arguments, as for `crawler nightly`
    assert "scrapy crawl inquirer: limit='lots' is not a whole number" in result.stderr
    assert "Traceback" not in result.stderr
