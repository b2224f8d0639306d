"""The four markup-drift defects of issue 14, each on an edited copy of a fixture page.

Expected values are the fixture's reviewed ``expected.json``: an edit that changes only
the markup must change nothing in the stored item (or, where a container is gone, only
the field that container held, with ``field_sources`` saying where it came from).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from crawler.items import ArticleItem
from crawler.pages import extract_article
from tests.support.paths import FIXTURE_PAGES

INQUIRER = FIXTURE_PAGES / "inquirer"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Asia/Manila"))
DEPED = "newsinfo_2026_11_27_deped-classrooms-verbena"
CEBU = "newsinfo_2026_11_22_cebu-plastic-ban"


def case(name: str) -> tuple[str, str, dict[str, Any]]:
    folder = INQUIRER / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return meta["url"], (folder / "page.html").read_text(encoding="utf-8"), expected


def extract(url: str, html: str) -> ArticleItem:
    return extract_article(url, html, "text/html; charset=UTF-8", now=NOW)


def edit(html: str, old: str, new: str) -> str:
    assert html.count(old) == 1, f"the edit's anchor is not unique: {old[:60]!r}"
    return html.replace(old, new)


# --- defect 1: paragraphs wrapped in a <div> were dropped without a signal ---------------
def test_paragraphs_wrapped_in_a_div_stay_in_the_body() -> None:
    url, html, expected = case(DEPED)
    first = "<p>Of the total, 615 classrooms"
    html = edit(html, first, '<div class="inline-block">' + first)
    html = edit(html, '<div id="inserted_mrec"', '</div>\n<div id="inserted_mrec"')
    item = extract(url, html)
    assert item.body == expected["body"]
    assert item.extraction_method == "inquirer-default-v1"
    assert item.word_count == len(expected["body"].split())


# --- defect 2: a wrapper inside the body container sent the whole page to trafilatura -----
def test_a_wrapper_around_the_whole_body_keeps_the_layout_body() -> None:
    url, html, expected = case(DEPED)
    html = edit(html, '<div id="FOR_target_content">', '<div id="FOR_target_content"><div>')
    html = edit(
        html, "185 kilometers per hour.</p>\n</div>", "185 kilometers per hour.</p>\n</div></div>"
    )
    item = extract(url, html)
    assert item.body == expected["body"]
    assert item.extraction_method == "inquirer-default-v1"
    assert item.field_sources["body"] == "layout"


def test_a_renamed_body_container_takes_only_the_body_from_the_generic_extractor() -> None:
    url, html, expected = case(DEPED)
    html = edit(html, 'id="FOR_target_content"', 'id="story_text"')
    html = edit(html, 'id="article_content"', 'id="story_wrap"')
    item = extract(url, html)
    assert item.extraction_method == "inquirer-default-v1+trafilatura"
    assert item.field_sources["body"] == "generic"
    # every other field keeps its layout source and its reviewed value
    for field in ("title", "authors", "published_at_raw", "tags", "section", "dateline"):
        assert getattr(item, field) == expected[field], field
    assert item.published_at == datetime.fromisoformat(expected["published_at"])
    assert item.field_sources["published_at"] == "date-line"
    assert item.field_sources["tags"] == "layout"
    assert item.field_sources["authors"] == "layout"
    assert item.field_sources["title"] == "layout"
    assert item.field_sources["section"] == "layout"
    # the generic body is the story (its first and last sentences), not the page furniture
    assert item.body.startswith("At least 2,400 classrooms")
    assert item.body.endswith("185 kilometers per hour.")


# --- defect 3: without data-byline-strips the desk ran into the last name --------------
def test_authors_without_the_data_attribute_drop_the_desk_suffix() -> None:
    url, html, expected = case(CEBU)
    html = edit(html, ' data-byline-strips="Carmel Lapuz-Solis, Erwin Magbanua"', "")
    item = extract(url, html)
    assert item.authors == expected["authors"] == ["Carmel Lapuz-Solis", "Erwin Magbanua"]
    assert item.field_sources["authors"] == "layout"


def test_authors_printed_as_plain_text_with_a_glued_desk_suffix() -> None:
    url, html, _ = case(CEBU)
    start = html.index('<div id="art_author"')
    end = html.index("</div>", start) + len("</div>")
    html = (
        html[:start]
        + '<div id="art_author">Carmel Lapuz-Solis, Erwin Magbanua Inquirer Visayas</div>'
        + html[end:]
    )
    assert extract(url, html).authors == ["Carmel Lapuz-Solis", "Erwin Magbanua"]


# --- defect 4: an inline related-stories block cut off everything after it ---------------
RELATED_SHAPES = {
    "label-then-list": (
        "<p>RELATED STORIES:</p>\n<ul>\n"
        '<li><a href="https://newsinfo.inquirer.net/1/a">Verbena death toll rises</a></li>\n'
        '<li><a href="https://newsinfo.inquirer.net/2/b">Schools reopen in Albay</a></li>\n</ul>\n'
    ),
    "strong-label-and-links-in-one-p": (
        "<p><strong>RELATED STORIES:</strong><br>"
        '<a href="https://newsinfo.inquirer.net/1/a">Typhoon Verbena death toll rises</a><br>'
        '<a href="https://newsinfo.inquirer.net/2/b">Schools reopen in Albay</a></p>\n'
    ),
    "label-and-links-inline": (
        '<p>RELATED STORIES: <a href="https://newsinfo.inquirer.net/1/a">Typhoon Verbena death'
        ' toll rises</a> <a href="https://newsinfo.inquirer.net/2/b">Schools reopen</a></p>\n'
    ),
    "wrapped-in-a-div": (
        '<div class="inq-related"><p><b>RELATED STORIES</b></p>'
        '<p><a href="https://newsinfo.inquirer.net/1/a">Typhoon Verbena death toll rises</a></p>'
        "</div>\n"
    ),
}


@pytest.mark.parametrize("shape", sorted(RELATED_SHAPES))
def test_an_inline_related_stories_block_does_not_cut_the_body(shape: str) -> None:
    url, html, expected = case(DEPED)
    anchor = "<p>The remaining 1,785 classrooms"
    html = edit(html, anchor, RELATED_SHAPES[shape] + anchor)
    item = extract(url, html)
    assert item.body == expected["body"]


# --- crossheads stay on their own line whatever their markup -----------------------------
CROSSHEAD_SHAPES = {
    "h3": "<h3>‘Classes will not wait’</h3>",
    "p-strong": "<p><strong>‘Classes will not wait’</strong></p>",
    "p-b-in-a-div": "<div><p><b>‘Classes will not wait’</b></p></div>",
    "h2-strong": "<h2><strong>‘Classes will not wait’</strong></h2>",
}


@pytest.mark.parametrize("shape", sorted(CROSSHEAD_SHAPES))
def test_a_crosshead_is_its_own_block_whatever_its_markup(shape: str) -> None:
    url, html, expected = case(DEPED)
    html = edit(html, "<h2>‘Classes will not wait’</h2>", CROSSHEAD_SHAPES[shape])
    assert extract(url, html).body == expected["body"]


def test_a_bold_lead_line_before_a_line_break_is_a_crosshead() -> None:
    url, html, expected = case(DEPED)
    html = edit(
        html,
        "<h2>‘Classes will not wait’</h2>\n<p>",
        "<p><strong>‘Classes will not wait’</strong><br>",
    )
    assert extract(url, html).body == expected["body"]


# --- silent loss: a layout body clearly shorter than its container is noticed ----------
def test_a_body_that_misses_container_text_is_recorded_and_replaced() -> None:
    url, html, expected = case(DEPED)
    # a wrapper whose class reads like a video embed holds four paragraphs of the story
    first = "<p>Of the total, 615 classrooms"
    html = edit(html, first, '<div class="video-story-notes">' + first)
    html = edit(
        html, "<h2>‘Classes will not wait’</h2>", "</div>\n<h2>‘Classes will not wait’</h2>"
    )
    item = extract(url, html)
    assert item.body == expected["body"]  # the container's text, furniture phrases cleaned
    assert item.field_sources["body"] == "container"
    # the container: the 199 words of the reviewed body + the 3 of the dateline
    # ("MANILA, Philippines —"); the wrapper held paragraphs of 27, 16 and 21 words
    assert [p for p in item.problems if p.startswith("body_loss")] == [
        "body_loss: the layout body has 138 of the 202 words of its container"
    ]


def test_a_complete_body_records_no_loss() -> None:
    url, html, _ = case(DEPED)
    item = extract(url, html)
    assert item.problems == [] and item.field_sources["body"] == "layout"
