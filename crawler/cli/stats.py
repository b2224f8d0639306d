"""``crawler stats`` (and the end of ``make demo``): what the last crawl did and what the store
holds, for a person."""

from __future__ import annotations

import argparse
from datetime import UTC
from typing import Any

from sqlalchemy.engine import make_url

from crawler.outcome import EXIT_OK

EXAMPLE_SQL = (
    "SELECT subdomain, title, published_at FROM articles "
    "WHERE published_at >= '2026-11-25' ORDER BY published_at DESC LIMIT 10;"
)


def print_summary(store: object, url: str) -> None:
    from crawler.distributed.summary import monitor_outcome
    from crawler.store.facade import Store

    assert isinstance(store, Store)
    run = store.runs.latest_run()
    print("\n== What the crawl did")
    if run:
        skipped = int(run["stats"].get("incremental/skip/fresh", 0)) + int(
            run["stats"].get("incremental/skip/stored", 0)
        )
        print(
            f"run {run['id']} {run['status']} (monitors {monitor_outcome(run['monitor'])}): "
            f"{run['pages_fetched']} article pages fetched, "
            f"{run['articles_new']} new, {run['articles_updated']} updated, "
            f"{run['articles_unchanged']} unchanged, {skipped} already stored (not fetched), "
            f"{run['pages_blocked']} blocked, {run['pages_not_article']} not articles, "
            f"{run['articles_rejected']} rejected, {run['articles_failed']} failed"
        )
        previous = next(
            (
                store.runs.get_run(n)
                for n in range(run["id"] - 1, 0, -1)
                if store.runs.get_run(n)["pages_fetched"]
            ),
            None,
        )
        if previous:
            share = run["pages_fetched"] / previous["pages_fetched"]
            print(
                f"incremental: this run fetched {run['pages_fetched']} article pages, "
                f"{share:.0%} of the {previous['pages_fetched']} that run {previous['id']} fetched"
            )
    print(f"\n== Articles stored: {store.articles.count_articles()}")
    for subdomain, count in store.articles.counts_by_subdomain():
        print(f"  {subdomain:<15} {count:>5}")
    print("\n== Five newest headlines (published_at in UTC)")
    for row in store.articles.newest(5):
        published = (
            row["published_at"].astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
            if row["published_at"]
            else "(no date)"
        )
        print(f"  {published}  [{row['subdomain']}] {row['title']}")
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        print(f'\n== Try it yourself:\n  sqlite3 {parsed.database} "{EXAMPLE_SQL}"')
    else:
        print(f'\n== Try it yourself:\n  psql ... -c "{EXAMPLE_SQL}"')


def cmd_stats(args: argparse.Namespace) -> int:
    from crawler.store.facade import open_store

    print_summary(open_store(args.database_url), args.database_url)
    return EXIT_OK


def add_parser(sub: Any) -> None:
    sub.add_parser("stats", help="print what the store holds").set_defaults(func=cmd_stats)
