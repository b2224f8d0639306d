"""Discovery readers: article index, RSS, robots.txt sitemaps, news sitemaps, listings."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from crawler.extensions.progress import format_progress
from crawler.spiders.discovery import (
    parse_article_index,
    parse_feed,
    parse_listing,
    parse_robots_sitemaps,
    parse_sitemap,
)
from replay import render
from replay.corpus import ReplayPage

MANILA = ZoneInfo("Asia/Manila")


def pages() -> list[ReplayPage]:
    return [
        ReplayPage(
            url=f"https://newsinfo.inquirer.net/{2230000 + n}/story-{n}",
            body=b"",
            title=f"Story {n} & more",
            authors=["Juan Dela Cruz"],
            section="Nation",
            published_at=datetime(2026, 11, 28, 9, n, tzinfo=MANILA),
        )
        for n in range(25)
    ]


def test_robots_names_its_sitemaps() -> None:
    robots = (
        render.ROBOTS.format(host="www.inquirer.net") + "sitemap: https://x.inquirer.net/s.xml\n"
    )
    assert parse_robots_sitemaps(robots) == [
        "https://www.inquirer.net/sitemap.xml",
        "https://x.inquirer.net/s.xml",
    ]


def test_sitemap_index_then_news_sitemap_keeps_publication_dates() -> None:
    children, links = parse_sitemap(render.sitemap_index(["newsinfo", "business"]))
    assert (
        children
        == [
            "https://business.inquirer.net/news-sitemap.xml",
            "https://newsinfo.inquirer.net/news-sitemap.xml",
        ]
        and links == []
    )
    children, links = parse_sitemap(render.news_sitemap(pages()))
    assert children == [] and len(links) == 25
    by_url = {p.url: p.published_at for p in pages()}
    assert all(link.published_at == by_url[link.url] for link in links)


def test_listing_cards_dates_and_next_page() -> None:
    first = render.section_listing("newsinfo", pages(), 1)
    assert first is not None
    links, next_page = parse_listing(first, "https://newsinfo.inquirer.net/category/latest-stories")
    assert len(links) == 10 and links[0].url.endswith("/story-24")
    assert links[0].published_at == datetime(2026, 11, 28, 9, 24, tzinfo=MANILA)
    assert next_page == "https://newsinfo.inquirer.net/category/latest-stories/page/2/"
    last = render.section_listing("newsinfo", pages(), 3)
    assert last is not None and parse_listing(last, "https://newsinfo.inquirer.net/")[1] is None
    assert render.section_listing("newsinfo", pages(), 4) is None


def test_feed_and_index_round_trip() -> None:
    feed_links = parse_feed(render.rss_feed("newsinfo", pages()))
    assert {link.url for link in feed_links} == {p.url for p in pages()}
    assert all(
        link.published_at is not None and link.published_at.utcoffset() is not None
        for link in feed_links
    )
    index = render.article_index(datetime(2026, 11, 28).date(), pages())
    assert {link.url for link in parse_article_index(index)} == {p.url for p in pages()}


def test_malformed_discovery_pages_give_nothing_not_errors() -> None:
    assert parse_sitemap(b"<not xml") == ([], [])
    assert parse_feed(b"\x00\xff garbage") == []
    assert parse_article_index(b"<html><body><h4>News</h4></body></html>") == []
    assert parse_listing(b"<html></html>", "https://newsinfo.inquirer.net/") == ([], None)


def test_progress_line() -> None:
    stats = {
        "pages/article_fetched": 1200,
        "store/new": 1150,
        "store/updated": 30,
        "log_count/ERROR": 3,
        "pages/blocked": 2,
    }
    line = format_progress(stats, elapsed=750.0, queued=4310)
    assert line == (
        "progress: 1,200 article pages (96/min), 1,180 stored (1,150 new, 30 updated), "
        "3 errors, 2 blocked, 4,310 queued, ETA 45 min"
    )
    assert format_progress({}, elapsed=0.0, queued=None) == (
        "progress: 0 article pages (0/min), 0 stored (0 new, 0 updated), 0 errors, 0 blocked"
    )
