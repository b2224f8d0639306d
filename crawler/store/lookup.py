"""Reading one article for ``crawler show`` and full-text search for ``crawler search``,
on SQLite (FTS5 ``articles_fts``) and PostgreSQL (``articles.search_vector``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Integer, Text, select, text

from crawler.store.models import Article, ArticleImage, ArticleVersion
from crawler.store.searchquery import SearchQuery
from crawler.store.types import UTCDateTime
from crawler.urls import canonicalize_url

SNIPPET_START, SNIPPET_END = "[", "]"


@dataclass(frozen=True)
class Hit:
    id: int
    subdomain: str | None
    title: str
    canonical_url: str
    published_at: datetime | None
    snippet: str


def find_article_id(engine: Engine, key: str) -> int | None:
    """An article by its id, its canonical URL or the URL it was fetched from."""
    table = Article.__table__
    with engine.connect() as conn:
        if key.strip().isdigit():
            found = conn.execute(select(table.c.id).where(table.c.id == int(key))).scalar()
            return int(found) if found is not None else None
        candidates = {key.strip(), canonicalize_url(key.strip())}
        found = conn.execute(
            select(table.c.id)
            .where(table.c.canonical_url.in_(candidates) | table.c.url.in_(candidates))
            .limit(1)
        ).scalar()
        return int(found) if found is not None else None


def images_and_versions(
    engine: Engine, article_id: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The article's images (url, caption, credit) and earlier versions, oldest first."""
    images_t, versions_t = ArticleImage.__table__, ArticleVersion.__table__
    with engine.connect() as conn:
        images = conn.execute(
            select(images_t.c.url, images_t.c.caption, images_t.c.credit)
            .where(images_t.c.article_id == article_id)
            .order_by(images_t.c.position)
        ).all()
        versions = conn.execute(
            select(
                versions_t.c.version,
                versions_t.c.title,
                versions_t.c.content_hash,
                versions_t.c.fetched_at,
                versions_t.c.replaced_at,
                versions_t.c.extraction_method,
            )
            .where(versions_t.c.article_id == article_id)
            .order_by(versions_t.c.version)
        ).all()
    return [dict(r._mapping) for r in images], [dict(r._mapping) for r in versions]


SQLITE_SEARCH = """
SELECT a.id, a.subdomain, a.title, a.canonical_url, a.published_at,
       snippet(articles_fts, 2, :start, :end, ' … ', 16) AS snippet
FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH :query {subdomains}
ORDER BY bm25(articles_fts, 10.0, 5.0, 1.0), a.published_at DESC
LIMIT :limit
"""
POSTGRES_SEARCH = """
WITH q AS (SELECT websearch_to_tsquery('english', :query) AS query),
hits AS (
    SELECT a.id, a.subdomain, a.title, a.canonical_url, a.published_at, a.body,
           ts_rank(a.search_vector, q.query) AS rank
    FROM articles a, q
    WHERE a.search_vector @@ q.query {subdomains}
    ORDER BY rank DESC, a.published_at DESC
    LIMIT :limit
)
SELECT hits.id, hits.subdomain, hits.title, hits.canonical_url, hits.published_at,
       ts_headline('english', hits.body, q.query,
                   'StartSel=' || :start || ', StopSel=' || :end
                   || ', MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "')
           AS snippet
FROM hits, q
ORDER BY hits.rank DESC, hits.published_at DESC
"""


def search_articles(
    engine: Engine, query: SearchQuery, limit: int = 20, subdomains: Sequence[str] = ()
) -> list[Hit]:
    """Ranked matches (title counts most, then subtitle, then body) with a snippet whose
    matched words are in [brackets]."""
    postgres = engine.dialect.name == "postgresql"
    params: dict[str, Any] = {
        "query": query.websearch() if postgres else query.fts5(),
        "limit": limit,
        "start": SNIPPET_START,
        "end": SNIPPET_END,
    }
    where = ""
    if subdomains:
        names = {f"sub{n}": name for n, name in enumerate(subdomains)}
        params.update(names)
        where = f"AND a.subdomain IN ({', '.join(':' + key for key in names)})"
    sql = (POSTGRES_SEARCH if postgres else SQLITE_SEARCH).format(subdomains=where)
    statement = text(sql).columns(
        id=Integer(),
        subdomain=Text(),
        title=Text(),
        canonical_url=Text(),
        published_at=UTCDateTime(),
        snippet=Text(),
    )
    with engine.connect() as conn:
        rows = conn.execute(statement, params).all()
    return [
        Hit(
            int(r.id),
            r.subdomain,
            r.title,
            r.canonical_url,
            r.published_at,
            " ".join(str(r.snippet or "").split()),
        )
        for r in rows
    ]
