"""A live progress line on an interactive terminal (stderr is a TTY).

    progress: 120 article pages (96/min), 118 stored (110 new, 8 updated), 0 errors, 0 blocked

rewritten in place every ``PROGRESS_LIVE_INTERVAL`` seconds (``PROGRESS_LIVE=False``: off);
cron, pipes and log files never see it. A log record written to the terminal first clears
the line (``ClearLiveLine``), so warnings are not glued to it; the line is cleared at the
end, before the run's one-line summary. No library: Scrapy's logging handlers are plain
``logging`` stream handlers, and this is one ``\\r`` away from them.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from typing import TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.extensions.progress import format_progress

CLEAR = "\r\x1b[K"


class ClearLiveLine(logging.Filter):
    """Clears the live line before a record reaches the terminal (a handler filter)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.shown = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self.shown:
            self.stream.write(CLEAR)
            self.shown = False
        return True


class LiveProgressLine:
    def __init__(self, crawler: Crawler, interval: float, stream: TextIO) -> None:
        self.crawler, self.interval, self.stream = crawler, interval, stream
        self.started = time.monotonic()
        self.task: task.LoopingCall | None = None
        self.clearer = ClearLiveLine(stream)
        self.handlers: list[logging.Handler] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LiveProgressLine:
        settings = crawler.settings
        interval = settings.getfloat("PROGRESS_LIVE_INTERVAL", 1.0)
        if not settings.getbool("PROGRESS_LIVE", True) or interval <= 0 or not sys.stderr.isatty():
            raise NotConfigured
        line = cls(crawler, interval, sys.stderr)
        crawler.signals.connect(line.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(line.spider_closed, signal=signals.spider_closed)
        return line

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        for handler in logging.getLogger().handlers:
            if getattr(handler, "stream", None) is self.stream:
                handler.addFilter(self.clearer)
                self.handlers.append(handler)
        self.task = task.LoopingCall(self.show)
        self.task.start(self.interval, now=False)

    def show(self) -> None:
        assert self.crawler.stats is not None
        line = format_progress(
            self.crawler.stats.get_stats(), time.monotonic() - self.started, None
        )
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write(CLEAR + line[:width])
        self.stream.flush()
        self.clearer.shown = True

    def spider_closed(self) -> None:
        if self.task and self.task.running:
            self.task.stop()
        if self.clearer.shown:
            self.stream.write(CLEAR)
            self.stream.flush()
        for handler in self.handlers:
            handler.removeFilter(self.clearer)
