"""Site profiles: what the ``news`` spider knows of an outlet, from ``-a site=URL`` or a
``sites.toml`` file (docs/sites.example.toml). Pure: no Scrapy, no network.

A profile never needs code. Every key but ``start_url`` is optional::

    [[site]]
    name = "Harbor Times"                       # shown in logs and reports
    start_url = "https://www.harbortimes.test/" # the home page
    feeds = ["https://www.harbortimes.test/rss.xml"]
    sitemaps = ["https://www.harbortimes.test/news-sitemap.xml"]
    zone = "Asia/Manila"                        # the outlet's own clock (window days, page times)
    download_delay = 2.0                        # seconds between requests to its hosts
    concurrency = 1                             # requests at once to each of its hosts

    [site.selectors]                            # only where the generic reader errs
    title = "h1.headline"
    author = ".byline a"
    published = "time.published::attr(datetime)"
    section = ".kicker"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crawler.clock import UTC_ZONE
from crawler.pages.profiled import compile_selector
from crawler.site import ZONE as SITE_ZONE
from crawler.urls import host_of, site_of, subdomain_of

SELECTOR_FIELDS = ("title", "author", "published", "section")
KNOWN_KEYS = frozenset(
    {"name", "start_url", "feeds", "sitemaps", "zone", "download_delay", "concurrency", "selectors"}
)


class ProfileError(ValueError):
    """A site URL or a ``sites.toml`` entry is not valid; the message names it."""


@dataclass(frozen=True, slots=True)
class SiteProfile:
    start_url: str
    name: str = ""
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    zone: ZoneInfo | None = None
    download_delay: float | None = None
    concurrency: int | None = None
    selectors: dict[str, str] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return host_of(self.start_url)

    @property
    def clock(self) -> ZoneInfo:
        """The outlet's own clock: the window's days are counted in it, and a date without
        an offset (a sitemap's ``2026-11-28``, a page's ``28.11.2026 14:05``) is read in it.
        ``zone`` when the profile gives one; else Asia/Manila for the Inquirer's sites, UTC
        for any other."""
        if self.zone is not None:
            return self.zone
        return SITE_ZONE if subdomain_of(self.start_url) is not None else UTC_ZONE

    @property
    def domain(self) -> str:
        """The outlet's registrable domain: what ``articles.site`` holds."""
        return site_of(self.start_url)

    @property
    def label(self) -> str:
        return self.name or self.domain

    def url(self, path: str) -> str:
        parts = urlsplit(self.start_url)
        return f"{parts.scheme}://{parts.netloc}{path}"


def _check_url(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(f"{where}: expected a URL, got {value!r}")
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        raise ProfileError(f"{where}: {url!r} is not an http(s) URL with a host name")
    return url if parts.path else url + "/"


def profile_for_url(url: str) -> SiteProfile:
    """The profile of ``-a site=URL``: the start URL alone."""
    return SiteProfile(_check_url(url, "site"))


def _urls(entry: dict[str, Any], key: str, where: str, domain: str) -> tuple[str, ...]:
    values = entry.get(key, [])
    if isinstance(values, str) or not isinstance(values, list):
        raise ProfileError(f"{where}.{key}: expected a list of URLs, got {values!r}")
    urls = tuple(_check_url(v, f"{where}.{key}") for v in values)
    for url in urls:
        if site_of(url) != domain:
            raise ProfileError(f"{where}.{key}: {url!r} is not on the outlet's site {domain}")
    return urls


def _zone(value: Any, where: str) -> ZoneInfo | None:
    if value is None:
        return None
    try:
        return ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise ProfileError(f"{where}.zone: unknown time zone {value!r}") from None


def _positive(value: Any, where: str, kind: type) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ProfileError(f"{where}: expected a positive number, got {value!r}")
    if kind is int and not isinstance(value, int):
        raise ProfileError(f"{where}: expected a whole number, got {value!r}")
    return kind(value)


def _selectors(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileError(f"{where}.selectors: expected a table of field = selector")
    unknown = sorted(set(value) - set(SELECTOR_FIELDS))
    if unknown:
        raise ProfileError(
            f"{where}.selectors: unknown field(s) {unknown}; known: {list(SELECTOR_FIELDS)}"
        )
    bad = [k for k, v in value.items() if not isinstance(v, str) or not v.strip()]
    if bad:
        raise ProfileError(f"{where}.selectors: {bad} must be non-empty CSS selector strings")
    for name, selector in value.items():
        try:
            compile_selector(selector.strip())
        except ValueError as exc:
            raise ProfileError(f"{where}.selectors.{name}: {exc}") from None
    return {k: v.strip() for k, v in value.items()}


def parse_profile(entry: Any, where: str) -> SiteProfile:
    """One ``[[site]]`` table -> a :class:`SiteProfile`, or :class:`ProfileError`."""
    if not isinstance(entry, dict):
        raise ProfileError(f"{where}: expected a table")
    unknown = sorted(set(entry) - KNOWN_KEYS)
    if unknown:
        raise ProfileError(f"{where}: unknown key(s) {unknown}; known: {sorted(KNOWN_KEYS)}")
    if "start_url" not in entry:
        raise ProfileError(f"{where}: start_url is required")
    start = _check_url(entry["start_url"], f"{where}.start_url")
    name = entry.get("name", "")
    if not isinstance(name, str):
        raise ProfileError(f"{where}.name: expected a string, got {name!r}")
    domain = site_of(start)
    return SiteProfile(
        start_url=start,
        name=name.strip(),
        feeds=_urls(entry, "feeds", where, domain),
        sitemaps=_urls(entry, "sitemaps", where, domain),
        zone=_zone(entry.get("zone"), where),
        download_delay=_positive(entry.get("download_delay"), f"{where}.download_delay", float),
        concurrency=_positive(entry.get("concurrency"), f"{where}.concurrency", int),
        selectors=_selectors(entry.get("selectors"), where),
    )


def parse_profiles(text: str, source: str = "sites.toml") -> list[SiteProfile]:
    """Every ``[[site]]`` of a TOML document; one outlet (registrable domain) at most once."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"site"})
    if unknown:
        raise ProfileError(f"{source}: unknown top-level key(s) {unknown}; use [[site]] tables")
    entries = data.get("site")
    if not isinstance(entries, list) or not entries:
        raise ProfileError(f"{source}: no [[site]] entries")
    profiles = [parse_profile(e, f"{source}: site {i + 1}") for i, e in enumerate(entries)]
    check_distinct(profiles)
    return profiles


def check_distinct(profiles: list[SiteProfile]) -> None:
    seen: dict[str, str] = {}
    for profile in profiles:
        if profile.domain in seen:
            raise ProfileError(
                f"{profile.start_url} and {seen[profile.domain]} are the same outlet "
                f"({profile.domain}); give it once"
            )
        seen[profile.domain] = profile.start_url


def load_profiles(path: str | Path) -> list[SiteProfile]:
    """The profiles of a ``sites.toml`` file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"sites_file={str(path)!r}: cannot read it ({exc.strerror})") from None
    return parse_profiles(text, str(path))
