"""End to end: the real `scrapy crawl news` against the three-outlet replay, into real databases.

Expected values are written by hand from the outlets' pages and channels
(replay/outlets.py): which stories are in the window 2026-11-27..28 (UTC, the
default zone), and when each was published, from the page or, where the page says
nothing, from the news sitemap or the feed.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bench.queries_doc import parse_queries
from crawler.reporting.queries import ReportRepository
from crawler.reporting.report import render_report
from crawler.store.engine import make_engine
from replay import start_outlets
from tests.support.crawling import FAST, ROOT, nightly_command, rows
from tests.support.paths import FIXTURE_PAGES

pytestmark = pytest.mark.e2e

HARBOR, CORDILLERA, VISAYAS = (
    "https://www.harbortimes.test/",
    "https://news.cordillerawire.test/",
    "https://www.visayasledger.test/",
)
# canonical URL -> published_at in UTC, as the pages (or their channel) say
EXPECTED = {
    # Harbor Times: robots.txt Sitemap: -> index -> news sitemap / ordinary sitemap
    "https://www.harbortimes.test/stories/80411-port-of-batangas-extends-hours": "2026-11-27 01:15",
    "https://www.harbortimes.test/stories/80415-ferry-fares-to-rise-in-december": (
        "2026-11-27 06:40"
    ),
    # no date on the page: the news sitemap's 2026-11-28T07:05:00+08:00
    "https://www.harbortimes.test/stories/80420-coast-guard-rescues-fishermen": "2026-11-27 23:05",
    "https://www.harbortimes.test/stories/80422-mga-mangingisda-humingi-ng-tulong": (
        "2026-11-28 02:00"
    ),
    "https://www.harbortimes.test/stories/80399-new-pier-lights": "2026-11-27 09:30",
    # Cordillera Wire: the RSS feed the home page announces
    "https://news.cordillerawire.test/story/benguet-strawberry-farmers-shift-to-greenhouses": (
        "2026-11-27 02:30"
    ),
    "https://news.cordillerawire.test/story/baguio-night-market-moves-to-new-street": (
        "2026-11-27 11:00"
    ),
    # no date on the page: the feed's pubDate Sat, 28 Nov 2026 03:45:00 +0000
    "https://news.cordillerawire.test/story/mining-permit-hearing-set": "2026-11-28 03:45",
    "https://news.cordillerawire.test/story/kalinga-coffee-wins-national-award": "2026-11-28 06:10",
    # Visayas Ledger: home page and sections (page 2 of /news/ too)
    "https://www.visayasledger.test/news/2026/11/28/cebu-bridge-tolls-suspended": (
        "2026-11-28 00:00"
    ),
    "https://www.visayasledger.test/business/2026/11/28/iloilo-rice-traders-cut-prices": (
        "2026-11-28 01:20"
    ),
    "https://www.visayasledger.test/news/2026/11/27/bohol-schools-reopen": "2026-11-26 23:30",
    "https://www.visayasledger.test/news/2026/11/27/negros-power-outage-ends": "2026-11-27 11:45",
    "https://www.visayasledger.test/news/2026/11/27/leyte-fish-kill-investigated": (
        "2026-11-27 04:10"
    ),
    "https://www.visayasledger.test/business/2026/11/27/bacolod-mall-expansion": "2026-11-27 07:00",
    "https://www.visayasledger.test/opinion/2026/11/28/why-our-ports-need-planning": (
        "2026-11-27 22:00"
    ),
}
SITES = {"harbortimes.test": 5, "cordillerawire.test": 4, "visayasledger.test": 7}
# Served, but outside the window, older than any section page worth reading, or not news:
NEVER_REQUESTED = {
    ("www.harbortimes.test", "/stories/79001-typhoon-season-outlook"),  # lastmod 2026-10-01
    ("www.harbortimes.test", "/sitemaps/archive-2025.xml"),  # index lastmod 2025-12-31
    ("news.cordillerawire.test", "/story/old-bridge-repair-finished"),  # pubDate 2026-11-10
    ("www.visayasledger.test", "/news/2026/11/20/samar-road-widening-starts/"),  # URL date
    ("www.visayasledger.test", "/news/page/3/"),  # page 2 already reached before the window
    ("www.visayasledger.test", "/search?q=bridge"),  # robots.txt: Disallow: /search
    ("www.visayasledger.test", "/tag/ports/"),
    ("www.visayasledger.test", "/author/ana-reyes/"),
}
EXAMPLE_PROFILES = ROOT / "docs" / "sites.example.toml"
OUTLET_HOSTS = {"www.harbortimes.test", "news.cordillerawire.test", "www.visayasledger.test"}


@pytest.fixture
def outlets() -> Iterator[Any]:
    server = start_outlets()
    yield server
    server.shutdown()
    server.server_close()


def crawl_news(outlets: Any, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "news",
        "-s",
        f"INQUIRER_MIRROR={outlets.url}",
        "-s",
        "MIRROR_HOSTS=*",  # every host to the replay: an off-site request would be in its log
        "-s",
        "CRAWL_TODAY=2026-11-28",
        *FAST,
        *args,
    ]
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _article_requests(outlets: Any) -> list[str]:
    return [
        f"https://{host}{target}".rstrip("/")
        for _, host, target, _ in outlets.site.log
        if f"https://{host}{target}".rstrip("/") in EXPECTED
    ]


def test_every_article_of_three_outlets_is_stored_once_and_a_rerun_fetches_none(
    outlets: Any, store_url: str
) -> None:
    sites = f"sites={HARBOR},{CORDILLERA},{VISAYAS}"
    first = crawl_news(outlets, store_url, "-a", sites)
    assert first.returncode == 0, first.stderr[-3000:]
    stored = rows(store_url, "SELECT canonical_url, site, title, body, published_at FROM articles")
    assert len(stored) == len(EXPECTED)
    assert {r.canonical_url for r in stored} == set(EXPECTED)
    for row in stored:
        published = row.published_at
        published = (
            published if isinstance(published, str) else published.strftime("%Y-%m-%d %H:%M")
        )
        assert published[:16] == EXPECTED[row.canonical_url], row.canonical_url
        assert row.title and len(row.body.split()) >= 50
    assert {
        site: n for site, n in rows(store_url, "SELECT site, count(*) FROM articles GROUP BY site")
    } == SITES

    # nothing off-site asked for, nothing outside the window, no tag or author page
    assert {host for _, host, _, _ in outlets.site.log} == OUTLET_HOSTS
    asked = {(host, target) for _, host, target, _ in outlets.site.log}
    assert not asked & NEVER_REQUESTED
    assert sorted(_article_requests(outlets)) == sorted(EXPECTED)  # each article once

    # the run's per-outlet counts are in crawl_runs.stats
    stats = rows(store_url, "SELECT stats FROM crawl_runs ORDER BY id")[0].stats
    stats = json.loads(stats) if isinstance(stats, str) else stats
    for site, count in SITES.items():
        assert stats[f"sites/{site}/items"] == count
        assert stats[f"sites/{site}/found"] == count
    assert stats["sites/harbortimes.test/found/sitemap"] == 5
    assert stats["sites/cordillerawire.test/found/feed"] == 4
    assert stats["sites/visayasledger.test/section_fallback"] == 1
    assert "sites/harbortimes.test/section_fallback" not in stats

    before = len(outlets.site.log)
    second = crawl_news(outlets, store_url, "-a", sites)
    assert second.returncode == 0, second.stderr[-3000:]
    again = [
        f"https://{host}{target}".rstrip("/")
        for _, host, target, _ in outlets.site.log[before:]
        if f"https://{host}{target}".rstrip("/") in EXPECTED
    ]
    assert again == []  # the store is the crawl's memory
    assert len(rows(store_url, "SELECT id FROM articles")) == len(EXPECTED)
    runs = rows(
        store_url,
        "SELECT status, articles_new, articles_updated, pages_fetched FROM crawl_runs ORDER BY id",
    )
    assert [(r.status, r.articles_new, r.pages_fetched) for r in runs] == [
        ("finished", 16, 16),
        ("finished", 0, 0),
    ]

    # the health report's per-outlet lines show the newest news run: found, nothing fetched
    engine = make_engine(store_url)
    data = ReportRepository(engine).load(datetime(2026, 11, 28, 16, tzinfo=UTC))
    engine.dispose()
    assert [
        (s.site, s.found, s.fetched, s.items, s.stored_total, s.silent) for s in data.sites
    ] == [
        ("cordillerawire.test", 4, 0, 0, 4, False),
        ("harbortimes.test", 5, 0, 0, 5, False),
        ("visayasledger.test", 7, 0, 0, 7, False),
    ]
    page = render_report(data)
    assert page.count('<tr data-site="') == 3 and "yielded nothing" not in page


def test_one_outlet_by_its_home_page_alone(outlets: Any, sqlite_url: str) -> None:
    result = crawl_news(outlets, sqlite_url, "-a", f"site={VISAYAS}")
    assert result.returncode == 0, result.stderr[-3000:]
    stored = {r.canonical_url for r in rows(sqlite_url, "SELECT canonical_url FROM articles")}
    assert stored == {u for u in EXPECTED if u.startswith(VISAYAS)}
    assert {host for _, host, _, _ in outlets.site.log} == {"www.visayasledger.test"}


def test_limit_counts_per_outlet(outlets: Any, sqlite_url: str) -> None:
    result = crawl_news(outlets, sqlite_url, "-a", f"sites={HARBOR},{CORDILLERA}", "-a", "limit=2")
    assert result.returncode == 0, result.stderr[-3000:]
    counts = dict(rows(sqlite_url, "SELECT site, count(*) FROM articles GROUP BY site"))
    assert counts == {"harbortimes.test": 2, "cordillerawire.test": 2}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a", "site=www.harbortimes.test"], "is not an http(s) URL with a host name"),
        ([], "give exactly one of site=URL, sites=URL,URL or sites_file=sites.toml"),
        (["-a", f"site={HARBOR}", "-a", "mode=urls"], "mode='urls' is not one of"),
        (["-a", "sites_file=/nonexistent/sites.toml"], "cannot read it"),
    ],
)
def test_bad_arguments_fail_at_once(
    outlets: Any, sqlite_url: str, args: list[str], message: str
) -> None:
    result = crawl_news(outlets, sqlite_url, *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert outlets.site.log == []


def _nightly(outlets: Any, database_url: str, tmp_path: Path, sites_file: Path) -> Any:
    command = nightly_command(outlets, database_url, tmp_path, "MIRROR_HOSTS=*")
    command += ["--spider", "news", "-a", f"sites_file={sites_file}"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def _monitor(database_url: str) -> dict[str, Any]:
    monitor = rows(database_url, "SELECT monitor FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0]
    return json.loads(monitor) if isinstance(monitor, str) else monitor


def test_nightly_news_from_the_example_profiles_then_a_quiet_rerun(
    outlets: Any, sqlite_url: str, tmp_path: Path
) -> None:
    first = _nightly(outlets, sqlite_url, tmp_path, EXAMPLE_PROFILES)
    assert first.returncode == 0, first.stderr[-3000:]
    counts = dict(rows(sqlite_url, "SELECT site, count(*) FROM articles GROUP BY site"))
    assert counts == SITES
    run = rows(sqlite_url, "SELECT spider, status, articles_new FROM crawl_runs")[0]
    assert (run.spider, run.status, run.articles_new) == ("news", "finished", 16)
    check = next(c for c in _monitor(sqlite_url)["checks"] if c["name"] == "site_item_counts")
    assert check["passed"], check
    # the profile's politeness: 1 s (Scrapy's jitter: 0.5 to 1.5 s) between two requests
    # to news.cordillerawire.test, while the other hosts run with no delay (-s DOWNLOAD_DELAY=0)
    times = sorted(t for t, host, _, _ in outlets.site.log if host == "news.cordillerawire.test")
    assert len(times) >= 6
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.45

    before = len(outlets.site.log)
    second = _nightly(outlets, sqlite_url, tmp_path, EXAMPLE_PROFILES)
    assert second.returncode == 0, second.stderr[-3000:]  # nothing new is not a failure
    assert not [t for _, h, t, _ in outlets.site.log[before:] if f"https://{h}{t}" in EXPECTED]
    assert rows(sqlite_url, "SELECT count(*) FROM articles")[0][0] == 16


def test_nightly_alerts_on_an_outlet_that_yields_nothing(
    outlets: Any, sqlite_url: str, tmp_path: Path
) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(
        f'[[site]]\nstart_url = "{CORDILLERA}"\n\n'
        '[[site]]\nname = "Quiet Gazette"\nstart_url = "https://www.quietgazette.test/"\n',
        encoding="utf-8",
    )
    result = _nightly(outlets, sqlite_url, tmp_path, sites)
    assert result.returncode == 5, result.stderr[-3000:]  # the monitors failed
    check = next(c for c in _monitor(sqlite_url)["checks"] if c["name"] == "site_item_counts")
    assert not check["passed"]
    assert check["detail"] == "quietgazette.test: no article found by any channel"
    assert dict(rows(sqlite_url, "SELECT site, count(*) FROM articles GROUP BY site")) == {
        "cordillerawire.test": 4
    }


def test_nightly_refuses_a_bad_profile_file(outlets: Any, sqlite_url: str, tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nstart_url = "https://x.test/"\nzone = "Mars/Base"\n', "utf-8")
    result = _nightly(outlets, sqlite_url, tmp_path, sites)
    assert result.returncode == 2
    assert "site 1.zone: unknown time zone 'Mars/Base'" in result.stderr


def _cell(value: Any) -> str:
    """One spelling per value whichever driver returned it (UTC minutes for a time)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return text[:16] if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?", text) else text


def test_the_per_outlet_queries_of_docs_outlets_md(outlets: Any, store_url: str) -> None:
    result = crawl_news(outlets, store_url, "-a", f"sites={HARBOR},{CORDILLERA},{VISAYAS}")
    assert result.returncode == 0, result.stderr[-3000:]
    queries = parse_queries((ROOT / "docs" / "outlets.md").read_text(encoding="utf-8"))
    engine = make_engine(store_url)
    connection = engine.raw_connection()  # what a sqlite3/psql user has
    try:
        got = {}
        for title, sql in queries.items():
            cursor = connection.cursor()
            cursor.execute(sql[engine.dialect.name])
            got[title] = [tuple(map(_cell, row)) for row in cursor.fetchall()]
            cursor.close()
    finally:
        connection.close()
        engine.dispose()
    assert got["Articles per outlet and UTC day"] == [
        ("cordillerawire.test", "2026-11-27", "2"),
        ("cordillerawire.test", "2026-11-28", "2"),
        ("harbortimes.test", "2026-11-27", "4"),
        ("harbortimes.test", "2026-11-28", "1"),
        ("visayasledger.test", "2026-11-26", "1"),
        ("visayasledger.test", "2026-11-27", "4"),
        ("visayasledger.test", "2026-11-28", "2"),
    ]
    latest = got["Latest articles of one outlet"]
    assert [(row[0], row[1]) for row in latest] == [
        ("2026-11-28 01:20", "Iloilo rice traders cut prices after harvest"),
        ("2026-11-28 00:00", "Cebu bridge tolls suspended during repairs"),
        ("2026-11-27 22:00", "Why our ports need planning, not patches"),
    ]
    run_id = str(rows(store_url, "SELECT id FROM crawl_runs")[0][0])
    assert got["Per-outlet counts of each news run"] == [
        (run_id, "cordillerawire.test", "4", "4", "4"),
        (run_id, "harbortimes.test", "5", "5", "5"),
        (run_id, "visayasledger.test", "7", "7", "7"),
    ]


# Held-out outlets: the generic fixture pages (other invented publishers, written for the
# extractor's tests), each on its own host behind a home page. Canonical URL, site and title
# are the fixtures' expected.json; published_at is each page's own date text, in UTC.
HELD_OUT_PUBLISHED = {
    "balitangbayan_palay-nueva-ecija": "2026-11-21 22:15",  # 2026-11-22T06:15:00+08:00
    "bangkokcurrent_visa-free-filipinos": "2026-11-27 09:20",  # 2026-11-27T16:20:00+07:00
    # "November 21, 2026", no time, no zone, and no zone for the outlet (`sites=`): that
    # day on the outlet's clock, UTC when nothing names one
    "highlandcourier_panagbenga-plastic-rule": "2026-11-21 00:00",
    "luzonledger_clark-data-center-jsonld-only": "2026-11-26 06:05",  # ...T14:05:00.000+08:00
    "mindanaobeacon_davao-bike-lane-network": "2026-11-25 11:40",  # 2026-11-25T19:40:00+0800
    "nusantarapost_jakarta-sea-wall": "2026-11-24 11:45",  # 2026-11-24T18:45:12+07:00
    "pampangapost_angeles-jeepney-route-protest": "2026-11-23 03:32",  # ...T11:32:08+08:00
    "straitsbeacon_driverless-bus-trial": "2026-11-24 09:45",  # 2026-11-24T09:45:00Z
    "visayasdaily_iloilo-esplanade-extension": "2026-11-23 08:10",  # ...T08:10:44+00:00
}
GENERIC = FIXTURE_PAGES / "generic"


def test_held_out_outlets_from_other_publishers_pages(sqlite_url: str) -> None:
    cases = {
        name: json.loads((GENERIC / name / "expected.json").read_text(encoding="utf-8"))
        for name in HELD_OUT_PUBLISHED
    }
    urls = {
        name: json.loads((GENERIC / name / "meta.json").read_text(encoding="utf-8"))["url"]
        for name in cases
    }
    homes = ",".join(urlsplit(u)._replace(path="/", query="").geturl() for u in urls.values())
    server = start_outlets(held_out=True)
    try:
        result = crawl_news(
            server, sqlite_url, "-a", f"sites={homes}", "-a", "mode=backfill",
            "-a", "since=2026-11-20", "-a", "until=2026-11-28",
        )  # fmt: skip
        log = list(server.site.log)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr[-3000:]
    stored = {
        r.canonical_url: r
        for r in rows(sqlite_url, "SELECT canonical_url, site, title, published_at FROM articles")
    }
    assert set(stored) == {case["canonical_url"] for case in cases.values()}
    for name, case in cases.items():
        row = stored[case["canonical_url"]]
        assert (row.site, row.title) == (case["site"], case["title"]), name
        assert row.published_at[:16] == HELD_OUT_PUBLISHED[name], name
    assert {host for _, host, _, _ in log} == {urlsplit(u).hostname for u in urls.values()}
