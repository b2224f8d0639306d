"""ArticleRepository on a real, migrated database: idempotent upserts, versions, dedup."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from crawler.cleaning.stages import content_hash
from crawler.store.engine import make_engine, make_session_factory
from crawler.store.repository import ArticleRepository, slugify
from tests.support.clock import NOW
from tests.support.factories import make_item
from tests.support.paths import FIXTURE_PAGES


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def repo_and_engine(store_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(store_url)
    return ArticleRepository(make_session_factory(engine), clock=Clock()), engine


def count(engine, table: str) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_insert_then_same_content_only_touches_last_fetched_at(repo_and_engine) -> None:  # type: ignore[no-untyped-def]
    repo, engine = repo_and_engine
    first = repo.upsert_article(make_item(1))
    before = repo.get_by_url(make_item(1).canonical_url)
    second = repo.upsert_article(make_item(1))
    after = repo.get_by_url(make_item(1).canonical_url)
    assert (first.outcome, second.outcome) == ("new", "unchanged")
    assert first.article_id == second.article_id
    assert after["last_fetched_at"] > before["last_fetched_at"]
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"last_fetched_at"}
    assert count(engine, "articles") == 1
    assert count(engine, "article_versions") == 0


def test_changed_content_bumps_version_and_keeps_old_text(repo_and_engine) -> None:  # type: ignore[no-untyped-def]
    repo, engine = repo_and_engine
    repo.upsert_article(make_item(1))
    new_body = "First paragraph, corrected.\n\nSecond paragraph of story 1."
    updated = replace(
        make_item(1), body=new_body, content_hash=content_hash("Headline number 1", new_body)
    )
    result = repo.upsert_article(updated)
    assert (result.outcome, result.version) == ("updated", 2)
    stored = repo.get_by_url(updated.canonical_url)
    assert stored["body"] == new_body and stored["version"] == 2
    assert stored["last_changed_at"] > stored["first_seen_at"]
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT version, body FROM article_versions")).all()
    assert rows == [(1, make_item(1).body)]


def test_authors_tags_images_round_trip_in_order(repo_and_engine) -> None:  # type: ignore[no-untyped-def]
    repo, _ = repo_and_engine
    repo.upsert_article(make_item(1))
    stored = repo.get_by_url(make_item(1).canonical_url)
    assert stored["authors"] == ["Juan Dela Cruz", "Maria Santos"]
    assert stored["contributors"] == ["Jose Reyes"]
    assert stored["tags"] == ["Marcos", "West Philippine Sea"]
    assert stored["images"] == [
        {
            "url": "https://newsinfo.inquirer.net/files/2026/11/a.jpg",
            "caption": "A caption",
            "credit": "REUTERS",
        }
    ]
    assert stored["published_at"] == datetime(2026, 11, 27, 6, 5, tzinfo=UTC)


def test_authors_and_tags_are_deduplicated_by_slug(repo_and_engine) -> None:  # type: ignore[no-untyped-def]
    repo, engine = repo_and_engine
    repo.upsert_article(make_item(1))
    repo.upsert_article(make_item(2, authors=["JUAN DELA CRUZ"], tags=["marcos", "Marcos"]))
    assert count(engine, "authors") == 3  # Juan Dela Cruz, Maria Santos, Jose Reyes
    assert count(engine, "tags") == 2
    # the name first stored wins; both spellings are the same tag, listed once
    assert repo.get_by_url(make_item(2).canonical_url)["tags"] == ["Marcos"]


def test_one_bad_item_does_not_take_the_batch_down(repo_and_engine) -> None:  # type: ignore[no-untyped-def]
    repo, engine = repo_and_engine
    naive = make_item(2, published_at=datetime(2026, 11, 27, 14, 5))  # naive: refused by the store
    results = repo.upsert_articles([make_item(1), naive, make_item(3)])
    assert [r.outcome for r in results] == ["new", "failed", "new"]
    assert "naive datetime" in (results[1].error or "")
    assert count(engine, "articles") == 2


def test_batch_is_idempotent(repo_and_engine) -> None:  # type: ignore[no-untyped-def]
    repo, engine = repo_and_engine
    batch = [make_item(n) for n in range(1, 6)]
    assert {r.outcome for r in repo.upsert_articles(batch)} == {"new"}
    assert {r.outcome for r in repo.upsert_articles(batch)} == {"unchanged"}
    assert count(engine, "articles") == 5
    assert count(engine, "article_authors") == 15


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Juan Dela Cruz", "juan-dela-cruz"),
        ("Niño Jesus Orbeta", "nino-jesus-orbeta"),
        ("  JUAN   dela cruz ", "juan-dela-cruz"),
        ("West Philippine Sea", "west-philippine-sea"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_full_text_search_finds_stored_articles(repo_and_engine) -> None:  # type: ignore[no-untyped-def]
    repo, engine = repo_and_engine
    repo.upsert_article(make_item(1, body="Typhoon Verbena floods Bicol.\n\nSchools closed."))
    repo.upsert_article(make_item(2))
    queries = {
        "sqlite": "SELECT a.canonical_url FROM articles_fts JOIN articles a "
        "ON a.id = articles_fts.rowid WHERE articles_fts MATCH :q ORDER BY rank",
        "postgresql": "SELECT canonical_url FROM articles WHERE search_vector @@ "
        "websearch_to_tsquery('english', :q) "
        "ORDER BY ts_rank(search_vector, websearch_to_tsquery('english', :q)) DESC",
    }
    with engine.connect() as conn:
        hits = conn.execute(text(queries[engine.dialect.name]), {"q": "verbena"}).scalars().all()
    assert hits == [make_item(1).canonical_url]


def test_amp_shortlink_and_tracking_variants_land_in_one_row(repo_and_engine) -> None:  # type: ignore[no-untyped-def]
    import json

    from crawler.pages import extract_article

    repo, engine = repo_and_engine
    pages = FIXTURE_PAGES / "inquirer"
    outcomes = []
    for case in sorted(pages.glob("newsinfo_2026_11_24_mmda-holiday-mall-hours*")):
        meta = json.loads((case / "meta.json").read_text())
        url = meta["url"] if "?p=" in meta["url"] else meta["url"] + "?utm_source=facebook&fbclid=x"
        item = extract_article(url, (case / "page.html").read_bytes(), now=NOW)
        outcomes.append(repo.upsert_article(item).outcome)
    assert len(outcomes) == 3 and outcomes[0] == "new"
    assert count(engine, "articles") == 1


def test_field_sources_are_stored_and_follow_the_latest_read(repo_and_engine) -> None:  # type: ignore[no-untyped-def]
    repo, engine = repo_and_engine
    sources = {"published_at": "date-line", "authors": "json-ld", "body": "layout"}
    repo.upsert_article(make_item(1, field_sources=sources))
    assert repo.get_by_url(make_item(1).canonical_url)["field_sources"] == sources
    # same content read again, the date now from JSON-LD: the row says where it came from now
    drifted = {**sources, "published_at": "json-ld"}
    assert repo.upsert_article(make_item(1, field_sources=drifted)).outcome == "unchanged"
    assert repo.get_by_url(make_item(1).canonical_url)["field_sources"] == drifted
    repo.upsert_articles([make_item(2, field_sources={"body": "generic"})])
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT field_sources FROM articles WHERE canonical_url = :u"),
            {"u": make_item(2).canonical_url},
        ).scalar_one()
    assert (stored if isinstance(stored, dict) else json.loads(stored)) == {"body": "generic"}


def test_each_article_names_the_run_that_stored_it_first_and_changed_it_last(  # type: ignore[no-untyped-def]
    repo_and_engine,
) -> None:
    """articles.first_run_id / last_run_id, written by the bulk insert, the row-by-row
    update and the one-item path alike; an unchanged re-read changes neither."""
    repo, engine = repo_and_engine
    repo.upsert_articles([make_item(1), make_item(2), make_item(3)], run_id=7)  # bulk insert
    repo.upsert_article(make_item(4), run_id=8)  # one item
    body = "First paragraph, corrected.\n\nSecond paragraph of story 1."
    changed = replace(make_item(1), body=body, content_hash=content_hash("Headline number 1", body))
    results = repo.upsert_articles([changed, make_item(2), make_item(5)], run_id=9)
    assert [r.outcome for r in results] == ["updated", "unchanged", "new"]
    repo.upsert_articles([make_item(6)])  # no run known (e.g. a script): NULL
    with engine.connect() as conn:
        runs = dict(
            (int(row.id) - 2000000, (row.first_run_id, row.last_run_id))
            for row in conn.execute(
                text("SELECT site_article_id AS id, first_run_id, last_run_id FROM articles")
            )
        )
    assert runs == {1: (7, 9), 2: (7, 7), 3: (7, 7), 4: (8, 8), 5: (9, 9), 6: (None, None)}
    assert repo.run_article_counts([9]) == {9: (1, 1)}  # 5 new; 1 stored by run 7, changed
    assert repo.run_article_counts([7, 9]) == {7: (3, 0), 9: (1, 0)}  # 1 is the runs' own
    assert repo.run_article_counts([]) == {}
    urls = {make_item(n).canonical_url for n in (1, 5, 99)}
    assert repo.stored_among(urls) == urls - {make_item(99).canonical_url}
