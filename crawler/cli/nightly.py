"""``crawler nightly``: the one command for cron.

A lock file keeps two runs from overlapping; logs go to a rotating file; the
exit code says how the run went (see EXIT_CODES and the README).
"""

from __future__ import annotations

import argparse
import fcntl
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from crawler.cli.options import add_settings_option, pairs
from crawler.extensions import redact
from crawler.outcome import EXIT_CODES, exit_code, format_summary
from settings.environment import PROJECT_ROOT

__all__ = ["EXIT_CODES", "exit_code", "run_nightly"]


class LockHeld(RuntimeError):
    pass


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """An exclusive, non-blocking lock; the kernel releases it if the process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown process"
        handle.close()
        raise LockHeld(f"another nightly crawl is running ({holder}); lock file {path}") from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC\n")
    handle.flush()
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def setup_logging(log_file: Path, level: str) -> None:
    """Everything to a rotating file (10 MB x 5); warnings and progress also to stderr."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    formatter = logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    to_file = RotatingFileHandler(
        log_file, maxBytes=10 * 1024 * 1024, backupCount=5, encoding="utf-8"
    )
    to_file.setFormatter(formatter)
    to_file.setLevel(level)
    to_err = logging.StreamHandler(sys.stderr)
    to_err.setFormatter(formatter)
    to_err.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(to_file)
    root.addHandler(to_err)
    redact.install([to_file, to_err])
    # progress lines on the terminal too
    logging.getLogger("crawler.extensions.progress").addHandler(to_err)


def check_spider_args(spider: str, spider_args: dict[str, str]) -> None:
    """Validate a nightly run's ``-a`` arguments for ``spider``; raises SpiderArgumentError."""
    from crawler.spiders.args import parse_spider_args

    if spider == "news":
        from crawler.spiders.newsargs import parse_news_args

        parse_news_args({"mode": "nightly", **spider_args})
    else:
        parse_spider_args({"mode": "nightly", **spider_args})


def run_nightly(
    lock_file: Path,
    log_file: Path,
    spider_args: dict[str, str],
    settings_overrides: dict[str, str],
    spider: str = "inquirer",
) -> int:
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.cli.preflight import PreflightFailed, check_store
    from crawler.spiders.args import SpiderArgumentError

    try:
        check_spider_args(spider, spider_args)
    except SpiderArgumentError as exc:
        print(f"crawler nightly: {exc}", file=sys.stderr)
        return 2
    try:
        with run_lock(lock_file):
            settings = get_project_settings()
            for name, value in settings_overrides.items():
                settings.set(name, value, priority="cmdline")
            check_store(settings["DATABASE_URL"], settings.getbool("STORE_AUTO_MIGRATE"))
            setup_logging(log_file, settings.get("LOG_LEVEL", "INFO"))
            settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
            process = CrawlerProcess(settings)
            crawler = process.create_crawler(spider)
            process.crawl(crawler, **{"mode": "nightly", **spider_args})
            process.start()
            stats = crawler.stats.get_stats() if crawler.stats else {}
            code = exit_code(stats)
            logging.getLogger(__name__).log(
                logging.INFO if code == 0 else logging.ERROR,
                "nightly crawl ended: exit %d (%s)",
                code,
                EXIT_CODES[code],
            )
            summary = format_summary(stats, code)
            logging.getLogger(__name__).info(summary)
            print(summary, file=sys.stderr)  # the terminal or cron mail, success included
            return code
    except LockHeld as exc:
        print(f"crawler nightly: {exc}; exiting", file=sys.stderr)
        return 75
    except PreflightFailed as exc:
        print(f"crawler nightly: {exc}", file=sys.stderr)
        return exc.exit_code


def cmd_nightly(args: argparse.Namespace) -> int:
    overrides = {"DATABASE_URL": args.database_url, **pairs(args.settings, "-s")}
    return run_nightly(
        args.lock_file, args.log_file, pairs(args.spider_args, "-a"), overrides, args.spider
    )


def _nightly_help() -> str:
    return "exit codes:\n" + "\n".join(f"  {code:>3}  {text}" for code, text in EXIT_CODES.items())


def add_parser(sub: Any) -> None:
    nightly = sub.add_parser(
        "nightly",
        help="the cron command: a locked, logged nightly crawl",
        description=_nightly_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    nightly.add_argument("--lock-file", type=Path, default=PROJECT_ROOT / "data" / "nightly.lock")
    nightly.add_argument("--log-file", type=Path, default=PROJECT_ROOT / "logs" / "nightly.log")
    nightly.add_argument(
        "--spider",
        choices=("inquirer", "news"),
        default="inquirer",
        help="inquirer (default), or news with -a site=URL / sites=... / sites_file=sites.toml",
    )
    nightly.add_argument(
        "-a",
        dest="spider_args",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="spider argument, e.g. -a subdomains=newsinfo,business",
    )
    add_settings_option(nightly, "INQUIRER_MIRROR=http://127.0.0.1:8800")
    nightly.set_defaults(func=cmd_nightly)
