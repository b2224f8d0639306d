"""ArticleItem: the contract between page objects, pipelines and the store.

Every field is documented in the README ("The item contract"). Page objects
fill the raw parts; the cleaning stages (``crawler.cleaning.stages``) fill the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(slots=True)
class ImageItem:
    """One image of an article: its URL, the caption text and the photo credit."""

    url: str
    caption: str | None = None
    credit: str | None = None


Reader = Callable[[], str | None]


class SourcedTexts(list[str]):
    """Candidate texts, best first, each with the name of the source it came from
    (``"date-line"``, ``"json-ld"``, ``"meta"``, ...): a plain list of the texts, so it
    compares equal to that list, and :meth:`source_of` says where each came from.

    Built from ``(source, reader)`` pairs; every reader is read at once, and empty or
    missing texts are left out. Costly or second-hand sources (a whole-page date search,
    the date a sitemap gave) go in ``last_resort``: they are read only through
    :meth:`read_last_resort`, which the date stage calls when no other text gave a
    plausible date (htmldate's search costs several milliseconds on a page that needs no
    search; reading the other sources lazily was measured and gains nothing)."""

    __slots__ = ("_last", "sources")

    def __init__(self, *readers: tuple[str, Reader], last_resort: tuple[str, Reader] | None = None):
        found = [(name, read()) for name, read in readers]
        kept = [(name, text) for name, text in found if text]
        super().__init__(text for _, text in kept)
        self.sources = [name for name, _ in kept]
        self._last = [last_resort] if last_resort else []

    def source_of(self, index: int) -> str | None:
        """The name of the source of the ``index``-th text (None out of range)."""
        return self.sources[index] if 0 <= index < len(self.sources) else None

    def add_first(self, source: str, text: str) -> None:
        """Put a known text before every other (a site profile's own selector)."""
        self.insert(0, text)
        self.sources.insert(0, source)

    def add_last_resort(self, source: str, text: str) -> None:
        """A known text read after every other source, last resorts included (the date
        discovery gave)."""
        self._last.append((source, lambda: text))

    def read_last_resort(self) -> bool:
        """Read the next last-resort source, adding its text if it gives one; False when
        none is left."""
        if not self._last:
            return False
        name, read = self._last.pop(0)
        text = read()
        if text:
            self.append(text)
            self.sources.append(name)
        return True


@dataclass(slots=True)
class RawArticle:
    """What a page object reads off one page, before any cleaning.

    ``blocks`` are the body's paragraphs and crossheads in page order, as
    ``(kind, text)`` pairs where kind is ``"p"`` or ``"h"``; furniture may
    still be among them. Date fields hold the texts exactly as found.
    """

    url: str
    canonical_url: str
    title: str
    blocks: list[tuple[str, str]]
    extraction_method: str
    section: str | None = None
    subtitle: str | None = None
    byline_raw: str | None = None
    source_raw: str | None = None
    published_raw: Sequence[str] = field(default_factory=list)  # best first; SourcedTexts
    updated_raw: Sequence[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    images: list[ImageItem] = field(default_factory=list)
    language: str = "en"
    page_type: str = "article"
    column: str | None = None
    # Filled by the cleaning stages (crawler.cleaning.stages), in this order:
    wire_credit: str | None = None
    contributors: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    dateline: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    published_at_raw: str | None = None
    updated_at_raw: str | None = None
    problems: list[str] = field(default_factory=list)
    http_validators: dict[str, str] = field(default_factory=dict)
    # The outlet's clock: date texts without an offset are read in it (None: Asia/Manila,
    # the Inquirer's; the news spider sets the outlet's zone).
    zone: ZoneInfo | None = None
    # field -> the source that gave it ("layout", "date-line", "json-ld", "meta", "generic", ...)
    field_sources: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ArticleItem:
    """One cleaned article, as stored. Datetimes are timezone-aware."""

    url: str
    canonical_url: str
    site: str
    subdomain: str | None
    site_article_id: str | None
    section: str | None
    title: str
    subtitle: str | None
    authors: list[str]
    agency: str | None
    contributors: list[str]
    dateline: str | None
    published_at: datetime | None
    updated_at: datetime | None
    published_at_raw: str | None
    updated_at_raw: str | None
    tags: list[str]
    body: str
    images: list[ImageItem]
    language: str
    word_count: int
    content_hash: str
    extraction_method: str
    page_type: str = "article"
    column: str | None = None
    problems: list[str] = field(default_factory=list)
    http_validators: dict[str, str] = field(default_factory=dict)  # etag, last_modified
    # field -> the source its value came from: {"published_at": "date-line", "body": "layout"}
    field_sources: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: datetimes as ISO 8601 strings with their offset."""
        data = asdict(self)
        for key in ("published_at", "updated_at"):
            value = getattr(self, key)
            data[key] = value.isoformat() if value is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleItem:
        """The item :meth:`to_json` described (``ArticleItem.from_json(i.to_json()) == i``)."""
        values = dict(data)
        for key in ("published_at", "updated_at"):
            if values.get(key) is not None:
                values[key] = datetime.fromisoformat(values[key])
        values["images"] = [ImageItem(**image) for image in values.get("images") or []]
        return cls(**values)
