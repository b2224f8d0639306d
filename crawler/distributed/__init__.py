"""Distributed crawling: N ``scrapy crawl inquirer`` workers, on one or many machines,
sharing one Redis queue and dupefilter (scrapy-redis) and one PostgreSQL store.

    addon.py      REDIS_URL set -> the scheduler below (the spider code is the same)
    queue.py      the Redis structures and their atomic Lua steps (push, pop, ack, requeue)
    scheduler.py  the Scrapy scheduler: leases, heartbeat, reaper, run adoption, idle stop
    engine.py     the two engine internals it needs ("request done", "wake up")
    codec.py      requests as the queue stores them
    ack.py        when a popped request may leave the in-flight set
    idle.py       when a worker may stop
    seed.py       ``crawler seed``: queue a run's discovery requests
    summary.py    ``crawler runs --distributed RUN_ID``: the workers' crawl_runs rows

docs/scaling.md explains how to run it.
"""
