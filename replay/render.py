"""The replay site's generated pages: article index, RSS feeds, sitemaps, section listings."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from html import escape

from crawler.site import outlet_name
from replay.corpus import MANILA, ReplayPage

ROBOTS = """User-agent: *
Disallow: /wp-admin/
Disallow: /wp-login.php
Disallow: /search/
Allow: /wp-admin/admin-ajax.php

Sitemap: https://{host}/sitemap.xml
"""
LISTING_PAGE_SIZE = 10


def _newest_first(pages: list[ReplayPage]) -> list[ReplayPage]:
    return sorted(
        pages,
        key=lambda p: (p.published_at or datetime.min.replace(tzinfo=MANILA), p.url),
        reverse=True,
    )


def article_index(day: date, pages: list[ReplayPage]) -> bytes:
    """``/article-index/?d=YYYY-MM-DD``: ``#index-wrap`` with an ``h4`` + ``ul`` per section."""
    sections: dict[str, list[ReplayPage]] = defaultdict(list)
    for page in sorted(pages, key=lambda p: (p.subdomain, p.url)):
        sections[outlet_name(page.subdomain)].append(page)
    html = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Article Index for '
        f"{day:%B} {day.day}, {day.year} | Inquirer.net</title></head><body>",
        '<div id="index-wrap">',
        f"<h3>Articles for {day.isoformat()}</h3>",
    ]
    for name, items in sections.items():
        html.append(f"<h4>{escape(name)}</h4>\n<ul>")
        html += [f'<li><a href="{escape(p.url)}">{escape(p.title)}</a></li>' for p in items]
        html.append("</ul>")
    html.append("</div></body></html>")
    return "\n".join(html).encode()


def rss_feed(sub: str, pages: list[ReplayPage]) -> bytes:
    """``/feed``: the 30 newest items; pubDate is Manila wall-clock time labelled +0000."""
    items = []
    for page in _newest_first(pages)[:30]:
        wall = (
            page.published_at.astimezone(MANILA).replace(tzinfo=None) if page.published_at else None
        )
        pub = wall.strftime("%a, %d %b %Y %H:%M:%S +0000") if wall else ""
        creator = escape(", ".join(page.authors)) if page.authors else "INQUIRER.net"
        items.append(
            f"<item><title>{escape(page.title)}</title><link>{escape(page.url)}</link>"
            f"<dc:creator><![CDATA[{creator}]]></dc:creator><pubDate>{pub}</pubDate>"
            f"<category><![CDATA[{escape(page.section or '')}]]></category>"
            f'<guid isPermaLink="false">{escape(page.url)}</guid></item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(sub)} | Inquirer.net</title><link>https://{sub}.inquirer.net</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def sitemap_index(subdomains: list[str]) -> bytes:
    """``www.inquirer.net/sitemap.xml``: one news sitemap per subdomain."""
    entries = "".join(
        f"<sitemap><loc>https://{sub}.inquirer.net/news-sitemap.xml</loc></sitemap>"
        for sub in sorted(subdomains)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
    ).encode()


def news_sitemap(pages: list[ReplayPage]) -> bytes:
    """A Google News sitemap with ``news:publication_date`` (ISO 8601, +08:00)."""
    urls = []
    for page in _newest_first(pages)[:1000]:
        published = page.published_at.astimezone(MANILA).isoformat() if page.published_at else ""
        urls.append(
            f"<url><loc>{escape(page.url)}</loc><news:news><news:publication>"
            "<news:name>Philippine Daily Inquirer</news:name><news:language>en</news:language>"
            f"</news:publication><news:publication_date>{published}</news:publication_date>"
            f"<news:title>{escape(page.title)}</news:title></news:news></url>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(urls) + "</urlset>"
    ).encode()


def section_listing(sub: str, pages: list[ReplayPage], number: int) -> bytes | None:
    """``/category/latest-stories[/page/N/]``: ``#ch-ls-box`` cards, ``#ch-more-news`` pager."""
    ordered = _newest_first(pages)
    chunk = ordered[(number - 1) * LISTING_PAGE_SIZE : number * LISTING_PAGE_SIZE]
    if not chunk and number > 1:
        return None
    cards = []
    for page in chunk:
        when = page.published_at.astimezone(MANILA) if page.published_at else None
        shown = f"{when:%I:%M %p} {when:%B} {when.day}, {when.year}" if when else ""
        author = escape(", ".join(page.authors) or "INQUIRER.net")
        cards.append(
            f'<div id="ch-ls-box"><div id="ch-cat">{escape(page.section or "Headlines")}</div>'
            f'<div id="ch-ls-head"><h2><a href="{escape(page.url)}">'
            f"{escape(page.title)}</a></h2></div>"
            f'<div id="ch-postdate"><span>{shown}</span><span>BY:\u00a0 {author}</span></div></div>'
        )
    more = ""
    if len(ordered) > number * LISTING_PAGE_SIZE:
        more = (
            f'<div id="ch-more-news"><a href="https://{sub}.inquirer.net/category/latest-stories/'
            f'page/{number + 1}/">Next</a></div>'
        )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Latest Stories | '
        f'Inquirer</title></head><body><div id="inq-channel-left">{"".join(cards)}{more}</div>'
        "</body></html>"
    ).encode()
