"""``crawler runs``: the last crawl runs; ``--distributed RUN_ID``: one distributed run's
workers and totals (and ``--check`` on them)."""

from __future__ import annotations

import argparse
from typing import Any

from crawler.cli.options import _positive
from crawler.outcome import EXIT_FAILED, EXIT_OK


def cmd_runs(args: argparse.Namespace) -> int:
    from crawler.distributed.summary import recent_runs_table, run_report
    from crawler.store.facade import open_store

    store = open_store(args.database_url)
    if not args.distributed:
        print(recent_runs_table(store.runs.last_runs(args.limit)))
        return EXIT_OK
    from crawler.distributed.seed import project_settings
    from crawler.monitoring.suite import thresholds

    settings = project_settings(
        {"REDIS_URL": args.redis_url, "DISTRIBUTED_KEY_PREFIX": args.prefix}
    )
    found, note = _found_lookup(settings)
    text, checks = run_report(
        store, args.distributed, found, note, thresholds(settings) if args.check else None
    )
    print(text)
    if text.startswith("no crawl_runs row"):
        return EXIT_FAILED
    if checks is not None:  # --check: exit 1 if one fails (for cron/alerts)
        from crawler.distributed.summary import format_checks

        print("", format_checks(checks), sep="\n")
        return EXIT_OK if all(c.passed for c in checks) else EXIT_FAILED
    return EXIT_OK


def _found_lookup(settings: Any) -> tuple[Any, str]:
    """What each distributed run's discovery found, from Redis (``P:found:RUN``), and the
    reason it is unknown when Redis cannot tell."""
    prefix = settings.get("DISTRIBUTED_KEY_PREFIX")
    if not settings.get("REDIS_URL"):
        return (lambda run: None), "no Redis to ask: set REDIS_URL or give --redis-url"
    from crawler.distributed.scheduler import open_queue

    try:
        queue = open_queue(settings)
    except Exception as exc:
        return (lambda run: None), f"Redis unreachable ({type(exc).__name__}: {exc})"
    return queue.found, f"Redis has no record of it under prefix {prefix!r} (expired, or none)"


def add_parser(sub: Any) -> None:
    runs = sub.add_parser("runs", help="crawl runs; --distributed RUN_ID: its workers and totals")
    runs.add_argument("--distributed", metavar="RUN_ID", help="the run id `crawler seed` printed")
    runs.add_argument("--limit", type=_positive, default=20, help="last N runs (default 20)")
    runs.add_argument(
        "--check",
        action="store_true",
        help="with --distributed: check the run's item count (from the store) against "
        "MONITOR_MIN_ITEMS and recent distributed runs, and that every article its "
        "discovery found (Redis) is stored or recorded as failed; exit 1 on failure",
    )
    runs.add_argument("--redis-url", default=None, help="default: $REDIS_URL")
    runs.add_argument(
        "--prefix",
        default=None,
        help="Redis key prefix of the run (default: $CRAWLER_REDIS_PREFIX or inquirer)",
    )
    runs.set_defaults(func=cmd_runs)
