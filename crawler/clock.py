"""The crawler's one clock for "now".

Everything that reasons about the calendar — the crawl window (yesterday and today in
Manila), revisit windows, date plausibility, the health report's window — takes its "now"
from here, never from ``datetime.now()`` directly. The ``CRAWL_TODAY`` setting (a Manila
``YYYY-MM-DD``) pins it to the last second of that day, so a replay, a backfill rehearsal or
a test sees the same "now" whatever the real date is.

Wall-clock *records* (when a page was fetched, when a run started or a fetch failed, a lock
file's note) are not reasoning about the calendar: they keep the real time, and the age of
such a record is measured against :func:`wall_now`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

MANILA = ZoneInfo("Asia/Manila")  # UTC+8 all year: no daylight saving since 1978
UTC_ZONE = ZoneInfo("UTC")  # an outlet's clock when nothing says which (a ZoneInfo, like MANILA)


def crawl_now(today: str | date | None = None) -> datetime:
    """The crawl's notion of now (UTC): the real clock, or the end of ``today`` (a Manila
    day, as the ``CRAWL_TODAY`` setting gives it) when one is given."""
    if not today:
        return datetime.now(UTC)
    day = today if isinstance(today, date) else date.fromisoformat(str(today).strip())
    return datetime.combine(day, time(23, 59, 59), tzinfo=MANILA).astimezone(UTC)


def crawl_today(today: str | date | None = None) -> date:
    """The crawl's Manila calendar day (see :func:`crawl_now`)."""
    return crawl_now(today).astimezone(MANILA).date()


def wall_now() -> datetime:
    """The real time (UTC), for what is measured against a wall-clock *record*: how long ago
    a page was fetched or a fetch failed, a Retry-After date. Never for calendar windows."""
    return datetime.now(UTC)


def settings_now(settings: Any) -> datetime:
    """:func:`crawl_now` for a Scrapy settings object (its ``CRAWL_TODAY``)."""
    return crawl_now(settings.get("CRAWL_TODAY"))
