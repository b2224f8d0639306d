"""``scrapy crawl``, with the spider's arguments checked before Scrapy starts.

A bad ``-a`` value stops the command with one line and exit code 2 (as for
``crawler nightly``), instead of an asyncio traceback from inside the reactor; so does a
database that cannot be reached (exit 1) or is behind the migrations (exit 3).
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

from crawler.cli.preflight import PreflightFailed, check_store
from crawler.outcome import EXIT_USAGE, fatal_exit_code, format_summary


class Command(ScrapyCrawlCommand):
    crawler: Crawler | None = None

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self._arguments_rejected(args[0], opts.spargs):
            self.exitcode = EXIT_USAGE
            return
        if len(args) == 1 and self._store_rejected(args[0]):
            return
        super().run(args, opts)
        stats = self.crawler.stats.get_stats() if self.crawler and self.crawler.stats else {}
        self.exitcode = self.exitcode or fatal_exit_code(stats)
        if stats:
            print(format_summary(stats, self.exitcode, "scrapy crawl"), file=sys.stderr)

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        # Scrapy's private hook, the one place the command sees its crawler: the process
        # forgets a crawler once it finishes, and the exit code needs its stats after.
        # tests/unit/test_scrapy_internals.py fails if an upgrade moves it.
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def _store_rejected(self, name: str) -> bool:
        """The database answers and is migrated (else one line and exit 1 or 3)."""
        assert self.settings is not None
        url = self.settings.get("DATABASE_URL")
        if not url:
            return False
        try:
            check_store(url, self.settings.getbool("STORE_AUTO_MIGRATE"))
        except PreflightFailed as exc:
            print(f"scrapy crawl {name}: {exc}", file=sys.stderr)
            self.exitcode = exc.exit_code
            return True
        return False

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
