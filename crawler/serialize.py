"""One record shape for an article, whoever writes it out.

``crawler export`` (JSON Lines, CSV), Scrapy's feed exports (``scrapy crawl ... -O
out.jsonl``, crawler/extensions/feeds.py) and ``crawler show`` all write this record: the
same keys in the same order (``FIELDS``), datetimes as ISO 8601 UTC
(``2026-11-27T06:05:00Z``), image URLs as ``image_urls`` with their captions and credits in
``image_captions`` and ``image_credits`` (same order, null where the page gives none), the
column name as ``column_name``; no internal fields (``problems``, ``http_validators``). An
item straight from a crawl has no store row yet, so its store fields (``id``, ``version``,
``first_seen_at``, ``last_fetched_at``, ``last_changed_at``) are null. docs/schema.md
describes each field.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from crawler.items import ArticleItem

ARTICLE_FIELDS = (
    "id",
    "canonical_url",
    "url",
    "site",
    "subdomain",
    "site_article_id",
    "section",
    "column_name",
    "page_type",
    "title",
    "subtitle",
    "agency",
    "dateline",
    "published_at",
    "updated_at",
    "published_at_raw",
    "updated_at_raw",
    "language",
    "word_count",
    "body",
    "content_hash",
    "extraction_method",
    "field_sources",
    "version",
    "first_seen_at",
    "last_fetched_at",
    "last_changed_at",
)
STORE_ONLY_FIELDS = ("id", "version", "first_seen_at", "last_fetched_at", "last_changed_at")
LIST_FIELDS = ("authors", "contributors", "tags", "image_urls", "image_captions", "image_credits")
IMAGE_FIELDS = {"image_urls": "url", "image_captions": "caption", "image_credits": "credit"}
FIELDS = (*ARTICLE_FIELDS, *LIST_FIELDS)
CSV_LIST_SEPARATOR = "; "
RENAMED = {"column_name": "column", "image_urls": "images"}  # record field -> item field


def iso_utc(value: datetime) -> str:
    """``2026-11-27T06:05:00Z``: every datetime written out is UTC, with a Z."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def item_record(item: ArticleItem) -> dict[str, Any]:
    """The record of an item from the crawl (not stored yet: store fields are None)."""
    record: dict[str, Any] = {}
    for name in FIELDS:
        if name in STORE_ONLY_FIELDS:
            record[name] = None
        elif name in IMAGE_FIELDS:
            record[name] = [getattr(image, IMAGE_FIELDS[name]) for image in item.images]
        else:
            record[name] = getattr(item, RENAMED.get(name, name))
    return record


def json_ready(record: dict[str, Any]) -> dict[str, Any]:
    """The record with datetimes as ISO 8601 UTC strings (lists stay lists)."""
    return {k: iso_utc(v) if isinstance(v, datetime) else v for k, v in record.items()}


def csv_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, list):  # an image without a caption or credit: an empty part
        return CSV_LIST_SEPARATOR.join(part or "" for part in value)
    if isinstance(value, dict):  # field_sources: one JSON object in the cell
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def as_record(obj: Any) -> dict[str, Any]:
    """An ArticleItem or a stored article's record (``crawler.cli.export.iter_articles``) as a
    JSON-ready record in ``FIELDS`` order; anything else is returned as it is."""
    if isinstance(obj, ArticleItem):
        return json_ready(item_record(obj))
    if isinstance(obj, dict) and set(FIELDS) <= set(obj):
        return json_ready({name: obj[name] for name in FIELDS})
    return obj  # type: ignore[no-any-return]
