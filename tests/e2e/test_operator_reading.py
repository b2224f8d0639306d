"""Issue 17: `crawler show URL|ID` and `crawler search "terms"`, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from crawler.cleaning.stages import content_hash
from crawler.cli.main import main
from crawler.store.engine import make_engine, make_session_factory
from crawler.store.facade import open_store
from crawler.store.lookup import search_articles
from crawler.store.repository import ArticleRepository
from crawler.store.searchquery import SearchQueryError, parse_query
from tests.support.factories import make_item


@pytest.mark.parametrize(
    ("text", "fts5", "websearch"),
    [
        ("covid-19", '"covid 19"', '"covid-19"'),
        ("typhoon classrooms", '"typhoon" AND "classrooms"', '"typhoon" "classrooms"'),
        ('"State of  Calamity" -Manila', '("state of calamity") NOT "manila"',
         '"State of Calamity" -"Manila"'),
        ('covid-19 -"booster shot"', '("covid 19") NOT "booster shot"',
         '"covid-19" -"booster shot"'),
        ("a AND b", '"a" AND "b"', '"a" "b"'),
        ('"unclosed phrase', '"unclosed phrase"', '"unclosed phrase"'),
        ('title:x NEAR(y* OR ab"c', '"title x" AND "near y" AND "or" AND "ab c"',
         '"title:x" "NEAR(y*" "OR" "ab c"'),
        ("typhoon Typhoon", '"typhoon"', '"typhoon"'),
    ],
)  # fmt: skip
def test_search_input_becomes_a_safe_query(text: str, fts5: str, websearch: str) -> None:
    query = parse_query(text)
    assert (query.fts5(), query.websearch()) == (fts5, websearch)


@pytest.mark.parametrize("text", ["", "   ", "-only", '-"just this"', "AND", "--- !!"])
def test_search_input_with_nothing_to_find_is_refused(text: str) -> None:
    with pytest.raises(SearchQueryError, match="nothing to search for"):
        parse_query(text)


STORIES = {
    1: ("Vaccination drive reaches Albay", "The COVID-19 vaccine drive reached Albay on Monday."),
    2: ("Booster shots for seniors", "A COVID-19 booster shot is now offered to seniors."),
    3: ("Bulacan town under state of calamity", "Floods put Hagonoy under a state of calamity."),
    4: ("Covid-19 cases rise in Metro Manila", "Cases rose again this week, officials said."),
}


def _seed(url: str) -> dict[int, int]:
    engine = make_engine(url)
    repo = ArticleRepository(make_session_factory(engine))
    items = [make_item(n, title=t, body=b) for n, (t, b) in STORIES.items()]
    results = repo.upsert_articles(items)
    changed = replace(items[2], body=STORIES[3][1] + "\n\nThe council met again on Friday.")
    changed = replace(changed, content_hash=content_hash(changed.title, changed.body))
    assert [r.outcome for r in repo.upsert_articles([changed])] == ["updated"]
    engine.dispose()
    return {n: int(r.article_id or 0) for n, r in zip(STORIES, results, strict=True)}


def _found(url: str, text: str) -> list[str]:
    return [hit.title for hit in search_articles(open_store(url).engine, parse_query(text))]


def test_search_is_ranked_safe_and_has_snippets_on_both_backends(store_url: str) -> None:
    _seed(store_url)
    covid = _found(store_url, "covid-19")
    assert covid[0] == STORIES[4][0]  # in the headline: ranked first
    assert set(covid) == {STORIES[1][0], STORIES[2][0], STORIES[4][0]}
    assert set(_found(store_url, 'covid-19 -"booster shot"')) == {STORIES[1][0], STORIES[4][0]}
    assert _found(store_url, '"state of calamity"') == [STORIES[3][0]]
    assert _found(store_url, "calamity Hagonoy") == [STORIES[3][0]]
    assert _found(store_url, '"calamity of state"') == []
    for hostile in ('title:x NEAR(y* OR "', "zebra)", "'; DROP TABLE articles; --"):
        assert _found(store_url, hostile) == []  # no syntax error, no match
    hits = search_articles(open_store(store_url).engine, parse_query("vaccine"))
    assert [h.title for h in hits] == [STORIES[1][0]]
    assert "[vaccine]" in hits[0].snippet and hits[0].published_at is not None
    assert hits[0].published_at.utcoffset() is not None


def test_crawler_search_prints_hits_and_refuses_empty_input(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(store_url)
    assert main(["--database-url", store_url, "search", "state of calamity"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f" 1. {STORIES[3][0]}"
    assert "[newsinfo] 2026-11-27 14:05 Manila" in out and "[calamity]" in out
    assert "1 article(s) for 'state of calamity'" in err  # three words, each required
    assert str(parse_query('covid-19 -"booster  shot"')) == 'covid-19 -"booster shot"'
    assert main(["--database-url", store_url, "search", "--", "-only"]) == 2
    assert "nothing to search for" in capsys.readouterr().err


def test_crawler_show_by_url_or_id_on_both_backends(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _seed(store_url)
    url = make_item(3).canonical_url
    assert main(["--database-url", store_url, "show", url + "/"]) == 0  # a spelling variant
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == STORIES[3][0]
    assert f"url        {url}" in lines
    assert f"id         {ids[3]} (version 2), newsinfo / Nation, article" in lines
    assert "credits    Juan Dela Cruz, Maria Santos; with a report from Jose Reyes" in lines
    assert (
        "published  2026-11-27 14:05 Manila (2026-11-27 06:05 UTC), "
        'as printed: "02:05 PM November 27, 2026"'
    ) in lines
    assert "tags       Marcos, West Philippine Sea" in lines
    assert (
        "image 1    https://newsinfo.inquirer.net/files/2026/11/a.jpg — A caption — REUTERS"
    ) in lines
    assert "The council met again on Friday." in lines
    assert "earlier versions (1):" in lines
    assert any(line.startswith("  v1: fetched ") for line in lines)

    assert main(["--database-url", store_url, "show", str(ids[1]), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["title"] == STORIES[1][0] and record["id"] == ids[1]
    assert record["published_at"] == "2026-11-27T06:05:00Z"
    assert record["image_urls"] == ["https://newsinfo.inquirer.net/files/2026/11/a.jpg"]

    assert main(["--database-url", store_url, "show", "https://newsinfo.inquirer.net/1/x"]) == 1
    assert "no stored article" in capsys.readouterr().err
