"""What the subdomain templates (lifestyle, pop, bandera, cebudailynews) share: how a page
shows which subdomain it is, and the readers their field tables name.

Each template is one file in ``crawler/pages/layouts/`` with its own field table.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.cleaning.layouts import split_byline_date
from crawler.items import ImageItem
from crawler.pages.base import css, text_content
from crawler.pages.dom import collect_images, head_identity
from crawler.pages.fields import (
    Field,
    LayoutPage,
    ListField,
    PrintedDateField,
    Reader,
    first_text,
    html_title,
    json_ld,
    json_ld_authors,
    json_ld_first,
    meta,
    strip_title_suffix,
    texts,
)
from crawler.site import Subdomain


class SubdomainPage(LayoutPage):
    """A subdomain theme: recognised by its markup AND the subdomain's identity."""

    SITE: ClassVar[Subdomain]
    MARKERS: ClassVar[re.Pattern[str]] = re.compile(r"(?!)")
    # Literal substrings one of which every MARKERS match contains (a quick first test).
    PREFILTER: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def matches(cls, html: str) -> bool:
        """The template's markup AND the subdomain's identity (canonical host or site name)."""
        if cls.PREFILTER and not any(literal in html for literal in cls.PREFILTER):
            return False
        hosts, names = head_identity(html)  # cached per page: computed once for all layouts
        if cls.SITE.host not in hosts and not any(
            wanted in name for wanted in cls.SITE.site_names for name in names
        ):
            return False
        return bool(cls.MARKERS.search(html))


# --- the rows every subdomain table has: the theme's own source first, then the same
# JSON-LD and <meta> fallbacks (declared once here; each layout file names its selectors)
def title_row(selector: str, suffix: re.Pattern[str]) -> Field:
    """The headline: the theme's selector, JSON-LD ``headline``, ``og:title``, ``<title>``;
    the site's and the theme's title suffix left out."""
    return Field(
        "title",
        (
            ("layout", first_text(selector)),
            ("json-ld", json_ld("headline")),
            ("meta", meta("og:title")),
            ("title-tag", html_title),
        ),
        record="title",
        clean=without_suffix(suffix),
    )


def byline_row(*layout: Reader) -> Field:
    """The byline: the theme's readers in order, then JSON-LD ``author``."""
    return Field(
        "byline_raw",
        (*(("layout", read) for read in layout), ("json-ld", json_ld_authors(people_only=False))),
        record="authors",
    )


def published_row(printed: Reader) -> PrintedDateField:
    """The publication date: the printed date, then JSON-LD and ``<meta>`` (the machine time
    first when the printed date has none)."""
    return PrintedDateField(
        "published_raw",
        (
            ("date-line", printed),
            ("json-ld", json_ld("datePublished")),
            ("meta", meta("article:published_time")),
        ),
    )


def section_row(selector: str) -> Field:
    """The section: the theme's category link, ``article:section``, JSON-LD
    ``articleSection``."""
    return Field(
        "section",
        (
            ("layout", first_text(selector)),
            ("meta", meta("article:section")),
            ("json-ld", json_ld_first("articleSection")),
        ),
        record="section",
    )


def tags_row(selector: str) -> ListField:
    """The tags: the theme's tag links."""
    return ListField("tags", (("layout", texts(selector)),), record="tags")


def without_suffix(suffix: re.Pattern[str]) -> Reader:
    """A title cleaner: the site's suffix and the theme's own (``" | Bandera"``) left out."""
    return lambda title: suffix.sub("", strip_title_suffix(title)).strip() or None


def meta_items(selector: str) -> Reader:
    """``(name, date)`` of each byline/date item (``"Name - November 25, 2026 - 10:00 AM"``)."""
    compiled = css(selector)
    return lambda page: [split_byline_date(text_content(el)) for el in page.select(compiled)]


def meta_item_name(selector: str) -> Reader:
    """The first name printed in the byline/date items."""
    items = meta_items(selector)
    return lambda page: next((name for name, _ in items(page) if name), None)


def meta_item_dates(selector: str) -> Reader:
    """The first date printed in the byline/date items, as a list of printed dates."""
    items = meta_items(selector)
    return lambda page: [date for _, date in items(page) if date][:1]


def featured_images(selector: str) -> Reader:
    """Images of the featured container(s) and of the body, in page order, with captions."""
    compiled = css(selector)

    def read(page: LayoutPage) -> list[ImageItem]:
        return collect_images(page, list(page.select(compiled)), page.body_root())

    return read
