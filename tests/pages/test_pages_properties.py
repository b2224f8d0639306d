"""Hostile input: extract_article lets only NotAnArticle escape, whatever the bytes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.items import ArticleItem
from crawler.pages import NotAnArticle, extract_article
from tests.support.clock import NOW
from tests.support.paths import FIXTURE_PAGES

CASE = FIXTURE_PAGES / "inquirer/newsinfo_2026_11_27_deped-classrooms-verbena"
PAGE = (CASE / "page.html").read_bytes()
URL = "https://newsinfo.inquirer.net/2231457/deped-2400-classrooms-damaged-by-typhoon-verbena"
TAGS = st.sampled_from(["p", "div", "h1", "h2", "script", "a", "br", "article", "span", "table"])


@st.composite
def html_soup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(TAGS)
        attrs = draw(
            st.sampled_from(
                [
                    "",
                    ' id="FOR_target_content"',
                    ' id="art_plat"',
                    ' class="entry-title"',
                    ' id="art_body_wrap"',
                ]
            )
        )
        parts.append(f"<{tag}{attrs}>{draw(st.text(max_size=40))}")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    return "".join(parts)


def check(url: str, html: str | bytes) -> None:
    try:
        item = extract_article(url, html, now=NOW)
    except NotAnArticle as exc:
        assert exc.reason
        return
    assert isinstance(item, ArticleItem) and item.title and item.body


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    check(URL, data)


@settings(max_examples=150)
@given(html_soup())
def test_tag_soup_with_site_markers(html: str) -> None:
    check(URL, html)


@settings(max_examples=60)
@given(st.integers(0, len(PAGE)), st.binary(max_size=50))
def test_a_real_page_cut_or_spliced_anywhere(cut: int, junk: bytes) -> None:
    check(URL, PAGE[:cut] + junk)


def test_nul_bytes_invalid_utf8_and_deep_nesting() -> None:
    check(URL, PAGE.replace(b"<p>", b"<p>\x00\xff\xfe", 3))
    check(URL, b"<div>" * 100_000 + b"x")
    check(URL, b"<html><head><title>t</title></head><body>" + b"a" * 5_000_000 + b"</body></html>")
