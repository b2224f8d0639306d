"""The drift suite (metamorphic tests): every markup transformation of
``tests/support/drift/transforms.py`` applied to every Inquirer fixture page.

A transformation that only changes the markup must leave the extracted item unchanged:
every reviewed field of the page's ``expected.json``, the extraction method and the
provenance (``field_sources``). A transformation that removes or renames a container
may change only the fields that container held; each of those is either still right, or
comes from its next source (``field_sources`` says which, never the layout) and is clean,
or is empty.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from crawler.cleaning.boilerplate import FURNITURE_PHRASES
from crawler.items import ArticleItem
from crawler.pages import NotAnArticle, extract_article
from crawler.pages.encoding import decode_page
from tests.support.drift.transforms import TRANSFORMATIONS, Transformation
from tests.support.paths import FIXTURE_PAGES

INQUIRER = FIXTURE_PAGES / "inquirer"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Asia/Manila"))
PAGES = sorted(
    p.parent.name
    for p in INQUIRER.glob("*/expected.json")
    if "not_article" not in json.loads(p.read_text(encoding="utf-8"))
)
#: The fields a container's value feeds (a renamed body also moves the dateline, the
#: trailing contributors and wire credit, and the derived word count and hash).
DEPENDENT = {
    "body": (
        "body",
        "word_count",
        "content_hash",
        "dateline",
        "contributors",
        "agency",
        "extraction_method",
        "images",  # a bare photo in the body: only the layout's body container finds it
    ),
    "published_at": ("published_at", "published_at_raw"),
    "updated_at": ("updated_at", "updated_at_raw"),
    "authors": ("authors",),
    "tags": ("tags",),
    "agency": ("agency",),
    "title": ("title", "content_hash"),
    "section": ("section",),
}
PRIMARY_SOURCES = {"layout", "date-line", "source-link"}


@cache
def page(name: str) -> tuple[str, str, str | None, dict[str, Any]]:
    folder = INQUIRER / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    content_type = (meta.get("http") or {}).get("content_type")
    text, _ = decode_page((folder / "page.html").read_bytes(), content_type)
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return meta["url"], text, content_type, expected


@cache
def baseline(name: str) -> ArticleItem:
    url, text, content_type, _ = page(name)
    return extract_article(url, text, content_type, now=NOW)


def reviewed(item: ArticleItem, expected: dict[str, Any]) -> dict[str, Any]:
    """The item's values of the fields the page's expected.json reviews (the corpus tests
    check the untouched page against expected.json itself)."""
    data = item.to_json()
    return {field: data[field] for field in expected}


def test_the_library_has_at_least_twenty_transformations() -> None:
    assert len(TRANSFORMATIONS) >= 20


CASES = [
    pytest.param(TRANSFORMATIONS[t], name, id=f"{t}::{name}")
    for t in sorted(TRANSFORMATIONS)
    for name in PAGES
]


@pytest.mark.parametrize(("transformation", "name"), CASES)
def test_drift(transformation: Transformation, name: str) -> None:
    url, text, content_type, expected = page(name)
    drifted = transformation.apply(text)
    before = baseline(name)
    if not transformation.renamed_fields:
        item = extract_article(url, drifted, content_type, now=NOW)
        assert reviewed(item, expected) == reviewed(before, expected)
        assert item.extraction_method == before.extraction_method
        assert item.field_sources == before.field_sources
        return
    check_renamed(transformation, name, url, drifted, content_type, before, expected)


def check_renamed(
    transformation: Transformation,
    name: str,
    url: str,
    drifted: str,
    content_type: str | None,
    before: ArticleItem,
    expected: dict[str, Any],
) -> None:
    try:
        item = extract_article(url, drifted, content_type, now=NOW)
    except NotAnArticle as exc:
        # only a page whose date line was its one date may stop being an article
        assert "published_at" in transformation.renamed_fields, exc
        assert exc.reason == "invalid" and "publication date" in str(exc)
        return
    moved = {f for renamed in transformation.renamed_fields for f in DEPENDENT[renamed]}
    now, then = reviewed(item, expected), reviewed(before, expected)
    assert {k: v for k, v in now.items() if k not in moved} == {
        k: v for k, v in then.items() if k not in moved
    }
    for field in transformation.renamed_fields:
        value, old = getattr(item, field), getattr(before, field)
        if value == old or value in (None, [], ""):
            continue
        source = item.field_sources.get(field)
        assert source and source not in PRIMARY_SOURCES, (field, source, value)
    if "body" in transformation.renamed_fields and item.body != before.body:
        assert item.field_sources["body"] == "generic"
        assert not [p for p in FURNITURE_PHRASES if p in item.body]
        words, old_words = set(item.body.split()), before.body.split()
        recall = sum(w in words for w in old_words) / len(old_words)
        assert recall >= 0.9, recall
