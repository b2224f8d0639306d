"""One fetched article page -> a RawArticle, or a counted and signalled rejection.

Shared by every spider (``inquirer``, ``news``): the page-size limits (before parsing), the
extraction budget, blocked and
not-an-article pages, and the HTTP validators kept for conditional revisits.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from scrapy.http import Response

from crawler.clock import settings_now, wall_now
from crawler.items import RawArticle
from crawler.pages import NotAnArticle, extract_raw
from crawler.pages.budget import run_with_budget
from crawler.pages.limits import MAX_PAGE_BYTES, MAX_PARAGRAPHS, page_cost_refusal
from crawler.signals import page_rejected
from crawler.store.facade import open_crawl_store
from crawler.urls import site_of, subdomain_of


def read_article(
    crawler: Any, logger: logging.Logger | Any, response: Response
) -> RawArticle | None:
    """The raw article of ``response``; None (counted, logged, signalled) when it is not one."""
    crawler.stats.inc_value("pages/article_fetched")
    content_type = response.headers.get("Content-Type", b"").decode("latin-1")
    settings = crawler.settings
    try:
        refusal = page_cost_refusal(  # before any parsing: limits first
            response.body,
            settings.getint("PAGE_MAX_BYTES", MAX_PAGE_BYTES),
            settings.getint("PAGE_MAX_PARAGRAPHS", MAX_PARAGRAPHS),
        )
        if refusal is not None:
            raise NotAnArticle(*refusal)
        raw = run_with_budget(
            settings.getfloat("EXTRACT_TIME_BUDGET"),
            extract_raw,
            response.url,
            response.body,
            content_type,
            settings_now(settings),  # the crawl's clock: no date search looks past it
        )
        if response.status != 200:
            raise NotAnArticle(f"http_{response.status}", f"status {response.status}")
    except NotAnArticle as exc:
        blocked = exc.reason == "challenge"
        crawler.stats.inc_value("pages/blocked" if blocked else "pages/not_article")
        logger.warning("not stored: %s (%s)", response.url, exc)
        crawler.signals.send_catch_log(
            page_rejected,
            url=response.url,
            reason=exc.reason,
            detail=exc.detail,
            blocked=blocked,
        )
        return None
    raw.http_validators = {
        k: v.decode("latin-1")
        for k, v in (
            ("etag", response.headers.get("ETag")),
            ("last_modified", response.headers.get("Last-Modified")),
        )
        if v
    }
    return raw


def revisit_urls(
    crawler: Any,
    subdomains: frozenset[str] | None = None,
    sites: frozenset[str] | None = None,
) -> list[str]:
    """A nightly run's revisit set: stored articles of these Inquirer ``subdomains`` or these
    ``sites`` young enough to have been updated since (``REVISIT_DAYS`` on the crawl's
    calendar), and the last nights' failed fetches among them (failure records carry the
    real time they happened, so their age is measured on the wall clock)."""
    settings = crawler.settings
    days = timedelta(days=settings.getfloat("REVISIT_DAYS"))
    store = open_crawl_store(settings)
    wanted = (
        (lambda url: subdomain_of(url) in subdomains)
        if subdomains
        else (lambda url: site_of(url) in (sites or ()))
    )
    failed = [u for u in store.runs.failed_fetches_since(wall_now() - days) if wanted(u)]
    published = store.state.published_since(
        settings_now(settings) - days, subdomains=subdomains, sites=sites
    )
    return published + failed
