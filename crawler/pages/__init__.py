"""Page objects: ``(url, html)`` -> a cleaned :class:`~crawler.items.ArticleItem`.

``extract_article`` picks the layout (Inquirer templates first, the generic
trafilatura page for anything else) and runs the cleaning stages.
"""

from __future__ import annotations

from datetime import datetime

from crawler.cleaning.stages import InvalidArticle, clean_article
from crawler.items import ArticleItem, RawArticle
from crawler.pages.base import ArticlePage, NotAnArticle, text_content
from crawler.pages.body import is_insert_label
from crawler.pages.generic import GenericPage
from crawler.pages.limits import page_cost_refusal
from crawler.pages.registry import select_page

__all__ = ["ArticlePage", "NotAnArticle", "extract_article", "extract_raw", "select_page"]


def extract_raw(
    url: str, html: str | bytes, content_type: str | None = None, now: datetime | None = None
) -> RawArticle:
    """The raw article of a page (no cleaning); raises :class:`NotAnArticle`. ``now`` is the
    crawl's clock (crawler/clock.py): no date search looks past it.

    When an Inquirer layout (any of them, AMP and live blogs included) recognises the
    page but finds no body (its markup drifted), only the BODY comes from the generic
    trafilatura page: title, byline, dates, tags and section keep their layout sources;
    ``extraction_method`` then says ``<layout>+trafilatura`` and ``field_sources["body"]``
    says ``generic``. Only when the layout cannot read the page even so (no headline by
    any of its sources, or a generic body too short on its own) is the whole generic page
    used, and then every field says ``generic``.
    """
    page = select_page(url, html, content_type)
    page.now = now
    if not isinstance(page, GenericPage):
        page.body_fallback = generic_body
    try:
        raw = page.to_raw()
    except NotAnArticle as exc:
        if exc.reason != "no_body" or isinstance(page, GenericPage):
            raise
        try:
            raw = _generic(page).to_raw()
        except NotAnArticle:
            raise exc from None
        if not _looks_like_a_body(raw):
            raise exc from None
        # the whole page from the generic extractor: every field says so
        raw.extraction_method = f"{page.extraction_method}+trafilatura"
        for name in ("body", *LAYOUT_FIELDS):
            raw.field_sources.setdefault(name, "generic")
        return raw

    if not isinstance(page, GenericPage):
        for name in ("body", *LAYOUT_FIELDS):  # layouts that record no finer source
            raw.field_sources.setdefault(name, "layout")
    return raw


def _generic(page: ArticlePage) -> GenericPage:
    """The generic page of a page a layout recognised, on the same clock."""
    generic = GenericPage(page.url, page.html, utf8=page.utf8)
    generic.now = page.now
    return generic


FALLBACK_MIN_WORDS = 40
#: The fields a layout reads (besides the body) whose source is recorded.
LAYOUT_FIELDS = ("title", "authors", "section", "tags", "published_at", "updated_at")


def generic_body(page: ArticlePage) -> list[tuple[str, str]]:
    """The body blocks the generic extractor finds on ``page``, if they look like a body."""
    try:
        raw = _generic(page).to_raw()
    except NotAnArticle:
        return []
    if not _looks_like_a_body(raw):
        return []
    blocks = list(raw.blocks)
    while blocks and blocks[0][1].strip() in raw.title:  # the headline again, above the story
        blocks.pop(0)
    # The generic text has no links: an insert label, and a line that is the text of a link
    # to another Inquirer page, are known from the page itself (a label left alone would
    # read as the end of the story to the cleaning stage).
    linked = {
        text_content(a)
        for a in page.tree.iter("a")
        if ".inquirer.net/" in (a.get("href") or "") and len(text_content(a)) > 15
    }
    return [
        (kind, text)
        for kind, text in blocks
        if not is_insert_label(text.strip()) and text.strip().lstrip("-•* ") not in linked
    ]


def _looks_like_a_body(raw: RawArticle) -> bool:
    """A fallback body is kept only if it is more than the headline and byline again."""
    words = sum(len(text.split()) for _, text in raw.blocks if raw.title not in text)
    return words >= FALLBACK_MIN_WORDS


def extract_article(
    url: str,
    html: str | bytes,
    content_type: str | None = None,
    now: datetime | None = None,
    *,
    limits: bool = True,
) -> ArticleItem:
    """One fetched page -> one clean article, or :class:`NotAnArticle`.

    A page that parses but has no usable title, body or date also raises
    ``NotAnArticle`` (reason ``invalid``), so callers handle one exception. A page too big
    or with too many paragraphs to be an article is refused before it is parsed (reasons
    ``page_too_large``, ``too_many_paragraphs``; crawler/pages/limits.py); ``limits=False``
    turns that off (the tests of what lies beneath: parser, budget).
    """
    refusal = page_cost_refusal(html) if limits else None  # limits before work
    if refusal is not None:
        raise NotAnArticle(*refusal)
    raw = extract_raw(url, html, content_type, now=now)
    try:
        return clean_article(raw, now=now)
    except InvalidArticle as exc:
        raise NotAnArticle("invalid", str(exc)) from exc
