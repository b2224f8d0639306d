"""Custom signals the spider sends and the run recorder listens to."""

page_rejected = object()  # kwargs: url, reason, detail, blocked (bool)
# StoreArticlePipeline wrote every item it had been given (sent even when it had none
# pending); the distributed scheduler acks requests whose items were waiting for it.
store_flushed = object()  # kwargs: count (items in this flush), durable (written, not spooled)
