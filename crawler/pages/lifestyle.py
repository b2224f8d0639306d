"""lifestyle.inquirer.net: an Elementor theme (Rank Math SEO), read like a field table.

Selectors from docs/inquirer-site.md §2 "Other subdomains":
``h1.elementor-heading-title``, the post-info widget's terms list for the
authors, its ``--type-date`` + ``--type-time`` items for the date, and the
``theme-post-content`` widget for the body.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.pages.base import css, text_content
from crawler.pages.dom import pruned
from crawler.pages.select import Selector
from crawler.pages.subdomain import SubdomainPage


class InquirerLifestylePage(SubdomainPage):
    """Elementor single-post template: title, excerpt, post-info, featured image, content."""

    layout: ClassVar[str] = "inquirer-lifestyle"
    SUBDOMAIN: ClassVar[str] = "lifestyle"
    SITE_NAMES: ClassVar[tuple[str, ...]] = ("lifestyle",)
    MARKERS: ClassVar[re.Pattern[str]] = re.compile(
        r"elementor-widget-theme-post-content|theme-post-content\.default"
    )
    PREFILTER: ClassVar[tuple[str, ...]] = ("theme-post-content",)
    TITLE_SUFFIX: ClassVar[re.Pattern[str]] = re.compile(
        r"\s+[|\-–—]\s*(?:Lifestyle\.INQ|Inquirer Lifestyle|Lifestyle)\s*$", re.I
    )

    _headline_selector = css(
        ".elementor-widget-theme-post-title .elementor-heading-title, h1.elementor-heading-title"
    )
    _subtitle_selector = css(".elementor-widget-theme-post-excerpt")
    # Authors: /byline/ links of a terms list (a second post-info widget lists the tags).
    _author_selector = css(
        ".elementor-post-info__terms-list a[href*='/byline/'], .elementor-post-info a[rel='author']"
    )
    _date_selector = css(".elementor-post-info__item--type-date")
    _time_selector = css(".elementor-post-info__item--type-time")
    _item_prefix_selector = css(".elementor-post-info__item-prefix")
    _section_selector = css(
        ".elementor-widget-heading .elementor-heading-title a[href*='/category/'], "
        ".rank-math-breadcrumb a[href*='/category/'], .elementor-widget-breadcrumbs "
        "a[href*='/category/']"
    )
    _tags_selector = css(".inq-tags-box a, .elementor-post-info__terms-list a[href*='/tag/']")
    _body_selectors = (
        css(".elementor-widget-theme-post-content > .elementor-widget-container"),
        css(".elementor-widget-theme-post-content"),
    )
    _featured_selector = css(".elementor-widget-theme-post-featured-image")

    def _item_text(self, selector: Selector) -> str | None:
        """An info item's text without its printed prefix (``"at "``, ``"By "``)."""
        for item in self.select(selector):
            text = text_content(pruned(item, self._item_prefix_selector))
            if text:
                return text
        return None

    def shown_published(self) -> list[str]:
        """The date item and the time item, joined by one space (``"Nov 22, 2026 9:30 AM"``)."""
        date = self._item_text(self._date_selector)
        if not date:
            return []
        time = self._item_text(self._time_selector)
        return [f"{date} {time}" if time else date]
