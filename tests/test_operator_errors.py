"""Issue 17: what an operator sees when something is wrong: one clear line, a documented
exit code (docs/troubleshooting.md), no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.outcome import exit_code, fatal_exit_code
from tests.crawling import ROOT


def run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("since=2026-13-45", "since='2026-13-45' is not a date (expected YYYY-MM-DD)"),
        ("mode=weekly", "mode='weekly' is not one of nightly, backfill, urls"),
        ("colour=blue", "unknown argument(s) colour"),
    ],
)
def test_scrapy_crawl_with_a_bad_argument_says_so_in_one_line_and_exits_2(
    sqlite_url: str, argument: str, message: str
) -> None:
    result = run(
        sys.executable, "-m", "scrapy", "crawl", "inquirer", "-a", argument,
        env={"DATABASE_URL": sqlite_url},
    )  # fmt: skip
    assert result.returncode == 2, result.stderr[-2000:]
    assert f"scrapy crawl inquirer: {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Task exception was never retrieved" not in result.stderr


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["-a", "foo"], "crawler nightly: -a 'foo' is not NAME=VALUE"),
        (["-s", "DOWNLOAD_DELAY"], "crawler nightly: -s 'DOWNLOAD_DELAY' is not NAME=VALUE"),
        (["-a", "since=2026-13-45"], "crawler nightly: since='2026-13-45' is not a date"),
    ],
)
def test_crawler_nightly_with_a_bad_argument_exits_2(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str],
    message: str,
) -> None:  # fmt: skip
    lock, log = tmp_path / "n.lock", tmp_path / "n.log"
    code = main(
        ["--database-url", sqlite_url, "nightly", "--lock-file", str(lock), "--log-file", str(log),
         *flags]
    )  # fmt: skip
    assert code == 2
    assert message in capsys.readouterr().err
    assert not log.exists()  # nothing was started


@pytest.mark.parametrize(
    ("stats", "nightly", "crawl"),
    [
        ({"finish_reason": "finished"}, 0, 0),
        ({"finish_reason": "finished", "monitor/passed": False}, 5, 0),
        ({"finish_reason": "blocked"}, 4, 4),
        ({"finish_reason": "site_unreachable"}, 1, 1),
        ({"finish_reason": "store_unreachable"}, 1, 1),
        ({"finish_reason": "shutdown"}, 1, 0),
        ({"finish_reason": "finished", "store/unwritten": 3}, 1, 0),
    ],
)
def test_exit_codes_of_nightly_and_of_scrapy_crawl(
    stats: dict[str, object], nightly: int, crawl: int
) -> None:
    assert (exit_code(stats), fatal_exit_code(stats)) == (nightly, crawl)
