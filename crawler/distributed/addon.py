"""DistributedMode: ``REDIS_URL`` set (in the environment or with ``-s``) makes this crawl
one worker of a distributed crawl; unset, nothing changes.

An add-on, not a test in ``settings/__init__.py``: add-ons see the final settings, command
line included, so ``scrapy crawl inquirer -s REDIS_URL=redis://...`` switches too. These
values override ``settings/base.py`` (project priority); ``-s NAME=VALUE`` still wins.
"""

from __future__ import annotations

from scrapy.settings import Settings

DISTRIBUTED_SETTINGS = {
    "SCHEDULER": "crawler.distributed.scheduler.DistributedScheduler",
    "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",  # its fingerprints, in Redis
    "SCHEDULER_PERSIST": True,  # the queue is shared: a stopping worker never clears it
    # A worker stores a share of the run, whatever it is: its item count is no measure of
    # health (crawler runs --distributed shows the run's). Rates and coverage still apply.
    "MONITOR_MIN_ITEMS": 0,
    "MONITOR_HISTORY_RUNS": 0,
    # The queue is in Redis, not in this process, and a discovery page one worker releases
    # may be fetched by another: the local discovery gate has nothing to bound here.
    "FRONTIER_MAX_PENDING": 0,
}


class DistributedMode:
    def update_settings(self, settings: Settings) -> None:
        if not settings.get("REDIS_URL"):
            return
        for name, value in DISTRIBUTED_SETTINGS.items():
            settings.set(name, value, priority="project")
