"""ProgressReporter: a progress line every PROGRESS_INTERVAL seconds on long runs.

progress: 1,204 article pages (96/min), 1,180 stored (1,150 new, 30 updated), 3 errors,
2 blocked, 4,310 queued, ETA 44 min

Not Scrapy's PeriodicLog: it logs raw stats and their deltas as JSON, not one line a person
reads with the articles stored, the queue and an ETA (tests/unit/test_discovery.py pins the line).
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

log = logging.getLogger(__name__)


def format_progress(stats: dict[str, int], elapsed: float, queued: int | None) -> str:
    """The progress line from counters (pure; tested with a table)."""
    pages = stats.get("pages/article_fetched", 0)
    rate = pages / elapsed * 60 if elapsed > 0 else 0.0
    new, updated = stats.get("store/new", 0), stats.get("store/updated", 0)
    stored = new + updated + stats.get("store/unchanged", 0)
    line = (
        f"progress: {pages:,} article pages ({rate:,.0f}/min), {stored:,} stored "
        f"({new:,} new, {updated:,} updated), {stats.get('log_count/ERROR', 0):,} errors, "
        f"{stats.get('pages/blocked', 0):,} blocked"
    )
    if queued is not None:
        line += f", {queued:,} queued"
        if rate > 0 and queued:
            line += f", ETA {queued / rate:,.0f} min"
    return line


class ProgressReporter:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.task: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressReporter:
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        reporter = cls(crawler, interval)
        crawler.signals.connect(reporter.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(reporter.spider_closed, signal=signals.spider_closed)
        return reporter

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.task = task.LoopingCall(self.report)
        self.task.start(self.interval, now=False)

    def report(self) -> None:
        assert self.crawler.stats is not None
        log.info(
            format_progress(
                self.crawler.stats.get_stats(), time.monotonic() - self.started, self._queued()
            )
        )

    def _queued(self) -> int | None:
        """Requests waiting in the scheduler (``ExecutionEngine.scheduler``, Scrapy 2.19+), or
        None when it cannot tell (no engine yet, or a scheduler without a length)."""
        scheduler = self.crawler.engine.scheduler if self.crawler.engine else None
        try:
            return len(scheduler)  # type: ignore[arg-type]
        except TypeError:
            return None

    def spider_closed(self) -> None:
        if self.task and self.task.running:
            self.task.stop()
        self.report()
