"""Issue 17: what an operator sees when something is wrong: one clear line, a documented
exit code (docs/troubleshooting.md), no traceback."""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)

from crawler.cli.main import main
from crawler.middlewares.reachability import Reachability, connect_error
from crawler.outcome import EXIT_CODES, exit_code, fatal_exit_code
from tests.support.crawling import ROOT, nightly_command, rows

SECRET = "op-" + "s3cret"  # built, so the credential scan sees no literal URL password


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Closed:
    """Stands in for the replay fixture: a mirror address where nothing answers."""

    def __init__(self, replay: Any) -> None:
        self.url = f"http://127.0.0.1:{closed_port()}"
        self.site = replay.site


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


def test_every_exit_code_has_a_meaning_and_a_troubleshooting_section() -> None:
    doc = (ROOT / "docs" / "troubleshooting.md").read_text(encoding="utf-8")
    for code in (1, 3, 4, 5, 75):
        assert f"## Exit code {code}:" in doc
    assert set(EXIT_CODES) == {0, 1, 2, 3, 4, 5, 75}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if " ERROR: " in line or " CRITICAL: " in line]


def test_scrapy_crawl_of_an_unreachable_site_stops_at_once_with_one_line(
    replay: Any, sqlite_url: str
) -> None:
    mirror = Closed(replay).url
    result = run(
        sys.executable, "-m", "scrapy", "crawl", "inquirer", "-s", f"INQUIRER_MIRROR={mirror}",
        "-s", "CRAWL_TODAY=2026-11-28", env={"DATABASE_URL": sqlite_url},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr[-3000:]
    errors = error_lines(result.stderr)
    assert len(errors) == 1, errors
    assert f"site unreachable: {mirror} (INQUIRER_MIRROR, for www.inquirer.net)" in errors[0]
    assert "connection refused on 3 attempts" in errors[0]
    assert "check that the replay or mirror is running at that address" in errors[0]
    assert "Traceback" not in result.stderr and "Gave up retrying" not in result.stderr
    run_row = rows(sqlite_url, "SELECT status, stats FROM crawl_runs")
    assert len(run_row) == 1 and '"finish_reason": "site_unreachable"' in run_row[0].stats
    # it stopped before retrying the discovery pages: 3 attempts, nothing else fetched
    assert '"downloader/request_count": 3' in run_row[0].stats


def test_nightly_of_an_unreachable_site_exits_1_with_one_line(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    closed = Closed(replay)
    result = run(*nightly_command(closed, sqlite_url, tmp_path))
    assert result.returncode == 1, result.stderr[-3000:]
    errors = error_lines(result.stderr)
    assert f"site unreachable: {closed.url}" in errors[0]
    assert errors[1:] == [e for e in errors[1:] if "nightly crawl ended: exit 1" in e]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("exception", "mirror", "words", "check"),
    [
        (
            CannotResolveHostError("no such host"),
            None,
            "DNS lookup failed",
            "check this machine's DNS and network (getent hosts www.inquirer.net)",
        ),
        (
            DownloadConnectionRefusedError("refused"),
            None,
            "connection refused",
            "check this machine's network, firewall and proxy settings",
        ),
        (
            DownloadTimeoutError("took longer than 30 s"),
            "http://127.0.0.1:8800",
            "no answer before DOWNLOAD_TIMEOUT",
            "check that the replay or mirror is running at that address",
        ),
    ],
)
def test_connection_failures_before_any_answer_make_the_site_unreachable(
    exception: Exception, mirror: str | None, words: str, check: str
) -> None:
    state = Reachability(threshold=3)
    what = connect_error(exception)
    assert what == words
    urls = ["https://www.inquirer.net/robots.txt", "https://newsinfo.inquirer.net/feed"]
    assert not state.failed(urls[0], what) and not state.failed(urls[1], what)
    assert state.failed(urls[1], what)
    message = state.message(mirror)
    host = (
        f"{mirror} (INQUIRER_MIRROR, for" if mirror else "newsinfo.inquirer.net, www.inquirer.net"
    )
    assert message.startswith(f"site unreachable: {host}")
    assert f"{words} on 3 attempts and no answer at all" in message
    assert f"(tried {urls[0]}, {urls[1]})" in message
    assert check in message


def test_after_an_answer_connection_failures_are_ordinary_faults() -> None:
    state = Reachability(threshold=2)
    state.answered = True
    assert not any(
        state.failed("https://www.inquirer.net/", "connection refused") for _ in range(5)
    )
    assert connect_error(ResponseDataLossError("cut")) is None  # it answered, then broke


def test_an_unreachable_database_is_one_line_for_every_command(
    replay: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql+psycopg://crawler:{SECRET}@127.0.0.1:{closed_port()}/news"
    expected = "database unreachable: postgresql+psycopg://crawler:***@127.0.0.1:"
    assert main(["--database-url", url, "stats"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"crawler: {expected}") and err.count("\n") == 1
    assert "check DATABASE_URL" in err and SECRET not in err
    crawl = run(
        sys.executable, "-m", "scrapy", "crawl", "inquirer", "-s", f"INQUIRER_MIRROR={replay.url}",
        env={"DATABASE_URL": url},
    )  # fmt: skip
    assert crawl.returncode == 1 and f"scrapy crawl inquirer: {expected}" in crawl.stderr
    assert "Traceback" not in crawl.stderr and SECRET not in crawl.stderr
    nightly = run(*nightly_command(replay, url, tmp_path))
    assert nightly.returncode == 1 and nightly.stderr.startswith(f"crawler nightly: {expected}")
    assert nightly.stderr.count("\n") == 1


CHALLENGE_PAGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b'<div id="cf-chl-widget">Verify you are human</div>'
    b'<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>'
    b"</body></html>"
)


class WallHandler(http.server.BaseHTTPRequestHandler):
    """Every page of every host answers with a Cloudflare-style challenge (403)."""

    def do_GET(self) -> None:
        self.send_response(403)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        self.send_header("Content-Length", str(len(CHALLENGE_PAGE)))
        self.end_headers()
        self.wfile.write(CHALLENGE_PAGE)

    def log_message(self, *args: Any) -> None:
        pass


def test_a_site_that_walls_every_page_stops_the_nightly_with_one_line_and_exit_4(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), WallHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        walled = Closed(replay)
        walled.url = f"http://127.0.0.1:{server.server_address[1]}"
        result = run(*nightly_command(walled, sqlite_url, tmp_path))
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 4, result.stderr[-3000:]
    errors = error_lines(result.stderr)
    assert (
        errors[0]
        .split(" ERROR: ", 1)[1]
        .startswith("site blocks this client: all 3 answers were bot challenges or 403 walls")
    )
    assert "docs/troubleshooting.md, exit code 4" in errors[0]
    assert "Traceback" not in result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("crawl run 1 blocked in ") and ", 0 blocked," not in summary
    assert summary.endswith(
        "crawler nightly exit 4: too many pages were blocked (Cloudflare / "
        "403): the site is blocking this client"
    )
    run_row = rows(sqlite_url, "SELECT finish_reason FROM crawl_runs")
    assert [r.finish_reason for r in run_row] == ["blocked"]
    assert rows(sqlite_url, "SELECT count(*) AS n FROM articles")[0].n == 0
