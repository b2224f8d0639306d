"""When a popped request may leave the worker's in-flight set (no Scrapy, no Redis).

A request is *done* when the engine has finished with it: its callback (or errback) ran,
every request it yielded is in the shared queue and every item it yielded went through the
item pipelines. That is not yet safe for articles: ``StoreArticlePipeline`` writes items in
batches, so an item can sit in memory after its request is done. A done request that
produced an item is therefore acked only after the next store flush (every flush writes all
that was pending); a done request without items (index pages, skipped or rejected articles,
failures, retries and redirects, which are queued again as new requests) is acked at once.

If the worker dies in between, the request is still in its in-flight set and another worker
crawls it again: at worst a page is fetched twice, and the upsert is idempotent.

A flush during a database outage is not a write: the batch went to this machine's local
spool (crawler/store/outage.py), which another worker cannot see and a lost machine takes with
it. Such a flush (``durable=False``) acks nothing; the requests wait until a flush that
wrote the spool too, or, if the worker stops first, go back to the queue with its other
unfinished requests.
"""

from __future__ import annotations

from collections.abc import Callable


class AckLedger:
    def __init__(self, ack: Callable[[list[str]], object]) -> None:
        self._ack = ack
        self._with_items: set[str] = set()  # tokens whose items passed the pipelines
        self._waiting: list[str] = []  # done, their items not yet known to be written
        self.durable = True  # the last flush wrote to the database (not only to the spool)

    def item_passed(self, token: str) -> None:
        """An item of request ``token`` went through every pipeline (maybe only buffered)."""
        self._with_items.add(token)

    def done(self, token: str) -> None:
        """The engine has finished with request ``token``."""
        if token in self._with_items:
            self._with_items.discard(token)
            self._waiting.append(token)
        else:
            self._ack([token])

    def flushed(self, durable: bool = True) -> None:
        """The store flushed what was pending: if it was written (``durable``), the waiting
        requests are safe; if it was only spooled locally, they keep waiting."""
        self.durable = durable
        if not durable:
            return
        waiting, self._waiting = self._waiting, []
        if waiting:
            self._ack(waiting)

    @property
    def waiting(self) -> int:
        return len(self._waiting)
