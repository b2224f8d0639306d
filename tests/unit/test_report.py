"""``crawler report``: the figures in the HTML match the store, text is escaped, the page
renders in headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from sqlalchemy import update

from crawler.cleaning.stages import content_hash
from crawler.cli.main import main
from crawler.reporting.queries import ReportRepository
from crawler.reporting.report import render_report
from crawler.store.engine import make_engine, make_session_factory
from crawler.store.facade import open_store
from crawler.store.models import CrawlRun
from crawler.store.repository import ArticleRepository
from crawler.store.runs import RunRepository
from tests.support import pngcheck
from tests.support.factories import MANILA, make_item
from tests.support.paths import REPO_ROOT
from tests.unit.test_architecture import imported_roots

NOW = datetime(2026, 11, 29, 4, 0, tzinfo=UTC)  # 12:00 in Manila
LONG_BODY = " ".join(["word"] * 150)
XSS = "<script>alert(1)</script>"
CHARTS = ["articles-per-day", "coverage", "blocked-rate", "errors", "durations"]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def manila(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=MANILA)


def item(n: int, subdomain: str, published: datetime | None, **changes: Any) -> Any:
    base = make_item(n, **({"body": changes.pop("body")} if "body" in changes else {}))
    return replace(base, subdomain=subdomain, published_at=published, **changes)


class Seeder:
    """Writes through the real repositories, with a clock the test moves."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.clock = Clock()
        sessions = make_session_factory(self.engine)
        self.articles = ArticleRepository(sessions, clock=self.clock)
        self.runs = RunRepository(sessions, clock=self.clock)

    def run(
        self,
        start: datetime,
        minutes: float,
        status: str | None,
        items: Sequence[Any] = (),
        spider: str = "inquirer",
        **counters: int,
    ) -> int:
        self.clock.now = start
        run_id = self.runs.start_run(spider, {})
        self.clock.now = start + timedelta(minutes=1)
        for article in items:
            assert self.articles.upsert_article(article).outcome in {"new", "updated"}
        if status is not None:
            self.clock.now = start + timedelta(minutes=minutes)
            self.runs.finish_run(run_id, status, status, counters, {})
        return run_id

    def abandon(self, run_id: int) -> None:
        """What RunRepository.close_abandoned_runs does to a run whose process died."""
        with self.engine.begin() as conn:
            conn.execute(
                update(CrawlRun)
                .where(CrawlRun.id == run_id)
                .values(status="abandoned", finish_reason="process gone")
            )


def seed(url: str) -> Seeder:
    s = Seeder(url)
    for article in [
        item(20, "newsinfo", manila(20, 10)),
        item(21, "business", None),
        item(9, "sports", manila(27, 9)),
        item(10, "globalnation", manila(28, 8)),
        item(11, "globalnation", manila(28, 9)),
        item(12, "business", manila(28, 10)),
    ]:
        s.articles.upsert_article(article)  # stored outside any run
    s.run(
        datetime(2026, 11, 27, tzinfo=UTC),
        10,
        "finished",
        [
            item(1, "newsinfo", manila(27, 8), tags=[], images=[]),
            item(2, "newsinfo", manila(27, 9), authors=[], images=[]),
            item(3, "newsinfo", manila(27, 23, 30), authors=[], agency="AFP", body=LONG_BODY),
            item(4, "newsinfo", manila(28, 0, 30), dateline=None, body=LONG_BODY),
        ],
        pages_fetched=100,
        pages_blocked=5,
        articles_new=4,
    )
    s.run(
        datetime(2026, 11, 28, tzinfo=UTC),
        20,
        "finished",
        [
            item(5, "sports", manila(29, 7)),
            item(6, "sports", manila(29, 8)),
            item(7, "lifestyle", manila(26, 12)),
            item(8, "lifestyle", manila(26, 13)),
        ],
        pages_fetched=80,
        pages_blocked=20,
        errors=3,
        articles_new=4,
    )
    changed = item(5, "sports", manila(29, 7), authors=[], body="A corrected short story.")
    s.run(
        datetime(2026, 11, 28, 6, tzinfo=UTC),
        5,
        "failed",
        [replace(changed, content_hash=content_hash(changed.title, changed.body))],
        pages_fetched=40,
        errors=7,
        articles_failed=2,
        articles_updated=1,
    )
    s.run(datetime(2026, 11, 28, 12, tzinfo=UTC), 2, "interrupted")
    fifth = s.run(
        datetime(2026, 11, 29, tzinfo=UTC),
        90,
        "finished",
        pages_fetched=200,
        pages_blocked=50,
        articles_unchanged=150,
    )
    s.runs.save_monitor(
        fifth,
        {
            "passed": False,
            "items": 150,
            "checks": [  # crawler.monitoring.suite' shape
                {
                    "name": "coverage_body_length",
                    "passed": False,
                    "detail": "40.0% of 150 items ...",
                }
            ],
            "coverage": {
                "items": 150,
                "published_at": 0.9,
                "authors_or_agency": 0.8,
                "body_length": 0.4,
            },
        },
    )
    s.run(datetime(2026, 11, 29, 3, 30, tzinfo=UTC), 0, None, [item(13, "sports", manila(29, 11))])
    return s


def report(url: str, runs: int = 30, days: int = 7) -> tuple[str, Any]:
    html = render_report(ReportRepository(make_engine(url)).load(NOW, runs=runs, days=days))
    return html, lxml.html.fromstring(html)


def marks(doc: Any, chart: str) -> dict[tuple[str, str], float]:
    """``(label, series) -> value`` of a chart's bars and points."""
    found = doc.xpath(f'//svg[@data-chart="{chart}"]//*[@data-value]')
    return {(m.get("data-label"), m.get("data-series")): float(m.get("data-value")) for m in found}


def test_articles_per_day_by_manila_day_and_subdomain(store_url: str) -> None:
    seed(store_url)
    _, doc = report(store_url)
    assert marks(doc, "articles-per-day") == {
        ("11-26", "lifestyle"): 2,
        ("11-27", "newsinfo"): 3,
        ("11-27", "sports"): 1,  # 23:30 in Manila is still the 27th
        ("11-28", "newsinfo"): 1,
        ("11-28", "globalnation"): 2,
        ("11-28", "business"): 1,
        ("11-29", "sports"): 3,
    }
    xlabels = doc.xpath('//svg[@data-chart="articles-per-day"]//text[@class="xlabel"]/text()')
    assert xlabels == ["11-23", "11-24", "11-25", "11-26", "11-27", "11-28", "11-29"]
    legend = doc.xpath(
        '//svg[@data-chart="articles-per-day"]//g[@class="legend-item"]/@data-series'
    )
    assert legend == ["newsinfo", "sports", "globalnation", "lifestyle", "business"]  # by total
    cards = {c.get("data-card"): c.text_content() for c in doc.xpath('//div[@class="card"]')}
    assert cards["articles"].startswith("15")
    assert cards["published"].startswith("13")
    assert (
        "1 stored article has no publication date"
        in doc.get_element_by_id("articles-per-day").text_content()
    )


def test_run_figures_blocked_rate_errors_durations_and_table(store_url: str) -> None:
    seed(store_url)
    _, doc = report(store_url)
    assert marks(doc, "blocked-rate") == {
        ("#1", "blocked rate"): 0.05,
        ("#2", "blocked rate"): 0.25,
        ("#3", "blocked rate"): 0.0,
        ("#5", "blocked rate"): 0.25,
    }
    assert doc.xpath('//svg[@data-chart="blocked-rate"]//text[@class="na"]/@data-label') == [
        "#4",
        "#6",
    ]
    errors = marks(doc, "errors")
    assert (errors[("#2", "errors")], errors[("#3", "errors")], errors[("#5", "errors")]) == (
        3,
        7,
        0,
    )
    assert marks(doc, "durations") == {
        ("#1", "finished"): 10,
        ("#2", "finished"): 20,
        ("#3", "failed"): 5,
        ("#4", "interrupted"): 2,
        ("#5", "finished"): 90,
        ("#6", "running"): 30,
    }
    fills = {
        b.get("data-series"): b.get("fill")
        for b in doc.xpath('//svg[@data-chart="durations"]//rect[@class="bar"]')
    }
    assert fills == {
        "finished": "#2e7d32",
        "failed": "#c62828",
        "interrupted": "#ef6c00",
        "running": "#1565c0",
    }
    rows = doc.xpath('//section[@id="runs"]//tr[@data-run]')
    assert [r.get("data-run") for r in rows] == ["6", "5", "4", "3", "2", "1"]
    second = {
        td.get("data-counter"): td.text_content() for td in rows[4].xpath("td[@data-counter]")
    }
    assert (
        second["pages_fetched"],
        second["pages_blocked"],
        second["errors"],
        second["blocked_rate"],
    ) == ("80", "20", "3", "25.0%")
    assert rows[4].xpath("td")[3].text_content() == "20m 00s"
    assert rows[0].xpath('.//span[@class="status"]')[0].text_content() == "running"
    cards = {c.get("data-card"): c.text_content() for c in doc.xpath('//div[@class="card"]')}
    assert "running" in cards["last-run"] and "#6" in cards["last-run"]
    assert cards["last-success"].startswith("2026-11-29 09:30")  # run 5, in Manila time
    assert "(2h 30m ago)" in cards["last-success"]


def test_field_coverage_per_run_from_articles_then_monitor(store_url: str) -> None:
    seed(store_url)
    _, doc = report(store_url)
    points = marks(doc, "coverage")
    by_run = {
        run: {s: v for (label, s), v in points.items() if label == run}
        for run in ("#1", "#2", "#3", "#4", "#5", "#6")
    }
    assert by_run["#1"] == {
        "published_at": 1,
        "authors or agency": 0.75,
        "dateline": 0.75,
        "tags": 0.75,
        "images": 0.5,
        "body ≥ 50 words": 0.5,
    }
    # article 5 was created by run 2 and changed by run 3: both count it, as it is now
    assert by_run["#2"]["authors or agency"] == 0.75
    assert by_run["#3"] == {
        "published_at": 1,
        "authors or agency": 0,
        "dateline": 1,
        "tags": 1,
        "images": 1,
        "body ≥ 50 words": 0,
    }
    assert by_run["#4"] == {}  # no article, no monitor
    # from crawl_runs.monitor, body_length included: the monitor counts short bodies with
    # the report's threshold
    assert by_run["#5"] == {"published_at": 0.9, "authors or agency": 0.8, "body ≥ 50 words": 0.4}
    assert by_run["#6"]["body ≥ 50 words"] == 0  # the running run, up to now
    hollow = doc.xpath('//svg[@data-chart="coverage"]//circle[@fill="#fff"]/@data-label')
    assert set(hollow) == {"#5"}


def test_abandoned_run_has_no_duration_and_spans_to_the_next_run(store_url: str) -> None:
    s = Seeder(store_url)
    dead = s.run(
        datetime(2026, 11, 28, tzinfo=UTC),
        0,
        None,
        [item(1, "newsinfo", manila(28, 7), body=LONG_BODY)],
    )
    s.abandon(dead)
    s.run(
        datetime(2026, 11, 28, 2, tzinfo=UTC),
        15,
        "finished",
        [item(2, "newsinfo", manila(28, 9))],
        pages_fetched=10,
    )
    _, doc = report(store_url)
    assert marks(doc, "durations") == {("#2", "finished"): 15}
    assert doc.xpath('//svg[@data-chart="durations"]//text[@class="na"]/@data-label') == ["#1"]
    row = doc.xpath('//tr[@data-run="1"]')[0]
    assert row.xpath("td")[3].text_content() == "–"
    assert row.xpath('.//span[@class="status"]')[0].text_content() == "abandoned"
    coverage = marks(doc, "coverage")  # run 1 counts its own article, not run 2's
    assert coverage[("#1", "body ≥ 50 words")] == 1 and coverage[("#2", "body ≥ 50 words")] == 0


def test_last_runs_and_days_limits(sqlite_url: str) -> None:
    seed(sqlite_url)
    _, doc = report(sqlite_url, runs=2, days=3)
    assert [r.get("data-run") for r in doc.xpath("//tr[@data-run]")] == ["6", "5"]
    assert {label for label, _ in marks(doc, "articles-per-day")} == {"11-27", "11-28", "11-29"}


def test_stored_text_is_escaped_and_the_page_has_no_script(store_url: str) -> None:
    s = Seeder(store_url)
    s.clock.now = NOW - timedelta(hours=1)
    s.articles.upsert_article(item(1, XSS, manila(29, 9), title=XSS))
    s.run(NOW - timedelta(minutes=30), 5, XSS, spider=XSS, pages_fetched=1)
    html, doc = report(store_url)
    assert "<script" not in html.lower()
    assert doc.xpath("//script") == []
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5
    # shown as text where it belongs: legend, status badge, title cell
    assert doc.xpath('//g[@class="legend-item"]/text/text()')[0] == XSS
    assert doc.xpath('//tr[@data-run]//span[@class="status"]/text()') == [XSS]
    assert XSS in doc.get_element_by_id("recent").text_content()


def test_page_is_self_contained(sqlite_url: str) -> None:
    seed(sqlite_url)
    html, doc = report(sqlite_url)
    assert doc.xpath("//@src | //@href | //link | //script | //iframe | //img") == []
    assert "url(" not in html and "@import" not in html
    assert [svg.get("data-chart") for svg in doc.xpath("//svg")] == CHARTS


def test_empty_store_still_renders(store_url: str) -> None:
    html, doc = report(store_url)
    assert [svg.get("data-chart") for svg in doc.xpath("//svg")] == CHARTS
    assert doc.xpath("//*[@data-value]") == []
    assert "No crawl runs yet." in html and "No articles yet." in html
    cards = {c.get("data-card"): c.text_content() for c in doc.xpath('//div[@class="card"]')}
    assert cards["articles"].startswith("0") and cards["last-success"].startswith("never")


def test_crawler_report_command_writes_the_file(sqlite_url: str, tmp_path: Path) -> None:
    seed(sqlite_url)
    output = tmp_path / "out" / "report.html"
    try:
        code = main(
            [
                "--database-url",
                sqlite_url,
                "report",
                "--output",
                str(output),
                "--runs",
                "3",
                "--days",
                "5",
                "--today",
                "2026-11-29",
            ]
        )
    finally:
        open_store.cache_clear()
    assert code == 0
    doc = lxml.html.fromstring(output.read_text(encoding="utf-8"))
    assert [r.get("data-run") for r in doc.xpath("//tr[@data-run]")] == ["6", "5", "4"]
    labels = doc.xpath('//svg[@data-chart="articles-per-day"]//text[@class="xlabel"]/text()')
    assert labels == ["11-25", "11-26", "11-27", "11-28", "11-29"]


def test_report_modules_do_not_import_scrapy() -> None:
    root = REPO_ROOT / "crawler"
    for name in ("reporting/report.py", "reporting/svgcharts.py", "reporting/queries.py"):
        assert not imported_roots(root / name) & {"scrapy", "twisted"}


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed in CI: .ci/run must install it")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return path


def _chromium_run(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.chromium
def test_report_renders_in_headless_chromium(sqlite_url: str, tmp_path: Path) -> None:
    binary = _chromium()
    seed(sqlite_url)
    page = tmp_path / "report.html"
    page.write_text(report(sqlite_url)[0], encoding="utf-8")
    shot = tmp_path / "r.png"
    done = _chromium_run(
        binary,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1280,2000",
        page.as_uri(),
    )
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    dom = _chromium_run(binary, tmp_path / "profile2", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    rendered = lxml.html.fromstring(dom.stdout)
    assert [svg.get("data-chart") for svg in rendered.xpath("//svg")] == CHARTS
    assert len(rendered.xpath('//svg//rect[@class="bar"]')) > 20
    image = pngcheck.read_png(shot)
    assert (image.width, image.height) == (1280, 2000)
    pixels = image.pixels(step=4)
    assert pngcheck.luminance_variance(pixels) > 100  # not a blank page
    # the charts were painted: subdomain bars, coverage lines, blocked-rate bars
    for colour in ("#1f77b4", "#ff7f0e", "#6a1b9a"):
        assert pngcheck.has_colour(pixels, colour), colour


def test_runs_table_shows_the_fallback_share_of_each_run(store_url: str) -> None:
    s = Seeder(store_url)
    first = s.run(datetime(2026, 11, 28, tzinfo=UTC), 10, "finished", pages_fetched=40)
    s.runs.save_monitor(
        first,
        {"passed": True, "checks": [], "coverage": {"items": 40}, "fallback": {"title": 0.0}},
    )
    second = s.run(datetime(2026, 11, 29, tzinfo=UTC), 10, "finished", pages_fetched=40)
    s.runs.save_monitor(
        second,
        {
            "passed": False,
            "checks": [],
            "coverage": {"items": 40},
            "fallback": {"published_at": 0.05, "body": 0.75, "title": 0.0},
        },
    )
    s.run(datetime(2026, 11, 29, 3, tzinfo=UTC), 1, "finished", pages_fetched=1)  # no monitor
    _, doc = report(store_url)
    cells = {
        row.get("data-run"): row.xpath('td[@data-counter="fallback"]')[0].text_content()
        for row in doc.xpath("//tr[@data-run]")
    }
    assert cells == {"1": "none", "2": "body 75.0%", "3": "–"}


def test_the_report_and_the_monitor_call_the_same_bodies_short(store_url: str) -> None:
    """One threshold (SHORT_BODY_WORDS, 50 words; MONITOR_MIN_BODY_WORDS for both): a body
    of 60 words is long enough for the monitor and for the report, one of 40 is not."""
    from crawler.distributed.seed import project_settings
    from crawler.monitoring.checks import SHORT_BODY_WORDS, coverage_flags
    from crawler.monitoring.suite import thresholds

    assert SHORT_BODY_WORDS == 50 == thresholds(project_settings({})).min_body_words
    sixty, forty = " ".join(["word"] * 60), " ".join(["word"] * 40)
    s = Seeder(store_url)
    s.run(
        datetime(2026, 11, 28, tzinfo=UTC),
        5,
        "finished",
        [
            item(1, "newsinfo", manila(28, 7), body=sixty),
            item(2, "newsinfo", manila(28, 8), body=forty),
        ],
    )
    flags = [
        coverage_flags(i, SHORT_BODY_WORDS)["body_length"]
        for i in (item(1, "n", None, body=sixty), item(2, "n", None, body=forty))
    ]
    assert flags == [True, False]
    _, doc = report(store_url)
    assert marks(doc, "coverage")[("#1", "body ≥ 50 words")] == 0.5
    stricter = ReportRepository(make_engine(store_url), min_body_words=70).load(NOW)
    assert stricter.coverage[1].shares["body_length"] == 0  # MONITOR_MIN_BODY_WORDS=70
    assert "body ≥ 70 words" in render_report(stricter)
