"""Issue 17: the docs' examples work on what a newcomer has, the `make demo` store."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import text

from bench.queries_doc import QUERIES_MD, parse_queries
from crawler.store.engine import make_engine
from tests.support.crawling import backfill_args, crawl

pytestmark = pytest.mark.e2e

NOT_ON_DEMO = "*Not on the demo store:*"


def _marked_not_on_demo(doc: str) -> set[str]:
    marked = set()
    for section in re.split(r"^### ", doc, flags=re.M)[1:]:
        title, _, rest = section.partition("\n")
        if NOT_ON_DEMO in rest.split("```")[0]:
            marked.add(title.strip())
    return marked


def test_every_queries_md_example_returns_rows_on_the_demo_store_or_says_why_not(
    replay: Any, sqlite_url: str
) -> None:
    # the crawl `make demo` runs: the replay's last 10 days (replay/demo.py)
    assert crawl(replay, sqlite_url, *backfill_args(replay, days=10)).returncode == 0
    doc = QUERIES_MD.read_text(encoding="utf-8")
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        empty = {
            title
            for title, sql in parse_queries(doc).items()
            if not conn.execute(text(sql["sqlite"])).all()
        }
    engine.dispose()
    assert empty == _marked_not_on_demo(doc)
    assert len(empty) <= 3
