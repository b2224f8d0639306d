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
        Field(
            "title",
            (
                ("layout", first_text("#landing-headline h1, #art-hgroup h1")),
                ("json-ld", json_ld("headline")),
                ("meta", meta("og:title")),
                ("title-tag", html_title),
            ),
            record="title",
            clean=without_suffix(
                re.compile(r"\s+[|\-–—]\s*(?:Cebu Daily News|CDN Digital)\s*$", re.I)
            ),
        ),
        Field(
            "byline_raw",
            (
                (
                    "layout",
                    joined_texts(".art-byline a[href*='/byline/'], #m-pd2 a[href*='/byline/']"),
                ),
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
                (
                    "layout",
                    first_text("#art-bc a, #lh-kicker a, #landing-headline a[href*='/category/']"),
                ),
                ("meta", meta("article:section")),
                ("json-ld", json_ld_first("articleSection")),
            ),
            record="section",
        ),
        ListField("tags", (("layout", texts(".art-tags a, #article_tags a")),), record="tags"),
        images_of(featured_images("#landing-img")),
    )
    BODY = Body(("#article-content", "#TO_target_content"), visible_first=True, drop=EMBEDS)
