"""Recognise pages that are not articles before any extraction is tried."""

from __future__ import annotations

import re

from crawler.pages.base import NotAnArticle

# Cloudflare / anti-bot interstitials: tested on the first 16 kB, as others do.
_CHALLENGE = re.compile(
    r"<title>\s*(just a moment|attention required|access denied|please wait)"
    r"|cf-chl-|cf_chl_|challenge-platform|verify you are human|cf-browser-verification",
    re.I,
)
_SOFT_404 = re.compile(
    r"<title>[^<]*(page not found|404|nothing found|oops)[^<]*</title>", re.I
)


def is_challenge(html: str) -> bool:
    """True for Cloudflare "Just a moment..." pages and similar bot walls."""
    return bool(_CHALLENGE.search(html[:16384]))


def check_page(url: str, html: str, status: int | None = None) -> None:
    """Raise :class:`NotAnArticle` for challenge pages and soft 404s."""
    if is_challenge(html):
        raise NotAnArticle("challenge", f"anti-bot challenge page at {url}")
    if _SOFT_404.search(html[:16384]):
        raise NotAnArticle("soft404", f"'not found' page served at {url}")
