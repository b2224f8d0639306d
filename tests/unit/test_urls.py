"""URL rules: what an article URL is, and one canonical spelling per page."""

from __future__ import annotations

import pytest

from crawler.urls import (
    canonicalize_url,
    from_mirror_path,
    is_article_url,
    parse_article_url,
    site_of,
    subdomain_of,
    to_mirror,
)

CANON = "https://newsinfo.inquirer.net/2012345/ecowaste-keep-it-clean"


@pytest.mark.parametrize(
    "variant",
    [
        CANON,
        CANON + "/",
        "http://newsinfo.inquirer.net/2012345/ecowaste-keep-it-clean",
        "https://NEWSINFO.inquirer.net/2012345/ecowaste-keep-it-clean/",
        CANON + "/amp",
        CANON + "/amp/",
        CANON + "?utm_source=facebook&utm_medium=social&fbclid=abc",
        CANON + "#comments",
        "https://newsinfo.inquirer.net:443/2012345/ecowaste-keep-it-clean",
    ],
)
def test_variants_share_one_canonical_url(variant: str) -> None:
    assert canonicalize_url(variant) == CANON


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (CANON, ("newsinfo", "2012345", "ecowaste-keep-it-clean")),
        (
            "https://opinion.inquirer.net/75597/mangroves-of-e-visayas-need-protection",
            ("opinion", "75597", "mangroves-of-e-visayas-need-protection"),
        ),
        (
            "https://lifestyle.inquirer.net/478043/bounty-fresh-chickens/",
            ("lifestyle", "478043", "bounty-fresh-chickens"),
        ),
        (
            "https://newsinfo.inquirer.net/1930051/marcos-says/amp",
            ("newsinfo", "1930051", "marcos-says"),
        ),
        ("https://newsinfo.inquirer.net/?p=1678021", ("newsinfo", "1678021", "")),
        (
            "https://bandera.inquirer.net/453976/dogshow-divas",
            ("bandera", "453976", "dogshow-divas"),
        ),
        ("https://newsinfo.inquirer.net/category/latest-stories", None),
        ("https://newsinfo.inquirer.net/tag/marcos/page/2", None),
        ("https://opinion.inquirer.net/byline/artemio-v-panganiban", None),
        ("https://www.inquirer.net/article-index/?d=2026-11-27", None),
        ("https://radyo.inquirer.net/12345/some-show", None),
        ("https://www.philstar.com/12345/not-ours", None),
        ("https://newsinfo.inquirer.net/?p=abc", None),
        ("not a url", None),
    ],
)
def test_parse_article_url(url: str, expected: tuple[str, str, str] | None) -> None:
    assert parse_article_url(url) == expected
    assert is_article_url(url) is (expected is not None)


@pytest.mark.parametrize(
    ("url", "sub"),
    [
        ("https://newsinfo.inquirer.net/1/a", "newsinfo"),
        ("https://www.inquirer.net/feed", "www"),
        ("https://inquirer.net/", "www"),
        ("https://fakeinquirer.net/1/a", None),
        ("https://inquirer.net.evil.com/1/a", None),
    ],
)
def test_subdomain_of(url: str, sub: str | None) -> None:
    assert subdomain_of(url) == sub


def test_mirror_round_trip() -> None:
    mirrored = to_mirror(
        "https://www.inquirer.net/article-index/?d=2026-11-27", "http://127.0.0.1:8800/"
    )
    assert mirrored == "http://127.0.0.1:8800/www.inquirer.net/article-index/?d=2026-11-27"
    assert from_mirror_path("/www.inquirer.net/article-index/?d=2026-11-27") == (
        "www.inquirer.net",
        "/article-index/?d=2026-11-27",
    )


@pytest.mark.parametrize(
    ("url", "site"),
    [
        (CANON, "inquirer.net"),
        ("https://www.rappler.com/nation/x", "rappler.com"),
        ("https://news.abs-cbn.com/news/1/x", "abs-cbn.com"),
        ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
    ],
)
def test_site_of(url: str, site: str) -> None:
    assert site_of(url) == site
