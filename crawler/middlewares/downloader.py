"""Downloader middlewares, one concern each: incremental fetching, blocked pages, polite retries."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.url import url_is_from_any_domain
from w3lib.url import safe_url_string

from crawler.clock import settings_now, wall_now
from crawler.middlewares.incremental import backoff_seconds, plan_fetch, retry_after_seconds
from crawler.pages.detect import is_challenge
from crawler.signals import page_rejected
from crawler.store.facade import Store, open_crawl_store
from crawler.urls import canonicalize_url

log = logging.getLogger(__name__)


def _store(crawler: Crawler) -> Store:
    return open_crawl_store(crawler.settings)


PLANNED = "incremental_planned"  # request.meta: the store was asked about this request


class IncrementalSpiderMiddleware:
    """The incremental decision, made as soon as a callback yields an article request: an
    article the store already has never enters the queue. Made in the downloader
    middleware, each skipped request first went through the scheduler, the dupefilter and
    a dozen downloader middlewares, which cost far more than the store lookup: most of
    a nightly run's time. Start requests (the nightly revisits) are decided here too;
    :class:`IncrementalMiddleware` decides whatever arrives undecided.

    The same article is found several times (index, feed, sitemap): it is decided and
    counted once. The decisions are kept as URL hashes (~60 bytes an article)."""

    def __init__(self, incremental: IncrementalMiddleware) -> None:
        self.incremental = incremental
        self._kept: set[int] = set()  # queued: the dupefilter drops later copies
        self._skipped: set[int] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalSpiderMiddleware:
        return cls(IncrementalMiddleware.from_crawler(crawler))

    def _keep(self, obj: Any) -> bool:
        if not (isinstance(obj, Request) and obj.meta.get("article")) or PLANNED in obj.meta:
            return True
        key = hash(canonicalize_url(obj.url))
        if key in self._kept or key in self._skipped:
            return key in self._kept
        keep = self.incremental.plan(obj)
        (self._kept if keep else self._skipped).add(key)
        return keep

    def process_spider_output(self, response: Response, result: Any) -> Any:
        return (obj for obj in result if self._keep(obj))

    async def process_spider_output_async(self, response: Response, result: Any) -> Any:
        async for obj in result:
            if self._keep(obj):
                yield obj

    async def process_start(self, start: Any) -> Any:
        """The start requests too: a nightly run's revisits of articles fetched minutes ago."""
        async for obj in start:
            if self._keep(obj):
                yield obj


class IncrementalMiddleware:
    """Skips articles the store already has, asks conditionally for recent ones, and turns
    a 304 into a touch of ``last_fetched_at`` (the database is the crawl's memory)."""

    def __init__(self, crawler: Crawler, store: Store) -> None:
        s = crawler.settings
        self.crawler, self.store = crawler, store
        self.revisit_after = settings_now(s) - timedelta(days=s.getfloat("REVISIT_DAYS"))
        self.min_refetch = timedelta(hours=s.getfloat("REVISIT_MIN_HOURS"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        return cls(crawler, _store(crawler))

    def process_request(self, request: Request) -> None:
        if request.meta.get("article") and PLANNED not in request.meta and not self.plan(request):
            raise IgnoreRequest("already stored")
        return None

    def plan(self, request: Request) -> bool:
        """Decide once for an article request: False to skip it; else it may go, with the
        conditional headers of a revisit. The decision is counted and kept in its meta."""
        request.meta[PLANNED] = True  # retries and redirects carry it: decided once
        try:
            state = self.store.state.state_of(canonicalize_url(request.url))
        except Exception as exc:
            assert self.crawler.stats is not None
            if not self.crawler.stats.get_value("incremental/state_unknown"):
                log.warning(
                    "crawl state unknown (%s: the store is away): fetching pages without asking it",
                    type(exc).__name__,
                )
            self.crawler.stats.inc_value("incremental/state_unknown")
            return True
        plan = plan_fetch(
            state,
            refetch_before=wall_now() - self.min_refetch,
            revisit_after=self.revisit_after,
            force=request.meta.get("force", False),
        )
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"incremental/{plan.action}/{plan.reason}")
        for name, value in plan.headers.items():
            request.headers[name] = value
        return plan.action != "skip"

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 304 and request.meta.get("article"):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("pages/not_modified")
            try:
                self.store.state.mark_not_modified(
                    canonicalize_url(request.url),
                    _header(response, "ETag"),
                    _header(response, "Last-Modified"),
                )
            except Exception as exc:
                log.warning("could not record 304 for %s: %s", request.url, type(exc).__name__)
            raise IgnoreRequest("not modified")
        return response


class BlockedPageMiddleware:
    """Cloudflare challenges and 403 walls: never stored, counted, backed off; past a share
    of blocked article pages the crawl stops with reason ``blocked``."""

    def __init__(self, crawler: Crawler) -> None:
        s = crawler.settings
        self.crawler = crawler
        self.max_share = s.getfloat("BLOCKED_MAX_SHARE")
        self.min_pages = s.getint("BLOCKED_MIN_PAGES")
        self.backoff_max = s.getfloat("BLOCKED_BACKOFF_MAX")
        self.stopping = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlockedPageMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        reason = _blocked_reason(response) if request.meta.get("article") else None
        if reason is None:
            return response  # ordinary errors are left to the retry middleware
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("pages/blocked")
        self.crawler.signals.send_catch_log(
            page_rejected,
            url=request.url,
            reason=reason,
            detail=f"status {response.status}",
            blocked=True,
        )
        self._back_off(request)
        self._check_share()
        raise IgnoreRequest(f"blocked: {reason}")

    def _back_off(self, request: Request) -> None:
        engine = self.crawler.engine
        if engine is None:
            return
        key = request.meta.get("download_slot") or (request.url.split("/")[2])
        slot = engine.downloader.slots.get(key)
        if slot is not None:
            slot.delay = min(self.backoff_max, max(slot.delay * 2, 2.0))
            log.warning("blocked by %s: backing off to %.0f s between requests", key, slot.delay)

    def _check_share(self) -> None:
        stats = self.crawler.stats
        assert stats is not None
        blocked = int(stats.get_value("pages/blocked", 0))
        fetched = blocked + int(stats.get_value("pages/article_fetched", 0))
        if self.stopping or fetched < self.min_pages or blocked / fetched <= self.max_share:
            return
        self.stopping = True
        stats.set_value("crawl/blocked_share", round(blocked / fetched, 3))
        log.error(
            "%d of %d article pages were blocked (more than %.0f%%): the site is blocking "
            "this client; stopping the crawl (what to change: docs/troubleshooting.md)",
            blocked,
            fetched,
            self.max_share * 100,
        )
        assert self.crawler.engine is not None
        asyncio.ensure_future(self.crawler.engine.close_spider_async(reason="blocked"))


class RedirectGuardMiddleware:
    """Sees 3xx answers before Scrapy's RedirectMiddleware: a redirect off the spider's
    allowed domains, or back to a URL of its own chain (a loop, which the dupefilter would
    otherwise drop without a word), is refused with a reason the spider's errback records."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get("Location")
        if (
            response.status not in (301, 302, 303, 307, 308)
            or not location
            or request.meta.get("dont_redirect")
        ):
            return response
        target = urljoin(request.url, safe_url_string(location.decode("latin-1")))
        stats, spider = self.crawler.stats, self.crawler.spider
        assert stats is not None
        allowed = list(getattr(spider, "allowed_domains", None) or [])
        if allowed and not url_is_from_any_domain(target, allowed):
            stats.inc_value("redirect/offsite_refused")
            raise IgnoreRequest(f"offsite redirect to {urlsplit(target).hostname!r} refused")
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if urldefrag(target)[0] in {urldefrag(url)[0] for url in chain}:
            stats.inc_value("redirect/loop_refused")
            raise IgnoreRequest(f"redirect loop: {target} after {len(chain)} hop(s)")
        return response


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, plus a wait before each: ``Retry-After`` when the server sends it
    (429/503), else exponential backoff."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.backoff_base = crawler.settings.getfloat("RETRY_BACKOFF_BASE")
        middleware.backoff_max = crawler.settings.getfloat("RETRY_BACKOFF_MAX")
        return middleware

    async def process_response(
        self,
        request: Request,
        response: Response,  # type: ignore[override]
        spider: Any = None,
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        retries = int(request.meta.get("retry_times", 0))
        if retries >= int(request.meta.get("max_retry_times", self.max_retry_times)):
            return self._retry(request, f"status {response.status}") or response
        wait = retry_after_seconds(
            response.headers.get("Retry-After"), wall_now(), self.backoff_max
        )
        if wait is None:
            wait = backoff_seconds(retries, self.backoff_base, self.backoff_max)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("retry/waited_seconds", wait)
        log.info(
            "HTTP %d for %s: waiting %.1f s before retry %d",
            response.status,
            request.url,
            wait,
            retries + 1,
        )
        await asyncio.sleep(wait)
        return self._retry(request, f"status {response.status}") or response


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _blocked_reason(response: Response) -> str | None:
    """``challenge`` for an anti-bot page (whatever its status), ``http_403`` for a bare wall."""
    if response.status in (200, 403, 429, 503) and _is_challenge_response(response):
        return "challenge"
    return "http_403" if response.status == 403 else None


def _is_challenge_response(response: Response) -> bool:
    try:
        return is_challenge(response.body)
    except Exception:
        return False
