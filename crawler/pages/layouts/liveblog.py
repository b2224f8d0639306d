"""Inquirer live blogs: the default template's byline ids inside ``<article id="single_lb">``.

From docs/inquirer-site.md §2 "Live blogs" only the wrapper id is known;
the entry markup (``div.lb-entry`` > ``.lb-entry-time`` + ``.lb-entry-body``), the deck
``h2.lb-deck`` and the ``div.lb-updated`` line are read as the fixture corpus shows them.
The other fields are the default template's (``#art_author``, ``#art_plat``,
``#bc-share``, ``#article_tags``).
"""

from __future__ import annotations

import re
from typing import ClassVar

from lxml.etree import _Element

from crawler.items import ImageItem
from crawler.pages.base import ArticlePage, css, text_content
from crawler.pages.body import collect_blocks
from crawler.pages.dom import EMBEDS, collect_images, pruned
from crawler.pages.fields import (
    DateField,
    Field,
    LayoutPage,
    Reader,
    first_text,
    images_of,
    json_ld,
    meta,
    replacing,
    texts,
)
from crawler.pages.layouts.default import InquirerDefaultPage, platform_date, split_platform_dates

_SINGLE_LB = re.compile(r"<article\b[^>]*\bid=[\"']single_lb[\"']", re.I)
_LIVE_LD = re.compile(r"[\"']@type[\"']\s*:\s*[\"']LiveBlogPosting[\"']")
_ENTRY = re.compile(r"class=[\"'][^\"']*\blb-entry\b|<body\b[^>]*class=[\"'][^\"']*\bliveblog\b")
_ROOT = css("article#single_lb")
_ENTRIES = css("#single_lb .lb-entry, .lb-entry")
_ENTRY_TIME = css(".lb-entry-time")
_ENTRY_BODY = css(".lb-entry-body")
_ENTRY_FURNITURE = css(f".lb-entry-time, .lb-share, {EMBEDS}")
_UPDATED = "#single_lb .lb-updated, .lb-updated"
_UPDATE_LINES = texts(_UPDATED)
_UPDATED_CSS = css(_UPDATED)


def shown_update(page: ArticlePage) -> bool:
    """True if the page prints an update line (``#art_plat`` or ``.lb-updated``)."""
    return bool(platform_date(1)(page) or _UPDATE_LINES(page))


def update_line(page: ArticlePage) -> str | None:
    """The ``.lb-updated`` line's date, without its ``Updated as of:`` label (as ``#art_plat``
    gives it)."""
    text = page.first_text(_UPDATED_CSS)
    return (split_platform_dates(text)[1] or text) if text else None


def if_update_shown(reader: Reader) -> Reader:
    """A machine update date, read only when the page prints an update line: a
    ``dateModified`` alone is no update shown."""
    return lambda page: reader(page) if shown_update(page) else None


def entry_images(page: LayoutPage) -> list[ImageItem]:
    """Photos of the live blog's root (its entries), with their captions."""
    return collect_images(page, [], page.body_root())


class InquirerLiveBlogPage(InquirerDefaultPage):
    """Entries newest first; each adds its time line, its title and its paragraphs to the body."""

    layout: ClassVar[str] = "inquirer-liveblog"
    page_type: ClassVar[str] = "liveblog"

    FIELDS = replacing(
        InquirerDefaultPage.FIELDS,
        Field("subtitle", (("layout", first_text("#single_lb .lb-deck, #lb-head h2")),)),
        DateField(
            "updated_raw",
            (
                ("date-line", platform_date(1)),
                ("date-line", update_line),
                ("json-ld", if_update_shown(json_ld("dateModified"))),
                ("meta", if_update_shown(meta("article:modified_time"))),
            ),
        ),
        images_of(entry_images),
    )

    @classmethod
    def matches(cls, html: str) -> bool:
        """The ``single_lb`` wrapper, or LiveBlogPosting JSON-LD together with entry markup."""
        if "single_lb" in html and _SINGLE_LB.search(html):
            return True
        return "LiveBlogPosting" in html and bool(_LIVE_LD.search(html) and _ENTRY.search(html))

    def page_type_of(self, values: dict[str, object]) -> str:
        return self.page_type

    def body_root(self) -> _Element | None:
        for node in self.select(_ROOT):
            return node
        return next(iter(self.select(_ENTRIES)), None)

    def loss_check_root(self) -> _Element | None:
        """None: the live blog's root also holds its header, so no silent-loss check."""
        return None

    def blocks(self) -> list[tuple[str, str]]:
        """Entries in page order: time line (``"06:40 PM"``), then the entry's own blocks;
        without entry markup, the default template's body containers."""
        blocks: list[tuple[str, str]] = []
        for entry in self.select(_ENTRIES):
            stamp = next((text_content(t) for t in _ENTRY_TIME(entry)), "")
            if stamp:
                blocks.append(("h", stamp))
            for body in list(_ENTRY_BODY(entry)) or [entry]:
                blocks.extend(collect_blocks(pruned(body, _ENTRY_FURNITURE)))
        return blocks or InquirerDefaultPage.blocks(self)
