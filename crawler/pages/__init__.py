"""Page objects: ``(url, html)`` -> a cleaned :class:`~crawler.items.ArticleItem`.

``extract_article`` picks the layout (Inquirer templates first, the generic
trafilatura page for anything else) and runs the cleaning stages.
"""

from __future__ import annotations

from datetime import datetime

from crawler.items import ArticleItem, RawArticle
from crawler.pages.base import ArticlePage, NotAnArticle
from crawler.pages.generic import GenericPage
from crawler.pages.registry import select_page
from crawler.stages import InvalidArticle, clean_article

__all__ = ["ArticlePage", "NotAnArticle", "extract_article", "extract_raw", "select_page"]


def extract_raw(url: str, html: str | bytes, content_type: str | None = None) -> RawArticle:
    """The raw article of a page (no cleaning); raises :class:`NotAnArticle`.

    When an Inquirer layout recognises the page but finds no body (its markup
    drifted), the generic trafilatura page gets a try; ``extraction_method`` then
    says ``<layout>+trafilatura`` so the fallback is visible in the data.
    """
    page = select_page(url, html, content_type)
    try:
        return page.to_raw()
    except NotAnArticle as exc:
        if exc.reason != "no_body" or isinstance(page, GenericPage):
            raise
        try:
            raw = GenericPage(url, page.html).to_raw()
        except NotAnArticle:
            raise exc from None
        if not _looks_like_a_body(raw):
            raise exc from None
        raw.extraction_method = f"{page.extraction_method}+trafilatura"
        return raw


FALLBACK_MIN_WORDS = 40


def _looks_like_a_body(raw: RawArticle) -> bool:
    """A fallback body is kept only if it is more than the headline and byline again."""
    words = sum(len(text.split()) for _, text in raw.blocks if raw.title not in text)
    return words >= FALLBACK_MIN_WORDS


def extract_article(
    url: str, html: str | bytes, content_type: str | None = None, now: datetime | None = None
) -> ArticleItem:
    """One fetched page -> one clean article, or :class:`NotAnArticle`.

    A page that parses but has no usable title, body or date also raises
    ``NotAnArticle`` (reason ``invalid``), so callers handle one exception.
    """
    raw = extract_raw(url, html, content_type)
    try:
        return clean_article(raw, now=now)
    except InvalidArticle as exc:
        raise NotAnArticle("invalid", str(exc)) from exc
