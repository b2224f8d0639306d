"""One parse per page: UTF-8 pages from their bytes, others from their decoded text; same tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from crawler.pages import base
from crawler.pages.base import ArticlePage
from crawler.pages.encoding import decode_page
from tests.support.paths import FIXTURE_PAGES

PAGES = sorted(FIXTURE_PAGES.glob("*/*/page.html"))
URL = "https://newsinfo.inquirer.net/1/x"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_the_tree_from_utf8_bytes_is_the_tree_from_the_text(path: Path) -> None:
    text, utf8 = decode_page(path.read_bytes())
    from_text = etree.tostring(etree.fromstring(text, base._PARSER), encoding="unicode")
    page = ArticlePage(URL, path.read_bytes())
    assert etree.tostring(page.tree, encoding="unicode") == _prepared(from_text)
    if utf8 is not None:
        assert (
            etree.tostring(etree.fromstring(utf8, base._UTF8_PARSER), encoding="unicode")
            == from_text
        )


def _prepared(serialized: str) -> str:
    tree = etree.fromstring(serialized, base._PARSER)
    base.prepare_tree(tree)
    return etree.tostring(tree, encoding="unicode")


def test_a_meta_charset_that_lies_about_utf8_bytes_is_not_believed() -> None:
    html = (
        "<html><head><meta charset='iso-8859-1'><title>Se\u00f1ora \u201cSara\u201d</title></head>"
        "<body><p>Pi\u00f1a \u2014 \U0001f600</p></body></html>"
    )
    page = ArticlePage(URL, html.encode("utf-8"))
    assert page.tree.findtext(".//title") == "Se\u00f1ora \u201cSara\u201d"
    assert page.tree.findtext(".//p") == "Pi\u00f1a \u2014 \U0001f600"


@pytest.mark.parametrize("given", ["text", "latin-1 bytes", "utf-8 bytes"])
def test_an_xhtml_page_with_an_xml_declaration_parses(given: str) -> None:
    """lxml refuses a str that declares an encoding: the declaration of decoded text goes."""
    html = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Ma\u00f1ana</title></head><body><p>Ni\u00f1o</p></body></html>"
    )
    source = {
        "text": html,
        "latin-1 bytes": html.encode("latin-1"),
        "utf-8 bytes": html.encode("utf-8"),
    }[given]
    page = ArticlePage(URL, source)
    assert page.tree.findtext(".//title") == "Ma\u00f1ana"
    assert page.tree.findtext(".//p") == "Ni\u00f1o"


def test_a_page_with_long_tags_parses_from_its_bytes_as_from_its_text() -> None:
    """Real pages have tags past 1,024 characters (srcsets, inline data): the guards run on
    the bytes, and a tag past the attribute limit is cut the same way either way."""
    many = " ".join(f"data-a{i}='\u00e9{i}'" for i in range(400))
    html = (
        "<html><head><title>Caf\u00e9</title></head><body>"
        f"<img srcset='{'x.jpg 1x, ' * 200}' alt='a'><div {many}>Pi\u00f1a\x00 \u2014</div>"
        "</body></html>"
    )
    from_bytes = ArticlePage(URL, html.encode("utf-8"))
    from_text = ArticlePage(URL, html)
    assert from_bytes.utf8 is not None and from_text.utf8 is None
    assert etree.tostring(from_bytes.tree, encoding="unicode") == etree.tostring(
        from_text.tree, encoding="unicode"
    )
    assert from_bytes.html == from_text.html  # the guarded text, NUL gone, tag cut
    div = from_bytes.tree.find(".//div")
    assert len(div.attrib) == 256 and div.text == "Pi\u00f1a \u2014"


def test_the_generic_page_gives_trafilatura_and_htmldate_lxml_html_elements() -> None:
    """Both libraries check ``isinstance(tree, lxml.html.HtmlElement)`` (else they re-parse
    or refuse the tree); form controls are plain ``HtmlElement``s with ``text_content``."""
    import lxml.html

    from crawler.pages.generic import GenericPage

    html = "<html><body><form><label>Name <input name='q'></label></form><p>Text</p></body></html>"
    for source in (html, html.encode("utf-8")):
        page = GenericPage("https://example.org/a", source)
        assert isinstance(page.tree, lxml.html.HtmlElement)
        label = page.tree.find(".//label")
        assert isinstance(label, lxml.html.HtmlElement) and label.text_content() == "Name "
