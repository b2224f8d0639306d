"""DistributedScheduler against an in-memory queue: the Scrapy side, and Redis going away."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from redis.exceptions import ConnectionError as RedisDown
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider

from crawler.distributed import scheduler as scheduler_module
from crawler.distributed.codec import TOKEN, encode_request
from crawler.distributed.queue import Popped
from crawler.distributed.scheduler import DistributedScheduler
from crawler.distributed.seed import project_settings
from crawler.spiders.inquirer import InquirerSpider


class Stats(dict):  # type: ignore[type-arg]
    def inc_value(self, key: str, count: int = 1) -> None:
        self[key] = self.get(key, 0) + count

    def set_value(self, key: str, value: Any) -> None:
        self[key] = value

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.get(key, default)


class MemoryQueue:
    """RequestQueue's interface in memory; ``down`` makes every call fail like Redis would."""

    prefix, server, dupefilter_key = "mem", None, "mem:dupefilter"

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []
        self.inflight: dict[str, bytes] = {}
        self.seen: set[str] = set()
        self.down = False
        self.next_id = 0

    def _check(self) -> None:
        if self.down:
            raise RedisDown("Connection refused")

    def push(
        self,
        data: bytes,
        priority: int = 0,
        fingerprint: str | None = None,
        found: tuple[str | None, list[str]] = (None, []),
    ) -> bool:
        self._check()
        if fingerprint in self.seen:
            return False
        if fingerprint:
            self.seen.add(fingerprint)
        self.next_id += 1
        self.items.append((str(self.next_id), data))
        return True

    def pop(self, worker: str) -> Popped | None:
        self._check()
        if not self.items:
            return None
        popped, data = self.items.pop(0)
        self.inflight[popped] = data
        return Popped(popped, data, None)

    def ack(self, worker: str, ids: list[str]) -> int:
        self._check()
        return sum(self.inflight.pop(i, None) is not None for i in ids)

    def pending(self) -> tuple[int, int]:
        self._check()
        return len(self.items), len(self.inflight)

    def queued(self) -> int:
        self._check()
        return len(self.items)

    def heartbeat(self, worker: str, ttl: float) -> None:
        self._check()

    def reap(self) -> dict[str, int]:
        self._check()
        return {}

    def release(self, worker: str) -> int:
        self._check()
        back = list(self.inflight.items())
        self.items[:0], self.inflight = back, {}
        return len(back)

    def run(self) -> None:
        self._check()


class NoLoop:
    """Stands in for twisted's LoopingCall: no reactor is installed in the test process."""

    def __init__(self, function: Any) -> None:
        self.function, self.running = function, False

    def start(self, interval: float, now: bool = True) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False


@pytest.fixture
def setup(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(scheduler_module, "task", SimpleNamespace(LoopingCall=NoLoop))
    settings = project_settings(
        {
            "DISTRIBUTED_IDLE_SECONDS": 0,
            "DISTRIBUTED_POLL_SECONDS": 60,
            "DISTRIBUTED_HEARTBEAT_SECONDS": 60,
            "DISTRIBUTED_HEARTBEAT_TTL": 120,
        }
    )
    spider = InquirerSpider.from_crawler(Crawler(InquirerSpider, settings))
    finished: list[Request] = []
    slot = SimpleNamespace(
        remove_request=finished.append, nextcall=SimpleNamespace(schedule=lambda: None)
    )
    crawler = SimpleNamespace(settings=settings, stats=Stats(), engine=SimpleNamespace(_slot=slot))
    queue = MemoryQueue()
    scheduler = DistributedScheduler(crawler, queue, "w1")  # type: ignore[arg-type]
    scheduler.open(spider)
    return scheduler, queue, finished, slot


def test_start_requests_are_ignored_and_popped_requests_carry_their_id(setup: Any) -> None:
    scheduler, queue, _, _ = setup
    start = Request(
        "https://www.inquirer.net/article-index/?d=2026-11-28", meta={"is_start_request": True}
    )
    assert not scheduler.enqueue_request(start) and queue.items == []
    article = Request("https://newsinfo.inquirer.net/1/a", meta={"article": True})
    assert scheduler.enqueue_request(article)
    assert not scheduler.enqueue_request(article.replace())  # the shared dupefilter
    assert scheduler.enqueue_request(article.replace(dont_filter=True))
    popped = scheduler.next_request()
    assert popped is not None and popped.url == article.url and popped.meta[TOKEN] == "1"
    assert popped.meta["article"] is True
    retry = popped.replace(dont_filter=True)  # a retry keeps the meta, id included...
    assert retry.meta[TOKEN] == "1" and scheduler.enqueue_request(retry)  # ...yet is queued


def test_done_requests_are_acked_and_the_engine_always_told(setup: Any) -> None:
    scheduler, queue, finished, slot = setup
    for n in (1, 2):
        scheduler.enqueue_request(Request(f"https://newsinfo.inquirer.net/{n}/a"))
    first, second = scheduler.next_request(), scheduler.next_request()
    slot.remove_request(first)  # no item: acked at once
    assert finished == [first] and list(queue.inflight) == ["2"]
    scheduler.item_scraped(item=object(), response=SimpleNamespace(request=second))
    slot.remove_request(second)
    assert list(queue.inflight) == ["2"]  # its article is not written yet
    scheduler.ledger.flushed()
    assert queue.inflight == {}


def test_redis_going_away_loses_no_ack_and_stops_no_worker(setup: Any) -> None:
    scheduler, queue, finished, slot = setup
    scheduler.enqueue_request(Request("https://newsinfo.inquirer.net/1/a"))
    request = scheduler.next_request()
    queue.down = True
    slot.remove_request(request)  # the ack fails...
    assert finished == [request]  # ...the engine still forgets the request
    assert scheduler._unacked == ["1"] and list(queue.inflight) == ["1"]
    with pytest.raises(DontCloseSpider):
        scheduler.spider_idle()  # cannot see the queue: keep waiting, do not "finish"
    queue.down = False
    with pytest.raises(DontCloseSpider):
        scheduler.spider_idle()  # an ack still owed: not idle either
    scheduler._loops[0].function()  # the next beat sends it
    assert queue.inflight == {} and scheduler._unacked == []
    scheduler.spider_idle()  # now empty everywhere (idle seconds 0): may stop


def test_close_gives_back_what_is_held(setup: Any) -> None:
    scheduler, queue, _, _ = setup
    scheduler.enqueue_request(Request("https://newsinfo.inquirer.net/1/a"))
    scheduler.next_request()
    scheduler.close("shutdown")
    assert queue.inflight == {} and len(queue.items) == 1
    assert scheduler.stats["distributed/released"] == 1


def test_an_entry_that_cannot_be_decoded_is_dropped_not_retried_forever(setup: Any) -> None:
    scheduler, queue, _, _ = setup
    queue.items.append(("9", b"not a pickle"))
    spider = scheduler.spider
    queue.items.append(("10", encode_request(Request("https://newsinfo.inquirer.net/2/b"), spider)))
    assert scheduler.next_request() is None and "9" not in queue.inflight
    assert scheduler.stats["distributed/undecodable"] == 1
    assert scheduler.next_request().url == "https://newsinfo.inquirer.net/2/b"  # type: ignore[union-attr]
