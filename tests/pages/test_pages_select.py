"""Selector.select (the page's id/class index) answers exactly what lxml's CSSSelector answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from crawler.pages import dom
from crawler.pages.base import ArticlePage, IdSelector, css, declared_selectors
from crawler.pages.generic import GenericPage
from crawler.pages.inquirer import InquirerDefaultPage
from crawler.pages.registry import INQUIRER_LAYOUTS
from crawler.pages.select import Selector, TreeIndex, _split_union
from tests.support.paths import FIXTURE_PAGES

PAGES = sorted(FIXTURE_PAGES.glob("*/*/page.html"))


def _layout_selectors() -> dict[str, Selector]:
    found: dict[str, Selector] = {"dom._CAPTIONS": dom._CAPTIONS, "EMBEDS": css(dom.EMBEDS)}
    for layout in (*INQUIRER_LAYOUTS, GenericPage):
        found.update((item.css, item) for item in declared_selectors(layout, Selector))
    return found


SELECTORS = _layout_selectors()


def test_the_layouts_declare_their_selectors_as_selectors() -> None:
    assert len(SELECTORS) > 40
    assert any(sel.parts[0].kind == "#" for sel in SELECTORS.values())
    assert any(sel.parts[0].kind == "." for sel in SELECTORS.values())
    assert any(not sel.parts[0].kind for sel in SELECTORS.values())


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_every_layout_selector_on_every_fixture_page(path: Path) -> None:
    tree = ArticlePage("https://newsinfo.inquirer.net/1/x", path.read_bytes()).tree
    index = TreeIndex(tree)
    matched = 0
    for text, selector in SELECTORS.items():
        expected = selector.full(tree)
        assert selector.select(tree, index) == expected, text
        matched += bool(expected)
    assert matched >= 1  # the comparison is not between empty lists only


TRICKY = """<html id="top" class="page"><body>
<div id="a" class="box  outer"><p>1</p><div id="a" class="box"><p>2</p><span><p>3</p></span></div><p>4</p></div>
<div class="box&#9;tabbed&#10;lined"><p>5</p></div>
<div class="box\u00a0nbsp"><p>6</p></div>
<ul class="x,y"><li>7</li></ul><p class="a:b">8</p>
<div id="b"><p class="lead">9</p><div class="lead"><p>10</p></div></div>
</body></html>"""

TRICKY_SELECTORS = [
    "#a p",
    "#a > p",
    "#a > div > p",
    "#a span p",
    ".box p",
    ".box > p",
    ".tabbed p",
    ".lined",
    "div.box",
    "p.box",
    "#top",
    "#top > body",
    ".page div",
    "#a, #b",
    "#b p, #a p",
    "#a p, p",
    ".lead, #b p",
    "#b .lead p",
    "ul[class='x,y'] li, #b > p",
    ".a\\:b",
    "#missing p, .box > p",
    "*#a > p",
    "div#b p",
    ".box\u00a0nbsp p",
    "p",
    "#a div, .box",
]


@pytest.mark.parametrize("text", TRICKY_SELECTORS)
def test_tricky_markup(text: str) -> None:
    """Nested duplicate ids and classes, child combinators, unions that overlap, the root's
    own id, tab- and newline-separated classes, escapes and commas inside brackets."""
    tree = etree.fromstring(TRICKY, etree.HTMLParser())
    selector = Selector(text)
    assert selector.select(tree, TreeIndex(tree)) == selector.full(tree)


def test_split_union_keeps_commas_inside_brackets_and_quotes() -> None:
    assert _split_union("a, b[x='1,2'] , :is(c,d)") == ["a", " b[x='1,2'] ", " :is(c,d)"]


def test_an_index_reads_ids_and_class_tokens_in_document_order() -> None:
    tree = etree.fromstring(TRICKY, etree.HTMLParser())
    index = TreeIndex(tree)
    assert [e.get("class") for e in index.ids["a"]] == ["box  outer", "box"]
    assert len(index.classes["box"]) == 3 and "tabbed" in index.classes and "lined" in index.classes
    assert "box\u00a0nbsp" in index.classes  # XPath does not split at a no-break space either


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_the_batched_id_lookup_answers_like_one_lookup_per_id(path: Path) -> None:
    found = 0
    for layout in (*INQUIRER_LAYOUTS, GenericPage):
        page = layout("https://newsinfo.inquirer.net/1/x", path.read_bytes())
        for selector in declared_selectors(layout, IdSelector):
            expected = selector(page.tree)
            assert page.select(selector) == expected, (layout.__name__, selector.name)
            found += bool(expected)
    if InquirerDefaultPage.matches(path.read_text("utf-8", "replace")):
        assert found  # default-theme pages carry the ids: the comparison is not of empty lists


def test_the_batched_id_lookup_with_duplicate_and_spaced_ids() -> None:
    html = (
        "<html><body><div id='art_author'>first</div><div id='art_author'>second</div>"
        "<div id=' art_plat '>spaced</div><div id='art_plat'>plain</div>"
        "<div id='article_tags'><a>one</a><a>two</a></div></body></html>"
    )
    page = InquirerDefaultPage("https://newsinfo.inquirer.net/1/x", html)
    for selector in declared_selectors(InquirerDefaultPage, IdSelector):
        assert page.select(selector) == selector(page.tree), selector.name
    assert page.first_text(InquirerDefaultPage._author_selector) == "first"
    assert [a.text for a in page.select(InquirerDefaultPage._tags_selector)] == ["one", "two"]
