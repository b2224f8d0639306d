"""End-to-end crawl benchmarks against a generated replay site (politeness off).

- ours into SQLite and into PostgreSQL vs a bare Scrapy spider fetching the same pages;
- peak RSS of our crawl at two sizes (memory must stay flat);
- a nightly re-run over the unchanged site: requests and wall time vs the first run.

Each crawl is a real subprocess (`scrapy crawl inquirer`); the replay site runs in its
own process so it has its own core. Peak RSS comes from ``os.wait4`` of that process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LAST_DAY = date(2026, 11, 28)  # the corpus's newest day: generated sites end there
FAST = [
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "AUTOTHROTTLE_ENABLED=False",
    "-s",
    "LOG_LEVEL=WARNING",
    "-s",
    "PROGRESS_INTERVAL=0",
    "-s",
    "CONCURRENT_REQUESTS=32",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=32",
    "-s",
    "MONITOR_MIN_ITEMS=0",
]


@contextmanager
def replay_site(articles: int, days: int) -> Iterator[str]:
    """A replay of ``articles`` generated pages in a separate process; yields its URL."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "replay",
            "--port",
            "0",
            "--generate",
            str(articles),
            "--days",
            str(days),
            "--only-generated",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    try:
        yield line.split("=", 1)[1]
    finally:
        process.terminate()
        process.wait(timeout=30)


def run_child(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a command: wall time, exit code, the child's own peak RSS (MiB), stderr tail."""
    started = time.perf_counter()
    with open(os.devnull, "w") as sink, tempfile.TemporaryFile("w+") as err:
        pid = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=err).pid
        _, status, usage = os.wait4(pid, 0)
        err.seek(0)
        tail = err.read()[-2000:]
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "exit": os.waitstatus_to_exitcode(status),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "stderr": tail,
    }


def ours(mirror: str, database_url: str, days: int, *extra: str) -> dict[str, Any]:
    from sqlalchemy import text

    from crawler.store.engine import make_engine, upgrade_database

    upgrade_database(database_url)
    since = LAST_DAY - timedelta(days=days - 1)
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
        f"until={LAST_DAY}",
        "-s",
        f"INQUIRER_MIRROR={mirror}",
        *FAST,
        *extra,
    ]
    result = run_child(command, {**os.environ, "DATABASE_URL": database_url})
    engine = make_engine(database_url)
    with engine.connect() as conn:
        result["articles"] = int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
        stats = conn.execute(
            text("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1")
        ).scalar_one()
    engine.dispose()
    stats = json.loads(stats) if isinstance(stats, str) else stats
    result["requests"] = int(stats.get("downloader/response_count", 0))  # sent to the site
    result["articles_per_s"] = round(result["articles"] / result["seconds"], 1)
    return result


def nightly(mirror: str, database_url: str) -> dict[str, Any]:
    """`crawler nightly` over the unchanged site right after the backfill."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            sys.executable,
            "-m",
            "crawler.cli.main",
            "--database-url",
            database_url,
            "nightly",
            "--lock-file",
            f"{tmp}/lock",
            "--log-file",
            f"{tmp}/n.log",
            "-s",
            f"INQUIRER_MIRROR={mirror}",
            "-s",
            f"CRAWL_TODAY={LAST_DAY}",
        ]
        command += [a for pair in zip(FAST[::2], FAST[1::2], strict=True) for a in pair]
        result = run_child(command, dict(os.environ))
    from sqlalchemy import text

    from crawler.store.engine import make_engine

    engine = make_engine(database_url)
    with engine.connect() as conn:
        stats = conn.execute(
            text("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1")
        ).scalar_one()
    engine.dispose()
    stats = json.loads(stats) if isinstance(stats, str) else stats
    result["requests"] = int(stats.get("downloader/response_count", 0))  # sent to the site
    result["article_pages"] = int(stats.get("pages/article_fetched", 0))
    return result


def bare(mirror: str, days: int) -> dict[str, Any]:
    since = LAST_DAY - timedelta(days=days - 1)
    command = [
        sys.executable,
        "-m",
        "bench.bare_spider",
        "--mirror",
        mirror,
        "--since",
        str(since),
        "--until",
        str(LAST_DAY),
    ]
    process = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(process.stdout.strip().splitlines()[-1])


def fresh_postgres(admin_url: str, name: str) -> str:
    """A new, empty PostgreSQL database next to ``admin_url``'s."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)
