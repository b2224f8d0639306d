"""cebudailynews.inquirer.net (Cebu Daily News).

``#landing-headline h1`` or ``#art-hgroup h1``; the byline as ``#m-pd2 span`` (``By:
Name``, then the date) or ``.art-byline a`` + ``.art-byline span``; dates printed
``November 25,2026 - 10:00 AM`` (no space after the comma); the body in
``div#article-content`` (docs/inquirer-site.md §2 "Other subdomains").
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

_ITEMS = ".art-byline > span, #m-pd2 > span"


class InquirerCdnPage(SubdomainPage):
    """Headline group, byline/date line, ``#landing-img``, ``#article-content``, tags."""

    layout: ClassVar[str] = "inquirer-cdn"
    SITE = subdomain("cebudailynews")
    language = SITE.language
    MARKERS = re.compile(
        r"id=[\"'](?:art-hgroup|m-pd2|article-content)[\"']|class=[\"']art-byline[\"']"
    )
    PREFILTER = ("art-hgroup", "m-pd2", "article-content", "art-byline")

    FIELDS = fields(
        title_row(
            "#landing-headline h1, #art-hgroup h1",
            re.compile(r"\s+[|\-–—]\s*(?:Cebu Daily News|CDN Digital)\s*$", re.I),
        ),
        byline_row(
            joined_texts(".art-byline a[href*='/byline/'], #m-pd2 a[href*='/byline/']"),
            meta_item_name(_ITEMS),
        ),
        published_row(meta_item_dates(_ITEMS)),
        section_row("#art-bc a, #lh-kicker a, #landing-headline a[href*='/category/']"),
        tags_row(".art-tags a, #article_tags a"),
        images_of(featured_images("#landing-img")),
    )
    BODY = Body(("#article-content", "#TO_target_content"), visible_first=True, drop=EMBEDS)
