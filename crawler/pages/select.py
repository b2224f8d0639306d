"""CSS selectors for the layouts' field tables: lxml's answers, without a predicate per element.

libxml2 evaluates ``#m-pd2`` as ``descendant-or-self::*[@id = 'm-pd2']``: the predicate runs
on every element of the page, ~0.2 µs each, so one field read costs ~25 µs even on a small
page, and a subdomain layout reads a dozen. Most field selectors start at an id or a class:
:class:`TreeIndex` reads a page's ids and classes in one walk, and :class:`Selector` then
evaluates each comma-separated part from the few elements that carry its id or class
(``self::#id/descendant-or-self::*/rest``, the same XPath lxml builds, anchored there).
Parts without one (``a[rel='tag']``) run as lxml runs them. Results are lxml's: the same
elements, in document order, each once (tests/pages/test_pages_select.py compares them on every
fixture page).
"""

from __future__ import annotations

import re
from functools import cached_property

from lxml import etree
from lxml.cssselect import CSSSelector, LxmlTranslator
from lxml.etree import _Element

_TRANSLATOR = LxmlTranslator()
# The id or class the first compound selector of a part requires: "#a b", "h1.title", ".c > p".
_LEAD = re.compile(r"^[A-Za-z][\w-]*|^\*")
# A CSS identifier: ASCII letters, digits, "-", "_" and any non-ASCII character (escapes are
# left to lxml: parts with a backslash use no index).
_KEY = re.compile(r"^([#.])(-?(?:[A-Za-z_]|[^\x00-\x7f])(?:[\w-]|[^\x00-\x7f])*)")
# XPath's normalize-space() separates class tokens at these four characters, and only these.
_XML_SPACE = str.maketrans("\t\n\r", "   ")


class TreeIndex:
    """A document's elements by id and by class token, in document order: read in one walk,
    on the first selector that needs them (``a[rel='tag']`` alone never does)."""

    def __init__(self, root: _Element) -> None:
        self.root = root

    @property
    def ids(self) -> dict[str, list[_Element]]:
        return self._maps[0]

    @property
    def classes(self) -> dict[str, list[_Element]]:
        return self._maps[1]

    @cached_property
    def _maps(self) -> tuple[dict[str, list[_Element]], dict[str, list[_Element]]]:
        ids: dict[str, list[_Element]] = {}
        classes: dict[str, list[_Element]] = {}
        for element in self.root.iter(etree.Element):
            get = element.get
            name = get("id")
            if name is not None:
                if name in ids:
                    ids[name].append(element)
                else:
                    ids[name] = [element]
            tokens = get("class")
            if not tokens:
                continue
            if "\t" in tokens or "\n" in tokens or "\r" in tokens:
                tokens = tokens.translate(_XML_SPACE)
            for token in tokens.split(" "):
                bucket = classes.get(token)
                if bucket is None:
                    classes[token] = [element]
                elif bucket[-1] is not element:  # class="a a": the element once
                    bucket.append(element)
        return ids, classes

    @cached_property
    def order(self) -> dict[_Element, int]:
        """Each element's position in document order (only needed to merge results)."""
        return {element: position for position, element in enumerate(self.root.iter(etree.Element))}


class _Part:
    """One comma-separated part: its id or class key, and its XPath from a candidate."""

    def __init__(self, css: str) -> None:
        lead = _LEAD.match(css)
        key = None if "\\" in css else _KEY.match(css[lead.end() if lead else 0 :])  # no escapes
        self.kind, self.name = (key.group(1), key.group(2)) if key else ("", "")
        prefix = "self::" if key else "descendant-or-self::"
        self.xpath = etree.XPath(
            _TRANSLATOR.css_to_xpath(css, prefix=prefix), regexp=False, smart_strings=False
        )

    def select(self, root: _Element, index: TreeIndex) -> list[list[_Element]]:
        """The matches, one document-ordered list per candidate element."""
        if not self.kind:
            found = self.xpath(root)
            return [found] if found else []  # type: ignore[list-item]
        candidates = (index.ids if self.kind == "#" else index.classes).get(self.name, ())
        return [found for candidate in candidates if (found := self.xpath(candidate))]  # type: ignore[misc]


class Selector:
    """A compiled CSS selector. ``selector(element)`` is lxml's ``CSSSelector`` (any subtree);
    ``selector.select(root, index)`` gives the same answer for a whole document, faster."""

    def __init__(self, css: str) -> None:
        self.css = css
        self.full = CSSSelector(css)
        self.parts = [_Part(part.strip()) for part in _split_union(css)]

    def __call__(self, element: _Element) -> list[_Element]:
        return self.full(element)  # type: ignore[no-any-return]

    def select(self, root: _Element, index: TreeIndex) -> list[_Element]:
        """The elements of the document at ``root`` (indexed by ``index``) this selector matches."""
        groups = [found for part in self.parts for found in part.select(root, index)]
        if not groups:
            return []
        if len(groups) == 1:
            return groups[0]
        order = index.order  # several sources: merge them in document order, each once
        return sorted(dict.fromkeys(e for group in groups for e in group), key=order.__getitem__)

    def __repr__(self) -> str:
        return f"Selector({self.css!r})"


def _split_union(css: str) -> list[str]:
    """``"a, b[x='1,2']"`` -> ``["a", "b[x='1,2']"]``: commas outside brackets and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for position, char in enumerate(css):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(css[start:position])
            start = position + 1
    parts.append(css[start:])
    return parts
