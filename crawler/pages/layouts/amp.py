"""AMP pages (``/<id>/<slug>/amp``): the WordPress AMP template of the default layout.

Their canonical link points at the regular article, so both share one row.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.pages.base import ArticlePage, css, text_content
from crawler.pages.fields import (
    Body,
    DateField,
    Field,
    ListField,
    fields,
    first_text,
    html_title,
    images_of,
    json_ld,
    json_ld_authors,
    json_ld_keywords,
    meta,
    meta_values,
    strip_title_suffix,
    texts,
)
from crawler.pages.layouts.default import InquirerDefaultPage, figure_images

# ``<html amp ...>`` / ``<html ⚡ ...>``, whatever the whitespace and attribute order
_AMP_HTML = re.compile(r"<html\b[^>]*?\s(?:amp|⚡)(?:\s|=|>)", re.I)
_TIME = css(".amp-wp-posted-on time, time[datetime]")


def printed_time(page: ArticlePage) -> str | None:
    """The text of the first ``<time>`` of the post meta."""
    return next((text_content(t) for t in page.select(_TIME)), None)


def time_attribute(page: ArticlePage) -> str | None:
    """The ``datetime`` attribute of that ``<time>``."""
    return next((t.get("datetime") for t in page.select(_TIME)), None)


class InquirerAmpPage(InquirerDefaultPage):
    """``<html amp>`` / ``article.amp-wp-article`` with ``.amp-wp-article-content``."""

    layout: ClassVar[str] = "inquirer-amp"

    FIELDS = fields(
        Field(
            "title",
            (
                ("layout", first_text("h1.amp-wp-title, article h1")),
                ("json-ld", json_ld("headline")),
                ("meta", meta("og:title")),
                ("title-tag", html_title),
            ),
            record="title",
            clean=strip_title_suffix,
        ),
        Field(
            "byline_raw",
            (
                ("layout", first_text(".amp-wp-byline .amp-wp-author, .amp-wp-byline")),
                ("json-ld", json_ld_authors(people_only=True)),
            ),
            record="authors",
        ),
        DateField(
            "published_raw",
            (
                ("date-line", printed_time),
                ("layout", time_attribute),
                ("json-ld", json_ld("datePublished")),
                ("meta", meta("article:published_time")),
            ),
        ),
        Field(
            "section",
            (
                ("layout", first_text(".amp-wp-tax-category a")),
                ("meta", meta("article:section")),
                ("json-ld", json_ld("articleSection")),
            ),
            record="section",
        ),
        ListField(
            "tags",
            (
                ("layout", texts(".amp-wp-tax-tag a")),
                ("meta", meta_values("article:tag")),
                ("json-ld", json_ld_keywords),
            ),
            record="tags",
        ),
        images_of(figure_images),
    )
    BODY = Body((".amp-wp-article-content",))

    @classmethod
    def matches(cls, html: str) -> bool:
        if "amp-wp-article" not in html:
            return False
        return bool(_AMP_HTML.search(html, 0, 3000))
