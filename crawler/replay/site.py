"""The replay site's routes as a pure function: request in, (status, headers, body) out.

Serves the site's subdomains under one loopback port, addressed as
``/<host>/<path>`` (see ``crawler.urls.to_mirror``): article pages, robots.txt,
the daily article index and per-subdomain RSS feeds, with real HTTP behaviour
(charset in Content-Type, ETag/Last-Modified, 304, gzip).
"""

from __future__ import annotations

import gzip
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from urllib.parse import parse_qsl, urlsplit

from crawler.replay.corpus import MANILA, ReplayPage, serve_key

ROBOTS = """User-agent: *
Disallow: /wp-admin/
Disallow: /wp-login.php
Disallow: /search/
Allow: /wp-admin/admin-ajax.php

Sitemap: https://{host}/sitemap.xml
"""
NOT_FOUND = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Page not found | Inquirer</title></head><body><div id="inq-404">
<h1>Oops! That page can&rsquo;t be found.</h1></div></body></html>"""


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


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
        self.hits: dict[str, int] = defaultdict(int)

    def days(self) -> list[date]:
        return sorted(self.by_day)

    def window(self, days: int = 10) -> tuple[date, date]:
        """The last ``days`` calendar days that end with the newest indexed day."""
        from datetime import timedelta

        last = self.days()[-1]
        return last - timedelta(days=days - 1), last

    def indexed_between(self, first: date, last: date) -> list[ReplayPage]:
        return [p for d, pages in self.by_day.items() if first <= d <= last for p in pages]

    def handle(self, host: str, target: str, headers: dict[str, str]) -> Reply:
        """Answer ``GET <target>`` on ``host`` (headers lower-cased)."""
        parts = urlsplit(target)
        path = parts.path or "/"
        self.hits[f"{host}{path}"] += 1
        if path == "/robots.txt":
            return self._reply(ROBOTS.format(host=host).encode(), "text/plain; charset=utf-8", headers)
        if host == "www.inquirer.net" and path.rstrip("/") == "/article-index":
            return self._index(dict(parse_qsl(parts.query)).get("d", ""), headers)
        if path.rstrip("/") == "/feed":
            return self._feed(host.split(".")[0], headers)
        page = self.pages.get(serve_key(host, target))
        if page is None:
            return Reply(404, {"Content-Type": "text/html; charset=UTF-8"}, NOT_FOUND)
        return self._reply(page.body, page.content_type, headers, page.status, page.modified_at)

    def _reply(self, body: bytes, content_type: str, headers: dict[str, str], status: int = 200,
               modified: datetime | None = None) -> Reply:
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        out = {"Content-Type": content_type, "ETag": etag, "Cache-Control": "max-age=60",
               "Vary": "Accept-Encoding"}
        if modified:
            out["Last-Modified"] = format_datetime(_as_gmt(modified), usegmt=True)
        if status == 200 and _not_modified(headers, etag, modified):
            return Reply(304, {k: v for k, v in out.items() if k != "Content-Type"}, b"")
        if "gzip" in headers.get("accept-encoding", "") and len(body) > 512:
            body = gzip.compress(body, compresslevel=5)
            out["Content-Encoding"] = "gzip"
        return Reply(status, out, body)

    def _index(self, day_text: str, headers: dict[str, str]) -> Reply:
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            return Reply(404, {"Content-Type": "text/html; charset=UTF-8"}, NOT_FOUND)
        sections: dict[str, list[ReplayPage]] = defaultdict(list)
        for page in sorted(self.by_day.get(day, []), key=lambda p: (p.subdomain, p.url)):
            sections[_index_section(page)].append(page)
        html = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Article "
                f"Index for {day:%B} {day.day}, {day.year} | Inquirer.net</title></head><body>",
                '<div id="index-wrap">', f"<h3>Articles for {day.isoformat()}</h3>"]
        for name, pages in sections.items():
            html.append(f"<h4>{escape(name)}</h4>\n<ul>")
            html += [f'<li><a href="{escape(p.url)}">{escape(p.title)}</a></li>' for p in pages]
            html.append("</ul>")
        html.append("</div></body></html>")
        return self._reply("\n".join(html).encode(), "text/html; charset=UTF-8", headers)

    def _feed(self, sub: str, headers: dict[str, str]) -> Reply:
        pages = sorted(self.by_sub.get(sub, []), key=lambda p: p.published_at or datetime.min.replace(
            tzinfo=MANILA), reverse=True)[:30]
        items = []
        for page in pages:
            # The site's quirk: Manila wall-clock time labelled +0000.
            wall = page.published_at.astimezone(MANILA).replace(tzinfo=None) if page.published_at else None
            pub = wall.strftime("%a, %d %b %Y %H:%M:%S +0000") if wall else ""
            creator = escape(", ".join(page.authors)) if page.authors else "INQUIRER.net"
            items.append(
                f"<item><title>{escape(page.title)}</title><link>{escape(page.url)}</link>"
                f"<dc:creator><![CDATA[{creator}]]></dc:creator><pubDate>{pub}</pubDate>"
                f"<category><![CDATA[{escape(page.section or '')}]]></category>"
                f'<guid isPermaLink="false">{escape(page.url)}</guid></item>')
        xml = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
               f"<title>{escape(sub)} | Inquirer.net</title><link>https://{sub}.inquirer.net</link>"
               + "".join(items) + "</channel></rss>")
        return self._reply(xml.encode(), "application/rss+xml; charset=UTF-8", headers)


def _index_section(page: ReplayPage) -> str:
    names = {"newsinfo": "News", "globalnation": "Global Nation", "business": "Business",
             "sports": "Sports", "entertainment": "Entertainment", "lifestyle": "Lifestyle",
             "technology": "Technology", "opinion": "Opinion", "usa": "USA", "pop": "Pop",
             "bandera": "Bandera", "cebudailynews": "Cebu Daily News"}
    return names.get(page.subdomain, page.subdomain.title())


def _as_gmt(value: datetime) -> datetime:
    from datetime import UTC

    return value.astimezone(UTC)


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
