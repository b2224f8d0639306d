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
from crawler.pages.fields import (
    Body,
    Field,
    ListField,
    PrintedDateField,
    fields,
    first_text,
    html_title,
    images_of,
    joined_texts,
    json_ld,
    json_ld_authors,
    json_ld_first,
    meta,
    texts,
)
from crawler.pages.subdomain import (
    SubdomainPage,
    featured_images,
    meta_item_dates,
    meta_item_name,
    without_suffix,
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
        Field(
            "title",
            (
                ("layout", first_text(".single-post-banner-inner > h1, .single-post-banner h1")),
                ("json-ld", json_ld("headline")),
                ("meta", meta("og:title")),
                ("title-tag", html_title),
            ),
            record="title",
            clean=without_suffix(
                re.compile(r"\s+[|\-–—]\s*(?:Inquirer POP!?|POP!?(?: Inquirer)?)\s*$", re.I)
            ),
        ),
        Field(
            "byline_raw",
            (
                ("layout", joined_texts("ul.blog-meta-list a[href*='/byline/']")),
                ("layout", meta_item_name(_ITEMS)),
                ("json-ld", json_ld_authors(people_only=False)),
            ),
            record="authors",
        ),
        PrintedDateField(
            "published_raw",
            (
                ("date-line", meta_item_dates(_ITEMS)),
                ("json-ld", json_ld("datePublished")),
                ("meta", meta("article:published_time")),
            ),
        ),
        Field(
            "section",
            (
                ("layout", first_text(".single-post-cat a, .single-post-banner a.cat-badge")),
                ("meta", meta("article:section")),
                ("json-ld", json_ld_first("articleSection")),
            ),
            record="section",
        ),
        ListField(
            "tags",
            (("layout", texts(".tags-box .tags-links a, .tags-box a[rel='tag']")),),
            record="tags",
        ),
        images_of(featured_images(".single-post-thumb")),
    )
    BODY = Body(
        ("#TO_target_content", ".single-post-content", ".single-post-body .entry-content"),
        visible_first=True,
        drop=EMBEDS,
    )
