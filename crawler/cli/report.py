"""``crawler report``: write the crawl health report (one HTML file, crawler/reporting/)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from crawler.cli.options import _day, _positive
from crawler.clock import crawl_now
from crawler.outcome import EXIT_OK
from settings.environment import PROJECT_ROOT
from settings.environment import crawl_today as crawl_today_setting


def cmd_report(args: argparse.Namespace) -> int:
    from crawler.distributed.seed import project_settings
    from crawler.monitoring.suite import thresholds
    from crawler.reporting.queries import ReportRepository
    from crawler.reporting.report import render_report
    from crawler.store.facade import open_store

    short = thresholds(project_settings({})).min_body_words  # the monitor's, for the report
    data = ReportRepository(open_store(args.database_url).engine, short).load(
        crawl_now(args.today), runs=args.runs, days=args.days
    )
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.write_text(render_report(data), encoding="utf-8")
    partial.replace(output)
    print(f"report written to {output}")
    return EXIT_OK


def add_parser(sub: Any) -> None:
    report = sub.add_parser("report", help="write the crawl health report (one HTML file)")
    report.add_argument(
        "--output",
        type=Path,
        default=PROJECT_ROOT / "data" / "report.html",
        help="default: data/report.html in the project",
    )
    report.add_argument("--runs", type=_positive, default=30, help="last N runs (default 30)")
    report.add_argument(
        "--days",
        type=_positive,
        default=30,
        help="articles per day over the last N days (default 30)",
    )
    report.add_argument(
        "--today",
        type=_day,
        default=crawl_today_setting(),
        help="the Manila day the windows end on (default: CRAWL_TODAY, else today)",
    )
    report.set_defaults(func=cmd_report)
