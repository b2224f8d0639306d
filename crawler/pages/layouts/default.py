"""The default Inquirer article template (newsinfo, globalnation, business, sports,
entertainment, technology, opinion, usa).

``article#article_level_wrap``: the headline in ``#art-head-group h1``, the byline in
``#art_author``, the source and date line in ``#art_plat``, the breadcrumb in ``#bc-share``,
the body in ``#FOR_target_content`` and the tags in ``#article_tags``
(docs/inquirer-site.md §2). Each field is read from its sources in the
order of ``FIELDS``; the one that gave it is recorded in ``field_sources``.
"""

from __future__ import annotations

import re
from typing import ClassVar

from lxml.etree import _Element

from crawler.cleaning.captions import split_caption_credit
from crawler.cleaning.text import collapse_spaces
from crawler.items import ImageItem
from crawler.pages.base import ArticlePage, css, make_image, text_content
from crawler.pages.fields import (
    Body,
    DateField,
    Field,
    LayoutPage,
    ListField,
    Reader,
    fields,
    first_text,
    html_title,
    images_of,
    json_ld,
    json_ld_authors,
    json_ld_keywords,
    meta,
    meta_values,
    strip_title_suffix,
    texts,
)

_AUTHOR = css("#art_author")
_PLATFORM = css("#art_plat")
_ARTICLE = css("#article_level_wrap")
_BREADCRUMB = css("#bc-share")
_COLUMN_LINKS = (
    css("#op-col-label a[href*='/column/']"),
    css("a[href*='/column/'][rel='category']"),
)


def printed_byline(page: ArticlePage) -> str | None:
    """``data-byline-strips`` of ``#art_author``, else its names as laid out."""
    for node in page.select(_AUTHOR):
        strips = (node.get("data-byline-strips") or "").strip()
        return strips or byline_text(node) or None
    return None


def article_links(marker: str) -> Reader:
    """Texts of the links to ``/byline/``, ``/category/`` or ``/tag/`` pages inside the
    article element, in page order, once each (the last source of a renamed container)."""

    def read(page: ArticlePage) -> list[str]:
        article = next(iter(page.select(_ARTICLE)), None)
        if article is None:
            return []
        found = (text_content(a) for a in article.iter("a") if marker in (a.get("href") or ""))
        return list(dict.fromkeys(t for t in found if t))

    return read


def platform_source(page: ArticlePage) -> str | None:
    """The source link of ``#art_plat``: its text, or for a logo link the ``/source/<slug>``."""
    for plat in page.select(_PLATFORM):
        for link in plat.iter("a"):
            if "art_twt" in (link.get("class") or ""):
                continue
            text = text_content(link) or (link.get("title") or "").strip()
            if not text:
                img = next(link.iter("img"), None)
                text = (img.get("alt") or "").strip() if img is not None else ""
            return text or _source_slug(link.get("href") or "")
    return None


def platform_date(position: int) -> Reader:
    """The published (0) or updated (1) text of the ``#art_plat`` date line."""

    def read(page: ArticlePage) -> str | None:
        plat = next(iter(page.select(_PLATFORM)), None)
        return (
            split_platform_dates(text_outside_links(plat))[position] if plat is not None else None
        )

    return read


def breadcrumb(page: ArticlePage) -> str | None:
    crumb = page.first_text(_BREADCRUMB)
    return crumb.split(",")[0].strip() or None if crumb else None


def column_name(page: ArticlePage) -> str | None:
    """The opinion column's name, from its ``/column/<slug>`` label link (a page that
    links to no column is not searched)."""
    if "/column/" not in page.html:
        return None
    text = next(filter(None, (page.first_text(s) for s in _COLUMN_LINKS)), None)
    return re.sub(r"^Column:\s*", "", text, flags=re.I).strip() or None if text else None


def first_of(reader: Reader) -> Reader:
    """The first item of a list reader, or None."""
    return lambda page: next(iter(reader(page)), None)


def figure_images(page: LayoutPage) -> list[ImageItem]:
    """Captioned figures of the article and every photo inside the body, in page order."""
    root = page.body_root()
    in_body = set(root.iter("img", "amp-img")) if root is not None else set()
    images: list[ImageItem] = []
    for img in page.tree.iter("img", "amp-img"):
        figure = _nearest_figure(img)
        if figure is None and img not in in_body:
            continue
        caption_node = _first_caption(figure) if figure is not None else None
        caption, credit = split_caption_credit(
            text_content(caption_node) if caption_node is not None else ""
        )
        image = make_image(page.image_url(img), caption, credit)
        if image and all(i.url != image.url for i in images):
            images.append(image)
    return images


class InquirerDefaultPage(LayoutPage):
    """``article#article_level_wrap``: hgroup h1, #art_author, #art_plat, #FOR_target_content."""

    layout: ClassVar[str] = "inquirer-default"

    FIELDS = fields(
        Field(
            "title",
            (
                ("layout", first_text("#art-head-group h1")),
                ("layout", first_text("h1.entry-title")),
                ("meta", meta("og:title")),
                ("json-ld", json_ld("headline")),
                ("title-tag", html_title),
            ),
            record="title",
            clean=strip_title_suffix,
        ),
        Field(
            "byline_raw",
            (
                ("layout", printed_byline),
                ("json-ld", json_ld_authors(people_only=True)),
                ("byline-links", lambda page: ", ".join(article_links("/byline/")(page)) or None),
            ),
            record="authors",
        ),
        Field("source_raw", (("layout", platform_source),)),
        DateField(
            "published_raw",
            (
                ("date-line", platform_date(0)),
                ("json-ld", json_ld("datePublished")),
                ("meta", meta("article:published_time")),
            ),
        ),
        # Only the printed update line: a JSON-LD dateModified alone is no update shown.
        DateField("updated_raw", (("date-line", platform_date(1)),)),
        Field(
            "section",
            (
                ("layout", breadcrumb),
                ("meta", meta("article:section")),
                ("json-ld", json_ld("articleSection")),
                ("category-link", first_of(article_links("/category/"))),
            ),
            record="section",
        ),
        Field("column", (("layout", column_name),), record="column"),
        ListField(
            "tags",
            (
                ("layout", texts("#article_tags a")),
                ("meta", meta_values("article:tag")),
                ("json-ld", json_ld_keywords),
                ("tag-links", article_links("/tag/")),
            ),
            record="tags",
        ),
        images_of(figure_images),
    )
    BODY = Body(("#FOR_target_content", "#TO_target_content", "#article_content"))

    @classmethod
    def matches(cls, html: str) -> bool:
        return (
            'id="art_body_wrap"' in html
            or 'id="FOR_target_content"' in html
            or 'id="article_level_wrap"' in html
        )


_HANDLE_CLASSES = ("art_twt",)
# The byline so far ends with a separator or a "By" label: the next part joins it as is.
_JOINED = re.compile(r"(?:[,&/|:-]|\b(?:and|by|ni|nina))\s*$", re.I)


def byline_text(node: _Element) -> str:
    """The byline as laid out, without ``data-byline-strips``: the name parts with handle
    links left out, and a `` | `` where two parts meet with no separator printed between
    them (``<span>A, B</span> <span>Inquirer Visayas</span>`` -> ``"A, B | Inquirer
    Visayas"``), so a desk label never runs into the last name."""
    parts = [node.text or ""]
    for child in node:
        text = text_content(child) if isinstance(child.tag, str) else ""
        handle = any(c in (child.get("class") or "") for c in _HANDLE_CLASSES)
        if text and not handle and not text.startswith("@"):
            joined = "".join(parts)
            if joined.strip() and not _JOINED.search(joined):
                parts.append(" | ")
            parts.append(text)
        parts.append(child.tail or "")
    return collapse_spaces("".join(parts))


def _nearest_figure(img: _Element) -> _Element | None:
    """The innermost ``figure`` or ``div.wp-caption`` holding ``img``."""
    for node in img.iterancestors("figure", "div"):
        if node.tag == "figure" or "wp-caption" in (node.get("class") or "").split():
            return node
    return None


def _first_caption(figure: _Element) -> _Element | None:
    """``.wp-caption-text, figcaption`` inside ``figure``, the first in page order."""
    for node in figure.iterdescendants():
        if node.tag == "figcaption" or "wp-caption-text" in (node.get("class") or "").split():
            return node
    return None


_UPDATED = re.compile(r"\|?\s*Updated(?:\s+as\s+of)?\s*:?\s*(?=\S*\d)", re.I)
_SEPARATORS = re.compile(r"\s*[/|]\s*")


def split_platform_dates(text: str) -> tuple[str | None, str | None]:
    """The date line's ``(published, updated)`` texts, the source's name left out first:
    ``"INQUIRER.net / 03:12 PM Nov 23, 2026 | Updated as of: 05:47 PM ..."`` (with the
    link text removed: ``" / 03:12 PM ..."``) -> ``("03:12 PM Nov 23, 2026", "05:47 PM
    ...")``; the date may come before the source, and the separators be ``/`` or ``|``."""
    head, _, updated = _UPDATED.sub("\x00", text, count=1).partition("\x00")
    published = next(
        (part for part in _SEPARATORS.split(head) if any(c.isdigit() for c in part)), ""
    )
    updated = _SEPARATORS.split(updated.strip(" |/\u00a0"))[0] if updated else ""
    return published.strip(" |\u00a0") or None, updated.strip(" |\u00a0") or None


def text_outside_links(element: _Element) -> str:
    """The element's text without the text of its links (the date line without its source)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != "a" and isinstance(child.tag, str):
            parts.append(text_outside_links(child))
        parts.append(child.tail or "")
    return collapse_spaces(" ".join(parts))


def _source_slug(href: str) -> str | None:
    """``https://newsinfo.inquirer.net/source/reuters`` -> ``"reuters"``."""
    _, marker, slug = href.partition("/source/")
    return slug.strip("/").replace("-", " ") or None if marker else None
