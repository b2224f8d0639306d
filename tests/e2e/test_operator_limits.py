"""Issue 17, limits before work: pages that cannot be an article are refused unparsed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.pages import NotAnArticle, extract_article
from crawler.pages.limits import MAX_PAGE_BYTES, MAX_PARAGRAPHS, page_cost_refusal
from crawler.signals import page_rejected
from crawler.spiders.inquirer import InquirerSpider
from tests.support.paths import FIXTURE_PAGES

CASE = FIXTURE_PAGES / "inquirer/newsinfo_2026_11_27_deped-classrooms-verbena"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<html><p>one</p><p>two</p></html>", None),
        ("<p>a</p>" * MAX_PARAGRAPHS, None),  # at the limit: accepted
        ("<p>a</p>" * (MAX_PARAGRAPHS + 1), "too_many_paragraphs"),
        ("<P>a</P>" * (MAX_PARAGRAPHS + 1), "too_many_paragraphs"),
        ('<div data-x="' + "x" * MAX_PAGE_BYTES + '"></div>', "page_too_large"),
        ("é" * (MAX_PAGE_BYTES // 2 + 1), "page_too_large"),  # bytes, not characters
        ("é" * (MAX_PAGE_BYTES // 2 - 1), None),
    ],
)
def test_page_cost_refusal(html: str, reason: str | None) -> None:
    for page in (html, html.encode("utf-8")):
        refusal = page_cost_refusal(page)
        assert (refusal[0] if refusal else None) == reason
        assert page_cost_refusal(page, 0, 0) is None  # limits off


def test_the_spider_refuses_a_pathological_page_before_parsing_it_and_says_why() -> None:
    crawler = get_crawler(InquirerSpider)
    crawler.stats.open_spider()
    spider = InquirerSpider.from_crawler(crawler)
    seen: list[dict[str, Any]] = []
    crawler.signals.connect(lambda **kw: seen.append(kw), signal=page_rejected, weak=False)
    url = json.loads((CASE / "meta.json").read_text())["url"]
    page = (CASE / "page.html").read_text(encoding="utf-8")
    head, tail = page.split("</p>", 1)
    tiny = head + "</p>" + "<p>a</p>" * 50_000 + tail  # the issue's 50,000 tiny paragraphs
    assert list(spider.parse_article(HtmlResponse(url, body=tiny.encode()))) == []
    assert crawler.stats.get_value("pages/not_article") == 1
    assert seen[0]["reason"] == "too_many_paragraphs"
    assert "50,0" in seen[0]["detail"] and "PAGE_MAX_PARAGRAPHS 6,000" in seen[0]["detail"]
    (item,) = list(spider.parse_article(HtmlResponse(url, body=page.encode())))
    assert item.title  # the same page at its real size is read as before


def _issue_page(kind: str) -> str:
    """The issue's pathological pages, grown from a real article page inside its story."""
    page = (CASE / "page.html").read_text(encoding="utf-8")
    first = "<p>MANILA, Philippines — At least 2,400 classrooms"
    head, tail = page.split(first, 1)
    if kind == "paragraphs":  # 60,000 ordinary paragraphs, 5 MB
        added = "".join(
            f"<p>Paragraph {n} of the story, an ordinary sentence.{'.' * 26}</p>"
            for n in range(60_000)
        )
    elif kind == "attribute":  # one 10 MB attribute
        added = f'<div data-blob="{"x" * (10 * 1024 * 1024)}"></div>'
    else:  # 50,000 tiny paragraphs
        added = "<p>a</p>" * 50_000
    return head + added + first + tail


@pytest.mark.parametrize(
    ("kind", "reason", "detail"),
    [
        ("paragraphs", "page_too_large", "more than any article page (PAGE_MAX_BYTES 4,194,304)"),
        ("attribute", "page_too_large", "more than any article page (PAGE_MAX_BYTES 4,194,304)"),
        ("tiny", "too_many_paragraphs", "more than any article (PAGE_MAX_PARAGRAPHS 6,000)"),
    ],
)
def test_extract_article_itself_refuses_the_issues_pathological_pages(
    kind: str, reason: str, detail: str
) -> None:
    """Not only the crawl: extract_article refuses them before parsing (bench/page_cost.py
    measures the time: each well under 1 s)."""
    url = json.loads((CASE / "meta.json").read_text())["url"]
    html = _issue_page(kind)
    for page in (html, html.encode("utf-8")):
        with pytest.raises(NotAnArticle) as refused:
            extract_article(url, page)
        assert refused.value.reason == reason
        assert detail in str(refused.value)
    if kind == "paragraphs":
        assert 5_000_000 < len(html.encode()) < 5_500_000 and html.count("<p>") > 60_000
    page = (CASE / "page.html").read_text(encoding="utf-8")
    assert extract_article(url, page).title  # the page at its real size: an item
