"""Content round-trips exactly through SQLite and PostgreSQL: quotes and SQL-looking text,
emoji, right-to-left text, combining marks (never re-normalised), very long paragraphs; and
what a hostile page can put in an item is always storable."""

from __future__ import annotations

import itertools
import random
import string
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.cleaning.stages import MAX_BODY_CHARS, content_hash
from crawler.items import ArticleItem, ImageItem
from crawler.pages import NotAnArticle, extract_article
from crawler.store.engine import make_engine, make_session_factory
from crawler.store.repository import ArticleRepository
from tests.support.clock import NOW
from tests.support.factories import make_item
from tests.support.paths import FIXTURE_PAGES

CASE = FIXTURE_PAGES / "inquirer/newsinfo_2026_11_27_deped-classrooms-verbena"
PAGE = (CASE / "page.html").read_bytes()
URL = "https://newsinfo.inquirer.net/2231457/deped-2400-classrooms-damaged-by-typhoon-verbena"
TEXT_FIELDS = ("title", "subtitle", "body", "section", "dateline", "agency", "published_at_raw")
_numbers = itertools.count(1)

CASES = {
    "quotes and SQL": "Robert'); DROP TABLE articles;-- \"quoted\" 'single' `tick` \\' \\\\ "
    "%s %(name)s :param $1 ? /* c */ -- end; 1=1 OR ''='",
    "emoji": "Typhoon 🌀 update 👩\u200d💻 🇵🇭 flags, skin tones 👍🏽 and ZWJ families 👨\u200d👩\u200d👧",
    "right-to-left": "\u202bالأخبار اليوم\u202c and עברית \u200f(RTL)\u200e mixed 123 \u202enoitalever",
    "combining marks": "Jose\u0301 Ban\u0303os, Z\u0335\u0321a\u0358l\u0340g\u0322o\u0361, "
    "NFD and NFC side by side: \u00e9 e\u0301",
    "very long paragraph": (
        "The quick brown fox jumps over the lazy dog in Manila. " * 5000
    ).strip(),
    "control and odd space": "tab\there\u00a0nbsp\u2028line sep\u2009thin \ufeffbom \u200bzw",
}


def item_with(text: str, **changes: Any) -> ArticleItem:
    n = next(_numbers)
    base = make_item(n)
    body = f"{text}\n\n{text[:200]}"
    return replace(
        base,
        title=text[:300] or "t",
        subtitle=text,
        body=body,
        section=text,
        dateline=text[:80],
        agency=text[:80],
        published_at_raw=text,
        authors=[f"{text[:40]} {n}"],
        tags=[f"{text[:60]} {n}"],
        images=[ImageItem(f"https://newsinfo.inquirer.net/files/{n}.jpg", text, text)],
        content_hash=content_hash(text[:300] or "t", body),
        **changes,
    )


def assert_round_trip(repo: ArticleRepository, item: ArticleItem) -> None:
    (result,) = repo.upsert_articles([item])
    assert result.outcome == "new", result.error
    stored = repo.get_by_url(item.canonical_url)
    assert stored is not None
    for field in TEXT_FIELDS:
        assert stored[field] == getattr(item, field), field  # byte for byte, no normalising
    assert stored["authors"] == item.authors and stored["tags"] == item.tags
    assert stored["images"] == [
        {"url": i.url, "caption": i.caption, "credit": i.credit} for i in item.images
    ]
    (again,) = repo.upsert_articles([item])
    assert again.outcome == "unchanged"  # what was read back hashes the same


@pytest.fixture
def repo(store_url: str) -> ArticleRepository:
    return ArticleRepository(make_session_factory(make_engine(store_url)))


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_text_round_trips_exactly(repo: ArticleRepository, name: str) -> None:
    assert_round_trip(repo, item_with(CASES[name]))


_storable_text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=300
)


@settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(_storable_text)
def test_any_storable_text_round_trips_exactly(repo: ArticleRepository, text: str) -> None:
    """Storable: no NUL, no lone surrogate (extraction never emits them, test_hostile_input)."""
    assert_round_trip(repo, item_with(text))


def test_hostile_page_fields_are_kept_storable_or_refused(repo: ArticleRepository) -> None:
    """A 10,000-character tag (a unique-index row PostgreSQL refuses) is dropped, a canonical
    link off the site or absurdly long is not believed, a body past any article is refused."""
    tag = "".join(random.Random(7).choices(string.ascii_letters, k=10_000)).encode()
    html = PAGE.replace(
        b'<div id="article_tags">', b'<div id="article_tags"><a href="/t">' + tag + b"</a>", 1
    )  # incompressible: TOAST cannot shrink it to fit
    html = html.replace(
        b'rel="canonical" href="', b'rel="canonical" href="https://evil.example/x' + b"x" * 5000, 1
    )
    item = extract_article(URL, html, now=NOW)
    assert all(len(tag) <= 200 for tag in item.tags) and item.tags
    assert item.canonical_url.startswith("https://newsinfo.inquirer.net/2231457/")
    assert_round_trip(repo, item)
    words = " ".join(f"w{n:x}" for n in range(MAX_BODY_CHARS // 5))  # distinct words: > 1 MB
    huge = PAGE.replace(
        b'id="FOR_target_content">',  # of tsvector on PostgreSQL
        f'id="FOR_target_content"><p>{words}</p>'.encode(),
        1,
    )
    with pytest.raises(NotAnArticle, match="longer than any article"):
        extract_article(URL, huge, now=NOW)
