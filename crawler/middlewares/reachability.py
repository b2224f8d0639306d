"""Fail fast when the site cannot be reached at all.

A crawl whose first requests all fail to connect (connection refused, no DNS answer,
connect timeouts) would otherwise retry every discovery page with backoff for minutes and
end in a wall of tracebacks and a failed monitor. ``UnreachableSiteGuard`` watches the
connection errors before any answer has come back: after ``UNREACHABLE_AFTER`` of them it
logs one line (host, what was tried, what to check), stops the crawl with reason
``site_unreachable`` (exit code 1, docs/troubleshooting.md) and turns every later request
away quietly. Likewise when every answer is a bot challenge or a 403 wall (robots.txt, the
article index, the feeds): one line, reason ``blocked``, exit code 4. Once anything
answered, single failures are ordinary faults for the retry
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

from crawler.outcome import BLOCKED, SITE_UNREACHABLE

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


def blocked_reason(response: Response) -> str | None:
    from crawler.middlewares.downloader import _blocked_reason

    return _blocked_reason(response)


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
    walls: list[str] = field(default_factory=list)  # challenge / 403 answers before any page

    def walled(self, url: str) -> bool:
        """Record a challenge or 403 wall; True when every answer so far was one."""
        if self.answered:
            return False
        self.walls.append(url)
        return len(self.walls) >= self.threshold

    def wall_message(self) -> str:
        urls = list(dict.fromkeys(self.walls))
        tried = ", ".join(urls[:3]) + (f" and {len(urls) - 3} more" if len(urls) > 3 else "")
        return (
            f"site blocks this client: all {len(self.walls)} answers were bot challenges or "
            f"403 walls and no page came through (tried {tried}); nothing was stored. "
            "Change the pacing, the network or the proxy (docs/troubleshooting.md, exit code "
            "4); this crawler does not try to pass challenges"
        )

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
            "(python -m replay --port PORT) and INQUIRER_MIRROR"
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
        if self.state.answered or blocked_reason(response) is None:
            self.state.answered = True
            return response
        if self.crawler.stats is not None and not request.meta.get("article"):
            self.crawler.stats.inc_value("discovery/blocked")  # articles: BlockedPageMiddleware
        if self.state.walled(request.url) and not self.stopped:
            self._stop(self.state.wall_message(), BLOCKED)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        what = connect_error(exception)
        if self.stopped and what is not None:
            raise SiteUnreachable(f"site unreachable: {what}")
        if what is None or not self.state.failed(request.url, what):
            return None  # an ordinary fault: the retry middleware decides
        message = self.state.message(self.mirror)
        self._stop(message, SITE_UNREACHABLE)
        raise SiteUnreachable(message)

    def _stop(self, message: str, reason: str) -> None:
        self.stopped = True
        log.error(message)
        stats = self.crawler.stats
        if stats is not None:
            stats.set_value("crawl/unreachable", message)
        if self.crawler.engine is not None:
            asyncio.ensure_future(self.crawler.engine.close_spider_async(reason=reason))
