"""The replay site's routes as a pure function: request in, (status, headers, body) out.

Serves the site's subdomains under one loopback port, addressed as
``/<host>/<path>`` (see ``crawler.urls.to_mirror``), with real HTTP behaviour
(charset in Content-Type, ETag/Last-Modified, 304, gzip). Tests change the site
while it runs: :meth:`ReplaySite.replace_body` edits a page, :meth:`ReplaySite.script`
queues canned answers (429 with Retry-After, challenge pages, 500s) for a URL.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qsl, urlsplit

from replay import render
from replay.corpus import ReplayPage, serve_key

NOT_FOUND = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Page not found | Inquirer</title></head><body><div id="inq-404">
<h1>Oops! That page can&rsquo;t be found.</h1></div></body></html>"""
_LISTING = re.compile(r"^/category/latest-stories(?:/page/(\d+))?/?$")


@dataclass(frozen=True, slots=True)
class Reply:
    """A canned answer. ``delay``: seconds to wait before answering (a slow server, or a
    timeout when longer than DOWNLOAD_TIMEOUT). ``fault``: ``"reset"`` closes the connection
    with a TCP reset before any byte; ``"truncate"`` announces the whole body's length and
    sends half of it, then closes (a lying Content-Length); ``"close"`` closes without a
    byte. ``headers`` may carry their own Content-Length."""

    status: int
    headers: dict[str, str]
    body: bytes
    delay: float = 0.0
    fault: str | None = None


class ReplaySite:
    """Routes requests to the corpus pages and the generated discovery pages."""

    def __init__(self, pages: list[ReplayPage]) -> None:
        self.pages = {page.key: page for page in pages}
        self.by_day: dict[date, list[ReplayPage]] = defaultdict(list)
        self.by_sub: dict[str, list[ReplayPage]] = defaultdict(list)
        for page in pages:
            if page.indexed and page.index_day:
                self.by_day[page.index_day].append(page)
                self.by_sub[page.subdomain].append(page)
        self.scripted: dict[tuple[str, str], deque[Reply]] = defaultdict(deque)
        self.log: list[tuple[float, str, str, int]] = []  # (monotonic time, host, target, status)
        self._lock = threading.Lock()

    # --- what tests use ----------------------------------------------------
    def days(self) -> list[date]:
        return sorted(self.by_day)

    def window(self, days: int = 10) -> tuple[date, date]:
        """The last ``days`` calendar days that end with the newest indexed day."""
        last = self.days()[-1]
        return last - timedelta(days=days - 1), last

    def indexed_between(self, first: date, last: date) -> list[ReplayPage]:
        return [p for d, pages in self.by_day.items() if first <= d <= last for p in pages]

    def page(self, url: str) -> ReplayPage:
        return self.pages[serve_key(urlsplit(url).hostname or "", url)]

    def replace_body(self, url: str, body: bytes) -> None:
        """The story changed on the site: new bytes (hence a new ETag) and Last-Modified now."""
        page = self.page(url)
        page.body, page.render = body, None
        page.modified_at = datetime.now(UTC).replace(microsecond=0)

    def script(self, url: str, *replies: Reply) -> None:
        """The next requests for ``url`` get these answers, in order, then the page again."""
        self.scripted[serve_key(urlsplit(url).hostname or "", url)].extend(replies)

    def requests_for(self, url: str) -> list[tuple[float, int]]:
        key = serve_key(urlsplit(url).hostname or "", url)
        return [
            (t, status) for t, host, target, status in self.log if serve_key(host, target) == key
        ]

    # --- HTTP ----------------------------------------------------------------
    def handle(self, host: str, target: str, headers: dict[str, str]) -> Reply:
        """Answer ``GET <target>`` on ``host`` (headers lower-cased)."""
        reply = self._route(host, target, headers)
        with self._lock:
            self.log.append((time.monotonic(), host, target, reply.status))
        return reply

    def _route(self, host: str, target: str, headers: dict[str, str]) -> Reply:  # noqa: PLR0911
        key = serve_key(host, target)
        with self._lock:
            queued = self.scripted.get(key)
            if queued:
                return queued.popleft()
        parts = urlsplit(target)
        path, sub = parts.path or "/", host.split(".")[0]
        xml, html = "application/xml; charset=UTF-8", "text/html; charset=UTF-8"
        if path == "/robots.txt":
            return self._reply(
                render.ROBOTS.format(host=host).encode(), "text/plain; charset=utf-8", headers
            )
        if host == "www.inquirer.net" and path.rstrip("/") == "/article-index":
            day = _day(dict(parse_qsl(parts.query)).get("d", ""))
            if day is None:
                return _not_found()
            return self._reply(render.article_index(day, self.by_day.get(day, [])), html, headers)
        if path.rstrip("/") == "/feed":
            return self._reply(
                render.rss_feed(sub, self.by_sub.get(sub, [])),
                "application/rss+xml; charset=UTF-8",
                headers,
            )
        if host == "www.inquirer.net" and path == "/sitemap.xml":
            return self._reply(render.sitemap_index(list(self.by_sub)), xml, headers)
        if path == "/news-sitemap.xml" and sub in self.by_sub:
            return self._reply(render.news_sitemap(self.by_sub[sub]), xml, headers)
        listing = _LISTING.match(path)
        if listing and sub in self.by_sub:
            body = render.section_listing(sub, self.by_sub[sub], int(listing.group(1) or 1))
            return self._reply(body, html, headers) if body else _not_found()
        page = self.pages.get(key)
        if page is None:
            return _not_found()
        return self._reply(
            page.content(), page.content_type, headers, page.status, page.modified_at
        )

    def _reply(
        self,
        body: bytes,
        content_type: str,
        headers: dict[str, str],
        status: int = 200,
        modified: datetime | None = None,
    ) -> Reply:
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        out = {
            "Content-Type": content_type,
            "ETag": etag,
            "Cache-Control": "max-age=60",
            "Vary": "Accept-Encoding",
        }
        if modified:
            out["Last-Modified"] = format_datetime(modified.astimezone(UTC), usegmt=True)
        if status == 200 and _not_modified(headers, etag, modified):
            return Reply(304, {k: v for k, v in out.items() if k != "Content-Type"}, b"")
        if "gzip" in headers.get("accept-encoding", "") and len(body) > 512:
            body = gzip.compress(body, compresslevel=5)
            out["Content-Encoding"] = "gzip"
        return Reply(status, out, body)


def _not_found() -> Reply:
    return Reply(404, {"Content-Type": "text/html; charset=UTF-8"}, NOT_FOUND)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _not_modified(headers: dict[str, str], etag: str, modified: datetime | None) -> bool:
    if "if-none-match" in headers:
        return etag in [t.strip() for t in headers["if-none-match"].split(",")]
    since = headers.get("if-modified-since")
    if since and modified:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
