"""The run counters are listed once (crawler/store/models.py): the crawl_runs columns, the run
recorder, the repository and the report all follow that list."""

from __future__ import annotations

from sqlalchemy import Integer

from crawler.reporting.report import TABLE_COUNTERS
from crawler.store.models import RUN_COUNTERS, CrawlRun


def test_every_run_counter_is_an_integer_column_of_crawl_runs() -> None:
    columns = CrawlRun.__table__.columns
    assert all(isinstance(columns[name].type, Integer) for name in RUN_COUNTERS)


def test_the_report_table_shows_every_counter_in_order_with_its_short_label() -> None:
    assert TABLE_COUNTERS == (
        ("pages_fetched", "fetched"),
        ("articles_new", "new"),
        ("articles_updated", "updated"),
        ("articles_unchanged", "unchanged"),
        ("articles_rejected", "rejected"),
        ("articles_failed", "failed"),
        ("pages_blocked", "blocked"),
        ("pages_not_article", "not article"),
        ("errors", "errors"),
    )
