"""Item pipelines: each a thin wrapper over one stage of ``crawler.cleaning.stages``.

Order (settings.ITEM_PIPELINES): strip furniture -> normalise credits ->
parse dates -> validate -> store. ``crawler.cleaning.stages.clean_article`` runs the same
stages without Scrapy.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.cleaning import stages
from crawler.clock import settings_now
from crawler.items import ArticleItem, RawArticle
from crawler.signals import page_rejected, store_flushed
from crawler.store.facade import Store, open_crawl_store
from crawler.store.outage import outage_writer

log = logging.getLogger(__name__)


class StripFurniturePipeline:
    def process_item(self, item: Any) -> Any:
        return stages.strip_furniture(item) if isinstance(item, RawArticle) else item


class NormalizeCreditsPipeline:
    def process_item(self, item: Any) -> Any:
        return stages.normalize_credits(item) if isinstance(item, RawArticle) else item


class ParseDatesPipeline:
    """Dates are judged plausible against the crawl's clock (``CRAWL_TODAY``, crawler/clock.py)."""

    def __init__(self, crawler: Crawler) -> None:
        self.settings = crawler.settings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ParseDatesPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawArticle):
            return item
        return stages.parse_dates(item, now=settings_now(self.settings))


class ValidateArticlePipeline:
    """RawArticle -> ArticleItem; an unusable article is dropped, counted and recorded."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidateArticlePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawArticle):
            return item
        try:
            return stages.build_item(item)
        except stages.InvalidArticle as exc:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("items/rejected")
            self.crawler.signals.send_catch_log(
                page_rejected, url=item.url, reason="invalid", detail=str(exc), blocked=False
            )
            raise DropItem(str(exc)) from exc


class StoreArticlePipeline:
    """Writes ArticleItems in batches through the repository; counts every outcome. A batch
    is written when full, when its oldest item has waited ``STORE_FLUSH_SECONDS``, when the
    crawl goes idle and at close; each flush sends ``store_flushed``."""

    def __init__(
        self, crawler: Crawler, store: Store, batch_size: int, flush_seconds: float = 10.0
    ) -> None:
        self.crawler = crawler
        self.store = store
        self.batch_size = max(1, batch_size)
        self.flush_seconds = flush_seconds
        self.pending: list[tuple[ArticleItem, dict[str, str]]] = []
        self.oldest_pending = 0.0
        self.writer = outage_writer(  # crawler/store/outage.py
            crawler.settings, store, self.batch_size, run_id=self._run_id
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoreArticlePipeline:
        settings = crawler.settings
        store = open_crawl_store(settings)
        pipeline = cls(
            crawler,
            store,
            settings.getint("STORE_BATCH_SIZE", 50),
            settings.getfloat("STORE_FLUSH_SECONDS", 10.0),
        )
        crawler.signals.connect(pipeline.flush, signal=signals.spider_idle)
        return pipeline

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem):
            if not self.pending:
                self.oldest_pending = time.monotonic()
            self.pending.append((item, item.http_validators))
            if len(self.pending) >= self.batch_size or (
                time.monotonic() - self.oldest_pending >= self.flush_seconds
            ):
                self.flush()
        return item

    def _run_id(self) -> int | None:
        """The crawl_runs row of this crawl (CrawlRunRecorder), for articles.*_run_id."""
        value = self.crawler.stats.get_value("crawl_run/id") if self.crawler.stats else None
        return int(value) if value is not None else None

    def open_spider(self) -> None:
        self._count(self.writer.drain_leftovers())  # a spool left by an earlier run

    def close_spider(self) -> None:
        self.flush()
        self._count(self.writer.close(self.crawler.stats))
        self.crawler.signals.send_catch_log(store_flushed, count=0, durable=self.writer.durable)

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if batch or self.writer.retry_due:
            self._write(batch)
        self.crawler.signals.send_catch_log(
            store_flushed, count=len(batch), durable=self.writer.durable
        )

    def _write(self, batch: list[tuple[ArticleItem, dict[str, str]]]) -> None:
        self._count(self.writer.write(batch, self.crawler.stats))

    def _count(self, results: list[Any]) -> None:
        stats = self.crawler.stats
        assert stats is not None
        for result in results:
            stats.inc_value(f"store/{result.outcome}")
            if result.outcome == "failed":
                self.crawler.signals.send_catch_log(
                    page_rejected,
                    url=result.canonical_url,
                    reason="store_failed",
                    detail=result.error,
                    blocked=False,
                )
