"""Custom signals the spider sends and the run recorder listens to."""

page_rejected = object()  # kwargs: url, reason, detail, blocked (bool)
