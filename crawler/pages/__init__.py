"""Page objects: ``(url, html)`` -> a cleaned :class:`~crawler.items.ArticleItem`.

``extract_article`` picks the layout (Inquirer templates first, the generic
trafilatura page for anything else) and runs the cleaning stages.
"""

from __future__ import annotations

from datetime import datetime

from crawler.items import ArticleItem, RawArticle
from crawler.pages.base import ArticlePage, NotAnArticle
from crawler.pages.registry import select_page
from crawler.stages import InvalidArticle, clean_article

__all__ = ["ArticlePage", "NotAnArticle", "extract_article", "extract_raw", "select_page"]


def extract_raw(url: str, html: str | bytes, content_type: str | None = None) -> RawArticle:
    """The raw article of a page (no cleaning); raises :class:`NotAnArticle`."""
    return select_page(url, html, content_type).to_raw()


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
