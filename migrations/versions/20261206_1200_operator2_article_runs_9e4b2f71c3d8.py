"""articles.first_run_id / last_run_id: the crawl run that first stored an article and the
run that last stored new content for it, so a run's totals (a distributed run's too) come
from what the store holds, not from the workers' counters

Revision ID: 9e4b2f71c3d8
Revises: 7d3a9c41e2b5
Create Date: 2026-12-06 12:00:00

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9e4b2f71c3d8"
down_revision: str | Sequence[str] | None = "7d3a9c41e2b5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("first_run_id", "last_run_id")


def upgrade() -> None:
    # Plain ADD COLUMN on both dialects (no SQLite table rebuild: the FTS5 triggers stay).
    # No foreign key: a run id is a label here, and SQLite cannot add one in place.
    # Articles stored before this revision keep NULL: no run is known for them.
    for name in COLUMNS:
        op.add_column("articles", sa.Column(name, sa.Integer(), nullable=True))
        op.create_index(f"ix_articles_{name}", "articles", [name])


def downgrade() -> None:
    for name in COLUMNS:
        op.drop_index(f"ix_articles_{name}", table_name="articles")
        op.drop_column("articles", name)  # SQLite >= 3.35 drops a column in place
