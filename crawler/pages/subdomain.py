"""What the subdomain templates (lifestyle, pop, bandera, cebudailynews) share.

:class:`SubdomainPage` reads one field per method off selectors that each
layout declares as class constants; a layout module is then little more than
its field table (see ``lifestyle.py``, ``pop.py``, ``bandera.py``,
``cebudailynews.py``); the DOM helpers live in ``dom.py``.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, ClassVar

from lxml.etree import _Element

from crawler.cleaning.layouts import order_date_texts, split_byline_date
from crawler.cleaning.text import normalize_whitespace
from crawler.items import ImageItem, LazyTexts, RawArticle
from crawler.pages.base import ArticlePage, css, text_content
from crawler.pages.body import collect_blocks
from crawler.pages.detect import check_page
from crawler.pages.dom import EMBEDS, collect_images, head_identity, is_hidden, pruned
from crawler.pages.inquirer import strip_title_suffix
from crawler.pages.select import Selector


class SubdomainPage(ArticlePage):
    """A subdomain template read as a field table; layouts fill the class constants."""

    version: ClassVar[str] = "v1"
    language: ClassVar[str] = "en"
    SUBDOMAIN: ClassVar[str] = ""
    SITE_NAMES: ClassVar[tuple[str, ...]] = ()
    MARKERS: ClassVar[re.Pattern[str]] = re.compile(r"(?!)")
    # Literal substrings one of which every MARKERS match contains: a str.find costs a few
    # microseconds where a regex scan of the page costs ~0.1 ms.
    PREFILTER: ClassVar[tuple[str, ...]] = ()
    TITLE_SUFFIX: ClassVar[re.Pattern[str]] = re.compile(r"(?!)")

    _headline_selector: ClassVar[Selector] = css("h1")
    _subtitle_selector: ClassVar[Selector | None] = None
    _author_selector: ClassVar[Selector] = css("a[href*='/byline/']")
    _meta_items_selector: ClassVar[Selector | None] = None
    _section_selector: ClassVar[Selector] = css("a[rel='category tag']")
    _tags_selector: ClassVar[Selector] = css("a[rel='tag']")
    _body_selectors: ClassVar[tuple[Selector, ...]] = (css(".entry-content"),)
    _featured_selector: ClassVar[Selector] = css(".post-thumbnail")
    _drop_selector: ClassVar[Selector] = css(EMBEDS)

    @classmethod
    def matches(cls, html: str) -> bool:
        """The template's markup AND the subdomain's identity (canonical host or site name)."""
        if cls.PREFILTER and not any(literal in html for literal in cls.PREFILTER):
            return False
        hosts, names = head_identity(html)  # cached per page: computed once for all layouts
        if f"{cls.SUBDOMAIN}.inquirer.net" not in hosts and not any(
            wanted in name for wanted in cls.SITE_NAMES for name in names
        ):
            return False
        return bool(cls.MARKERS.search(html))

    def to_raw(self) -> RawArticle:
        check_page(self.url, self.html, self.page_source)
        blocks, method = self.body_with_fallback(self.blocks(), self.body_root())
        title = self.title()
        self.require_headline_and_body(title, blocks)
        return RawArticle(
            url=self.url,
            canonical_url=self.canonical_url(),
            title=title,
            blocks=blocks,
            extraction_method=method,
            field_sources=self.field_sources,
            problems=self.problems,
            section=self.section(),
            subtitle=self.subtitle(),
            byline_raw=self.byline(),
            published_raw=self.published_texts(),
            updated_raw=self.updated_texts(),
            tags=self.tags(),
            images=self.images(),
            language=self.language,
        )

    # --- one method per field --------------------------------------------
    def title(self) -> str | None:
        """The printed headline; else JSON-LD, og:title or <title> without the site suffix."""
        shown = self.from_sources(
            "title", ("layout", lambda: self.first_text(self._headline_selector))
        )
        if shown:
            return shown
        text = self.from_sources(
            "title",
            ("json-ld", lambda: self.ld_text("headline")),
            ("meta", lambda: self.meta("og:title")),
            ("title-tag", self.html_title),
        )
        return self.TITLE_SUFFIX.sub("", strip_title_suffix(text or "")).strip() or None

    def subtitle(self) -> str | None:
        return self.first_text(self._subtitle_selector) if self._subtitle_selector else None

    def meta_items(self) -> list[tuple[str | None, str | None]]:
        """``(name, date)`` of each byline/date item (``"Name - November 25, 2026 - 10:00 AM"``)."""
        if self._meta_items_selector is None:
            return []
        return [
            split_byline_date(text_content(el)) for el in self.select(self._meta_items_selector)
        ]

    def byline(self) -> str | None:
        return self.from_sources(
            "authors",
            ("layout", self._author_links),
            ("layout", lambda: next((name for name, _ in self.meta_items() if name), None)),
            ("json-ld", self.ld_authors),
        )

    def _author_links(self) -> str | None:
        names = [t for t in (text_content(a) for a in self.select(self._author_selector)) if t]
        return ", ".join(dict.fromkeys(names)) or None

    def ld_authors(self) -> str | None:
        author: Any = self.ld_article.get("author")
        items = author if isinstance(author, list) else [author]
        names = [a.get("name") if isinstance(a, dict) else a for a in items]
        return ", ".join(n.strip() for n in names if isinstance(n, str) and n.strip()) or None

    def shown_published(self) -> list[str]:
        """The visible publication date text(s), as printed."""
        return [date for _, date in self.meta_items() if date][:1]

    def published_texts(self) -> LazyTexts:
        """The printed date and the machine dates in the order :func:`order_date_texts`
        tries them, each named by its source."""
        shown = self.shown_published()
        ld, meta = self.ld_text("datePublished"), self.meta("article:published_time")
        origin = {normalize_whitespace(t): "date-line" for t in shown}
        origin.update((t.strip(), name) for name, t in (("meta", meta), ("json-ld", ld)) if t)
        return LazyTexts.named(
            *(
                (origin.get(text, "layout"), lambda text=text: text)
                for text in order_date_texts(shown, [ld, meta])
            )
        )

    def updated_texts(self) -> list[str]:
        return []

    def section(self) -> str | None:
        return self.from_sources(
            "section",
            ("layout", lambda: self.first_text(self._section_selector)),
            ("meta", lambda: self.meta("article:section")),
            ("json-ld", self._ld_section),
        )

    def _ld_section(self) -> str | None:
        ld = self.ld_article.get("articleSection")
        ld = ld[0] if isinstance(ld, list) and ld else ld
        return (ld.strip() if isinstance(ld, str) else None) or None

    def tags(self) -> list[str]:
        texts = (text_content(a) for a in self.select(self._tags_selector))
        tags = list(dict.fromkeys(t for t in texts if t))
        if tags:
            self.field_sources["tags"] = "layout"
        return tags

    def body_root(self) -> _Element | None:
        return self._body[0]

    @cached_property
    def _body(self) -> tuple[_Element | None, list[tuple[str, str]]]:
        """The first visible body container with text (hidden duplicates only as a last
        resort), and its blocks."""
        candidates = [n for s in self._body_selectors for n in self.select(s)]
        embeds = self.select(self._drop_selector)  # the page's embeds: most bodies hold none
        for node in sorted(candidates, key=is_hidden):  # stable sort: visible ones first
            holds_embeds = any(node in embed.iterancestors() for embed in embeds)
            blocks = collect_blocks(pruned(node, self._drop_selector) if holds_embeds else node)
            if blocks:
                return node, blocks
        return None, []

    def blocks(self) -> list[tuple[str, str]]:
        return list(self._body[1])

    def images(self) -> list[ImageItem]:
        return collect_images(self, list(self.select(self._featured_selector)), self.body_root())
