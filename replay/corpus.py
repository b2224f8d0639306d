"""The pages the replay site serves: every fixture case under tests/fixtures/pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from crawler.clock import MANILA
from tests.support.paths import FIXTURE_PAGES

DEFAULT_CORPUS = FIXTURE_PAGES


@dataclass(slots=True)
class ReplayPage:
    """One page of the replay site and what the index and feeds say about it."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=UTF-8"
    status: int = 200
    indexed: bool = True
    title: str = ""
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None
    index_day: date | None = None
    case: str = ""
    render: Callable[[], bytes] | None = None  # generated pages: bytes made on request

    def content(self) -> bytes:
        return self.render() if self.render is not None and not self.body else self.body

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    @property
    def subdomain(self) -> str:
        return self.host.split(".")[0]

    @property
    def key(self) -> tuple[str, str]:
        """(host, path?query): how requests are matched (see :func:`serve_key`)."""
        return serve_key(self.host, self.url)


def serve_key(host: str, url_or_target: str) -> tuple[str, str]:
    """A served page's address, trailing slash ignored (``/amp`` pages stay distinct)."""
    parts = urlsplit(url_or_target)
    path = (parts.path or "/").rstrip("/") or "/"
    return host.lower(), path + (f"?{parts.query}" if parts.query else "")


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=MANILA)


def load_case(case_dir: Path) -> ReplayPage:
    """A fixture directory -> the page it serves."""
    meta = json.loads((case_dir / "meta.json").read_text(encoding="utf-8"))
    expected_path = case_dir / "expected.json"
    expected = (
        json.loads(expected_path.read_text(encoding="utf-8")) if expected_path.exists() else {}
    )
    http = meta.get("http") or {}
    published = _parse_time(expected.get("published_at"))
    index_day = (
        date.fromisoformat(meta["index_date"])
        if meta.get("index_date")
        else (published.astimezone(MANILA).date() if published else None)
    )
    return ReplayPage(
        url=meta["url"],
        body=(case_dir / "page.html").read_bytes(),
        content_type=http.get("content_type", "text/html; charset=UTF-8"),
        status=int(http.get("status", 200)),
        indexed=bool(meta.get("index", "not_article" not in expected))
        and "not_article" not in expected,
        title=expected.get("title", ""),
        section=expected.get("section"),
        authors=list(expected.get("authors") or []),
        published_at=published,
        modified_at=_parse_time(expected.get("updated_at")) or published,
        index_day=index_day,
        case=case_dir.name,
    )


def load_corpus(
    root: Path = DEFAULT_CORPUS, groups: tuple[str, ...] = ("inquirer",)
) -> list[ReplayPage]:
    """Every case of the given groups, sorted by URL (stable order for the index and feeds)."""
    pages = [
        load_case(meta.parent)
        for group in groups
        for meta in sorted((root / group).glob("*/meta.json"))
        if (meta.parent / "page.html").exists()
    ]
    return sorted(pages, key=lambda p: p.url)
