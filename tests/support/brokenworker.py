"""A deliberately broken distributed worker, for the tests that prove a run's check catches
lost articles: it acks some article requests it pops and never crawls them."""

from __future__ import annotations

from typing import Any

from crawler.distributed.codec import TOKEN
from crawler.distributed.scheduler import DistributedScheduler

DROP_EVERY = 50  # every 50th article request popped is dropped


class LeaseDroppingScheduler(DistributedScheduler):
    """``-s SCHEDULER=tests.support.brokenworker.LeaseDroppingScheduler``: drops its leases on
    every ``DROP_EVERY``-th article request (acked: gone from Redis, never fetched)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._articles = 0

    def next_request(self) -> Any:
        request = super().next_request()
        if request is None or not request.meta.get("article"):
            return request
        self._articles += 1
        if self._articles % DROP_EVERY:
            return request
        self._ack([request.meta[TOKEN]])
        self.stats.inc_value("broken/dropped")
        return None
