"""The ``crawler`` command: database and store operations.

    crawler db upgrade      # alembic upgrade head on DATABASE_URL
    crawler db status       # current vs expected schema revision
    crawler stats           # what the store holds
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.engine import make_url

from crawler.store.engine import make_engine, schema_revisions, upgrade_database
from settings.environment import database_url

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SCHEMA = 0, 1, 2, 3


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    upgrade_database(args.database_url)
    print(f"database {_shown(args.database_url)} is at the latest revision")
    return EXIT_OK


def cmd_db_status(args: argparse.Namespace) -> int:
    current, head = schema_revisions(make_engine(args.database_url))
    print(f"database {_shown(args.database_url)}: revision {current or '<empty>'}, code expects {head}")
    return EXIT_OK if current == head else EXIT_SCHEMA


def cmd_stats(args: argparse.Namespace) -> int:
    from crawler.demo import print_summary
    from crawler.store.facade import open_store

    print_summary(open_store(args.database_url), args.database_url)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crawler", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL or data/crawler.db")
    sub = parser.add_subparsers(dest="command", required=True)
    db = sub.add_parser("db", help="schema migrations").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="upgrade the database to the latest revision").set_defaults(
        func=cmd_db_upgrade)
    db.add_parser("status", help="show the schema revision").set_defaults(func=cmd_db_status)
    sub.add_parser("stats", help="print what the store holds").set_defaults(func=cmd_stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.database_url = args.database_url or database_url()
    try:
        return int(args.func(args))
    except Exception as exc:  # noqa: BLE001 - one clear line, not a traceback
        print(f"crawler: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
