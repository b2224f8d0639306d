"""Issue 17, docs that agree with the code: the README command table, the run statuses in
docs/schema.md, one memory figure, the item contract's exported names."""

from __future__ import annotations

import argparse
import json
import re

import pytest

from crawler.cli.main import build_parser
from crawler.serialize import FIELDS
from tests.support.crawling import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCHEMA = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = text.find("\n## ", start + len(heading))
    return text[start : following if following >= 0 else len(text)]


def _commands(parser: argparse.ArgumentParser, prefix: str = "crawler") -> dict[str, set[str]]:
    """Every command of the real CLI and the options it takes (what really works)."""
    found: dict[str, set[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(_commands(sub, f"{prefix} {name}"))
        elif action.option_strings and action.dest != "help":
            found.setdefault(prefix, set()).update(action.option_strings)
    found.setdefault(prefix, set())
    return found


def test_the_readme_command_table_lists_every_command_and_option() -> None:
    section = _section(README, "## Commands")
    rows = [line for line in section.splitlines() if line.startswith("| `crawler ")]
    real = _commands(build_parser())
    assert "--database-url" in real.pop("crawler")  # the global option, said above the table
    assert "`--database-url URL` before the command name" in section
    for command, options in real.items():
        mine = [re.split(r"(?<!\\)\|", row)[1] for row in rows if row.startswith(f"| `{command}")]
        assert mine, f"{command} is not in the README command table"
        for option in options:
            assert any(re.search(rf"(^|[\s\[`]){re.escape(option)}\b", cell) for cell in mine), (
                f"{command} {option} is not in the README command table"
            )
        for cell in mine:  # and nothing it does not take
            for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", cell.split(command, 1)[1]):
                assert option in options, f"README shows {command} {option}: no such option"


def test_schema_md_lists_every_run_status_the_code_writes() -> None:
    """running (start), finished / interrupted / failed (close), abandoned (process gone)."""
    row = next(line for line in SCHEMA.splitlines() if line.startswith("| `status` |"))
    assert set(re.findall(r"`([a-z]+)`", row)) - {"status"} == {
        "running",
        "finished",
        "interrupted",
        "failed",
        "abandoned",
    }


def test_every_memory_figure_of_the_long_backfill_is_the_benchmarks() -> None:
    latest = json.loads((ROOT / "bench/results/latest.json").read_text(encoding="utf-8"))
    small = latest["crawl"]["ours_sqlite"]["peak_rss_mib"]
    large = latest["crawl"]["ours_sqlite_large"]["peak_rss_mib"]
    docs = README + (ROOT / "docs/performance.md").read_text(encoding="utf-8")
    assert f"{large} vs {small} MiB peak at 50,000 vs 10,000 articles" in README
    assert f"| {large} / {small} MiB = {latest['memory_growth_50k_over_10k']}x |" in README
    assert f"| 10,000 articles over 20 days | {small} MiB |" in docs
    assert f"| 50,000 articles over 50 days | {large} MiB (" in docs
    assert README.count("MiB peak at 50,000") == 1  # no second figure for it


def test_the_item_contract_uses_the_exported_names() -> None:
    contract = _section(README, "## The item contract")
    names = set(re.findall(r"^\| `([a-z_]+)`", contract, flags=re.M))
    for exported in ("column_name", "image_urls", "image_captions", "image_credits"):
        assert exported in FIELDS and exported in contract
    assert "column" not in names and "images" not in names  # only as "(item: ...)"
    assert "(item: `column`)" in contract and "(item: `images`" in contract
    assert "`problems` (not exported: internal)" in contract


def test_a_wrong_postgresql_password_is_refused_with_one_line(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The test server checks passwords (.ci/services.sh: scram-sha-256 over TCP), so a
    wrong one in DATABASE_URL fails as it would in production, in one line."""
    from sqlalchemy.engine import make_url

    from crawler.cli.main import main
    from crawler.store.engine import upgrade_database

    upgrade_database(postgres_url)
    assert main(["--database-url", postgres_url, "db", "status"]) == 0
    capsys.readouterr()
    wrong = make_url(postgres_url).set(password="not-the-password")
    assert (
        main(["--database-url", wrong.render_as_string(hide_password=False), "db", "status"]) == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "password authentication failed" in err and "not-the-password" not in err


def test_the_fts5_warning_in_queries_md_is_what_sqlite_does(sqlite_url: str) -> None:
    """docs/queries.md: raw `MATCH 'covid-19'` fails with `no such column: 19`; the quoted
    phrase `MATCH '"covid-19"'` finds the article."""
    from dataclasses import replace

    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from crawler.cleaning.stages import content_hash
    from crawler.store.engine import make_engine
    from crawler.store.facade import open_store
    from tests.support.factories import make_item

    doc = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    assert "`MATCH 'covid-19'` fails with `no such column: 19`" in doc
    assert "`MATCH '\"covid-19\"'`" in doc
    body = "The covid-19 wards reopened on Monday.\n\nMore beds were added."
    item = replace(make_item(1, body=body), content_hash=content_hash("Headline number 1", body))
    open_store(sqlite_url).articles.upsert_article(item)
    engine = make_engine(sqlite_url)
    table = _fts_table(engine)
    with engine.connect() as conn:
        with pytest.raises(OperationalError, match="no such column: 19"):
            conn.execute(text(f"SELECT rowid FROM {table} WHERE {table} MATCH 'covid-19'")).all()
    with engine.connect() as conn:
        found = conn.execute(
            text(f"""SELECT rowid FROM {table} WHERE {table} MATCH '"covid-19"'""")
        ).all()
    engine.dispose()
    assert len(found) == 1


def _fts_table(engine: object) -> str:
    from sqlalchemy import text

    with engine.connect() as conn:  # type: ignore[attr-defined]
        return str(
            conn.execute(
                text("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")
            ).scalar_one()
        )
