"""InquirerSpider: navigation only. Finds article URLs and hands pages to page objects.

    scrapy crawl inquirer                                  # nightly: yesterday and today
    scrapy crawl inquirer -a mode=backfill -a since=2026-11-01 -a until=2026-11-28
    scrapy crawl inquirer -a urls=https://newsinfo.inquirer.net/2012345/slug
    scrapy crawl inquirer -s INQUIRER_MIRROR=http://127.0.0.1:8800   # the local replay

Discovery: the daily article index (primary), per-subdomain RSS feeds, sitemaps
(robots.txt -> sitemap index -> news sitemaps) and, when an index day fails,
section listings with pagination. Discovery pages are read only as fast as their
articles are crawled (``crawler.spiders.frontier.DiscoveryGate``). What is already stored is
decided by ``crawler.middlewares.downloader.IncrementalSpiderMiddleware``, not here.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import date
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.clock import MANILA, crawl_today
from crawler.middlewares.reachability import SiteUnreachable
from crawler.site import FEED_SUBDOMAINS, feed_url
from crawler.spiders.args import SpiderArgs, parse_spider_args
from crawler.spiders.discovery import (
    Link,
    parse_article_index,
    parse_feed,
    parse_listing,
    parse_robots_sitemaps,
    parse_sitemap,
)
from crawler.spiders.failures import record_fetch_failure
from crawler.spiders.frontier import DiscoveryGate
from crawler.spiders.reading import read_article, revisit_urls
from crawler.urls import parse_article_url, subdomain_of

INDEX_URL = "https://www.inquirer.net/article-index/?d={day}"
LISTING_URL = "https://{sub}.inquirer.net/category/latest-stories"
ROBOTS_URL = "https://www.inquirer.net/robots.txt"
ARTICLE_PRIORITY = 20  # above index pages (10), feeds and sitemaps (5)
HANDLED_STATUSES = [403, 404, 410, 503]  # read them: challenge walls come as 403/503


def discovery_callback(method: Callable[..., Iterable[Any]]) -> Callable[..., Iterator[Any]]:
    """A discovery page's callback or errback: its request is settled in the gate, and
    once its own requests are out, held discovery pages may go (crawler/spiders/frontier.py)."""

    @functools.wraps(method)
    def wrapper(
        self: InquirerSpider, answer: Response | Failure, *args: Any, **kwargs: Any
    ) -> Iterator[Any]:
        request = getattr(answer, "request", None)  # None for a response built in a test
        if request is not None:
            self.gate.settle(request.meta)
        yield from method(self, answer, *args, **kwargs)
        yield from self._release_discovery()

    return wrapper


def _raw_args(kwargs: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in kwargs.items() if k not in {"_job"}}


class InquirerSpider(scrapy.Spider):
    name = "inquirer"
    allowed_domains = ["inquirer.net"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raw = _raw_args(kwargs)
        super().__init__(*args)
        self.args: SpiderArgs = parse_spider_args(raw)
        self.raw_args = raw
        self._scheduled = 0
        self.gate = DiscoveryGate(0)

    @classmethod
    def check_arguments(cls, kwargs: dict[str, Any]) -> None:
        """Raise SpiderArgumentError for a bad ``-a`` value (``scrapy crawl`` asks before
        starting the reactor: crawler/cli/commands/crawl.py)."""
        parse_spider_args(_raw_args(kwargs))

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> InquirerSpider:
        spider: InquirerSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.gate = DiscoveryGate(
            settings.getint("FRONTIER_MAX_PENDING"),
            settings.getint("FRONTIER_DISCOVERY_IN_FLIGHT", 2),
        )
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider._on_dropped, signal=signals.request_dropped)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        requests = self.start_requests_list()
        if self.args.mode != "urls":
            requests = list(self._discover(requests))
        for request in requests:
            yield request
        for url in self._revisit_urls():
            request = self._article_request(Link(url))
            if request:
                yield request

    def start_requests_list(self) -> list[scrapy.Request]:
        if self.args.mode == "urls":
            return [
                r for r in (self._article_request(Link(u), force=True) for u in self.args.urls) if r
            ]
        requests = [
            scrapy.Request(
                INDEX_URL.format(day=day.isoformat()),
                self.parse_index,
                priority=10,
                cb_kwargs={"day": day},
                errback=self.index_failed,
            )
            for day in reversed(self._days())
        ]
        requests += [
            scrapy.Request(
                feed_url(sub), self.parse_feed, priority=5, errback=self.discovery_failed
            )
            for sub in FEED_SUBDOMAINS
            if sub in self.args.subdomains
        ]
        requests.append(
            scrapy.Request(ROBOTS_URL, self.parse_robots, priority=5, errback=self.discovery_failed)
        )
        return requests

    def _revisit_urls(self) -> list[str]:
        """Nightly: stored articles young enough to have been updated since."""
        if self.args.mode != "nightly":
            return []
        return revisit_urls(self.crawler, subdomains=self.args.subdomains)

    def _days(self) -> list[date]:
        today = crawl_today(self.crawler.settings.get("CRAWL_TODAY"))
        return self.args.days(today=today)

    # --- the discovery gate: the queue stays shallow whatever the window -----
    def _gated(self) -> bool:
        """Only inside a running crawl with a local queue (settings: FRONTIER_MAX_PENDING;
        0 in distributed mode, where the queue lives in Redis)."""
        return self.gate.enabled and getattr(self.crawler, "engine", None) is not None

    def _discover(self, requests: Iterable[scrapy.Request]) -> Iterator[scrapy.Request]:
        if not self._gated():
            yield from requests
            return
        for request in requests:
            self.gate.hold(request)
        yield from self._release_discovery()

    def _release_discovery(self) -> list[scrapy.Request]:
        stats = self.crawler.stats
        enqueued = stats.get_value("scheduler/enqueued")
        if enqueued is None:  # no local queue (distributed mode) or not crawling
            return []
        pending = enqueued - stats.get_value("scheduler/dequeued", 0)
        stats.max_value("frontier/max_queued", pending)  # the deepest the queue got
        if not self._gated() or not len(self.gate):
            return []
        return self.gate.release(pending)

    def _on_idle(self) -> None:
        if self._gated() and len(self.gate):
            for request in self.gate.release_when_idle():
                self.crawler.engine.crawl(request)  # type: ignore[union-attr]
            raise DontCloseSpider

    def _on_dropped(self, request: scrapy.Request) -> None:
        self.gate.settle(request.meta)  # the dupefilter had it already

    # --- discovery -----------------------------------------------------------
    @discovery_callback
    def parse_index(self, response: Response, day: date) -> Iterator[scrapy.Request]:
        links = parse_article_index(response.body)
        self.crawler.stats.inc_value("discovery/index_links", len(links))
        self.logger.info("article index %s: %d links", day, len(links))
        if b"index-wrap" not in response.body:  # the index's markup changed: use listings
            self.logger.warning(
                "article index %s has no #index-wrap: falling back to listings", day
            )
            yield from self._listing_fallback(day)
        yield from (r for r in map(self._article_request, links) if r)

    @discovery_callback
    def index_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        if failure.check(SiteUnreachable):
            return  # said once, by crawler/middlewares/reachability.py; the crawl is stopping
        day = failure.request.cb_kwargs["day"]  # type: ignore[attr-defined]
        self.logger.warning(
            "article index %s failed (%s): falling back to section listings",
            day,
            failure.getErrorMessage(),
        )
        yield from self._listing_fallback(day)

    def _listing_fallback(self, day: date) -> Iterator[scrapy.Request]:
        """Walk each subdomain's latest-stories listing back to the window's first day
        (once: the gate, or the dupefilter, drops the same walk asked for by another day)."""
        self.crawler.stats.inc_value("discovery/listing_fallback")
        yield from self._discover(
            scrapy.Request(
                LISTING_URL.format(sub=sub),
                self.parse_listing,
                errback=self.discovery_failed,
                cb_kwargs={"day": self._days()[0]},
            )
            for sub in sorted(self.args.subdomains & set(FEED_SUBDOMAINS))
        )

    @discovery_callback
    def discovery_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """A feed, sitemap or listing page that could not be had: the others still count."""
        if failure.check(SiteUnreachable):
            return iter(())
        self.crawler.stats.inc_value("discovery/failed")
        self.logger.warning(
            "discovery page %s failed: %s",
            failure.request.url,  # type: ignore[attr-defined]
            failure.getErrorMessage(),
        )
        return iter(())

    @discovery_callback
    def parse_listing(self, response: Response, day: date) -> Iterator[scrapy.Request]:
        links, next_page = parse_listing(response.body, response.url)
        yield from self._in_window(links)
        oldest = min((link.published_at for link in links if link.published_at), default=None)
        if next_page and oldest is not None and oldest.astimezone(MANILA).date() >= day:
            yield from self._discover(
                [
                    response.follow(
                        next_page,
                        self.parse_listing,
                        errback=self.discovery_failed,
                        cb_kwargs={"day": day},
                    )
                ]
            )

    @discovery_callback
    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        yield from self._in_window(parse_feed(response.body))

    @discovery_callback
    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        yield from self._discover(
            scrapy.Request(url, self.parse_sitemap, errback=self.discovery_failed)
            for url in parse_robots_sitemaps(response.body)
        )

    @discovery_callback
    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        children, links = parse_sitemap(response.body)
        yield from self._in_window(links)
        yield from self._discover(
            scrapy.Request(url, self.parse_sitemap, errback=self.discovery_failed)
            for url in children
            if subdomain_of(url) in self.args.subdomains | {"www"}
        )

    def _in_window(self, links: list[Link]) -> Iterator[scrapy.Request]:
        days = self._days()
        for link in links:
            day = link.published_at.astimezone(MANILA).date() if link.published_at else None
            if day is None or days[0] <= day <= days[-1]:
                request = self._article_request(link)
                if request:
                    yield request

    def _article_request(self, link: Link, force: bool = False) -> scrapy.Request | None:
        parsed = parse_article_url(link.url)
        if parsed is None or parsed[0] not in self.args.subdomains:
            return None
        if self.args.limit is not None and self._scheduled >= self.args.limit:
            return None
        self._scheduled += 1
        # Articles outrank discovery pages, and the discovery gate holds the next index day,
        # feed or sitemap back while the queue is deep: memory stays flat
        # (crawler/spiders/frontier.py).
        return scrapy.Request(
            link.url,
            self.parse_article,
            errback=self.article_failed,
            priority=ARTICLE_PRIORITY,
            meta={"article": True, "force": force, "handle_httpstatus_list": HANDLED_STATUSES},
        )

    def article_failed(self, failure: Failure) -> list[scrapy.Request]:
        """No page after the retries: counted, logged and recorded (crawler/spiders/failures.py)."""
        record_fetch_failure(self.crawler, self.logger, failure)
        return self._release_discovery()

    # --- articles ------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[Any]:
        yield from self._read_article(response)
        yield from self._release_discovery()  # the queue went down by one

    def _read_article(self, response: Response) -> Iterator[Any]:
        raw = read_article(self.crawler, self.logger, response)
        if raw is not None:
            yield raw
