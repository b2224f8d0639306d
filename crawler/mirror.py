"""Crawl a local replay of the site with the very same spider (``INQUIRER_MIRROR``).

The download handler is the lowest layer of Scrapy: it sends a request for
``https://newsinfo.inquirer.net/<id>/<slug>`` to
``<mirror>/newsinfo.inquirer.net/<id>/<slug>`` and hands back a response that
carries the real URL. Everything above it (robots.txt, retries, the spider,
the pipelines, the store) sees only real URLs. Without the setting this is
exactly Scrapy's own HTTP/1.1 handler.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.urls import is_site_url, to_mirror


class MirrorDownloadHandler(BaseDownloadHandler):
    """HTTP(S) handler that reroutes inquirer.net requests to ``INQUIRER_MIRROR`` if set."""

    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._inner = HTTP11DownloadHandler(crawler)
        self._mirror: str | None = crawler.settings.get("INQUIRER_MIRROR") or None

    async def download_request(self, request: Request) -> Response:
        if not self._mirror or not is_site_url(request.url):
            return await self._inner.download_request(request)
        mirrored = request.replace(url=to_mirror(request.url, self._mirror))
        response = await self._inner.download_request(mirrored)
        return response.replace(url=request.url, request=request)

    async def close(self) -> None:
        await self._inner.close()
