"""When a worker may stop: the shared queue and every worker's in-flight set (dead workers'
too, until they are reaped) have been empty for ``DISTRIBUTED_IDLE_SECONDS``.

Nothing is ever outside both: a request's children are queued before the request is acked,
so "queue empty and nothing in flight" means the distributed run has no work left, not
that this worker happens to have none.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class IdleClock:
    """Tracks how long the shared state has looked empty, as seen by one worker."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._empty_since: float | None = None

    def observe(self, queued: int, inflight: int) -> bool:
        """Record one look at the shared state; ``True`` once it has been empty for long enough."""
        if queued or inflight:
            self._empty_since = None
            return False
        now = self._clock()
        if self._empty_since is None:
            self._empty_since = now
        return now - self._empty_since >= self.seconds

    @property
    def empty_for(self) -> float:
        return 0.0 if self._empty_since is None else self._clock() - self._empty_since
