"""The multi-outlet replay: each outlet reachable through one channel; every request logged."""

from __future__ import annotations

import urllib.request

from replay import start_outlets
from replay.outlets import OutletSite


def _get(site: OutletSite, host: str, path: str, **headers: str) -> tuple[int, str]:
    reply = site.handle(host, path, {k.lower().replace("_", "-"): v for k, v in headers.items()})
    return reply.status, reply.body.decode("utf-8", "replace")


def test_harbor_times_is_reachable_only_through_robots_sitemaps() -> None:
    site = OutletSite()
    status, robots = _get(site, "www.harbortimes.test", "/robots.txt")
    assert status == 200
    assert "Sitemap: https://www.harbortimes.test/sitemap_index.xml" in robots
    _, index = _get(site, "www.harbortimes.test", "/sitemap_index.xml")
    assert "<loc>https://www.harbortimes.test/sitemaps/news.xml</loc>" in index
    _, news = _get(site, "www.harbortimes.test", "/sitemaps/news.xml")
    assert "<news:publication_date>2026-11-28T07:05:00+08:00</news:publication_date>" in news
    assert "<news:language>tl</news:language>" in news
    _, home = _get(site, "www.harbortimes.test", "/")
    assert "/stories/" not in home and "alternate" not in home
    assert _get(site, "www.harbortimes.test", "/feed")[0] == 404


def test_cordillera_wire_announces_its_feed_on_the_home_page_only() -> None:
    site = OutletSite()
    _, robots = _get(site, "news.cordillerawire.test", "/robots.txt")
    assert "sitemap" not in robots.lower()
    _, home = _get(site, "news.cordillerawire.test", "/")
    assert 'rel="alternate" type="application/rss+xml"' in home
    assert 'href="/syndication/latest.rss"' in home
    status, feed = _get(site, "news.cordillerawire.test", "/syndication/latest.rss")
    assert status == 200
    assert "<pubDate>Sat, 28 Nov 2026 03:45:00 +0000</pubDate>" in feed
    assert "https://www.partnerwire.test/story/regional-roundup-this-week" in feed
    for usual in ("/feed", "/rss", "/sitemap.xml"):
        assert _get(site, "news.cordillerawire.test", usual)[0] == 404


def test_visayas_ledger_has_sections_with_pagination_and_nothing_else() -> None:
    site = OutletSite()
    _, home = _get(site, "www.visayasledger.test", "/")
    assert "/news/2026/11/28/cebu-bridge-tolls-suspended/" in home
    assert "href='/news/'" in home and "href='/tag/ports/'" in home
    _, page2 = _get(site, "www.visayasledger.test", "/news/page/2/")
    assert "/news/2026/11/27/leyte-fish-kill-investigated/" in page2
    assert "/news/page/3/" in page2
    for missing in ("/sitemap.xml", "/feed", "/rss.xml"):
        assert _get(site, "www.visayasledger.test", missing)[0] == 404


def test_articles_answer_conditional_requests_and_every_request_is_logged() -> None:
    site = OutletSite()
    path = "/story/kalinga-coffee-wins-national-award"
    first = site.handle("news.cordillerawire.test", path, {})
    assert first.status == 200 and b"Kalinga coffee wins national cupping award" in first.body
    again = site.handle("news.cordillerawire.test", path, {"if-none-match": first.headers["ETag"]})
    assert again.status == 304
    assert site.handle("www.partnerwire.test", "/story/x", {}).status == 404
    assert site.requested_hosts() == {"news.cordillerawire.test", "www.partnerwire.test"}


def test_the_outlets_are_served_over_http_on_loopback() -> None:
    server = start_outlets()
    try:
        url = f"{server.url}/www.visayasledger.test/robots.txt"
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert answer.status == 200
            assert b"Disallow: /search" in answer.read()
    finally:
        server.shutdown()
        server.server_close()
