"""Export stored articles as JSON Lines or CSV, streaming, in constant memory.

    crawler export --format jsonl --since 2026-11-01 --until 2026-11-30 --subdomain newsinfo

Articles are read with a server-side cursor (``stream_results``/``yield_per``) in
chunks of ``CHUNK`` rows; each chunk's authors, contributors, tags and image URLs
are fetched with one query per child table, the rows written, and the chunk
dropped. Memory does not grow with the number of articles exported.

``since``/``until`` are Manila calendar days (inclusive) on ``published_at``; an
article without a publication date is exported only when neither is given.
Datetimes are ISO 8601 in UTC (``2026-11-27T06:05:00Z``); the record is the one of
``crawler.serialize``, shared with feed exports and ``crawler show``. List fields are JSON
arrays in JSON Lines and joined with ``"; "`` in CSV (RFC 4180 quoting: fields may
hold newlines; read them back with ``newline=""``).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, Engine, Select, select

from crawler.cli.options import _day
from crawler.clock import MANILA
from crawler.outcome import EXIT_OK, EXIT_USAGE
from crawler.serialize import ARTICLE_FIELDS, FIELDS, LIST_FIELDS, csv_cell, json_ready
from crawler.store.engine import ensure_schema, make_engine
from crawler.store.models import Article, ArticleAuthor, ArticleImage, ArticleTag, Author, Tag

__all__ = ["FIELDS", "FORMATS", "export", "iter_articles", "open_output"]

CHUNK = 500
FORMATS = ("jsonl", "csv")


def manila_day_bounds(
    since: date | None, until: date | None
) -> tuple[datetime | None, datetime | None]:
    """``[start, end)`` in UTC covering the Manila days ``since`` .. ``until`` inclusive."""
    start = datetime.combine(since, time(), MANILA).astimezone(UTC) if since else None
    end = (
        datetime.combine(until + timedelta(days=1), time(), MANILA).astimezone(UTC)
        if until
        else None
    )
    return start, end


def article_query(
    since: date | None = None,
    until: date | None = None,
    subdomains: Sequence[str] | None = None,
    ids: Sequence[int] | None = None,
) -> Select[Any]:
    """The selected articles' own columns, oldest publication first."""
    table = Article.__table__
    query = select(*(table.c[name] for name in ARTICLE_FIELDS))
    if ids is not None:
        query = query.where(table.c.id.in_(list(ids)))
    start, end = manila_day_bounds(since, until)
    if start is not None:
        query = query.where(table.c.published_at >= start)
    if end is not None:
        query = query.where(table.c.published_at < end)
    if subdomains:
        query = query.where(table.c.subdomain.in_(list(subdomains)))
    return query.order_by(table.c.published_at.asc().nulls_last(), table.c.id)


def _children(conn: Connection, ids: list[int]) -> dict[int, dict[str, list[str | None]]]:
    """``article_id -> {"authors": [...], "contributors": [...], "tags": [...], ...}``."""
    lists: dict[int, dict[str, list[str | None]]] = {i: {f: [] for f in LIST_FIELDS} for i in ids}
    credits = conn.execute(
        select(ArticleAuthor.article_id, ArticleAuthor.role, Author.name)
        .join(Author, Author.id == ArticleAuthor.author_id)
        .where(ArticleAuthor.article_id.in_(ids))
        .order_by(ArticleAuthor.article_id, ArticleAuthor.role, ArticleAuthor.position)
    )
    for article_id, role, name in credits:
        lists[article_id]["authors" if role == "author" else "contributors"].append(name)
    tags = conn.execute(
        select(ArticleTag.article_id, Tag.name)
        .join(Tag, Tag.id == ArticleTag.tag_id)
        .where(ArticleTag.article_id.in_(ids))
        .order_by(ArticleTag.article_id, ArticleTag.position)
    )
    for article_id, name in tags:
        lists[article_id]["tags"].append(name)
    images = conn.execute(
        select(ArticleImage.article_id, ArticleImage.url, ArticleImage.caption, ArticleImage.credit)
        .where(ArticleImage.article_id.in_(ids))
        .order_by(ArticleImage.article_id, ArticleImage.position)
    )
    for article_id, url, caption, credit in images:
        lists[article_id]["image_urls"].append(url)
        lists[article_id]["image_captions"].append(caption)
        lists[article_id]["image_credits"].append(credit)
    return lists


def iter_articles(
    engine: Engine,
    since: date | None = None,
    until: date | None = None,
    subdomains: Sequence[str] | None = None,
    chunk: int = CHUNK,
    ids: Sequence[int] | None = None,
) -> Iterator[dict[str, Any]]:
    """Every selected article as a dict of ``FIELDS`` (datetimes aware, UTC), streamed."""
    with engine.connect() as conn:
        result = conn.execute(
            article_query(since, until, subdomains, ids),
            execution_options={"stream_results": True, "yield_per": chunk},
        )
        for rows in result.partitions():
            records = [dict(row._mapping) for row in rows]
            children = _children(conn, [record["id"] for record in records])
            for record in records:
                record.update(children[record["id"]])
                yield record


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object per line (UTF-8, lists as arrays); returns the number written."""
    count = 0
    for record in records:
        count += 1
        out.write(
            json.dumps(
                json_ready(record),
                ensure_ascii=False,
            )
            + "\n"
        )
    return count


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A header and one row per article (lists joined with "; "); returns the number written."""
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    count = 0
    for record in records:
        count += 1
        writer.writerow([csv_cell(record[name]) for name in FIELDS])
    return count


WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], TextIO], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
}


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """UTF-8 text without newline translation: stdout, or ``path`` written atomically
    (a temporary sibling renamed into place only when the export succeeded)."""
    if path is None:
        if not hasattr(sys.stdout, "buffer"):
            yield sys.stdout
            return
        sys.stdout.flush()
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            yield stream
            stream.flush()
        finally:
            stream.detach()  # leave sys.stdout usable
        return
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def export(
    engine: Engine,
    fmt: str,
    out: TextIO,
    since: date | None = None,
    until: date | None = None,
    subdomains: Sequence[str] | None = None,
) -> int:
    """Write the selected articles to ``out`` in ``fmt``; returns how many were written."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if since and until and since > until:
        raise ValueError(f"--since {since} is after --until {until}")
    return WRITERS[fmt](iter_articles(engine, since, until, subdomains), out)


def cmd_export(args: argparse.Namespace) -> int:
    if args.since and args.until and args.since > args.until:
        print(
            f"crawler export: --since {args.since} is after --until {args.until}", file=sys.stderr
        )
        return EXIT_USAGE
    subdomains = [
        s.strip() for value in args.subdomains or [] for s in value.split(",") if s.strip()
    ]
    engine = make_engine(args.database_url)
    ensure_schema(engine)
    if subdomains and not _subdomains_known(args.database_url, subdomains):
        return EXIT_USAGE
    try:
        with open_output(args.output) as out:
            count = export(engine, args.format, out, args.since, args.until, subdomains)
    except BrokenPipeError:  # `crawler export | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    print(f"exported {count} articles", file=sys.stderr)
    return EXIT_OK


def _subdomains_known(url: str, wanted: list[str]) -> bool:
    """Names that are no Inquirer subdomain stop the export (with the ones the store holds);
    a real subdomain the store has no article of is only mentioned."""
    from crawler.site import ARTICLE_SUBDOMAINS
    from crawler.store.facade import open_store

    held = dict(open_store(url).articles.counts_by_subdomain())
    unknown = [name for name in wanted if name not in ARTICLE_SUBDOMAINS and name not in held]
    if unknown:
        known = ", ".join(f"{sub} ({n})" for sub, n in held.items()) or "none: the store is empty"
        print(
            f"crawler export: no such subdomain {', '.join(map(repr, unknown))}; "
            f"subdomains in the store (articles): {known}",
            file=sys.stderr,
        )
        return False
    for name in wanted:
        if name not in held:
            print(f"crawler export: the store has no article from {name!r}", file=sys.stderr)
    return True


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("export", help="write articles as JSON Lines or CSV, streaming")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument(
        "--since",
        type=_day,
        metavar="YYYY-MM-DD",
        help="first Manila day of published_at (inclusive)",
    )
    parser.add_argument(
        "--until",
        type=_day,
        metavar="YYYY-MM-DD",
        help="last Manila day of published_at (inclusive)",
    )
    parser.add_argument(
        "--subdomain",
        dest="subdomains",
        action="append",
        metavar="NAME",
        help="only these subdomains (repeat, or comma-separate)",
    )
    parser.add_argument("--output", type=Path, metavar="FILE", help="default: stdout")
    parser.set_defaults(func=cmd_export)
