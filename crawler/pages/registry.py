"""Which page object reads which page: Inquirer layouts first, the generic page last."""

from __future__ import annotations

from typing import Protocol

from crawler.pages.amp import InquirerAmpPage
from crawler.pages.bandera import InquirerBanderaPage
from crawler.pages.base import ArticlePage
from crawler.pages.cebudailynews import InquirerCdnPage
from crawler.pages.encoding import decode_page
from crawler.pages.generic import GenericPage
from crawler.pages.inquirer import InquirerDefaultPage
from crawler.pages.lifestyle import InquirerLifestylePage
from crawler.pages.liveblog import InquirerLiveBlogPage
from crawler.pages.pop import InquirerPopPage
from crawler.urls import subdomain_of


class Layout(Protocol):
    """A page-object class: recognises its markup and reads a page."""

    def __call__(self, url: str, html: str, *, utf8: bytes | None = None) -> ArticlePage: ...

    def matches(self, html: str) -> bool: ...


# Tried in order; the first whose ``matches(html)`` is true reads the page. AMP and live
# blogs are served by the default theme, so they come first; the default theme's own ids
# (#article_level_wrap, #art_body_wrap, #FOR_target_content) appear in no subdomain theme,
# and most pages are default-theme pages: testing it before the four subdomain themes
# spares those pages four substring scans and an identity read (~50 µs a page).
INQUIRER_LAYOUTS: tuple[Layout, ...] = (
    InquirerAmpPage,
    InquirerLiveBlogPage,
    InquirerDefaultPage,
    InquirerLifestylePage,
    InquirerPopPage,
    InquirerBanderaPage,
    InquirerCdnPage,
)


def select_page(url: str, html: str | bytes, content_type: str | None = None) -> ArticlePage:
    """The page object for this URL and markup."""
    text, utf8 = decode_page(html, content_type)
    if subdomain_of(url) is not None:
        for layout in INQUIRER_LAYOUTS:
            if layout.matches(text):
                return layout(url, text, utf8=utf8)
    return GenericPage(url, text, utf8=utf8)
