"""The spider only navigates: index and feed pages become requests, pages become RawArticles."""

from __future__ import annotations

import json
from typing import Any

from scrapy.http import HtmlResponse, Request, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import RawArticle
from crawler.signals import page_rejected
from crawler.spiders.inquirer import InquirerSpider
from tests.support.paths import FIXTURE_PAGES

PAGES = FIXTURE_PAGES / "inquirer"
INDEX = b"""<html><body><div id="index-wrap">
<h4>News</h4><ul>
<li><a href="https://newsinfo.inquirer.net/2231457/deped-classrooms">DepEd</a></li>
<li><a href="https://newsinfo.inquirer.net/2231457/deped-classrooms/">DepEd (twice)</a></li>
<li><a href="http://newsinfo.inquirer.net/2231458/old-scheme">skipped: not https</a></li>
</ul>
<h4>Business</h4><ul><li><a href="https://business.inquirer.net/584120/peso">Peso</a></li>
<li><a href="https://business.inquirer.net/category/latest-stories">listing, skipped</a></li></ul>
<h4>Bandera</h4><ul><li><a href="https://bandera.inquirer.net/453976/dogshow">Bandera</a></li></ul>
</div></body></html>"""


def spider(**kwargs: str) -> InquirerSpider:
    crawler = get_crawler(InquirerSpider)
    crawler.stats.open_spider()
    return InquirerSpider.from_crawler(crawler, **kwargs)


def test_start_requests_cover_each_day_and_feed() -> None:
    s = spider(
        mode="backfill", since="2026-11-27", until="2026-11-28", subdomains="newsinfo,business"
    )
    urls = [r.url for r in s.start_requests_list()]
    assert urls[:2] == [
        "https://www.inquirer.net/article-index/?d=2026-11-28",
        "https://www.inquirer.net/article-index/?d=2026-11-27",
    ]
    assert set(urls[2:]) == {
        "https://newsinfo.inquirer.net/feed",
        "https://business.inquirer.net/feed",
        "https://www.inquirer.net/robots.txt",
    }


def test_index_yields_article_requests_for_chosen_subdomains_only() -> None:
    s = spider(mode="backfill", since="2026-11-27", subdomains="newsinfo,business")
    response = HtmlResponse("https://www.inquirer.net/article-index/?d=2026-11-27", body=INDEX)
    requests = list(s.parse_index(response, day="2026-11-27"))
    assert [r.url for r in requests] == [
        "https://newsinfo.inquirer.net/2231457/deped-classrooms",
        "https://business.inquirer.net/584120/peso",
    ]
    assert all(isinstance(r, Request) and r.callback == s.parse_article for r in requests)


def test_limit_stops_scheduling() -> None:
    s = spider(mode="backfill", since="2026-11-27", limit="1")
    response = HtmlResponse("https://www.inquirer.net/article-index/?d=2026-11-27", body=INDEX)
    assert len(list(s.parse_index(response, day="2026-11-27"))) == 1


def test_feed_items_outside_the_window_are_skipped() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel>
    <item><link>https://newsinfo.inquirer.net/2231459/in-window</link><pubDate>Fri, 27 Nov 2026 23:30:00 +0000</pubDate></item>
    <item><link>https://newsinfo.inquirer.net/2231460/too-old</link><pubDate>Wed, 25 Nov 2026 10:00:00 +0000</pubDate></item>
    </channel></rss>"""
    s = spider(mode="backfill", since="2026-11-27", until="2026-11-28")
    requests = list(s.parse_feed(XmlResponse("https://newsinfo.inquirer.net/feed", body=feed)))
    assert [r.url for r in requests] == ["https://newsinfo.inquirer.net/2231459/in-window"]


def test_article_page_becomes_a_raw_article() -> None:
    case = PAGES / "newsinfo_2026_11_27_deped-classrooms-verbena"
    meta = json.loads((case / "meta.json").read_text())
    response = HtmlResponse(
        meta["url"],
        body=(case / "page.html").read_bytes(),
        headers={"Content-Type": meta["http"]["content_type"]},
    )
    (item,) = list(spider().parse_article(response))
    assert isinstance(item, RawArticle) and item.title.startswith("DepEd")


def test_challenge_page_is_counted_as_blocked_and_never_yielded() -> None:
    case = next(
        p
        for p in PAGES.iterdir()
        if json.loads((p / "expected.json").read_text()).get("not_article") == "challenge"
    )
    meta = json.loads((case / "meta.json").read_text())
    s = spider()
    seen: list[dict[str, Any]] = []
    s.crawler.signals.connect(lambda **kw: seen.append(kw), signal=page_rejected, weak=False)
    response = HtmlResponse(
        meta["url"],
        status=int(meta["http"].get("status", 200)),
        body=(case / "page.html").read_bytes(),
    )
    assert list(s.parse_article(response)) == []
    assert s.crawler.stats.get_value("pages/blocked") == 1
    assert seen[0]["reason"] == "challenge" and seen[0]["blocked"] is True
