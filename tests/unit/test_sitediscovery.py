"""Pure readers of any outlet's discovery pages (crawler/spiders/sitediscovery.py), from tables."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from crawler.items import RawArticle
from crawler.spiders.sitediscovery import (
    declares_language,
    feed_links,
    looks_like_article,
    looks_like_section,
    parse_feed_entries,
    parse_page_links,
    parse_sitemap_entries,
    url_day,
    with_discovery,
)

PHT = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("https://www.example.test/news/2026/11/28/bridge-tolls-suspended/", True),
        ("https://www.example.test/2026/11/some-story", True),
        ("https://www.example.test/stories/80411-port-extends-hours", True),
        ("https://www.example.test/story/mining-permit-hearing-set", True),
        ("https://www.example.test/read/2026/11/24/184512/sea-wall.html", True),
        ("https://www.example.test/business/iloilo-rice-traders-cut-prices", True),
        ("https://www.example.test/", False),
        ("https://www.example.test/news/", False),
        ("https://www.example.test/tag/ports/", False),
        ("https://www.example.test/author/ana-reyes/", False),
        ("https://www.example.test/news/page/2/", False),
        ("https://www.example.test/about-us/", False),
        ("https://www.example.test/privacy-policy/", False),
        ("https://www.example.test/search?q=bridge", False),
        ("https://www.example.test/files/annual-report-for-the-year.pdf", False),
        ("https://www.example.test/news/short-slug", False),
    ],
)
def test_article_urls_are_told_by_their_shape(url: str, article: bool) -> None:
    assert looks_like_article(url) is article


@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("https://www.example.test/news/", True),
        ("https://www.example.test/business", True),
        ("https://www.example.test/about/", False),
        ("https://www.example.test/tag/ports/", False),
        ("https://www.example.test/", False),
        ("https://www.example.test/news/2026/11/28/a-story/", False),
        ("https://www.example.test/sitemap.xml", False),
    ],
)
def test_section_urls(url: str, section: bool) -> None:
    assert looks_like_section(url) is section


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://x.test/news/2026/11/28/a-b/", date(2026, 11, 28)),
        ("https://x.test/2026-02-03/a-b", date(2026, 2, 3)),
        ("https://x.test/2026/13/40/a-b", None),
        ("https://x.test/stories/80411-a-b", None),
    ],
)
def test_url_day(url: str, day: date | None) -> None:
    assert url_day(url) == day


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://www.example.test/stories/1-a?utm_source=x</loc>
<news:news><news:publication><news:name>Example</news:name><news:language>tl</news:language>
</news:publication><news:publication_date>2026-11-28T07:05:00+08:00</news:publication_date>
<news:title>Coast Guard rescues six</news:title></news:news></url>
<url><loc>https://www.example.test/about/</loc><lastmod>2025-06-01T00:00:00Z</lastmod></url>
</urlset>"""


def test_a_news_sitemap_keeps_date_title_and_language() -> None:
    children, pages = parse_sitemap_entries(NEWS_SITEMAP)
    assert children == []
    first, second = pages
    assert first.url == "https://www.example.test/stories/1-a"  # tracking parameter dropped
    assert first.published_at == datetime(2026, 11, 28, 7, 5, tzinfo=PHT)
    assert (first.title, first.language) == ("Coast Guard rescues six", "tl")
    assert first.discovery_data() == {
        "published": "2026-11-28T07:05:00+08:00",
        "title": "Coast Guard rescues six",
        "language": "tl",
    }
    assert second.published_at is None
    assert second.modified_at == datetime(2025, 6, 1, tzinfo=UTC)
    assert second.discovery_data() == {}


def test_a_sitemap_index_gives_children_with_their_lastmod() -> None:
    xml = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://x.test/a.xml</loc><lastmod>2026-11-28T10:00:00+08:00</lastmod></sitemap>
    <sitemap><loc>https://x.test/b.xml</loc></sitemap></sitemapindex>"""
    children, pages = parse_sitemap_entries(xml)
    assert [(c.url, c.modified_at) for c in children] == [
        ("https://x.test/a.xml", datetime(2026, 11, 28, 10, tzinfo=PHT)),
        ("https://x.test/b.xml", None),
    ]
    assert pages == []


def test_rss_and_atom_entries() -> None:
    rss = b"""<rss version="2.0"><channel><item><title>A story</title>
    <link>https://x.test/story/a-long-story-slug?utm_source=rss</link>
    <pubDate>Sat, 28 Nov 2026 03:45:00 +0000</pubDate></item></channel></rss>"""
    (item,) = parse_feed_entries(rss)
    assert item.url == "https://x.test/story/a-long-story-slug"
    assert item.published_at == datetime(2026, 11, 28, 3, 45, tzinfo=UTC)
    assert item.title == "A story"
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>B</title>
    <link rel="alternate" href="/2026/11/27/b-story"/><link rel="edit" href="/edit/1"/>
    <published>2026-11-27T21:00:00-05:00</published></entry></feed>"""
    (entry,) = parse_feed_entries(atom, "https://y.test/feed.atom")
    assert entry.url == "https://y.test/2026/11/27/b-story"
    assert entry.published_at == datetime(2026, 11, 28, 2, tzinfo=UTC)
    assert entry.day == date(2026, 11, 27)
    assert parse_feed_entries(b"not xml at all <") == []


def test_feed_links_announced_in_the_head() -> None:
    html = b"""<html><head>
    <link rel="alternate" type="application/rss+xml" href="/syndication/latest.rss">
    <link rel="alternate" type="application/atom+xml" href="https://x.test/atom.xml">
    <link rel="alternate" hreflang="tl" href="/tl/">
    <link rel="stylesheet" type="text/css" href="/s.css"></head></html>"""
    assert feed_links(html, "https://x.test/") == [
        "https://x.test/syndication/latest.rss",
        "https://x.test/atom.xml",
    ]


HOME = b"""<html><body>
<header><nav><a href="/news/">News</a> <a href="/about/">About</a>
<a href="/news/2026/11/28/nav-pinned-story-here/">Pinned</a>
<a href="/tag/ports/">Ports</a></nav></header>
<main><h2><a href="/news/2026/11/28/cebu-bridge-tolls-suspended/">Cebu</a></h2>
<h2><a href="https://www.partner.test/news/2026/11/28/their-story-here/">Off-site</a></h2>
<h2><a href="https://cdn.example.test/business/2026/11/27/sister-host-story/">Sister host</a></h2>
<a class="next" href="/page/2/">Older</a></main>
<footer><a href="/privacy-policy/">Privacy</a></footer></body></html>"""


def test_home_page_links_tell_articles_from_navigation() -> None:
    links = parse_page_links(HOME, "https://www.example.test/")
    assert [a.url for a in links.articles] == [
        "https://www.example.test/news/2026/11/28/cebu-bridge-tolls-suspended",
        "https://cdn.example.test/business/2026/11/27/sister-host-story",
    ]
    assert links.sections == ["https://www.example.test/news/"]
    assert links.next_page == "https://www.example.test/page/2/"


def test_pagination_by_number_when_no_next_marker() -> None:
    html = b"""<main><a href="/news/page/1/">1</a><a href="/news/page/3/">3</a>
    <a href="/news/page/2/">2</a></main>"""
    links = parse_page_links(html, "https://x.test/news/page/2/")
    assert links.next_page == "https://x.test/news/page/3/"


def _raw(published: list[str], language: str = "en") -> RawArticle:
    return RawArticle(
        "u", "u", "Title", [("p", "x")], "m", published_raw=published, language=language
    )


def test_discovery_data_is_a_last_resort_only() -> None:
    data = {"published": "2026-11-28T07:05:00+08:00", "title": "T", "language": "tl"}
    with_page_date = with_discovery(_raw(["2026-11-27T09:00:00+08:00"]), data, page_language=True)
    assert list(with_page_date.published_raw) == [
        "2026-11-27T09:00:00+08:00",
        "2026-11-28T07:05:00+08:00",
    ]
    assert (with_page_date.title, with_page_date.language) == ("Title", "en")
    bare = with_discovery(_raw([]), data, page_language=False)
    assert list(bare.published_raw) == ["2026-11-28T07:05:00+08:00"]
    assert bare.language == "tl"


@pytest.mark.parametrize(
    ("html", "declared"),
    [
        (b'<!DOCTYPE html><html lang="tl"><head>', True),
        (b"<html class='x' LANG=en-PH>", True),
        (b"<html><head><meta lang='en'>", False),
        (b"<html lang=''>", False),
    ],
)
def test_declares_language(html: bytes, declared: bool) -> None:
    assert declares_language(html) is declared
