"""The page limits' fast paths give exactly what the plain regex rewrites give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.pages.limits import (
    _ATTRIBUTE,
    _CONTROL,
    _LONG_TAG,
    MAX_ATTRIBUTES,
    _trimmed_tag,
    limit_attributes,
    strip_control_bytes,
    strip_control_chars,
)


def _slow_limit(html: str) -> str:
    """The plain rewrite the fast path must equal: one regex substitution over the page."""

    def trim(match: re.Match[str]) -> str:
        return _trimmed_tag(match, _ATTRIBUTE) or match.group(0)

    return html if len(html) < 1024 else _LONG_TAG.sub(trim, html)


def _tag(count: int, name: str = "div") -> str:
    return f"<{name} " + " ".join(f"a{i}=x" for i in range(count)) + ">"


LIMIT_CASES = {
    "plain page": "<html><body>" + "<p>text &gt; more</p>" * 200 + "</body></html>",
    "long text, no long tag": "<p>" + "w " * 2000 + "</p>",
    "long script with angle brackets": "<script>" + "if (a < b) { c > d }" * 300 + "</script>",
    "long tag, few attributes": "<p>x</p><div data-x='" + "y" * 5000 + "'>z</div>",
    "tag past the limit": "<p>x</p>" + _tag(MAX_ATTRIBUTES + 50) + "body</div>",
    "tag past the limit, last on the page": "<p>x</p>" * 200 + _tag(3000),
    "two long tags": _tag(400, "span") + "a</span>" + _tag(300) + "b</div>",
    "bare attributes": "<div " + " ".join(f"b{i}" for i in range(600)) + ">q</div>",
}


@pytest.mark.parametrize("name", LIMIT_CASES)
def test_limit_attributes_equals_the_regex_rewrite(name: str) -> None:
    html = LIMIT_CASES[name]
    assert limit_attributes(html) == _slow_limit(html)


def test_a_tag_past_the_limit_keeps_its_first_attributes() -> None:
    out = limit_attributes("<p>x</p>" * 200 + _tag(1000) + "t</div>")
    assert out.count("=x") == MAX_ATTRIBUTES
    assert f"a{MAX_ATTRIBUTES - 1}=x" in out and f"a{MAX_ATTRIBUTES}=x" not in out


_html_chars = st.sampled_from(list("<>ab =\"' \n/") + ["<div ", "a1=x ", "x" * 50, ">" * 3])


@settings(max_examples=300)
@given(st.lists(_html_chars, max_size=400).map("".join))
def test_limit_attributes_equals_the_regex_rewrite_on_any_markup(html: str) -> None:
    assert limit_attributes(html) == _slow_limit(html)


CONTROL_CASES = {
    "clean": ("<p>héllo\tworld\r\n</p>", "<p>héllo\tworld\r\n</p>"),
    "NUL": ("a\x00b", "ab"),
    "C0 controls": ("\x01a\x08\x0b\x0c\x1fb", "ab"),
    "noncharacters": ("a\ufffeb\uffffc", "abc"),
    "lone surrogate is kept for the decoder": ("a\ud800b", "a\ud800b"),
    "DEL and C1 stay": ("a\x7f\x85b", "a\x7f\x85b"),
}


@pytest.mark.parametrize("name", CONTROL_CASES)
def test_strip_control_chars(name: str) -> None:
    raw, expected = CONTROL_CASES[name]
    assert strip_control_chars(raw) == expected


@settings(max_examples=300)
@given(st.text())
def test_strip_control_chars_equals_the_regex(text: str) -> None:
    assert strip_control_chars(text) == _CONTROL.sub("", text)


@settings(max_examples=300)
@given(st.lists(_html_chars, max_size=400).map("".join))
def test_limit_attributes_on_bytes_equals_it_on_text(html: str) -> None:
    """ASCII markup: the UTF-8 path (what ArticlePage parses) cuts what the text path cuts."""
    assert limit_attributes(html.encode("utf-8")) == limit_attributes(html).encode("utf-8")


def test_limit_attributes_on_bytes_keeps_multibyte_characters_whole() -> None:
    tag = "<div " + " ".join(f"té{i}='—{i}'" for i in range(MAX_ATTRIBUTES + 40)) + ">"
    html = "<p>café</p>" + tag + "über</div>"
    out = limit_attributes(html.encode("utf-8")).decode("utf-8")  # raises if a character was cut
    assert out == limit_attributes(html)
    assert f"té{MAX_ATTRIBUTES - 1}='—{MAX_ATTRIBUTES - 1}'" in out
    assert f"té{MAX_ATTRIBUTES}=" not in out and out.endswith(">über</div>")


def test_limit_attributes_returns_the_page_itself_when_nothing_is_cut() -> None:
    for name in ("long tag, few attributes", "long script with angle brackets", "plain page"):
        for html in (LIMIT_CASES[name], LIMIT_CASES[name].encode("utf-8")):
            assert limit_attributes(html) is html
    cut = LIMIT_CASES["tag past the limit"]
    assert limit_attributes(cut) != cut


@settings(max_examples=300)
@given(
    st.lists(
        _html_chars
        | st.sampled_from(
            ["\u2014", "\u2019", "\x00", "\x1f", "\ufffe", "\uffff", "\uffbe", "\x0b"]
        )
        | st.text(max_size=5),
        max_size=200,
    ).map("".join)
)
def test_strip_control_bytes_equals_strip_control_chars(text: str) -> None:
    """On UTF-8 bytes the strip removes exactly the characters the text strip removes."""
    data = text.encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:  # a lone surrogate: such bytes never reach the byte path
        return
    assert strip_control_bytes(data).decode("utf-8") == strip_control_chars(text)


@pytest.mark.parametrize("name", [n for n in CONTROL_CASES if "surrogate" not in n])
def test_strip_control_bytes(name: str) -> None:  # a lone surrogate is not UTF-8
    raw, expected = CONTROL_CASES[name]
    data = raw.encode("utf-8")
    out = strip_control_bytes(data)
    assert out.decode("utf-8") == expected
    assert (out is data) is (raw == expected)  # a clean page is not copied


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        (
            ['{"@type": "NewsArticle", "headline": "A"}'],
            [{"@type": "NewsArticle", "headline": "A"}],
        ),
        # a list of objects, and an @graph, are flattened in page order
        (
            ['[{"@type": "WebPage"}, {"@graph": [{"@type": "Person"}, {"@type": "Article"}]}]'],
            [{"@type": "WebPage"}, {"@type": "Person"}, {"@type": "Article"}],
        ),
        # a block that is not JSON is skipped; scalars and non-objects in a graph are dropped
        (["{not json", '{"@graph": [1, "x", {"@type": "Article"}]}', "3"], [{"@type": "Article"}]),
        # an XHTML CDATA wrapper comes off
        (['<![CDATA[{"@type": "Article"}]]>'], [{"@type": "Article"}]),
        ([], []),
    ],
)
def test_json_ld_objects_flattens_every_block(blocks: list[str], expected: list[dict]) -> None:
    from crawler.pages.limits import json_ld_objects

    assert json_ld_objects(blocks) == expected
