"""Tables for crawler.cleaning.dates: every date shape seen, always timezone-aware (C5)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.cleaning.dates import (
    MANILA,
    check_plausible,
    parse_feed_datetime,
    parse_page_datetime,
    to_utc,
)

NOW = datetime(2026, 5, 25, 12, 0, tzinfo=MANILA)

PAGE_ROWS: list[tuple[str, str | None]] = [
    # (text, expected ISO 8601 or None)
    ("10:23 PM March 21, 2025", "2025-03-21T22:23:00+08:00"),  # #art_plat
    ("05:30 AM May 25, 2026", "2026-05-25T05:30:00+08:00"),  # opinion, zero-padded
    ("9:05 AM March 21, 2025", "2025-03-21T09:05:00+08:00"),  # not zero-padded
    ("12:05 AM March 21, 2025", "2025-03-21T00:05:00+08:00"),
    ("12:05 PM March 21, 2025", "2025-03-21T12:05:00+08:00"),
    ("10:23 pm March 21, 2025", "2025-03-21T22:23:00+08:00"),
    ("10:23 p.m. March 21, 2025", "2025-03-21T22:23:00+08:00"),
    ("10:23PM March 21, 2025", "2025-03-21T22:23:00+08:00"),
    ("Updated as of: 10:23 PM March 21, 2025", "2025-03-21T22:23:00+08:00"),
    ("Updated as of:10:23 PM March 21, 2025", "2025-03-21T22:23:00+08:00"),
    ("Updated: March 21, 2025", "2025-03-21T00:00:00+08:00"),
    ("Published: 10:23 PM March 21, 2025", "2025-03-21T22:23:00+08:00"),
    ("Posted on March 21, 2025", "2025-03-21T00:00:00+08:00"),
    ("INQUIRER.net / 10:23 PM March 21, 2025", "2025-03-21T22:23:00+08:00"),
    (" / 10:23 PM March 21, 2025", "2025-03-21T22:23:00+08:00"),
    ("\n  10:23\xa0PM March 21, 2025  ", "2025-03-21T22:23:00+08:00"),
    ("November 25, 2026 - 10:00 AM", "2026-11-25T10:00:00+08:00"),  # Bandera
    ("November 25,2026 - 10:00 AM", "2026-11-25T10:00:00+08:00"),  # CDN, no space
    ("March 21, 2025 at 10:23 PM", "2025-03-21T22:23:00+08:00"),
    ("March 21, 2025 10:23 PM", "2025-03-21T22:23:00+08:00"),
    ("5 March, 2024", "2024-03-05T00:00:00+08:00"),  # pop
    ("21 March 2025", "2025-03-21T00:00:00+08:00"),
    ("March 21, 2025", "2025-03-21T00:00:00+08:00"),
    ("May 25, 2026", "2026-05-25T00:00:00+08:00"),  # opinion home page .oped-date
    ("Friday, March 21, 2025", "2025-03-21T00:00:00+08:00"),
    ("March 21st, 2025", "2025-03-21T00:00:00+08:00"),
    ("Sept. 3, 2025", "2025-09-03T00:00:00+08:00"),
    ("Mar. 21, 2025", "2025-03-21T00:00:00+08:00"),
    ("2025-03-21T22:23:00+08:00", "2025-03-21T22:23:00+08:00"),  # ISO, offset kept
    ("2025-03-21T14:23:00+00:00", "2025-03-21T14:23:00+00:00"),
    ("2025-03-21T14:23:00Z", "2025-03-21T14:23:00+00:00"),
    ("2025-03-21T22:23:00+0800", "2025-03-21T22:23:00+08:00"),
    ("2025-03-21T22:23:00.123+08:00", "2025-03-21T22:23:00.123000+08:00"),
    ("2025-03-21T22:23:00", "2025-03-21T22:23:00+08:00"),  # naive ISO -> Manila
    ("2025-03-21 22:23:00", "2025-03-21T22:23:00+08:00"),
    ("2025-03-21", "2025-03-21T00:00:00+08:00"),
    ("Fri, 21 Mar 2025 22:23:00 PST", "2025-03-21T22:23:00+08:00"),  # PST = Philippine time
    ("Fri, 21 Mar 2025 22:23:00 PHT", "2025-03-21T22:23:00+08:00"),
    ("Fri, 21 Mar 2025 22:23:00", "2025-03-21T22:23:00+08:00"),
    ("Fri, 21 Mar 2025 22:23:00 +0800", "2025-03-21T22:23:00+08:00"),
    ("Fri, 21 Mar 2025 14:23:00 +0000", "2025-03-21T14:23:00+00:00"),
    ("Fri, 21 Mar 2025 14:23:00 GMT", "2025-03-21T14:23:00+00:00"),
    ("21 Mar 2025 22:23 +08:00", "2025-03-21T22:23:00+08:00"),
    ("March 21, 2025 10:23 PM GMT+8", "2025-03-21T22:23:00+08:00"),
    # Filipino month names (Bandera)
    ("Enero 5, 2026 - 08:15 AM", "2026-01-05T08:15:00+08:00"),
    ("Pebrero 14, 2026", "2026-02-14T00:00:00+08:00"),
    ("Marso 21, 2025", "2025-03-21T00:00:00+08:00"),
    ("Abril 1, 2025", "2025-04-01T00:00:00+08:00"),
    ("Mayo 25, 2026 - 10:00 AM", "2026-05-25T10:00:00+08:00"),
    ("Hunyo 12, 2025", "2025-06-12T00:00:00+08:00"),
    ("Hulyo 4, 2025", "2025-07-04T00:00:00+08:00"),
    ("Agosto 21, 2025", "2025-08-21T00:00:00+08:00"),
    ("Setyembre 3, 2025", "2025-09-03T00:00:00+08:00"),
    ("Septiyembre 3, 2025", "2025-09-03T00:00:00+08:00"),
    ("Oktubre 31, 2025", "2025-10-31T00:00:00+08:00"),
    ("Nobyembre 25, 2026 - 10:00 AM", "2026-11-25T10:00:00+08:00"),
    ("Disyembre 25, 2025", "2025-12-25T00:00:00+08:00"),
    # relative, through dateparser with RELATIVE_BASE = NOW
    ("2 hours ago", "2026-05-25T10:00:00+08:00"),
    ("Updated 2 hours ago", "2026-05-25T10:00:00+08:00"),
    ("3 days ago", "2026-05-22T12:00:00+08:00"),
    ("yesterday", "2026-05-24T12:00:00+08:00"),
    ("kahapon", "2026-05-24T12:00:00+08:00"),
    ("2 oras na nakalipas", "2026-05-25T10:00:00+08:00"),
    # unparseable or impossible
    ("February 30, 2025", None),
    ("13:05 PM March 21, 2025", None),
    ("March 2025", None),  # no day: not a publication time
    ("Marcos", None),
    ("hello world", None),
    ("Updated as of:", None),
    ("INQUIRER.net", None),
    ("", None),
    ("   ", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), PAGE_ROWS)
def test_parse_page_datetime(text: str | None, expected: str | None) -> None:
    value = parse_page_datetime(text, now=NOW)
    assert (value.isoformat() if value else None) == expected


def test_manila_naive_results_use_the_zoneinfo() -> None:
    value = parse_page_datetime("10:23 PM March 21, 2025")
    assert value is not None and value.tzinfo is MANILA


def test_relative_uses_now_argument() -> None:
    other = datetime(2020, 1, 1, 8, 0, tzinfo=UTC)  # 16:00 Manila
    value = parse_page_datetime("2 hours ago", now=other)
    assert value is not None and to_utc(value) == datetime(2020, 1, 1, 6, 0, tzinfo=UTC)


def test_relative_with_naive_now_is_manila() -> None:
    value = parse_page_datetime("1 hour ago", now=datetime(2026, 5, 25, 12, 0))
    assert value is not None and value.isoformat() == "2026-05-25T11:00:00+08:00"


def test_relative_without_now_is_recent() -> None:
    value = parse_page_datetime("5 minutes ago")
    assert value is not None
    assert abs(datetime.now(UTC) - value - timedelta(minutes=5)) < timedelta(minutes=1)


FEED_ROWS: list[tuple[str | None, bool, str | None]] = [
    # The Inquirer quirk: Manila wall-clock labelled +0000 -> 2026-07-19T04:00:00Z.
    ("Sun, 19 Jul 2026 12:00:00 +0000", True, "2026-07-19T12:00:00+08:00"),
    ("Sun, 19 Jul 2026 12:00:00 GMT", True, "2026-07-19T12:00:00+08:00"),
    ("Sun, 19 Jul 2026 12:00:00 -0000", True, "2026-07-19T12:00:00+08:00"),
    ("2026-07-19T12:00:00Z", True, "2026-07-19T12:00:00+08:00"),
    ("Sun, 19 Jul 2026 12:00:00 +0000", False, "2026-07-19T12:00:00+00:00"),
    ("Sun, 19 Jul 2026 12:00:00 +0800", True, "2026-07-19T12:00:00+08:00"),
    ("Sun, 19 Jul 2026 12:00:00 -0500", True, "2026-07-19T12:00:00-05:00"),
    ("Sun, 19 Jul 2026 12:00:00 PST", True, "2026-07-19T12:00:00+08:00"),
    ("Sun, 19 Jul 2026 12:00:00", True, "2026-07-19T12:00:00+08:00"),
    ("Sun, 19 Jul 2026 12:00:00", False, "2026-07-19T12:00:00+08:00"),
    (" Sun, 19 Jul 2026 12:00:00 +0000\n", True, "2026-07-19T12:00:00+08:00"),
    ("not a date", True, None),
    ("", True, None),
    (None, True, None),
]


@pytest.mark.parametrize(("text", "wall_clock", "expected"), FEED_ROWS)
def test_parse_feed_datetime(text: str | None, wall_clock: bool, expected: str | None) -> None:
    value = parse_feed_datetime(text, manila_wall_clock=wall_clock)
    assert (value.isoformat() if value else None) == expected


def test_feed_quirk_instant() -> None:
    value = parse_feed_datetime("Sun, 19 Jul 2026 12:00:00 +0000")
    assert value is not None
    assert to_utc(value) == datetime(2026, 7, 19, 4, 0, tzinfo=UTC)


PLAUSIBLE_ROWS: list[tuple[datetime, str | None]] = [
    (NOW, None),
    (NOW - timedelta(days=3650), None),
    (NOW + timedelta(minutes=59), None),  # clock skew allowed
    (NOW + timedelta(hours=2), "in the future"),
    (NOW + timedelta(days=400), "in the future"),
    (datetime(1997, 1, 1, tzinfo=MANILA), None),
    (datetime(1996, 12, 31, 23, 59, tzinfo=MANILA), "before 1997"),
    (datetime(1970, 1, 1, tzinfo=UTC), "before 1997"),
    (datetime(2026, 5, 25, 12, 30), None),  # naive: Manila
    (datetime(2026, 5, 25, 14, 0, tzinfo=UTC), "in the future"),  # 22:00 Manila
]


@pytest.mark.parametrize(("value", "expected"), PLAUSIBLE_ROWS)
def test_check_plausible(value: datetime, expected: str | None) -> None:
    assert check_plausible(value, NOW) == expected


def test_check_plausible_naive_now_and_bad_input() -> None:
    assert check_plausible(NOW, datetime(2026, 5, 25, 12, 0)) is None
    assert check_plausible("2026", NOW) == "not a datetime"  # type: ignore[arg-type]
    assert check_plausible(NOW, datetime.max.replace(tzinfo=UTC)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2025, 3, 21, 22, 23, tzinfo=MANILA), datetime(2025, 3, 21, 14, 23, tzinfo=UTC)),
        (datetime(2025, 3, 21, 22, 23), datetime(2025, 3, 21, 14, 23, tzinfo=UTC)),
        (
            datetime(2025, 3, 21, 9, 0, tzinfo=timezone(timedelta(hours=-5))),
            datetime(2025, 3, 21, 14, 0, tzinfo=UTC),
        ),
    ],
)
def test_to_utc(value: datetime, expected: datetime) -> None:
    result = to_utc(value)
    assert result == expected and result.utcoffset() == timedelta(0)


@given(st.text(max_size=80))
def test_parse_page_datetime_never_naive(text: str) -> None:
    value = parse_page_datetime(text, now=NOW)
    assert value is None or value.tzinfo is not None


@given(st.text(max_size=80), st.booleans())
def test_parse_feed_datetime_never_naive(text: str, wall_clock: bool) -> None:
    value = parse_feed_datetime(text, manila_wall_clock=wall_clock)
    assert value is None or value.tzinfo is not None


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
def test_inquirer_format_round_trip(moment: datetime) -> None:
    text = moment.strftime("%I:%M %p %B %d, %Y")
    value = parse_page_datetime(text)
    assert value == moment.replace(second=0, microsecond=0, tzinfo=MANILA)


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from([timedelta(0), timedelta(hours=8), timedelta(hours=-5, minutes=-30)]),
)
def test_iso_round_trip_keeps_offset(moment: datetime, offset: timedelta) -> None:
    aware = moment.replace(tzinfo=timezone(offset))
    value = parse_page_datetime(aware.isoformat())
    assert value == aware and value is not None and value.utcoffset() == offset


BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no offset in the text: the outlet's clock (winter: +01:00, summer: +02:00)
        ("2026-01-05", "2026-01-05T00:00:00+01:00"),
        ("2026-07-05T14:05:00", "2026-07-05T14:05:00+02:00"),
        ("10:23 PM March 21, 2025", "2025-03-21T22:23:00+01:00"),
        ("Posted on 5 March, 2024", "2024-03-05T00:00:00+01:00"),
        # an offset or zone the text gives is kept
        ("2026-07-05T14:05:00+08:00", "2026-07-05T14:05:00+08:00"),
        ("Fri, 21 Mar 2025 22:23:00 GMT", "2025-03-21T22:23:00+00:00"),
        ("10:23 PM March 21, 2025 PHT", "2025-03-21T22:23:00+08:00"),
    ],
)
def test_a_text_without_an_offset_is_read_on_the_outlets_clock(text: str, expected: str) -> None:
    value = parse_page_datetime(text, now=NOW, zone=BERLIN)
    assert value is not None and value.isoformat() == expected


def test_a_relative_text_is_the_same_instant_on_any_clock() -> None:
    now = datetime(2026, 5, 25, 12, 0, tzinfo=UTC)
    for zone in (MANILA, BERLIN, ZoneInfo("America/Sao_Paulo")):
        value = parse_page_datetime("2 hours ago", now=now, zone=zone)
        assert value is not None and value.tzinfo is zone
        assert to_utc(value) == datetime(2026, 5, 25, 10, 0, tzinfo=UTC)
    yesterday = parse_page_datetime("kahapon", now=now, zone=BERLIN)  # 14:00 in Berlin
    assert yesterday is not None and yesterday.isoformat() == "2026-05-24T14:00:00+02:00"


def test_an_unusual_text_without_an_offset_is_read_on_the_outlets_clock() -> None:
    """dateparser's path: a spelling the fast path does not know."""
    for text in ("September 5 2025 at 3pm", "2025/09/05 15:00"):
        value = parse_page_datetime(text, now=NOW, zone=BERLIN)
        assert value is not None and value.isoformat() == "2025-09-05T15:00:00+02:00"
        manila = parse_page_datetime(text, now=NOW)
        assert manila is not None and manila.isoformat() == "2025-09-05T15:00:00+08:00"


def test_a_feed_date_without_an_offset_is_read_on_the_outlets_clock() -> None:
    value = parse_feed_datetime("2026-11-28T07:05:00", False, BERLIN)
    assert value is not None and value.isoformat() == "2026-11-28T07:05:00+01:00"
