"""ArticlePage: one parse of one page, and the helpers every layout shares.

A page object takes ``(url, html)`` and returns a :class:`RawArticle` (body
blocks, raw byline, raw date texts). It never cleans: the stages in
``crawler.cleaning.stages`` do. No Scrapy imports here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from typing import Any, ClassVar, TypeVar

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError, _Element

from crawler.cleaning.boilerplate import is_furniture
from crawler.cleaning.text import collapse_spaces
from crawler.items import ImageItem, RawArticle
from crawler.pages.body import check_body_loss
from crawler.pages.encoding import decode_page
from crawler.pages.limits import (
    json_ld_objects,
    limit_attributes,
    strip_control_bytes,
    strip_control_chars,
)
from crawler.urls import canonicalize_url, site_of

MAX_URL_LENGTH = 2083  # Scrapy's URLLENGTH_LIMIT: no fetched URL is longer


class NotAnArticle(ValueError):
    """The page is not an article: ``reason`` is challenge, listing, soft404 or no_body."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


# Plain lxml elements, not lxml.html's (the layouts need none of its element classes).
# Comments and processing instructions never reach the tree.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
# Pages that came as valid UTF-8 are parsed from their bytes (libxml2 reads UTF-8
# natively). The encoding is forced: a ``<meta charset>`` that lies about UTF-8 bytes is
# not believed.
_UTF8_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8"
)
# lxml refuses a str that starts with an XML declaration naming an encoding (XHTML pages):
# the text is decoded already, so the declaration is dropped.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Elements whose text is never article text; removed once, right after parsing.
_NON_TEXT_TAGS = ("script", "style", "noscript", "template", "svg", "button", "form", "iframe")


#: Reads a body for a page whose layout found none (set by ``extract_raw``: the generic
#: extractor); returns ``(kind, text)`` blocks, or [] when it finds no body either.
BodyFallback = Callable[["ArticlePage"], list[tuple[str, str]]]
_V = TypeVar("_V")


_ID_LED = re.compile(r"#([A-Za-z][\w-]*)(?:\s+([^,]+))?")


class Selector:
    """A compiled CSS selector. ``selector(element)`` is lxml's answer for any subtree.

    :meth:`ArticlePage.select` reads a whole page: there a selector that starts at an id
    (``#art_plat``, ``#article_tags a``) starts from the first element with that id, found
    in libxml2's id table, instead of testing every element of the page (the default
    layout reads eight fields this way; bench/extract.py measured the scans at a third of
    an extraction)."""

    def __init__(self, css: str) -> None:
        self.css = css
        self.scan = CSSSelector(css)
        match = _ID_LED.fullmatch(css.strip())
        self.by_id = etree.XPath(f"id('{match[1]}')") if match else None
        self.inside = CSSSelector(match[2]) if match and match[2] else None

    def __call__(self, element: _Element) -> list[_Element]:
        return self.scan(element)  # type: ignore[no-any-return]

    def on_page(self, tree: _Element) -> list[_Element]:
        """The elements of the page ``tree`` this selector matches, in document order."""
        if self.by_id is None:
            return self.scan(tree)  # type: ignore[no-any-return]
        found: list[_Element] = self.by_id(tree)[:1]  # type: ignore[index]
        if self.inside is None:
            return found
        return [node for top in found for node in self.inside(top) if node is not top]

    def __repr__(self) -> str:
        return f"Selector({self.css!r})"


def css(selector: str) -> Selector:
    """A compiled CSS selector (compile once, at import time)."""
    return Selector(selector)


def text_content(element: _Element) -> str:
    """The visible text of an element, whitespace collapsed (the tree is pre-cleaned)."""
    if len(element) == 0:  # most paragraphs: one text node, no iterator needed
        return collapse_spaces(element.text or "")
    return collapse_spaces("".join(element.itertext()))


def prepare_tree(tree: _Element, non_text_tags: tuple[str, ...] = _NON_TEXT_TAGS) -> list[str]:
    """Make the tree text-ready in one pass; return the JSON-LD script texts it held.

    Scripts, styles and forms go (their tails stay; comments never got in: ``_PARSER``), and
    each ``<br>`` becomes a space, so :func:`text_content` is a plain ``itertext()``.
    """
    ld_texts = [
        script.text or ""
        for script in tree.iter("script")
        if (script.get("type") or "").lower() == "application/ld+json"
    ]
    etree.strip_elements(tree, *non_text_tags, with_tail=False)
    for br in tree.iter("br"):
        br.tail = " " + (br.tail or "")
    return ld_texts


class ArticlePage:
    """Shared parsing for every layout; subclasses read their fields off ``self.tree``."""

    layout: ClassVar[str] = "base"
    version: ClassVar[str] = "v1"

    _title_selector = css("title")
    now: datetime | None = None  # the crawl's clock, when the caller has one (extract_raw)
    body_fallback: BodyFallback | None = None
    # The parsers a layout reads its pages with (the generic page needs lxml.html's elements,
    # which trafilatura takes as they are).
    parser: ClassVar[etree.HTMLParser] = _PARSER
    utf8_parser: ClassVar[etree.HTMLParser] = _UTF8_PARSER
    non_text_tags: ClassVar[tuple[str, ...]] = _NON_TEXT_TAGS  # removed right after parsing

    def __init__(
        self,
        url: str,
        html: str | bytes,
        content_type: str | None = None,
        *,
        utf8: bytes | None = None,
    ) -> None:
        """``utf8``: the bytes ``html`` is the UTF-8 decoding of, when the caller has them;
        the page guards then run on the bytes and libxml2 parses them (it reads UTF-8
        natively: no re-encoding of the text)."""
        self.url = url
        if isinstance(html, bytes):
            html, utf8 = decode_page(html, content_type)
        self.page_source: str | bytes = utf8 if utf8 is not None else html  # what page tests read
        source: str | bytes
        if utf8 is not None:
            guarded = limit_attributes(strip_control_bytes(utf8))
            self.html = html if guarded is utf8 else guarded.decode("utf-8")
            source, parser = guarded, self.utf8_parser
        else:
            self.html = limit_attributes(strip_control_chars(html))
            source, parser = _XML_DECLARATION.sub("", self.html, count=1), self.parser
        #: the UTF-8 bytes the tree was parsed from (None: parsed from text)
        self.utf8: bytes | None = source if isinstance(source, bytes) else None
        try:
            tree = etree.fromstring(source, parser)
        except (ParserError, etree.XMLSyntaxError, ValueError) as exc:
            raise NotAnArticle("no_body", f"unparseable page: {exc}") from exc
        if tree is None:
            raise NotAnArticle("no_body", "unparseable page: the document is empty")
        self.tree: _Element = tree
        self._ld_texts = prepare_tree(self.tree, self.non_text_tags)
        self.field_sources: dict[str, str] = {}
        self.problems: list[str] = []  # what reading the page noticed (silent body loss ...)

    # --- per-field sources --------------------------------------------------
    def from_sources(self, field: str, *sources: tuple[str, Callable[[], _V | None]]) -> _V | None:
        """The first non-empty value of ``sources`` (``(name, reader)`` pairs, best first),
        read lazily; the name of the source that gave it goes to ``field_sources[field]``."""
        for name, read in sources:
            value = read()
            if value:
                self.field_sources[field] = name
                return value
        return None

    def body_with_fallback(
        self, blocks: list[tuple[str, str]], root: _Element | None = None
    ) -> tuple[list[tuple[str, str]], str]:
        """The layout's body blocks, or when it found none only the BODY from
        :attr:`body_fallback` (every other field keeps its layout sources); and the
        ``extraction_method`` that says which.

        A layout body that covers clearly less than the visible text of its container
        ``root`` (minus furniture) is a silent loss: a ``body_loss`` problem is recorded
        and the container's text is the body (``field_sources["body"] == "container"``)."""
        if blocks:
            self.field_sources["body"] = "layout"
            if root is not None:
                better, problem = check_body_loss(root, blocks, is_furniture)
                if problem:
                    self.problems.append(problem)
                    self.field_sources["body"] = "container"
                    return better, self.extraction_method
            return blocks, self.extraction_method
        fallback = self.body_fallback(self) if self.body_fallback is not None else []
        if fallback:
            self.field_sources["body"] = "generic"
            return fallback, f"{self.extraction_method}+trafilatura"
        return [], self.extraction_method

    # --- metadata helpers ---------------------------------------------------
    @cached_property
    def metas(self) -> dict[str, str]:
        """``<meta property|name=... content=...>`` values, first occurrence wins."""
        found: dict[str, str] = {}
        for meta in self.tree.iter("meta"):
            key = meta.get("property") or meta.get("name") or meta.get("itemprop")
            content = meta.get("content")
            if key and content is not None and key.lower() not in found:
                found[key.lower()] = content.strip()
        return found

    def meta(self, *keys: str) -> str | None:
        for key in keys:
            value = self.metas.get(key.lower())
            if value:
                return value
        return None

    def meta_values(self, key: str) -> list[str]:
        """Every non-empty ``<meta property|name=key>`` content, in page order (``article:tag``)."""
        key = key.lower()
        return [
            (meta.get("content") or "").strip()
            for meta in self.tree.iter("meta")
            if (meta.get("property") or meta.get("name") or "").lower() == key
            and (meta.get("content") or "").strip()
        ]

    def ld_keywords(self) -> list[str]:
        """The JSON-LD article's ``keywords`` (a list, or one comma-separated string)."""
        value = self.ld_article.get("keywords")
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list):
            return []
        return [k.strip() for k in items if isinstance(k, str) and k.strip()]

    @cached_property
    def ld_objects(self) -> list[dict[str, Any]]:
        """Every JSON-LD object on the page (``@graph`` flattened), in page order."""
        return json_ld_objects(self._ld_texts)

    @cached_property
    def ld_article(self) -> dict[str, Any]:
        """The last JSON-LD object typed as an article (the site puts it last), or {}."""
        kinds = {
            "newsarticle",
            "article",
            "reportagenewsarticle",
            "opinionnewsarticle",
            "blogposting",
            "liveblogposting",
            "analysisnewsarticle",
        }
        for obj in reversed(self.ld_objects):
            types = obj.get("@type")
            names = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in kinds for t in names):
                return obj
        return {}

    def ld_text(self, key: str) -> str | None:
        value = self.ld_article.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        return None

    def select(self, selector: Selector) -> list[_Element]:
        """The elements of this page ``selector`` matches, in document order (for a
        selector that starts at an id: inside the first element with that id)."""
        return selector.on_page(self.tree)

    def first_text(self, selector: Selector) -> str | None:
        for element in self.select(selector):
            text = text_content(element)
            if text:
                return text
        return None

    def canonical_url(self) -> str:
        """The canonical link, else ``og:url``, else the fetched URL; in canonical form.

        A canonical on another site, or absurdly long, is not believed: a page cannot file
        itself under someone else's address (nor overflow a unique index)."""
        for link in self.tree.iter("link"):  # = link[rel=canonical]
            if link.get("rel") == "canonical":
                believed = self._believable((link.get("href") or "").strip())
                if believed:
                    return believed
        # og:url only when no canonical link is believed: most pages never read their <meta>s
        return self._believable((self.meta("og:url") or "").strip()) or canonicalize_url(self.url)

    def _believable(self, href: str) -> str | None:
        """``href`` in canonical form, if it may be believed."""
        if not href.startswith("http") or len(href) > MAX_URL_LENGTH:
            return None
        try:
            canonical = canonicalize_url(href)
        except ValueError:  # ``http://[oops/``, a port past 65535
            return None
        return canonical if site_of(href) == site_of(self.url) else None

    def html_title(self) -> str | None:
        return self.first_text(self._title_selector)

    # --- images -------------------------------------------------------------
    @staticmethod
    def image_url(img: _Element) -> str | None:
        """The real URL of a lazy-loaded image: data-src & co before a ``data:`` src."""
        for attr in ("data-src", "data-lazy-src", "data-original", "src"):
            value = (img.get(attr) or "").strip()
            if value and not value.startswith("data:"):
                return value
        for attr in ("data-lazy-srcset", "data-srcset", "srcset"):
            value = (img.get(attr) or "").strip()
            if value:
                return value.split(",")[0].split()[0]
        return None

    def require_headline_and_body(self, title: str | None, blocks: list[tuple[str, str]]) -> None:
        """Every layout's last check: no headline or no body means this is no article."""
        if not title or not blocks:
            raise NotAnArticle("no_body", f"no {'headline' if not title else 'body'} at {self.url}")

    def to_raw(self) -> RawArticle:  # pragma: no cover - every layout overrides it
        raise NotImplementedError

    @property
    def extraction_method(self) -> str:
        return f"{self.layout}-{self.version}"


def make_image(url: str | None, caption: str | None, credit: str | None) -> ImageItem | None:
    return ImageItem(url=url, caption=caption or None, credit=credit or None) if url else None
