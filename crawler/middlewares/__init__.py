"""The downloader layer: incremental fetching, blocked pages, Retry-After, redirects,
reachability, and the handler that sends requests to a local mirror."""
