"""Field tables: a layout declares each field once, as its sources best first.

A layout (``crawler/pages/layouts/``) is a class whose ``FIELDS`` table lists, for each
:class:`~crawler.items.RawArticle` attribute it fills, the ordered ``(source, reader)``
pairs it is read from: the layout's own selector first, then JSON-LD, ``<meta>``, links.
A reader takes the page and returns a value, or something empty when its source has
nothing. :meth:`LayoutPage.to_raw` reads the table; nothing else builds a RawArticle.

- :class:`Field`: the first non-empty value; the name of its source goes to
  ``field_sources[record]`` (when the field has a ``record`` name).
- :class:`ListField`: the same for lists (tags, images); empty is ``[]``.
- :class:`DateField`: every source's text, best first (a :class:`SourcedTexts`): the date
  stage takes the first plausible one and records its source.

The body is declared apart (:class:`Body`): its containers in order of preference. When
none gives a body, only the body comes from the generic extractor; every other field
keeps its sources (``ArticlePage.body_with_fallback``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any, ClassVar

from lxml.etree import _Element

from crawler.cleaning.layouts import order_date_texts
from crawler.cleaning.text import normalize_whitespace
from crawler.items import ImageItem, RawArticle, SourcedTexts
from crawler.pages.base import ArticlePage, Selector, css, text_content
from crawler.pages.body import collect_blocks
from crawler.pages.detect import check_page
from crawler.pages.dom import is_hidden, pruned

#: A source reader: the page in, the field's value (or None, "", []) out.
Reader = Callable[[Any], Any]
Source = tuple[str, Reader]

_TITLE_SUFFIX = re.compile(
    r"\s+(?:[|\-–—]\s*(?:Inquirer|INQUIRER)[\w .]*|[|\-–—]\s*Philippine Daily Inquirer)\s*$"
)


def strip_title_suffix(title: str) -> str:
    """``"Headline | Inquirer News"`` -> ``"Headline"``."""
    return _TITLE_SUFFIX.sub("", title).strip()


@dataclass(frozen=True, slots=True)
class Field:
    """One RawArticle attribute (``attr``) and its sources, best first."""

    attr: str
    sources: tuple[Source, ...]
    record: str | None = None  # the field_sources key naming the source that gave it
    clean: Callable[[Any], Any] | None = None  # applied to the value found (a title suffix)

    def empty(self) -> Any:
        return None

    def read(self, page: ArticlePage) -> Any:
        for name, reader in self.sources:
            value = reader(page)
            if value:
                if self.record:
                    page.field_sources[self.record] = name
                return self.clean(value) if self.clean else value
        return self.empty()


class ListField(Field):
    """A list-valued field (tags, images): ``[]`` when no source has one."""

    def empty(self) -> Any:
        return []


class DateField(Field):
    """Date texts: every source's text, best first, each named by its source; the date
    stage takes the first plausible one (and records where it came from)."""

    def read(self, page: ArticlePage) -> Any:
        return SourcedTexts(*((name, partial(reader, page)) for name, reader in self.sources))


def fields(*declared: Field) -> tuple[Field, ...]:
    """A field table; raises ValueError when an attribute is declared twice."""
    attrs = [f.attr for f in declared]
    if len(set(attrs)) != len(attrs):
        raise ValueError(f"a field is declared twice: {attrs}")
    return declared


def replacing(table: tuple[Field, ...], *changed: Field) -> tuple[Field, ...]:
    """``table`` with the fields of ``changed`` in place of the ones of the same attribute
    (new attributes go at the end): a layout that differs from another in a few fields."""
    new = {f.attr: f for f in changed}
    kept = tuple(new.pop(f.attr, f) for f in table)
    return fields(*kept, *new.values())


# --- readers: the sources a table names -----------------------------------------------
def first_text(selector: str) -> Reader:
    """The text of the first element ``selector`` finds that has one."""
    compiled = css(selector)
    return lambda page: page.first_text(compiled)


def texts(selector: str) -> Reader:
    """The texts of every element ``selector`` finds, in page order, each once."""
    compiled = css(selector)
    return lambda page: unique_texts(page.select(compiled))


def joined_texts(selector: str) -> Reader:
    """:func:`texts` joined by ``", "`` (author links), or None."""
    read = texts(selector)
    return lambda page: ", ".join(read(page)) or None


def meta(*keys: str) -> Reader:
    """The first ``<meta property|name=key>`` content of ``keys``."""
    return lambda page: page.meta(*keys)


def meta_values(key: str) -> Reader:
    """Every ``<meta property|name=key>`` content, in page order (``article:tag``)."""
    return lambda page: page.meta_values(key)


def json_ld(key: str) -> Reader:
    """A string of the page's JSON-LD article (``headline``, ``datePublished``)."""
    return lambda page: page.ld_text(key)


def json_ld_first(key: str) -> Reader:
    """A string, or the first string of a list, of the JSON-LD article (``articleSection``)."""

    def read(page: ArticlePage) -> str | None:
        value = page.ld_article.get(key)
        value = value[0] if isinstance(value, list) and value else value
        return (value.strip() if isinstance(value, str) else None) or None

    return read


def json_ld_keywords(page: ArticlePage) -> list[str]:
    return page.ld_keywords()


def json_ld_authors(people_only: bool) -> Reader:
    """The JSON-LD article's author names joined by ``", "``; with ``people_only``, an
    Organization author (the outlet or a wire) is left out."""

    def read(page: ArticlePage) -> str | None:
        author: Any = page.ld_article.get("author")
        names = []
        for item in author if isinstance(author, list) else [author]:
            if isinstance(item, dict):
                if people_only and item.get("@type") not in (None, "Person"):
                    continue
                item = item.get("name")
            if isinstance(item, str) and item.strip():
                names.append(item.strip())
        return ", ".join(names) or None

    return read


def html_title(page: ArticlePage) -> str | None:
    return page.html_title()


def unique_texts(elements: Iterable[_Element]) -> list[str]:
    """The non-empty texts of ``elements``, in order, each once."""
    return list(dict.fromkeys(t for t in (text_content(e) for e in elements) if t))


# --- the body ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Body:
    """Where a layout's body is: its containers in order of preference.

    The first container (in that order) whose blocks are not empty is the body. With
    ``visible_first``, every container found is tried, visible ones before hidden ones (a
    template that repeats the body in hidden copies). ``drop``: embeds left out first.
    """

    containers: tuple[str, ...]
    visible_first: bool = False
    drop: str | None = None
    selectors: tuple[Selector, ...] = field(init=False)
    drop_selector: Selector | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "selectors", tuple(css(s) for s in self.containers))
        object.__setattr__(self, "drop_selector", css(self.drop) if self.drop else None)

    def find(self, page: ArticlePage) -> tuple[_Element | None, list[tuple[str, str]]]:
        """The body container and its blocks, or ``(None, [])``. Every copy of a container
        is tried (a repeated id included), in page order; the first container's first copy
        is looked up in the page's id table, and the page is scanned only if it gives none."""
        first = self._first_copy(page)
        if first is not None:
            blocks = collect_blocks(self._without_embeds(first))
            if blocks:
                return first, blocks
        if self.visible_first:
            found = [node for selector in self.selectors for node in selector(page.tree)]
            candidates: Iterable[_Element] = sorted(found, key=is_hidden)  # stable
        else:
            candidates = (node for selector in self.selectors for node in selector(page.tree))
        for node in candidates:
            if node is first:  # tried above: it gave no blocks
                continue
            blocks = collect_blocks(self._without_embeds(node))
            if blocks:
                return node, blocks
        return None, []

    def _first_copy(self, page: ArticlePage) -> _Element | None:
        """The first copy of the first container when that is a plain ``#id`` (the first
        candidate the scan below would try too), from libxml2's id table; else None."""
        selector = self.selectors[0]
        if selector.by_id is None or selector.inside is not None:
            return None
        node = next(iter(selector.on_page(page.tree)), None)
        if node is None or (self.visible_first and is_hidden(node)):
            return None
        return node

    def _without_embeds(self, node: _Element) -> _Element:
        if self.drop_selector is None:
            return node
        # the embed selectors are simple (no combinators): those inside ``node`` are found
        # from ``node`` itself, without scanning the rest of the page
        if any(embed is not node for embed in self.drop_selector(node)):
            return pruned(node, self.drop_selector)
        return node


# --- the page object a table drives ------------------------------------------------------
class LayoutPage(ArticlePage):
    """An Inquirer layout: ``matches`` recognises its markup, ``FIELDS`` and ``BODY`` say
    where each field is, and :meth:`to_raw` reads them."""

    version: ClassVar[str] = "v1"
    language: ClassVar[str] = "en"
    page_type: ClassVar[str] = "article"
    FIELDS: ClassVar[tuple[Field, ...]] = ()
    BODY: ClassVar[Body] = Body(())

    @classmethod
    def matches(cls, html: str) -> bool:  # pragma: no cover - every layout says
        raise NotImplementedError

    def to_raw(self) -> RawArticle:
        check_page(self.url, self.html, self.page_source)
        blocks, method = self.body_with_fallback(self.blocks(), self.loss_check_root())
        values = {f.attr: f.read(self) for f in self.FIELDS}
        title = values.pop("title", None)
        self.require_headline_and_body(title, blocks)
        values.setdefault("page_type", self.page_type_of(values))
        return RawArticle(
            url=self.url,
            canonical_url=self.canonical_url(),
            title=title,
            blocks=blocks,
            extraction_method=method,
            language=self.language,
            field_sources=self.field_sources,
            problems=self.problems,
            **values,
        )

    def page_type_of(self, values: dict[str, Any]) -> str:
        """``column`` for an opinion column (a page with a ``column`` name), else the
        layout's ``page_type``."""
        return "column" if values.get("column") else self.page_type

    @cached_property
    def _body(self) -> tuple[_Element | None, list[tuple[str, str]]]:
        return self.BODY.find(self)

    def body_root(self) -> _Element | None:
        """The body container (the silent-loss check compares the body with its text)."""
        return self._body[0]

    def blocks(self) -> list[tuple[str, str]]:
        return list(self._body[1])

    def loss_check_root(self) -> _Element | None:
        """The container whose visible text the body is checked against (silent loss)."""
        return self.body_root()


def images_of(reader: Callable[[Any], list[ImageItem]]) -> Field:
    """The images field: one layout reader, no recorded source."""
    return ListField("images", (("layout", reader),))


class PrintedDateField(DateField):
    """Date texts of a template that may print a date without a time: the first source
    gives the printed texts (a list), the others machine dates. The printed texts come
    first when one shows a time of day; else the machine dates, which carry the time,
    come first and the printed date is the fallback (:func:`order_date_texts`)."""

    def read(self, page: ArticlePage) -> Any:
        (shown_name, read_shown), *machine_sources = self.sources
        shown = read_shown(page) or []
        machine = [(name, reader(page)) for name, reader in machine_sources]
        origin = {normalize_whitespace(t): shown_name for t in shown}
        origin.update((t.strip(), name) for name, t in reversed(machine) if t)
        ordered = order_date_texts(shown, [t for _, t in machine])
        return SourcedTexts(*((origin.get(t, "layout"), partial(str, t)) for t in ordered))
