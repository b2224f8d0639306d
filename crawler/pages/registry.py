"""Which page object reads which page: Inquirer layouts first, the generic page last."""

from __future__ import annotations

from crawler.pages.base import ArticlePage
from crawler.pages.encoding import decode_page
from crawler.pages.generic import GenericPage
from crawler.pages.layouts import INQUIRER_LAYOUTS
from crawler.urls import subdomain_of


def select_page(url: str, html: str | bytes, content_type: str | None = None) -> ArticlePage:
    """The page object for this URL and markup."""
    text, utf8 = decode_page(html, content_type)
    if subdomain_of(url) is not None:
        for layout in INQUIRER_LAYOUTS:
            if layout.matches(text):
                return layout(url, text, utf8=utf8)
    return GenericPage(url, text, utf8=utf8)
