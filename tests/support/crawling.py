"""Helpers for end-to-end tests: the real `scrapy crawl` / `crawler nightly` as subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import text

from crawler.store.engine import make_engine
from tests.support.paths import REPO_ROOT

ROOT = REPO_ROOT
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]


def crawl_command(replay: Any, *args: str) -> list[str]:
    """``scrapy crawl inquirer`` against the replay, on the replay's last day (``CRAWL_TODAY``;
    a later ``-s CRAWL_TODAY=...`` in ``args`` wins), whatever the real date is."""
    return [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "inquirer",
        "-s",
        f"INQUIRER_MIRROR={replay.url}",
        "-s",
        f"CRAWL_TODAY={replay.site.days()[-1]}",
        *FAST,
        *args,
    ]


def backfill_args(replay: Any, days: int = 10) -> list[str]:
    first, last = replay.site.window(days)
    return ["-a", "mode=backfill", "-a", f"since={first}", "-a", f"until={last}"]


def crawl(
    replay: Any, database_url: str, *args: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        crawl_command(replay, *args),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def nightly_command(replay: Any, database_url: str, tmp: Path, *settings: str) -> list[str]:
    last = replay.site.days()[-1]
    command = [
        sys.executable,
        "-m",
        "crawler.cli.main",
        "--database-url",
        database_url,
        "nightly",
        "--lock-file",
        str(tmp / "nightly.lock"),
        "--log-file",
        str(tmp / "logs" / "nightly.log"),
        "-s",
        f"INQUIRER_MIRROR={replay.url}",
        "-s",
        f"CRAWL_TODAY={last}",
    ]
    for setting in [*FAST[1::2], *settings]:
        command += ["-s", setting]
    return command


def rows(database_url: str, sql: str, **params: Any) -> list[Any]:
    engine = make_engine(database_url)
    with engine.connect() as conn:
        result = conn.execute(text(sql), params).all()
    engine.dispose()
    return result
