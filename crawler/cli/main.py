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

from sqlalchemy.exc import InterfaceError, OperationalError

from crawler.cli import browse, db, export, nightly, report, runs, seed, stats
from crawler.cli.options import UsageProblem
from crawler.extensions.redact import mask_secrets
from crawler.outcome import EXIT_BUSY, EXIT_FAILED, EXIT_OK, EXIT_SCHEMA, EXIT_USAGE
from crawler.store.engine import SchemaNotCurrent, StoreLocationError
from crawler.store.errors import about_the_database, unreachable_message
from settings.environment import database_url

__all__ = ["EXIT_BUSY", "EXIT_FAILED", "EXIT_OK", "EXIT_SCHEMA", "EXIT_USAGE", "main"]

# The command groups, in the order `crawler --help` lists them; each module adds its
# subcommands (and their cmd_* functions) with add_parser(sub).
GROUPS = (db, stats, report, export, nightly, seed, runs, browse)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crawler", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=None, help="default: $DATABASE_URL or data/crawler.db"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.add_parser(sub)
    return parser


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
