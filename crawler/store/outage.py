"""Writing through a database that may go away: retry with backoff, spool meanwhile.

``StoreArticlePipeline`` hands each batch to :meth:`OutageTolerantWriter.write`. While the
database answers, a batch is written at once (after any spooled backlog, so the order of
versions is kept). When the repository raises ``StoreUnavailable`` (down, unreachable,
locked past the busy timeout, full), the batch goes to the on-disk spool
(:mod:`crawler.store.spool`) at once, so nothing waits in memory, and the next try is due after
a backoff (1 s, doubled up to ``STORE_RETRY_BACKOFF_MAX``). Batches arriving meanwhile are
spooled too. The first try after the backoff writes the whole spool, then the batch. At
close, :meth:`finish` keeps trying for ``STORE_OUTAGE_WAIT`` seconds; what is still spooled
then is reported (the run fails) and written by the next run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from crawler.items import ArticleItem
from crawler.store.errors import StoreUnavailable
from crawler.store.repository import UpsertResult
from crawler.store.spool import Entry, Spool

log = logging.getLogger(__name__)
Upsert = Callable[[Sequence[ArticleItem], Sequence[dict[str, str]]], list[UpsertResult]]


class OutageTolerantWriter:
    def __init__(
        self,
        upsert: Upsert,
        spool: Spool,
        batch_size: int = 50,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.upsert, self.spool, self.batch_size = upsert, spool, max(1, batch_size)
        self.backoff_base, self.backoff_max = backoff_base, backoff_max
        self.clock, self.sleep = clock, sleep
        self.outage_since: float | None = None
        self.retry_at = 0.0
        self.backoff = backoff_base
        self.spooled = 0  # entries spooled by this process, ever
        self.outage_wait = 120.0  # seconds close() keeps trying (STORE_OUTAGE_WAIT)
        self.last_error = ""

    @property
    def durable(self) -> bool:
        """Everything handed to this writer is in the database (none of it only spooled)."""
        return self.outage_since is None

    @property
    def retry_due(self) -> bool:
        return self.outage_since is not None and self.clock() >= self.retry_at

    def write(self, batch: list[Entry], stats: Any = None) -> list[UpsertResult]:
        """Write the spooled backlog and ``batch``; the results of what was written. During
        an outage (or when the database fails now) ``batch`` is spooled instead."""
        before = self.spooled
        try:
            return self._write(batch)
        finally:
            if stats is not None and self.spooled > before:
                stats.inc_value("store/spooled", self.spooled - before)

    def _write(self, batch: list[Entry]) -> list[UpsertResult]:
        if self.outage_since is not None and self.clock() < self.retry_at:
            self._spool(batch)
            return []
        results: list[UpsertResult] = []
        try:
            results += self.drain()
            if batch:
                results += self._upsert(batch)
        except StoreUnavailable as exc:
            self._spool(batch)
            self._went_wrong(exc)
            return results
        self._recovered()
        return results

    def _recovered(self) -> None:
        if self.outage_since is not None:
            log.warning(
                "store is back after %.0f s: spooled articles written",
                self.clock() - self.outage_since,
            )
            self.outage_since, self.backoff = None, self.backoff_base

    def drain(self) -> list[UpsertResult]:
        """Write every spool file of this database that no live process holds; raises
        ``StoreUnavailable`` (what was not written stays spooled)."""
        results: list[UpsertResult] = []
        for path in self.spool.files():
            with self.spool.claim(path) as claim:
                if claim is None or not claim.entries:
                    continue
                done = 0
                try:
                    while done < len(claim.entries):
                        chunk = claim.entries[done : done + self.batch_size]
                        results += self._upsert(chunk)
                        done += len(chunk)
                except StoreUnavailable:
                    claim.keep(claim.entries[done:])
                    raise
                log.info("wrote %d spooled articles from %s", len(claim.entries), path)
        return results

    def drain_leftovers(self) -> list[UpsertResult]:
        """At the start of a run: write what earlier runs left spooled, if the store can."""
        try:
            return self.drain()
        except StoreUnavailable as exc:
            self._went_wrong(exc)
            return []

    def close(self, stats: Any) -> list[UpsertResult]:
        """At close: :meth:`finish`, then say loudly what is left (``store/unwritten``)."""
        results, unwritten = self.finish(self.outage_wait)
        self.spool.close()
        if unwritten:
            count = sum(unwritten.values())
            stats.set_value("store/unwritten", count)
            log.error(
                "%d articles could not be stored: the database stayed unavailable (%s). "
                "They are kept in %s and the next run writes them first.",
                count,
                self.last_error,
                ", ".join(str(path) for path in unwritten),
            )
        return results

    def finish(self, wait_seconds: float) -> tuple[list[UpsertResult], dict[Path, int]]:
        """At close: keep trying to write the spool for ``wait_seconds``; return the results
        and what is left unwritten (spool file -> entries)."""
        deadline = self.clock() + wait_seconds
        results: list[UpsertResult] = []
        while True:
            try:
                results += self.drain()
                self._recovered()
                break
            except StoreUnavailable as exc:
                self._went_wrong(exc)
                if self.clock() >= deadline:
                    break
                self.sleep(max(0.0, min(self.retry_at, deadline) - self.clock()))
        return results, self.spool.unwritten()

    def _upsert(self, entries: list[Entry]) -> list[UpsertResult]:
        return self.upsert([item for item, _ in entries], [http for _, http in entries])

    def _spool(self, batch: list[Entry]) -> None:
        if batch:
            self.spool.append(batch)
            self.spooled += len(batch)

    def _went_wrong(self, exc: StoreUnavailable) -> None:
        now = self.clock()
        self.last_error = str(exc)
        if self.outage_since is None:
            self.outage_since = now
            log.warning(
                "store unavailable (%s): articles are spooled to %s until it is back",
                exc,
                self.spool.path,
            )
        else:
            log.warning(
                "store still unavailable after %.0f s (%s); %d articles spooled so far",
                now - self.outage_since,
                exc,
                self.spooled,
            )
        self.retry_at = now + self.backoff
        self.backoff = min(self.backoff_max, self.backoff * 2)


def outage_writer(
    settings: Any, store: Any, batch_size: int, run_id: Callable[[], int | None] = lambda: None
) -> OutageTolerantWriter:
    """The writer of a crawl: its spool under ``STORE_SPOOL_DIR`` (default ``data/spool``);
    what it writes is tied to the crawl run ``run_id()`` names at the time of writing."""
    from settings.environment import PROJECT_ROOT

    def upsert(items: Any, http: Any) -> list[UpsertResult]:
        return store.articles.upsert_articles(items, http, run_id=run_id())

    directory = Path(settings.get("STORE_SPOOL_DIR") or PROJECT_ROOT / "data" / "spool")
    writer = OutageTolerantWriter(
        upsert,
        Spool(directory, settings["DATABASE_URL"]),
        batch_size,
        backoff_max=settings.getfloat("STORE_RETRY_BACKOFF_MAX", 60.0),
    )
    writer.outage_wait = settings.getfloat("STORE_OUTAGE_WAIT", 120.0)
    return writer
