"""Migrations tested by running them: upgrade, no drift, downgrade, data kept."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from crawler.store.engine import (
    SchemaNotCurrent,
    alembic_config,
    ensure_schema,
    include_object,
    make_engine,
)
from crawler.store.models import Base


def test_upgrade_head_creates_every_table_and_no_drift(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    tables = set(inspect(engine).get_table_names())
    assert {"articles", "authors", "article_authors", "tags", "article_tags", "article_images",
            "article_versions", "crawl_runs", "crawl_failures", "articles_fts"} <= tables
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                     "include_object": include_object})
        assert compare_metadata(ctx, Base.metadata) == []
    command.check(alembic_config(sqlite_url))  # raises if autogenerate would emit anything


def test_downgrade_to_base_and_back(sqlite_url: str) -> None:
    config = alembic_config(sqlite_url)
    command.downgrade(config, "base")
    engine = make_engine(sqlite_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert "articles" in inspect(engine).get_table_names()


def test_rows_written_at_first_revision_survive_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "db46e922fa0b")  # before full-text search existed
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO articles (site, canonical_url, url, page_type, title, body, word_count, "
            "content_hash, extraction_method, first_seen_at, last_fetched_at, last_changed_at, "
            "version) VALUES ('inquirer.net', 'https://newsinfo.inquirer.net/1/a', "
            "'https://newsinfo.inquirer.net/1/a', 'article', 'Old title', 'Old body about Verbena', "
            "4, 'h', 'inquirer-default-v1', '2026-11-01 00:00:00', '2026-11-01 00:00:00', "
            "'2026-11-01 00:00:00', 1)"))
    command.upgrade(config, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title, body FROM articles")).one() == (
            "Old title", "Old body about Verbena")
        hits = conn.execute(text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'verbena'"))
        assert len(hits.all()) == 1  # the upgrade indexed the existing row


def test_crawl_refuses_a_database_behind_the_migrations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'behind.db'}"
    command.upgrade(alembic_config(url), "db46e922fa0b")
    engine = make_engine(url)
    try:
        ensure_schema(engine)
    except SchemaNotCurrent as exc:
        assert "crawler db upgrade" in str(exc) and "db46e922fa0b" in str(exc)
    else:
        raise AssertionError("an out-of-date database was accepted")
    ensure_schema(engine, migrate=True)  # told to migrate: it does
    ensure_schema(engine)
