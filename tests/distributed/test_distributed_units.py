"""Distributed mode without servers: ack rules, idle clock, the mode switch, seeds, summary."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.request import request_from_dict
from scrapy_redis import picklecompat

from crawler.distributed.ack import AckLedger
from crawler.distributed.addon import DistributedMode
from crawler.distributed.codec import TOKEN, encode_request
from crawler.distributed.idle import IdleClock
from crawler.distributed.seed import project_settings, run_args, seed_requests
from crawler.distributed.summary import RunTotals, distributed_summary
from crawler.spiders.args import SpiderArgumentError
from crawler.spiders.inquirer import InquirerSpider
from tests.support.factories import make_item


def test_a_request_without_items_is_acked_when_done() -> None:
    acked: list[list[str]] = []
    ledger = AckLedger(acked.append)
    ledger.done("index-page")
    assert acked == [["index-page"]]


def test_a_request_whose_item_was_buffered_waits_for_the_next_flush() -> None:
    acked: list[list[str]] = []
    ledger = AckLedger(acked.append)
    ledger.item_passed("article-1")
    ledger.flushed()  # a flush before the request is done proves nothing about its item...
    assert acked == []
    ledger.done("article-1")
    ledger.item_passed("article-2")
    assert acked == [] and ledger.waiting == 1
    ledger.flushed()  # ...one after it does
    assert acked == [["article-1"]]
    ledger.done("article-2")
    ledger.done("skipped")  # no item (already stored): at once
    assert acked[-1] == ["skipped"]
    ledger.flushed()
    assert acked[-1] == ["article-2"] and ledger.waiting == 0
    ledger.flushed()  # nothing waiting: no empty ack
    assert len(acked) == 3


def test_idle_clock_needs_an_unbroken_empty_stretch() -> None:
    now = [100.0]
    idle = IdleClock(10, clock=lambda: now[0])
    assert not idle.observe(0, 0)
    now[0] += 6
    assert not idle.observe(0, 1)  # something in flight somewhere: start again
    now[0] += 1
    assert not idle.observe(0, 0)
    now[0] += 9.9
    assert not idle.observe(0, 0)
    now[0] += 0.1
    assert idle.observe(0, 0) and idle.empty_for == pytest.approx(10)


def test_redis_url_switches_to_the_distributed_scheduler_and_nothing_else_does() -> None:
    single = project_settings({})
    DistributedMode().update_settings(single)
    assert single["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert single.getint("MONITOR_MIN_ITEMS") == 1
    distributed = project_settings({"REDIS_URL": "redis://127.0.0.1:1/0"})
    assert "crawler.distributed.addon.DistributedMode" in distributed.getdict("ADDONS")
    DistributedMode().update_settings(distributed)
    assert distributed["SCHEDULER"] == "crawler.distributed.scheduler.DistributedScheduler"
    assert distributed["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert distributed.getbool("SCHEDULER_PERSIST")
    assert distributed.getint("MONITOR_MIN_ITEMS") == 0  # one worker's share is no measure
    chosen = project_settings({"REDIS_URL": "redis://127.0.0.1:1/0", "MONITOR_MIN_ITEMS": 5})
    DistributedMode().update_settings(chosen)
    assert chosen.getint("MONITOR_MIN_ITEMS") == 5  # -s on the command line still wins


def test_the_run_names_its_days_explicitly() -> None:
    settings = project_settings({"CRAWL_TODAY": "2026-11-28"})
    assert run_args({}, settings) == {
        "mode": "nightly",
        "since": "2026-11-27",
        "until": "2026-11-28",
    }
    assert run_args(
        {"mode": "backfill", "since": "2026-11-01", "subdomains": "newsinfo"}, settings
    ) == {
        "mode": "backfill",
        "since": "2026-11-01",
        "until": "2026-11-28",
        "subdomains": "newsinfo",
    }
    with pytest.raises(SpiderArgumentError):
        run_args({"mode": "urls", "urls": "https://newsinfo.inquirer.net/1/x"}, settings)
    with pytest.raises(SpiderArgumentError):
        run_args({"since": "2026-11-30", "until": "2026-11-01"}, settings)


def test_seeds_are_the_spiders_own_requests_and_survive_the_queue() -> None:
    settings = project_settings({"CRAWL_TODAY": "2026-11-28"})
    args = run_args(
        {"mode": "backfill", "since": "2026-11-26", "subdomains": "newsinfo,business"}, settings
    )
    spider, seeds = seed_requests(settings, args, {"index", "feed"})
    kinds = [kind for kind, _ in seeds]
    assert kinds == ["index"] * 3 + ["feed"] * 2  # no robots/sitemaps unless asked
    index = seeds[0][1]
    assert index.callback == spider.parse_index and index.errback == spider.index_failed
    assert index.cb_kwargs == {"day": date(2026, 11, 28)} and index.priority == 10
    worker = InquirerSpider.from_crawler(Crawler(InquirerSpider, settings))
    for _, request in seeds:
        request.meta[TOKEN] = "7"  # a popped request's id never travels back into the queue
        data = picklecompat.loads(encode_request(request, spider))
        assert TOKEN not in data["meta"]
        again = request_from_dict(data, spider=worker)
        assert (again.url, again.priority, again.cb_kwargs) == (
            request.url,
            request.priority,
            request.cb_kwargs,
        )
        assert again.callback.__func__ is request.callback.__func__  # type: ignore[union-attr]
        assert again.callback.__self__ is worker  # type: ignore[union-attr]
    _, with_robots = seed_requests(settings, args, {"index", "sitemap"})
    assert [k for k, _ in with_robots].count("sitemap") == 1


def _run(
    run_id: int, worker: str, status: str, start: int, secs: int | None, new: int
) -> dict[str, object]:
    started = datetime(2026, 11, 29, 1, 0, tzinfo=UTC) + timedelta(seconds=start)
    return {
        "id": run_id,
        "args": {"distributed_worker": worker, "distributed_run": "R"},
        "status": status,
        "finish_reason": "finished" if secs is not None else None,
        "started_at": started,
        "finished_at": started + timedelta(seconds=secs) if secs is not None else None,
        "pages_fetched": new,
        "articles_new": new,
        "articles_updated": 0,
        "articles_unchanged": 0,
        "articles_rejected": 0,
        "articles_failed": 0,
        "pages_blocked": 0,
        "errors": 0,
    }


def test_summary_lists_each_worker_and_the_totals() -> None:
    totals = RunTotals({1: (700, 0), 2: (650, 0), 3: (150, 5)}, None, found_note="no Redis")
    text = distributed_summary(
        "R",
        [
            _run(1, "a", "finished", 0, 40, 700),
            _run(2, "b", "finished", 1, 39, 650),
            _run(3, "c", "running", 1, None, 0),  # killed: its row was never closed
        ],
        totals,
    )
    lines = text.splitlines()
    assert lines[0] == "distributed run R: 3 worker(s)"
    assert sum(1 for line in lines if line.split()[:2] in (["1", "a"], ["2", "b"], ["3", "c"])) == 3
    killed = next(line for line in lines if line.split()[:2] == ["3", "c"])
    assert killed.split()[-8:-6] == ["150", "5"]  # its stored articles, from the store
    assert "total: new 1500, changed 5 (from the store" in text
    assert "worker counters: fetched 1350," in text
    assert "wall time 40 s" in text and "37.6 articles stored/s" in text  # 1505 / 40
    assert "found by discovery: unknown (no Redis)" in text
    assert "statuses: finished, running" in text and "was killed" in text
    assert distributed_summary("R", [], totals) == "no crawl_runs row belongs to distributed run R"


def test_a_flush_that_only_spooled_acks_nothing_until_the_store_is_back() -> None:
    acked: list[list[str]] = []
    ledger = AckLedger(acked.append)
    ledger.item_passed("article-1")
    ledger.done("article-1")
    ledger.flushed(durable=False)  # the database is down: the batch is in the local spool
    assert acked == [] and ledger.waiting == 1 and not ledger.durable
    ledger.item_passed("article-2")
    ledger.done("article-2")
    ledger.flushed(durable=False)
    assert acked == [] and ledger.waiting == 2
    ledger.flushed(durable=True)  # back: the spool was written before the new batch
    assert acked == [["article-1", "article-2"]] and ledger.durable


def _worker_run(
    store: object,
    run_id: str,
    worker: str,
    stored: int,
    mode: str = "backfill",
    status: str = "finished",
    first: int = 0,
) -> int:
    """A worker's crawl_runs row and the ``stored`` articles its run wrote (numbered from
    ``first``); a worker that is not ``finished`` never closed its row (counters 0)."""
    runs = store.runs  # type: ignore[attr-defined]
    args = {"mode": mode, "distributed_run": run_id, "distributed_worker": worker}
    row = runs.start_run("inquirer", args)
    items = [make_item(first + n) for n in range(stored)]
    results = store.articles.upsert_articles(items, run_id=row)  # type: ignore[attr-defined]
    assert {r.outcome for r in results} <= {"new"}
    if status != "running":
        runs.finish_run(row, status, "finished", {"articles_new": stored}, {}, args)
    return int(row)


def _urls(first: int, count: int) -> set[str]:
    return {make_item(first + n).canonical_url for n in range(count)}


def test_a_distributed_run_is_checked_on_what_the_store_holds(sqlite_url: str) -> None:
    """`crawler runs --distributed RUN --check`: the item count is the found articles the
    store holds (a killed worker's included), held against the minimum and the earlier
    distributed runs of the same mode; an article found but neither stored nor recorded as
    failed fails the check."""
    from crawler.distributed.summary import format_checks, run_report
    from crawler.monitoring.checks import Thresholds
    from crawler.store.facade import open_store

    store = open_store(sqlite_url)
    found: dict[str, set[str]] = {}
    first = 0
    for earlier in ("E1", "E2", "E3"):
        found[earlier] = _urls(first, 100)
        for worker, stored in (("a", 60), ("b", 40)):
            _worker_run(store, earlier, worker, stored, first=first)
            first += stored
    _worker_run(store, "N1", "a", 5, mode="nightly", first=first)  # another mode
    first += 5
    found["GOOD"] = _urls(first, 90)
    _worker_run(store, "GOOD", "a", 50, first=first)
    _worker_run(store, "GOOD", "b", 30, first=first + 50)
    killed = _worker_run(store, "GOOD", "c", 9, status="running", first=first + 80)
    store.runs.record_failure(killed, make_item(first + 89).url + "/", "fetch", "http_404")
    first += 90
    found["BAD"] = _urls(first, 100)
    _worker_run(store, "BAD", "a", 40, first=first)
    _worker_run(store, "BAD", "b", 47, first=first + 40)  # 13 found, never stored
    t = Thresholds(min_items=1, history_runs=3, item_drop_ratio=0.5)

    text, checks = run_report(store, "GOOD", found.get, "unknown", t)
    report = format_checks(checks or [])
    assert "total: new 89, changed 0" in text  # 50 + 30 + the killed worker's 9
    killed_line = next(line for line in text.splitlines() if line.split()[1:2] == ["c"])
    assert killed_line.split()[2] == "running" and killed_line.split()[-8] == "9"
    assert "90 article URLs; 89 in the store, 1 recorded as failed, 0 missing" in text
    assert (
        "PASS item_count_minimum: 89 articles (minimum 1): from the store: 89 new, 0 changed, "
        "0 stored before, of 90 found by discovery" in report
    )
    assert "PASS item_count_vs_history: 89 articles vs median 100" in report  # E1..E3 only
    assert "PASS found_articles_stored: 90 of 90" in report

    text, checks = run_report(store, "BAD", found.get, "unknown", t)
    report = format_checks(checks or [])
    missing = sorted(_urls(first + 87, 13))
    assert "100 article URLs; 87 in the store, 0 recorded as failed, 13 missing" in text
    assert "FAIL found_articles_stored: 87 of 100 articles discovery found" in report
    assert f"13 missing: {', '.join(missing[:5])} ..." in report

    _, checks = run_report(store, "GOOD", lambda run: None, "no Redis to ask", t)
    assert (
        "FAIL found_articles_stored: cannot tell whether every article found was stored: "
        "no Redis to ask" in format_checks(checks or [])
    )
    text, checks = run_report(store, "NOPE", found.get, "unknown", t)
    assert checks is None and text.startswith("no crawl_runs row")


def test_crawler_runs_check_exits_1_when_it_fails(sqlite_url: str) -> None:
    import subprocess
    import sys

    from crawler.store.facade import open_store
    from tests.support.crawling import ROOT

    _worker_run(open_store(sqlite_url), "R", "a", 3)
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli.main", "--database-url", sqlite_url]
        + ["runs", "--distributed", "R", "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "total: new 3, changed 0" in result.stdout
    assert "FAIL found_articles_stored: cannot tell" in result.stdout
    assert "no Redis to ask: set REDIS_URL or give --redis-url" in result.stdout


def test_an_article_request_names_its_canonical_url_and_what_it_replaces() -> None:
    from scrapy import Request

    from crawler.distributed.codec import found_article

    article = Request(
        "https://newsinfo.inquirer.net/5/new-slug/?utm_source=x",
        meta={"article": True, "redirect_urls": ["https://newsinfo.inquirer.net/5/old-slug/"]},
    )
    assert found_article(article) == (
        "https://newsinfo.inquirer.net/5/new-slug",
        ["https://newsinfo.inquirer.net/5/old-slug"],
    )
    assert found_article(Request("https://newsinfo.inquirer.net/2026/11/28/")) == (None, [])


def test_crawler_runs_shows_whether_a_finished_runs_monitors_passed(sqlite_url: str) -> None:
    """A run can finish and fail its monitors (exit 5): `crawler runs` says which."""
    from crawler.cli.main import main
    from crawler.store.facade import open_store

    runs = open_store(sqlite_url).runs
    ids = []
    for monitor in (
        {"passed": True, "checks": [{"name": "item_count_minimum", "passed": True}]},
        {
            "passed": False,
            "checks": [
                {"name": "item_count_minimum", "passed": False},
                {"name": "error_rate", "passed": True},
                {"name": "coverage_published_at", "passed": False},
            ],
        },
        None,  # no monitor result stored (killed before it ran)
    ):
        run_id = runs.start_run("inquirer", {"mode": "nightly"})
        runs.finish_run(run_id, "finished", "finished", {}, {})
        if monitor is not None:
            runs.save_monitor(run_id, monitor)
        ids.append(run_id)
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--database-url", sqlite_url, "runs"]) == 0
    lines = {line.split()[0]: line for line in out.getvalue().splitlines()}
    assert lines["run"].split()[-1] == "monitors"
    assert lines[str(ids[0])].endswith(" passed")
    assert lines[str(ids[1])].endswith(" FAILED: item_count_minimum,coverage_published_at")
    assert lines[str(ids[2])].endswith(" -")
    assert all("finished (finished)" in lines[str(i)] for i in ids)
    last = runs.start_run("inquirer", {"mode": "nightly"})  # crawler stats: the last run
    runs.finish_run(last, "finished", "finished", {}, {})
    runs.save_monitor(last, {"passed": False, "checks": [{"name": "error_rate", "passed": False}]})
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--database-url", sqlite_url, "stats"]) == 0
    assert f"run {last} finished (monitors FAILED: error_rate): 0 article pages" in out.getvalue()
