"""Network and server faults: the replay site misbehaves, the crawl stores what it can and
names every page it could not get. One real `scrapy crawl`, one fault per article page."""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.pages import extract_article
from crawler.spiders.failures import fetch_failure_reason
from replay.site import Reply
from tests.support.clock import NOW
from tests.support.crawling import ROOT, backfill_args, crawl, nightly_command, rows
from tests.support.faults import (
    FAST_RETRY,
    assert_accounted,
    failures,
    gzip_bomb,
    last_run,
    page_reply,
    stored_urls,
    url_of,
    window_articles,
)

HTML = {"Content-Type": "text/html; charset=UTF-8"}


def _get(replay: Any, url: str, timeout: float = 5) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(*replay.server_address, timeout=timeout)
    conn.request("GET", "/" + url.split("://", 1)[1])
    response = conn.getresponse()
    try:
        return response.status, response.read()
    finally:
        conn.close()


def test_the_replay_site_can_be_slow_reset_and_truncated(replay: Any) -> None:
    page = window_articles(replay)[0]
    replay.site.script(
        page.url,
        page_reply(page, delay=0.5),
        page_reply(page, fault="reset"),
        page_reply(page, fault="truncate"),
    )
    assert _get(replay, page.url) == (200, page.body)  # slow, but whole (the delay: below)
    with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected)):
        _get(replay, page.url)
    with pytest.raises(http.client.IncompleteRead) as cut:
        _get(replay, page.url)
    assert 0 < len(cut.value.partial) < len(page.body)  # Content-Length promised more
    with pytest.raises(socket.timeout):
        replay.site.script(page.url, page_reply(page, delay=1.5))
        _get(replay, page.url, timeout=0.5)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _failure(exc: Exception, url: str = "https://newsinfo.inquirer.net/1/a") -> Failure:
    failure = Failure(exc)
    failure.request = Request(url)  # type: ignore[attr-defined]
    return failure


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (HttpError(Response("https://x.inquirer.net/", status=500)), "http_500"),
        (IgnoreRequest("already stored (fresh)"), None),
        (IgnoreRequest("not modified"), None),
        (IgnoreRequest("blocked: challenge"), None),
        (IgnoreRequest("redirect loop: https://x after 2 hop(s)"), "redirect_loop"),
        (IgnoreRequest("max redirections reached"), "too_many_redirects"),
        (IgnoreRequest("offsite redirect to 'evil.example' refused"), "offsite_redirect"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots_disallowed"),
        (IgnoreRequest("Ignored response because its body exceeded DOWNLOAD_MAXSIZE"), "too_large"),
        (ValueError("anything else"), "ValueError"),
    ],
)
def test_every_fetch_failure_gets_a_reason(exc: Exception, reason: str | None) -> None:
    assert fetch_failure_reason(_failure(exc)) == reason


@pytest.mark.e2e
def test_faulty_server_pages_are_stored_after_retries_or_reported_with_a_reason(
    replay: Any, sqlite_url: str
) -> None:
    pages = window_articles(replay)
    site, times = replay.site, 3  # RETRY_TIMES=2: three answers in all
    # A UTF-8 page whose bytes also decode as windows-1252: labelled Latin-1, it would be
    # read as mojibake ("â€™" for "’") if the label were believed.
    utf8_as_latin1 = next(
        p
        for p in pages
        if "utf-8" in p.content_type.lower() and not p.body.isascii() and _decodes(p.body, "cp1252")
    )
    pages = [p for p in pages if p is not utf8_as_latin1]
    pages.insert(8, utf8_as_latin1)
    no_charset, cp1252_as_utf8 = pages[9], pages[10]
    recover = [  # a fault, then the page
        (pages[0], [page_reply(pages[0], delay=1.0)]),  # slow but inside DOWNLOAD_TIMEOUT
        (pages[1], [page_reply(pages[1], delay=3.0)]),  # one timeout
        (pages[2], [page_reply(pages[2], fault="reset")]),
        (pages[3], [page_reply(pages[3], fault="truncate")]),
        (pages[4], [Reply(500, HTML, b"oops"), Reply(502, HTML, b"bad gateway")]),
        (
            pages[5],
            [
                Reply(503, {**HTML, "Retry-After": "1"}, b"busy"),
                Reply(429, {"Retry-After": "1"}, b"slow down"),
            ],
        ),
        (utf8_as_latin1, [page_reply(utf8_as_latin1, "text/html; charset=ISO-8859-1")]),
        (
            no_charset,
            [
                page_reply(
                    no_charset,
                    "text/html",
                    re.sub(rb"""charset=["']?utf-8["']?""", b"", no_charset.body, flags=re.I),
                )
            ],
        ),
    ]
    cp1252 = cp1252_as_utf8.body.decode("utf-8").encode("cp1252", "replace")
    recover.append((cp1252_as_utf8, [page_reply(cp1252_as_utf8, body=cp1252)] * 4))
    fail = [  # (page, its answers, the reason recorded)
        (pages[11], [page_reply(pages[11], delay=3.0)] * times, "timeout"),
        (
            pages[12],
            [page_reply(pages[12], fault="reset")] * 10,
            "connection_lost",
        ),  # pool retries too
        (pages[13], [page_reply(pages[13], fault="truncate")] * times, "truncated"),
        (pages[14], [Reply(500, HTML, b"oops")] * times, "http_500"),
        (pages[15], [Reply(301, {"Location": pages[15].url}, b"")] * times, "redirect_loop"),
        (pages[16], [page_reply(pages[16], body=pages[16].body + b" " * (9 << 20))], "too_large"),
        (
            pages[17],
            [Reply(200, {**HTML, "Content-Encoding": "gzip"}, gzip_bomb(256 << 20))],
            "too_large",
        ),
        (pages[18], [Reply(200, HTML, bytes(range(256)) * 400)], "no_body"),  # binary as HTML
    ]
    loop_b = pages[19].url.rstrip("/") + "?via=loop"  # A -> B -> A
    site.script(loop_b, *[Reply(302, {"Location": pages[19].url}, b"")] * times)
    fail.append((pages[19], [Reply(302, {"Location": loop_b}, b"")] * times, "redirect_loop"))
    for page, replies, *_ in [*recover, *fail]:
        site.script(page.url, *replies)

    result = crawl(
        replay,
        sqlite_url,
        *backfill_args(replay),
        *FAST_RETRY,
        "-s",
        "RETRY_TIMES=2",
        "-s",
        "DOWNLOAD_TIMEOUT=2",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    run = last_run(sqlite_url)
    stored, failed = stored_urls(sqlite_url), failures(sqlite_url, run.id)
    assert_accounted({url_of(p) for p in pages}, stored, failed)
    assert {url_of(p) for p, _ in recover} <= set(stored)
    assert {url: reason for url, (_, reason) in failed.items()} == {
        url_of(p): reason for p, _, reason in fail
    }
    assert len(stored) == len(pages) - len(fail)
    for page, _, reason in fail:  # said on stderr too, with the URL
        assert f"{url_of(page)}" in result.stderr and reason in result.stderr
    assert "exceeded DOWNLOAD_MAXSIZE" in result.stderr  # the bomb stopped at 8 MiB
    for page, body in ((utf8_as_latin1, None), (no_charset, None), (cp1252_as_utf8, cp1252)):
        expected = extract_article(
            page.url,
            body or page.body,  # as if labelled right
            "text/html; charset=windows-1252" if body else "text/html",
            now=NOW,
        )
        (row,) = rows(
            sqlite_url, "SELECT title, body FROM articles WHERE canonical_url = :u", u=url_of(page)
        )
        assert (row.title, row.body) == (expected.title, expected.body)
    assert run.status == "finished" and run.pages_fetched >= len(stored)


@pytest.mark.e2e
def test_a_page_that_failed_to_download_is_asked_for_again_by_the_next_nightly_run(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    last = replay.site.days()[-1]
    page = window_articles(replay, days=1)[0]
    replay.site.script(page.url, *[Reply(500, HTML, b"oops")] * 3)
    first = subprocess.run(
        nightly_command(replay, sqlite_url, tmp_path, "RETRY_TIMES=2", *FAST_RETRY[1::2]),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert failures(sqlite_url, last_run(sqlite_url).id) == {url_of(page): ("fetch", "http_500")}
    assert url_of(page) not in stored_urls(sqlite_url), first.stderr[-2000:]
    # Two days later the article is off the nightly window (yesterday and today) ...
    later = subprocess.run(
        nightly_command(replay, sqlite_url, tmp_path, f"CRAWL_TODAY={last + timedelta(days=2)}"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert url_of(page) in stored_urls(sqlite_url), later.stderr[-2000:]  # ... but retried
    assert last_run(sqlite_url).pages_fetched == 1
