"""AMP and live-blog pages whose body container drifted: only the body comes from the
generic extractor; title, byline, dates, tags and section keep their layout sources, and
``field_sources`` says so. Expected values are the fixtures' reviewed ``expected.json``."""

from __future__ import annotations

import json

from crawler.pages import extract_article
from tests.support.clock import NOW
from tests.support.paths import FIXTURE_PAGES

CASES = FIXTURE_PAGES / "inquirer"
AMP = "newsinfo_2026_11_24_mmda-holiday-mall-hours-amp"
LIVE = "newsinfo_2026_11_26_live-bicam-2027-budget"


def drifted(name: str, old: str, new: str) -> tuple[str, str]:
    case = CASES / name
    url = json.loads((case / "meta.json").read_text(encoding="utf-8"))["url"]
    html = (case / "page.html").read_text(encoding="utf-8")
    assert old in html
    return url, html.replace(old, new)


def test_an_amp_page_without_its_body_container_keeps_its_other_fields() -> None:
    url, html = drifted(AMP, 'class="amp-wp-article-content"', 'class="amp-story-text-2027"')
    item = extract_article(url, html, now=NOW)

    assert item.extraction_method == "inquirer-amp-v1+trafilatura"
    assert item.field_sources["body"] == "generic"
    assert "Malls in Metro Manila will open at 11 a.m. and close at 11 p.m." in item.body
    # every other field from the AMP template's own markup
    assert item.title == "MMDA to extend mall hours, ban daytime deliveries for holiday rush"
    assert item.authors == ["Nestor Cabatingan"]
    assert item.tags == ["MMDA", "Christmas rush", "malls", "traffic"]
    assert item.section == "Metro"
    assert item.published_at_raw == "03:42 PM November 24, 2026"
    assert item.published_at is not None
    assert item.published_at.isoformat() == "2026-11-24T15:42:00+08:00"
    assert {k: item.field_sources[k] for k in ("title", "authors", "tags", "section")} == {
        "title": "layout",
        "authors": "layout",
        "tags": "layout",
        "section": "layout",
    }
    assert item.field_sources["published_at"] == "date-line"


def test_an_amp_page_reads_its_fields_from_the_template_and_says_so() -> None:
    url, html = drifted(AMP, "<html", "<html")
    item = extract_article(url, html, now=NOW)
    assert item.extraction_method == "inquirer-amp-v1"
    assert item.field_sources["body"] == "layout"
    assert item.field_sources["published_at"] == "date-line"


def test_a_live_blog_without_its_entry_markup_keeps_its_other_fields() -> None:
    url, html = drifted(LIVE, 'class="lb-entry"', 'class="lb-post"')
    item = extract_article(url, html, now=NOW)

    assert item.extraction_method == "inquirer-liveblog-v1+trafilatura"
    assert item.page_type == "liveblog"
    assert item.field_sources["body"] == "generic"
    assert "Bicam suspends session, resumes Friday" in item.body
    assert item.title == "LIVE UPDATES: Bicam panel tackles proposed 2027 national budget"
    assert item.authors == ["Ellaine Mae Sarmiento", "Carlo Bautista-Ong"]
    assert item.tags == [
        "2027 national budget",
        "bicameral conference committee",
        "Senate",
        "House of Representatives",
    ]
    assert item.section == "Nation"
    assert item.subtitle is not None and item.subtitle.startswith(
        "Senators and House members meet to reconcile"
    )
    assert item.published_at_raw == "09:00 AM November 26, 2026"
    assert item.updated_at_raw == "06:40 PM November 26, 2026"
    assert {k: item.field_sources[k] for k in ("title", "authors", "tags", "section")} == {
        "title": "layout",
        "authors": "layout",
        "tags": "layout",
        "section": "layout",
    }
    assert item.field_sources["published_at"] == "date-line"
    assert item.field_sources["updated_at"] == "date-line"
