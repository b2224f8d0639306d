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

_ITEMS = "#m-pd2 span"


class InquirerBanderaPage(SubdomainPage):
    """``#landing-headline``, ``#m-pd2``, ``#landing-img``, ``#article-content``, ``#art-tags``."""

    layout: ClassVar[str] = "inquirer-bandera"
    SITE = subdomain("bandera")
    language = SITE.language
    MARKERS = re.compile(r"id=[\"'](?:m-pd2|article-content-wrap|article-content)[\"']")
    PREFILTER = ("m-pd2", "article-content")

    FIELDS = fields(
        title_row(
            "#landing-headline h1, h1.entry-title",
            re.compile(r"\s+[|\-–—]\s*(?:Inquirer )?Bandera\s*$", re.I),
        ),
        byline_row(joined_texts("#m-pd2 a[href*='/byline/']"), meta_item_name(_ITEMS)),
        published_row(meta_item_dates(_ITEMS)),
        section_row("#lh-cat a, #landing-headline a[href*='/category/']"),
        tags_row("#art-tags a, #article_tags a, .tags-box a[rel='tag']"),
        images_of(featured_images("#landing-img")),
    )
    BODY = Body(
        ("#article-content-wrap #article-content", "#article-content", "#TO_target_content"),
        visible_first=True,
        drop=EMBEDS,
    )
