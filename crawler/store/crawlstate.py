"""What the crawl has already seen: the store is the incremental crawler's memory.

No JOBDIR, no deltafetch: a nightly run asks these questions of the database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, sessionmaker

from crawler.store.models import Article
from crawler.store.repository import utcnow

_STATE = select(
    Article.published_at, Article.last_fetched_at, Article.http_etag, Article.http_last_modified
).where(Article.canonical_url == bindparam("url"))


class CrawlStateRepository:
    """Fetch state of stored articles: validators, publication and fetch times."""

    def __init__(
        self, session_factory: sessionmaker[Session], clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._sessions = session_factory
        self._engine = session_factory.kw["bind"]
        self._clock = clock

    def state_of(self, canonical_url: str) -> dict[str, Any] | None:
        """``{published_at, last_fetched_at, http_etag, http_last_modified}`` or None if unseen.

        Asked once per article request, so it is one Core statement on a pooled
        connection (no ORM session): a fraction of a millisecond.
        """
        with self._engine.connect() as connection:
            row = connection.execute(_STATE, {"url": canonical_url}).one_or_none()
        return dict(row._mapping) if row is not None else None

    def published_since(
        self,
        since: datetime,
        subdomains: frozenset[str] | None = None,
        sites: frozenset[str] | None = None,
    ) -> list[str]:
        """Canonical URLs of stored articles published at or after ``since`` (revisit set),
        of these Inquirer ``subdomains`` and/or these ``sites`` (registrable domains)."""
        query = select(Article.canonical_url).where(Article.published_at >= since)
        if subdomains:
            query = query.where(Article.subdomain.in_(sorted(subdomains)))
        if sites:
            query = query.where(Article.site.in_(sorted(sites)))
        with self._sessions() as session:
            return list(session.execute(query.order_by(Article.published_at.desc())).scalars())

    def mark_not_modified(
        self, canonical_url: str, etag: str | None = None, last_modified: str | None = None
    ) -> bool:
        """A 304 answered for this article: only ``last_fetched_at`` (and validators) move."""
        values: dict[str, Any] = {"last_fetched_at": self._clock()}
        if etag:
            values["http_etag"] = etag
        if last_modified:
            values["http_last_modified"] = last_modified
        with self._sessions.begin() as session:
            result = session.execute(
                update(Article).where(Article.canonical_url == canonical_url).values(**values)
            )
            return bool(result.rowcount)
