"""RequestQueue on a real Redis: leases, acks, reaping, the dupefilter step, concurrency."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator

import pytest
import redis

from crawler.distributed.queue import RequestQueue
from tests.support.waiting import wait_until

pytestmark = pytest.mark.redis


@pytest.fixture
def queue(redis_url: str, redis_prefix: str) -> Iterator[RequestQueue]:
    server = redis.Redis.from_url(redis_url)
    yield RequestQueue(server, redis_prefix)
    server.close()


def test_higher_priority_first_then_first_in_first_out(queue: RequestQueue) -> None:
    for data, priority in ((b"a0", 0), (b"b5", 5), (b"c0", 0), (b"d10", 10), (b"e-1", -1)):
        assert queue.push(data, priority)
    popped = [queue.pop("w").data for _ in range(5)]
    assert popped == [b"d10", b"b5", b"a0", b"c0", b"e-1"]
    assert queue.pop("w") is None


def test_the_dupefilter_and_the_push_are_one_step(queue: RequestQueue) -> None:
    assert queue.push(b"x", 0, "fp-1")
    assert not queue.push(b"x again", 0, "fp-1")  # seen: not queued
    assert queue.push(b"no fingerprint", 0, None)  # dont_filter requests bypass it
    assert queue.push(b"no fingerprint", 0, None)
    assert queue.pending() == (3, 0)


def test_pop_leases_to_the_worker_and_ack_forgets(queue: RequestQueue) -> None:
    queue.push(b"x", 0, "fp")
    popped = queue.pop("w1")
    assert popped is not None and popped.data == b"x"
    assert queue.pending() == (0, 1) and queue.workers() == {"w1": 1}
    assert queue.ack("w2", [popped.id]) == 0  # not w2's to ack
    assert queue.ack("w1", [popped.id]) == 1
    assert queue.ack("w1", [popped.id]) == 0  # idempotent
    assert queue.pending() == (0, 0)
    assert queue.server.hlen(queue.data_key) == 0  # the request's bytes are gone too


def test_a_dead_workers_requests_are_requeued_with_their_priority(queue: RequestQueue) -> None:
    queue.push(b"low", 0)
    queue.push(b"high", 9)
    queue.heartbeat("dead", ttl=30)
    queue.heartbeat("alive", ttl=30)
    first, second = queue.pop("dead"), queue.pop("alive")
    assert (first.data, second.data) == (b"high", b"low")
    assert queue.reap() == {}  # both still beating
    queue.heartbeat("dead", ttl=0.2)  # its last beat
    left = queue.server.pttl(queue.heartbeat_key("dead"))
    assert 0 < left <= 200 or left == -2  # at most 0.2 s left, or already gone (-1: no TTL)
    wait_until(
        lambda: not queue.server.exists(queue.heartbeat_key("dead")),
        what="the dead worker's 0.2 s heartbeat to expire in Redis",
        timeout=30,
    )
    assert queue.reap() == {"dead": 1}
    assert queue.workers() == {"alive": 1}
    queue.push(b"newer, same priority", 9)
    again = queue.pop("alive")
    assert again.data == b"high" and again.id == first.id  # its old place, ahead of newer ones
    assert queue.ack("dead", [first.id]) == 0  # a late ack of the dead worker changes nothing
    assert queue.pending() == (1, 2)


def test_a_worker_that_never_beat_is_reaped(queue: RequestQueue) -> None:
    queue.push(b"x")
    queue.pop("ghost")  # popped, then died before its first heartbeat
    assert queue.reap() == {"ghost": 1}
    assert queue.pending() == (1, 0)


def test_release_gives_everything_back_and_leaves(queue: RequestQueue) -> None:
    for n in range(3):
        queue.push(f"r{n}".encode())
    queue.heartbeat("w", ttl=30)
    held = [queue.pop("w") for _ in range(3)]
    queue.ack("w", [held[0].id])
    assert queue.release("w") == 2
    assert queue.pending() == (2, 0) and queue.workers() == {}
    assert not queue.server.exists(queue.heartbeat_key("w"))


def test_runs_reset_and_the_dupefilter(queue: RequestQueue) -> None:
    assert queue.run() is None
    queue.push(b"x", 0, "fp")
    queue.start_run("run-1", {"mode": "backfill", "since": "2026-11-01"})
    run = queue.run()
    assert run is not None and (run["id"], run["args"]) == (
        "run-1",
        {"mode": "backfill", "since": "2026-11-01"},
    )
    assert queue.push(b"x", 0, "fp")  # a new run starts with an empty dupefilter
    assert queue.pop("w").run_id == "run-1"
    assert queue.reset() > 0
    assert queue.pending() == (0, 0) and queue.run() is None


def test_concurrent_workers_pop_each_request_exactly_once(
    queue: RequestQueue, redis_url: str
) -> None:
    total = 600
    for n in range(total):
        queue.push(str(n).encode(), n % 3, f"fp-{n}")
    seen: Counter[bytes] = Counter()
    lock = threading.Lock()

    def work(worker: str) -> None:
        mine = RequestQueue(redis.Redis.from_url(redis_url), queue.prefix)
        while (popped := mine.pop(worker)) is not None:
            with lock:
                seen[popped.data] += 1
            mine.ack(worker, [popped.id])
            mine.push(popped.data, 0, f"fp-{popped.data.decode()}")  # a re-discovery: filtered

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(seen) == total and set(seen.values()) == {1}
    assert queue.pending() == (0, 0)


def test_a_run_records_the_article_urls_it_queued(queue: RequestQueue) -> None:
    """P:found:RUN: what the run's discovery found, kept with the push in one step; a
    duplicate adds nothing; an article reached by a redirect stands for the URL it left."""
    a, b, moved = (f"https://newsinfo.inquirer.net/{n}/story" for n in (1, 2, 3))
    assert queue.push(b"before any run", 0, "fp-0", (a, []))
    assert queue.found("R1") is None  # no run yet: nothing recorded
    queue.start_run("R1", {"mode": "backfill"})
    assert queue.found("R1") == set()  # recorded, nothing found yet
    assert queue.push(b"a", 0, "fp-a", (a, []))
    assert queue.push(b"index page", 0, "fp-i", (None, []))  # not an article
    assert not queue.push(b"a again", 0, "fp-a", (a, []))
    assert queue.push(b"b", 0, "fp-b", (b, []))
    assert queue.push(b"b moved", 0, "fp-m", (moved, [b]))
    assert queue.found("R1") == {a, moved}
    ttl = queue.server.ttl(queue.found_key("R1"))
    assert 29 * 86400 < ttl <= 30 * 86400
    queue.start_run("R2", {"mode": "backfill"})
    assert queue.push(b"b in R2", 0, "fp-b", (b, []))
    assert queue.found("R2") == {b} and queue.found("R1") == {a, moved}
