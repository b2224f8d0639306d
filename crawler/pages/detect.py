"""Recognise pages that are not articles before any extraction is tried."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.pages.base import NotAnArticle

# Cloudflare / anti-bot interstitials: tested on the first 16 kB, as others do.
_CHALLENGE_MARKERS = ("cf-chl-", "cf_chl_", "challenge-platform", "verify you are human",
                      "cf-browser-verification")
_CHALLENGE_TITLES = ("just a moment", "attention required", "access denied", "please wait")
_SOFT_404_TITLES = ("page not found", "not found |", "error 404", "404 error", "404 not found",
                    "nothing found", "oops!", "walang nahanap")
# Plain string operations on purpose: a regex scan of 16 kB costs ~0.1 ms per page.


def _title(head: str) -> str:
    """The (lower-cased) ``<title>`` text of a lower-cased page head, or ``""``."""
    start = head.find("<title")
    end_tag = head.find(">", start) if start >= 0 else -1
    close = head.find("</title>", end_tag) if end_tag >= 0 else -1
    return head[end_tag + 1:close].strip() if close >= 0 else ""


def is_challenge(html: str) -> bool:
    """True for Cloudflare "Just a moment..." pages and similar bot walls."""
    head = html[:16384].lower()
    return any(marker in head for marker in _CHALLENGE_MARKERS) or \
        _title(head).startswith(_CHALLENGE_TITLES)


_LISTING_PATH = re.compile(r"^/(?:category|tag|byline|column|source|author|page|search)(?:/|$)")
_LISTING_ITEM = re.compile(r"""id=["']ch-ls-box["']""")


def is_listing(url: str, html: str) -> bool:
    """Section, tag, byline and column pages: by their path, or by repeated listing cards."""
    path = urlsplit(url).path or "/"
    if _LISTING_PATH.match(path) or path == "/":
        return "?p=" not in url
    if html.count("ch-ls-box", 0, 200_000) < 3:
        return False
    return len(_LISTING_ITEM.findall(html, 0, 200_000)) >= 3


def check_page(url: str, html: str, status: int | None = None) -> None:
    """Raise :class:`NotAnArticle` for challenge pages, listings and soft 404s."""
    if is_challenge(html):
        raise NotAnArticle("challenge", f"anti-bot challenge page at {url}")
    if is_listing(url, html):
        raise NotAnArticle("listing", f"listing page at {url}")
    if any(phrase in _title(html[:16384].lower()) for phrase in _SOFT_404_TITLES):
        raise NotAnArticle("soft404", f"'not found' page served at {url}")
