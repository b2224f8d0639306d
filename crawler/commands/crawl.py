"""``scrapy crawl``, with the spider's arguments checked before Scrapy starts.

A bad ``-a`` value stops the command with one line and exit code 2 (as for
``crawler nightly``), instead of an asyncio traceback from inside the reactor.
A run that stops because the site cannot be reached or blocks us exits non-zero
(``crawler.outcome.FATAL_EXIT_CODES``; docs/troubleshooting.md).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from crawler.outcome import EXIT_USAGE, fatal_exit_code


class Command(ScrapyCrawlCommand):
    crawler: Crawler | None = None

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self._arguments_rejected(args[0], opts.spargs):
            self.exitcode = EXIT_USAGE
            return
        super().run(args, opts)
        stats = self.crawler.stats.get_stats() if self.crawler and self.crawler.stats else {}
        self.exitcode = self.exitcode or fatal_exit_code(stats)

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def _arguments_rejected(self, name: str, spider_args: dict[str, Any]) -> bool:
        assert self.crawler_process is not None
        try:
            spidercls = self.crawler_process.spider_loader.load(name)
        except KeyError:
            return False  # Scrapy's own message for an unknown spider
        check = getattr(spidercls, "check_arguments", None)
        if check is None:
            return False
        try:
            check(spider_args)
        except ValueError as exc:
            print(f"scrapy crawl {name}: {exc}", file=sys.stderr)
            return True
        return False
