"""pop.inquirer.net (POP!): a Bootstrap theme, read like a field table.

Selectors from docs/inquirer-site.md §2 "Other subdomains":
``div.single-post-banner-inner > h1``, ``ul.blog-meta-list a[href*='/byline/']``,
the date in ``ul.blog-meta-list li.dot-shape a`` (``"5 March, 2024"``, no time),
the body in ``div#TO_target_content`` and tags in ``div.tags-box span.tags-links a``.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.pages.base import css
from crawler.pages.subdomain import SubdomainPage


class InquirerPopPage(SubdomainPage):
    """Banner (category badge, h1, meta list), thumbnail, ``#TO_target_content``, tags box.

    The visible date has no time: the machine-readable time is preferred when
    the page has one (see :func:`crawler.cleaning.layouts.order_date_texts`).
    """

    layout: ClassVar[str] = "inquirer-pop"
    SUBDOMAIN: ClassVar[str] = "pop"
    SITE_NAMES: ClassVar[tuple[str, ...]] = ("pop!", "inquirer pop")
    MARKERS: ClassVar[re.Pattern[str]] = re.compile(
        r"single-post-banner-inner|class=[\"'][^\"']*\bsingle-post-content\b"
    )
    PREFILTER: ClassVar[tuple[str, ...]] = ("single-post-",)
    TITLE_SUFFIX: ClassVar[re.Pattern[str]] = re.compile(
        r"\s+[|\-–—]\s*(?:Inquirer POP!?|POP!?(?: Inquirer)?)\s*$", re.I
    )

    _headline_selector = css(".single-post-banner-inner > h1, .single-post-banner h1")
    _author_selector = css("ul.blog-meta-list a[href*='/byline/']")
    _meta_items_selector = css("ul.blog-meta-list > li")
    _section_selector = css(".single-post-cat a, .single-post-banner a.cat-badge")
    _tags_selector = css(".tags-box .tags-links a, .tags-box a[rel='tag']")
    _body_selectors = (
        css("#TO_target_content"),
        css(".single-post-content"),
        css(".single-post-body .entry-content"),
    )
    _featured_selector = css(".single-post-thumb")
