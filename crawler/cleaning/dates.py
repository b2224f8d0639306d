"""Dates: page and feed date texts -> timezone-aware datetimes.

This module is the one owner of ``dateparser``. Known shapes are parsed by
precompiled regexes first (the fast path); only what they do not know
(relative "2 hours ago", "kahapon", odd spellings) goes to dateparser, with
pinned settings: languages ``["en", "tl"]`` (dateparser ships Tagalog month
names), ``TIMEZONE`` the page's zone, ``RETURN_AS_TIMEZONE_AWARE=True``,
``PREFER_DATES_FROM="past"``, ``DATE_ORDER="MDY"``, day+month+year required
for absolute dates and ``RELATIVE_BASE`` from the caller's ``now``.

Fast-path shapes (Filipino month names are mapped to English first, and
"Septiyembre", which dateparser lacks, too)::

    10:23 PM March 21, 2025            #art_plat (zero-padded or "9:05 AM ...")
    November 25, 2026 - 10:00 AM       Bandera
    November 25,2026 - 10:00 AM        Cebu Daily News (no space)
    5 March, 2024                      pop
    March 21, 2025 / Friday, March 21, 2025
    2025-03-21T22:23:00+08:00          ISO 8601, offset kept; naive -> the page's zone
    Fri, 21 Mar 2025 22:23:00 PST      PST/PHT = Philippine time, +08:00
    Fri, 21 Mar 2025 22:23:00 +0800    RFC 822

Every returned datetime is aware. A text without an offset is read in the page's zone:
Asia/Manila (the Inquirer's clock) unless the caller names the outlet's (``zone``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from crawler.cleaning.text import normalize_whitespace

__all__ = ["MANILA", "check_plausible", "parse_feed_datetime", "parse_page_datetime", "to_utc"]

from crawler.clock import MANILA

_SITE_START = datetime(1997, 1, 1, tzinfo=MANILA)
_FUTURE_SLACK = timedelta(hours=1)
_MAX_TEXT = 120

# fmt: off
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    "january jan enero ene", "february feb pebrero peb", "march mar marso",
    "april apr abril abr", "may mayo", "june jun hunyo hun", "july jul hulyo hul",
    "august aug agosto ago", "september sep sept setyembre septiyembre setiyembre set",
    "october oct oktubre okt", "november nov nobyembre nob", "december dec disyembre dis",
), start=1):
    _MONTHS.update(dict.fromkeys(_names.split(), _number))
# fmt: on
_FILIPINO_MONTHS_RE = re.compile(
    r"\b(enero|pebrero|marso|abril|mayo|hunyo|hulyo|agosto|setyembre|septiyembre|setiyembre"
    r"|oktubre|nobyembre|disyembre)\b",
    re.IGNORECASE,
)
_ENGLISH = ("", "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December")  # fmt: skip

_TZ_NAMES: dict[str, tzinfo] = {"pst": MANILA, "pht": MANILA, "phst": MANILA}  # Philippine
_TZ_NAMES.update(dict.fromkeys(("gmt", "utc", "ut", "z"), UTC))
_LABEL_RE = re.compile(
    r"^(?:(?:last\s+)?updated(?:\s+(?:as\s+of|on|at))?|(?:first\s+)?published(?:\s+(?:on|at))?"
    r"|posted(?:\s+(?:on|at))?|date(?:\s+(?:posted|published))?|inilathala|na-update)\b\s*:?\s*",
    re.IGNORECASE,
)
_EDGE = " /|•·,;:-–—()"
_WEEKDAY = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun|lunes|martes|miyerkules|huwebes|biyernes|sabado"
    r"|linggo)[a-z]*\.?,?\s+)?"
)
_TIME = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ap>[ap])\.?\s?m\.?)?"
_MONTH = r"(?P<mon>[a-z]{3,11})\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_SEP = r"(?:\s*(?:[-–—|,@]|\bat\b)\s*|\s+)"
_TZ = r"(?:\s*\(?(?P<tz>[+-]\d{2}:?\d{2}|(?:gmt|utc)\s*[+-]\d{1,2}(?::?\d{2})?|[a-z]{1,4})\)?)?"
_FAST_RES = tuple(
    re.compile(source, re.IGNORECASE)
    for source in (
        rf"{_TIME}{_SEP}(?:on\s+)?{_WEEKDAY}{_MONTH}\s+{_DAY},?\s*(?P<y>\d{{4}}){_TZ}",
        rf"{_WEEKDAY}{_MONTH}\s+{_DAY}\s*,?\s*(?P<y>\d{{4}})(?:{_SEP}{_TIME})?{_TZ}",
        rf"{_WEEKDAY}{_DAY}\s+{_MONTH}\s*,?\s*(?P<y>\d{{4}})(?:{_SEP}{_TIME})?{_TZ}",
    )
)
_ISO_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)
_TAIL_SPLIT_RE = re.compile(r"\s[/|]\s")
_OFFSET_RE = re.compile(r"(?:gmt|utc)?\s*([+-])(\d{1,2}):?(\d{2})?", re.IGNORECASE)
_RELATIVE_HINT_RE = re.compile(
    r"\d|\b(?:ago|now|today|yesterday|ngayon|kahapon|nakalipas|nakaraan|kanina)\b", re.IGNORECASE
)
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "TIMEZONE": "Asia/Manila",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "PREFER_DATES_FROM": "past",
    "DATE_ORDER": "MDY",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
}


def _zone(label: str) -> tzinfo | None:
    """tzinfo for a zone label; None if unknown (not ours to guess)."""
    known = _TZ_NAMES.get(label.casefold())
    if known is not None:
        return known
    offset = _OFFSET_RE.fullmatch(label)
    if offset is None:
        return None
    sign, hours, minutes = offset.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=24):
        return None
    return timezone(-delta if sign == "-" else delta)


# A fast-path result: (recognised, value). Recognised with value None means a
# known shape holding an impossible date ("February 30"): no need for dateparser.
Fast = tuple[bool, datetime | None]
_UNKNOWN: Fast = (False, None)


def _build(m: re.Match[str]) -> Fast:
    """Datetime from a fast-path match; unknown when the month or zone is not ours."""
    year, mon, day, hour_text, minute, second, ampm, label = m.group(
        "y", "mon", "d", "h", "mi", "s", "ap", "tz"
    )
    month = _MONTHS.get(mon.casefold())
    zone = _zone(label) if label else None  # no label: naive, the page's zone comes later
    if month is None or (label and zone is None):
        return _UNKNOWN
    hour = int(hour_text or 0)
    if ampm:
        if not 1 <= hour <= 12:
            return True, None
        hour = hour % 12 + (12 if ampm in "pP" else 0)
    try:
        value = datetime(
            int(year), month, int(day), hour, int(minute or 0), int(second or 0), tzinfo=zone
        )
    except (ValueError, OverflowError):
        return True, None
    return True, value


def _parse_fast(text: str) -> Fast:
    """Known shapes only (see the module docstring)."""
    if _ISO_RE.fullmatch(text):
        try:
            value = datetime.fromisoformat(text.replace(",", "."))
        except ValueError:
            return True, None
        return True, value  # naive without an offset: the page's zone comes later
    for pattern in _FAST_RES:
        match = pattern.fullmatch(text)
        if match:
            built = _build(match)
            if built[0]:
                return built
    return _UNKNOWN


@lru_cache(maxsize=64)
def _date_parser(base: datetime | None, zone: str) -> Any:
    from dateparser.date import (  # type: ignore[import-untyped,unused-ignore]  # slow import
        DateDataParser,
    )

    settings = dict(_DATEPARSER_SETTINGS, TIMEZONE=zone)
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en", "tl"], settings=settings)


def _parse_slow(text: str, now: datetime | None, zone: ZoneInfo = MANILA) -> datetime | None:
    """dateparser, for relative and unusual texts, on the page's clock (``zone``); its pytz
    zones become ``zone`` when they agree with it, else plain offsets."""
    if not _RELATIVE_HINT_RE.search(text):
        return None
    base = None
    if now is not None:
        aware = now if now.tzinfo is not None else now.replace(tzinfo=MANILA)
        base = aware.astimezone(zone).replace(tzinfo=None)
    try:
        parser = _date_parser(base, zone.key)
        value: datetime | None = parser.get_date_data(_to_english_months(text)).date_obj
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        offset = value.utcoffset() or timedelta(0)
        in_zone = value.astimezone(zone)
        return in_zone if in_zone.utcoffset() == offset else value.astimezone(timezone(offset))
    except Exception:
        return None


def _clean(text: str) -> str:
    text = normalize_whitespace(text).strip(_EDGE)
    for _ in range(3):
        stripped = _LABEL_RE.sub("", text).strip(_EDGE)
        if stripped == text:
            break
        text = stripped
    return text


def _to_english_months(text: str) -> str:
    """Filipino month names -> English, for dateparser (it lacks "Septiyembre")."""
    return _FILIPINO_MONTHS_RE.sub(lambda m: _ENGLISH[_MONTHS[m.group(1).casefold()]], text)


@lru_cache(maxsize=4096)
def _parse_known(text: str) -> tuple[str, bool, datetime | None]:
    """(cleaned text, recognised, value); pure, so cached. Tries the part after " / "."""
    text = _clean(text)
    if not text or len(text) > _MAX_TEXT:
        return text, True, None
    recognised, value = _parse_fast(text)
    tail = _TAIL_SPLIT_RE.split(text)[-1]
    if not recognised and tail != text:
        return _parse_known(tail)
    return text, recognised, value


@lru_cache(maxsize=1024)
def _parse_slow_cached(text: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    return _parse_slow(text, now, zone)


def parse_page_datetime(
    text: str | None, now: datetime | None = None, zone: ZoneInfo = MANILA
) -> datetime | None:
    """An aware datetime from a date text shown on a page (or its meta/JSON-LD).

    Args:
        text: e.g. ``"Updated as of: 10:23 PM March 21, 2025"``,
            ``"INQUIRER.net / 9:05 AM May 3, 2026"``, ``"2 hours ago"``.
        now: the base for relative texts (default: the current time).
        zone: the page's clock, for a text without an offset (a date alone is that day
            in this zone): Asia/Manila, the Inquirer's, unless the outlet has another.

    Returns:
        The datetime (in ``zone`` unless the text carries an offset), or
        None when the text holds no parseable date.

    >>> parse_page_datetime("10:23 PM March 21, 2025").isoformat()
    '2025-03-21T22:23:00+08:00'
    >>> parse_page_datetime("2025-03-21", zone=ZoneInfo("Europe/Berlin")).isoformat()
    '2025-03-21T00:00:00+01:00'
    """
    if not isinstance(text, str) or not text.strip():
        return None
    cleaned, recognised, value = _parse_known(text[:500])
    if recognised:
        return value if value is None or value.tzinfo is not None else value.replace(tzinfo=zone)
    if now is None:  # relative to the clock: not cacheable
        return _parse_slow(cleaned, None, zone)
    return _parse_slow_cached(cleaned, now, zone)


def parse_feed_datetime(
    text: str | None, manila_wall_clock: bool = True, zone: ZoneInfo = MANILA
) -> datetime | None:
    """An aware datetime from an RSS ``pubDate`` / Atom date (one without an offset is read
    in ``zone``, the outlet's clock).

    With ``manila_wall_clock`` (the Inquirer quirk) a zero offset (``+0000``,
    ``GMT``, ``Z``) is read as Manila wall-clock time; other offsets are kept.

    >>> parse_feed_datetime("Sun, 19 Jul 2026 12:00:00 +0000").isoformat()
    '2026-07-19T12:00:00+08:00'
    """
    value = parse_page_datetime(text, zone=zone)
    if value is not None and manila_wall_clock and value.utcoffset() == timedelta(0):
        return value.replace(tzinfo=MANILA)
    return value


def check_plausible(value: datetime, now: datetime) -> str | None:
    """A reason if ``value`` cannot be a real publication time, else None.

    Reasons: ``"in the future"`` (more than one hour after ``now``) and
    ``"before 1997"`` (the site started in 1997). Naive inputs count as Manila.
    """
    if not isinstance(value, datetime) or not isinstance(now, datetime):
        return "not a datetime"
    value = value if value.tzinfo is not None else value.replace(tzinfo=MANILA)
    now = now if now.tzinfo is not None else now.replace(tzinfo=MANILA)
    try:
        if value > now + _FUTURE_SLACK:
            return "in the future"
    except OverflowError:  # now is within an hour of datetime.max: nothing is later
        pass
    if value < _SITE_START:
        return "before 1997"
    return None


def to_utc(value: datetime) -> datetime:
    """The same instant in UTC; a naive value is taken as Asia/Manila."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=MANILA)
    return value.astimezone(UTC)


_NUMERIC_DATE_RE = re.compile(
    r"\b(?:(?P<y1>(?:19|20)\d\d)[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})\.\s?(?P<m2>\d{1,2})\.\s?(?P<y2>(?:19|20)\d\d))\b"
)


def normalize_date_text(text: str | None) -> str | None:
    """A date text as ISO 8601 when it can be read without a language guess, else None.

    Machine values (ISO 8601 with or without offset, RFC 2822) and numeric dates
    (``2012-05-31``, ``31.05.2012``) are read; texts the fast page-date path recognises
    (``"May 3, 2026 9:05 AM"``) too. Anything else is left to a slower source.

    >>> normalize_date_text("2020-02-25T02:25:54Z")
    '2020-02-25T02:25:54+00:00'
    >>> normalize_date_text("Veröffentlicht am 31.05.2012")
    '2012-05-31'
    >>> normalize_date_text("gestern") is None
    True
    """
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_TEXT:
        return None
    text = text.strip()
    iso = _from_iso(text)
    if iso is not None:
        return iso.isoformat()
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    _, recognised, value = _parse_known(text)
    if recognised and value is not None:
        return value.isoformat()
    return _numeric_date(text)


def _from_iso(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _numeric_date(text: str) -> str | None:
    match = _NUMERIC_DATE_RE.search(text)
    if not match:
        return None
    g = match.groupdict()
    year, month, day = (int(g["y1"] or g["y2"]), int(g["m1"] or g["m2"]), int(g["d1"] or g["d2"]))
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None
