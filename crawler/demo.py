"""``make demo``: migrate the store, crawl the bundled replay site with the real
``scrapy crawl inquirer``, and print what was stored."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC

from sqlalchemy.engine import make_url

from crawler.replay import start_replay
from crawler.store.engine import upgrade_database
from crawler.store.facade import open_store
from settings.environment import PROJECT_ROOT, database_url

EXAMPLE_SQL = (
    "SELECT subdomain, title, published_at FROM articles "
    "WHERE published_at >= '2026-11-25' ORDER BY published_at DESC LIMIT 10;"
)


def run_crawl(mirror: str, since: str, until: str, extra: list[str] | None = None) -> int:
    """The real ``scrapy crawl inquirer`` in a subprocess, pointed at the replay."""
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "inquirer",
        "-a",
        "mode=backfill",
        "-a",
        f"since={since}",
        "-a",
        f"until={until}",
        "-s",
        f"INQUIRER_MIRROR={mirror}",
        # The replay is a recording of those days: crawl as if it were the last one.
        "-s",
        f"CRAWL_TODAY={until}",
        # A local replay needs no politeness; the real site gets the defaults.
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "LOG_LEVEL=WARNING",
        *(extra or []),
    ]
    return subprocess.run(command, cwd=PROJECT_ROOT, check=False).returncode


def main() -> int:
    url = database_url()
    print(f"1. migrating {make_url(url).render_as_string(hide_password=True)}")
    upgrade_database(url)
    server = start_replay()
    first, last = server.site.window(10)
    print(f"2. replay site on {server.url}: {len(server.site.pages)} pages")
    try:
        print(
            f"3. scrapy crawl inquirer -a mode=backfill -a since={first} -a until={last} "
            f"-s INQUIRER_MIRROR={server.url}"
        )
        code = run_crawl(server.url, first.isoformat(), last.isoformat())
    finally:
        server.shutdown()
        server.server_close()
    store = open_store(url)
    print_summary(store, url)
    if code != 0:
        print(f"the crawl exited with status {code}", file=sys.stderr)
    return code


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


if __name__ == "__main__":
    raise SystemExit(main())
