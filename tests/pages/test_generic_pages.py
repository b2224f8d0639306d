"""The generic page on markup seen on real pages of other sites: a ``<noscript>`` that
swallowed the page, a blog's home page showing whole posts, bylines inside comment sections.
Small hand-written pages; the expectations are read off them."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest

from crawler.pages import NotAnArticle, extract_article
from crawler.pages.generic import drop_noscripts

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
URL = "https://www.example-news.org/story/harbour-bridge-reopens"
LONG = "The harbour bridge reopened to traffic this week after two years of repairs. " * 20


def extract(html: str, url: str = URL):  # type: ignore[no-untyped-def]
    return extract_article(url, html.encode("utf-8"), "text/html; charset=utf-8", now=NOW)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a pixel or a "turn on JavaScript" note goes, the text after it stays
        ("<p>Before</p><noscript><img src='/px.gif'></noscript>After", "Before After"),
        ("<p>A</p><noscript><p>Please enable JavaScript.</p></noscript><p>B</p>", "A B"),
        # a noscript holding more than 1,000 characters swallowed the page: its text stays
        (f"<noscript><div><p>{LONG.strip()}</p></div></noscript>", LONG.strip()),
        # nested: the inner small one goes with the outer one
        ("<noscript>x<noscript><img></noscript></noscript><p>Kept</p>", "Kept"),
    ],
)
def test_drop_noscripts(body: str, expected: str) -> None:
    tree = lxml.html.fromstring(f"<html><body>{body}</body></html>")
    drop_noscripts(tree)
    assert " ".join(" ".join(tree.itertext()).split()) == expected


def test_a_page_inside_an_unclosed_noscript_keeps_its_text() -> None:
    # libxml2 nests everything after an unclosed <noscript> (closed by a </div>) inside it
    html = (
        "<html><head><title>Bears counted</title></head><body>"
        "<noscript><div><img src='/px.gif'></div></noscript-missing></div>"
        f"<div id='main'><h1>Bears counted</h1><p>{LONG}</p><p>{LONG}</p></div></body></html>"
    ).replace("</noscript-missing>", "")
    item = extract(html)
    assert item.title == "Bears counted"
    assert "two years of repairs" in item.body


def _post(n: int) -> str:
    return f"<h2><a href='/post/{n}'>Post number {n}</a></h2><p>{LONG}</p><p>{LONG}</p>"


def test_a_blog_home_page_with_whole_posts_is_read_as_an_article() -> None:
    # five linked headlines, each over two paragraphs of 280 words: posts, not teasers
    html = (
        "<html><head><title>Harbour diary</title></head><body>"
        f"<div id='posts'>{''.join(_post(n) for n in range(5))}</div></body></html>"
    )
    item = extract(html, "https://harbour-diary.example.org/")
    assert "two years of repairs" in item.body


def test_a_front_page_of_short_teasers_is_still_a_listing() -> None:
    teasers = "".join(
        f"<h2><a href='/s/{n}'>Story {n}</a></h2><p>{LONG[:200]}</p>" for n in range(8)
    )
    html = f"<html><head><title>Example News</title></head><body>{teasers}</body></html>"
    with pytest.raises(NotAnArticle) as refused:
        extract(html, "https://www.example-news.org/")
    assert refused.value.reason == "listing"


@pytest.mark.parametrize(
    ("byline_markup", "expected"),
    [
        # a reader's name in the comment section is not the author; the story's byline is
        (
            "<div id='comments'><span class='comment-author'>Jo Bloggs</span></div>"
            "<p class='byline'>By <a href='/staff/ana'>Ana Reyes</a></p>",
            ["Ana Reyes"],
        ),
        ("<div class='comment-list'><p class='author'>Jo Bloggs</p></div>", []),
        # marked by id, by rel
        ("<div id='author-box'>Ana Reyes</div>", ["Ana Reyes"]),
        ("<p>Written by <a rel='author' href='/a'>Ana Reyes</a></p>", ["Ana Reyes"]),
        ("<div class='Byline'>Von Jana Schmidt</div>", ["Jana Schmidt"]),
    ],
)
def test_byline_elements_outside_comments(byline_markup: str, expected: list[str]) -> None:
    html = (
        "<html><head><title>Harbour bridge reopens</title></head><body><article>"
        f"<h1>Harbour bridge reopens</h1><p>{LONG}</p><p>{LONG}</p></article>"
        f"{byline_markup}</body></html>"
    )
    assert extract(html).authors == expected


@pytest.mark.parametrize(
    ("head", "h1", "expected", "source"),
    [
        # a one-word <h1> is the site's or section's label: the <title> is the headline
        (
            "<title>Harbour bridge reopens after repairs</title>",
            "Lorem",
            "Harbour bridge reopens after repairs",
            "title",
        ),
        ("<title>Harbour bridge reopens</title>", "Menu", "Harbour bridge reopens", "title"),
        # an <h1> of two words or more is the headline
        ("<title>Example News</title>", "Bridge reopens", "Bridge reopens", "h1"),
        # no <title>: even a one-word <h1> is all there is
        ("", "Reopened", "Reopened", "h1"),
        # og:title comes before both
        (
            "<title>Ignored</title><meta property='og:title' content='Harbour bridge reopens'>",
            "Lorem",
            "Harbour bridge reopens",
            "meta",
        ),
    ],
)
def test_title_sources_and_one_word_headings(
    head: str, h1: str, expected: str, source: str
) -> None:
    html = (
        f"<html><head>{head}</head><body><article><h1>{h1}</h1><p>{LONG}</p><p>{LONG}</p>"
        "</article></body></html>"
    )
    item = extract(html)
    assert item.title == expected
    assert item.field_sources["title"] == source


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # a page whose whole text is one word, with no title anywhere: kept, titled by it
        ("Test", "Test"),
        ("Harbour notes from the week", "Harbour notes from the week"),
    ],
)
def test_an_untitled_page_of_letters_is_titled_by_its_first_line(body: str, title: str) -> None:
    item = extract(f"<html><head></head><body>{body}</body></html>")
    assert item.title == title
    assert item.body == body


def test_binary_served_as_html_is_still_refused() -> None:
    with pytest.raises(NotAnArticle) as refused:
        extract_article(URL, bytes(range(256)) * 400, "text/html", now=NOW)
    assert refused.value.reason == "no_body"
