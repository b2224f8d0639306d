"""Issue 17, database paths: a SQLite typo creates nothing, errors name the path, an unknown
subdomain is said to be unknown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from crawler.cli.main import main
from crawler.store import engine as engine_module
from crawler.store.engine import (
    StoreLocationError,
    check_sqlite_directory,
    make_engine,
    make_session_factory,
)
from crawler.store.errors import unreachable_message
from crawler.store.repository import ArticleRepository
from tests.support.crawling import ROOT
from tests.support.factories import make_item


def test_a_sqlite_path_in_a_missing_directory_is_refused_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'typo' / 'crawler.db'}"
    assert main(["--database-url", url, "db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert (
        f"the directory of SQLite database {tmp_path / 'typo' / 'crawler.db'} does not exist" in err
    )
    assert f"mkdir -p {tmp_path / 'typo'}" in err
    crawl = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "inquirer"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": url},
        capture_output=True, text=True,
    )  # fmt: skip
    assert crawl.returncode == 2 and "Traceback" not in crawl.stderr
    assert "scrapy crawl inquirer: the directory of SQLite database" in crawl.stderr
    assert list(tmp_path.iterdir()) == []


def test_only_the_projects_own_data_directory_is_made_on_demand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "DEFAULT_DATABASE_PATH", tmp_path / "data" / "crawler.db")
    check_sqlite_directory(tmp_path / "data" / "crawler.db")
    assert (tmp_path / "data").is_dir()
    with pytest.raises(StoreLocationError):
        check_sqlite_directory(tmp_path / "dta" / "crawler.db")
    assert not (tmp_path / "dta").exists()


def test_a_missing_sqlite_file_is_not_created_by_reading_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "crawler.db"
    for command in (["stats"], ["export"], ["db", "status"]):
        assert main(["--database-url", f"sqlite:///{path}", *command]) == 3, command
        assert "crawler db upgrade" in capsys.readouterr()[int(command != ["db", "status"])]
        assert not path.exists()
    assert main(["--database-url", f"sqlite:///{path}", "db", "upgrade"]) == 0
    assert path.exists()


def test_a_read_only_database_error_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "readonly.db"
    path.touch()
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    assert main(["--database-url", url, "db", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"crawler: database file {path} cannot be used: ")
    assert "readonly database" in err and "writable by this user" in err


@pytest.mark.parametrize(
    ("url", "said", "start"),
    [
        ("sqlite:////srv/crawl/x.db", "unable to open database file",
         "database file /srv/crawl/x.db cannot be used: unable to open database file; check"),
        ("postgresql+psycopg://u:pw@db.internal:5432/news", 'FATAL:  role "u" does not exist',
         "database unreachable: postgresql+psycopg://u:***@db.internal:5432/news: "
         'FATAL:  role "u" does not exist; check DATABASE_URL'),
    ],
)  # fmt: skip
def test_database_messages_name_the_database(url: str, said: str, start: str) -> None:
    message = unreachable_message(url, OperationalError("connect", {}, Exception(said)))
    assert message.startswith(start)
    assert "\n" not in message


def test_export_of_an_unknown_subdomain_says_so_and_lists_the_known_ones(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(sqlite_url)
    ArticleRepository(make_session_factory(engine)).upsert_articles([make_item(1), make_item(2)])
    engine.dispose()
    out = tmp_path / "out.jsonl"
    argv = ["--database-url", sqlite_url, "export", "--output", str(out), "--subdomain"]
    assert main([*argv, "newsinof"]) == 2
    err = capsys.readouterr().err
    assert "crawler export: no such subdomain 'newsinof'" in err
    assert "subdomains in the store (articles): newsinfo (2)" in err
    assert not out.exists()
    assert main([*argv, "business,newsinfo"]) == 0  # a real subdomain with no article: a note
    err = capsys.readouterr().err
    assert "the store has no article from 'business'" in err and "exported 2 articles" in err


def test_db_upgrade_says_whether_it_migrated(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from crawler.store.engine import schema_revisions

    engine = make_engine(store_url)
    head = schema_revisions(engine)[1]
    engine.dispose()
    assert main(["--database-url", store_url, "db", "upgrade"]) == 0
    assert f"is already at the latest revision {head}: nothing to do" in capsys.readouterr().out
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert main(["--database-url", fresh, "db", "upgrade"]) == 0
    out = capsys.readouterr().out
    assert out == f"database {fresh} migrated from revision <empty> to {head}\n"


def test_a_bad_query_is_not_reported_as_an_unreachable_database() -> None:
    from sqlalchemy.exc import OperationalError as SAOperationalError

    from crawler.store.errors import about_the_database

    def error(message: str, module: str = "sqlite3") -> SAOperationalError:
        orig = type("OperationalError", (Exception,), {"__module__": module})(message)
        return SAOperationalError("SELECT", {}, orig)

    assert not about_the_database(error("no such column: 19"))
    assert about_the_database(error("unable to open database file"))
    assert about_the_database(error("attempt to write a readonly database"))
    assert about_the_database(error("connection refused", module="psycopg"))
