"""Requests as the shared queue stores them: scrapy-redis's serializer (pickle) over
``Request.to_dict``; callbacks travel as spider method names, so a request queued by one
worker (or by ``crawler seed``) runs the same callback in any other."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.utils.request import request_from_dict
from scrapy_redis import picklecompat

from crawler.urls import canonicalize_url

TOKEN = "distributed_id"  # request.meta key: the queue id of a popped request


def encode_request(request: Request, spider: Spider) -> bytes:
    """The bytes queued for ``request`` (without the id of an earlier pop)."""
    data = request.to_dict(spider=spider)
    data["meta"] = {k: v for k, v in data["meta"].items() if k != TOKEN}
    return picklecompat.dumps(data)


def decode_request(data: bytes | None, spider: Spider, token: str) -> Request:
    """The request queued as ``data``, carrying its queue id ``token``."""
    if data is None:
        raise LookupError("no data for this id")
    request = request_from_dict(picklecompat.loads(data), spider=spider)
    request.meta[TOKEN] = token
    return request


def found_article(request: Request) -> tuple[str | None, list[str]]:
    """What queueing ``request`` tells the run about the articles discovery found: the
    canonical URL of an article request (``None`` for other requests), and the URLs it
    stands in for (an article reached by a redirect replaces the URLs it came from)."""
    if not request.meta.get("article"):
        return None, []
    url = canonicalize_url(request.url)
    earlier = {canonicalize_url(u) for u in request.meta.get("redirect_urls") or []}
    return url, sorted(earlier - {url})
