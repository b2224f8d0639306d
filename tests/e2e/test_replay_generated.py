"""The generated replay site: pages made from the corpus layouts extract back exactly."""

from __future__ import annotations

from datetime import datetime

from crawler.pages import extract_article
from replay.generate import generate_pages, load_templates
from replay.server import build_site
from tests.support.clock import NOW


def test_enough_templates_from_several_subdomains() -> None:
    templates = load_templates()
    assert len(templates) >= 10
    assert len({t.subdomain for t in templates}) >= 5


def test_generated_pages_extract_to_their_own_url_title_and_time() -> None:
    pages = generate_pages(60, datetime(2026, 11, 28), days=6)
    assert len({p.url for p in pages}) == 60
    for page in pages[::7]:
        item = extract_article(page.url, page.content(), now=NOW)
        assert (item.canonical_url, item.title, item.published_at) == (
            page.url,
            page.title,
            page.published_at,
        )


def test_generated_site_indexes_every_page_on_its_day() -> None:
    site = build_site(generate=200, days=10, include_corpus=False)
    assert sum(len(v) for v in site.by_day.values()) == 200
    assert len(site.days()) == 10


def test_generated_pages_stay_inside_the_requested_days() -> None:
    site = build_site(generate=10_000, days=20, include_corpus=False)
    assert len(site.days()) == 20  # none spill onto a 21st day a 20-day backfill would miss
