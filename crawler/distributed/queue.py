"""The shared request queue in Redis, with leases: a request popped by a worker that dies is
given back to the others, never lost.

Keys (``P`` is ``DISTRIBUTED_KEY_PREFIX``; one Redis, no cluster):

    P:queue         ZSET    request id -> score (higher Scrapy priority first, then FIFO)
    P:data          HASH    request id -> serialized request
    P:seq           STRING  request id counter
    P:dupefilter    SET     request fingerprints (scrapy-redis ``RFPDupeFilter`` format)
    P:inflight:W    ZSET    request id -> its queue score: popped by worker W, not acked yet
    P:hb:W          STRING  worker W's heartbeat; expires unless W refreshes it
    P:workers       SET     workers that may hold in-flight requests
    P:run           HASH    the current distributed run: id, args (JSON), seeded_at
    P:found:RUN     SET     canonical URLs of the article requests run RUN queued: what its
                            discovery found (kept FOUND_TTL after the last addition); its
                            member "" marks a run that records them (it may find none)

Every state change is one Lua script, so it is atomic: push (dupefilter + queue), pop
(queue -> the worker's in-flight set), ack (in-flight -> gone), requeue (a dead or closing
worker's in-flight set -> queue, bypassing the dupefilter). Bytes in, bytes out: the
Scrapy side (serialization) is ``crawler.distributed.scheduler``.
"""

from __future__ import annotations

import json
import time
from typing import Any, NamedTuple

from redis import Redis

PUSH = """
local found = false
local run = redis.call('HGET', KEYS[5], 'id')
if run then found = ARGV[5] .. run end
if found then for i = 7, #ARGV do redis.call('SREM', found, ARGV[i]) end end
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return false end
local id = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[4], id, ARGV[3])
redis.call('ZADD', KEYS[3], string.format('%.0f', -tonumber(ARGV[2]) * 4294967296 + id), id)
if found and ARGV[4] ~= '' then
  redis.call('SADD', found, ARGV[4])
  redis.call('EXPIRE', found, ARGV[6])
end
return id
"""
FOUND_TTL = 30 * 86400  # seconds a run's found set outlives its last addition
POP = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return false end
redis.call('ZADD', KEYS[2], popped[2], popped[1])
redis.call('SADD', KEYS[5], ARGV[1])
return {popped[1], redis.call('HGET', KEYS[3], popped[1]), redis.call('HGET', KEYS[4], 'id')}
"""
ACK = """
local acked = 0
for _, id in ipairs(ARGV) do
  if redis.call('ZREM', KEYS[1], id) == 1 then
    redis.call('HDEL', KEYS[2], id); acked = acked + 1
  end
end
return acked
"""
REQUEUE = """
if ARGV[2] ~= '1' and redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #entries, 2 do redis.call('ZADD', KEYS[2], entries[i + 1], entries[i]) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
if ARGV[2] == '1' then redis.call('DEL', KEYS[4]) end
return #entries / 2
"""
PENDING = """
local inflight = 0
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  inflight = inflight + redis.call('ZCARD', ARGV[1] .. worker)
end
return {redis.call('ZCARD', KEYS[1]), inflight}
"""


class Popped(NamedTuple):
    id: str
    data: bytes | None  # None only if the queue was tampered with
    run_id: str | None


class RequestQueue:
    """One deployment's shared queue, dupefilter, in-flight sets and run record."""

    def __init__(self, server: Redis, prefix: str) -> None:
        self.server, self.prefix = server, prefix
        self.queue_key, self.data_key = f"{prefix}:queue", f"{prefix}:data"
        self.seq_key, self.dupefilter_key = f"{prefix}:seq", f"{prefix}:dupefilter"
        self.workers_key, self.run_key = f"{prefix}:workers", f"{prefix}:run"
        self._push, self._pop = server.register_script(PUSH), server.register_script(POP)
        self._ack, self._requeue = server.register_script(ACK), server.register_script(REQUEUE)
        self._pending = server.register_script(PENDING)

    def inflight_key(self, worker: str) -> str:
        return f"{self.prefix}:inflight:{worker}"

    def heartbeat_key(self, worker: str) -> str:
        return f"{self.prefix}:hb:{worker}"

    # --- requests ------------------------------------------------------------
    def found_key(self, run_id: str) -> str:
        return f"{self.prefix}:found:{run_id}"

    def push(
        self,
        data: bytes,
        priority: int = 0,
        fingerprint: str | None = None,
        found: tuple[str | None, list[str]] = (None, []),
    ) -> bool:
        """Queue ``data``; with a ``fingerprint`` only if the dupefilter has not seen it
        (both in one step). ``False``: a duplicate, not queued. ``found``: the article URL
        this request fetches, added to the current run's found set when queued, and the
        URLs it replaces there (``codec.found_article``)."""
        keys = [self.dupefilter_key, self.seq_key, self.queue_key, self.data_key, self.run_key]
        url, replaces = found
        args = [fingerprint or "", int(priority), data, url or "", f"{self.prefix}:found:"]
        return self._push(keys=keys, args=[*args, FOUND_TTL, *replaces]) is not None

    def found(self, run_id: str) -> set[str] | None:
        """The canonical article URLs run ``run_id`` queued (maybe none); None if Redis has
        no record of the run (another prefix, or its record expired)."""
        members = self.server.smembers(self.found_key(run_id))
        return {m.decode() for m in members} - {""} if members else None

    def pop(self, worker: str) -> Popped | None:
        """The next request, moved into ``worker``'s in-flight set in the same step."""
        keys = [
            self.queue_key,
            self.inflight_key(worker),
            self.data_key,
            self.run_key,
            self.workers_key,
        ]
        found = self._pop(keys=keys, args=[worker])
        if not found:
            return None
        run_id = found[2].decode() if found[2] else None
        return Popped(found[0].decode(), found[1], run_id)

    def ack(self, worker: str, ids: list[str]) -> int:
        """Forget finished requests; an id another worker now holds (it was requeued
        because ``worker`` looked dead) is left alone. Returns how many were acked."""
        if not ids:
            return 0
        return int(self._ack(keys=[self.inflight_key(worker), self.data_key], args=ids))

    # --- workers -------------------------------------------------------------
    def heartbeat(self, worker: str, ttl: float) -> None:
        """``worker`` is alive for ``ttl`` more seconds."""
        with self.server.pipeline() as pipe:
            pipe.set(self.heartbeat_key(worker), f"{time.time():.3f}", px=max(1, int(ttl * 1000)))
            pipe.sadd(self.workers_key, worker)
            pipe.execute()

    def release(self, worker: str) -> int:
        """A closing worker gives back whatever it still holds and leaves the worker set."""
        return self._requeue_of(worker, force=True)

    def reap(self) -> dict[str, int]:
        """Requeue the in-flight requests of every worker whose heartbeat expired:
        ``{worker: requests requeued}``."""
        reaped = {}
        for raw in self.server.smembers(self.workers_key):
            worker = raw.decode()
            count = self._requeue_of(worker, force=False)
            if count >= 0:
                reaped[worker] = count
        return reaped

    def _requeue_of(self, worker: str, force: bool) -> int:
        keys = [
            self.inflight_key(worker),
            self.queue_key,
            self.workers_key,
            self.heartbeat_key(worker),
        ]
        return int(self._requeue(keys=keys, args=[worker, "1" if force else "0"]))

    def workers(self) -> dict[str, int]:
        """Known workers and how many requests each holds."""
        names = sorted(w.decode() for w in self.server.smembers(self.workers_key))
        with self.server.pipeline(transaction=False) as pipe:
            for worker in names:
                pipe.zcard(self.inflight_key(worker))
            return dict(zip(names, (int(n) for n in pipe.execute()), strict=True))

    # --- state ---------------------------------------------------------------
    def queued(self) -> int:
        return int(self.server.zcard(self.queue_key))

    def pending(self) -> tuple[int, int]:
        """``(queued, in flight in any worker, dead or alive)``, read in one step."""
        queued, inflight = self._pending(
            keys=[self.queue_key, self.workers_key], args=[f"{self.prefix}:inflight:"]
        )
        return int(queued), int(inflight)

    def run(self) -> dict[str, Any] | None:
        """The current run: ``{"id", "args", "seeded_at"}``, or None before any seeding."""
        found = self.server.hgetall(self.run_key)
        if not found:
            return None
        values = {k.decode(): v.decode() for k, v in found.items()}
        return {
            "id": values["id"],
            "args": json.loads(values.get("args", "{}")),
            "seeded_at": values.get("seeded_at"),
        }

    def start_run(self, run_id: str, args: dict[str, str]) -> None:
        """A new run: its id and spider arguments; the dupefilter starts empty."""
        with self.server.pipeline() as pipe:
            pipe.delete(self.dupefilter_key, self.run_key)
            pipe.sadd(self.found_key(run_id), "")  # the run records what it finds
            pipe.expire(self.found_key(run_id), FOUND_TTL)
            pipe.hset(
                self.run_key,
                mapping={
                    "id": run_id,
                    "args": json.dumps(args, sort_keys=True),
                    "seeded_at": f"{time.time():.3f}",
                },
            )
            pipe.execute()

    def reset(self) -> int:
        """Delete every key of this prefix (queue, in-flight sets, dupefilter, run)."""
        keys = list(self.server.scan_iter(match=f"{self.prefix}:*", count=1000))
        return int(self.server.delete(*keys)) if keys else 0
