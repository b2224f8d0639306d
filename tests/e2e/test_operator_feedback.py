"""Issue 17, feedback: every run ends with one summary line; `crawler stats | head` is fine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.outcome import format_summary
from tests.support.crawling import ROOT, nightly_command

CLEAN = "the run finished, every article found was stored, monitors passed"


@pytest.mark.parametrize(
    ("stats", "code", "expected"),
    [
        (
            {"crawl_run/id": 7, "finish_reason": "finished", "elapsed_time_seconds": 12.34,
             "store/new": 30, "store/updated": 2, "store/unchanged": 1,
             "incremental/skip/stored": 5, "incremental/skip/fresh": 1, "pages/not_modified": 4},
            0,
            "crawl run 7 finished in 12.3 s: 33 stored (30 new, 2 updated, 1 unchanged), "
            "6 already stored (not fetched), 4 not modified, 0 blocked, 0 failed; "
            f"crawler nightly exit 0: {CLEAN}",
        ),
        (
            {"crawl_run/id": 8, "finish_reason": "blocked", "elapsed_time_seconds": 3725,
             "pages/blocked": 9, "pages/fetch_failed": 2, "store/failed": 1,
             "pages/not_article": 3},
            4,
            "crawl run 8 blocked in 1 h 02 min: 0 stored (0 new, 0 updated, 0 unchanged), "
            "0 already stored (not fetched), 0 not modified, 9 blocked, 3 failed, "
            "3 not articles or rejected; crawler nightly exit 4: too many pages were blocked "
            "(Cloudflare / 403): the site is blocking this client",
        ),
        (
            {"finish_reason": "finished", "elapsed_time_seconds": 61, "monitor/passed": False},
            0,
            "crawl finished in 1 min 01 s: 0 stored (0 new, 0 updated, 0 unchanged), "
            "0 already stored (not fetched), 0 not modified, 0 blocked, 0 failed; "
            "monitors failed (crawl_runs.monitor); crawler nightly exit 0",
        ),
    ],
)  # fmt: skip
def test_summary_line(stats: dict[str, Any], code: int, expected: str) -> None:
    assert format_summary(stats, code) == expected


def test_a_successful_nightly_ends_with_the_summary_on_stderr(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    indexed = {p.url for p in replay.site.indexed_between(*replay.site.window(2))}
    result = subprocess.run(
        nightly_command(replay, sqlite_url, tmp_path), cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("crawl run 1 finished in ")
    assert f": {len(indexed)} stored ({len(indexed)} new, 0 updated, 0 unchanged)" in last
    assert last.endswith(f"; crawler nightly exit 0: {CLEAN}")


def test_crawler_stats_into_a_closed_pipe_exits_0_without_a_traceback(sqlite_url: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli.main", "--database-url", sqlite_url, "stats"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head` that has read enough, before anything is written
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0, err
    assert "BrokenPipeError" not in err and "Traceback" not in err


def _run_in_a_terminal(command: list[str]) -> tuple[int, str]:
    """``command`` with stderr (and stdout) on a pseudo-terminal; its output as text."""
    import os
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen(command, cwd=ROOT, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def test_an_interactive_run_shows_a_live_progress_line_and_clears_it(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    command = nightly_command(replay, sqlite_url, tmp_path, "PROGRESS_LIVE_INTERVAL=0.05")
    code, out = _run_in_a_terminal(command)
    assert code == 0, out[-3000:]
    assert "\r\x1b[Kprogress: " in out  # rewritten in place
    assert "\r\x1b[Kcrawl run 1 finished in " in out  # cleared before the summary
    piped = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)  # not a terminal
    assert piped.returncode == 0 and "\x1b[K" not in piped.stderr
