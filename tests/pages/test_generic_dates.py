"""A UTC timestamp is put on the day the page writes: in the zone another machine date
states, else on a neighbouring day a later source names. Expected values worked out by
hand from the texts (the instant never changes, only the offset it is written in)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from crawler.pages import extract_article
from crawler.pages.generic_dates import offset_to_day, on_page_day


@pytest.mark.parametrize(
    ("value", "day", "expected"),
    [
        # 22:04 UTC is the next day from +2 hours (00:04)
        (datetime(2019, 10, 18, 22, 4, tzinfo=UTC), date(2019, 10, 19), timedelta(hours=2)),
        # 05:30:59 UTC is the day before from -6 hours (23:30:59)
        (datetime(2023, 11, 9, 5, 30, 59, tzinfo=UTC), date(2023, 11, 8), timedelta(hours=-6)),
        # 09:00 UTC would need +15 hours to be the next day: no zone is that far east
        (datetime(2023, 10, 31, 9, 0, tzinfo=UTC), date(2023, 11, 1), None),
        # 12:00 UTC would need -13 hours to be the day before: none that far west
        (datetime(2023, 10, 31, 12, 0, tzinfo=UTC), date(2023, 10, 30), None),
        # 11:59 UTC is the day before at -12 hours
        (datetime(2023, 10, 31, 11, 59, tzinfo=UTC), date(2023, 10, 30), timedelta(hours=-12)),
        # the same day, or two days off: nothing to do
        (datetime(2023, 10, 31, 9, 0, tzinfo=UTC), date(2023, 10, 31), None),
        (datetime(2023, 10, 31, 23, 0, tzinfo=UTC), date(2023, 11, 2), None),
    ],
)
def test_offset_to_day(value: datetime, day: date, expected: timedelta | None) -> None:
    assert offset_to_day(value, day) == expected


@pytest.mark.parametrize(
    ("stamp", "zones", "days", "expected"),
    [
        # a machine date's own offset is the page's zone
        (
            "2019-10-18T22:04:00+00:00",
            ["2019-10-19T00:04:00+02:00"],
            [],
            "2019-10-19T00:04:00+02:00",
        ),
        # a zone witness in UTC tells nothing; the visible day does
        (
            "2020-02-25T02:25:54+00:00",
            ["2020-02-25T02:25:54Z"],
            ["2020-02-24"],
            "2020-02-24T23:25:54-03:00",
        ),
        # the first readable day agrees with the UTC day: unchanged
        ("2019-10-19T03:00:00+00:00", [None], ["2019-10-19", "2019-10-18"], None),
        # the day named cannot be reached from that instant: unchanged
        ("2023-10-31T09:08:18+00:00", [], ["2023-11-01"], None),
        # not a UTC timestamp, or a date without a time: unchanged
        ("2023-11-08T18:38:11-05:00", ["2023-11-09T02:00:00+08:00"], [], None),
        ("2023-11-08", ["2023-11-09T02:00:00+08:00"], [], None),
        ("not a date", [], ["2023-11-08"], None),
        (None, [], ["2023-11-08"], None),
    ],
)
def test_on_page_day(
    stamp: str | None, zones: list[str | None], days: list[str | None], expected: str | None
) -> None:
    assert on_page_day(stamp, zones, days) == (stamp if expected is None else expected)


NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the story about the harbour bridge, which reopened to traffic this "
    f"week after two years of repairs that cost the city more than planned.</p>"
    for n in range(1, 7)
)


@pytest.mark.parametrize(
    ("head", "body_top", "url", "day"),
    [
        # JSON-LD in UTC, a <time> with the page's own offset
        ("", "<time datetime='2026-11-20T00:30:00+02:00'>20.11.2026</time>", "/a", "2026-11-20"),
        # JSON-LD in UTC, the URL names the page's day
        ("", "", "/2026/11/20/harbour-bridge", "2026-11-20"),
        # nothing else: the UTC day stays
        ("", "", "/a", "2026-11-19"),
    ],
)
def test_a_utc_publication_stamp_takes_the_page_day(
    head: str, body_top: str, url: str, day: str
) -> None:
    ld = '{"@type": "NewsArticle", "headline": "Bridge reopens", "datePublished": "%s"}'
    html = (
        f"<html><head><title>Bridge reopens</title>{head}<script type='application/ld+json'>"
        f"{ld % '2026-11-19T22:30:00Z'}</script></head><body><article><h1>Bridge reopens</h1>"
        f"{body_top}{PARAGRAPHS}</article></body></html>"
    )
    item = extract_article(
        "https://www.example-news.org" + url, html.encode(), "text/html; charset=utf-8", now=NOW
    )
    assert item.published_at is not None
    assert item.published_at.date().isoformat() == day
    assert item.published_at == datetime(2026, 11, 19, 22, 30, tzinfo=UTC)  # the same instant
    assert item.field_sources["published_at"] == "json-ld"


GERMAN = "".join(
    f"<p>Absatz {n} der Geschichte über die Hafenbrücke, die nach zwei Jahren Reparatur "
    "diese Woche wieder für den Verkehr geöffnet wurde.</p>"
    for n in range(6)
)


@pytest.mark.parametrize(
    ("date_markup", "day"),
    [
        # a date in words of another language, in an element not marked as a date
        ('<div class="info">Veröffentlicht am 3. März 2021</div>', "2021-03-03"),
        ("<div>Stand: 03.03.2021, 10:15 Uhr</div>", "2021-03-03"),
        # no date anywhere: kept undated
        ("<p>Am Mittwoch früh</p>", None),
    ],
)
def test_htmldate_is_the_last_page_source(date_markup: str, day: str | None) -> None:
    html = (
        "<html><head><title>Brücke offen</title></head><body><article>"
        f"<h1>Brücke wieder offen</h1>{date_markup}{GERMAN}</article></body></html>"
    )
    item = extract_article(
        "https://www.beispiel.de/artikel/bruecke", html.encode(), "text/html", now=NOW
    )
    if day is None:
        assert item.published_at is None
        return
    assert item.published_at is not None
    assert item.published_at.date().isoformat() == day
    assert item.field_sources["published_at"] == "htmldate"
