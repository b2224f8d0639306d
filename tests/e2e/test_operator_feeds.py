"""Issue 17, one serializer: `scrapy crawl -O` writes the records `crawler export` writes;
a re-run's feed holds only what it fetched unless FEED_INCLUDE_STORED is set."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from crawler.cli.main import main
from crawler.items import ImageItem
from crawler.serialize import FIELDS, STORE_ONLY_FIELDS, as_record, item_record
from tests.support.crawling import backfill_args, crawl
from tests.support.factories import make_item


def test_an_item_record_has_the_export_fields_and_no_internal_ones() -> None:
    item = make_item(3, column="With Due Respect", images=[ImageItem("https://i/1.jpg", "c", "k")])
    item.problems = ["short_body"]
    record = item_record(item)
    assert tuple(record) == FIELDS
    assert record["column_name"] == "With Due Respect"
    assert record["image_urls"] == ["https://i/1.jpg"]
    assert (record["image_captions"], record["image_credits"]) == (["c"], ["k"])
    assert all(record[name] is None for name in STORE_ONLY_FIELDS)
    assert "problems" not in record and "http_validators" not in record and "images" not in record
    published = as_record(item)["published_at"]
    assert published.endswith("Z") and "+08:00" not in published


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _exported(url: str, tmp_path: Path, first: Any, last: Any) -> dict[str, dict[str, Any]]:
    out = tmp_path / "export.jsonl"
    argv = ["--database-url", url, "export", "--since", str(first), "--until", str(last)]
    assert main([*argv, "--output", str(out)]) == 0
    return {record["canonical_url"]: record for record in _lines(out)}


@pytest.mark.e2e
def test_feed_exports_write_the_export_records_and_can_include_stored_articles(
    replay: Any, sqlite_url: str, tmp_path: Path
) -> None:
    window = backfill_args(replay, days=10)
    feed = tmp_path / "first.jsonl"
    assert crawl(replay, sqlite_url, *window, "-O", str(feed)).returncode == 0
    exported = _exported(sqlite_url, tmp_path, *replay.site.window(10))
    records = _lines(feed)
    assert len(records) == len(exported) >= 8
    for record in records:
        stored = exported[record["canonical_url"]]
        assert list(record) == list(stored) == list(FIELDS)
        assert {k: v for k, v in record.items() if k not in STORE_ONLY_FIELDS} == {
            k: v for k, v in stored.items() if k not in STORE_ONLY_FIELDS
        }
        assert record["published_at"] is None or record["published_at"].endswith("Z")

    again = tmp_path / "again.jsonl"  # the incremental store: nothing new was fetched
    assert crawl(replay, sqlite_url, *window, "-O", str(again)).returncode == 0
    assert again.read_text(encoding="utf-8") == ""

    full = tmp_path / "full.csv"
    result = crawl(replay, sqlite_url, *window, "-s", "FEED_INCLUDE_STORED=True", "-O", str(full))
    assert result.returncode == 0, result.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO(full.read_text(encoding="utf-8"), newline="")))
    assert tuple(rows[0]) == FIELDS
    assert {row["canonical_url"] for row in rows} == set(exported)
    by_url = {row["canonical_url"]: row for row in rows}
    for url, stored in exported.items():
        assert by_url[url]["tags"] == "; ".join(stored["tags"])
        assert by_url[url]["id"] == str(stored["id"])
