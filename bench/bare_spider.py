"""The framework's limit: a bare Scrapy spider that fetches the same pages as ours
(article index days, then every article) and does nothing with them.

    python -m bench.bare_spider --mirror http://127.0.0.1:8800 --since 2026-11-09 --until 2026-11-28

Runs with Scrapy's default settings (not the project's), politeness off, the same
concurrency as the benchmarked crawl; prints one JSON line with the counts.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess

from crawler.spiders.discovery import parse_article_index
from crawler.urls import to_mirror


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, mirror: str, days: list[date], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mirror, self.days, self.pages = mirror, days, 0

    async def start(self) -> Any:
        for day in self.days:
            yield scrapy.Request(
                to_mirror(f"https://www.inquirer.net/article-index/?d={day}", self.mirror)
            )

    def parse(self, response: Any) -> Iterator[scrapy.Request]:
        for link in parse_article_index(response.body):
            yield scrapy.Request(to_mirror(link.url, self.mirror), self.article)

    def article(self, response: Any) -> None:
        self.pages += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mirror", required=True)
    parser.add_argument("--since", type=date.fromisoformat, required=True)
    parser.add_argument("--until", type=date.fromisoformat, required=True)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    days = [args.since + timedelta(days=n) for n in range((args.until - args.since).days + 1)]
    process = CrawlerProcess(
        {
            "CONCURRENT_REQUESTS": args.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "ROBOTSTXT_OBEY": False,
            "LOG_LEVEL": "WARNING",
            "TELNETCONSOLE_ENABLED": False,
        }
    )
    crawler = process.create_crawler(BareSpider)
    started = time.perf_counter()
    process.crawl(crawler, mirror=args.mirror, days=days)
    process.start()
    elapsed = time.perf_counter() - started
    pages = crawler.spider.pages if crawler.spider else 0
    print(
        json.dumps(
            {
                "pages": pages,
                "seconds": round(elapsed, 3),
                "pages_per_s": round(pages / elapsed, 2) if elapsed else 0.0,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
