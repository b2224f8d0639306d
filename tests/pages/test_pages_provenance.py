"""field_sources: which source gave each field of an extracted article (issue 14)."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crawler.pages import extract_article
from tests.support.paths import FIXTURE_PAGES

INQUIRER = FIXTURE_PAGES / "inquirer"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Asia/Manila"))


def extract_case(name: str, edit: tuple[str, str] | None = None):  # type: ignore[no-untyped-def]
    folder = INQUIRER / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    html = (folder / "page.html").read_text(encoding="utf-8")
    if edit:
        assert html.count(edit[0]) == 1
        html = html.replace(*edit)
    return extract_article(meta["url"], html, "text/html; charset=UTF-8", now=NOW)


# Written from each page: which element, JSON-LD key or <meta> holds each field.
CASES = {
    "newsinfo_2026_11_27_deped-classrooms-verbena": {
        "title": "layout",
        "authors": "layout",
        "published_at": "date-line",
        "section": "layout",
        "tags": "layout",
        "body": "layout",
    },
    # #art_plat shows only "Updated as of:": the publication time is JSON-LD's
    "newsinfo_2026_11_28_davao-oriental-quake": {
        "title": "layout",
        "authors": "layout",
        "published_at": "json-ld",
        "updated_at": "date-line",
        "section": "layout",
        "tags": "layout",
        "body": "layout",
    },
    # an AFP story: no #art_author, the agency from the #art_plat source link
    "globalnation_2026_11_23_us-maritime-security-fund": {
        "title": "layout",
        "agency": "source-link",
        "published_at": "date-line",
        "section": "layout",
        "tags": "layout",
        "body": "layout",
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_field_sources_of_fixture_pages(name: str) -> None:
    assert extract_case(name).field_sources == CASES[name]


def test_a_missing_byline_container_takes_the_json_ld_person_authors() -> None:
    item = extract_case(
        "technology_2026_11_24_sim-registration-rules-explainer",
        ('id="art_author"', 'id="art_writer"'),
    )
    assert item.authors == ["Miguel Antonio Cruz", "Liza Marie Santos", "Dan Ocampo"]
    assert item.field_sources["authors"] == "json-ld"


def test_a_missing_date_line_takes_the_json_ld_date() -> None:
    item = extract_case("newsinfo_2026_11_27_deped-classrooms-verbena", ('id="art_plat"', 'id="x"'))
    assert item.published_at == datetime(2026, 11, 27, 14, 5, tzinfo=ZoneInfo("Asia/Manila"))
    assert item.field_sources["published_at"] == "json-ld"


def test_an_organization_author_in_json_ld_is_no_person() -> None:
    item = extract_case("opinion_2026_11_24_editorial-after-the-storm")
    assert item.authors == [] and "authors" not in item.field_sources


def test_renamed_containers_fall_back_to_the_links_inside_the_article() -> None:
    # the 2012 page has no JSON-LD: the byline link is the next source of the authors
    item = extract_case(
        "newsinfo_2012_10_22_quezon-coconut-farmers-protest",
        ('id="art_author"', 'id="art_writer"'),
    )
    assert item.authors == ["Romeo D. Salvador"]
    assert item.field_sources["authors"] == "byline-links"
    # no article:tag, no JSON-LD keywords: the /tag/ links inside the article
    item = extract_case(
        "newsinfo_2026_11_27_deped-classrooms-verbena", ('id="article_tags"', 'id="tag_box"')
    )
    assert item.tags == ["DepEd", "Typhoon Verbena", "classrooms", "Bicol"]
    assert item.field_sources["tags"] == "tag-links"
    # the breadcrumb renamed, no article:section meta: the JSON-LD, else the category link
    item = extract_case(
        "newsinfo_2026_11_21_china-coast-guard-kinmen", ('id="bc-share"', 'id="crumbs"')
    )
    assert item.section == "World"
    assert item.field_sources["section"] == "category-link"
