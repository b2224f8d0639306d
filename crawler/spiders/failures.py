"""Why an article request produced no page: one short reason per failure, for ``crawl_failures``.

Everything Scrapy hands an errback (after its retries) is named here, so that every article
URL the crawl asked for ends up stored, skipped on purpose, or recorded with a reason.
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error
from twisted.python.failure import Failure
from twisted.web.client import ResponseFailed, ResponseNeverReceived

from crawler.signals import page_rejected

# IgnoreRequest messages that are decisions, not failures (already stored, 304, blocked
# pages, which BlockedPageMiddleware records itself).
_NOT_FAILURES = ("already stored", "not modified", "blocked:")
_IGNORED = (  # (substring of the IgnoreRequest message, reason)
    ("redirect loop", "redirect_loop"),
    ("max redirections reached", "too_many_redirects"),
    ("offsite", "offsite_redirect"),
    ("exceeded DOWNLOAD_MAXSIZE", "too_large"),
    ("Forbidden by robots.txt", "robots_disallowed"),
    ("site unreachable", "site_unreachable"),
)
_ERRORS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError), "timeout"),
    ((ResponseDataLossError,), "truncated"),
    ((DownloadCancelledError,), "too_large"),
    ((DownloadConnectionRefusedError, tx_error.ConnectionRefusedError), "connection_refused"),
    ((CannotResolveHostError, tx_error.DNSLookupError), "dns"),
    (
        (
            tx_error.ConnectionLost,
            tx_error.ConnectionDone,
            ResponseFailed,
            ResponseNeverReceived,
            DownloadFailedError,
            tx_error.ConnectError,
        ),
        "connection_lost",
    ),
    ((OSError,), "undecodable"),  # e.g. a body that claims gzip but is not
)


def fetch_failure_reason(failure: Failure) -> str | None:
    """The reason an article fetch failed, or None when it was not a failure at all."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if any(message.startswith(prefix) for prefix in _NOT_FAILURES):
            return None
        for needle, reason in _IGNORED:
            if needle in message:
                return reason
        return "ignored"
    for types, reason in _ERRORS:
        if isinstance(exc, types):
            return reason
    return type(exc).__name__


def original_url(failure: Failure) -> str:
    """The URL the spider asked for (before any redirect)."""
    request = failure.request  # type: ignore[attr-defined]
    return (request.meta.get("redirect_urls") or [request.url])[0]


def record_fetch_failure(crawler: Any, logger: Any, failure: Failure) -> None:
    """Count, log and record (``page_rejected``, stage ``fetch``) an article request that
    produced no page; decisions such as "already stored" are not failures and pass."""
    reason = fetch_failure_reason(failure)
    if reason is None:
        return
    url, detail = original_url(failure), failure.getErrorMessage()[:500]
    crawler.stats.inc_value("pages/fetch_failed")
    crawler.stats.inc_value(f"pages/fetch_failed/{reason}")
    logger.warning("not fetched: %s (%s: %s)", url, reason, detail)
    crawler.signals.send_catch_log(
        page_rejected, url=url, reason=reason, detail=detail, blocked=False, stage="fetch"
    )
