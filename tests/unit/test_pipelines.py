"""Pipelines are thin: each runs one stage; validation drops with a reason; the store counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler import pipelines
from crawler.cleaning import stages
from crawler.items import ArticleItem, RawArticle
from crawler.pages import extract_raw
from crawler.signals import page_rejected
from crawler.spiders.inquirer import InquirerSpider
from tests.support.clock import FIXTURE_TODAY, NOW
from tests.support.paths import FIXTURE_PAGES

CASE = FIXTURE_PAGES / "inquirer/newsinfo_2026_11_27_deped-classrooms-verbena"
ORDER = [
    pipelines.StripFurniturePipeline,
    pipelines.NormalizeCreditsPipeline,
    pipelines.ParseDatesPipeline,
    pipelines.ValidateArticlePipeline,
]


def raw_article() -> RawArticle:
    meta = json.loads((CASE / "meta.json").read_text())
    return extract_raw(meta["url"], (CASE / "page.html").read_bytes(), meta["http"]["content_type"])


def crawler_for(url: str) -> Any:
    crawler = get_crawler(
        InquirerSpider,
        {"DATABASE_URL": url, "STORE_BATCH_SIZE": 2, "CRAWL_TODAY": FIXTURE_TODAY},
    )
    crawler.stats.open_spider()
    return crawler


def test_pipelines_in_settings_order_equal_the_plain_function(sqlite_url: str) -> None:
    crawler = crawler_for(sqlite_url)
    item: Any = raw_article()
    for cls in ORDER:
        item = build_from_crawler(cls, crawler).process_item(item)
    assert isinstance(item, ArticleItem)
    assert item == stages.clean_article(raw_article(), now=NOW)


def test_validate_drops_an_article_without_body_and_reports_it(sqlite_url: str) -> None:
    crawler = crawler_for(sqlite_url)
    seen: list[dict[str, Any]] = []
    crawler.signals.connect(lambda **kw: seen.append(kw), signal=page_rejected, weak=False)
    raw = raw_article()
    raw.blocks = [("p", "Article continues after this advertisement")]
    for cls in ORDER[:3]:
        raw = build_from_crawler(cls, crawler).process_item(raw)
    with pytest.raises(DropItem, match="no body text"):
        build_from_crawler(pipelines.ValidateArticlePipeline, crawler).process_item(raw)
    assert crawler.stats.get_value("items/rejected") == 1
    assert seen and seen[0]["reason"] == "invalid"


def test_store_pipeline_writes_in_batches_and_counts_outcomes(sqlite_url: str) -> None:
    crawler = crawler_for(sqlite_url)
    store = build_from_crawler(pipelines.StoreArticlePipeline, crawler)
    item = stages.clean_article(raw_article(), now=NOW)
    store.process_item(item)
    assert crawler.stats.get_value("store/new") is None  # buffered, not yet written
    store.process_item(item)  # batch of 2 flushes: same article twice -> new, unchanged
    assert crawler.stats.get_value("store/new") == 1
    assert crawler.stats.get_value("store/unchanged") == 1
    store.process_item(item)
    store.close_spider()  # the remainder is flushed on close
    assert crawler.stats.get_value("store/unchanged") == 2
    assert store.store.articles.count_articles() == 1


def test_non_article_items_pass_through_untouched(sqlite_url: str) -> None:
    crawler = crawler_for(sqlite_url)
    thing = {"not": "an article"}
    for cls in ORDER:
        assert build_from_crawler(cls, crawler).process_item(thing) is thing


def test_a_flush_during_an_outage_says_it_is_not_durable(sqlite_url: str, tmp_path: Path) -> None:
    """Distributed workers ack an article's request on a durable flush only: a flush that
    went to the local spool (the database locked by another writer) must say so."""
    import sqlite3

    from sqlalchemy.engine import make_url

    from crawler.signals import store_flushed

    crawler = get_crawler(
        InquirerSpider,
        {
            "DATABASE_URL": sqlite_url + "?timeout=0.1",
            "STORE_BATCH_SIZE": 1,
            "STORE_SPOOL_DIR": str(tmp_path / "spool"),
            "STORE_OUTAGE_WAIT": 0,
        },
    )
    crawler.stats.open_spider()
    flushes: list[bool] = []
    crawler.signals.connect(
        lambda durable, **kw: flushes.append(durable), signal=store_flushed, weak=False
    )
    store = build_from_crawler(pipelines.StoreArticlePipeline, crawler)
    item = stages.clean_article(raw_article(), now=NOW)
    holder = sqlite3.connect(make_url(sqlite_url).database, timeout=5)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    store.process_item(item)
    assert flushes == [False] and crawler.stats.get_value("store/spooled") == 1
    holder.rollback()
    holder.close()
    store.writer.retry_at = 0.0  # the backoff has passed
    store.flush()
    assert flushes[-1] is True and crawler.stats.get_value("store/new") == 1
    store.close_spider()
    assert flushes[-1] is True
