"""Spidermon monitoring of every crawl, run at spider close (see docs/monitoring.md).

``CrawlMonitorSuite`` runs the checks of ``crawler.monitoring.checks`` as Spidermon
monitors; then ``RecordMonitorResult`` stores the result in ``crawl_runs.monitor``,
sets the ``monitor/passed`` stat and logs a readable block; on failure
``AlertCommand`` (``MONITOR_ALERT_COMMAND``) and, when ``SPIDERMON_EMAIL_TO`` is
set, Spidermon's SMTP e-mail action fire.

Ordering: the Spidermon extension is registered after ``CrawlRunRecorder`` (a
higher EXTENSIONS number), so at spider close the run row is already finished
when the monitor writes its column, and the recorder's counters do not include
the monitor's own log lines. ``CoverageCountPipeline`` counts, per ArticleItem,
the coverage conditions it meets.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from spidermon import Action, Monitor, MonitorSuite, SkipAction, monitors
from spidermon.exceptions import NotConfigured

from crawler.items import ArticleItem
from crawler.monitoring.alert import command_argv, run_alert_command
from crawler.monitoring.checks import (
    BODY_LOSS_STAT,
    COVERAGE_PREFIX,
    FALLBACK_PREFIX,
    Check,
    Thresholds,
    check_coverage,
    check_fallback_shares,
    check_finish_reason,
    check_item_count,
    check_rates,
    check_site_counts,
    coverage_flags,
    coverage_from_stats,
    describe_items,
    fallback_fields,
    fallback_shares,
    format_report,
    item_count,
    monitor_result,
    run_mode,
)
from crawler.store.facade import Store, open_crawl_store

# Spidermon's runner still calls Spider.log(); the warning is theirs, not ours, and noise here.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated")

log = logging.getLogger(__name__)


def thresholds(settings: BaseSettings) -> Thresholds:
    """The ``MONITOR_*`` settings, each defaulting to :class:`Thresholds`."""
    d = Thresholds()
    return Thresholds(
        min_items=settings.getint("MONITOR_MIN_ITEMS", d.min_items),
        item_drop_ratio=settings.getfloat("MONITOR_ITEM_DROP_RATIO", d.item_drop_ratio),
        history_runs=settings.getint("MONITOR_HISTORY_RUNS", d.history_runs),
        min_published_at=settings.getfloat("MONITOR_MIN_PUBLISHED_AT", d.min_published_at),
        min_authors_or_agency=settings.getfloat(
            "MONITOR_MIN_AUTHORS_OR_AGENCY", d.min_authors_or_agency
        ),
        min_body_words=settings.getint("MONITOR_MIN_BODY_WORDS", d.min_body_words),
        min_body_length=settings.getfloat("MONITOR_MIN_BODY_LENGTH", d.min_body_length),
        max_error_rate=settings.getfloat("MONITOR_MAX_ERROR_RATE", d.max_error_rate),
        max_blocked_rate=settings.getfloat("MONITOR_MAX_BLOCKED_RATE", d.max_blocked_rate),
        max_fallback_rise=settings.getfloat("MONITOR_MAX_FALLBACK_RISE", d.max_fallback_rise),
    )


def _store(crawler: Crawler) -> Store:
    return open_crawl_store(crawler.settings)


class CoverageCountPipeline:
    """Counts ``monitor/coverage/items``, one ``monitor/coverage/<field>`` per condition met,
    one ``monitor/fallback/<field>`` per field taken from a fallback source and
    ``monitor/body_loss`` per item whose layout body silently missed text."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.min_body_words = thresholds(crawler.settings).min_body_words

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CoverageCountPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem):
            stats = self.crawler.stats
            assert stats is not None
            stats.inc_value(f"{COVERAGE_PREFIX}items")
            for name, met in coverage_flags(item, self.min_body_words).items():
                stats.inc_value(f"{COVERAGE_PREFIX}{name}", int(met))
            for name in fallback_fields(item):
                stats.inc_value(f"{FALLBACK_PREFIX}{name}")
            if any(problem.startswith("body_loss") for problem in item.problems):
                stats.inc_value(BODY_LOSS_STAT)
        return item


# --- monitors: each test method records its Check on itself, then asserts it -----------
class _CheckMonitor(Monitor):
    checks: tuple[Check, ...] = ()

    @property
    def thresholds(self) -> Thresholds:
        return thresholds(self.data.crawler.settings)

    def assert_check(self, checks: list[Check], name: str) -> None:
        check = next(c for c in checks if c.name == name)
        self.checks = (check,)
        self.assertTrue(check.passed, check.detail)


@monitors.order(1)
@monitors.name("Item count")
class ItemCountMonitor(_CheckMonitor):
    @monitors.order(1)
    @monitors.name("at least MONITOR_MIN_ITEMS articles")
    def test_minimum(self) -> None:
        stats = self.data.stats
        checks = check_item_count(
            item_count(stats), [], self.thresholds, breakdown=describe_items(stats)
        )
        self.assert_check(checks, "item_count_minimum")

    @monitors.order(2)
    @monitors.name("no steep drop against recent finished runs")
    def test_against_recent_runs(self) -> None:
        spider, t = self.data.spider, self.thresholds
        mode = run_mode(getattr(spider, "raw_args", {}))
        run_id = self.data.stats.get("crawl_run/id")
        # Scan back further than N so that N runs of the same mode are usually found.
        runs = _store(self.data.crawler).runs.recent_runs(
            spider.name, t.history_runs * 10, before_id=run_id
        )
        history = [item_count(r["stats"]) for r in runs if run_mode(r["args"]) == mode]
        checks = check_item_count(item_count(self.data.stats), history[: t.history_runs], t, mode)
        self.assert_check(checks, "item_count_vs_history")


@monitors.order(2)
@monitors.name("Field coverage")
class FieldCoverageMonitor(_CheckMonitor):
    def _check(self, name: str) -> None:
        self.assert_check(
            check_coverage(coverage_from_stats(self.data.stats), self.thresholds), name
        )

    @monitors.order(1)
    @monitors.name("published_at")
    def test_published_at(self) -> None:
        self._check("coverage_published_at")

    @monitors.order(2)
    @monitors.name("authors or agency")
    def test_authors_or_agency(self) -> None:
        self._check("coverage_authors_or_agency")

    @monitors.order(3)
    @monitors.name("body length")
    def test_body_length(self) -> None:
        self._check("coverage_body_length")


@monitors.order(3)
@monitors.name("Errors and blocking")
class ErrorRateMonitor(_CheckMonitor):
    @monitors.order(1)
    @monitors.name("error rate")
    def test_error_rate(self) -> None:
        self.assert_check(check_rates(self.data.stats, self.thresholds), "error_rate")

    @monitors.order(2)
    @monitors.name("blocked rate")
    def test_blocked_rate(self) -> None:
        self.assert_check(check_rates(self.data.stats, self.thresholds), "blocked_rate")


@monitors.order(4)
@monitors.name("Finish reason")
class FinishReasonMonitor(_CheckMonitor):
    @monitors.name("finished")
    def test_finish_reason(self) -> None:
        check = check_finish_reason(self.data.stats.get("finish_reason"))
        self.assert_check([check], check.name)


@monitors.order(5)
@monitors.name("Field sources")
class FallbackShareMonitor(_CheckMonitor):
    @monitors.name("fallback share vs recent runs")
    def test_fallback_shares(self) -> None:
        spider, t = self.data.spider, self.thresholds
        run_id = self.data.stats.get("crawl_run/id")
        runs = _store(self.data.crawler).runs.recent_runs(
            spider.name, t.history_runs * 10, before_id=run_id
        )
        history = [shares for r in runs if (shares := fallback_shares(r["stats"] or {}))]
        check = check_fallback_shares(
            fallback_shares(self.data.stats), history[: t.history_runs], t
        )
        self.assert_check([check], check.name)


# --- actions ------------------------------------------------------------------------
def collect_result(result: Any, data: Any) -> dict[str, Any]:
    """The monitor JSON from a Spidermon result: each monitor's Check, in run order; a
    monitor that raised instead of checking counts as a failed check."""
    checks: list[Check] = []
    for outcome in result.monitor_results:
        recorded = getattr(outcome.item, "checks", ())
        if recorded:
            checks.extend(recorded)
        else:
            error = (outcome.error or "no result").strip().splitlines()[-1]
            checks.append(Check(outcome.item.name, False, f"monitor raised: {error}"))
    return monitor_result(
        checks,
        coverage_from_stats(data.stats),
        item_count(data.stats),
        fallback_shares(data.stats),
    )


class RecordMonitorResult(Action):
    """Sets ``monitor/passed``, logs the report, stores it in ``crawl_runs.monitor``."""

    def run_action(self) -> None:
        crawler = self.data.crawler
        outcome = collect_result(self.result, self.data)
        run_id = self.data.stats.get("crawl_run/id")
        crawler.stats.set_value("monitor/passed", outcome["passed"])
        crawler.stats.set_value(
            "monitor/failed_checks", sum(not c["passed"] for c in outcome["checks"])
        )
        log.log(
            logging.INFO if outcome["passed"] else logging.WARNING,
            "\n%s",
            format_report(outcome, run_id),
        )
        if run_id is not None:
            _store(crawler).runs.save_monitor(int(run_id), outcome)


class AlertCommand(Action):
    """On failure: runs ``MONITOR_ALERT_COMMAND`` with the result (plus run id, spider) on stdin."""

    def __init__(self, command: str | list[str] | None = None, timeout: float = 30.0) -> None:
        super().__init__()
        self.command, self.timeout = command, timeout

    @classmethod
    def from_crawler_kwargs(cls, crawler: Crawler) -> dict[str, Any]:
        settings = crawler.settings
        return {
            "command": settings.get("MONITOR_ALERT_COMMAND"),
            "timeout": settings.getfloat("MONITOR_ALERT_TIMEOUT", 30.0),
        }

    def run_action(self) -> None:
        if not command_argv(self.command):
            raise SkipAction("MONITOR_ALERT_COMMAND is not set")
        payload = {
            "run_id": self.data.stats.get("crawl_run/id"),
            "spider": self.data.spider.name,
            **collect_result(self.result, self.data),
        }
        ok = run_alert_command(self.command, payload, self.timeout)
        self.data.crawler.stats.set_value("monitor/alert_command", "ok" if ok else "failed")


class SpidermonTracebacksToDebug(logging.Filter):
    """Spidermon logs every failed check's traceback at ERROR; RecordMonitorResult already
    logs the readable report at WARNING, so the tracebacks are kept for DEBUG only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.ERROR and str(record.msg).startswith("[Spidermon] \n"):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


def quiet_spidermon_tracebacks(spider_name: str) -> None:
    logger = logging.getLogger(spider_name)
    if not any(isinstance(f, SpidermonTracebacksToDebug) for f in logger.filters):
        logger.addFilter(SpidermonTracebacksToDebug())


class CrawlMonitorSuite(MonitorSuite):
    """SPIDERMON_SPIDER_CLOSE_MONITORS: every check, then record, then alert on failure."""

    monitors = [
        ItemCountMonitor,
        FieldCoverageMonitor,
        ErrorRateMonitor,
        FinishReasonMonitor,
        FallbackShareMonitor,
    ]
    monitors_finished_actions = [RecordMonitorResult]
    monitors_failed_actions = [AlertCommand]

    def __init__(self, *args: Any, crawler: Crawler | None = None, **kwargs: Any) -> None:
        super().__init__(*args, crawler=crawler, **kwargs)
        if crawler is not None and crawler.spidercls is not None:
            quiet_spidermon_tracebacks(crawler.spidercls.name)
        if crawler is not None and crawler.settings.getlist("SPIDERMON_EMAIL_TO"):
            try:
                from spidermon.contrib.actions.email.smtp import SendSmtpEmail

                self.add_monitors_failed_action(SendSmtpEmail)
            except (ImportError, NotConfigured) as exc:
                # A misconfigured alert must not stop the crawl: say so loudly, go on.
                log.error("monitor e-mail alert disabled: %s", exc)


# --- the news spider: one item count per outlet ----------------------------------------
@monitors.order(5)
@monitors.name("Outlets")
class SiteItemCountMonitor(_CheckMonitor):
    @monitors.name("every outlet yields articles")
    def test_every_outlet(self) -> None:
        sites = sorted(getattr(self.data.spider, "outlets", {}) or {})
        check = check_site_counts(self.data.stats, sites)
        self.assert_check([check], check.name)


class NewsMonitorSuite(CrawlMonitorSuite):
    """The news spider's suite: every check of :class:`CrawlMonitorSuite`, plus one item
    count per outlet (an outlet that suddenly yields nothing alerts on its own)."""

    monitors = [*CrawlMonitorSuite.monitors, SiteItemCountMonitor]
