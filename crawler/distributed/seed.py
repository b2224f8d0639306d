"""``crawler seed``: start (or add to) a distributed run by queueing its discovery requests.

The seeds are the very requests ``InquirerSpider`` starts a single-process crawl with (built
by the spider, same callbacks, same serialization as the workers' own requests), by kind:
article-index days (always), RSS feeds (``--feeds``), robots.txt and its sitemaps
(``--sitemaps``), stored articles to re-check (``--revisit``, nightly mode). The run records
its spider arguments, with explicit ``since``/``until``, and every worker adopts them.

A new run starts when the previous one is over (nothing queued or in flight): the
dupefilter is emptied. While a run is in progress, seeding with the same arguments adds
to it (the dupefilter drops what it already has); other arguments are refused.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy_redis.dupefilter import RFPDupeFilter

from crawler.clock import crawl_today
from crawler.distributed.codec import encode_request, found_article
from crawler.distributed.queue import RequestQueue
from crawler.spiders.args import SpiderArgumentError, parse_spider_args
from crawler.spiders.inquirer import InquirerSpider

KINDS = {
    "parse_index": "index",
    "parse_feed": "feed",
    "parse_robots": "sitemap",
    "parse_article": "revisit",
}


class SeedConflict(RuntimeError):
    """Another run is still in progress with other arguments."""


@dataclass
class SeedResult:
    run_id: str
    new_run: bool
    args: dict[str, str]
    queued: Counter[str] = field(default_factory=Counter)  # kind -> requests queued
    duplicates: int = 0  # already seen in this run


def project_settings(overrides: dict[str, Any]) -> Settings:
    """The crawl's settings (``settings`` package, environment included) plus ``overrides``."""
    settings = Settings()
    settings.setmodule("settings", priority="project")
    settings.setdict({k: v for k, v in overrides.items() if v is not None}, priority="cmdline")
    return settings


def run_args(args: dict[str, str], settings: Settings) -> dict[str, str]:
    """Spider arguments with the days made explicit, so every worker crawls the same ones."""
    parsed = parse_spider_args(args)
    if parsed.mode == "urls":
        raise SpiderArgumentError("crawler seed queues index days: mode=urls is not seeded")
    days = parsed.days(today=crawl_today(settings.get("CRAWL_TODAY")))
    return {
        **args,
        "mode": parsed.mode,
        "since": days[0].isoformat(),
        "until": days[-1].isoformat(),
    }


def seed_requests(
    settings: Settings, args: dict[str, str], kinds: set[str]
) -> tuple[InquirerSpider, list[tuple[str, Request]]]:
    """The spider's own start requests for ``args``, those of ``kinds`` only."""
    spider = InquirerSpider.from_crawler(Crawler(InquirerSpider, settings), **args)
    if "revisit" in kinds:  # start() = start_requests_list() + the nightly revisits

        async def collect() -> list[Any]:
            return [request async for request in spider.start()]

        requests = asyncio.run(collect())
    else:
        requests = spider.start_requests_list()
    tagged = [(KINDS.get(getattr(r.callback, "__name__", ""), "other"), r) for r in requests]
    return spider, [(kind, r) for kind, r in tagged if kind in kinds]


def seed(
    queue: RequestQueue,
    settings: Settings,
    args: dict[str, str],
    kinds: set[str],
    run_id: str | None = None,
    reset: bool = False,
) -> SeedResult:
    """Queue the seeds of ``args`` (``kinds`` besides ``index``) as a new or the current run."""
    args = run_args(args, settings)
    if reset:
        queue.reset()
    current = queue.run()
    queued, inflight = queue.pending()
    if current is not None and (queued or inflight):
        if current["args"] != args or (run_id and run_id != current["id"]):
            raise SeedConflict(
                f"run {current['id']} is still in progress ({queued} queued, {inflight} in "
                f"flight) with arguments {current['args']}: wait for it to finish, or --reset"
            )
        result = SeedResult(current["id"], False, args)
    else:
        result = SeedResult(run_id or new_run_id(), True, args)
        queue.start_run(result.run_id, args)
    spider, requests = seed_requests(settings, args, kinds | {"index"})
    dupefilter = RFPDupeFilter(queue.server, queue.dupefilter_key)
    for kind, request in requests:
        fingerprint = None if request.dont_filter else dupefilter.request_fingerprint(request)
        data = encode_request(request, spider)
        if queue.push(data, request.priority, fingerprint, found_article(request)):
            result.queued[kind] += 1
        else:
            result.duplicates += 1
    return result


def new_run_id() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"
