"""The generic extractor on real pages of other publishers (the development corpora beside
the clone, ``../shared/corpora``; see bench/quality.py). The expectations are the corpora's
own: snippets that must / must not be in the body, author, day, the expected article text.
Skipped when the corpora are absent (CI has them)."""

from __future__ import annotations

import pytest

from bench.quality import (
    Page,
    corpora_dir,
    readability_pages,
    token_f1,
    trafilatura_pages,
)
from crawler.pages import extract_article

CORPORA = corpora_dir()
pytestmark = pytest.mark.skipif(
    not (CORPORA / "trafilatura-eval" / "evaldata.json").is_file()
    or not (CORPORA / "readability").is_dir(),
    reason=f"the real-page corpora are not at {CORPORA}",
)

SNIPPET_PAGES = (
    "bostonherald.com-Brothel-catering.html",  # news, JSON-LD
    "arsnova.thm.de.frag.html",  # blog, byline element
    "dtb-tennis.de-nominiert.html",  # a "©" photo credit after the lead must not end the body
    "100noticias.com-millones.html",  # "Lea también: <headline>" inserts
    "jodel.com.advertising.html",  # a single page at a site's root: not a listing
)
READABILITY_PAGES = ("aclu", "bbc-1", "rtl-1", "base-url")


def _pages(names: tuple[str, ...], loader) -> dict[str, Page]:  # type: ignore[no-untyped-def]
    wanted = set(names)
    return {p.name: p for p in loader(CORPORA) if p.name in wanted}


@pytest.fixture(scope="module")
def snippet_pages() -> dict[str, Page]:
    return _pages(SNIPPET_PAGES, trafilatura_pages)


@pytest.fixture(scope="module")
def readability_cases() -> dict[str, Page]:
    return _pages(READABILITY_PAGES, readability_pages)


@pytest.mark.parametrize("name", SNIPPET_PAGES)
def test_snippets_in_and_out_of_the_body(name: str, snippet_pages: dict[str, Page]) -> None:
    page = snippet_pages[name]
    body = " ".join(extract_article(page.url, page.html).body.split())
    for snippet in page.with_snippets:
        assert " ".join(snippet.split()) in body, snippet
    for snippet in page.without_snippets:
        assert " ".join(snippet.split()) not in body, snippet


@pytest.mark.parametrize(
    "name", ["bostonherald.com-Brothel-catering.html", "arsnova.thm.de.frag.html"]
)
def test_author_and_day(name: str, snippet_pages: dict[str, Page]) -> None:
    page = snippet_pages[name]
    item = extract_article(page.url, page.html)
    assert {a.casefold() for a in item.authors} == page.authors
    assert item.published_at is not None
    assert item.published_at.date().isoformat() == page.day


@pytest.mark.parametrize("name", READABILITY_PAGES)
def test_body_matches_the_expected_article_text(
    name: str, readability_cases: dict[str, Page]
) -> None:
    page = readability_cases[name]
    item = extract_article(page.url, page.html)
    assert page.expected_text is not None
    assert token_f1(item.body, page.expected_text) >= 0.95
    if page.day:
        assert item.published_at is not None
        assert item.published_at.date().isoformat() == page.day
