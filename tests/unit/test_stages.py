"""The cleaning stages: impossible dates are skipped with a logged reason, never stored; an
article with no plausible date is kept undated, the reason among its problems."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.cleaning.stages import (
    InvalidArticle,
    build_item,
    clean_article,
    content_hash,
    parse_dates,
)
from crawler.items import RawArticle

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Asia/Manila"))


def raw(published: list[str], updated: list[str] | None = None) -> RawArticle:
    return RawArticle(
        url="https://newsinfo.inquirer.net/2231457/a",
        title="A headline",
        canonical_url="https://newsinfo.inquirer.net/2231457/a",
        blocks=[("p", "MANILA, Philippines — Body text here.")],
        extraction_method="inquirer-default-v1",
        published_raw=published,
        updated_raw=updated or [],
    )


@pytest.mark.parametrize(
    ("texts", "expected", "problem"),
    [
        (
            ["02:05 PM November 27, 2026"],
            datetime(2026, 11, 27, 14, 5, tzinfo=ZoneInfo("Asia/Manila")),
            None,
        ),
        (["09:00 AM December 25, 2027"], None, "in the future"),
        (["10:00 AM May 5, 1996"], None, "before 1997"),
        (
            ["09:00 AM December 25, 2027", "2026-11-27T14:05:00+08:00"],
            datetime(2026, 11, 27, 6, 5, tzinfo=ZoneInfo("UTC")),
            "in the future",
        ),
        (["not a date at all"], None, None),
    ],
)
def test_published_date_candidates(
    texts: list[str],
    expected: datetime | None,
    problem: str | None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="crawler.cleaning.stages"):
        result = parse_dates(raw(texts), now=NOW)
    assert result.published_at == expected
    if problem:
        assert any(problem in p for p in result.problems)
        assert problem in caplog.text  # the reason is logged, not only kept
    else:
        assert result.problems == []


def test_an_article_without_a_plausible_date_is_kept_undated_with_its_problems() -> None:
    item = clean_article(raw(["09:00 AM December 25, 2027"]), now=NOW)
    assert item.published_at is None and item.published_at_raw is None
    assert item.body == "Body text here."
    assert item.problems == [
        "published date '09:00 AM December 25, 2027' rejected: in the future",
        "no plausible publication date",
    ]


def test_build_item_derives_hash_and_word_count() -> None:
    item = clean_article(raw(["02:05 PM November 27, 2026"]), now=NOW)
    assert item.dateline == "MANILA, Philippines" and item.body == "Body text here."
    assert item.word_count == 3
    assert item.content_hash == content_hash("A headline", "Body text here.")
    assert (
        content_hash("A  headline", "Body text here.") == item.content_hash
    )  # whitespace-normalised
    assert content_hash("A headline", "Body text changed.") != item.content_hash


def test_build_item_refuses_an_empty_body() -> None:
    empty = parse_dates(raw(["02:05 PM November 27, 2026"]), now=NOW)
    empty.blocks = []
    with pytest.raises(InvalidArticle, match="no body"):
        build_item(empty)


def test_the_date_stage_names_the_source_of_the_date_it_took() -> None:
    from crawler.items import SourcedTexts

    texts = SourcedTexts(
        ("date-line", lambda: "09:00 AM December 25, 2027"),  # after NOW: refused
        ("meta", lambda: None),
        ("json-ld", lambda: "2026-11-27T14:05:00+08:00"),
    )
    result = parse_dates(raw(texts), now=NOW)
    assert result.published_at == datetime(2026, 11, 27, 6, 5, tzinfo=ZoneInfo("UTC"))
    assert result.field_sources["published_at"] == "json-ld"
    assert any("(date-line) rejected" in p and "in the future" in p for p in result.problems)


def test_sourced_texts_are_the_list_of_their_texts_with_sources() -> None:
    from crawler.items import SourcedTexts

    texts = SourcedTexts(
        ("date-line", lambda: "A"),
        ("meta", lambda: ""),
        ("json-ld", lambda: None),
        ("url", lambda: "D"),
    )
    assert texts == ["A", "D"] and repr(texts) == "['A', 'D']"
    assert [texts.source_of(i) for i in range(3)] == ["date-line", "url", None]
    empty = SourcedTexts(("meta", lambda: None))
    assert empty == [] and empty.source_of(0) is None
    undated = build_item(parse_dates(raw(empty), now=NOW))
    assert undated.published_at is None
    assert undated.problems == ["no plausible publication date: no date found in []"]


_WORDS = st.sampled_from(
    [
        "Manila",
        "caf\u00e9",
        "e\u0301",
        "\u200b",
        " ",
        "\n",
        "\xa0",
        "\u2028",
        "\u201cq\u201d",
        "word",
        "\u0301",
        "x\u200by",
        "\u3000",
        "\t",
    ]
)


@settings(max_examples=200)
@given(
    st.lists(st.lists(_WORDS, min_size=1, max_size=8).map("".join), min_size=1, max_size=5),
    st.lists(_WORDS, min_size=1, max_size=5).map("".join),
)
def test_build_item_hash_and_word_count_are_those_of_its_title_and_body(
    blocks: list[str], title: str
) -> None:
    article = parse_dates(raw(["02:05 PM November 27, 2026"]), now=NOW)
    article.blocks = [("p", text) for text in blocks]
    article.title = "Headline " + title
    try:
        item = build_item(article)
    except InvalidArticle:
        return  # nothing but whitespace: refused, tested elsewhere
    assert item.content_hash == content_hash(item.title, item.body)
    assert item.word_count == len(item.body.split())


@pytest.mark.parametrize(
    ("first", "searched", "expected", "source"),
    [
        # a plausible date from a cheap source: the costly search is never run
        ("2026-11-27T14:05:00+08:00", False, datetime(2026, 11, 27, 6, 5, tzinfo=UTC), "meta"),
        # the only cheap date is refused (after NOW): the search runs and gives the date
        ("2027-12-25T09:00:00+08:00", True, datetime(2026, 11, 20, 0, 0, tzinfo=UTC), "htmldate"),
        # no cheap date at all: the search runs
        (None, True, datetime(2026, 11, 20, 0, 0, tzinfo=UTC), "htmldate"),
    ],
)
def test_the_last_resort_date_source_is_read_only_when_nothing_else_is_plausible(
    first: str | None, searched: bool, expected: datetime, source: str
) -> None:
    from crawler.items import SourcedTexts

    calls: list[str] = []

    def search() -> str:
        calls.append("search")
        return "2026-11-20T00:00:00+00:00"

    texts = SourcedTexts(("meta", lambda: first), last_resort=("htmldate", search))
    result = parse_dates(raw(texts), now=NOW)
    assert calls == (["search"] if searched else [])
    assert result.published_at == expected
    assert result.field_sources["published_at"] == source


def test_sourced_texts_read_every_source_at_once_but_not_the_last_resort() -> None:
    from crawler.items import SourcedTexts

    ran: list[str] = []

    def reader(name: str, text: str | None):
        def read() -> str | None:
            ran.append(name)
            return text

        return read

    texts = SourcedTexts(
        ("meta", reader("meta", "2026-11-27T14:05:00+08:00")),
        ("date-line", reader("date-line", "November 26, 2026")),
        last_resort=("htmldate", reader("htmldate", "2026-11-20")),
    )
    assert ran == ["meta", "date-line"]
    result = parse_dates(raw(texts), now=NOW)
    assert result.field_sources["published_at"] == "meta"
    assert ran == ["meta", "date-line"]  # a plausible date: the search never ran


def test_known_dates_go_first_or_after_every_page_source() -> None:
    from crawler.items import SourcedTexts

    texts = SourcedTexts(("meta", lambda: "2027-12-25T09:00:00+08:00"))  # after NOW: refused
    texts.add_first("profile", "2027-12-24T09:00:00+08:00")  # refused too
    texts.add_last_resort("discovery", "2026-11-21T08:00:00+08:00")
    result = parse_dates(raw(texts), now=NOW)
    assert result.published_at == datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    assert result.field_sources["published_at"] == "discovery"
    assert [texts.source_of(i) for i in range(3)] == ["profile", "meta", "discovery"]


def test_the_date_stage_reads_a_time_without_an_offset_on_the_articles_clock() -> None:
    """The news spider sets the outlet's zone on the raw article; without one the page's
    times are the Inquirer's (Asia/Manila)."""
    berlin = raw(["02:05 PM November 27, 2026"], ["2026-11-28"])
    berlin.zone = ZoneInfo("Europe/Berlin")
    parse_dates(berlin, now=NOW)
    assert berlin.published_at == datetime(2026, 11, 27, 14, 5, tzinfo=ZoneInfo("Europe/Berlin"))
    assert berlin.published_at.astimezone(UTC) == datetime(2026, 11, 27, 13, 5, tzinfo=UTC)
    assert berlin.updated_at == datetime(2026, 11, 28, tzinfo=ZoneInfo("Europe/Berlin"))
    manila = parse_dates(raw(["02:05 PM November 27, 2026"]), now=NOW)
    assert manila.published_at.astimezone(UTC) == datetime(2026, 11, 27, 6, 5, tzinfo=UTC)
