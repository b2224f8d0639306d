"""What a page object reads before any cleaning, per field, for the cases that keep a
``raw.json`` (written by hand from the page's markup): a failure here says the selector or
the source list is wrong, a failure in test_pages_corpus.py alone says the cleaner is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawler.items import RawArticle
from crawler.pages import extract_raw
from tests.support.clock import NOW
from tests.support.paths import FIXTURE_PAGES

PAGES = FIXTURE_PAGES
CASES = sorted(p.parent for p in PAGES.glob("*/*/raw.json"))


def read(raw: RawArticle, field: str) -> Any:
    if field in ("published_raw", "updated_raw"):
        texts = getattr(raw, field)
        if not texts and hasattr(texts, "read_last_resort"):
            texts.read_last_resort()  # what the date stage reads when nothing else gave one
        return texts[0] if texts else None
    if field == "first_block":
        return list(raw.blocks[0])
    return getattr(raw, field)


FIELD_CASES = [
    pytest.param(case, field, id=f"{case.name}::{field}")
    for case in CASES
    for field in sorted(json.loads((case / "raw.json").read_text(encoding="utf-8")))
]


def test_there_are_raw_cases() -> None:
    assert len(CASES) >= 10


def test_every_article_fixture_has_a_raw_json() -> None:
    """Each fixture page that is an article (its expected.json is no ``not_article``)
    keeps what its page object reads in a raw.json."""
    articles = {
        p.parent
        for p in PAGES.glob("*/*/expected.json")
        if "not_article" not in json.loads(p.read_text(encoding="utf-8"))
    }
    assert len(articles) >= 50
    assert sorted(case.name for case in articles - set(CASES)) == []


@pytest.mark.parametrize(("case", "field"), FIELD_CASES)
def test_raw_field(case: Path, field: str) -> None:
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    expected = json.loads((case / "raw.json").read_text(encoding="utf-8"))
    raw = extract_raw(
        meta["url"], (case / "page.html").read_bytes(), meta["http"]["content_type"], now=NOW
    )
    assert read(raw, field) == expected[field]
