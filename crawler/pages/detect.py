"""Recognise pages that are not articles before any extraction is tried."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.pages.base import NotAnArticle

# Cloudflare / anti-bot interstitials: tested on the first 16 kB, as others do.
_CHALLENGE_MARKERS = (
    b"cf-chl-",
    b"cf_chl_",
    b"challenge-platform",
    b"verify you are human",
    b"cf-browser-verification",
)
_CHALLENGE_TITLES = (b"just a moment", b"attention required", b"access denied", b"please wait")
_SOFT_404_TITLES = (
    b"page not found",
    b"not found |",
    b"error 404",
    b"404 error",
    b"404 not found",
    b"nothing found",
    b"oops!",
    b"walang nahanap",
)
# Plain byte-string operations: every marker is ASCII, so lower-casing ASCII letters is
# all the test needs.


def _title(head: bytes) -> bytes:
    """The (lower-cased) ``<title>`` text of a lower-cased page head, or ``b""``."""
    start = head.find(b"<title")
    end_tag = head.find(b">", start) if start >= 0 else -1
    close = head.find(b"</title>", end_tag) if end_tag >= 0 else -1
    return head[end_tag + 1 : close].strip() if close >= 0 else b""


def _head(html: str | bytes) -> bytes:
    """The page's first 16 kB, ASCII letters lower-cased: where markers and titles are read."""
    head = html if len(html) <= 16384 else html[:16384]  # most pages: no copy before lower()
    return (head.encode("utf-8", "surrogatepass") if isinstance(head, str) else head).lower()


def is_challenge(html: str | bytes, head: bytes | None = None) -> bool:
    """True for Cloudflare "Just a moment..." pages and similar bot walls."""
    head = _head(html) if head is None else head
    for marker in _CHALLENGE_MARKERS:
        if marker in head:
            return True
    return _title(head).startswith(_CHALLENGE_TITLES)


_LISTING_PATH = re.compile(
    r"^/(?:(?:category|tag|byline|column|source|author|search)(?:/|$)|page(?:/\d+)?/?$)"
)
_LISTING_ITEM = re.compile(r"""id=["']ch-ls-box["']""")


def is_listing(url: str, html: str, root_is_listing: bool = True) -> bool:
    """Section, tag, byline and column pages: by their path, or by repeated listing cards.

    ``root_is_listing``: a site's front page counts as a listing (the caller may know better
    from the page's structure)."""
    path = urlsplit(url).path or "/"
    if _LISTING_PATH.match(path) or (path == "/" and root_is_listing):
        return "?p=" not in url
    if html.count("ch-ls-box", 0, 200_000) < 3:
        return False
    return len(_LISTING_ITEM.findall(html, 0, 200_000)) >= 3


def check_page(
    url: str, html: str, source: str | bytes | None = None, root_is_listing: bool = True
) -> None:
    """Raise :class:`NotAnArticle` for challenge pages, listings and soft 404s; ``source``:
    the page's bytes, when known, to read the head from (no re-encoding of the text)."""
    head = _head(html if source is None else source)  # lower-cased once for the three tests
    if is_challenge(html, head):
        raise NotAnArticle("challenge", f"anti-bot challenge page at {url}")
    if is_listing(url, html, root_is_listing):
        raise NotAnArticle("listing", f"listing page at {url}")
    title = _title(head)
    for phrase in _SOFT_404_TITLES:
        if phrase in title:
            raise NotAnArticle("soft404", f"'not found' page served at {url}")
