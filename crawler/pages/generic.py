"""The page for layouts we do not know: metadata read off our one parse, the body by trafilatura.

The page is parsed once (with lxml.html's elements, which trafilatura takes as they are);
title, authors, dates and tags are read here from that tree, each field trying its sources in
order and recording the one that won (``field_sources``); trafilatura's cascade is run for
the body only, on that tree (no copy), and htmldate only when no cheaper source gave a
plausible date. Nothing here names a site: this is the path for every page whose layout we
do not recognise.

This is the only module that calls trafilatura and htmldate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urlsplit

import lxml.html
from htmldate import find_date
from lxml import etree
from lxml.etree import _Element, strip_tags
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Extractor
from trafilatura.xml import xmltotxt

from crawler.cleaning.dates import normalize_date_text
from crawler.cleaning.inserts import drop_closing_links, drop_link_inserts
from crawler.cleaning.text import collapse_spaces
from crawler.items import RawArticle, SourcedTexts
from crawler.pages.base import ArticlePage, NotAnArticle, text_content
from crawler.pages.detect import check_page
from crawler.pages.fields import strip_title_suffix
from crawler.pages.generic_dates import on_page_day

_TITLE_SEPARATORS = re.compile(r"\s+(?:::|\||[-–—»·])\s+")
# trafilatura is asked for the body only: no metadata (read here), no comments, no images.
BODY_OPTIONS: dict[str, Any] = {
    "output_format": "python",
    "comments": False,
    "tables": True,
    "images": False,
    "dedup": False,
}
_FAST_BODY = Extractor(fast=True, **BODY_OPTIONS)
_FULL_CASCADE = Extractor(fast=False, **BODY_OPTIONS)
# Below this share of the page's text (and this length) the fast body is retried in full.
SHORT_BODY_SHARE = 0.2
SHORT_BODY_CHARS = 1000
_PUBLISHED_META = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "article:published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "citation_publication_date",
)
_MODIFIED_META = ("article:modified_time", "datemodified", "og:updated_time", "dcterms.modified")
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
# A visible date line: a short element whose class or id says date, with a four-digit year.
_DATE_WORDS = ("date", "Date", "time", "publish", "posted", "datum", "Datum")
_DATE_CLASS = re.compile("|".join(_DATE_WORDS))
_DATE_TAGS = ("span", "div", "p", "time", "small")
# Attribute-node scans: libxml2 walks the attributes once instead of testing every element
# against each predicate (a third of the time on a median page).
_BYLINE = etree.XPath(
    "//@class[contains(., 'author') or contains(., 'Author') or contains(., 'byline')"
    " or contains(., 'Byline')]/.. | //@id[contains(., 'author')]/.. | //@rel[. = 'author']/.."
    " | //@data-testid[contains(., 'byline')]/..",  # component test ids name bylines too
    smart_strings=False,
)
# "By", "Von", "Par", "Por", "Di", "Door" ... a byline's leading word, and its edge punctuation.
_BYLINE_WORDS = "by|von|par|por|di|door|av|af|przez"
_BYLINE_PREFIX = re.compile(
    rf"^\s*(?:(?:\w+ )?(?:{_BYLINE_WORDS}|от)|author|autor|auteur)\b[:\s]*", re.I
)
_NAME_EDGES = " |,;:-–—·•/()"
MAX_BYLINE_WORDS = 4
MIN_H1_WORDS = 2  # a one-word <h1> names the site or section, not the story
MIN_TEASERS = 4
# A front page whose headlines each stand over this many words of text shows whole posts
# (a blog's home page), not teasers: it is read as an article.
MIN_POST_WORDS = 300
_ARTICLES = etree.XPath("count(//article)")
_LINKED_HEADS = etree.XPath("count(//h2[.//a] | //h3[.//a])")
# A <noscript> holding more text than this swallowed the page (libxml2 nests everything
# after an unclosed one inside it): its content stays. Smaller ones go, as on every layout.
MAX_NOSCRIPT_CHARS = 1000
_SUBHEADS = etree.XPath("(//h2 | //h3)[normalize-space()][position() <= 1]", smart_strings=False)
_ITEMPROP = etree.XPath(
    "//@itemprop[. = 'author' or . = 'datePublished' or . = 'dateModified']/..",
    smart_strings=False,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_URL_DAY = re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/")
MAX_DATE_LINE = 80
MAX_DATE_LINES = 3
MAX_AUTHOR_CHARS = 120
# Whole-tree structural scans (bylines, teasers, link texts, date lines) are single libxml2
# calls that the extraction budget cannot interrupt: pages larger than any real article
# page skip them (they still get trafilatura's body, which the budget does bound).
MAX_SCAN_CHARS = 2_000_000


def html_element_parser(**options: Any) -> etree.HTMLParser:
    """An HTML parser whose elements are all ``lxml.html.HtmlElement`` (what trafilatura and
    htmldate take as they are), chosen in C.

    ``lxml.html.HTMLParser`` asks a Python method for the class of every element proxy it
    makes (to give ``<form>``, ``<input>``, ``<select>``, ``<textarea>`` and ``<label>``
    their own classes, which neither library uses): 0.4 million calls on the 130
    readability test pages, 8% of the generic page's time."""
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, **options)
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


_HTML_PARSER = html_element_parser()
_HTML_UTF8_PARSER = html_element_parser(encoding="utf-8")


def drop_noscripts(tree: _Element) -> None:
    """Remove the ``<noscript>`` elements (their tails stay), except one that swallowed the
    page: that one's tag goes and its content stays."""
    for element in list(tree.iter("noscript")):
        if element.getparent() is None:
            continue
        if sum(len(text) for text in element.itertext()) > MAX_NOSCRIPT_CHARS:
            element.drop_tag()
        else:
            element.drop_tree()


_WITH_DATA_URI = etree.XPath("//*[@*[starts-with(normalize-space(.), 'data:')]]")


def drop_data_uris(tree: _Element) -> None:
    """Empty every attribute whose value is a ``data:`` URI (an inlined image or font)."""
    for element in _WITH_DATA_URI(tree):
        for name, value in element.attrib.items():
            if value.lstrip().startswith("data:"):
                element.set(name, "")


# The sources whose UTC timestamps are put on the page's day; the machine dates that can
# tell the page's zone; the texts that can tell its day (visible ones first). A visible
# date line's offset is never the page's own (a text without one is read on the outlet's clock).
_STAMPED = frozenset({"json-ld", "meta", "microdata"})
_ZONE_SOURCES = ("time", "meta", "microdata")
_DAY_SOURCES = ("url", "time", "date-line", "meta", "microdata")


_Readers = list[tuple[str, Callable[[], str | None]]]


def _on_page_day(
    read: Callable[[], str | None], zones: _Readers, later: _Readers
) -> Callable[[], str | None]:
    """``read``, a UTC timestamp put on the page's day: in the zone a machine date states
    (``zones``: their texts as written, an offset the page gave), else on the day a later
    source names."""

    def texts(names: tuple[str, ...], readers: _Readers) -> Iterator[str | None]:
        for name in names:
            for source, reader in readers:
                if source == name:
                    yield reader()

    return lambda: on_page_day(read(), texts(_ZONE_SOURCES, zones), texts(_DAY_SOURCES, later))


def _normalized(read: Callable[[], str | None]) -> Callable[[], str | None]:
    return lambda: normalize_date_text(read())


def extract_body(tree: _Element, url: str, options: Extractor) -> tuple[_Element | None, str]:
    """trafilatura's body of ``tree`` and its text (``(None, "")`` when it finds none).

    What ``trafilatura.bare_extraction`` does for a body, minus its deep copy of the whole
    tree (0.6 ms on a median page): the cascade runs on our tree, which it prunes in place
    of comment sections and infinite-scroll follow-ups only (it cleans copies for the rest).
    Callers read what they need from the tree before, or after, knowing that."""
    body, text, _, _ = trafilatura_sequence(tree, options, url)
    if options.max_tree_size and len(body) > options.max_tree_size:
        strip_tags(body, "hi")
        if len(body) > options.max_tree_size:
            return None, ""
    if len(text) < options.min_output_size:
        return None, ""
    return body, xmltotxt(body, options.formatting)


def _too_short(text: str, tree: _Element) -> bool:
    """True when trafilatura's fast pass found little of a page that holds much more text."""
    found = len(text)
    if found >= SHORT_BODY_CHARS:
        return False
    words = etree.tostring(tree, method="text", encoding="unicode").split()
    return found < SHORT_BODY_SHARE * (sum(map(len, words)) + len(words))  # text, spaces collapsed


def _byline_name(element: _Element) -> str | None:
    """The name a byline element shows: its (author) link's text when it has one (the label
    and "more posts" around it are not the name), else its text without a leading label;
    one word only from a link, at most four, no digits."""
    links = [text_content(a) for a in element.iter("a")] if element.tag != "a" else []
    linked = next((t for t in links if t), None)
    if linked is None and element.tag == "a":
        linked = text_content(element)
    text = linked or collapse_spaces(" ".join(element.itertext()))
    text = _BYLINE_PREFIX.sub("", text).strip(_NAME_EDGES)
    return text if _name_sized(text, 1 if linked else 2) else None


def _name_sized(text: str, min_words: int = 1) -> bool:
    """``min_words`` to ``MAX_BYLINE_WORDS`` words, no digit, "@" or ":"."""
    words = text.split()
    return min_words <= len(words) <= MAX_BYLINE_WORDS and not any(
        c.isdigit() or c in "@:" for c in text
    )


# A byline printed as a line of its own: "By Ana Reyes", "von Daniela Obers", "Par Jean
# Dupont" (the leading word is required here: a bare name line is too often something else).
_BYLINE_LINE = re.compile(rf"(?:{_BYLINE_WORDS})\s+(.+)", re.I)
MAX_BYLINE_LINE_BLOCKS = 3


def _byline_line(blocks: list[tuple[str, str]]) -> tuple[str | None, list[tuple[str, str]]]:
    """The author named by one of the first body lines that is nothing but a byline (the
    leading word, then one to four capitalised words, no digits), and the blocks without
    that line; ``(None, blocks)`` when none is."""
    for index, (_, text) in enumerate(blocks[:MAX_BYLINE_LINE_BLOCKS]):
        match = _BYLINE_LINE.fullmatch(text.strip().strip(_NAME_EDGES))
        if not match:
            continue
        name = match.group(1).strip(_NAME_EDGES)
        names = _NAME_LIST_SPLIT.split(name)
        if len(names) <= MAX_BYLINE_NAMES and all(map(_looks_like_a_name, names)):
            return ", ".join(names), blocks[:index] + blocks[index + 1 :]  # as JSON-LD's
    return None, blocks


def _looks_like_a_name(text: str) -> bool:
    """One to four words, each capitalised (but particles: "de", "van", "von" ...), no
    digits."""
    return _name_sized(text) and all(
        w[:1].isupper() for w in text.split() if w.lower() not in _NAME_PARTICLES
    )


_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "la", "le"})
# "Ana Reyes and Jan de Vries", "A, B und C": the names of a byline line
_NAME_LIST_SPLIT = re.compile(r"\s*(?:,|&|\b(?:and|und|et|y|e|en|og|och)\b)\s*")
MAX_BYLINE_NAMES = 3


def _date_marked(tree: _Element) -> Iterator[_Element]:
    """Short-text elements whose class or id says date (a walk over those tags is four
    times faster than the equivalent XPath)."""
    for element in tree.iter(*_DATE_TAGS):
        for value in (element.get("class"), element.get("id")):
            if value and _DATE_CLASS.search(value):
                yield element
                break


def _in_comments(element: _Element) -> bool:
    """The element, or one around it, is marked (class or id) as a comment section."""
    for node in (element, *element.iterancestors()):
        if "comment" in (node.get("class") or "") or "comment" in (node.get("id") or ""):
            return True
    return False


def _squash(text: str) -> str:
    """Letters and digits only, case-folded: ``"The Highland Courier"`` ~ ``highlandcourier``."""
    squashed = "".join(c for c in text.casefold() if c.isalnum())
    return squashed.removeprefix("the")


MIN_PROSE_SHARE = 0.85
MIN_PROSE_WORDS = 1


def _first_line_if_prose(blocks: list[tuple[str, str]], limit: int = 120) -> str | None:
    """The body's first line (cut near ``limit`` characters) when the body reads as prose:
    mostly letters and spaces (binary served as HTML does not), even a single word."""
    text = " ".join(t for _, t in blocks)
    letters = sum(c.isalpha() or c.isspace() for c in text)
    first = blocks[0][1]
    if len(first.split()) < MIN_PROSE_WORDS or letters < MIN_PROSE_SHARE * len(text):
        return None
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


class GenericPage(ArticlePage):
    """Any article page: our metadata, trafilatura's body."""

    layout: ClassVar[str] = "generic"
    version: ClassVar[str] = "trafilatura"
    parser = _HTML_PARSER
    utf8_parser = _HTML_UTF8_PARSER
    # a <form> can wrap a whole page (ASP.NET and many CMSs): trafilatura decides what goes;
    # a <noscript> can too (drop_noscripts)
    non_text_tags = tuple(t for t in ArticlePage.non_text_tags if t not in ("form", "noscript"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drop_noscripts(self.tree)

    def to_raw(self) -> RawArticle:
        at_root = (urlsplit(self.url).path or "/") == "/"
        check_page(
            self.url, self.html, self.page_source, root_is_listing=at_root and self._has_teasers()
        )
        sources: dict[str, str] = {}
        title = self._title(sources)
        byline = self._author(sources)
        tags = self._tags()
        published = self._published()
        modified = SourcedTexts(
            ("json-ld", _normalized(lambda: self.ld_text("dateModified"))),
            ("meta", _normalized(lambda: self.meta(*_MODIFIED_META))),
            ("microdata", _normalized(lambda: self._itemprop_date("dateModified"))),
        )
        blocks = self._body()  # last: trafilatura works on a copy, our reads are done
        if not byline:  # a byline printed as one of the story's first lines ("By Ana Reyes")
            byline, blocks = _byline_line(blocks)
            if byline:
                sources["authors"] = "body-line"
        if blocks and not title:  # an untitled text: its first heading, or line, stands in
            title = self._first_heading() or _first_line_if_prose(blocks)
            sources["title"] = "first-heading"
        if not blocks or not title:
            raise NotAnArticle("no_body", f"no article text at {self.url}")
        sources["body"] = "generic"
        return RawArticle(
            url=self.url,
            canonical_url=self.canonical_url(),
            title=title,
            blocks=blocks,
            extraction_method=self.extraction_method,
            section=self.meta("article:section") or self._ld_section(),
            byline_raw=byline,
            published_raw=published,
            updated_raw=modified,
            tags=tags,
            language=self._lang() or "en",
            field_sources=sources,
        )

    def _ld_section(self) -> str | None:
        """JSON-LD ``articleSection``: a string, or the first of a list (Yoast writes a list)."""
        value = self.ld_article.get("articleSection")
        value = value[0] if isinstance(value, list) and value else value
        return (value.strip() or None) if isinstance(value, str) else None

    def _has_teasers(self) -> bool:
        """A front page is a listing when it shows teasers: several ``<article>`` cards or
        several linked headlines with little text each (a single page at a site's root, or
        a blog's home page showing whole posts, is not refused for that)."""
        if not self._scannable:
            return True
        teasers = max(_ARTICLES(self.tree), _LINKED_HEADS(self.tree))
        if teasers < MIN_TEASERS:
            return False
        words = len(etree.tostring(self.tree, method="text", encoding="unicode").split())
        return words < MIN_POST_WORDS * teasers

    # --- body -----------------------------------------------------------------------------
    def _body(self) -> list[tuple[str, str]]:
        """trafilatura's body as blocks: crossheads as ``"h"``, each table cell a block."""
        links = self._link_texts()  # first: trafilatura prunes the tree it is given
        body, text = extract_body(self.tree, self.url, _FAST_BODY)
        if _too_short(text, self.tree):  # its fast path missed the text: the full cascade
            full = extract_body(self.tree, self.url, _FULL_CASCADE)
            body, text = full if full[0] is not None else (body, text)
        if body is None:
            return []
        heads = {text_content(h) for h in body.iter("head")}
        blocks: list[tuple[str, str]] = []
        for line in text.split("\n"):
            line = line.strip()
            cells = [c.strip() for c in line.strip("|").split(" | ")] if line[:1] == "|" else [line]
            blocks += [("h" if cell in heads else "p", cell) for cell in cells if cell]
        return drop_closing_links(drop_link_inserts(blocks, links), links)

    def _link_texts(self) -> frozenset[str]:
        """The texts of the page's links of three words or more."""
        texts = (text_content(a) for a in (self.tree.iter("a") if self._scannable else ()))
        return frozenset(t for t in texts if t.count(" ") >= 2)

    # --- title ----------------------------------------------------------------------------
    def _title(self, sources: dict[str, str]) -> str | None:
        """The headline: JSON-LD's, ``og:title``, the ``<h1>``, then ``<title>``; an ``<h1>``
        of one word is a site or section label (a logo, "Lorem", "Menu") when the page has
        a ``<title>``. The site's name is dropped (``_without_site_name``)."""
        for source, read in (
            ("json-ld", lambda: self.ld_text("headline")),
            ("meta", lambda: self.meta("og:title", "twitter:title", "dc.title")),
            ("h1", self._h1),
            ("title", self.html_title),
        ):
            found = read()
            if not found or not found.strip():
                continue
            if source == "h1" and len(found.split()) < MIN_H1_WORDS and self._has_title:
                continue
            sources["title"] = source
            return strip_title_suffix(self._without_site_name(found.strip()))
        return None

    @property
    def _has_title(self) -> bool:
        title = self.html_title()
        return bool(title and title.strip())

    def _first_heading(self) -> str | None:
        for element in _SUBHEADS(self.tree):
            text = text_content(element)
            if text:
                return text
        return None

    def _h1(self) -> str | None:
        for h1 in self.tree.iter("h1"):
            text = text_content(h1)
            if text:
                return text
        return None

    def _without_site_name(self, title: str) -> str:
        """``"Highland Courier :: Baguio sets rule"`` -> ``"Baguio sets rule"``: prefer the
        page's own headline element, else drop the affix that names the site."""
        for h1 in self.tree.iter("h1"):
            text = text_content(h1)
            if text and len(text) >= 0.5 * len(title) and text in title:
                return text
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
        if len(parts) < 2:
            return title
        names = self._site_names()
        if _squash(parts[-1]) in names:  # "Headline | Site"
            return title[: title.rfind(parts[-1])].rstrip(" :|-–—»·")
        if _squash(parts[0]) in names:
            return title[title.find(parts[1]) :]
        return title

    def _site_names(self) -> set[str]:
        """The site's names, squashed: ``og:site_name``, ``application-name``, the host."""
        host = urlsplit(self.url).hostname or ""
        labels = [label for label in host.split(".") if label not in ("www", "m")]
        names = {_squash(self.meta(key) or "") for key in ("og:site_name", "application-name")}
        names |= {_squash(".".join(labels)), _squash(".".join(labels[:-1]))}
        names |= {_squash(label) for label in labels[:-1]}
        return names - {""}

    # --- authors --------------------------------------------------------------------------
    def _author(self, sources: dict[str, str]) -> str | None:
        for source, read in (
            ("json-ld", self._ld_author),
            ("meta", lambda: self._plausible_author(self.meta(*_AUTHOR_META))),
            ("microdata", self._itemprop_author),
            ("byline", self._byline_element),
        ):
            found = read()
            if found:
                sources["authors"] = source
                return found
        return None

    def _ld_author(self) -> str | None:
        author = self.ld_article.get("author")
        items = author if isinstance(author, list) else [author]
        names = [
            a.get("name") if isinstance(a, dict) else a
            for a in items
            if not (isinstance(a, dict) and a.get("@type") == "Organization")  # the publisher
        ]
        joined = ", ".join(n.strip() for n in names if isinstance(n, str) and n.strip())
        return self._plausible_author(joined)

    @staticmethod
    def _plausible_author(text: str | None) -> str | None:
        """A name list, not a URL, a handle or a paragraph."""
        if not text or len(text) > MAX_AUTHOR_CHARS or "://" in text or text.startswith("@"):
            return None
        return text

    def _byline_element(self) -> str | None:
        """The first short name-like text marked as the author (``rel=author``, a class or id
        naming author or byline), outside comment sections."""
        for element in _BYLINE(self.tree) if self._scannable else ():
            if _in_comments(element):
                continue
            name = _byline_name(element)
            if name:
                return name
        return None

    def _itemprop_author(self) -> str | None:
        for element in self._itemprops("author"):
            names = [e for e in element.iter() if e.get("itemprop") == "name"]
            text = text_content(names[0]) if names else text_content(element)
            if self._plausible_author(text):
                return text
        return None

    def _itemprops(self, name: str) -> list[_Element]:
        return [e for e in self._all_itemprops if e.get("itemprop") == name]

    @cached_property
    def _all_itemprops(self) -> list[_Element]:
        """The elements with an ``itemprop`` (one scan for authors and both dates)."""
        return _ITEMPROP(self.tree) if self._scannable else []  # type: ignore[no-any-return]

    @cached_property
    def _scannable(self) -> bool:
        return len(self.html) <= MAX_SCAN_CHARS

    # --- dates ----------------------------------------------------------------------------
    def _published(self) -> SourcedTexts:
        """Publication date texts, best first; htmldate's search is read only when none of them
        gives a plausible date (the last resort)."""
        readers: list[tuple[str, Callable[[], str | None]]] = [
            ("json-ld", lambda: self.ld_text("datePublished")),
            ("json-ld", lambda: self._ld_any("datePublished")),
            ("meta", lambda: self.meta(*_PUBLISHED_META)),
            ("microdata", lambda: self._itemprop_date("datePublished")),
            ("time", self._time_element),
        ]
        readers += [("date-line", lambda i=i: self._date_line(i)) for i in range(MAX_DATE_LINES)]
        # read without a language guess (ISO, RFC 2822, numeric, the fast English path):
        # what needs one is htmldate's job
        zones = [(name, read) for name, read in readers if name in _ZONE_SOURCES]  # as written
        readers = [(name, _normalized(read)) for name, read in readers]
        readers.append(("url", self._url_date))
        # a UTC timestamp is put on the day the page writes (a later source's day)
        readers = [
            (name, _on_page_day(read, zones, readers[index + 1 :]) if name in _STAMPED else read)
            for index, (name, read) in enumerate(readers)
        ]
        return SourcedTexts(*readers, last_resort=("htmldate", self._htmldate))

    def _ld_any(self, key: str) -> str | None:
        """``key`` of any other JSON-LD object (a WebPage's, when no article is typed)."""
        for obj in self.ld_objects:
            if obj is self.ld_article:
                continue
            value = obj.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    def _itemprop_date(self, name: str) -> str | None:
        for element in self._itemprops(name):
            value = element.get("content") or element.get("datetime") or text_content(element)
            if value and value.strip():
                return value.strip()
        return None

    def _time_element(self) -> str | None:
        for element in self.tree.iter("time"):
            value = (element.get("datetime") or "").strip()
            if value:
                return value
        return None

    def _date_line(self, index: int) -> str | None:
        lines = self._date_lines
        return lines[index] if index < len(lines) else None

    @cached_property
    def _date_lines(self) -> list[str]:
        """Up to three short visible texts marked as dates (by class or id) with a year."""
        found: list[str] = []
        for element in _date_marked(self.tree) if self._scannable else ():
            text = text_content(element)
            if text and len(text) <= MAX_DATE_LINE and _YEAR.search(text):
                found.append(text)
                if len(found) >= MAX_DATE_LINES:
                    break
        return found

    def _url_date(self) -> str | None:
        match = _URL_DATE.search(self.url) or _URL_DAY.search(self.url)
        return "-".join(match.groups()) if match else None

    def _htmldate(self) -> str | None:
        """htmldate's date: its quick search first (no free-text date parser), the
        extensive one only when that finds nothing (a page's date text in words).

        Read last (the date stage's last resort, after every other read of the tree): the
        ``data:`` URIs go first. An inlined image is never a date, but its base64 holds
        digit runs that htmldate's page-wide patterns read as one, slowly (a 60 kB one
        cost 25 ms and gave a made-up date)."""
        drop_data_uris(self.tree)
        for extensive in (False, True):
            found = find_date(
                self.tree,
                url=self.url,
                original_date=True,
                extensive_search=extensive,
                max_date=self.now,  # the crawl's clock (None: htmldate's today)
            )
            if found:
                return found
        return None

    # --- the rest -------------------------------------------------------------------------
    def _tags(self) -> list[str]:
        tags = [
            (meta.get("content") or "").strip()
            for meta in self.tree.iter("meta")
            if (meta.get("property") or meta.get("name") or "").lower() == "article:tag"
        ]
        keywords = self.ld_article.get("keywords")
        if not tags and isinstance(keywords, list):
            tags = [k.strip() for k in keywords if isinstance(k, str)]
        elif not tags and isinstance(keywords, str):
            tags = [k.strip() for k in keywords.split(",")]
        return list(dict.fromkeys(t for t in tags if t))

    def _lang(self) -> str | None:
        lang = (self.tree.get("lang") or "").strip().lower()
        return lang.split("-")[0] if lang else None
