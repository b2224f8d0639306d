"""Spider arguments are typed and validated: a bad value fails at once, naming itself."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.spiders.args import SpiderArgs, SpiderArgumentError, parse_spider_args


def test_defaults_are_a_nightly_of_yesterday_and_today() -> None:
    args = parse_spider_args({})
    assert args.mode == "nightly" and args.limit is None and "newsinfo" in args.subdomains
    assert args.days(today=date(2026, 11, 29)) == [date(2026, 11, 28), date(2026, 11, 29)]


def test_backfill_range_is_inclusive() -> None:
    args = parse_spider_args({"mode": "backfill", "since": "2026-11-20", "until": "2026-11-22"})
    assert args.days(today=date(2026, 11, 29)) == [
        date(2026, 11, 20),
        date(2026, 11, 21),
        date(2026, 11, 22),
    ]


def test_urls_imply_url_mode() -> None:
    url = "https://newsinfo.inquirer.net/2012345/a-slug"
    args = parse_spider_args({"urls": url})
    assert args == SpiderArgs(mode="urls", urls=(url,))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"since": "yesterday"}, "since='yesterday' is not a date"),
        ({"until": "2026-13-01"}, "until='2026-13-01' is not a date"),
        (
            {"since": "2026-11-28", "until": "2026-11-01"},
            "since=2026-11-28 is after until=2026-11-01",
        ),
        ({"mode": "everything"}, "mode='everything' is not one of"),
        ({"mode": "backfill"}, "mode=backfill needs since="),
        ({"limit": "lots"}, "limit='lots' is not a whole number"),
        ({"limit": "0"}, "limit=0 must be positive"),
        ({"subdomains": "newsinfo,radyo"}, "subdomains: unknown ['radyo']"),
        ({"urls": "https://www.philstar.com/1/x"}, "not Inquirer article URLs"),
        ({"mode": "urls"}, "mode=urls needs urls="),
        ({"sinec": "2026-11-01"}, "unknown argument(s) sinec"),
    ],
)
def test_bad_values_fail_with_a_clear_message(raw: dict[str, str], message: str) -> None:
    with pytest.raises(SpiderArgumentError) as error:
        parse_spider_args(raw)
    assert message in str(error.value)
