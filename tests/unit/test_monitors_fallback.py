"""The field-source canary (issue 14): fallback shares per run, checked against recent runs,
counted by the coverage pipeline, stored with the run, and alerting end to end when the
site's body container changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.monitoring.checks import (
    BODY_LOSS_STAT,
    FALLBACK_PREFIX,
    Thresholds,
    check_fallback_shares,
    fallback_fields,
    fallback_shares,
)
from crawler.monitoring.suite import CoverageCountPipeline
from replay.corpus import DEFAULT_CORPUS
from tests.support.crawling import backfill_args, crawl, rows
from tests.support.factories import make_item

T = Thresholds(max_fallback_rise=0.10)


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ({"title": "layout", "body": "layout", "published_at": "date-line"}, []),
        ({"published_at": "json-ld", "body": "layout"}, ["published_at"]),
        (
            {"title": "title-tag", "section": "meta", "body": "generic"},
            ["title", "section", "body"],
        ),
        ({"body": "container", "agency": "wire-credit"}, ["body"]),  # an agency is no fallback
        ({}, []),
    ],
)
def test_fallback_fields(sources: dict[str, str], expected: list[str]) -> None:
    assert fallback_fields(make_item(1, field_sources=sources)) == expected


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("inquirer-default-v1", ["title", "published_at", "body"]),
        ("inquirer-default-v1+trafilatura", ["title", "published_at", "body"]),
        ("generic-v1", []),  # another outlet's page: meta and json-ld are its normal sources
    ],
)
def test_only_items_read_by_a_layout_count_fallbacks(method: str, expected: list[str]) -> None:
    sources = {"title": "meta", "published_at": "json-ld", "body": "generic"}
    item = make_item(1, field_sources=sources, extraction_method=method)
    assert fallback_fields(item) == expected


def test_fallback_shares_from_the_pipeline_counters() -> None:
    stats = {"monitor/coverage/items": 40, f"{FALLBACK_PREFIX}body": 10}
    shares = fallback_shares(stats)
    assert shares["body"] == 0.25 and shares["published_at"] == 0.0
    assert fallback_shares({}) == {}


@pytest.mark.parametrize(
    ("current", "history", "passed"),
    [
        ({"body": 0.05}, [], True),  # within the allowed rise over nothing
        ({"body": 0.11}, [], False),  # no history: more than 10% is a rise
        ({"body": 0.30}, [{"body": 0.25}, {"body": 0.22}, {"body": 0.28}], True),  # usual level
        ({"body": 0.40}, [{"body": 0.25}, {"body": 0.22}, {"body": 0.28}], False),
        ({"published_at": 0.02, "body": 0.9}, [{"body": 0.85}], True),
        ({}, [{"body": 0.2}], True),  # no items: not measured
    ],
)
def test_check_fallback_shares(
    current: dict[str, float], history: list[dict[str, float]], passed: bool
) -> None:
    check = check_fallback_shares(current, history, T)
    assert (check.name, check.passed) == ("fallback_share", passed)


def test_a_failed_check_names_the_field_and_its_usual_share() -> None:
    check = check_fallback_shares({"body": 0.4}, [{"body": 0.25}], T)
    assert "body 40.0% (usual 25.0%)" in check.detail


def test_the_coverage_pipeline_counts_fallbacks_and_body_losses() -> None:
    crawler = SimpleNamespace(settings=Settings(), stats=None)
    crawler.stats = MemoryStatsCollector(crawler)
    pipeline = CoverageCountPipeline(crawler)  # type: ignore[arg-type]
    pipeline.process_item(make_item(1, field_sources={"body": "generic", "title": "layout"}))
    pipeline.process_item(
        make_item(2, field_sources={"body": "container"}, problems=["body_loss: 10 of 90"])
    )
    pipeline.process_item(make_item(3))
    stats = crawler.stats.get_stats()
    assert stats[f"{FALLBACK_PREFIX}body"] == 2
    assert f"{FALLBACK_PREFIX}title" not in stats
    assert stats[BODY_LOSS_STAT] == 1


# --- end to end: the site renames its body container -----------------------------------
@pytest.fixture
def drifted_replay(tmp_path: Path) -> Any:
    """The replay corpus with the default template's body containers renamed."""
    from replay import start_replay

    corpus = tmp_path / "pages"
    shutil.copytree(DEFAULT_CORPUS, corpus)
    for page in corpus.glob("inquirer/*/page.html"):
        html = page.read_bytes()
        for old in (b'id="FOR_target_content"', b'id="TO_target_content"', b'id="article_content"'):
            html = html.replace(old, b'id="story_' + old[4:-1].lower() + b'"')
        page.write_bytes(html)
    server = start_replay(corpus)
    yield server
    server.shutdown()


@pytest.mark.e2e
def test_a_renamed_body_container_makes_the_monitor_alert(
    drifted_replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    result = crawl(drifted_replay, sqlite_url, *backfill_args(drifted_replay))
    assert result.returncode == 0, result.stderr[-3000:]  # the crawl itself went well
    [run] = rows(sqlite_url, "SELECT monitor FROM crawl_runs")
    monitor = json.loads(run.monitor)
    failed = [c for c in monitor["checks"] if not c["passed"]]
    assert [c["name"] for c in failed] == ["fallback_share"], failed
    assert "body" in failed[0]["detail"]
    assert monitor["fallback"]["body"] > 0.5
    # the store says which articles took their body from the generic extractor, and that
    # their dates still came from the printed date line
    stored = [
        json.loads(r.field_sources)
        for r in rows(sqlite_url, "SELECT field_sources FROM articles")
        if r.field_sources
    ]
    generic = [s for s in stored if s.get("body") == "generic"]
    assert len(generic) > len(stored) / 2
    assert all(s.get("published_at") in ("date-line", "json-ld") for s in generic)
    assert all(s.get("title") == "layout" for s in generic)
