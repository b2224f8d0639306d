"""One fetched article page -> a RawArticle, or a counted and signalled rejection.

Shared by every spider (``inquirer``, ``news``): the page-size limits (before parsing), the
extraction budget, blocked and
not-an-article pages, and the HTTP validators kept for conditional revisits.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.http import Response

from crawler.budget import run_with_budget
from crawler.clock import settings_now
from crawler.items import RawArticle
from crawler.pages import NotAnArticle, extract_raw
from crawler.pages.limits import MAX_PAGE_BYTES, MAX_PARAGRAPHS, page_cost_refusal
from crawler.signals import page_rejected


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
