"""Pure readers of the site's discovery pages: the daily article index and RSS feeds.

Free of Scrapy (tests/unit/test_architecture.py), so robots.txt ``Sitemap:`` lines are read here
rather than by ``scrapy.utils.sitemap.sitemap_urls_from_robots``, and sitemaps are read here
rather than by Scrapy's ``Sitemap``/SitemapSpider, which drop ``news:publication_date`` (the
crawl window needs it before an article is fetched).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import lxml.etree
import lxml.html

from crawler.cleaning.dates import parse_feed_datetime, parse_page_datetime
from crawler.urls import canonicalize_url, is_article_url


@dataclass(frozen=True, slots=True)
class Link:
    """An article link found during discovery, with what the listing said about it."""

    url: str
    section: str | None = None
    published_at: datetime | None = None


def parse_article_index(html: str | bytes) -> list[Link]:
    """Links of ``/article-index/?d=YYYY-MM-DD``: each ``h4`` section, then its ``ul``."""
    tree = _html_root(html)
    if tree is None:
        return []
    links: list[Link] = []
    for heading in tree.iter("h4"):
        section = " ".join((heading.text_content() or "").split()) or None
        lists = heading.xpath("following-sibling::ul[1]")
        for anchor in lists[0].iter("a") if lists else ():
            href = (anchor.get("href") or "").strip()
            if href.startswith("https://") and is_article_url(href):
                links.append(Link(canonicalize_url(href), section))
    return _unique(links)


def parse_feed(xml: bytes, manila_wall_clock: bool = True) -> list[Link]:
    """Items of an RSS 2.0 feed; ``pubDate`` read as Manila wall-clock time (site quirk)."""
    root = _xml_root(xml)
    if root is None:
        return []
    links: list[Link] = []
    for item in root.iter("item"):
        href = (item.findtext("link") or "").strip()
        if not is_article_url(href):
            continue
        category = (item.findtext("category") or "").strip() or None
        published = parse_feed_datetime(item.findtext("pubDate"), manila_wall_clock)
        links.append(Link(canonicalize_url(href), category, published))
    return _unique(links)


_SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def parse_robots_sitemaps(robots: str | bytes) -> list[str]:
    """``Sitemap:`` URLs named in a robots.txt (lines with no URL left out)."""
    text = robots.decode("utf-8", "replace") if isinstance(robots, bytes) else robots
    return [
        line.split(":", 1)[1].strip()
        for line in text.splitlines()
        if line.lower().startswith("sitemap:") and line.split(":", 1)[1].strip()
    ]


def parse_sitemap(xml: bytes) -> tuple[list[str], list[Link]]:
    """``(child sitemaps, article links)`` of a sitemap index or a (news) sitemap.

    Keeps ``news:publication_date`` (which Scrapy's SitemapSpider drops) as the
    link's ``published_at``; a date without an offset is Manila time.
    """
    root = _xml_root(xml)
    if root is None:
        return [], []
    children = [
        loc.strip() for loc in root.xpath("//sm:sitemap/sm:loc/text()", namespaces=_SITEMAP_NS)
    ]
    links: list[Link] = []
    for url in root.xpath("//sm:url", namespaces=_SITEMAP_NS):
        loc = (url.findtext("sm:loc", namespaces=_SITEMAP_NS) or "").strip()
        if not is_article_url(loc):
            continue
        date_text = url.findtext(
            "news:news/news:publication_date", namespaces=_SITEMAP_NS
        ) or url.findtext("sm:lastmod", namespaces=_SITEMAP_NS)
        links.append(Link(canonicalize_url(loc), None, parse_page_datetime(date_text)))
    return children, _unique(links)


def parse_listing(html: str | bytes, base_url: str) -> tuple[list[Link], str | None]:
    """Cards of a section listing (``#ch-ls-box``) and the next page's URL, if any."""
    tree = _html_root(html, base_url)
    if tree is None:
        return [], None
    tree.make_links_absolute(base_url)
    links: list[Link] = []
    for card in tree.xpath("//*[@id='ch-ls-box']"):
        hrefs = card.xpath(".//*[@id='ch-ls-head']//a/@href")
        dates = card.xpath(".//*[@id='ch-postdate']/span[1]//text()")
        if hrefs and is_article_url(hrefs[0]):
            published = parse_page_datetime(" ".join(d.strip() for d in dates)) if dates else None
            links.append(Link(canonicalize_url(hrefs[0]), None, published))
    more = tree.xpath("//div[@id='ch-more-news']/a[position() = last()]/@href")
    return _unique(links), (more[0] if more else None)


def _xml_root(data: bytes) -> Any:
    """The root of an XML document, or None for something that is not XML (logged by callers)."""
    parser = lxml.etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, huge_tree=False
    )
    try:
        return lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return None


def _html_root(data: str | bytes, base_url: str | None = None) -> Any:
    try:
        return lxml.html.fromstring(data, base_url=base_url)
    except (lxml.etree.ParserError, ValueError):
        return None


def _unique(links: list[Link]) -> list[Link]:
    seen: set[str] = set()
    return [link for link in links if not (link.url in seen or seen.add(link.url))]  # type: ignore[func-returns-value]
