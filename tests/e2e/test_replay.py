"""The replay site behaves like a real web server."""

from __future__ import annotations

import gzip
import http.client
from typing import Any

import pytest

from crawler.spiders.discovery import parse_article_index, parse_feed
from replay.corpus import load_corpus


def get(server: Any, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    host, port = server.server_address
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def first_article(server: Any) -> Any:
    return next(p for p in server.site.pages.values() if p.indexed and p.status == 200)


def test_article_served_with_charset_etag_and_last_modified(replay: Any) -> None:
    page = first_article(replay)
    path = "/" + page.url.split("://", 1)[1]
    response = get(replay, path)
    assert response.status == 200
    assert "charset=" in response.headers["Content-Type"].lower()
    assert response.headers["ETag"].startswith('"')
    assert response.headers["Last-Modified"].endswith("GMT")
    assert response.body == page.body  # type: ignore[attr-defined]


def test_conditional_requests_get_304(replay: Any) -> None:
    page = first_article(replay)
    path = "/" + page.url.split("://", 1)[1]
    first = get(replay, path)
    again = get(replay, path, {"If-None-Match": first.headers["ETag"]})
    assert again.status == 304 and again.body == b""  # type: ignore[attr-defined]
    since = get(replay, path, {"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status == 304
    changed = get(replay, path, {"If-None-Match": '"something-else"'})
    assert changed.status == 200


def test_gzip_when_asked(replay: Any) -> None:
    page = first_article(replay)
    response = get(replay, "/" + page.url.split("://", 1)[1], {"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.body) == page.body  # type: ignore[attr-defined]


def test_trailing_slash_and_amp_variants_resolve(replay: Any) -> None:
    page = first_article(replay)
    base = "/" + page.url.split("://", 1)[1].rstrip("/")
    assert get(replay, base + "/").status == 200


def test_unknown_page_is_404(replay: Any) -> None:
    assert get(replay, "/newsinfo.inquirer.net/999999999/no-such-story").status == 404


def test_robots_txt(replay: Any) -> None:
    response = get(replay, "/newsinfo.inquirer.net/robots.txt")
    assert response.status == 200 and b"User-agent: *" in response.body  # type: ignore[attr-defined]
    assert response.headers["Content-Type"].startswith("text/plain")


def test_article_index_lists_every_indexed_page_of_the_day(replay: Any) -> None:
    site = replay.site
    day = site.days()[-1]
    response = get(replay, f"/www.inquirer.net/article-index/?d={day.isoformat()}")
    assert response.status == 200
    links = {link.url for link in parse_article_index(response.body)}  # type: ignore[attr-defined]
    assert links == {p.url.rstrip("/") for p in site.by_day[day]}
    assert get(replay, "/www.inquirer.net/article-index/?d=not-a-date").status == 404


def test_feeds_carry_manila_wall_clock_labelled_utc(replay: Any) -> None:
    site = replay.site
    sub = next(iter(site.by_sub))
    response = get(replay, f"/{sub}.inquirer.net/feed")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("application/rss+xml")
    links = parse_feed(response.body)  # type: ignore[attr-defined]
    assert links
    by_url = {p.url.rstrip("/"): p for p in site.by_sub[sub]}
    for link in links:
        assert link.published_at == by_url[link.url].published_at
    assert b"+0000</pubDate>" in response.body  # type: ignore[attr-defined]


def test_corpus_has_enough_realistic_pages() -> None:
    pages = load_corpus()
    articles = [p for p in pages if p.indexed]
    assert len(articles) >= 8
    assert len({p.subdomain for p in articles}) >= 2
    for page in pages:
        assert b"<head" in page.body.lower() and b"<script" in page.body.lower(), page.case


@pytest.mark.parametrize("status_case", ["challenge"])
def test_non_article_statuses_are_served_as_declared(replay: Any, status_case: str) -> None:
    pages = [p for p in replay.site.pages.values() if p.status != 200]
    for page in pages:
        assert get(replay, "/" + page.url.split("://", 1)[1]).status == page.status
