"""Inquirer live blogs: the default template's byline ids inside ``<article id="single_lb">``.

From docs/inquirer-site.md §2 "Live blogs" only the wrapper id is
known; the entry markup (``div.lb-entry`` > ``.lb-entry-time`` + ``.lb-entry-body``),
the deck ``h2.lb-deck`` and the ``div.lb-updated`` line are read as the fixture
corpus shows them, with the default template's fields (``#art_author``,
``#art_plat``, ``#bc-share``, ``#article_tags``) inherited.
"""

from __future__ import annotations

import re
from typing import ClassVar

from lxml.etree import _Element

from crawler.items import ImageItem, RawArticle
from crawler.pages.base import css, text_content
from crawler.pages.body import collect_blocks
from crawler.pages.detect import check_page
from crawler.pages.dom import EMBEDS, collect_images, pruned
from crawler.pages.inquirer import InquirerDefaultPage, split_platform_dates

_SINGLE_LB = re.compile(r"<article\b[^>]*\bid=[\"']single_lb[\"']", re.I)
_LIVE_LD = re.compile(r"[\"']@type[\"']\s*:\s*[\"']LiveBlogPosting[\"']")
_ENTRY = re.compile(r"class=[\"'][^\"']*\blb-entry\b|<body\b[^>]*class=[\"'][^\"']*\bliveblog\b")


class InquirerLiveBlogPage(InquirerDefaultPage):
    """Entries newest first; each adds its time line, its title and its paragraphs to the body."""

    layout: ClassVar[str] = "inquirer-liveblog"
    version: ClassVar[str] = "v1"

    _root_selector = css("article#single_lb")
    _entries_selector = css("#single_lb .lb-entry, .lb-entry")
    _entry_time_selector = css(".lb-entry-time")
    _entry_body_selector = css(".lb-entry-body")
    _entry_furniture = css(f".lb-entry-time, .lb-share, {EMBEDS}")
    _deck_selector = css("#single_lb .lb-deck, #lb-head h2")
    _updated_selector = css("#single_lb .lb-updated, .lb-updated")

    @classmethod
    def matches(cls, html: str) -> bool:
        """The ``single_lb`` wrapper, or LiveBlogPosting JSON-LD together with entry markup."""
        if "single_lb" in html and _SINGLE_LB.search(html):
            return True
        # substring tests first: Python's regex scan of a whole page costs ~0.1 ms each
        return "LiveBlogPosting" in html and bool(_LIVE_LD.search(html) and _ENTRY.search(html))

    def to_raw(self) -> RawArticle:
        check_page(self.url, self.html, self.page_source)
        blocks = self.blocks()
        title = self.title()
        self.require_headline_and_body(title, blocks)
        return RawArticle(
            url=self.url,
            canonical_url=self.canonical_url(),
            title=title,
            blocks=blocks,
            extraction_method=self.extraction_method,
            section=self.section(),
            subtitle=self.subtitle(),
            byline_raw=self.byline(),
            source_raw=self.source(),
            published_raw=self.published_texts(),
            updated_raw=self.updated_texts(),
            tags=self.tags(),
            images=self.images(),
            page_type="liveblog",
        )

    # --- fields that differ from the default template ----------------------
    def subtitle(self) -> str | None:
        return self.first_text(self._deck_selector)

    def updated_texts(self) -> list[str]:
        """``Updated as of:`` in ``#art_plat`` or ``.lb-updated``; machine values after."""
        shown = list(super().updated_texts())
        for node in self.select(self._updated_selector):  # the date, without its label
            text = text_content(node)
            shown += [split_platform_dates(text)[1] or text] if text else []
        if not shown:
            return []
        machine = [self.ld_text("dateModified"), self.meta("article:modified_time")]
        return list(dict.fromkeys(shown + [t for t in machine if t]))

    def body_root(self) -> _Element | None:
        for node in self.select(self._root_selector):
            return node
        return next(iter(self.select(self._entries_selector)), None)

    def blocks(self) -> list[tuple[str, str]]:
        """Entries in page order: time line (``"06:40 PM"``), then the entry's own blocks."""
        blocks: list[tuple[str, str]] = []
        for entry in self.select(self._entries_selector):
            stamp = next((text_content(t) for t in self._entry_time_selector(entry)), "")
            if stamp:
                blocks.append(("h", stamp))
            bodies = list(self._entry_body_selector(entry)) or [entry]
            for body in bodies:
                blocks.extend(collect_blocks(pruned(body, self._entry_furniture)))
        if not blocks:  # entry markup not recognised: the default template's body containers
            root = InquirerDefaultPage.body_root(self)
            blocks = collect_blocks(root) if root is not None else []
        return blocks

    def images(self) -> list[ImageItem]:
        return collect_images(self, [], self.body_root())
