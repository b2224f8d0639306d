"""InquirerSpider: navigation only. Finds article URLs and hands pages to page objects.

    scrapy crawl inquirer                                  # nightly: yesterday and today
    scrapy crawl inquirer -a mode=backfill -a since=2026-11-01 -a until=2026-11-28
    scrapy crawl inquirer -a urls=https://newsinfo.inquirer.net/2012345/slug
    scrapy crawl inquirer -s INQUIRER_MIRROR=http://127.0.0.1:8800   # the local replay
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.discovery import Link, parse_article_index, parse_feed
from crawler.pages import NotAnArticle, extract_raw
from crawler.signals import page_rejected
from crawler.spiders.args import SpiderArgs, parse_spider_args
from crawler.urls import parse_article_url

INDEX_URL = "https://www.inquirer.net/article-index/?d={day}"
FEED_URL = "https://{sub}.inquirer.net/feed"
HANDLED_STATUSES = [403, 404, 410, 503]  # read them: challenge walls come as 403/503
FEED_SUBDOMAINS = ("newsinfo", "globalnation", "business", "sports", "entertainment",
                   "lifestyle", "technology", "opinion", "usa", "pop", "bandera", "cebudailynews")


class InquirerSpider(scrapy.Spider):
    name = "inquirer"
    allowed_domains = ["inquirer.net"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raw = {k: str(v) for k, v in kwargs.items() if k not in {"_job"}}
        super().__init__(*args)
        self.args: SpiderArgs = parse_spider_args(raw)
        self.raw_args = raw
        self._scheduled = 0

    async def start(self) -> AsyncIterator[Any]:
        for request in self.start_requests_list():
            yield request

    def start_requests_list(self) -> list[scrapy.Request]:
        if self.args.mode == "urls":
            return [r for r in (self._article_request(Link(u)) for u in self.args.urls) if r]
        requests = [
            scrapy.Request(INDEX_URL.format(day=day.isoformat()), self.parse_index, priority=10,
                           cb_kwargs={"day": day.isoformat()})
            for day in reversed(self.args.days())
        ]
        requests += [
            scrapy.Request(FEED_URL.format(sub=sub), self.parse_feed, priority=5)
            for sub in FEED_SUBDOMAINS if sub in self.args.subdomains
        ]
        return requests

    def parse_index(self, response: Response, day: str) -> Iterator[scrapy.Request]:
        links = parse_article_index(response.body)
        self.crawler.stats.inc_value("discovery/index_links", len(links))
        self.logger.info("article index %s: %d links", day, len(links))
        yield from (r for r in map(self._article_request, links) if r)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        days = self.args.days()
        first, last = days[0], days[-1]
        for link in parse_feed(response.body):
            local_day = link.published_at.date() if link.published_at else None
            if local_day is None or first <= local_day <= last:
                request = self._article_request(link)
                if request:
                    yield request

    def _article_request(self, link: Link) -> scrapy.Request | None:
        parsed = parse_article_url(link.url)
        if parsed is None or parsed[0] not in self.args.subdomains:
            return None
        if self.args.limit is not None and self._scheduled >= self.args.limit:
            return None
        self._scheduled += 1
        return scrapy.Request(link.url, self.parse_article, meta={
            "section_hint": link.section, "handle_httpstatus_list": HANDLED_STATUSES})

    def parse_article(self, response: Response) -> Iterator[Any]:
        self.crawler.stats.inc_value("pages/article_fetched")
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        try:
            raw = extract_raw(response.url, response.body, content_type)
            if response.status != 200:
                raise NotAnArticle(f"http_{response.status}", f"status {response.status}")
        except NotAnArticle as exc:
            blocked = exc.reason == "challenge"
            self.crawler.stats.inc_value("pages/blocked" if blocked else "pages/not_article")
            self.logger.warning("not stored: %s (%s)", response.url, exc)
            self.crawler.signals.send_catch_log(
                page_rejected, url=response.url, reason=exc.reason, detail=exc.detail, blocked=blocked)
            return
        yield raw
