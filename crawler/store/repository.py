"""ArticleRepository: every read and write of articles goes through here.

Upserts are keyed on ``canonical_url`` and use the dialect's
``INSERT ... ON CONFLICT`` so that concurrent writers never create duplicates.
A batch's new articles, their authors, tags and images are written set-at-a-time
(``crawler.store.bulk``); articles already stored are locked and updated one by one.
Every writer takes its locks in one order (name slugs, then canonical URLs), and a
transaction that still loses a race (deadlock, serialization failure, unique violation:
many crawl workers on one PostgreSQL) is retried whole, with jittered backoff.
ORM objects never leave this module: callers get ids and plain dicts.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import ArticleItem
from crawler.store import bulk
from crawler.store.bulk import NameCache, slugify  # noqa: F401 (slugify: part of this API)
from crawler.store.errors import StoreUnavailable, is_unavailable, sqlstate  # noqa: F401 - API
from crawler.store.errors import raise_if_unavailable as _raise_if_unavailable
from crawler.store.models import (
    Article,
    ArticleAuthor,
    ArticleImage,
    ArticleTag,
    ArticleVersion,
    Author,
    Tag,
)

log = logging.getLogger(__name__)

Outcome = Literal["new", "updated", "unchanged", "failed"]
T = TypeVar("T")
# serialization failure, deadlock detected, unique violation: another writer won a race
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "23505"})
RETRIES = 5  # a transaction is tried at most 1 + RETRIES times


@dataclass(frozen=True, slots=True)
class UpsertResult:
    """What happened to one item: its row id and whether it was new, changed or the same."""

    canonical_url: str
    outcome: Outcome
    article_id: int | None = None
    version: int | None = None
    error: str | None = None


def utcnow() -> datetime:
    return datetime.now(UTC)


class ArticleRepository:
    """Intention-named reads and writes over the article tables."""

    def __init__(
        self, session_factory: sessionmaker[Session], clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._sessions = session_factory
        self._clock = clock

    # --- writes -----------------------------------------------------------
    def upsert_articles(
        self,
        items: Sequence[ArticleItem],
        http: Sequence[dict[str, str]] | None = None,
        run_id: int | None = None,
    ) -> list[UpsertResult]:
        """Write a batch in one transaction; if it fails, write each item alone so that
        one bad item is isolated (returned as ``failed`` with the error) and the rest land.
        ``run_id`` (the ``crawl_runs`` row of the crawl writing) goes to ``first_run_id`` of
        new articles and ``last_run_id`` of new and changed ones.

        When the database itself is unreachable, locked past its busy timeout, full or
        shutting down, no item is to blame: :class:`StoreUnavailable` is raised instead (the
        caller keeps the items and tries again later).
        """
        meta = list(http) if http is not None else [{} for _ in items]
        try:
            return self._retrying(lambda session: self._write_batch(session, items, meta, run_id))
        except Exception as exc:
            _raise_if_unavailable(exc)
            if len(items) == 1:
                return [self._failed(items[0], exc)]
            log.warning("batch of %d failed (%s); writing items one by one", len(items), exc)
        return [self.upsert_article(item, m, run_id) for item, m in zip(items, meta, strict=True)]

    def upsert_article(
        self, item: ArticleItem, http: dict[str, str] | None = None, run_id: int | None = None
    ) -> UpsertResult:
        """Insert, update (keeping the old content as a version) or just touch one article."""
        try:
            return self._retrying(
                lambda session: self._write_batch(session, [item], [http or {}], run_id)[0]
            )
        except Exception as exc:
            _raise_if_unavailable(exc)
            return self._failed(item, exc)

    def _retrying(self, work: Callable[[Session], T]) -> T:
        """``work`` in a transaction; a transaction that lost a race to another writer is
        rolled back and run again (at most ``RETRIES`` more times)."""
        attempt = 0
        while True:
            try:
                with self._sessions.begin() as session:
                    return work(session)
            except DBAPIError as exc:
                if attempt >= RETRIES or not is_retryable(exc):
                    raise
                attempt += 1
                log.info(
                    "store transaction lost a race (%s); retry %d of %d",
                    sqlstate(exc) or type(exc.orig).__name__,
                    attempt,
                    RETRIES,
                )
                time.sleep(random.uniform(0, min(1.0, 0.02 * 2**attempt)))

    @staticmethod
    def _failed(item: ArticleItem, exc: Exception) -> UpsertResult:
        log.error("could not store %s: %s: %s", item.canonical_url, type(exc).__name__, exc)
        return UpsertResult(item.canonical_url, "failed", error=f"{type(exc).__name__}: {exc}")

    def _write_batch(
        self,
        session: Session,
        items: Sequence[ArticleItem],
        meta: Sequence[dict[str, str]],
        run_id: int | None = None,
    ) -> list[UpsertResult]:
        """Articles not stored yet are inserted set-at-a-time (``crawler.store.bulk``); the
        others go one by one, in canonical-URL order (one lock order for every writer; items
        of one URL keep their batch order), through the row-locking ``_upsert``. Author and
        tag names are resolved first, in batch order, so a new slug keeps the spelling that
        item-by-item writing would have kept."""
        conn = session.connection()
        nows = [self._clock() for _ in items]
        current = bulk.stored_hashes(conn, [item.canonical_url for item in items])
        fresh: dict[str, int] = {}  # canonical_url -> index of its first item, not stored yet
        relinked: list[ArticleItem] = []  # new or changed: their authors/tags are (re)linked
        for index, item in enumerate(items):
            previous = current.get(item.canonical_url)
            if previous is None:
                fresh[item.canonical_url] = index
            if previous != item.content_hash:
                relinked.append(item)
            current[item.canonical_url] = item.content_hash
        names = NameCache()
        names.resolve(conn, relinked)
        ids = bulk.insert_articles(
            conn, [self._new_row(items[i], meta[i], nows[i], run_id) for i in fresh.values()]
        )
        bulk.insert_children(
            conn,
            [(ids[url], items[i]) for url, i in fresh.items() if url in ids],
            names.authors,
            names.tags,
        )
        results: list[UpsertResult | None] = [None] * len(items)
        for url, index in fresh.items():
            if url in ids:
                results[index] = UpsertResult(url, "new", ids[url], 1)
        for index in sorted(range(len(items)), key=lambda i: items[i].canonical_url):
            item = items[index]  # stored before, repeated, or another writer won
            if results[index] is None:
                results[index] = self._upsert(
                    session, item, meta[index], (nows[index], run_id), names
                )
        return [result for result in results if result is not None]

    def _upsert(
        self,
        session: Session,
        item: ArticleItem,
        http: dict[str, str],
        when: tuple[datetime, int | None],
        names: NameCache,
    ) -> UpsertResult:
        now, run_id = when  # the write's time and crawl run
        article = self._lock_article(session, item.canonical_url)
        if article is None:  # deleted since the batch looked
            conn = session.connection()
            ids = bulk.insert_articles(conn, [self._new_row(item, http, now, run_id)])
            if item.canonical_url in ids:
                self._replace_children(session, ids[item.canonical_url], item, names)
                return UpsertResult(item.canonical_url, "new", ids[item.canonical_url], 1)
            article = self._lock_article(session, item.canonical_url)  # lost a race: now it exists
            assert article is not None
        if article.content_hash == item.content_hash:
            article.last_fetched_at = now
            article.field_sources = dict(item.field_sources)  # provenance of the latest read
            article.http_etag = http.get("etag", article.http_etag)
            article.http_last_modified = http.get("last_modified", article.http_last_modified)
            return UpsertResult(item.canonical_url, "unchanged", article.id, article.version)
        session.add(
            ArticleVersion(
                article_id=article.id,
                version=article.version,
                title=article.title,
                subtitle=article.subtitle,
                body=article.body,
                content_hash=article.content_hash,
                updated_at=article.updated_at,
                updated_at_raw=article.updated_at_raw,
                extraction_method=article.extraction_method,
                fetched_at=article.last_fetched_at,
                replaced_at=now,
            )
        )
        _copy_fields(article, item, http)
        article.version += 1
        article.last_fetched_at = now
        article.last_changed_at = now
        article.last_run_id = run_id
        session.flush()
        self._replace_children(session, article.id, item, names)
        return UpsertResult(item.canonical_url, "updated", article.id, article.version)

    @staticmethod
    def _lock_article(session: Session, canonical_url: str) -> Article | None:
        query = select(Article).where(Article.canonical_url == canonical_url).with_for_update()
        return session.execute(query).scalar_one_or_none()

    @staticmethod
    def _new_row(
        item: ArticleItem, http: dict[str, str], now: datetime, run_id: int | None = None
    ) -> dict[str, Any]:
        values = _article_values(item, http)
        values.update(first_seen_at=now, last_fetched_at=now, last_changed_at=now, version=1)
        values.update(first_run_id=run_id, last_run_id=run_id)
        return values

    @staticmethod
    def _replace_children(
        session: Session, article_id: int, item: ArticleItem, names: NameCache
    ) -> None:
        conn = session.connection()
        bulk.delete_children(conn, [article_id])
        names.resolve(conn, [item])
        bulk.insert_children(conn, [(article_id, item)], names.authors, names.tags)

    # --- reads ------------------------------------------------------------
    def get_by_url(self, canonical_url: str) -> dict[str, Any] | None:
        """The stored article with its authors, contributors, tags and images, as plain data."""
        with self._sessions() as session:
            article = session.execute(
                select(Article).where(Article.canonical_url == canonical_url)
            ).scalar_one_or_none()
            if article is None:
                return None
            data = {c.key: getattr(article, c.key) for c in Article.__mapper__.column_attrs}
            rows = session.execute(
                select(ArticleAuthor.role, Author.name)
                .join(Author, Author.id == ArticleAuthor.author_id)
                .where(ArticleAuthor.article_id == article.id)
                .order_by(ArticleAuthor.role, ArticleAuthor.position)
            ).all()
            data["authors"] = [name for role, name in rows if role == "author"]
            data["contributors"] = [name for role, name in rows if role == "contributor"]
            data["tags"] = list(
                session.execute(
                    select(Tag.name)
                    .join(ArticleTag, ArticleTag.tag_id == Tag.id)
                    .where(ArticleTag.article_id == article.id)
                    .order_by(ArticleTag.position)
                ).scalars()
            )
            data["images"] = [
                {"url": i.url, "caption": i.caption, "credit": i.credit}
                for i in session.execute(
                    select(ArticleImage)
                    .where(ArticleImage.article_id == article.id)
                    .order_by(ArticleImage.position)
                ).scalars()
            ]
            return data

    def count_articles(self) -> int:
        with self._sessions() as session:
            return int(session.execute(select(func.count(Article.id))).scalar_one())

    def counts_by_subdomain(self) -> list[tuple[str, int]]:
        with self._sessions() as session:
            rows = session.execute(
                select(Article.subdomain, func.count(Article.id))
                .group_by(Article.subdomain)
                .order_by(func.count(Article.id).desc(), Article.subdomain)
            ).all()
            return [(str(sub), int(n)) for sub, n in rows]

    def newest(self, limit: int = 5) -> list[dict[str, Any]]:
        """The most recently published articles: title, subdomain, published_at (UTC), URL."""
        with self._sessions() as session:
            rows = session.execute(
                select(
                    Article.title, Article.subdomain, Article.published_at, Article.canonical_url
                )
                .order_by(Article.published_at.desc().nulls_last(), Article.id.desc())
                .limit(limit)
            ).all()
            return [dict(r._mapping) for r in rows]

    def run_article_counts(self, run_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
        """What the store holds for the crawl runs ``run_ids`` (e.g. the workers of one
        distributed run), per run: ``(new, changed)``. New: articles the run stored first;
        changed: articles stored before the runs whose content the run changed last."""
        ids = sorted({int(i) for i in run_ids})
        counts = {run_id: [0, 0] for run_id in ids}
        if not ids:
            return {}
        with self._sessions() as session:
            for run_id, n in session.execute(
                select(Article.first_run_id, func.count(Article.id))
                .where(Article.first_run_id.in_(ids))
                .group_by(Article.first_run_id)
            ):
                counts[int(run_id)][0] = int(n)
            for run_id, n in session.execute(
                select(Article.last_run_id, func.count(Article.id))
                .where(
                    Article.last_run_id.in_(ids),
                    Article.first_run_id.is_(None) | Article.first_run_id.not_in(ids),
                )
                .group_by(Article.last_run_id)
            ):
                counts[int(run_id)][1] = int(n)
        return {run_id: (new, changed) for run_id, (new, changed) in counts.items()}

    def stored_among(self, canonical_urls: Iterable[str]) -> set[str]:
        """Those of ``canonical_urls`` the store has an article for."""
        urls, found = sorted(set(canonical_urls)), set()
        with self._sessions() as session:
            for start in range(0, len(urls), 500):
                found.update(
                    session.execute(
                        select(Article.canonical_url).where(
                            Article.canonical_url.in_(urls[start : start + 500])
                        )
                    ).scalars()
                )
        return found


def is_retryable(exc: DBAPIError) -> bool:
    """A conflict with a concurrent writer (worth running the transaction again)."""
    if sqlstate(exc) in RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(exc.orig)  # SQLite: the busy timeout ran out


def _article_values(item: ArticleItem, http: dict[str, str]) -> dict[str, Any]:
    return {
        "site": item.site,
        "subdomain": item.subdomain,
        "site_article_id": item.site_article_id,
        "canonical_url": item.canonical_url,
        "url": item.url,
        "section": item.section,
        "column_name": item.column,
        "page_type": item.page_type,
        "title": item.title,
        "subtitle": item.subtitle,
        "body": item.body,
        "language": item.language,
        "agency": item.agency,
        "dateline": item.dateline,
        "published_at": item.published_at,
        "updated_at": item.updated_at,
        "published_at_raw": item.published_at_raw,
        "updated_at_raw": item.updated_at_raw,
        "word_count": item.word_count,
        "content_hash": item.content_hash,
        "extraction_method": item.extraction_method,
        "field_sources": dict(item.field_sources),
        "http_etag": http.get("etag"),
        "http_last_modified": http.get("last_modified"),
    }


def _copy_fields(article: Article, item: ArticleItem, http: dict[str, str]) -> None:
    for key, value in _article_values(item, http).items():
        if key.startswith("http_") and value is None:
            continue
        setattr(article, key, value)
