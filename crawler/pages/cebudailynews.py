"""cebudailynews.inquirer.net (Cebu Daily News), read like a field table.

Selectors from docs/inquirer-site.md §2 "Other subdomains":
``#landing-headline h1`` or ``#art-hgroup h1``; the byline as ``#m-pd2 span``
(``By: Name``, then the date) or ``.art-byline a`` + ``.art-byline span``; dates
printed ``November 25,2026 - 10:00 AM`` (no space after the comma); the body in
``div#article-content``.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.pages.base import css
from crawler.pages.subdomain import SubdomainPage


class InquirerCdnPage(SubdomainPage):
    """Headline group, byline/date line, ``#landing-img``, ``#article-content``, tags."""

    layout: ClassVar[str] = "inquirer-cdn"
    SUBDOMAIN: ClassVar[str] = "cebudailynews"
    SITE_NAMES: ClassVar[tuple[str, ...]] = ("cebu daily news", "cdn digital")
    MARKERS: ClassVar[re.Pattern[str]] = re.compile(
        r"id=[\"'](?:art-hgroup|m-pd2|article-content)[\"']"
        r"|class=[\"']art-byline[\"']"
    )
    PREFILTER: ClassVar[tuple[str, ...]] = ("art-hgroup", "m-pd2", "article-content", "art-byline")
    TITLE_SUFFIX: ClassVar[re.Pattern[str]] = re.compile(
        r"\s+[|\-–—]\s*(?:Cebu Daily News|CDN Digital)\s*$", re.I
    )

    _headline_selector = css("#landing-headline h1, #art-hgroup h1")
    _author_selector = css(".art-byline a[href*='/byline/'], #m-pd2 a[href*='/byline/']")
    _meta_items_selector = css(".art-byline > span, #m-pd2 > span")
    _section_selector = css("#art-bc a, #lh-kicker a, #landing-headline a[href*='/category/']")
    _tags_selector = css(".art-tags a, #article_tags a")
    _body_selectors = (css("#article-content"), css("#TO_target_content"))
    _featured_selector = css("#landing-img")
