"""A site profile's field selectors (``[site.selectors]`` in sites.toml), read off a page.

Where the generic reader gets a field of some outlet wrong, its profile names a CSS
selector for it; what the selector finds replaces (title, author, section) or comes
before (published) what the generic reader found. ``sel::attr(name)`` reads an
attribute instead of the text. A selector that finds nothing changes nothing.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError

from crawler.items import RawArticle, SourcedTexts
from crawler.pages.base import text_content

_ATTR = re.compile(r"::attr\(\s*([\w:-]+)\s*\)\s*$")


def compile_selector(selector: str) -> tuple[CSSSelector, str | None]:
    """``(css, attribute)`` of a profile selector; raises ValueError for bad CSS."""
    match = _ATTR.search(selector)
    css = selector[: match.start()] if match else selector
    try:
        return CSSSelector(css.strip()), (match.group(1) if match else None)
    except Exception as exc:  # cssselect's SelectorError and its subclasses
        raise ValueError(f"{selector!r} is not a CSS selector: {exc}") from None


def select_texts(html: str | bytes, selector: str) -> list[str]:
    """The non-empty texts (or attribute values) ``selector`` finds, in page order."""
    css, attribute = compile_selector(selector)
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    found = [
        (element.get(attribute) or "") if attribute else text_content(element)
        for element in css(tree)
    ]
    return [" ".join(text.split()) for text in found if text and text.strip()]


def apply_selectors(raw: RawArticle, html: str | bytes, selectors: dict[str, str]) -> RawArticle:
    """``raw`` with the profile's fields (``title``, ``author``, ``published``, ``section``)."""
    found = {field: select_texts(html, selector) for field, selector in selectors.items()}
    if found.get("title"):
        raw.title = found["title"][0]
    if found.get("author"):
        raw.byline_raw = ", ".join(dict.fromkeys(found["author"]))
    if found.get("section"):
        raw.section = found["section"][0]
    if found.get("published"):
        if isinstance(raw.published_raw, SourcedTexts):
            raw.published_raw.add_first("profile", found["published"][0])
        else:
            raw.published_raw = [found["published"][0], *raw.published_raw]
    return raw
