"""Site profiles (sites.toml) and the news spider's arguments: valid input, and clear errors."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from crawler.items import RawArticle
from crawler.monitoring.checks import check_site_counts
from crawler.pages.profiled import apply_selectors
from crawler.spiders.args import SpiderArgumentError
from crawler.spiders.news import Outlet, politeness_slots
from crawler.spiders.newsargs import parse_news_args
from crawler.spiders.profiles import ProfileError, load_profiles, parse_profiles
from crawler.spiders.sitediscovery import Found, parse_sitemap_entries
from tests.support.paths import REPO_ROOT

EXAMPLE = REPO_ROOT / "docs" / "sites.example.toml"


def test_the_example_file_describes_the_replay_outlets() -> None:
    harbor, cordillera, visayas = load_profiles(EXAMPLE)
    assert (harbor.name, harbor.domain, harbor.zone) == (
        "Harbor Times",
        "harbortimes.test",
        ZoneInfo("Asia/Manila"),
    )
    assert harbor.sitemaps == ("https://www.harbortimes.test/sitemap_index.xml",)
    assert cordillera.domain == "cordillerawire.test"
    assert cordillera.feeds == ("https://news.cordillerawire.test/syndication/latest.rss",)
    assert (cordillera.download_delay, cordillera.concurrency) == (1.0, 1)
    assert visayas.selectors == {"section": "meta[property='article:section']::attr(content)"}
    assert politeness_slots([harbor, cordillera, visayas]) == {
        "news.cordillerawire.test": {"delay": 1.0, "concurrency": 1}
    }


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("", "no [[site]] entries"),
        ("[[site]]\nname = 'x'\n", "site 1: start_url is required"),
        ("[[site]]\nstart_url = 'ftp://x.test/'\n", "is not an http(s) URL with a host name"),
        ("[[site]]\nstart_url = 'https://x.test/'\nzone = 'Mars/Base'\n", "unknown time zone"),
        ("[[site]]\nstart_url = 'https://x.test/'\ndelay = 1\n", "unknown key(s) ['delay']"),
        (
            "[[site]]\nstart_url = 'https://x.test/'\nfeeds = ['https://y.test/rss']\n",
            "is not on the outlet's site x.test",
        ),
        ("[[site]]\nstart_url = 'https://x.test/'\nfeeds = 'https://x.test/rss'\n", "a list"),
        ("[[site]]\nstart_url = 'https://x.test/'\nconcurrency = 0\n", "positive number"),
        ("[[site]]\nstart_url = 'https://x.test/'\nconcurrency = 1.5\n", "whole number"),
        (
            "[[site]]\nstart_url = 'https://x.test/'\n[site.selectors]\nbody = 'div'\n",
            "unknown field(s) ['body']",
        ),
        (
            "[[site]]\nstart_url = 'https://www.x.test/'\n"
            "[[site]]\nstart_url = 'https://news.x.test/'\n",
            "are the same outlet (x.test)",
        ),
        ("[[site]\n", "not valid TOML"),
        ("[sites]\n", "unknown top-level key(s) ['sites']"),
    ],
)
def test_bad_profiles_are_refused_with_a_clear_message(toml: str, message: str) -> None:
    with pytest.raises(ProfileError) as error:
        parse_profiles(toml, "sites.toml")
    assert message in str(error.value)


def test_news_arguments() -> None:
    args = parse_news_args(
        {"sites": "https://a.test, https://b.test/x", "since": "2026-11-01", "limit": "5"}
    )
    assert [p.start_url for p in args.sites] == ["https://a.test/", "https://b.test/x"]
    assert (args.mode, args.limit) == ("nightly", 5)
    assert args.days(date(2026, 11, 3)) == [date(2026, 11, d) for d in (1, 2, 3)]
    default = parse_news_args({"site": "https://a.test/"})
    assert default.days(date(2026, 11, 28)) == [date(2026, 11, 27), date(2026, 11, 28)]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"site": "https://a.test/", "sites": "https://b.test/"}, "got site, sites"),
        ({"site": "https://a.test/", "subdomains": "x"}, "unknown argument(s) subdomains"),
        ({"site": "https://a.test/", "mode": "backfill"}, "mode=backfill needs since"),
        ({"site": "https://a.test/", "limit": "0"}, "limit=0 must be positive"),
        ({"sites": "https://a.test/,https://www.a.test/"}, "same outlet (a.test)"),
        ({"site": "https://a.test/", "since": "2026-11-30", "until": "2026-11-01"}, "is after"),
    ],
)
def test_bad_news_arguments(raw: dict[str, str], message: str) -> None:
    with pytest.raises(SpiderArgumentError) as error:
        parse_news_args(raw)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("stats", "passed", "detail"),
    [
        (
            {"sites/a.test/found": 3, "sites/a.test/items": 3, "sites/b.test/found": 2},
            True,
            "a.test: 3 found, 3 stored, b.test: 2 found, 0 stored",
        ),
        ({"sites/a.test/found": 3}, False, "b.test: no article found by any channel"),
        (
            {"sites/a.test/found": 1, "sites/b.test/found": 4, "sites/b.test/pages_fetched": 4},
            False,
            "b.test: 4 article pages fetched, none stored",
        ),
    ],
)
def test_an_outlet_that_yields_nothing_fails_on_its_own(
    stats: dict[str, int], passed: bool, detail: str
) -> None:
    check = check_site_counts(stats, ["a.test", "b.test"])
    assert (check.name, check.passed) == ("site_item_counts", passed)
    assert detail in check.detail


PAGE = """<html><head><meta property="article:section" content="Metro">
<meta name="pubdate" content="2026-11-28T08:00:00+08:00"></head><body>
<h1>Site name</h1><h2 class="headline">  The real
headline </h2><p class="by"><a>Ana Reyes</a> and <a>Carlo Gomez</a> <a>Ana Reyes</a></p>
</body></html>"""


def _raw() -> RawArticle:
    return RawArticle(
        "u", "u", "Site name", [("p", "x")], "m", byline_raw=None, published_raw=["page date"]
    )


def test_profile_selectors_replace_or_precede_the_generic_fields() -> None:
    raw = apply_selectors(
        _raw(),
        PAGE,
        {
            "title": "h2.headline",
            "author": "p.by a",
            "section": "meta[property='article:section']::attr(content)",
            "published": "meta[name=pubdate]::attr(content)",
        },
    )
    assert raw.title == "The real headline"
    assert raw.byline_raw == "Ana Reyes, Carlo Gomez"
    assert raw.section == "Metro"
    assert list(raw.published_raw) == ["2026-11-28T08:00:00+08:00", "page date"]


def test_a_selector_that_finds_nothing_changes_nothing() -> None:
    raw = apply_selectors(_raw(), PAGE, {"title": "h3.nothing", "published": "time::attr(x)"})
    assert (raw.title, list(raw.published_raw)) == ("Site name", ["page date"])


def test_a_bad_css_selector_is_refused_at_load() -> None:
    toml = "[[site]]\nstart_url = 'https://x.test/'\n[site.selectors]\ntitle = 'h1[['\n"
    with pytest.raises(ProfileError) as error:
        parse_profiles(toml)
    assert "selectors.title: 'h1[[' is not a CSS selector" in str(error.value)


@pytest.mark.parametrize(
    ("found", "inside"),
    [
        (Found("u", published_at=datetime(2026, 11, 27, 16, 30, tzinfo=UTC)), True),  # 28th PHT
        (Found("u", published_at=datetime(2026, 11, 26, 15, 59, tzinfo=UTC)), False),  # 26th
        (Found("u", published_at=datetime(2026, 11, 28, 16, 0, tzinfo=UTC)), False),  # 29th
        (Found("u", day=date(2026, 11, 27)), True),
        (Found("u", day=date(2026, 11, 20)), False),
        (Found("u", modified_at=datetime(2026, 11, 26, 16, 0, tzinfo=UTC)), True),  # 27th 00:00
        (Found("u", modified_at=datetime(2026, 10, 1, tzinfo=UTC)), False),
        (Found("u"), True),  # nothing says when: fetched, the page will tell
    ],
)
def test_the_window_is_counted_in_the_outlets_zone(found: Found, inside: bool) -> None:
    profile = parse_profiles("[[site]]\nstart_url = 'https://x.test/'\nzone = 'Asia/Manila'\n")[0]
    outlet = Outlet(profile, [date(2026, 11, 27), date(2026, 11, 28)])
    assert outlet.in_window(found) is inside


@pytest.mark.parametrize(
    ("toml", "clock"),
    [
        ("start_url = 'https://x.test/'\nzone = 'Europe/Berlin'", "Europe/Berlin"),
        ("start_url = 'https://x.test/'", "UTC"),  # nothing says: UTC
        ("start_url = 'https://newsinfo.inquirer.net/'", "Asia/Manila"),  # the Inquirer's own
        ("start_url = 'https://newsinfo.inquirer.net/'\nzone = 'UTC'", "UTC"),  # as told
    ],
)
def test_an_outlets_clock(toml: str, clock: str) -> None:
    assert parse_profiles(f"[[site]]\n{toml}\n")[0].clock == ZoneInfo(clock)


def test_a_sitemap_day_without_a_time_is_that_day_on_the_outlets_clock() -> None:
    """W3C sitemap dates may be a day alone. Read as Manila midnight (the old default) the
    28th became the 27th in UTC and in Berlin: a window of the 28th skipped that day's
    sitemap and its articles, and fetched the 29th's."""
    xml = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://x.test/2026-11-28.xml</loc><lastmod>2026-11-28</lastmod></sitemap>
    <sitemap><loc>https://x.test/2026-11-27.xml</loc><lastmod>2026-11-27</lastmod></sitemap>
    </sitemapindex>"""
    news = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://x.test/a/ferry-schedule-changes</loc><news:news>
      <news:publication_date>2026-11-28</news:publication_date></news:news></url>
    <url><loc>https://x.test/a/port-opens-new-terminal</loc><news:news>
      <news:publication_date>2026-11-29</news:publication_date></news:news></url>
    </urlset>"""
    for zone in ("", "\nzone = 'Europe/Berlin'", "\nzone = 'America/Sao_Paulo'"):
        profile = parse_profiles(f"[[site]]\nstart_url = 'https://x.test/'{zone}\n")[0]
        outlet = Outlet(profile, [date(2026, 11, 28)])
        children, _ = parse_sitemap_entries(xml, profile.clock)
        assert [outlet.in_window(c) for c in children] == [True, False], zone
        _, pages = parse_sitemap_entries(news, profile.clock)
        assert [outlet.in_window(p) for p in pages] == [True, False], zone
        assert pages[0].published_at == datetime(2026, 11, 28, tzinfo=profile.clock)
