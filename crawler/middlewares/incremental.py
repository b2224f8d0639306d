"""The incremental crawl's decisions, as pure functions (no Scrapy, no database).

Given what the store knows of an article, decide whether to fetch it, fetch it
conditionally (``If-None-Match`` / ``If-Modified-Since``) or skip it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class FetchPlan:
    action: str  # "fetch", "conditional" or "skip"
    reason: str
    headers: dict[str, str] = field(default_factory=dict)


def plan_fetch(
    state: dict[str, Any] | None,
    *,
    refetch_before: datetime,
    revisit_after: datetime,
    force: bool = False,
) -> FetchPlan:
    """What to do with one article URL, given its stored state (None: never stored).

    ``refetch_before``: an article fetched after this moment is fresh, not asked again.
    ``revisit_after``: a stored article published after this moment may still be
    updated, so it is asked for conditionally; older stored ones are skipped.
    """
    if state is None:
        return FetchPlan("fetch", "new")
    if force:
        return FetchPlan("fetch", "asked for")
    fetched = state.get("last_fetched_at")
    if fetched is not None and fetched > refetch_before:
        return FetchPlan("skip", "fresh")
    published = state.get("published_at")
    if published is None or published < revisit_after:
        return FetchPlan("skip", "stored")
    return FetchPlan("conditional", "revisit", conditional_headers(state))


def conditional_headers(state: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    if state.get("http_etag"):
        headers["If-None-Match"] = str(state["http_etag"])
    if state.get("http_last_modified"):
        headers["If-Modified-Since"] = str(state["http_last_modified"])
    return headers


def retry_after_seconds(value: str | bytes | None, now: datetime, ceiling: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(text) - now).total_seconds()
        except (TypeError, ValueError, IndexError):
            return None
    return max(0.0, min(seconds, ceiling))


def backoff_seconds(attempt: int, base: float, ceiling: float) -> float:
    """Exponential backoff: ``base * 2**attempt``, capped."""
    return min(ceiling, base * (2 ** max(0, attempt)))
