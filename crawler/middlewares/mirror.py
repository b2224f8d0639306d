"""Crawl a local replay of the site with the very same spider (``INQUIRER_MIRROR``).

The download handler is the lowest layer of Scrapy: it sends a request for
``https://newsinfo.inquirer.net/<id>/<slug>`` to
``<mirror>/newsinfo.inquirer.net/<id>/<slug>`` and hands back a response that
carries the real URL. Everything above it (robots.txt, retries, the spider,
the pipelines, the store) sees only real URLs. Without the setting this is
exactly Scrapy's own HTTP/1.1 handler.

``MIRROR_HOSTS`` extends the reroute to other outlets' hosts (the multi-outlet replay,
``python -m replay --outlets``): a list of domains (a host matches a domain or a
subdomain of it), or ``*`` for every host, so that a request for any other host lands
in the replay's log instead of on the network.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.urls import host_of, is_site_url, to_mirror


class MirrorDownloadHandler(BaseDownloadHandler):
    """HTTP(S) handler that reroutes inquirer.net requests to ``INQUIRER_MIRROR`` if set."""

    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._inner = HTTP11DownloadHandler(crawler)
        self._mirror: str | None = crawler.settings.get("INQUIRER_MIRROR") or None
        self._hosts = tuple(
            h.strip().lower().lstrip(".")
            for h in crawler.settings.getlist("MIRROR_HOSTS")
            if h.strip()
        )

    def _mirrored(self, url: str) -> bool:
        if is_site_url(url):
            return True
        if "*" in self._hosts:
            return True
        host = host_of(url)
        return any(host == h or host.endswith("." + h) for h in self._hosts)

    async def download_request(self, request: Request) -> Response:
        if not self._mirror or not self._mirrored(request.url):
            return await self._inner.download_request(request)
        mirrored = request.replace(url=to_mirror(request.url, self._mirror))
        response = await self._inner.download_request(mirrored)
        return response.replace(url=request.url, request=request)

    async def close(self) -> None:
        await self._inner.close()
