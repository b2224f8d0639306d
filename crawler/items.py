"""ArticleItem: the contract between page objects, pipelines and the store.

Every field is documented in the README ("The item contract"). Page objects
fill the raw parts; the cleaning stages (``crawler.cleaning.stages``) fill the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, overload


@dataclass(slots=True)
class ImageItem:
    """One image of an article: its URL, the caption text and the photo credit."""

    url: str
    caption: str | None = None
    credit: str | None = None


class LazyTexts(Sequence[str]):
    """Candidate texts in order of preference, each read off the page only when a consumer
    gets that far. The date stage stops at the first plausible date, so the machine-readable
    fallbacks (JSON-LD, ``<meta>``) of a page whose printed date reads are never parsed
    (~7% of an extraction). Empty and missing texts are skipped; it compares equal to the
    list of its texts, and its repr is that list's."""

    __slots__ = ("_names", "_readers", "_sources", "_texts")

    def __init__(self, *readers: Callable[[], str | None]) -> None:
        self._readers = list(readers)
        self._names: list[str | None] = [None] * len(self._readers)
        self._texts: list[str] = []
        self._sources: list[str | None] = []

    @classmethod
    def named(cls, *sources: tuple[str, Callable[[], str | None]]) -> LazyTexts:
        """Readers each named by the source they read (``("json-ld", read_ld)``), so a
        consumer can tell which source the text it took came from (:meth:`source_of`)."""
        texts = cls(*(reader for _, reader in sources))
        texts._names = [name for name, _ in sources]
        return texts

    def source_of(self, index: int) -> str | None:
        """The name of the source of the ``index``-th text (None if unnamed or unread)."""
        return self._sources[index] if 0 <= index < len(self._sources) else None

    def _read(self, count: int) -> bool:
        """Read until ``count`` texts are known; False if the page has fewer."""
        while len(self._texts) < count and self._readers:
            text, name = self._readers.pop(0)(), self._names.pop(0)
            if text:
                self._texts.append(text)
                self._sources.append(name)
        return len(self._texts) >= count

    def _all(self) -> list[str]:
        """Every text (each reader adds at most one)."""
        self._read(len(self._texts) + len(self._readers))
        return self._texts

    def __iter__(self) -> Iterator[str]:
        position = 0
        while self._read(position + 1):
            yield self._texts[position]
            position += 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, int) and index >= 0 and self._read(index + 1):
            return self._texts[index]
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._all() == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._all())


class SourcedTexts(LazyTexts):
    """:class:`LazyTexts` from ``(source name, reader)`` pairs (``"json-ld"``, ``"meta"``,
    ...), as :meth:`LazyTexts.named` builds them: the date stage records which source won."""

    __slots__ = ()

    def __init__(self, *readers: tuple[str, Callable[[], str | None]]) -> None:
        super().__init__(*(reader for _, reader in readers))
        self._names = [name for name, _ in readers]


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
    published_raw: Sequence[str] = field(default_factory=list)  # best first; may be LazyTexts
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
