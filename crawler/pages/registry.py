"""Which page object reads which page: Inquirer layouts first, the generic page last."""

from __future__ import annotations

from crawler.pages.amp import InquirerAmpPage
from crawler.pages.base import ArticlePage
from crawler.pages.encoding import decode_html
from crawler.pages.generic import GenericPage
from crawler.pages.inquirer import InquirerDefaultPage
from crawler.urls import subdomain_of

# Tried in order; the first whose ``matches(html)`` is true reads the page.
INQUIRER_LAYOUTS: tuple[type[InquirerDefaultPage], ...] = (InquirerAmpPage, InquirerDefaultPage)


def select_page(url: str, html: str | bytes, content_type: str | None = None) -> ArticlePage:
    """The page object for this URL and markup."""
    text = decode_html(html, content_type) if isinstance(html, bytes) else html
    if subdomain_of(url) is not None:
        for layout in INQUIRER_LAYOUTS:
            if layout.matches(text):
                return layout(url, text)
    return GenericPage(url, text)
