"""bandera.inquirer.net (Filipino tabloid), read like a field table.

Selectors from docs/inquirer-site.md §2 "Other subdomains":
``#landing-headline h1``; ``#m-pd2 span`` printing ``Name - Month DD, YYYY -
HH:MM AM`` (Filipino or English month); the body in ``#article-content-wrap
#article-content``, which the 2026 template repeats three times (skeletons,
print copies, next-article templates): the first *visible* one with text wins.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.pages.base import css
from crawler.pages.subdomain import SubdomainPage


class InquirerBanderaPage(SubdomainPage):
    """``#landing-headline``, ``#m-pd2``, ``#landing-img``, ``#article-content``, ``#art-tags``."""

    layout: ClassVar[str] = "inquirer-bandera"
    language: ClassVar[str] = "tl"
    SUBDOMAIN: ClassVar[str] = "bandera"
    SITE_NAMES: ClassVar[tuple[str, ...]] = ("bandera",)
    MARKERS: ClassVar[re.Pattern[str]] = re.compile(
        r"id=[\"'](?:m-pd2|article-content-wrap|article-content)[\"']"
    )
    PREFILTER: ClassVar[tuple[str, ...]] = ("m-pd2", "article-content")
    TITLE_SUFFIX: ClassVar[re.Pattern[str]] = re.compile(
        r"\s+[|\-–—]\s*(?:Inquirer )?Bandera\s*$", re.I
    )

    _headline_selector = css("#landing-headline h1, h1.entry-title")
    _author_selector = css("#m-pd2 a[href*='/byline/']")
    _meta_items_selector = css("#m-pd2 span")
    _section_selector = css("#lh-cat a, #landing-headline a[href*='/category/']")
    _tags_selector = css("#art-tags a, #article_tags a, .tags-box a[rel='tag']")
    _body_selectors = (
        css("#article-content-wrap #article-content"),
        css("#article-content"),
        css("#TO_target_content"),
    )
    _featured_selector = css("#landing-img")
