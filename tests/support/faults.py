"""Helpers for the fault-injection tests: the replay window's articles, canned faults, and
what a run stored and recorded (so every test can count: asked = stored + reported)."""

from __future__ import annotations

import zlib
from typing import Any

from replay.corpus import ReplayPage
from replay.site import Reply
from tests.support.crawling import rows

# Retries that wait tenths of seconds, not the production seconds.
FAST_RETRY = ["-s", "RETRY_BACKOFF_BASE=0.1", "-s", "RETRY_BACKOFF_MAX=0.3"]


def window_articles(replay: Any, days: int = 10) -> list[ReplayPage]:
    """The article pages a backfill of the replay's last ``days`` days asks for."""
    return sorted(replay.site.indexed_between(*replay.site.window(days)), key=lambda p: p.url)


def url_of(page: ReplayPage) -> str:
    return page.url.rstrip("/")


def page_reply(
    page: ReplayPage, content_type: str | None = None, body: bytes | None = None, **fault: Any
) -> Reply:
    """The page as the site serves it, with a fault (``delay=``, ``fault=``) or changes."""
    return Reply(
        200,
        {"Content-Type": content_type or page.content_type},
        page.body if body is None else body,
        **fault,
    )


def gzip_bomb(decompressed: int) -> bytes:
    """``decompressed`` zero bytes gzip-compressed (about 1000:1), made in 1 MiB steps."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
    chunk, parts = b"\0" * (1 << 20), []
    for _ in range(decompressed >> 20):
        parts.append(packer.compress(chunk))
    parts.append(packer.flush())
    return b"".join(parts)


def last_run(database_url: str) -> Any:
    return rows(database_url, "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1")[0]


def stored_urls(database_url: str) -> list[str]:
    return [r.canonical_url for r in rows(database_url, "SELECT canonical_url FROM articles")]


def failures(database_url: str, run_id: int | None = None) -> dict[str, tuple[str, str]]:
    """``url -> (stage, reason)`` recorded in crawl_failures (one run, or all)."""
    where = "" if run_id is None else " WHERE run_id = :run"
    found = rows(database_url, "SELECT url, stage, reason FROM crawl_failures" + where, run=run_id)
    return {r.url.rstrip("/"): (r.stage, r.reason) for r in found}


def assert_accounted(asked: set[str], stored: list[str], failed: dict[str, Any]) -> None:
    """Every URL asked for is stored exactly once or reported, never both, never neither."""
    assert len(stored) == len(set(stored)), "an article is stored twice"
    lost = asked - set(stored) - set(failed)
    assert not lost, f"neither stored nor reported: {sorted(lost)}"
    both = set(stored) & set(failed)
    assert not both, f"stored and reported as failed: {sorted(both)}"


def run_stats(run: Any) -> dict[str, Any]:
    """A crawl_runs row's stats (JSON text on SQLite, already a dict on PostgreSQL)."""
    import json

    return json.loads(run.stats) if isinstance(run.stats, str) else dict(run.stats)
