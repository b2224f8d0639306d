"""CrawlRunRecorder: one ``crawl_runs`` row per crawl, and a ``crawl_failures`` row for
every page or item that was not stored.

A worker of a distributed crawl (``crawler.distributed``) is one crawl: its row's ``args``
also carry ``distributed_run`` (the run it was seeded with) and ``distributed_worker``, so
``crawler runs --distributed RUN_ID`` can gather the rows of one distributed run."""

from __future__ import annotations

import json
import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.signals import page_rejected
from crawler.store.facade import Store, open_crawl_store
from crawler.store.models import RUN_COUNTERS

log = logging.getLogger(__name__)

LABEL_STATS = {"distributed_run": "distributed/run_id", "distributed_worker": "distributed/worker"}


class CrawlRunRecorder:
    def __init__(self, crawler: Crawler, store: Store) -> None:
        self.crawler = crawler
        self.store = store
        self.run_id: int | None = None
        self.args: dict[str, Any] = {}
        self.unrecorded: list[tuple[Any, ...]] = []  # failures the store could not take yet

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunRecorder:
        settings = crawler.settings
        store = open_crawl_store(settings)
        recorder = cls(crawler, store)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.page_rejected, signal=page_rejected)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        self.args = {**getattr(spider, "raw_args", {}), **self._labels()}
        self.run_id = self.store.runs.start_run(spider.name, self.args)
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("crawl_run/id", self.run_id)
        log.info("crawl run %d started", self.run_id)

    def page_rejected(
        self,
        url: str,
        reason: str,
        detail: str | None = None,
        blocked: bool = False,
        stage: str | None = None,
    ) -> None:
        stage = stage or (
            "fetch" if blocked else ("store" if reason == "store_failed" else "extract")
        )
        self.unrecorded.append((self.run_id, url, stage, reason, detail))
        self._record_pending()

    def _record_pending(self) -> bool:
        """Write the failures not recorded yet; False (they are kept) if the store is away."""
        while self.unrecorded:
            try:
                self.store.runs.record_failure(*self.unrecorded[0])
            except Exception as exc:
                log.warning(
                    "could not record crawl failures yet (%s): %d waiting",
                    type(exc).__name__,
                    len(self.unrecorded),
                )
                return False
            self.unrecorded.pop(0)
        return True

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.run_id is None:
            return
        if not self._record_pending():
            log.error(
                "%d crawl failures could not be recorded: %s",
                len(self.unrecorded),
                "; ".join(f"{url} ({why})" for _, url, _, why, _ in self.unrecorded[:20]),
            )
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        counters = {name: int(stats.get(key, 0)) for name, key in RUN_COUNTERS.items()}
        status = (
            "finished"
            if reason == "finished"
            else ("interrupted" if reason == "shutdown" else "failed")
        )
        if counters["articles_failed"] or stats.get("store/unwritten"):
            status = "failed"
        args = {**getattr(spider, "raw_args", {}), **self._labels()}  # joined a run since?
        self.store.runs.finish_run(
            self.run_id,
            status,
            reason,
            counters,
            _jsonable(stats),
            args=args if args != self.args else None,
        )
        log.info("crawl run %d %s: %s", self.run_id, status, json.dumps(counters))

    def _labels(self) -> dict[str, str]:
        assert self.crawler.stats is not None
        values = {name: self.crawler.stats.get_value(key) for name, key in LABEL_STATS.items()}
        return {name: str(value) for name, value in values.items() if value}


def _jsonable(stats: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (v if isinstance(v, (int, float, str, bool)) or v is None else str(v))
        for k, v in stats.items()
    }
