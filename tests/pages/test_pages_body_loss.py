"""The silent-loss check's shortcut (a container whose whole text leaves too few words
beyond the body is not walked again) gives what the full comparison gives, on every
Inquirer fixture page's body container, with the layout's body and with bodies missing
one, a few or most of their paragraphs."""

from __future__ import annotations

import json

import pytest

from crawler.cleaning.boilerplate import is_furniture
from crawler.pages.body import (
    LOSS_MIN_SHARE,
    LOSS_MIN_WORDS,
    check_body_loss,
    collect_blocks,
    is_non_text_element,
)
from crawler.pages.fields import LayoutPage
from crawler.pages.registry import select_page
from tests.support.paths import FIXTURE_PAGES


def full_comparison(root, blocks):  # the check as specified, without the shortcut
    wide = [b for b in collect_blocks(root, is_non_text_element) if not is_furniture(b[1])]
    kept = sum(len(t.split()) for _, t in blocks if not is_furniture(t))
    visible = sum(len(t.split()) for _, t in wide)
    missing = visible - kept
    if missing >= LOSS_MIN_WORDS and missing >= LOSS_MIN_SHARE * visible:
        return wide, True
    return blocks, False


def containers():
    for meta_path in sorted((FIXTURE_PAGES / "inquirer").glob("*/meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        html = (meta_path.parent / "page.html").read_bytes()
        page = select_page(meta["url"], html, meta["http"]["content_type"])
        if not isinstance(page, LayoutPage):
            continue
        root = page.loss_check_root()
        blocks = page.blocks()
        if root is not None and blocks:
            yield pytest.param(root, blocks, id=meta_path.parent.name)


@pytest.mark.parametrize(("root", "blocks"), list(containers()))
def test_the_shortcut_agrees_with_the_full_comparison(root, blocks) -> None:
    for kept in (blocks, blocks[1:], blocks[::2], blocks[:1]):
        result, problem = check_body_loss(root, kept, is_furniture)
        expected, lost = full_comparison(root, kept)
        assert (problem is not None) == lost
        assert result == expected


def test_a_body_missing_most_of_its_container_is_still_caught() -> None:
    caught = 0
    for param in containers():
        root, blocks = param.values
        if sum(len(t.split()) for _, t in blocks) >= 3 * LOSS_MIN_WORDS:
            _, problem = check_body_loss(root, blocks[:1], is_furniture)
            caught += problem is not None
    assert caught >= 30  # the shortcut does not hide real losses
