"""Store benchmark: repository upserts vs a raw executemany, and FTS5 query latency (SQLite).

    python -m bench.store_bench [--articles 50000] [--batch-sizes 50,500] [--rounds 3]
                                [--fts-articles 100000] [--runs 30] [--workdir DIR]

(a) The same generated articles are written, side by side in one run, into fresh
migrated SQLite files: through ``ArticleRepository.upsert_articles`` in batches, and
by a raw ``sqlite3`` ``executemany`` of the article rows alone and of the article rows
plus every child row the repository writes (authors, tags, links, images). Rows for
the raw paths are prepared before the clock starts; all paths commit per batch. The
paths run interleaved, ``--rounds`` times; the median round is reported.
(b) ``--fts-articles`` articles are stored with the raw path, then each FTS5 query
is run ``--runs`` times (after one warm-up): median and p95 latency.
Prints a Markdown table; writes bench/results/store.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.store_data import ArticleFactory
from crawler.items import ArticleItem
from crawler.store.engine import make_engine, make_session_factory, upgrade_database
from crawler.store.repository import ArticleRepository, slugify

RESULTS = Path(__file__).resolve().parent / "results"
FTS_SQL = (
    "SELECT a.id, a.title, a.published_at FROM articles_fts "
    "JOIN articles a ON a.id = articles_fts.rowid "
    "WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20"
)
FTS_QUERIES = (
    "typhoon",
    "typhoon AND classrooms",
    '"state of calamity"',
    "educat*",
    "title : typhoon",
)
ARTICLE_COLUMNS = (
    "id",
    "site",
    "subdomain",
    "site_article_id",
    "canonical_url",
    "url",
    "section",
    "column_name",
    "page_type",
    "title",
    "subtitle",
    "body",
    "language",
    "agency",
    "dateline",
    "published_at",
    "updated_at",
    "published_at_raw",
    "updated_at_raw",
    "word_count",
    "content_hash",
    "extraction_method",
    "http_etag",
    "http_last_modified",
    "first_seen_at",
    "last_fetched_at",
    "last_changed_at",
    "version",
)


def fresh_store(workdir: Path, name: str) -> Path:
    path = workdir / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    upgrade_database(f"sqlite:///{path}")
    return path


def _ts(value: datetime | None) -> str | None:
    """The text SQLAlchemy stores for a UTC datetime on SQLite."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if value else None


def raw_rows(
    items: Sequence[ArticleItem],
    first_id: int,
    children: bool,
    names: dict[str, dict[str, int]] | None = None,
) -> dict[str, list[tuple]]:
    """The rows the repository would write for ``items`` into a fresh store, as tuples;
    ``names`` (slug -> id per table) carries the authors and tags of earlier batches."""
    now = _ts(datetime.now(UTC))
    rows: dict[str, list[tuple]] = {
        "articles": [],
        "authors": [],
        "tags": [],
        "article_authors": [],
        "article_tags": [],
        "article_images": [],
    }
    names = names if names is not None else {"authors": {}, "tags": {}}

    def name_id(table: str, name: str) -> int:
        slug = slugify(name)
        if slug not in names[table]:
            names[table][slug] = len(names[table]) + 1
            rows[table].append((names[table][slug], name, slug))
        return names[table][slug]

    for article_id, item in enumerate(items, start=first_id):
        rows["articles"].append(
            (
                article_id,
                item.site,
                item.subdomain,
                item.site_article_id,
                item.canonical_url,
                item.url,
                item.section,
                item.column,
                item.page_type,
                item.title,
                item.subtitle,
                item.body,
                item.language,
                item.agency,
                item.dateline,
                _ts(item.published_at),
                _ts(item.updated_at),
                item.published_at_raw,
                item.updated_at_raw,
                item.word_count,
                item.content_hash,
                item.extraction_method,
                None,
                None,
                now,
                now,
                now,
                1,
            )
        )
        if not children:
            continue
        for role, people in (("author", item.authors), ("contributor", item.contributors)):
            for position, name in enumerate(people, start=1):
                rows["article_authors"].append(
                    (article_id, role, position, name_id("authors", name))
                )
        seen: set[int] = set()
        for position, name in enumerate(item.tags, start=1):
            if (tag_id := name_id("tags", name)) not in seen:
                seen.add(tag_id)
                rows["article_tags"].append((article_id, position, tag_id))
        for position, image in enumerate(item.images, start=1):
            rows["article_images"].append(
                (article_id, position, image.url, image.caption, image.credit)
            )
    return rows


def connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas ``make_engine`` sets."""
    conn = sqlite3.connect(path, timeout=30)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def insert_raw(conn: sqlite3.Connection, rows: dict[str, list[tuple]]) -> None:
    for table, table_rows in rows.items():
        if table_rows:
            marks = ", ".join("?" * len(table_rows[0]))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", table_rows)
    conn.commit()


def _batches(items: Sequence[ArticleItem], size: int) -> list[Sequence[ArticleItem]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def bench_raw(
    items: Sequence[ArticleItem], batch_size: int, workdir: Path, children: bool
) -> float:
    """Seconds to executemany every batch (rows prepared beforehand), one commit per batch."""
    conn = connect(fresh_store(workdir, f"raw_{children}"))
    names: dict[str, dict[str, int]] = {"authors": {}, "tags": {}}
    prepared = [
        raw_rows(batch, 1 + i * batch_size, children, names)
        for i, batch in enumerate(_batches(items, batch_size))
    ]
    start = time.perf_counter()
    for rows in prepared:
        insert_raw(conn, rows)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def bench_repository(items: Sequence[ArticleItem], batch_size: int, workdir: Path) -> float:
    engine = make_engine(f"sqlite:///{fresh_store(workdir, f'repo_{batch_size}')}")
    repo = ArticleRepository(make_session_factory(engine))
    batches = _batches(items, batch_size)
    start = time.perf_counter()
    for batch in batches:
        results = repo.upsert_articles(batch)
        assert all(r.outcome == "new" for r in results), results[0]
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def bench_upserts(
    count: int, batch_sizes: Sequence[int], rounds: int, workdir: Path
) -> dict[str, Any]:
    """Every path ``rounds`` times, interleaved so that machine noise hits all alike."""
    items = list(ArticleFactory().items(count))
    paths = {
        size: {
            f"raw executemany, articles only (batch {size})": lambda s=size: bench_raw(
                items, s, workdir, children=False
            ),
            f"raw executemany, articles + child rows (batch {size})": lambda s=size: bench_raw(
                items, s, workdir, children=True
            ),
            f"ArticleRepository.upsert_articles (batch {size})": lambda s=size: bench_repository(
                items, s, workdir
            ),
        }
        for size in batch_sizes
    }
    seconds: dict[str, list[float]] = {name: [] for group in paths.values() for name in group}
    for _ in range(rounds):
        for group in paths.values():
            for name, run in group.items():
                seconds[name].append(run())
    rows: dict[str, dict[str, Any]] = {}
    for size, group in paths.items():
        for name in group:
            median = statistics.median(seconds[name])
            rows[name] = {
                "batch": size,
                "seconds": median,
                "rounds": seconds[name],
                "articles_per_s": count / median,
            }
        repo = rows[f"ArticleRepository.upsert_articles (batch {size})"]["seconds"]
        for name in list(group)[:2]:
            rows[name]["repository_slowdown"] = repo / rows[name]["seconds"]
    return {"articles": count, "rounds": rounds, "paths": rows}


def bench_fts(count: int, runs: int, workdir: Path) -> dict[str, Any]:
    path = fresh_store(workdir, "fts")
    conn = connect(path)
    factory, chunk = ArticleFactory(seed=7), 5000
    for start in range(0, count, chunk):
        batch = list(factory.items(min(chunk, count - start), start))
        insert_raw(conn, raw_rows(batch, start + 1, children=False))
    conn.close()
    conn = connect(path)  # a cold connection, as a user's would be
    results: dict[str, Any] = {}
    for query in FTS_QUERIES:
        hits = len(conn.execute(FTS_SQL.replace("LIMIT 20", ""), (query,)).fetchall())
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            conn.execute(FTS_SQL, (query,)).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        results[query] = {
            "matches": hits,
            "median_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "runs": runs,
        }
    conn.close()
    return {
        "articles": count,
        "sql": FTS_SQL,
        "queries": results,
        "median_of_medians_ms": statistics.median(r["median_ms"] for r in results.values()),
    }


def to_markdown(report: dict[str, Any]) -> str:
    up = report["upserts"]
    lines = [
        f"Upserting {up['articles']:,} articles into a fresh SQLite file "
        f"(median of {up['rounds']} rounds):",
        "",
        "| path | seconds | articles/s | repository / this |",
        "|---|---:|---:|---:|",
    ]
    for name, row in up["paths"].items():
        ratio = f"{row['repository_slowdown']:.2f}x" if "repository_slowdown" in row else ""
        lines.append(f"| {name} | {row['seconds']:.1f} | {row['articles_per_s']:,.0f} | {ratio} |")
    fts = report["fts"]
    lines += [
        "",
        f"FTS5 over {fts['articles']:,} articles (`ORDER BY rank LIMIT 20`):",
        "",
        "| MATCH | matches | median ms | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    for query, row in fts["queries"].items():
        lines.append(
            f"| `{query}` | {row['matches']:,} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--batch-sizes", default="50,500")
    parser.add_argument("--fts-articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="upsert rounds (median reported)")
    parser.add_argument("--runs", type=int, default=30, help="runs of each FTS query")
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary directory")
    parser.add_argument("--output", type=Path, default=RESULTS / "store.json")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.batch_sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        report = {
            "environment": {
                "python": platform.python_version(),
                "sqlite": sqlite3.sqlite_version,
                "machine": platform.machine(),
                "system": platform.platform(),
                "cpus": os.cpu_count(),
                "load_average_at_start": os.getloadavg(),
            },
            "upserts": bench_upserts(args.articles, sizes, args.rounds, workdir),
            "fts": bench_fts(args.fts_articles, args.runs, workdir),
        }
    report["environment"]["load_average_at_end"] = os.getloadavg()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(to_markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
