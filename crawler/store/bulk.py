"""Set-at-a-time writes for ArticleRepository: a few statements per batch, not per row.

Everything here runs on the caller's connection, inside the caller's transaction,
as Core ``executemany`` statements (no ORM unit of work): one lookup of the
batch's canonical URLs, one ``INSERT ... ON CONFLICT DO NOTHING RETURNING`` for
its new articles, one insert and one select per name table, one insert per child
table.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from crawler.items import ArticleItem
from crawler.store.models import Article, ArticleAuthor, ArticleImage, ArticleTag, Author, Tag

ARTICLES: Table = Article.__table__  # type: ignore[assignment]
AUTHORS: Table = Author.__table__  # type: ignore[assignment]
TAGS: Table = Tag.__table__  # type: ignore[assignment]
ARTICLE_AUTHORS: Table = ArticleAuthor.__table__  # type: ignore[assignment]
ARTICLE_TAGS: Table = ArticleTag.__table__  # type: ignore[assignment]
ARTICLE_IMAGES: Table = ArticleImage.__table__  # type: ignore[assignment]
CHUNK = 500  # keys per IN (...) list: far below every driver's parameter limit

T = TypeVar("T")


@functools.lru_cache(maxsize=65536)  # pure, and called for every name of every item
def slugify(name: str) -> str:
    """``"Niño Dela Cruz"`` -> ``"nino-dela-cruz"``: the dedup key of authors and tags."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or name.strip().lower()


class NameCache:
    """Author and tag ids by slug, valid inside one transaction."""

    def __init__(self) -> None:
        self.authors: dict[str, int] = {}
        self.tags: dict[str, int] = {}

    def resolve(self, conn: Connection, items: Sequence[ArticleItem]) -> None:
        """Ids for every name of ``items``, creating the missing authors and tags."""
        name_ids(
            conn, AUTHORS, [n for i in items for n in (*i.authors, *i.contributors)], self.authors
        )
        name_ids(conn, TAGS, [t for i in items for t in i.tags], self.tags)


def chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def insert_for(conn: Connection) -> Callable[..., Any]:
    """The dialect's ``insert`` construct, which has ``on_conflict_do_nothing``."""
    name = conn.dialect.name
    if name == "postgresql":
        return postgresql.insert
    if name == "sqlite":
        return sqlite.insert
    raise NotImplementedError(f"upserts are not implemented for {name}")


def stored_hashes(conn: Connection, urls: Sequence[str]) -> dict[str, str]:
    """``canonical_url -> content_hash`` of the URLs already stored."""
    found: dict[str, str] = {}
    for part in chunks(sorted(set(urls))):
        rows = conn.execute(
            select(ARTICLES.c.canonical_url, ARTICLES.c.content_hash).where(
                ARTICLES.c.canonical_url.in_(part)
            )
        )
        found.update({url: digest for url, digest in rows})
    return found


def insert_articles(conn: Connection, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Insert the rows whose canonical URL is free; ``canonical_url -> id`` of those inserted
    (a row another writer stored first is skipped and left out). Rows go in canonical-URL
    order: concurrent writers wait for each other's keys in one order, never in a cycle."""
    if not rows:
        return {}
    rows = sorted(rows, key=lambda row: row["canonical_url"])
    statement = (
        insert_for(conn)(ARTICLES)
        .on_conflict_do_nothing(index_elements=["canonical_url"])
        .returning(ARTICLES.c.id, ARTICLES.c.canonical_url)
    )
    result = conn.execute(statement, list(rows))
    return {url: int(article_id) for article_id, url in result}


def name_ids(conn: Connection, table: Table, names: Iterable[str], cache: dict[str, int]) -> None:
    """Fill ``cache`` (slug -> id) for ``names``, creating the missing rows (race-safe).
    A new slug is created with the first spelling met, as one-at-a-time writes would."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(slugify(name), name)
    missing = sorted(slug for slug in first if slug not in cache)  # sorted: one lock order
    if not missing:
        return
    insert = insert_for(conn)(table).on_conflict_do_nothing(index_elements=["slug"])
    conn.execute(insert, [{"name": first[slug], "slug": slug} for slug in missing])
    for part in chunks(missing):
        cache.update(
            {
                slug: int(row_id)
                for row_id, slug in conn.execute(
                    select(table.c.id, table.c.slug).where(table.c.slug.in_(part))
                )
            }
        )


def delete_children(conn: Connection, article_ids: Sequence[int]) -> None:
    for table in (ARTICLE_AUTHORS, ARTICLE_TAGS, ARTICLE_IMAGES):
        for part in chunks(list(article_ids)):
            conn.execute(delete(table).where(table.c.article_id.in_(part)))


def insert_children(
    conn: Connection,
    articles: Sequence[tuple[int, ArticleItem]],
    authors: dict[str, int],
    tags: dict[str, int],
) -> None:
    """Author/contributor links by role and position, tags in page order (a tag repeated
    under another spelling is kept once, at its first position), images in page order."""
    credit_rows: list[dict[str, Any]] = []
    tag_rows: list[dict[str, Any]] = []
    image_rows: list[dict[str, Any]] = []
    for article_id, item in articles:
        for role, people in (("author", item.authors), ("contributor", item.contributors)):
            credit_rows.extend(
                {
                    "article_id": article_id,
                    "role": role,
                    "position": position,
                    "author_id": authors[slugify(name)],
                }
                for position, name in enumerate(people, start=1)
            )
        seen: set[int] = set()
        for position, name in enumerate(item.tags, start=1):
            tag_id = tags[slugify(name)]
            if tag_id not in seen:
                seen.add(tag_id)
                tag_rows.append({"article_id": article_id, "position": position, "tag_id": tag_id})
        image_rows.extend(
            {
                "article_id": article_id,
                "position": position,
                "url": image.url,
                "caption": image.caption,
                "credit": image.credit,
            }
            for position, image in enumerate(item.images, start=1)
        )
    for table, rows in (
        (ARTICLE_AUTHORS, credit_rows),
        (ARTICLE_TAGS, tag_rows),
        (ARTICLE_IMAGES, image_rows),
    ):
        if rows:
            conn.execute(table.insert(), rows)
