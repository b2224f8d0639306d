"""bandera.inquirer.net (Filipino tabloid).

``#landing-headline h1``; ``#m-pd2 span`` printing ``Name - Month DD, YYYY - HH:MM AM``
(Filipino or English month); the body in ``#article-content-wrap #article-content``,
which the 2026 template repeats three times (skeletons, print copies, next-article
templates): the first *visible* one with text wins
(docs/inquirer-site.md §2 "Other subdomains").
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

_ITEMS = "#m-pd2 span"


class InquirerBanderaPage(SubdomainPage):
    """``#landing-headline``, ``#m-pd2``, ``#landing-img``, ``#article-content``, ``#art-tags``."""

    layout: ClassVar[str] = "inquirer-bandera"
    SITE = subdomain("bandera")
    language = SITE.language
    MARKERS = re.compile(r"id=[\"'](?:m-pd2|article-content-wrap|article-content)[\"']")
    PREFILTER = ("m-pd2", "article-content")

    FIELDS = fields(
        Field(
            "title",
            (
                ("layout", first_text("#landing-headline h1, h1.entry-title")),
                ("json-ld", json_ld("headline")),
                ("meta", meta("og:title")),
                ("title-tag", html_title),
            ),
            record="title",
            clean=without_suffix(re.compile(r"\s+[|\-–—]\s*(?:Inquirer )?Bandera\s*$", re.I)),
        ),
        Field(
            "byline_raw",
            (
                ("layout", joined_texts("#m-pd2 a[href*='/byline/']")),
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
                ("layout", first_text("#lh-cat a, #landing-headline a[href*='/category/']")),
                ("meta", meta("article:section")),
                ("json-ld", json_ld_first("articleSection")),
            ),
            record="section",
        ),
        ListField(
            "tags",
            (("layout", texts("#art-tags a, #article_tags a, .tags-box a[rel='tag']")),),
            record="tags",
        ),
        images_of(featured_images("#landing-img")),
    )
    BODY = Body(
        ("#article-content-wrap #article-content", "#article-content", "#TO_target_content"),
        visible_first=True,
        drop=EMBEDS,
    )
