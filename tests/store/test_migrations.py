"""Migrations tested by running them, on SQLite and PostgreSQL: upgrade, no drift,
downgrade and back, data kept across an upgrade, the crawl's schema guard."""

from __future__ import annotations

from pathlib import Path

import pytest
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

FIRST = "db46e922fa0b"  # the revision before full-text search
TABLES = {
    "articles",
    "authors",
    "article_authors",
    "tags",
    "article_tags",
    "article_images",
    "article_versions",
    "crawl_runs",
    "crawl_failures",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return str(request.getfixturevalue("postgres_url"))


def test_upgrade_head_creates_every_table_and_no_drift(empty_url: str) -> None:
    command.upgrade(alembic_config(empty_url), "head")
    engine = make_engine(empty_url)
    assert TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(ctx, Base.metadata) == []
    command.check(alembic_config(empty_url))  # raises if autogenerate would emit anything
    engine.dispose()


def test_downgrade_to_base_and_back(empty_url: str) -> None:
    config = alembic_config(empty_url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = make_engine(empty_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert TABLES <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_rows_written_at_first_revision_survive_upgrade(empty_url: str) -> None:
    config = alembic_config(empty_url)
    command.upgrade(config, FIRST)
    engine = make_engine(empty_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (site, canonical_url, url, page_type, title, body, word_count, "
                "content_hash, extraction_method, first_seen_at, last_fetched_at, last_changed_at, "
                "version) VALUES ('inquirer.net', 'https://newsinfo.inquirer.net/1/a', "
                "'https://newsinfo.inquirer.net/1/a', 'article', 'Old title', 'Old body about Verbena', "
                "4, 'h', 'inquirer-default-v1', '2026-11-01 00:00:00', '2026-11-01 00:00:00', "
                "'2026-11-01 00:00:00', 1)"
            )
        )
    command.upgrade(config, "head")
    search = {
        "sqlite": "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'verbena'",
        "postgresql": "SELECT id FROM articles WHERE search_vector @@ to_tsquery('english', 'verbena')",
    }
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title, body FROM articles")).one() == (
            "Old title",
            "Old body about Verbena",
        )
        assert len(conn.execute(text(search[engine.dialect.name])).all()) == 1  # indexed on upgrade
    engine.dispose()


def test_crawl_refuses_a_database_behind_the_migrations(empty_url: str) -> None:
    command.upgrade(alembic_config(empty_url), FIRST)
    engine = make_engine(empty_url)
    with pytest.raises(SchemaNotCurrent) as error:
        ensure_schema(engine)
    assert "crawler db upgrade" in str(error.value) and FIRST in str(error.value)
    ensure_schema(engine, migrate=True)  # told to migrate: it does
    ensure_schema(engine)
    engine.dispose()
