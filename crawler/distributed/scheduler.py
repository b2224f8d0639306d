"""DistributedScheduler: this ``scrapy crawl inquirer`` process as one worker of a crawl
shared through Redis (``crawler.distributed.queue``), on scrapy-redis's connection settings
(``REDIS_URL``, ``REDIS_PARAMS``), request fingerprints, dupefilter format and serializer.

* requests are pushed through the shared dupefilter (one step: seen once, queued once) and
  popped into this worker's in-flight set; they leave it when ``AckLedger`` says so;
* a heartbeat key is refreshed every ``DISTRIBUTED_HEARTBEAT_SECONDS``; every worker, at
  start and on every beat, requeues the in-flight requests of workers whose heartbeat is
  older than ``DISTRIBUTED_HEARTBEAT_TTL`` (killed, crashed, cut off); a worker restarted
  under the same ``DISTRIBUTED_WORKER_ID`` requeues its predecessor's at once;
* the spider's own start requests are ignored: ``crawler seed`` queues the seeds, and the
  worker adopts the spider arguments of the run it is seeded with;
* an idle worker looks at the queue every ``DISTRIBUTED_POLL_SECONDS`` (Scrapy's engine
  would only ask its scheduler again after 5 s);
* the worker stops (reason ``finished``) once the queue and every in-flight set have been
  empty for ``DISTRIBUTED_IDLE_SECONDS``; on any stop it gives back what it still holds.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.core.scheduler import BaseScheduler
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter
from twisted.internet import task

from crawler.distributed.ack import AckLedger
from crawler.distributed.codec import TOKEN, decode_request, encode_request, found_article
from crawler.distributed.engine import hook_engine
from crawler.distributed.idle import IdleClock
from crawler.distributed.queue import RequestQueue
from crawler.signals import store_flushed
from crawler.spiders.args import parse_spider_args

log = logging.getLogger(__name__)


def open_queue(settings: Any) -> RequestQueue:
    server = get_redis_from_settings(settings)
    server.ping()
    return RequestQueue(server, settings.get("DISTRIBUTED_KEY_PREFIX"))


class DistributedScheduler(BaseScheduler):
    def __init__(self, crawler: Crawler, queue: RequestQueue, worker: str) -> None:
        s = crawler.settings
        self.crawler, self.queue, self.worker = crawler, queue, worker
        self.stats = crawler.stats
        self.dupefilter = RFPDupeFilter(
            queue.server, queue.dupefilter_key, debug=s.getbool("DUPEFILTER_DEBUG")
        )
        self.idle = IdleClock(s.getfloat("DISTRIBUTED_IDLE_SECONDS"))
        self.beat = s.getfloat("DISTRIBUTED_HEARTBEAT_SECONDS")
        self.poll = s.getfloat("DISTRIBUTED_POLL_SECONDS")
        self.ttl = s.getfloat("DISTRIBUTED_HEARTBEAT_TTL")
        if not 0 < 2 * self.beat <= self.ttl:
            raise ValueError(
                f"DISTRIBUTED_HEARTBEAT_TTL ({self.ttl}) must be at least twice "
                f"DISTRIBUTED_HEARTBEAT_SECONDS ({self.beat}), which must be > 0"
            )
        self.ledger = AckLedger(self._ack)
        self.run_id: str | None = None
        self.spider: Spider | None = None
        self._loops: list[task.LoopingCall] = []
        self._wake: Any = None  # the engine's "ask the scheduler for requests now"
        self._unacked: list[str] = []  # acks Redis did not take (down): sent again on a beat

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedScheduler:
        s = crawler.settings
        worker = s.get("DISTRIBUTED_WORKER_ID") or (
            f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(2)}"
        )
        scheduler = cls(crawler, open_queue(s), worker)
        crawler.signals.connect(scheduler.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(scheduler.ledger.flushed, signal=store_flushed)
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    # --- lifecycle -----------------------------------------------------------
    def open(self, spider: Spider) -> None:
        self.spider = spider
        self._wake = hook_engine(self.crawler, self._done)
        # Whatever this worker id holds was held by an earlier process under the same id
        # (a restarted systemd unit): that process is gone, give its requests back now.
        recovered = self.queue.release(self.worker)
        self.stats.set_value("distributed/recovered", recovered)
        if recovered:
            log.warning(
                "worker %s restarted: %d requests its previous process held requeued",
                self.worker,
                recovered,
            )
        self.queue.heartbeat(self.worker, self.ttl)
        self._reap()
        self._join(self.queue.run())
        self.stats.set_value("distributed/worker", self.worker)
        self._loops = [task.LoopingCall(self._tick), task.LoopingCall(self._poll)]
        for loop, interval in zip(self._loops, (self.beat, self.poll), strict=True):
            loop.start(interval, now=False)
        queued, inflight = self.queue.pending()
        log.info(
            "distributed worker %s (prefix %r): %d requests queued, %d in flight elsewhere",
            self.worker,
            self.queue.prefix,
            queued,
            inflight,
        )

    def close(self, reason: str) -> None:
        for loop in self._loops:
            if loop.running:
                loop.stop()
        # The item pipelines were closed (and flushed) before this. Articles still spooled
        # locally are not acked: their requests go back to the queue below.
        self.ledger.flushed(durable=self.ledger.durable)
        try:
            released = self.queue.release(self.worker)
        except Exception as exc:
            log.error(
                "worker %s could not give back its requests (%s: %s): the other workers "
                "requeue them once its heartbeat expires",
                self.worker,
                type(exc).__name__,
                exc,
            )
            return
        self.stats.set_value("distributed/released", released)
        if released:
            log.warning(
                "worker %s stopping (%s): %d unfinished requests given back to the queue",
                self.worker,
                reason,
                released,
            )

    def _done(self, request: Request) -> None:
        token = request.meta.get(TOKEN)
        if token:
            self.ledger.done(token)

    def _tick(self) -> None:
        try:
            self.queue.heartbeat(self.worker, self.ttl)
            self._reap()
            if self._unacked:
                self._ack([])
        except Exception as exc:
            log.warning("distributed heartbeat failed: %s: %s", type(exc).__name__, exc)

    def _poll(self) -> None:
        try:
            if self.queue.queued():
                self._wake()
        except Exception as exc:
            log.debug("distributed poll failed: %s", exc)

    def _reap(self) -> None:
        for worker, count in self.queue.reap().items():
            self.stats.inc_value("distributed/requeued", count)
            self.stats.inc_value("distributed/workers_reaped")
            log.warning("worker %s stopped beating: %d of its requests requeued", worker, count)

    def _join(self, run: dict[str, Any] | None) -> None:
        """Crawl with the spider arguments the run was seeded with (its days, subdomains)."""
        if run is None or run["id"] == self.run_id:
            return
        self.run_id = run["id"]
        args = {k: str(v) for k, v in run["args"].items()}
        spider = self.spider
        if spider is not None and hasattr(spider, "raw_args") and spider.raw_args != args:
            if spider.raw_args:
                log.warning("spider arguments %s replaced by the run's %s", spider.raw_args, args)
            spider.args, spider.raw_args = parse_spider_args(args), args  # type: ignore[attr-defined]
        self.stats.set_value("distributed/run_id", self.run_id)
        log.info("joined distributed run %s %s", self.run_id, args)

    # --- the scheduler interface ---------------------------------------------
    def has_pending_requests(self) -> bool:
        return self.queue.queued() > 0

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.get("is_start_request") and TOKEN not in request.meta:
            self.stats.inc_value("distributed/start_requests_ignored")
            return False  # seeds come from `crawler seed`
        fingerprint = None if request.dont_filter else self.dupefilter.request_fingerprint(request)
        data = encode_request(request, self.spider)
        if not self.queue.push(data, request.priority, fingerprint, found_article(request)):
            self.dupefilter.log(request, self.spider)
            self.stats.inc_value("dupefilter/filtered")
            return False
        self.stats.inc_value("distributed/pushed")
        return True

    def next_request(self) -> Request | None:
        popped = self.queue.pop(self.worker)
        if popped is None:
            return None
        if popped.run_id != self.run_id:
            self._join(self.queue.run())
        try:
            request = decode_request(popped.data, self.spider, popped.id)
        except Exception as exc:
            log.error(
                "dropping queued request %s: cannot decode it (%s: %s)",
                popped.id,
                type(exc).__name__,
                exc,
            )
            self.stats.inc_value("distributed/undecodable")
            self._ack([popped.id])
            return None
        self.stats.inc_value("distributed/popped")
        return request

    # --- acks and idleness ---------------------------------------------------
    def item_scraped(self, item: Any, response: Any) -> None:
        token = getattr(getattr(response, "request", None), "meta", {}).get(TOKEN)
        if token:
            self.ledger.item_passed(token)

    def _ack(self, ids: list[str]) -> None:
        """Ack ``ids``; if Redis is away, keep them (still in flight there, so never lost)
        and send them again on the next beat."""
        ids, self._unacked = self._unacked + ids, []
        try:
            self.stats.inc_value("distributed/acked", self.queue.ack(self.worker, ids))
        except Exception as exc:
            self._unacked = ids
            log.warning("could not ack %d requests yet (%s: %s)", len(ids), type(exc).__name__, exc)

    def spider_idle(self) -> None:
        try:
            queued, inflight = self.queue.pending()
        except Exception as exc:
            log.warning("cannot see the shared queue (%s: %s): waiting", type(exc).__name__, exc)
            self.idle.observe(1, 0)
            raise DontCloseSpider from exc
        if self._unacked or not self.idle.observe(queued, inflight):
            raise DontCloseSpider
        log.info(
            "queue and in-flight sets empty for %.0f s: worker %s stops",
            self.idle.empty_for,
            self.worker,
        )
