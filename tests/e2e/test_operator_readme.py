"""Issue 17: the README's replay recipe and PostgreSQL quick start, run as written (only the
replay's port, the database and the log/lock files are swapped for the test's own)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from replay.__main__ import replay_hint
from tests.support.crawling import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section_commands(heading: str) -> list[str]:
    """The lines of the first ```sh block after ``heading``."""
    after = README.split(heading, 1)[1]
    block = re.search(r"```sh\n(.*?)```", after, flags=re.S)
    assert block is not None, heading
    return [line for line in block.group(1).splitlines() if line.strip()]


def run(line: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(line.split("  #")[0])
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.e2e
def test_the_readme_replay_recipe_works_as_written(replay: Any, tmp_path: Path) -> None:
    lines = section_commands("### Try the nightly crawl on the replay")
    assert lines[0].startswith(".venv/bin/python -m replay --port 8800 &")
    assert lines[-1] == "kill %1"  # the replay fixture stands in for these two
    env = {**os.environ}
    results = []
    for line in lines[1:-1]:
        if line.startswith("export "):
            name, _, value = line.removeprefix("export ").partition("=")
            env[name] = f"sqlite:///{tmp_path / 'replay.db'}" if name == "DATABASE_URL" else value
            continue
        line = line.replace("http://127.0.0.1:8800", replay.url)  # type: ignore[attr-defined]
        if " nightly " in line:
            line = line.replace(
                " nightly ",
                f" nightly --lock-file {tmp_path / 'n.lock'} --log-file {tmp_path / 'n.log'} ",
            )
        result = run(line, env)
        assert result.returncode == 0, (line, result.stderr[-2000:])
        results.append(result)
    first, second = (r.stderr.strip().splitlines()[-1] for r in results[1:3])
    last = replay.site.days()[-1]  # type: ignore[attr-defined]
    n = len(replay.site.indexed_between(last - timedelta(days=1), last))  # type: ignore[attr-defined]
    assert re.search(rf"^crawl run 1 finished in .*: {n} stored \({n} new, ", first), first
    assert "crawler nightly exit 0" in first
    assert f": 0 stored (0 new, 0 updated, 0 unchanged), {n} already stored (not fetched)" in second
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{n} stored ({n} new, ...)" in readme and f"{n} already stored" in readme
    assert "Typhoon Verbena" in results[3].stdout


def test_the_replay_prints_commands_that_work_on_its_days(replay: Any) -> None:
    hint = replay_hint("http://127.0.0.1:8800", replay.site)  # type: ignore[attr-defined]
    first, last = replay.site.window(10)  # type: ignore[attr-defined]
    assert f"-s CRAWL_TODAY={last}" in hint
    assert f"-a mode=backfill -a since={first} -a until={last}" in hint
    assert f"{len(replay.site.indexed_between(first, last))} articles" in hint  # type: ignore[attr-defined]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = len(replay.site.indexed_between(first, last))  # type: ignore[attr-defined]
    assert f"`0% of the {listed} that run 1 fetched`" in readme  # make demo's second run
    counts = [int(line.split()[0]) for line in hint.splitlines()[1:4]]
    assert sum(counts) == len(replay.site.pages)  # type: ignore[attr-defined]  # every page told
    recipe = "\n".join(section_commands("### Try the nightly crawl on the replay"))
    assert f"CRAWL_TODAY={last}" in recipe  # the README names the replay's real last day


def test_the_postgresql_quick_start_works_as_written(postgres_url: str) -> None:
    from sqlalchemy.engine import make_url

    lines = section_commands("## PostgreSQL quick start")
    assert [line.split()[0] for line in lines[:2]] == ["sudo", "sudo"]  # role and database
    export = lines[2]
    assert export.startswith("export DATABASE_URL='postgresql+psycopg://crawler:changeme@")
    # the role and database lines need a superuser shell; the test's server gives a fresh
    # database, and DATABASE_URL points there
    env = {**os.environ, "DATABASE_URL": make_url(postgres_url).render_as_string(False)}
    outputs = [run(line, env) for line in lines[3:]]
    assert all(r.returncode == 0 for r in outputs), [r.stderr for r in outputs]
    head = outputs[1].stdout.split("code expects ")[1].strip()
    assert "migrated from revision <empty> to " + head in outputs[0].stdout
    assert f"revision {head}, code expects {head}" in outputs[1].stdout
    assert f"is already at the latest revision {head}: nothing to do" in outputs[2].stdout


def test_the_replay_says_what_it_serves_articles_and_test_cases() -> None:
    from datetime import date

    from replay.corpus import ReplayPage
    from replay.site import ReplaySite

    def page(n: int, day: date | None, status: int = 200, indexed: bool = True) -> ReplayPage:
        url = f"https://newsinfo.inquirer.net/{n}/story-{n}"
        return ReplayPage(url, b"", status=status, indexed=indexed, index_day=day)

    site = ReplaySite(
        [
            page(1, date(2026, 11, 28)),
            page(2, date(2026, 11, 20)),
            page(3, date(2013, 3, 4)),
            page(4, None, status=403, indexed=False),
            page(5, None, indexed=False),
            page(6, date(2026, 11, 27), indexed=False),
        ]
    )
    lines = replay_hint("http://127.0.0.1:8800", site).splitlines()
    assert lines[:4] == [
        "serving 6 pages:",
        "  2 articles on the article index of 2026-11-19 .. 2026-11-28 "
        "(a crawl of those days stores them)",
        "  1 older articles, on the index of 2013-03-04 only",
        "  3 pages on no index, no article to store (the tests' cases): 1 answer HTTP 403 "
        "(challenges), 2 are listings, a soft 404, AMP and short-link copies of listed stories "
        "or truncated pages",
    ]
