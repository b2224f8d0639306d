"""The default Inquirer article template (newsinfo, globalnation, business, sports,
entertainment, technology, opinion, usa), read like a field table.

Selectors come from docs/inquirer-site.md §2. Each field is read from
an ordered list of sources (this layout's selectors, then JSON-LD, ``<meta>``), and the
source that gave it is recorded in ``field_sources`` (README, "Where each field came
from"; "Inquirer changed its layout").
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from lxml.etree import _Element

from crawler.cleaning.captions import split_caption_credit
from crawler.cleaning.text import collapse_spaces
from crawler.items import ImageItem, LazyTexts, RawArticle
from crawler.pages.base import ArticlePage, css, first_by_id, make_image, text_content
from crawler.pages.body import collect_blocks
from crawler.pages.detect import check_page

_TITLE_SUFFIX = re.compile(
    r"\s+(?:[|\-–—]\s*(?:Inquirer|INQUIRER)[\w .]*|[|\-–—]\s*Philippine Daily Inquirer)\s*$"
)


def strip_title_suffix(title: str) -> str:
    """``"Headline | Inquirer News"`` -> ``"Headline"``."""
    return _TITLE_SUFFIX.sub("", title).strip()


class InquirerDefaultPage(ArticlePage):
    """``article#article_level_wrap``: hgroup h1, #art_author, #art_plat, #FOR_target_content."""

    layout: ClassVar[str] = "inquirer-default"
    version: ClassVar[str] = "v1"

    _title_selector_h1 = css("#art-head-group h1, h1.entry-title")
    _headline_selector = first_by_id("#art-head-group h1")
    _author_selector = first_by_id("#art_author")
    _platform_selector = first_by_id("#art_plat")
    _body_selectors = (
        first_by_id("#FOR_target_content"),
        css("#FOR_target_content"),
        first_by_id("#TO_target_content"),
        css("#TO_target_content"),
        css("#article_content"),
    )  # the id table first; a scan finds duplicates
    _section_selector = first_by_id("#bc-share")
    _tags_selector = first_by_id("#article_tags a")
    _column_label_selector = first_by_id("#op-col-label a[href*='/column/']")
    _article_selector = first_by_id("#article_level_wrap")
    _column_link_selector = css("a[href*='/column/'][rel='category']")  # a scan: prefiltered

    @classmethod
    def matches(cls, html: str) -> bool:
        return (
            'id="art_body_wrap"' in html
            or 'id="FOR_target_content"' in html
            or 'id="article_level_wrap"' in html
        )

    def to_raw(self) -> RawArticle:
        check_page(self.url, self.html, self.page_source)
        blocks, method = self.body_with_fallback(self.blocks(), self.body_root())
        title = self.title()
        self.require_headline_and_body(title, blocks)
        return RawArticle(
            url=self.url,
            canonical_url=self.canonical_url(),
            title=title,
            blocks=blocks,
            extraction_method=method,
            section=self.section(),
            byline_raw=self.byline(),
            source_raw=self.source(),
            published_raw=self.published_texts(),
            updated_raw=self.updated_texts(),
            tags=self.tags(),
            images=self.images(),
            column=(column := self.column()),
            page_type="column" if column else "article",
            field_sources=self.field_sources,
            problems=self.problems,
        )

    # --- one method per field: its sources, best first ---------------------
    def title(self) -> str | None:
        text = self.from_sources(
            "title",
            ("layout", lambda: self.first_text(self._headline_selector)),
            ("layout", lambda: self.first_text(self._title_selector_h1)),
            ("meta", lambda: self.meta("og:title")),
            ("json-ld", lambda: self.ld_text("headline")),
            ("title-tag", self.html_title),
        )
        return strip_title_suffix(text) if text else None

    def byline(self) -> str | None:
        """The printed byline (``data-byline-strips``, else the names as laid out, with the
        desk and handle links left out); else the JSON-LD person authors."""
        return self.from_sources(
            "authors",
            ("layout", self._printed_byline),
            ("json-ld", self.ld_person_authors),
            ("byline-links", lambda: ", ".join(self._article_links("/byline/")) or None),
        )

    def _printed_byline(self) -> str | None:
        for node in self.select(self._author_selector):
            strips = (node.get("data-byline-strips") or "").strip()
            return strips or byline_text(node) or None
        return None

    def ld_person_authors(self) -> str | None:
        """JSON-LD authors that are people (an Organization author is the outlet or a wire)."""
        author: Any = self.ld_article.get("author")
        items = author if isinstance(author, list) else [author]
        names = [
            a.get("name") if isinstance(a, dict) and a.get("@type") in (None, "Person") else a
            for a in items
        ]
        return ", ".join(n.strip() for n in names if isinstance(n, str) and n.strip()) or None

    def source(self) -> str | None:
        """The source link of ``#art_plat``: its text, or for a logo link the ``/source/<slug>``."""
        for plat in self.select(self._platform_selector):
            for link in plat.iter("a"):
                if "art_twt" in (link.get("class") or ""):
                    continue
                text = text_content(link) or (link.get("title") or "").strip()
                if not text:
                    img = next(link.iter("img"), None)
                    text = (img.get("alt") or "").strip() if img is not None else ""
                return text or _source_slug(link.get("href") or "")
        return None

    def _platform_dates(self) -> tuple[str | None, str | None]:
        if "_plat_memo" not in self.__dict__:
            plat = next(iter(self.select(self._platform_selector)), None)
            self.__dict__["_plat_memo"] = (
                split_platform_dates(text_outside_links(plat)) if plat is not None else (None, None)
            )
        return self.__dict__["_plat_memo"]  # type: ignore[no-any-return]

    def published_texts(self) -> LazyTexts:
        """The printed date; JSON-LD and ``<meta>`` are read only if the date stage asks."""
        return LazyTexts.named(
            ("date-line", lambda: self._platform_dates()[0]),
            ("json-ld", lambda: self.ld_text("datePublished")),
            ("meta", lambda: self.meta("article:published_time")),
        )

    def updated_texts(self) -> LazyTexts:
        """Only the printed update line: a JSON-LD ``dateModified`` alone is no update shown."""
        return LazyTexts.named(("date-line", lambda: self._platform_dates()[1]))

    def section(self) -> str | None:
        return self.from_sources(
            "section",
            ("layout", self._breadcrumb),
            ("meta", lambda: self.meta("article:section")),
            ("json-ld", lambda: self.ld_text("articleSection")),
            ("category-link", lambda: next(iter(self._article_links("/category/")), None)),
        )

    def _breadcrumb(self) -> str | None:
        crumb = self.first_text(self._section_selector)
        return crumb.split(",")[0].strip() or None if crumb else None

    def column(self) -> str | None:
        """The opinion column's name, from its ``/column/<slug>`` label link."""
        text = self.first_text(self._column_label_selector) or (
            self.first_text(self._column_link_selector) if "/column/" in self.html else None
        )
        name = re.sub(r"^Column:\s*", "", text, flags=re.I).strip() or None if text else None
        if name:
            self.field_sources["column"] = "layout"
        return name

    def tags(self) -> list[str]:
        return (
            self.from_sources(
                "tags",
                ("layout", self._tag_links),
                ("meta", lambda: self.meta_values("article:tag")),
                ("json-ld", self.ld_keywords),
                ("tag-links", lambda: self._article_links("/tag/")),
            )
            or []
        )

    def _article_links(self, marker: str) -> list[str]:
        """Texts of the links to ``/byline/``, ``/category/`` or ``/tag/`` pages inside the
        article element, in page order, once each (the last source of a renamed container)."""
        article = next(iter(self.select(self._article_selector)), None)
        if article is None:
            return []
        texts = (text_content(a) for a in article.iter("a") if marker in (a.get("href") or ""))
        return list(dict.fromkeys(t for t in texts if t))

    def _tag_links(self) -> list[str]:
        return [t for t in (text_content(a) for a in self.select(self._tags_selector)) if t]

    def _body(self) -> tuple[_Element | None, list[tuple[str, str]]]:
        """The innermost known body container with blocks, and its blocks (computed once)."""
        memo = self.__dict__.get("_body_memo")
        if memo is None:
            memo = (None, [])
            for selector in self._body_selectors:
                found = next(
                    (
                        (node, blocks)
                        for node in self.select(selector)
                        if (blocks := collect_blocks(node))
                    ),
                    None,
                )
                if found:
                    memo = found
                    break
            self.__dict__["_body_memo"] = memo
        return memo

    def body_root(self) -> _Element | None:
        """The innermost known body container (selectors in order of preference)."""
        return self._body()[0]

    def blocks(self) -> list[tuple[str, str]]:
        return list(self._body()[1])

    def images(self) -> list[ImageItem]:
        """Captioned figures of the article and every photo inside the body, in page order."""
        root = self.body_root()
        in_body = set(root.iter("img", "amp-img")) if root is not None else set()
        images: list[ImageItem] = []
        for img in self.tree.iter("img", "amp-img"):
            figure = _nearest_figure(img)
            if figure is None and img not in in_body:
                continue
            caption_node = _first_caption(figure) if figure is not None else None
            caption, credit = split_caption_credit(
                text_content(caption_node) if caption_node is not None else ""
            )
            image = make_image(self.image_url(img), caption, credit)
            if image and all(i.url != image.url for i in images):
                images.append(image)
        return images


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
    """The innermost ``figure`` or ``div.wp-caption`` holding ``img`` (walking up from the
    image: a class scan of the whole tree for ``div.wp-caption`` costs ~50 µs a page)."""
    for node in img.iterancestors("figure", "div"):
        if node.tag == "figure" or "wp-caption" in (node.get("class") or "").split():
            return node
    return None


def _first_caption(figure: _Element) -> _Element | None:
    """``.wp-caption-text, figcaption`` inside ``figure``, the first in page order (a walk
    of the few nodes of a figure: an XPath call costs ~5 µs of set-up)."""
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
