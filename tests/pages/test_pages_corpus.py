"""Every fixture case x every expected field: a failure names the case and the field."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from crawler.cleaning.boilerplate import FURNITURE_PHRASES
from crawler.cleaning.stages import content_hash
from crawler.items import ArticleItem
from crawler.pages import NotAnArticle, extract_article
from tests.support.paths import FIXTURE_PAGES

PAGES = FIXTURE_PAGES
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Asia/Manila"))
CASES = sorted(p.parent for p in PAGES.glob("*/*/expected.json"))


def case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


@cache
def load(case: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return meta, expected


@cache
def extract(case: Path) -> ArticleItem | NotAnArticle:
    meta, _ = load(case)
    content_type = (meta.get("http") or {}).get("content_type")
    try:
        return extract_article(
            meta["url"], (case / "page.html").read_bytes(), content_type, now=NOW
        )
    except NotAnArticle as exc:
        return exc


FIELD_CASES = [
    pytest.param(case, field, id=f"{case_id(case)}::{field}")
    for case in CASES
    for field in sorted(load(case)[1])
]


def _normalise(field: str, value: Any) -> Any:
    if field in ("published_at", "updated_at") and isinstance(value, str):
        return datetime.fromisoformat(value)
    if field == "images" and isinstance(value, list):
        return [asdict(v) if not isinstance(v, dict) else v for v in value]
    return value


@pytest.mark.parametrize(("case", "field"), FIELD_CASES)
def test_field(case: Path, field: str) -> None:
    _, expected = load(case)
    result = extract(case)
    if field == "not_article":
        assert isinstance(result, NotAnArticle), (
            f"extracted an article from a {expected[field]} page"
        )
        assert result.reason == expected[field]
        return
    assert isinstance(result, ArticleItem), f"not extracted: {result}"
    actual = getattr(result, field)
    assert _normalise(field, actual) == _normalise(field, expected[field])


ARTICLE_CASES = [pytest.param(c, id=case_id(c)) for c in CASES if "not_article" not in load(c)[1]]


@pytest.mark.parametrize("case", ARTICLE_CASES)
def test_derived_fields_and_no_furniture(case: Path) -> None:
    item = extract(case)
    assert isinstance(item, ArticleItem), f"not extracted: {item}"
    assert item.word_count == len(item.body.split())
    assert item.content_hash == content_hash(item.title, item.body)
    for phrase in FURNITURE_PHRASES:
        assert phrase.lower() not in item.body.lower(), f"furniture {phrase!r} in the body"
    if item.published_at is not None:
        assert item.published_at.utcoffset() is not None


def test_corpus_size() -> None:
    inquirer = [c for c in CASES if c.parent.name == "inquirer"]
    assert len(inquirer) >= 8
