"""The ``crawler`` command: database and store operations.

crawler db upgrade      # alembic upgrade head on DATABASE_URL
crawler db status       # current vs expected schema revision
crawler stats           # what the store holds
crawler export --format jsonl|csv [--since YYYY-MM-DD] [--until YYYY-MM-DD]
               [--subdomain NAME ...] [--output FILE]   # articles, streamed (stdout default)
crawler report [--output data/report.html] [--runs 30] [--days 30] [--today D]  # health, HTML
crawler seed [--since D] [--until D] [--subdomains a,b] [--feeds] [--sitemaps] [--revisit]
             # queue a distributed run's seeds in Redis (REDIS_URL; docs/scaling.md)
crawler runs [--distributed RUN_ID [--check]] [--limit 20]
             # crawl runs; a distributed run's workers
crawler show URL|ID [--json]                       # one stored article, readable
crawler search 'words "a phrase" -excluded' [--limit 20] [--subdomain NAME]
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError

from crawler.cli.browse import add_parsers as add_reading_parsers
from crawler.clock import crawl_now
from crawler.extensions.redact import mask_secrets
from crawler.outcome import EXIT_BUSY, EXIT_FAILED, EXIT_OK, EXIT_SCHEMA, EXIT_USAGE
from crawler.store.engine import (
    SchemaNotCurrent,
    StoreLocationError,
    make_engine,
    missing_sqlite_file,
    schema_revisions,
    upgrade_database,
)
from crawler.store.errors import about_the_database, unreachable_message
from settings.environment import PROJECT_ROOT, database_url
from settings.environment import crawl_today as crawl_today_setting

__all__ = ["EXIT_BUSY", "EXIT_FAILED", "EXIT_OK", "EXIT_SCHEMA", "EXIT_USAGE", "main"]


class UsageProblem(ValueError):
    """A command-line value argparse could not check: exit 2 with the message."""


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Says whether it migrated (from which revision to which) or had nothing to do."""
    engine = make_engine(args.database_url)
    try:
        before, head = schema_revisions(engine)
        shown = _shown(args.database_url)
        if before == head:
            print(f"database {shown} is already at the latest revision {head}: nothing to do")
            return EXIT_OK
        upgrade_database(args.database_url)
        after, _ = schema_revisions(engine)
    finally:
        engine.dispose()
    print(f"database {shown} migrated from revision {before or '<empty>'} to {after}")
    return EXIT_OK


def cmd_db_status(args: argparse.Namespace) -> int:
    engine = make_engine(args.database_url)
    shown = _shown(args.database_url)
    if missing_sqlite_file(engine):
        print(f"database {shown}: no such file yet; `crawler db upgrade` creates it")
        return EXIT_SCHEMA
    current, head = schema_revisions(engine)
    print(f"database {shown}: revision {current or '<empty>'}, code expects {head}")
    return EXIT_OK if current == head else EXIT_SCHEMA


def cmd_stats(args: argparse.Namespace) -> int:
    from crawler.cli.stats import print_summary
    from crawler.store.facade import open_store

    print_summary(open_store(args.database_url), args.database_url)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from crawler.cli.export import export, open_output
    from crawler.store.engine import ensure_schema

    if args.since and args.until and args.since > args.until:
        print(
            f"crawler export: --since {args.since} is after --until {args.until}", file=sys.stderr
        )
        return EXIT_USAGE
    subdomains = [
        s.strip() for value in args.subdomains or [] for s in value.split(",") if s.strip()
    ]
    engine = make_engine(args.database_url)
    ensure_schema(engine)
    if subdomains and not _subdomains_known(args.database_url, subdomains):
        return EXIT_USAGE
    try:
        with open_output(args.output) as out:
            count = export(engine, args.format, out, args.since, args.until, subdomains)
    except BrokenPipeError:  # `crawler export | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    print(f"exported {count} articles", file=sys.stderr)
    return EXIT_OK


def _subdomains_known(url: str, wanted: list[str]) -> bool:
    """Names that are no Inquirer subdomain stop the export (with the ones the store holds);
    a real subdomain the store has no article of is only mentioned."""
    from crawler.site import ARTICLE_SUBDOMAINS
    from crawler.store.facade import open_store

    held = dict(open_store(url).articles.counts_by_subdomain())
    unknown = [name for name in wanted if name not in ARTICLE_SUBDOMAINS and name not in held]
    if unknown:
        known = ", ".join(f"{sub} ({n})" for sub, n in held.items()) or "none: the store is empty"
        print(
            f"crawler export: no such subdomain {', '.join(map(repr, unknown))}; "
            f"subdomains in the store (articles): {known}",
            file=sys.stderr,
        )
        return False
    for name in wanted:
        if name not in held:
            print(f"crawler export: the store has no article from {name!r}", file=sys.stderr)
    return True


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day YYYY-MM-DD") from None


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


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def cmd_seed(args: argparse.Namespace) -> int:
    from crawler.distributed.scheduler import open_queue
    from crawler.distributed.seed import SeedConflict, project_settings, seed
    from crawler.spiders.args import SpiderArgumentError

    overrides = {
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "DISTRIBUTED_KEY_PREFIX": args.prefix,
        **_pairs(args.settings, "-s", "seed"),
    }
    settings = project_settings(overrides)
    if not settings.get("REDIS_URL"):
        print("crawler seed: no Redis: set REDIS_URL or give --redis-url", file=sys.stderr)
        return EXIT_USAGE
    mode = args.mode or ("backfill" if args.since else "nightly")
    spider_args = {
        k: str(v)
        for k, v in (
            ("mode", mode),
            ("since", args.since),
            ("until", args.until),
            ("subdomains", args.subdomains),
        )
        if v
    }
    kinds = {
        kind
        for kind, wanted in (
            ("feed", args.feeds),
            ("sitemap", args.sitemaps),
            ("revisit", args.revisit),
        )
        if wanted
    }
    try:
        result = seed(open_queue(settings), settings, spider_args, kinds, args.run_id, args.reset)
    except SpiderArgumentError as exc:
        print(f"crawler seed: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SeedConflict as exc:
        print(f"crawler seed: {exc}", file=sys.stderr)
        return EXIT_BUSY
    queued = ", ".join(f"{n} {kind}" for kind, n in sorted(result.queued.items())) or "nothing"
    shown = " ".join(f"{k}={v}" for k, v in sorted(result.args.items()))
    print(f"RUN_ID={result.run_id}")
    print(
        f"{'new run' if result.new_run else 'added to run'} {result.run_id} ({shown}): "
        f"queued {queued}; {result.duplicates} already seen in this run "
        f"(Redis key prefix {settings.get('DISTRIBUTED_KEY_PREFIX')!r})"
    )
    return EXIT_OK


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


def _add_settings_option(parser: argparse.ArgumentParser, example: str) -> None:
    """``-s NAME=VALUE``, repeatable: a Scrapy setting for the crawl the command runs."""
    parser.add_argument(
        "-s",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"Scrapy setting, e.g. -s {example}",
    )


def _add_seed_parser(sub: Any) -> None:
    seed = sub.add_parser("seed", help="queue a distributed run's seeds in Redis (docs/scaling.md)")
    seed.add_argument(
        "--mode",
        choices=("nightly", "backfill"),
        help="default: backfill with --since, else nightly",
    )
    seed.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="first Manila index day")
    seed.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="last (default: today)")
    seed.add_argument("--subdomains", metavar="A,B", help="only these subdomains (default: all)")
    seed.add_argument("--feeds", action="store_true", help="also the per-subdomain RSS feeds")
    seed.add_argument("--sitemaps", action="store_true", help="also robots.txt and its sitemaps")
    seed.add_argument(
        "--revisit",
        action="store_true",
        help="nightly: also stored articles of the last REVISIT_DAYS (needs the store)",
    )
    seed.add_argument("--run-id", help="name the new run (default: UTC time and a random suffix)")
    seed.add_argument(
        "--reset",
        action="store_true",
        help="first discard everything queued, in flight and seen under the prefix",
    )
    seed.add_argument("--redis-url", default=None, help="default: $REDIS_URL")
    seed.add_argument(
        "--prefix",
        default=None,
        help="Redis key prefix (default: $CRAWLER_REDIS_PREFIX "
        "or inquirer); workers use DISTRIBUTED_KEY_PREFIX",
    )
    _add_settings_option(seed, "CRAWL_TODAY=2026-11-28")
    seed.set_defaults(func=cmd_seed)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crawler", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=None, help="default: $DATABASE_URL or data/crawler.db"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    db = sub.add_parser("db", help="schema migrations").add_subparsers(
        dest="db_command", required=True
    )
    db.add_parser("upgrade", help="upgrade the database to the latest revision").set_defaults(
        func=cmd_db_upgrade
    )
    db.add_parser("status", help="show the schema revision").set_defaults(func=cmd_db_status)
    sub.add_parser("stats", help="print what the store holds").set_defaults(func=cmd_stats)
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
    export = sub.add_parser("export", help="write articles as JSON Lines or CSV, streaming")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument(
        "--since",
        type=_day,
        metavar="YYYY-MM-DD",
        help="first Manila day of published_at (inclusive)",
    )
    export.add_argument(
        "--until",
        type=_day,
        metavar="YYYY-MM-DD",
        help="last Manila day of published_at (inclusive)",
    )
    export.add_argument(
        "--subdomain",
        dest="subdomains",
        action="append",
        metavar="NAME",
        help="only these subdomains (repeat, or comma-separate)",
    )
    export.add_argument("--output", type=Path, metavar="FILE", help="default: stdout")
    export.set_defaults(func=cmd_export)
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
    _add_settings_option(nightly, "INQUIRER_MIRROR=http://127.0.0.1:8800")
    nightly.set_defaults(func=cmd_nightly)
    _add_seed_parser(sub)
    add_reading_parsers(sub, _positive)
    return parser


def _nightly_help() -> str:
    from crawler.outcome import EXIT_CODES

    return "exit codes:\n" + "\n".join(f"  {code:>3}  {text}" for code, text in EXIT_CODES.items())


def _pairs(values: list[str], flag: str, command: str = "nightly") -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name:
            raise UsageProblem(f"crawler {command}: {flag} {value!r} is not NAME=VALUE")
        pairs[name] = rest
    return pairs


def cmd_nightly(args: argparse.Namespace) -> int:
    from crawler.cli.nightly import run_nightly

    overrides = {"DATABASE_URL": args.database_url, **_pairs(args.settings, "-s")}
    return run_nightly(
        args.lock_file, args.log_file, _pairs(args.spider_args, "-a"), overrides, args.spider
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.database_url = args.database_url or database_url()
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # here, so that a closed pipe is caught below
        return code
    except BrokenPipeError:  # `crawler stats | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except UsageProblem as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except StoreLocationError as exc:
        print(f"crawler: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SchemaNotCurrent as exc:
        print(f"crawler: {exc}", file=sys.stderr)
        return EXIT_SCHEMA
    except (OperationalError, InterfaceError) as exc:
        if not about_the_database(exc):  # e.g. SQLite's "no such column": a bug, said as one
            print(f"crawler: {type(exc).__name__}: {mask_secrets(str(exc))}", file=sys.stderr)
            return EXIT_FAILED
        print(f"crawler: {unreachable_message(args.database_url, exc)}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        print(f"crawler: {type(exc).__name__}: {mask_secrets(str(exc))}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
