"""The default Inquirer article template (newsinfo, globalnation, business, sports,
entertainment, technology, opinion, usa), read like a field table.

Selectors come from ../shared/reference/inquirer-site.md §2. When the site
changes its markup, add ``InquirerDefaultPageV2`` beside this class and give this
one a ``VALID_UNTIL`` date (see README, "Inquirer changed its layout").
"""

from __future__ import annotations

import re
from typing import ClassVar

from lxml.etree import _Element

from crawler.cleaning.captions import split_caption_credit
from crawler.items import ImageItem, RawArticle
from crawler.pages.base import ArticlePage, NotAnArticle, css, make_image, text_content
from crawler.pages.detect import check_page

_TITLE_SUFFIX = re.compile(
    r"\s+(?:[|\-–—]\s*(?:Inquirer|INQUIRER)[\w .]*|[|\-–—]\s*Philippine Daily Inquirer)\s*$"
)
_BLOCK_TAGS = {"p": "p", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "blockquote": "p"}
_DROP_CLASSES = ("wp-caption-text", "headertext", "footertext")


def strip_title_suffix(title: str) -> str:
    """``"Headline | Inquirer News"`` -> ``"Headline"``."""
    return _TITLE_SUFFIX.sub("", title).strip()


class InquirerDefaultPage(ArticlePage):
    """``article#article_level_wrap``: hgroup h1, #art_author, #art_plat, #FOR_target_content."""

    layout: ClassVar[str] = "inquirer-default"
    version: ClassVar[str] = "v1"

    _marker_selector = css("#art_body_wrap, #article_level_wrap, #FOR_target_content")
    _title_selector_h1 = css("#art-head-group h1, h1.entry-title")
    _author_selector = css("#art_author")
    _platform_selector = css("#art_plat")
    _body_selector = css("#FOR_target_content, #TO_target_content, #article_content")
    _section_selector = css("#bc-share")
    _tags_selector = css("#article_tags a")
    _figure_selector = css("div.wp-caption, figure")
    _caption_selector = css(".wp-caption-text, figcaption")

    @classmethod
    def matches(cls, html: str) -> bool:
        return 'id="art_body_wrap"' in html or 'id="FOR_target_content"' in html or \
            'id="article_level_wrap"' in html

    def to_raw(self) -> RawArticle:
        check_page(self.url, self.html)
        blocks = self.blocks()
        title = self.title()
        if not title or not blocks:
            raise NotAnArticle("no_body", f"no {'headline' if not title else 'body'} at {self.url}")
        return RawArticle(
            url=self.url, canonical_url=self.canonical_url(), title=title, blocks=blocks,
            extraction_method=self.extraction_method, section=self.section(),
            byline_raw=self.byline(), source_raw=self.source(),
            published_raw=self.published_texts(), updated_raw=self.updated_texts(),
            tags=self.tags(), images=self.images(),
        )

    # --- one method per field --------------------------------------------
    def title(self) -> str | None:
        text = self.first_text(self._title_selector_h1) or self.meta("og:title") \
            or self.ld_text("headline") or self.html_title()
        return strip_title_suffix(text) if text else None

    def byline(self) -> str | None:
        for node in self._author_selector(self.tree):
            strips = (node.get("data-byline-strips") or "").strip()
            return strips or text_content(node) or None
        return None

    def source(self) -> str | None:
        for plat in self._platform_selector(self.tree):
            for link in plat.iter("a"):
                if "art_twt" not in (link.get("class") or ""):
                    return text_content(link) or None
        return None

    def _platform_dates(self) -> list[str]:
        for plat in self._platform_selector(self.tree):
            text = text_content(plat)
            return [part.strip() for part in text.split("/")[1:] if part.strip()]
        return []

    def published_texts(self) -> list[str]:
        shown = [t for t in self._platform_dates() if not t.lower().startswith("updated")]
        ld = [self.ld_text("datePublished")] + [self.meta("article:published_time")]
        return shown + [t for t in ld if t]

    def updated_texts(self) -> list[str]:
        shown = [t for t in self._platform_dates() if t.lower().startswith("updated")]
        ld = [self.ld_text("dateModified")] if shown else []
        return shown + [t for t in ld if t]

    def section(self) -> str | None:
        crumb = self.first_text(self._section_selector)
        if crumb:
            return crumb.split(",")[0].strip() or None
        return self.meta("article:section") or self.ld_text("articleSection")

    def tags(self) -> list[str]:
        return [t for t in (text_content(a) for a in self._tags_selector(self.tree)) if t]

    def body_root(self) -> _Element | None:
        for node in self._body_selector(self.tree):
            return node
        return None

    def blocks(self) -> list[tuple[str, str]]:
        root = self.body_root()
        return collect_blocks(root) if root is not None else []

    def images(self) -> list[ImageItem]:
        images: list[ImageItem] = []
        for figure in self._figure_selector(self.tree):
            img = next(figure.iter("img"), None)
            if img is None:
                continue
            caption_node = next(iter(self._caption_selector(figure)), None)
            caption, credit = split_caption_credit(
                text_content(caption_node) if caption_node is not None else ""
            )
            image = make_image(self.image_url(img), caption, credit)
            if image and all(i.url != image.url for i in images):
                images.append(image)
        return images


def collect_blocks(root: _Element) -> list[tuple[str, str]]:
    """Direct-child paragraphs, crossheads, quotes and list items of a body container."""
    blocks: list[tuple[str, str]] = []
    for child in root:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        classes = child.get("class") or ""
        if any(c in classes for c in _DROP_CLASSES) or (child.get("id") or "").startswith(
            "caption-attachment"
        ):
            continue
        if tag in ("ul", "ol"):
            blocks.extend(("p", t) for t in (text_content(li) for li in child.iter("li")) if t)
        elif tag in _BLOCK_TAGS:
            text = text_content(child)
            if text:
                blocks.append((_crosshead_kind(child, _BLOCK_TAGS[tag]), text))
    return blocks


def _crosshead_kind(element: _Element, kind: str) -> str:
    """A ``<p>`` holding nothing but one ``<strong>``/``<b>`` is a crosshead."""
    if kind != "p" or (element.text or "").strip():
        return kind
    children = [c for c in element if isinstance(c.tag, str)]
    if len(children) == 1 and children[0].tag in ("strong", "b") and not (children[0].tail or "").strip():
        return "h"
    return kind
