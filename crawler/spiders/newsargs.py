"""Typed, validated arguments of ``scrapy crawl news`` (``-a name=value``); no Scrapy imports.

One of ``site``, ``sites`` or ``sites_file`` names the outlets; ``mode``, ``since``,
``until`` and ``limit`` work as for ``inquirer`` (``limit`` counts per outlet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crawler.spiders.args import SpiderArgumentError, parse_window, window_days
from crawler.spiders.profiles import (
    ProfileError,
    SiteProfile,
    check_distinct,
    load_profiles,
    profile_for_url,
)

NEWS_MODES = ("nightly", "backfill")
KNOWN = frozenset({"site", "sites", "sites_file", "mode", "since", "until", "limit"})


@dataclass(frozen=True, slots=True)
class NewsArgs:
    sites: tuple[SiteProfile, ...]
    mode: str = "nightly"
    since: date | None = None
    until: date | None = None
    limit: int | None = None

    def days(self, today: date) -> list[date]:
        """The window's calendar days (in an outlet's own zone), oldest first."""
        return window_days(self.since, self.until, today)


def _profiles(raw: dict[str, str]) -> list[SiteProfile]:
    given = [k for k in ("site", "sites", "sites_file") if raw.get(k, "").strip()]
    if len(given) != 1:
        raise SpiderArgumentError(
            "give exactly one of site=URL, sites=URL,URL or sites_file=sites.toml"
            + (f" (got {', '.join(given)})" if given else "")
        )
    try:
        if given[0] == "sites_file":
            return load_profiles(raw["sites_file"].strip())
        urls = [u.strip() for u in raw[given[0]].split(",") if u.strip()]
        profiles = [profile_for_url(u) for u in urls]
        check_distinct(profiles)
        return profiles
    except ProfileError as exc:
        raise SpiderArgumentError(str(exc)) from None


def _limit(value: str | None) -> int | None:
    if not value:
        return None
    try:
        limit = int(value)
    except ValueError:
        raise SpiderArgumentError(f"limit={value!r} is not a whole number") from None
    if limit <= 0:
        raise SpiderArgumentError(f"limit={limit} must be positive")
    return limit


def parse_news_args(raw: dict[str, str]) -> NewsArgs:
    """Turn ``-a`` strings into :class:`NewsArgs`, or raise :class:`SpiderArgumentError`."""
    unknown = sorted(set(raw) - KNOWN)
    if unknown:
        raise SpiderArgumentError(
            f"unknown argument(s) {', '.join(unknown)}; known: {sorted(KNOWN)}"
        )
    mode = raw.get("mode", "nightly").strip()
    if mode not in NEWS_MODES:
        raise SpiderArgumentError(f"mode={mode!r} is not one of {', '.join(NEWS_MODES)}")
    since, until = parse_window(raw, mode)
    return NewsArgs(tuple(_profiles(raw)), mode, since, until, _limit(raw.get("limit")))
