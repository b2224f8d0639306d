"""``make demo``: migrate the store, crawl the bundled replay site with the real
``scrapy crawl inquirer``, and print what was stored."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy.engine import make_url

from crawler.cli.stats import print_summary
from crawler.store.engine import upgrade_database
from crawler.store.facade import open_store
from replay import start_replay
from settings.environment import PROJECT_ROOT, database_url


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


if __name__ == "__main__":
    raise SystemExit(main())
