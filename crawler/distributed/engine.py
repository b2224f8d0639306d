"""The two Scrapy engine internals a worker needs, in one place.

Scrapy has no signal for "the engine is done with a request" (its callback or errback ran,
the requests it yielded are scheduled, its items went through the pipelines, or a retry or
redirect was scheduled in its place): the engine slot's ``remove_request`` is that moment,
so it is wrapped. And an idle engine asks its scheduler for requests only every 5 s: the
slot's ``nextcall.schedule`` wakes it up sooner. Both are checked when a worker starts
(Scrapy 2.13+), and tests/unit/test_scrapy_internals.py reads Scrapy's engine source for them, so a
Scrapy upgrade that moves them fails loudly, not silently. The public signals do not do:
``request_left_downloader`` fires before the callback runs and its items are stored, and an
acknowledged request must be finished, or a dead worker's items would be lost.
"""

from __future__ import annotations

from collections.abc import Callable

from scrapy import Request
from scrapy.crawler import Crawler


def hook_engine(crawler: Crawler, done: Callable[[Request], object]) -> Callable[[], None]:
    """Call ``done(request)`` whenever the engine finishes a request; return the function
    that wakes the engine up."""
    slot = getattr(crawler.engine, "_slot", None)
    finished = getattr(slot, "remove_request", None)
    wake = getattr(getattr(slot, "nextcall", None), "schedule", None)
    if finished is None or wake is None:
        raise RuntimeError(
            "the distributed scheduler needs ExecutionEngine._slot.remove_request "
            "and ._slot.nextcall (Scrapy 2.13+); this Scrapy version lacks them"
        )

    def remove_request(request: Request) -> None:
        try:
            done(request)
        finally:
            finished(request)  # the engine's own bookkeeping, whatever happened above

    slot.remove_request = remove_request  # type: ignore[union-attr]
    return wake
