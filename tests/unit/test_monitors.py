"""Run monitoring: the pure checks from tables, the alert hook, the run record, and the
real `scrapy crawl` against the replay site passing and failing its monitor."""

from __future__ import annotations

import json
import logging
import shlex
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import settings.base
from crawler.monitoring.alert import command_argv, run_alert_command
from crawler.monitoring.checks import (
    Check,
    Thresholds,
    check_coverage,
    check_finish_reason,
    check_item_count,
    check_rates,
    coverage_flags,
    coverage_from_stats,
    describe_items,
    format_report,
    item_count,
    monitor_result,
    run_mode,
)
from crawler.store.facade import open_store
from tests.support.crawling import backfill_args, crawl, rows
from tests.support.factories import make_item

T = Thresholds()


# --- coverage -------------------------------------------------------------------
@pytest.mark.parametrize(
    "authors, agency, published, words, expected",
    [
        (["Juan Dela Cruz"], None, True, 300, (True, True, True)),
        ([], "Agence France-Presse", True, 300, (True, True, True)),
        (["Juan Dela Cruz"], "Reuters", True, 300, (True, True, True)),
        ([], None, True, 300, (True, False, True)),
        (["  "], "   ", True, 300, (True, False, True)),  # blank credits are no credit
        (["Juan Dela Cruz"], None, False, 300, (False, True, True)),
        (["Juan Dela Cruz"], None, True, 50, (True, True, True)),  # exactly the minimum
        (["Juan Dela Cruz"], None, True, 49, (True, True, False)),
        ([], None, False, 0, (False, False, False)),
    ],
)
def test_coverage_flags(
    authors: list[str],
    agency: str | None,
    published: bool,
    words: int,
    expected: tuple[bool, bool, bool],
) -> None:
    item = SimpleNamespace(
        authors=authors,
        agency=agency,
        word_count=words,
        published_at=object() if published else None,
    )
    flags = coverage_flags(item, min_body_words=50)
    assert (flags["published_at"], flags["authors_or_agency"], flags["body_length"]) == expected


def test_coverage_flags_count_body_words_when_there_is_no_word_count() -> None:
    item = SimpleNamespace(authors=["A"], agency=None, published_at=None, body="one two three")
    assert coverage_flags(item, 3)["body_length"] and not coverage_flags(item, 4)["body_length"]
    assert coverage_flags(make_item(1), 5) == {
        "published_at": True,
        "authors_or_agency": True,
        "body_length": True,
    }


@pytest.mark.parametrize(
    "items, published, credited, long_bodies, failed",
    [
        (100, 100, 100, 100, set()),
        (100, 99, 90, 95, set()),  # every share exactly at its minimum
        (100, 98, 90, 95, {"coverage_published_at"}),
        (100, 100, 89, 95, {"coverage_authors_or_agency"}),
        (100, 100, 90, 94, {"coverage_body_length"}),
        (
            10,
            9,
            8,
            9,
            {"coverage_published_at", "coverage_authors_or_agency", "coverage_body_length"},
        ),
        (0, 0, 0, 0, set()),  # nothing to measure: the item-count check fails instead
    ],
)
def test_coverage_checks(
    items: int, published: int, credited: int, long_bodies: int, failed: set[str]
) -> None:
    stats = {
        "monitor/coverage/items": items,
        "monitor/coverage/published_at": published,
        "monitor/coverage/authors_or_agency": credited,
        "monitor/coverage/body_length": long_bodies,
    }
    coverage = coverage_from_stats(stats)
    checks = check_coverage(coverage, T)
    assert [c.name for c in checks] == [
        "coverage_published_at",
        "coverage_authors_or_agency",
        "coverage_body_length",
    ]
    assert {c.name for c in checks if not c.passed} == failed
    if not items:
        assert coverage == {
            "items": 0,
            "published_at": None,
            "authors_or_agency": None,
            "body_length": None,
        }
        assert all("not measured" in c.detail for c in checks)


# --- item count -----------------------------------------------------------------
@pytest.mark.parametrize(
    "stats, expected",
    [
        ({}, 0),
        ({"store/new": 3, "store/updated": 2, "store/unchanged": 1, "pages/not_modified": 4}, 10),
        ({"store/new": 3, "store/failed": 5, "items/rejected": 2, "item_scraped_count": 10}, 3),
        # a quiet incremental run: everything already stored, nothing fetched again
        (
            {
                "incremental/skip/fresh": 30,
                "incremental/skip/stored": 9,
                "incremental/fetch/new": 1,
                "store/new": 1,
            },
            40,
        ),
        ({"pages/blocked": 7, "pages/not_article": 2}, 0),
    ],
)
def test_item_count(stats: dict[str, int], expected: int) -> None:
    assert item_count(stats) == expected


def test_describe_items() -> None:
    stats = {
        "store/new": 2,
        "store/unchanged": 1,
        "pages/not_modified": 4,
        "incremental/skip/fresh": 5,
    }
    assert describe_items(stats) == "3 stored, 4 not modified, 5 already stored and skipped"


@pytest.mark.parametrize(
    "args, mode",
    [
        ({}, "nightly"),
        ({"mode": "backfill", "since": "2026-11-01"}, "backfill"),
        ({"urls": "https://newsinfo.inquirer.net/1/x"}, "urls"),
        ({"mode": "nightly "}, "nightly"),
    ],
)
def test_run_mode(args: dict[str, str], mode: str) -> None:
    assert run_mode(args) == mode


@pytest.mark.parametrize(
    "count, history, min_items, mode, minimum_ok, history_ok, says",
    [
        (40, [], 1, "nightly", True, True, "first nightly run"),
        (0, [], 1, "nightly", False, True, "0 articles (minimum 1)"),
        (6, [10, 12, 100], 1, "nightly", True, True, "median 12"),  # floor 6: just enough
        (5, [10, 12, 100], 1, "nightly", True, False, "floor 6"),
        (5, [10, 12, 100], 1, "urls", True, True, "mode=urls"),
        (200, [100, 100], 300, "backfill", False, True, "minimum 300"),
    ],
)
def test_item_count_checks(
    count: int,
    history: list[int],
    min_items: int,
    mode: str,
    minimum_ok: bool,
    history_ok: bool,
    says: str,
) -> None:
    t = Thresholds(min_items=min_items, item_drop_ratio=0.5)
    minimum, vs_history = check_item_count(count, history, t, mode)
    assert (minimum.name, vs_history.name) == ("item_count_minimum", "item_count_vs_history")
    assert (minimum.passed, vs_history.passed) == (minimum_ok, history_ok)
    assert says in minimum.detail + " | " + vs_history.detail


# --- errors, blocking, finish reason ----------------------------------------------
@pytest.mark.parametrize(
    "stats, error_ok, blocked_ok",
    [
        ({}, True, True),
        ({"log_count/ERROR": 1}, False, True),  # errors and no page fetched at all
        ({"pages/article_fetched": 100, "log_count/ERROR": 2}, True, True),
        ({"pages/article_fetched": 100, "log_count/ERROR": 3}, False, True),
        # each store failure also logs an ERROR: the larger count, not the sum
        ({"pages/article_fetched": 100, "log_count/ERROR": 2, "store/failed": 2}, True, True),
        ({"pages/article_fetched": 100, "store/failed": 3}, False, True),
        ({"pages/article_fetched": 95, "pages/blocked": 5}, True, True),
        ({"pages/article_fetched": 94, "pages/blocked": 6}, True, False),
        ({"pages/blocked": 3}, True, False),
    ],
)
def test_rate_checks(stats: dict[str, int], error_ok: bool, blocked_ok: bool) -> None:
    error_rate, blocked_rate = check_rates(stats, T)
    assert (error_rate.name, blocked_rate.name) == ("error_rate", "blocked_rate")
    assert (error_rate.passed, blocked_rate.passed) == (error_ok, blocked_ok)


@pytest.mark.parametrize(
    "reason, passed",
    [
        ("finished", True),
        ("blocked", False),
        ("shutdown", False),
        ("closespider_timeout", False),
        (None, False),
    ],
)
def test_finish_reason(reason: str | None, passed: bool) -> None:
    assert check_finish_reason(reason).passed is passed


def test_result_passes_only_when_every_check_passes_and_reads_as_a_block() -> None:
    ok, bad = Check("a", True, "fine"), Check("b", False, "too few")
    assert monitor_result([ok], {"items": 1})["passed"] is True
    assert monitor_result([], {})["passed"] is False
    result = monitor_result([ok, bad], {"items": 3}, item_count=3)
    assert result == {
        "passed": False,
        "items": 3,
        "coverage": {"items": 3},
        "checks": [
            {"name": "a", "passed": True, "detail": "fine"},
            {"name": "b", "passed": False, "detail": "too few"},
        ],
    }
    block = format_report(result, run_id=7)
    assert block.splitlines()[0] == "===== crawl run 7 monitor: FAILED ====="
    assert "[FAIL] b" in block and "[ok  ] a" in block
    json.dumps(result)


# --- the alert command --------------------------------------------------------------
def _writer(path: Path) -> str:
    code = "import pathlib, sys; pathlib.Path(sys.argv[1]).write_text(sys.stdin.read())"
    return shlex.join([sys.executable, "-c", code, str(path)])


def test_alert_command_gets_the_result_as_json_on_stdin(tmp_path: Path) -> None:
    out = tmp_path / "alert.json"
    assert run_alert_command(_writer(out), {"passed": False, "checks": []}) is True
    assert json.loads(out.read_text()) == {"passed": False, "checks": []}
    assert command_argv("mail -s 'crawl failed' ops@example.org") == [
        "mail",
        "-s",
        "crawl failed",
        "ops@example.org",
    ]
    assert command_argv(None) == [] and command_argv(["a", 1]) == ["a", "1"]


@pytest.mark.parametrize(
    "command, timeout, logged",
    [
        ([sys.executable, "-c", "import sys; sys.exit(3)"], 30.0, "exited 3"),
        ([sys.executable, "-c", "import time; time.sleep(5)"], 0.3, "timed out"),
        (["/nonexistent/alert-hook"], 30.0, "could not run"),
    ],
)
def test_alert_command_failures_are_logged_not_raised(
    command: list[str], timeout: float, logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="crawler.monitoring.alert"):
        assert run_alert_command(command, {"passed": False}, timeout) is False
    assert logged in caplog.text


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, (None, 0, None, None, False)),
        (
            {"CRAWLER_SMTP_URL": "smtp://crawler:s%40cret@mail.example.org:587"},
            ("mail.example.org", 587, "crawler", "s@cret", False),
        ),
        (
            {"CRAWLER_SMTP_URL": "smtps://u:p@mail.example.org"},
            ("mail.example.org", 465, "u", "p", True),
        ),
    ],
)
def test_alert_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: tuple[Any, ...]
) -> None:
    from settings import environment

    for name in ("CRAWLER_SMTP_URL", "CRAWLER_ALERT_COMMAND", "CRAWLER_ALERT_EMAIL_TO"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert environment.smtp_server() == expected
    assert environment.alert_command() is None and environment.alert_email_to() == []
    monkeypatch.setenv("CRAWLER_ALERT_COMMAND", " /usr/local/bin/page-oncall ")
    monkeypatch.setenv("CRAWLER_ALERT_EMAIL_TO", "a@example.org, b@example.org,")
    assert environment.alert_command() == "/usr/local/bin/page-oncall"
    assert environment.alert_email_to() == ["a@example.org", "b@example.org"]


def test_a_bad_smtp_url_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from settings import environment

    monkeypatch.setenv("CRAWLER_SMTP_URL", "mail.example.org:25")
    with pytest.raises(ValueError, match="CRAWLER_SMTP_URL"):
        environment.smtp_server()


# --- the run record ------------------------------------------------------------------
def test_monitor_column_survives_the_final_write_and_recent_runs_filter(store_url: str) -> None:
    runs = open_store(store_url).runs
    ids = [runs.start_run("inquirer", {"mode": "backfill"}) for _ in range(4)]
    other = runs.start_run("other", {})
    for run_id, status in zip(ids, ["finished", "failed", "finished", "finished"], strict=True):
        runs.finish_run(run_id, status, "finished", {}, {"store/new": run_id})
    runs.finish_run(other, "finished", "finished", {}, {})
    runs.save_monitor(ids[3], {"passed": True, "checks": [], "coverage": {}})
    runs.finish_run(ids[3], "finished", "finished", {}, {"store/new": 9})
    assert runs.get_run(ids[3])["monitor"] == {"passed": True, "checks": [], "coverage": {}}
    recent = runs.recent_runs("inquirer", 10, before_id=ids[3])
    assert [r["id"] for r in recent] == [ids[2], ids[0]]  # newest first, finished only
    assert recent[0]["args"] == {"mode": "backfill"} and recent[0]["stats"] == {"store/new": ids[2]}
    assert [r["id"] for r in runs.recent_runs("inquirer", 1)] == [ids[3]]


def test_spidermon_runs_after_the_run_recorder(sqlite_url: str) -> None:
    from scrapy.utils.test import get_crawler
    from spidermon.contrib.scrapy.extensions import Spidermon

    from crawler.extensions.recorder import CrawlRunRecorder
    from crawler.spiders.inquirer import InquirerSpider

    project = {k: v for k, v in vars(settings.base).items() if k.isupper()}
    project.pop("TWISTED_REACTOR")
    crawler = get_crawler(InquirerSpider, {**project, "DATABASE_URL": sqlite_url})
    kinds = [type(ext) for ext in crawler.extensions.middlewares]
    assert kinds.index(CrawlRunRecorder) < kinds.index(Spidermon)  # spider_closed in this order
    assert "crawler.monitoring.suite.CoverageCountPipeline" in crawler.settings.getdict(
        "ITEM_PIPELINES"
    )


# --- end to end -------------------------------------------------------------------------
@pytest.mark.e2e
def test_a_good_crawl_stores_a_passed_monitor(replay: Any, sqlite_url: str) -> None:
    result = crawl(replay, sqlite_url, *backfill_args(replay))
    assert result.returncode == 0, result.stderr[-3000:]
    [run] = rows(sqlite_url, "SELECT id, status, monitor, stats FROM crawl_runs")
    assert run.status == "finished"
    monitor = json.loads(run.monitor)
    assert monitor["passed"] is True, monitor
    assert [c["name"] for c in monitor["checks"]] == [
        "item_count_minimum",
        "item_count_vs_history",
        "coverage_published_at",
        "coverage_authors_or_agency",
        "coverage_body_length",
        "error_rate",
        "blocked_rate",
        "finish_reason",
        "fallback_share",
    ]
    vs_history = next(c for c in monitor["checks"] if c["name"] == "item_count_vs_history")
    assert "first backfill run" in vs_history["detail"]
    assert monitor["coverage"]["items"] == monitor["items"] == json.loads(run.stats)["store/new"]
    assert f"===== crawl run {run.id} monitor: PASSED =====" in result.stderr
    assert "'monitor/passed': True" in result.stderr  # the stat the cron command reads
    # per-field provenance of every stored article, and this run's fallback shares
    sources = [
        json.loads(r.field_sources) for r in rows(sqlite_url, "SELECT field_sources FROM articles")
    ]
    assert sources and all(s.get("title") and s.get("body") for s in sources)
    assert sum(s["body"] == "layout" for s in sources) == len(sources)
    assert set(monitor["fallback"]) == {
        "title",
        "authors",
        "published_at",
        "section",
        "tags",
        "body",
    }
    assert monitor["fallback"]["body"] == 0.0

    # Again: every article is already stored and skipped, and still counted, so the run
    # compares level with the first one.
    again = crawl(replay, sqlite_url, *backfill_args(replay))
    assert again.returncode == 0, again.stderr[-3000:]
    second = json.loads(rows(sqlite_url, "SELECT monitor FROM crawl_runs ORDER BY id")[1].monitor)
    assert second["passed"] is True, second
    vs_history = next(c for c in second["checks"] if c["name"] == "item_count_vs_history")
    assert f"median {monitor['items']} of the last 1 finished backfill run" in vs_history["detail"]


@pytest.mark.e2e
def test_a_failing_monitor_is_stored_and_alerts(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    alert = tmp_path / "alert.json"
    result = crawl(
        replay,
        sqlite_url,
        *backfill_args(replay),
        "-s",
        "MONITOR_MIN_ITEMS=1000",
        "-s",
        f"MONITOR_ALERT_COMMAND={_writer(alert)}",
        # Spidermon's e-mail action, faked: the message is logged, never sent
        "-s",
        "SPIDERMON_EMAIL_TO=ops@example.invalid",
        "-s",
        "SPIDERMON_EMAIL_FAKE=True",
        "-s",
        "SPIDERMON_SMTP_HOST=127.0.0.1",
        "-s",
        "SPIDERMON_SMTP_USER=crawler",
        "-s",
        "SPIDERMON_SMTP_PASSWORD=unused",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    [run] = rows(sqlite_url, "SELECT id, status, monitor FROM crawl_runs")
    assert run.status == "finished"  # the crawl itself went well
    monitor = json.loads(run.monitor)
    assert monitor["passed"] is False
    assert [c["name"] for c in monitor["checks"] if not c["passed"]] == ["item_count_minimum"]
    sent = json.loads(alert.read_text())
    assert (sent["run_id"], sent["spider"], sent["passed"]) == (run.id, "inquirer", False)
    assert sent["checks"] == monitor["checks"]
    assert f"===== crawl run {run.id} monitor: FAILED =====" in result.stderr
    assert "'monitor/passed': False" in result.stderr
    assert "Subject: inquirer crawl: monitor failed" in result.stderr
