"""Issue 5 end to end: backfill, nightly, versions, blocked pages, Retry-After, kill and
re-run, overlapping nightly starts. Real `scrapy crawl` / `crawler nightly` vs the replay."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

from replay.site import Reply
from tests.support.crawling import ROOT, backfill_args, crawl, nightly_command, rows
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
CHALLENGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b'<div id="cf-chl-widget">Verify you are human</div>'
    b'<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>'
    b"</body></html>"
)


def window_articles(replay: Any) -> list[Any]:
    return sorted(replay.site.indexed_between(*replay.site.window(10)), key=lambda p: p.url)


def last_run(url: str) -> Any:
    return rows(url, "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1")[0]


def test_backfill_then_nightly_revisits_conditionally_and_versions_a_changed_story(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    first = crawl(replay, sqlite_url, *backfill_args(replay))
    assert first.returncode == 0, first.stderr[-2000:]
    stored = last_run(sqlite_url)

    # An immediate nightly run: everything is fresh, nothing is fetched again.
    quiet = subprocess.run(
        nightly_command(replay, sqlite_url, tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert quiet.returncode == 0, quiet.stderr[-2000:]
    assert last_run(sqlite_url).pages_fetched <= 0.05 * stored.pages_fetched
    stats = last_run(sqlite_url).stats
    stats = json.loads(stats) if isinstance(stats, str) else stats
    # Stored articles are skipped before they are queued (IncrementalSpiderMiddleware), each
    # counted once however often it was found: none reaches the downloader.
    assert 0 < stats["incremental/skip/fresh"] <= stored.articles_new
    assert stats["downloader/request_count"] == stats["downloader/response_count"]

    # The site changes one recent story; a nightly run that revisits asks conditionally.
    changed = replay.site.indexed_between(*replay.site.window(2))[0]
    old_body = changed.body
    replay.site.replace_body(changed.url, old_body.replace(b"</p>", b" (Corrected.)</p>", 1))
    before = len(replay.site.log)
    result = subprocess.run(
        nightly_command(replay, sqlite_url, tmp_path, "REVISIT_MIN_HOURS=0"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    run = last_run(sqlite_url)
    assert run.articles_updated == 1 and run.articles_new == 0
    statuses = [
        status
        for _, host, target, status in replay.site.log[before:]
        if host.endswith(".inquirer.net")
        and host != "www.inquirer.net"
        and target.count("/") >= 2
        and status in (200, 304)
    ]
    assert statuses.count(304) >= 1  # the unchanged recent stories answered "not modified"
    (version,) = rows(
        sqlite_url,
        "SELECT v.version, v.body, a.version AS now FROM article_versions v "
        "JOIN articles a ON a.id = v.article_id",
    )
    assert (version.version, version.now) == (1, 2)
    assert "(Corrected.)" not in version.body
    body = rows(sqlite_url, "SELECT body FROM articles WHERE version = 2")[0].body
    assert "(Corrected.)" in body


def test_challenge_pages_are_blocked_not_stored_and_a_429_retry_after_is_obeyed(
    replay: Any, sqlite_url: str
) -> None:
    articles = window_articles(replay)
    blocked, throttled = articles[:2], articles[2]
    for page in blocked:
        replay.site.script(
            page.url,
            Reply(403, {"Content-Type": "text/html"}, CHALLENGE),
            *[Reply(403, {"Content-Type": "text/html"}, CHALLENGE)] * 3,
        )
    replay.site.script(
        throttled.url,
        Reply(429, {"Retry-After": "2", "Content-Type": "text/plain"}, b"Too Many Requests"),
    )
    result = crawl(replay, sqlite_url, *backfill_args(replay))
    assert result.returncode == 0, result.stderr[-2000:]
    run = last_run(sqlite_url)
    assert run.pages_blocked == 2
    stored = {r.canonical_url for r in rows(sqlite_url, "SELECT canonical_url FROM articles")}
    assert not {p.url.rstrip("/") for p in blocked} & stored
    assert throttled.url.rstrip("/") in stored
    failures = rows(
        sqlite_url, "SELECT url, stage, reason FROM crawl_failures WHERE run_id = :r", r=run.id
    )
    assert {(f.url, f.stage, f.reason) for f in failures} >= {
        (p.url, "fetch", "challenge") for p in blocked
    }
    (t1, s1), (t2, s2) = replay.site.requests_for(throttled.url)[:2]
    assert (s1, s2) == (429, 200) and t2 - t1 >= 2.0


def test_too_many_blocked_pages_stop_the_nightly_run_with_exit_4(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    for page in replay.site.pages.values():
        if page.indexed:
            replay.site.script(
                page.url, *[Reply(403, {"Content-Type": "text/html"}, CHALLENGE)] * 4
            )
    result = subprocess.run(
        nightly_command(
            replay, sqlite_url, tmp_path, "BLOCKED_MIN_PAGES=3", "BLOCKED_BACKOFF_MAX=0.1"
        ),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 4, result.stderr[-3000:]
    assert "the site is blocking this client" in result.stderr
    run = last_run(sqlite_url)
    assert run.finish_reason == "blocked" and run.pages_blocked >= 3
    assert rows(sqlite_url, "SELECT count(*) AS n FROM articles")[0].n == 0


def test_killed_run_then_rerun_stores_every_article_exactly_once(
    replay: Any, sqlite_url: str
) -> None:
    env = {**os.environ, "DATABASE_URL": sqlite_url}
    slow = [
        "-s",
        "DOWNLOAD_DELAY=0.25",
        "-s",
        "CONCURRENT_REQUESTS_PER_DOMAIN=1",
        "-s",
        "STORE_BATCH_SIZE=2",
    ]
    from tests.support.crawling import crawl_command

    process = subprocess.Popen(
        crawl_command(replay, *backfill_args(replay), *slow),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until(
        lambda: rows(sqlite_url, "SELECT count(*) AS n FROM articles")[0].n >= 4,
        what="4 articles stored by the crawl",
        interval=0.2,
        process=process,
    )
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    partial = rows(sqlite_url, "SELECT count(*) AS n FROM articles")[0].n
    assert 4 <= partial < len(window_articles(replay))
    result = crawl(replay, sqlite_url, *backfill_args(replay))
    assert result.returncode == 0, result.stderr[-2000:]
    urls = [r.canonical_url for r in rows(sqlite_url, "SELECT canonical_url FROM articles")]
    assert len(urls) == len(set(urls)) == len(window_articles(replay))
    statuses = [r.status for r in rows(sqlite_url, "SELECT status FROM crawl_runs ORDER BY id")]
    assert statuses == ["abandoned", "finished"]


def test_overlapping_nightly_starts_only_one_runs(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    slow = nightly_command(
        replay, sqlite_url, tmp_path, "DOWNLOAD_DELAY=0.3", "CONCURRENT_REQUESTS_PER_DOMAIN=1"
    )
    first = subprocess.Popen(
        slow, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lock = tmp_path / "nightly.lock"
    wait_until(
        lambda: lock.exists() and lock.read_text().strip(),
        what="the first nightly crawl to write its pid in the lock file",
        interval=0.1,
        process=first,
    )
    second = subprocess.run(
        nightly_command(replay, sqlite_url, tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 75
    assert "another nightly crawl is running (pid" in second.stderr
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err[-2000:]
    assert len(rows(sqlite_url, "SELECT id FROM crawl_runs")) == 1
    assert (tmp_path / "logs" / "nightly.log").read_text().count("nightly crawl ended: exit 0") == 1


def test_broken_article_index_falls_back_to_section_listings(replay: Any, sqlite_url: str) -> None:
    first, last = replay.site.window(10)
    broken = Reply(
        200,
        {"Content-Type": "text/html; charset=UTF-8"},
        b"<html><head><title>Article Index</title></head><body>Redesigned!</body></html>",
    )
    for n in range((last - first).days + 1):
        day = first.fromordinal(first.toordinal() + n)
        replay.site.script(f"https://www.inquirer.net/article-index/?d={day}", broken)
    gone = Reply(404, {"Content-Type": "text/html"}, b"gone")
    replay.site.script("https://www.inquirer.net/sitemap.xml", gone)
    for sub in {p.subdomain for p in window_articles(replay)}:
        replay.site.script(f"https://{sub}.inquirer.net/feed", gone)
    result = crawl(replay, sqlite_url, *backfill_args(replay))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "falling back to listings" in result.stderr
    stored = {r.canonical_url for r in rows(sqlite_url, "SELECT canonical_url FROM articles")}
    assert stored == {p.url.rstrip("/") for p in window_articles(replay)}
