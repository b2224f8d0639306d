"""The publication day a page shows, when its machine-readable date is a UTC timestamp.

A timestamp in UTC (``2019-10-18T22:04:00Z``) says when, not which day the reader sees:
a page published at 00:04 in Berlin carries the day before in UTC. When the page itself
writes its date elsewhere (a ``<meta>`` or ``<time>`` with its own zone or none, a visible
date line, the URL) and that day is the UTC day plus or minus one that the same instant
falls on in some real zone (UTC-12 to UTC+14), the timestamp is re-expressed in the
nearest whole-hour offset that puts it on that day: the instant is unchanged, its day is
the page's. Pure functions on ISO texts (what ``normalize_date_text`` returns).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

MAX_EAST_HOURS = 14  # UTC+14 (Kiribati) is the easternmost zone
MAX_WEST_HOURS = 12  # UTC-12 the westernmost
_MINUTES_A_DAY = 24 * 60


def read_iso(text: str | None) -> datetime | None:
    """An ISO date or date-time text as a datetime (naive when it has no zone), else None."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def offset_to_day(value: datetime, day: date) -> timedelta | None:
    """The whole-hour offset of smallest size that puts the UTC ``value`` on ``day``, if a
    real zone can (the next day needs up to +14 hours, the previous up to -12)."""
    minutes = value.hour * 60 + value.minute + (value.second > 0 or value.microsecond > 0)
    step = (day - value.date()).days
    if step == 1:
        hours = math.ceil((_MINUTES_A_DAY - minutes) / 60)
        return timedelta(hours=hours) if hours <= MAX_EAST_HOURS else None
    if step == -1:
        hours = minutes // 60 + 1
        return timedelta(hours=-hours) if hours <= MAX_WEST_HOURS else None
    return None


def on_page_day(
    stamp: str | None, zones: Iterable[str | None], days: Iterable[str | None]
) -> str | None:
    """``stamp`` put on the page's day when it is a UTC timestamp: in the zone of the first
    machine date of ``zones`` that has a non-zero offset (the page's zone), else on the day
    the first readable text of ``days`` names when the instant can fall on it; else as is.

    >>> on_page_day("2019-10-18T22:04:00+00:00", ["2019-10-19T00:04:00+02:00"], [])
    '2019-10-19T00:04:00+02:00'
    >>> on_page_day("2023-11-09T05:30:59+00:00", [], ["2023-11-08"])
    '2023-11-08T23:30:59-06:00'
    """
    value = read_iso(stamp)
    if value is None or value.utcoffset() != timedelta(0) or "T" not in (stamp or ""):
        return stamp
    for text in zones:
        zoned = read_iso(text)
        offset = zoned.utcoffset() if zoned is not None else None
        if offset and -MAX_WEST_HOURS <= offset / timedelta(hours=1) <= MAX_EAST_HOURS:
            return value.astimezone(timezone(offset)).isoformat()
    for text in days:
        witness = read_iso(text)
        if witness is None or witness.utcoffset() == timedelta(0):
            continue
        offset = offset_to_day(value, witness.date())
        return stamp if offset is None else value.astimezone(timezone(offset)).isoformat()
    return stamp
