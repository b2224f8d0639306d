"""full-text search: SQLite FTS5 (external content + triggers), PostgreSQL tsvector + GIN

Revision ID: 5b1f0c7e2a91
Revises: db46e922fa0b
Create Date: 2026-11-29 11:40:00

"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "5b1f0c7e2a91"
down_revision: str | Sequence[str] | None = "db46e922fa0b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, subtitle, body,
        content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, subtitle, body)
        VALUES (new.id, new.title, new.subtitle, new.body);
    END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, body)
        VALUES ('delete', old.id, old.title, old.subtitle, old.body);
    END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, subtitle, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, body)
        VALUES ('delete', old.id, old.title, old.subtitle, old.body);
        INSERT INTO articles_fts(rowid, title, subtitle, body)
        VALUES (new.id, new.title, new.subtitle, new.body);
    END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_fts_au",
    "DROP TRIGGER IF EXISTS articles_fts_ad",
    "DROP TRIGGER IF EXISTS articles_fts_ai",
    "DROP TABLE IF EXISTS articles_fts",
]
POSTGRES_UP = [
    """ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(subtitle, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(body, '')), 'C')
    ) STORED""",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_articles_search_vector",
    "ALTER TABLE articles DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: dict[str, list[str]]) -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in statements:
        raise NotImplementedError(f"full-text search is not defined for {dialect}")
    for statement in statements[dialect]:
        op.execute(statement)


def upgrade() -> None:
    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})


def downgrade() -> None:
    _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})
