"""pop.inquirer.net (POP!): a Bootstrap theme.

``div.single-post-banner-inner > h1``, ``ul.blog-meta-list a[href*='/byline/']``, the
date in ``ul.blog-meta-list li.dot-shape a`` (``"5 March, 2024"``, no time), the body in
``div#TO_target_content`` and tags in ``div.tags-box span.tags-links a``
(docs/inquirer-site.md §2 "Other subdomains"). The printed date has no
time: the machine-readable time comes first when the page has one.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.pages.dom import EMBEDS
from crawler.pages.fields import Body, fields, images_of, joined_texts
from crawler.pages.subdomain import (
    SubdomainPage,
    byline_row,
    featured_images,
    meta_item_dates,
    meta_item_name,
    published_row,
    section_row,
    tags_row,
    title_row,
)
from crawler.site import subdomain

_ITEMS = "ul.blog-meta-list > li"


class InquirerPopPage(SubdomainPage):
    """Banner (category badge, h1, meta list), thumbnail, ``#TO_target_content``, tags box."""

    layout: ClassVar[str] = "inquirer-pop"
    SITE = subdomain("pop")
    language = SITE.language
    MARKERS = re.compile(r"single-post-banner-inner|class=[\"'][^\"']*\bsingle-post-content\b")
    PREFILTER = ("single-post-",)

    FIELDS = fields(
        title_row(
            ".single-post-banner-inner > h1, .single-post-banner h1",
            re.compile(r"\s+[|\-–—]\s*(?:Inquirer POP!?|POP!?(?: Inquirer)?)\s*$", re.I),
        ),
        byline_row(joined_texts("ul.blog-meta-list a[href*='/byline/']"), meta_item_name(_ITEMS)),
        published_row(meta_item_dates(_ITEMS)),
        section_row(".single-post-cat a, .single-post-banner a.cat-badge"),
        tags_row(".tags-box .tags-links a, .tags-box a[rel='tag']"),
        images_of(featured_images(".single-post-thumb")),
    )
    BODY = Body(
        ("#TO_target_content", ".single-post-content", ".single-post-body .entry-content"),
        visible_first=True,
        drop=EMBEDS,
    )
