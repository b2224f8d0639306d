"""Distributed mode without servers: ack rules, idle clock, the mode switch, seeds, summary."""

from __future__ import annotations

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
from crawler.distributed.summary import distributed_summary
from crawler.spiders.args import SpiderArgumentError
from crawler.spiders.inquirer import InquirerSpider


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
    text = distributed_summary(
        "R",
        [
            _run(1, "a", "finished", 0, 40, 700),
            _run(2, "b", "finished", 1, 39, 650),
            _run(3, "c", "running", 1, None, 150),
        ],
    )
    lines = text.splitlines()
    assert lines[0] == "distributed run R: 3 worker(s)"
    assert sum(1 for line in lines if line.split()[:2] in (["1", "a"], ["2", "b"], ["3", "c"])) == 3
    assert "total: fetched 1500, new 1500" in text
    assert "wall time 40 s" in text and "37.5 articles stored/s" in text
    assert "statuses: finished, running" in text and "was killed" in text
    assert distributed_summary("R", []) == "no crawl_runs row belongs to distributed run R"


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
) -> None:
    runs = store.runs  # type: ignore[attr-defined]
    args = {"mode": mode, "distributed_run": run_id, "distributed_worker": worker}
    row = runs.start_run("inquirer", args)
    runs.finish_run(
        row,
        status,
        "finished",
        {"articles_new": stored},
        {"store/new": stored, "pages/article_fetched": stored},
        args,
    )


def test_a_distributed_run_is_checked_on_its_summed_item_count(sqlite_url: str) -> None:
    """Workers do not count items (a share of a run is no measure); `crawler runs
    --distributed RUN --check` sums them and compares with earlier distributed runs."""
    import subprocess
    import sys

    from crawler.store.facade import open_store
    from tests.support.crawling import ROOT

    store = open_store(sqlite_url)
    for earlier in ("E1", "E2", "E3"):
        for worker, stored in (("a", 500), ("b", 480)):
            _worker_run(store, earlier, worker, stored)
    _worker_run(store, "N1", "a", 5, mode="nightly")  # another mode: not compared
    _worker_run(store, "GOOD", "a", 600)
    _worker_run(store, "GOOD", "b", 350)
    _worker_run(store, "GOOD", "c", 40, status="abandoned")  # killed: its share is requeued
    _worker_run(store, "BAD", "a", 200)
    _worker_run(store, "BAD", "b", 100)

    def check(run_id: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "crawler.cli.main",
                "--database-url",
                sqlite_url,
                "runs",
                "--distributed",
                run_id,
                "--check",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )

    good = check("GOOD")
    assert good.returncode == 0, good.stdout + good.stderr
    assert (
        "PASS item_count_minimum: 990 articles (minimum 1): summed over 3 worker(s)" in good.stdout
    )
    assert (
        "PASS item_count_vs_history: 990 articles vs median 980 of the last 3 finished "
        "backfill run(s)" in good.stdout
    )  # earlier runs only: not BAD, not the nightly one
    bad = check("BAD")  # 300 < half of the median 980
    assert bad.returncode == 1 and "FAIL item_count_vs_history: 300 articles" in bad.stdout
    assert check("NOPE").returncode == 1
