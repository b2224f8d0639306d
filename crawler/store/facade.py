"""One open store per database URL and process: engine, sessions and repositories."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from crawler.store.crawlstate import CrawlStateRepository
from crawler.store.engine import ensure_schema, make_engine, make_session_factory
from crawler.store.repository import ArticleRepository
from crawler.store.runs import RunRepository


@dataclass(frozen=True)
class Store:
    engine: Engine
    articles: ArticleRepository
    runs: RunRepository
    state: CrawlStateRepository


def open_crawl_store(settings: Any) -> Store:
    """The store a crawl writes to: ``DATABASE_URL`` of Scrapy ``settings``, migrated first
    when ``STORE_AUTO_MIGRATE`` is on."""
    return open_store(settings["DATABASE_URL"], settings.getbool("STORE_AUTO_MIGRATE"))


@lru_cache(maxsize=8)
def open_store(url: str, migrate: bool = False) -> Store:
    """The store at ``url``, its schema checked (or migrated when ``migrate``)."""
    engine = make_engine(url, pool_pre_ping=True)
    ensure_schema(engine, migrate=migrate)
    sessions = make_session_factory(engine)
    return Store(
        engine, ArticleRepository(sessions), RunRepository(sessions), CrawlStateRepository(sessions)
    )
