"""Fail fast when the site cannot be reached at all.

A crawl whose first requests all fail to connect (connection refused, no DNS answer,
connect timeouts) would otherwise retry every discovery page with backoff for minutes and
end in a wall of tracebacks and a failed monitor. ``UnreachableSiteGuard`` watches the
connection errors before any answer has come back: after ``UNREACHABLE_AFTER`` of them it
logs one line (host, what was tried, what to check), stops the crawl with reason
``site_unreachable`` (exit code 1, docs/troubleshooting.md) and turns every later request
away quietly. Once anything answered, single failures are ordinary faults for the retry
middleware and ``crawl_failures``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from twisted.internet import error as tx_error

from crawler.outcome import SITE_UNREACHABLE

log = logging.getLogger(__name__)

# (exception types, what happened, in words)
CONNECT_ERRORS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((CannotResolveHostError, tx_error.DNSLookupError), "DNS lookup failed"),
    ((DownloadConnectionRefusedError, tx_error.ConnectionRefusedError), "connection refused"),
    (
        (DownloadTimeoutError, tx_error.TCPTimedOutError, tx_error.TimeoutError),
        "no answer before DOWNLOAD_TIMEOUT",
    ),
    ((tx_error.NoRouteError, tx_error.ConnectError), "could not connect"),
)


class SiteUnreachable(IgnoreRequest):
    """Raised for requests once the crawl has given up on an unreachable site."""


def connect_error(exc: BaseException) -> str | None:
    """What went wrong, in words, if ``exc`` means no connection was made; else None."""
    for types, words in CONNECT_ERRORS:
        if isinstance(exc, types):
            return words
    return None


@dataclass
class Reachability:
    """The pure decision: connection failures seen before any answer (table-tested)."""

    threshold: int
    answered: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, what happened)

    def failed(self, url: str, what: str) -> bool:
        """Record a connection failure; True when the site now counts as unreachable."""
        if self.answered:
            return False
        self.failures.append((url, what))
        return len(self.failures) >= self.threshold

    def message(self, mirror: str | None) -> str:
        hosts = sorted({urlsplit(url).hostname or url for url, _ in self.failures})
        what = sorted({what for _, what in self.failures})
        urls = list(dict.fromkeys(url for url, _ in self.failures))
        tried = ", ".join(urls[:3]) + (f" and {len(urls) - 3} more" if len(urls) > 3 else "")
        target = f"{mirror} (INQUIRER_MIRROR, for {hosts[0]})" if mirror else ", ".join(hosts)
        return (
            f"site unreachable: {target}: {' / '.join(what)} on {len(self.failures)} attempts "
            f"and no answer at all (tried {tried}); check {advice(what, mirror)}"
        )


def advice(what: list[str], mirror: str | None) -> str:
    if mirror:
        return (
            "that the replay or mirror is running at that address "
            "(python -m crawler.replay --port PORT) and INQUIRER_MIRROR"
        )
    if "DNS lookup failed" in what:
        return (
            "this machine's DNS and network (getent hosts www.inquirer.net), "
            "or the proxy settings (docs/troubleshooting.md)"
        )
    return (
        "this machine's network, firewall and proxy settings, and whether the site answers "
        "from another network (docs/troubleshooting.md)"
    )


class UnreachableSiteGuard:
    """Downloader middleware above the retry middleware (it sees errors before retries)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state = Reachability(crawler.settings.getint("UNREACHABLE_AFTER", 3))
        self.mirror: str | None = crawler.settings.get("INQUIRER_MIRROR") or None
        self.stopped = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnreachableSiteGuard:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if self.stopped:
            raise SiteUnreachable("site unreachable: the crawl is stopping")

    def process_response(self, request: Request, response: Response) -> Response:
        self.state.answered = True
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        what = connect_error(exception)
        if self.stopped and what is not None:
            raise SiteUnreachable(f"site unreachable: {what}")
        if what is None or not self.state.failed(request.url, what):
            return None  # an ordinary fault: the retry middleware decides
        self.stopped = True
        message = self.state.message(self.mirror)
        log.error(message)
        stats = self.crawler.stats
        if stats is not None:
            stats.set_value("crawl/unreachable", message)
        if self.crawler.engine is not None:
            asyncio.ensure_future(self.crawler.engine.close_spider_async(reason=SITE_UNREACHABLE))
        raise SiteUnreachable(message)
