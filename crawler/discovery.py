"""Pure readers of the site's discovery pages: the daily article index and RSS feeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import lxml.etree
import lxml.html

from crawler.cleaning.dates import parse_feed_datetime
from crawler.urls import canonicalize_url, is_article_url


@dataclass(frozen=True, slots=True)
class Link:
    """An article link found during discovery, with what the listing said about it."""

    url: str
    section: str | None = None
    published_at: datetime | None = None


def parse_article_index(html: str | bytes) -> list[Link]:
    """Links of ``/article-index/?d=YYYY-MM-DD``: each ``h4`` section, then its ``ul``."""
    tree = lxml.html.fromstring(html)
    links: list[Link] = []
    for heading in tree.iter("h4"):
        section = " ".join((heading.text_content() or "").split()) or None
        lists = heading.xpath("following-sibling::ul[1]")
        for anchor in (lists[0].iter("a") if lists else ()):
            href = (anchor.get("href") or "").strip()
            if href.startswith("https://") and is_article_url(href):
                links.append(Link(canonicalize_url(href), section))
    return _unique(links)


def parse_feed(xml: bytes, manila_wall_clock: bool = True) -> list[Link]:
    """Items of an RSS 2.0 feed; ``pubDate`` read as Manila wall-clock time (site quirk)."""
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    root = lxml.etree.fromstring(xml, parser=parser)
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


def _unique(links: list[Link]) -> list[Link]:
    seen: set[str] = set()
    return [link for link in links if not (link.url in seen or seen.add(link.url))]  # type: ignore[func-returns-value]
