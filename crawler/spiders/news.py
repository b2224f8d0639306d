"""NewsSpider: any news outlet, through the same pipelines, store and incremental crawl.

    scrapy crawl news -a site=https://www.example-news.com/
    scrapy crawl news -a sites=https://a.example/,https://b.example/
    scrapy crawl news -a sites_file=sites.toml -a mode=backfill -a since=2026-11-01

Navigation only. Discovery, standard channels first, per outlet:

1. robots.txt (obeyed by Scrapy's RobotsTxtMiddleware) and its ``Sitemap:`` lines, plus
   the profile's sitemaps: sitemap indexes (children whose ``lastmod`` predates the window
   are skipped), news sitemaps (publication date, title and language travel with the
   request as discovery data: last-resort field sources) and ordinary sitemaps (``lastmod``
   filtered to the window);
2. RSS/Atom feeds: the profile's, those the home page announces with
   ``<link rel="alternate">``, else the usual paths (``/feed``, ``/rss.xml``, ``/atom.xml``);
3. only when none of those found an article: the home page and its section pages (with
   pagination), article links told apart from navigation by URL shape and page structure.

Only the outlet's own site (its registrable domain) is ever requested. What is already
stored is decided by ``crawler.middlewares.downloader.IncrementalSpiderMiddleware``, as for
inquirer.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.clock import settings_now
from crawler.items import ArticleItem
from crawler.pages.profiled import apply_selectors
from crawler.spiders.args import SpiderArgumentError
from crawler.spiders.discovery import parse_robots_sitemaps
from crawler.spiders.failures import record_fetch_failure
from crawler.spiders.newsargs import NewsArgs, parse_news_args
from crawler.spiders.profiles import SiteProfile
from crawler.spiders.reading import read_article, revisit_urls
from crawler.spiders.sitediscovery import (
    USUAL_FEED_PATHS,
    Found,
    PageLinks,
    declares_language,
    feed_links,
    is_service_page,
    on_site,
    parse_feed_entries,
    parse_page_links,
    parse_sitemap_entries,
    with_discovery,
)
from crawler.urls import canonicalize_url, host_of, site_of

ARTICLE_PRIORITY = 20  # articles first, then discovery pages
HANDLED_STATUSES = [403, 404, 410, 503]  # read them: challenge walls come as 403/503
MAX_SECTIONS = 20  # section pages read from the home page, per outlet
MAX_SECTION_PAGES = 5  # pages of one section followed through its pagination


@dataclass(slots=True)
class Outlet:
    """One outlet's crawl: its profile, its window and what discovery found so far."""

    profile: SiteProfile
    days: list[date]
    found: set[str] = field(default_factory=set)  # article URLs requested (revisits too)
    discovered: set[str] = field(default_factory=set)  # article URLs a channel listed
    scheduled: int = 0  # article requests made (``limit``)
    home: PageLinks | None = None  # the home page's links, for the fallback
    fallback: bool = False

    @property
    def domain(self) -> str:
        return self.profile.domain

    def in_window(self, link: Found) -> bool:
        """A link whose channel dates it before (or after) the window is not fetched."""
        zone = self.profile.clock
        if link.published_at is not None:
            return self.days[0] <= link.published_at.astimezone(zone).date() <= self.days[-1]
        if link.day is not None:
            return self.days[0] <= link.day <= self.days[-1]
        if link.modified_at is not None:  # changed since the window began: maybe in it
            return link.modified_at.astimezone(zone).date() >= self.days[0]
        return True


def channel(method: Callable[..., Iterable[Any]]) -> Callable[..., Iterator[Any]]:
    """A discovery callback: its outlet is looked up from ``cb_kwargs['site']``."""

    @functools.wraps(method)
    def wrapper(self: NewsSpider, answer: Response | Failure, site: str, **kwargs: Any) -> Any:
        yield from method(self, answer, self.outlets[site], **kwargs)

    return wrapper


class NewsSpider(scrapy.Spider):
    name = "news"
    custom_settings = {
        "SPIDERMON_SPIDER_CLOSE_MONITORS": ["crawler.monitoring.suite.NewsMonitorSuite"],
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raw = {k: str(v) for k, v in kwargs.items() if k not in {"_job"}}
        super().__init__(*args)
        self.args: NewsArgs = parse_news_args(raw)
        self.raw_args = raw
        self.allowed_domains = sorted({p.domain for p in self.args.sites})
        self.outlets: dict[str, Outlet] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        now = settings_now(crawler.settings)  # the crawl's clock: CRAWL_TODAY when set
        for profile in spider.args.sites:
            today = now.astimezone(profile.clock).date()
            spider.outlets[profile.domain] = Outlet(profile, spider.args.days(today))
        slots = politeness_slots(spider.args.sites)
        if slots:  # settings are frozen only after from_crawler
            merged = {**dict(crawler.settings.getdict("DOWNLOAD_SLOTS")), **slots}
            crawler.settings.set("DOWNLOAD_SLOTS", merged, priority="spider")
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider._on_item, signal=signals.item_scraped)
        return spider

    # --- start -----------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        for outlet in self.outlets.values():
            for request in self._standard_channels(outlet):
                yield request
        for url in self._revisit_urls():
            request = self._article_request(self.outlets[site_of(url)], Found(url))
            if request:
                yield request

    def _standard_channels(self, outlet: Outlet) -> Iterator[scrapy.Request]:
        profile = outlet.profile
        self.logger.info("%s: window %s .. %s", outlet.domain, outlet.days[0], outlet.days[-1])
        yield self._discovery(outlet, profile.url("/robots.txt"), self.parse_robots)
        for url in profile.sitemaps:
            yield self._discovery(outlet, url, self.parse_sitemap)
        for url in profile.feeds:
            yield self._discovery(outlet, url, self.parse_feed)
        yield self._discovery(outlet, profile.start_url, self.parse_home)

    def _discovery(
        self, outlet: Outlet, url: str, callback: Callable[..., Any], **kwargs: Any
    ) -> scrapy.Request:
        self.crawler.stats.inc_value(f"sites/{outlet.domain}/discovery_pages")
        return scrapy.Request(
            url,
            callback,
            errback=self.discovery_failed,
            priority=5,
            cb_kwargs={"site": outlet.domain, **kwargs},
            meta={"site": outlet.domain},
        )

    def _revisit_urls(self) -> list[str]:
        """Nightly: stored articles of these outlets young enough to have changed since,
        and the last nights' failed fetches on their sites."""
        if self.args.mode != "nightly":
            return []
        return revisit_urls(self.crawler, sites=frozenset(self.outlets))

    # --- the standard channels --------------------------------------------------------
    @channel
    def parse_robots(self, response: Response, outlet: Outlet) -> Iterator[scrapy.Request]:
        for url in parse_robots_sitemaps(response.body):
            if on_site(url, outlet.domain):
                yield self._discovery(outlet, url, self.parse_sitemap)

    @channel
    def parse_sitemap(self, response: Response, outlet: Outlet) -> Iterator[scrapy.Request]:
        children, pages = parse_sitemap_entries(response.body, outlet.profile.clock)
        for child in children:
            if on_site(child.url, outlet.domain) and outlet.in_window(child):
                yield self._discovery(outlet, child.url, self.parse_sitemap)
            else:
                self.crawler.stats.inc_value(f"sites/{outlet.domain}/sitemaps_skipped")
        yield from self._articles(outlet, pages, "sitemap")

    @channel
    def parse_feed(self, response: Response, outlet: Outlet) -> Iterator[scrapy.Request]:
        entries = parse_feed_entries(response.body, response.url, outlet.profile.clock)
        yield from self._articles(outlet, entries, "feed")

    @channel
    def parse_home(self, response: Response, outlet: Outlet) -> Iterator[scrapy.Request]:
        outlet.home = parse_page_links(response.body, response.url)
        feeds = [u for u in feed_links(response.body, response.url) if on_site(u, outlet.domain)]
        if not feeds and not outlet.profile.feeds:
            feeds = [outlet.profile.url(path) for path in USUAL_FEED_PATHS]
        for url in feeds:
            yield self._discovery(outlet, url, self.parse_feed)

    def discovery_failed(self, failure: Failure) -> Iterator[Any]:
        """A robots.txt, sitemap, feed or section page that could not be had (a guessed
        feed path that is not there is expected): the other channels still count."""
        request = failure.request  # type: ignore[attr-defined]
        self.crawler.stats.inc_value(f"sites/{request.meta.get('site')}/discovery_failed")
        self.logger.info("discovery page %s: %s", request.url, failure.getErrorMessage())
        return iter(())

    # --- the fallback: home and section pages -----------------------------------------
    def _on_idle(self) -> None:
        """Everything the standard channels gave is done: outlets where they found no
        article get their home and section pages read."""
        started = False
        for outlet in self.outlets.values():
            if outlet.discovered or outlet.fallback:
                continue
            outlet.fallback = True
            self.crawler.stats.inc_value(f"sites/{outlet.domain}/section_fallback")
            self.logger.info("%s: no sitemap or feed article: reading its sections", outlet.domain)
            for request in self._fallback(outlet):
                self.crawler.engine.crawl(request)  # type: ignore[union-attr]
                started = True
        if started:
            raise DontCloseSpider

    def _fallback(self, outlet: Outlet) -> Iterator[scrapy.Request]:
        if outlet.home is None:
            self.logger.warning("%s: the home page could not be read: nothing found", outlet.domain)
            return
        yield from self._articles(outlet, outlet.home.articles, "home")
        for url in outlet.home.sections[:MAX_SECTIONS]:
            yield self._discovery(outlet, url, self.parse_section, page=1)

    @channel
    def parse_section(
        self, response: Response, outlet: Outlet, page: int
    ) -> Iterator[scrapy.Request]:
        links = parse_page_links(response.body, response.url)
        yield from self._articles(outlet, links.articles, "section")
        days = [link.day for link in links.articles if link.day is not None]
        older = bool(days) and min(days) < outlet.days[0]  # the window is behind us
        if links.next_page and page < MAX_SECTION_PAGES and not older:
            if on_site(links.next_page, outlet.domain):
                yield self._discovery(outlet, links.next_page, self.parse_section, page=page + 1)

    # --- article requests -------------------------------------------------------------
    def _articles(self, outlet: Outlet, links: list[Found], via: str) -> Iterator[scrapy.Request]:
        stats = self.crawler.stats
        for link in links:
            if not on_site(link.url, outlet.domain):
                stats.inc_value(f"sites/{outlet.domain}/offsite_links")
                continue
            if is_service_page(link.url):
                continue
            if not outlet.in_window(link):
                stats.inc_value(f"sites/{outlet.domain}/outside_window")
                continue
            request = self._article_request(outlet, link, via)
            if request:
                yield request

    def _article_request(
        self, outlet: Outlet, link: Found, via: str = "revisit"
    ) -> scrapy.Request | None:
        url = canonicalize_url(link.url)
        stats = self.crawler.stats
        if via != "revisit" and url not in outlet.discovered:
            outlet.discovered.add(url)
            stats.inc_value(f"sites/{outlet.domain}/found")
            stats.inc_value(f"sites/{outlet.domain}/found/{via}")
        if url in outlet.found:
            return None
        if self.args.limit is not None and outlet.scheduled >= self.args.limit:
            return None
        outlet.found.add(url)
        outlet.scheduled += 1
        stats.inc_value(f"sites/{outlet.domain}/requested")
        return scrapy.Request(
            url,
            self.parse_article,
            errback=self.article_failed,
            priority=ARTICLE_PRIORITY,
            meta={
                "article": True,
                "force": False,
                "handle_httpstatus_list": HANDLED_STATUSES,
                "site": outlet.domain,
                "discovery": link.discovery_data(),
            },
        )

    def article_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self.crawler.stats.inc_value(f"sites/{request.meta.get('site')}/fetch_failed")
        record_fetch_failure(self.crawler, self.logger, failure)

    def parse_article(self, response: Response) -> Iterator[Any]:
        site = response.meta.get("site") or site_of(response.url)
        self.crawler.stats.inc_value(f"sites/{site}/pages_fetched")
        raw = read_article(self.crawler, self.logger, response)
        if raw is None:
            self.crawler.stats.inc_value(f"sites/{site}/not_stored")
            return
        if site in self.outlets:  # page times without an offset are the outlet's
            raw.zone = self.outlets[site].profile.clock
        data = response.meta.get("discovery") or {}
        if data:
            raw = with_discovery(raw, data, declares_language(response.body))
        selectors = self.outlets[site].profile.selectors if site in self.outlets else {}
        yield apply_selectors(raw, response.text, selectors) if selectors else raw

    def _on_item(self, item: Any) -> None:
        if isinstance(item, ArticleItem):
            self.crawler.stats.inc_value(f"sites/{item.site}/items")


def politeness_slots(profiles: Iterable[SiteProfile]) -> dict[str, dict[str, Any]]:
    """``DOWNLOAD_SLOTS`` entries for the profiles that set a delay or a concurrency."""
    slots: dict[str, dict[str, Any]] = {}
    for profile in profiles:
        slot: dict[str, Any] = {}
        if profile.download_delay is not None:
            slot["delay"] = profile.download_delay
        if profile.concurrency is not None:
            slot["concurrency"] = profile.concurrency
        if slot:
            urls = (profile.start_url, *profile.feeds, *profile.sitemaps)
            slots.update({host_of(url): slot for url in urls})
    return slots


__all__ = ["NewsSpider", "SpiderArgumentError", "politeness_slots"]
