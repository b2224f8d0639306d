"""AMP pages (``/<id>/<slug>/amp``): the WordPress AMP template of the default layout.

Their canonical link points at the regular article, so both share one row.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.items import LazyTexts, RawArticle
from crawler.pages.base import css, text_content
from crawler.pages.detect import check_page
from crawler.pages.inquirer import InquirerDefaultPage, strip_title_suffix

# ``<html amp ...>`` / ``<html ⚡ ...>``, whatever the whitespace and attribute order
_AMP_HTML = re.compile(r"<html\b[^>]*?\s(?:amp|⚡)(?:\s|=|>)", re.I)


class InquirerAmpPage(InquirerDefaultPage):
    """``<html amp>`` / ``article.amp-wp-article`` with ``.amp-wp-article-content``."""

    layout: ClassVar[str] = "inquirer-amp"
    version: ClassVar[str] = "v1"

    _title_selector_h1 = css("h1.amp-wp-title, article h1")
    _author_selector = css(".amp-wp-byline .amp-wp-author, .amp-wp-byline")
    _time_selector = css(".amp-wp-posted-on time, time[datetime]")
    _body_selectors = (css(".amp-wp-article-content"),)
    _section_link_selector = css(".amp-wp-tax-category a")
    _tags_selector = css(".amp-wp-tax-tag a")
    _figure_selector = css("figure, div.wp-caption")

    @classmethod
    def matches(cls, html: str) -> bool:
        if "amp-wp-article" not in html:  # a substring scan first: most pages stop here
            return False
        return bool(_AMP_HTML.search(html, 0, 3000))

    def to_raw(self) -> RawArticle:
        check_page(self.url, self.html, self.page_source)
        title, blocks = self.title(), self.blocks()
        self.require_headline_and_body(title, blocks)
        return RawArticle(
            url=self.url,
            canonical_url=self.canonical_url(),
            title=title,
            blocks=blocks,
            extraction_method=self.extraction_method,
            section=self.section(),
            byline_raw=self.byline(),
            source_raw=None,
            published_raw=self.published_texts(),
            updated_raw=[],
            tags=self.tags(),
            images=self.images(),
        )

    def title(self) -> str | None:
        text = self.first_text(self._title_selector_h1) or self.ld_text("headline")
        return strip_title_suffix(text) if text else None

    def byline(self) -> str | None:
        return self.first_text(self._author_selector)

    def published_texts(self) -> LazyTexts:
        """The printed ``<time>``, its ``datetime``, then JSON-LD (read only if asked for)."""
        times = self.select(self._time_selector)[:1]
        return LazyTexts(
            lambda: text_content(times[0]) if times else None,
            lambda: times[0].get("datetime") if times else None,
            lambda: self.ld_text("datePublished"),
        )

    def section(self) -> str | None:
        return self.first_text(self._section_link_selector) or self.ld_text("articleSection")
