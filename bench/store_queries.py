"""Latency of every docs/queries.md query (SQLite) over a store of N synthetic articles."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.queries_doc import QUERIES_MD, parse_queries
from bench.store_bench import connect, fresh_store, insert_raw, raw_rows
from bench.store_data import ArticleFactory
from crawler.store.engine import make_engine


def bench_queries(count: int, runs: int, workdir: Path) -> dict[str, Any]:
    path = fresh_store(workdir, "queries")
    factory, chunk = ArticleFactory(seed=11), 5000
    names: dict[str, dict[str, int]] = {"authors": {}, "tags": {}}  # ids shared across batches
    conn = connect(path)
    for start in range(0, count, chunk):
        batch = list(factory.items(min(chunk, count - start), start))
        insert_raw(conn, raw_rows(batch, start + 1, children=True, names=names))
    conn.close()
    engine = make_engine(f"sqlite:///{path}")
    results: dict[str, Any] = {}
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        for title, sql in parse_queries(QUERIES_MD.read_text(encoding="utf-8")).items():
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                connection.execute(text(sql["sqlite"])).all()
                timings.append((time.perf_counter() - started) * 1000)
            results[title] = {
                "median_ms": round(statistics.median(timings), 2),
                "max_ms": round(max(timings), 2),
            }
    engine.dispose()
    return {"articles": count, "runs": runs, "queries": results}
