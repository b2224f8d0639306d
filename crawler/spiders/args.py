"""Typed, validated spider arguments (``-a name=value``); no Scrapy imports.

A bad value fails at once with a message that names the argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from crawler.site import ARTICLE_SUBDOMAINS
from crawler.urls import is_article_url

MODES = ("nightly", "backfill", "urls")


class SpiderArgumentError(ValueError):
    """An argument given with ``-a`` is not valid."""


@dataclass(frozen=True, slots=True)
class SpiderArgs:
    mode: str = "nightly"
    since: date | None = None
    until: date | None = None
    subdomains: frozenset[str] = field(default_factory=lambda: ARTICLE_SUBDOMAINS)
    limit: int | None = None
    urls: tuple[str, ...] = ()

    def days(self, today: date) -> list[date]:
        """The Manila calendar days to enumerate, oldest first; ``today`` is the crawl's
        Manila day (``crawler.clock.crawl_today``), the default ``until``."""
        return window_days(self.since, self.until, today)


def window_days(since: date | None, until: date | None, today: date) -> list[date]:
    """The crawl window's calendar days, oldest first: ``until`` defaults to ``today`` and
    ``since`` to the day before ``until`` (yesterday and today)."""
    until = until or today
    since = since or (until - timedelta(days=1))
    if since > until:
        raise SpiderArgumentError(
            f"since={since} is after until={until} (until defaults to the crawl's today; "
            "give until=YYYY-MM-DD, or set CRAWL_TODAY)"
        )
    return [since + timedelta(days=n) for n in range((until - since).days + 1)]


def _date(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise SpiderArgumentError(f"{name}={value!r} is not a date (expected YYYY-MM-DD)") from None


def parse_window(raw: dict[str, str], mode: str) -> tuple[date | None, date | None]:
    """``since``/``until`` of ``-a`` arguments (both spiders): dates in order, and a
    backfill has a ``since``."""
    since = _date("since", raw["since"]) if raw.get("since") else None
    until = _date("until", raw["until"]) if raw.get("until") else None
    if since and until and since > until:
        raise SpiderArgumentError(f"since={since} is after until={until}")
    if mode == "backfill" and since is None:
        raise SpiderArgumentError("mode=backfill needs since=YYYY-MM-DD")
    return since, until


def parse_spider_args(raw: dict[str, str]) -> SpiderArgs:
    """Turn ``-a`` strings into :class:`SpiderArgs`, or raise :class:`SpiderArgumentError`."""
    known = {"mode", "since", "until", "subdomains", "limit", "urls"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SpiderArgumentError(
            f"unknown argument(s) {', '.join(unknown)}; known: {sorted(known)}"
        )
    mode = raw.get("mode", "urls" if raw.get("urls") else "nightly").strip()
    if mode not in MODES:
        raise SpiderArgumentError(f"mode={mode!r} is not one of {', '.join(MODES)}")
    since, until = parse_window(raw, mode)
    subdomains = ARTICLE_SUBDOMAINS
    if raw.get("subdomains"):
        subdomains = frozenset(s.strip().lower() for s in raw["subdomains"].split(",") if s.strip())
        bad = sorted(subdomains - ARTICLE_SUBDOMAINS)
        if bad or not subdomains:
            raise SpiderArgumentError(
                f"subdomains: unknown {bad}; choose from {sorted(ARTICLE_SUBDOMAINS)}"
            )
    limit = None
    if raw.get("limit"):
        try:
            limit = int(raw["limit"])
        except ValueError:
            raise SpiderArgumentError(f"limit={raw['limit']!r} is not a whole number") from None
        if limit <= 0:
            raise SpiderArgumentError(f"limit={limit} must be positive")
    urls = tuple(u.strip() for u in raw.get("urls", "").split(",") if u.strip())
    bad_urls = [u for u in urls if not is_article_url(u)]
    if bad_urls:
        raise SpiderArgumentError(f"urls: not Inquirer article URLs: {bad_urls}")
    if mode == "urls" and not urls:
        raise SpiderArgumentError("mode=urls needs urls=<url>[,<url>...]")
    return SpiderArgs(mode, since, until, subdomains, limit, urls)
