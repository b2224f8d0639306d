"""lifestyle.inquirer.net: an Elementor theme (Rank Math SEO).

``h1.elementor-heading-title``, the post-info widget's terms list for the authors, its
``--type-date`` + ``--type-time`` items for the date, and the ``theme-post-content``
widget for the body (docs/inquirer-site.md §2 "Other subdomains").
"""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.pages.base import ArticlePage, Selector, css, text_content
from crawler.pages.dom import EMBEDS, pruned
from crawler.pages.fields import Body, Field, fields, first_text, images_of, joined_texts
from crawler.pages.subdomain import (
    SubdomainPage,
    byline_row,
    featured_images,
    published_row,
    section_row,
    tags_row,
    title_row,
)
from crawler.site import subdomain

_DATE = css(".elementor-post-info__item--type-date")
_TIME = css(".elementor-post-info__item--type-time")
_ITEM_PREFIX = css(".elementor-post-info__item-prefix")


def _item_text(page: ArticlePage, selector: Selector) -> str | None:
    """An info item's text without its printed prefix (``"at "``, ``"By "``)."""
    for item in page.select(selector):
        text = text_content(pruned(item, _ITEM_PREFIX))
        if text:
            return text
    return None


def printed_date(page: ArticlePage) -> list[str]:
    """The date item and the time item, joined by one space (``"Nov 22, 2026 9:30 AM"``)."""
    date = _item_text(page, _DATE)
    if not date:
        return []
    time = _item_text(page, _TIME)
    return [f"{date} {time}" if time else date]


class InquirerLifestylePage(SubdomainPage):
    """Elementor single-post template: title, excerpt, post-info, featured image, content."""

    layout: ClassVar[str] = "inquirer-lifestyle"
    SITE = subdomain("lifestyle")
    language = SITE.language
    MARKERS = re.compile(r"elementor-widget-theme-post-content|theme-post-content\.default")
    PREFILTER = ("theme-post-content",)

    FIELDS = fields(
        title_row(
            ".elementor-widget-theme-post-title .elementor-heading-title, "
            "h1.elementor-heading-title",
            re.compile(r"\s+[|\-–—]\s*(?:Lifestyle\.INQ|Inquirer Lifestyle|Lifestyle)\s*$", re.I),
        ),
        Field("subtitle", (("layout", first_text(".elementor-widget-theme-post-excerpt")),)),
        # /byline/ links of a terms list (a second post-info widget lists the tags)
        byline_row(
            joined_texts(
                ".elementor-post-info__terms-list a[href*='/byline/'], "
                ".elementor-post-info a[rel='author']"
            )
        ),
        published_row(printed_date),
        section_row(
            ".elementor-widget-heading .elementor-heading-title "
            "a[href*='/category/'], .rank-math-breadcrumb a[href*='/category/'], "
            ".elementor-widget-breadcrumbs a[href*='/category/']"
        ),
        tags_row(".inq-tags-box a, .elementor-post-info__terms-list a[href*='/tag/']"),
        images_of(featured_images(".elementor-widget-theme-post-featured-image")),
    )
    BODY = Body(
        (
            ".elementor-widget-theme-post-content > .elementor-widget-container",
            ".elementor-widget-theme-post-content",
        ),
        visible_first=True,
        drop=EMBEDS,
    )
