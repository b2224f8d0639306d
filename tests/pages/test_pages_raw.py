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
from tests.support.paths import FIXTURE_PAGES

PAGES = FIXTURE_PAGES
CASES = sorted(p.parent for p in PAGES.glob("*/*/raw.json"))


def read(raw: RawArticle, field: str) -> Any:
    if field in ("published_raw", "updated_raw"):
        texts = list(getattr(raw, field))
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


@pytest.mark.parametrize(("case", "field"), FIELD_CASES)
def test_raw_field(case: Path, field: str) -> None:
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    expected = json.loads((case / "raw.json").read_text(encoding="utf-8"))
    raw = extract_raw(meta["url"], (case / "page.html").read_bytes(), meta["http"]["content_type"])
    assert read(raw, field) == expected[field]
