"""Recognise pages that are not articles before any extraction is tried."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.pages.base import NotAnArticle

# Cloudflare / anti-bot interstitials: tested on the first 16 kB, as others do.
_CHALLENGE_MARKERS = ("cf-chl-", "cf_chl_", "challenge-platform", "verify you are human",
                      "cf-browser-verification")
_CHALLENGE_TITLE = re.compile(
    r"<title>\s*(just a moment|attention required|access denied|please wait)")
_SOFT_404 = re.compile(
    r"<title>[^<]*(page not found|not found \||error 404|404 error|404 not found|nothing found|"
    r"oops!|walang nahanap)[^<]*</title>", re.I
)


def is_challenge(html: str) -> bool:
    """True for Cloudflare "Just a moment..." pages and similar bot walls."""
    head = html[:16384].lower()
    return any(marker in head for marker in _CHALLENGE_MARKERS) or bool(_CHALLENGE_TITLE.search(head))


_LISTING_PATH = re.compile(r"^/(?:category|tag|byline|column|source|author|page|search)(?:/|$)")
_LISTING_ITEM = re.compile(r"""id=["']ch-ls-box["']""")


def is_listing(url: str, html: str) -> bool:
    """Section, tag, byline and column pages: by their path, or by repeated listing cards."""
    path = urlsplit(url).path or "/"
    if _LISTING_PATH.match(path) or path == "/":
        return "?p=" not in url
    return len(_LISTING_ITEM.findall(html, 0, 200_000)) >= 3


def check_page(url: str, html: str, status: int | None = None) -> None:
    """Raise :class:`NotAnArticle` for challenge pages, listings and soft 404s."""
    if is_challenge(html):
        raise NotAnArticle("challenge", f"anti-bot challenge page at {url}")
    if is_listing(url, html):
        raise NotAnArticle("listing", f"listing page at {url}")
    if "<title" in html[:16384] and _SOFT_404.search(html[:16384]):
        raise NotAnArticle("soft404", f"'not found' page served at {url}")
