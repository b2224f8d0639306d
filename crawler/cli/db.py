"""``crawler db upgrade`` and ``crawler db status``: the schema revision of the store."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.engine import make_url

from crawler.outcome import EXIT_OK, EXIT_SCHEMA
from crawler.store.engine import (
    make_engine,
    missing_sqlite_file,
    schema_revisions,
    upgrade_database,
)


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


def add_parser(sub: Any) -> None:
    db = sub.add_parser("db", help="schema migrations").add_subparsers(
        dest="db_command", required=True
    )
    db.add_parser("upgrade", help="upgrade the database to the latest revision").set_defaults(
        func=cmd_db_upgrade
    )
    db.add_parser("status", help="show the schema revision").set_defaults(func=cmd_db_status)
