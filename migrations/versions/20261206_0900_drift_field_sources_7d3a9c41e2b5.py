"""articles.field_sources: which source gave each field (layout, date-line, json-ld, meta,
generic ...), so a query shows layout drift

Revision ID: 7d3a9c41e2b5
Revises: 5b1f0c7e2a91
Create Date: 2026-12-06 09:00:00

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "7d3a9c41e2b5"
down_revision: str | Sequence[str] | None = "5b1f0c7e2a91"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN on both dialects (no SQLite table rebuild: the FTS5 triggers stay).
    op.add_column(
        "articles",
        sa.Column(
            "field_sources",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
    )


def downgrade() -> None:
    op.drop_column("articles", "field_sources")  # SQLite >= 3.35 drops a column in place
