"""Pure readers of any news site's discovery pages: sitemaps, feeds, home and section pages.

The ``news`` spider (crawler/spiders/news.py) uses them; the Inquirer's own readers are in
``crawler.spiders.discovery``. Nothing here fetches anything or imports Scrapy.

>>> looks_like_article("https://www.example.test/news/2026/11/28/bridge-tolls-suspended/")
True
>>> looks_like_article("https://www.example.test/tag/ports/")
False
>>> url_day("https://www.example.test/news/2026/11/28/bridge-tolls-suspended/")
datetime.date(2026, 11, 28)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from crawler.cleaning.dates import parse_feed_datetime, parse_page_datetime
from crawler.clock import UTC_ZONE
from crawler.items import RawArticle, SourcedTexts
from crawler.spiders.discovery import _html_root, _xml_root
from crawler.urls import canonicalize_url, site_of

USUAL_FEED_PATHS = ("/feed", "/rss.xml", "/atom.xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
# First path segments of pages that are never articles nor sections.
NON_ARTICLE_ROOTS = frozenset(
    {
        "tag",
        "tags",
        "topic",
        "topics",
        "author",
        "authors",
        "byline",
        "category",
        "categories",
        "page",
        "search",
        "about",
        "about-us",
        "contact",
        "contact-us",
        "privacy",
        "privacy-policy",
        "terms",
        "terms-of-use",
        "subscribe",
        "newsletter",
        "newsletters",
        "login",
        "register",
        "account",
        "feed",
        "rss",
        "advertise",
        "careers",
        "wp-admin",
        "wp-login.php",
        "cdn-cgi",
    }
)
_PAGE_EXTENSIONS = ("", ".html", ".htm", ".php", ".asp", ".aspx", ".shtml")
_DATE_IN_PATH = re.compile(r"/(20\d\d)[/-](\d\d)[/-](\d\d)(?:/|$)")
_MONTH_IN_PATH = re.compile(r"/(20\d\d)/(\d\d)/")
_NUMERIC_ID = re.compile(r"(?:^|[-_])\d{5,}(?:[-_]|$)")
_PAGINATION = re.compile(r"/page/(\d+)/?$|[?&]page=(\d+)")
_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "atom": "http://www.w3.org/2005/Atom",
}
_SM, _ATOM = "{" + _NS["sm"] + "}", "{" + _NS["atom"] + "}"


@dataclass(frozen=True, slots=True)
class Found:
    """An article URL found by discovery, with what the channel said about it.

    ``published_at``, ``title``, ``language``: the news sitemap's or feed's own values (last
    resort field sources); ``modified_at``: a sitemap ``lastmod`` (only for the window);
    ``day``: the date printed in the URL (only for the window)."""

    url: str
    published_at: datetime | None = None
    modified_at: datetime | None = None
    title: str | None = None
    language: str | None = None
    day: date | None = None

    def discovery_data(self) -> dict[str, str]:
        """What the page layer may fall back on, as strings (request meta is serialised)."""
        data = {
            "published": self.published_at.isoformat() if self.published_at else None,
            "title": self.title,
            "language": self.language,
        }
        return {k: v for k, v in data.items() if v}


# --- URL shapes ----------------------------------------------------------------------
def _segments(url: str) -> list[str]:
    return [s for s in urlsplit(url).path.split("/") if s]


def url_day(url: str) -> date | None:
    """The publication day printed in an article URL (``/2026/11/28/`` or ``/2026-11-28/``)."""
    match = _DATE_IN_PATH.search(urlsplit(url).path)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _extension(segment: str) -> str:
    return segment[segment.rfind(".") :].lower() if "." in segment else ""


def looks_like_article(url: str) -> bool:
    """True when the URL has an article's shape: a date in the path, a long numeric id, or
    a slug of four words or more; never a tag, author, search, pagination or about page."""
    segments = _segments(url)
    if not segments or segments[0].lower() in NON_ARTICLE_ROOTS or _PAGINATION.search(url):
        return False
    last = segments[-1]
    if _extension(last) not in _PAGE_EXTENSIONS:
        return False
    stem = last[: -len(_extension(last))] if _extension(last) else last
    if len(segments) >= 2 and (
        _DATE_IN_PATH.search(urlsplit(url).path) or _MONTH_IN_PATH.search(urlsplit(url).path)
    ):
        return len(stem.split("-")) >= 2 or stem.isdigit()
    if _NUMERIC_ID.search(stem):
        return True
    return len(re.split(r"[-_]", stem)) >= 4


def is_service_page(url: str) -> bool:
    """The home page, or a tag, author, search, about... page: never an article."""
    segments = _segments(url)
    return not segments or segments[0].lower() in NON_ARTICLE_ROOTS


def looks_like_section(url: str) -> bool:
    """A one-segment listing path (``/news/``, ``/business``) that is not an article, a tag,
    author or service page, nor a file."""
    segments = _segments(url)
    return (
        len(segments) == 1
        and segments[0].lower() not in NON_ARTICLE_ROOTS
        and not _extension(segments[0])
        and not looks_like_article(url)
        and not urlsplit(url).query
    )


def on_site(url: str, domain: str) -> bool:
    """True for an http(s) URL on ``domain`` or one of its subdomains."""
    return url.startswith(("http://", "https://")) and site_of(url) == domain


# --- robots, sitemaps, feeds -----------------------------------------------------------
def _text(node: Any, path: str) -> str | None:
    value = node.findtext(path, namespaces=_NS)
    return value.strip() if value and value.strip() else None


def parse_sitemap_entries(xml: bytes, zone: ZoneInfo = UTC_ZONE) -> tuple[list[Found], list[Found]]:
    """``(child sitemaps, page URLs)`` of a sitemap index or a (news) sitemap, any site.

    Child sitemaps carry their ``lastmod`` in ``modified_at``; news entries keep
    ``news:publication_date``, ``news:title`` and the publication's ``news:language``. A
    date without an offset (W3C allows ``2026-11-28``) is read on the outlet's clock,
    ``zone``: that day in the outlet's own calendar, so the window keeps it."""
    root = _xml_root(xml)
    if root is None:
        return [], []
    children = [
        Found(loc, modified_at=parse_page_datetime(_text(node, "sm:lastmod"), zone=zone))
        for node in root.iter(_SM + "sitemap")
        if (loc := _text(node, "sm:loc"))
    ]
    pages: list[Found] = []
    for node in root.iter(_SM + "url"):
        loc = _text(node, "sm:loc")
        if not loc:
            continue
        pages.append(
            Found(
                canonicalize_url(loc),
                published_at=parse_page_datetime(
                    _text(node, "news:news/news:publication_date"), zone=zone
                ),
                modified_at=parse_page_datetime(_text(node, "sm:lastmod"), zone=zone),
                title=_text(node, "news:news/news:title"),
                language=_text(node, "news:news/news:publication/news:language"),
                day=url_day(loc),
            )
        )
    return children, _unique(pages)


def parse_feed_entries(xml: bytes, base_url: str = "", zone: ZoneInfo = UTC_ZONE) -> list[Found]:
    """Entries of an RSS 2.0 or Atom feed: link, date (with its own offset, else on the
    outlet's clock ``zone``) and title."""
    root = _xml_root(xml)
    if root is None:
        return []
    found: list[Found] = []
    for item in root.iter("item"):
        link = _text(item, "link") or _text(item, "guid")
        if link:
            found.append(
                Found(
                    canonicalize_url(urljoin(base_url, link)),
                    published_at=parse_feed_datetime(_text(item, "pubDate"), False, zone),
                    title=_text(item, "title"),
                    day=url_day(link),
                )
            )
    for entry in root.iter(_ATOM + "entry"):
        links = entry.findall("atom:link", namespaces=_NS)
        hrefs = [x.get("href") for x in links if x.get("rel", "alternate") == "alternate"]
        if hrefs and hrefs[0]:
            published = _text(entry, "atom:published") or _text(entry, "atom:updated")
            found.append(
                Found(
                    canonicalize_url(urljoin(base_url, hrefs[0])),
                    published_at=parse_feed_datetime(published, False, zone),
                    title=_text(entry, "atom:title"),
                    day=url_day(hrefs[0]),
                )
            )
    return _unique(found)


def feed_links(html: bytes | str, base_url: str) -> list[str]:
    """Feeds a page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    tree = _html_root(html, base_url)
    if tree is None:
        return []
    urls = [
        urljoin(base_url, (link.get("href") or "").strip())
        for link in tree.iter("link")
        if "alternate" in (link.get("rel") or "").lower().split()
        and (link.get("type") or "").lower().split(";")[0].strip() in FEED_TYPES
        and (link.get("href") or "").strip()
    ]
    return list(dict.fromkeys(urls))


# --- home and section pages ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PageLinks:
    """What a home or section page links to on its own site."""

    articles: list[Found]
    sections: list[str]
    next_page: str | None


def _in_navigation(anchor: Any) -> bool:
    return any(a.tag in ("nav", "header", "footer") for a in anchor.iterancestors())


def _is_next(anchor: Any, href: str, base_url: str) -> bool:
    rel = (anchor.get("rel") or "").lower().split()
    classes = (anchor.get("class") or "").lower().split()
    if "next" in rel or "next" in classes:
        return True
    here, there = _PAGINATION.search(base_url), _PAGINATION.search(href)
    current = int(next(g for g in here.groups() if g)) if here else 1
    return bool(there) and int(next(g for g in there.groups() if g)) == current + 1  # type: ignore[union-attr]


def parse_page_links(html: bytes | str, base_url: str) -> PageLinks:
    """Article links of a home or section page told apart from navigation: an article link
    has an article's URL shape and sits outside ``nav``/``header``/``footer``; sections are
    one-segment listing paths; the next page is ``rel=next``, ``.next`` or page N+1.
    Only links on the page's own site are kept."""
    tree = _html_root(html, base_url)
    if tree is None:
        return PageLinks([], [], None)
    domain = site_of(base_url)
    articles: list[Found] = []
    sections: list[str] = []
    next_page = None
    for anchor in tree.iter("a"):
        href = urljoin(base_url, (anchor.get("href") or "").strip()).split("#")[0]
        if not on_site(href, domain):
            continue
        if looks_like_article(href) and not _in_navigation(anchor):
            articles.append(Found(canonicalize_url(href), day=url_day(href)))
        elif looks_like_section(href):
            sections.append(href)
        if next_page is None and _PAGINATION.search(href) and _is_next(anchor, href, base_url):
            next_page = href
    return PageLinks(_unique(articles), list(dict.fromkeys(sections)), next_page)


def _unique(found: list[Found]) -> list[Found]:
    seen: set[str] = set()
    return [f for f in found if not (f.url in seen or seen.add(f.url))]  # type: ignore[func-returns-value]


# --- discovery data as last-resort field sources ---------------------------------------
_LANG_ATTRIBUTE = re.compile(rb"<html\b[^>]*\blang\s*=\s*[\"']?[A-Za-z]", re.IGNORECASE)


def declares_language(html: bytes) -> bool:
    """True when the page's ``<html>`` element carries a ``lang`` attribute."""
    return bool(_LANG_ATTRIBUTE.search(html[:4096]))


def with_discovery(raw: RawArticle, data: dict[str, str], page_language: bool) -> RawArticle:
    """What the news sitemap or feed said, used only where the page says nothing: its
    publication date after every date text of the page, its title for a page without
    one, its language for a page that declares none (``page_language`` False)."""
    if data.get("published"):
        if isinstance(raw.published_raw, SourcedTexts):
            raw.published_raw.add_last_resort("discovery", data["published"])
        else:
            raw.published_raw = [*raw.published_raw, data["published"]]
    if data.get("title") and not (raw.title or "").strip():
        raw.title = data["title"]
    if data.get("language") and not page_language:
        raw.language = data["language"].split("-")[0].lower()
    return raw
