"""Which page object reads which page: Inquirer layouts first, the generic page last."""

from __future__ import annotations

from typing import Protocol

from crawler.pages.amp import InquirerAmpPage
from crawler.pages.bandera import InquirerBanderaPage
from crawler.pages.base import ArticlePage
from crawler.pages.cebudailynews import InquirerCdnPage
from crawler.pages.encoding import decode_html
from crawler.pages.generic import GenericPage
from crawler.pages.inquirer import InquirerDefaultPage
from crawler.pages.lifestyle import InquirerLifestylePage
from crawler.pages.liveblog import InquirerLiveBlogPage
from crawler.pages.pop import InquirerPopPage
from crawler.urls import subdomain_of


class Layout(Protocol):
    """A page-object class: recognises its markup and reads a page."""

    def __call__(self, url: str, html: str) -> ArticlePage: ...

    def matches(self, html: str) -> bool: ...


# Tried in order; the first whose ``matches(html)`` is true reads the page. The
# specific templates come before the default one, whose markers are broader.
INQUIRER_LAYOUTS: tuple[Layout, ...] = (
    InquirerAmpPage,
    InquirerLiveBlogPage,
    InquirerLifestylePage,
    InquirerPopPage,
    InquirerBanderaPage,
    InquirerCdnPage,
    InquirerDefaultPage,
)


def select_page(url: str, html: str | bytes, content_type: str | None = None) -> ArticlePage:
    """The page object for this URL and markup."""
    text = decode_html(html, content_type) if isinstance(html, bytes) else html
    if subdomain_of(url) is not None:
        for layout in INQUIRER_LAYOUTS:
            if layout.matches(text):
                return layout(url, text)
    return GenericPage(url, text)
