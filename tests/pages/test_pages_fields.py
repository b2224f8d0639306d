"""Field tables: the first source with a value wins and is recorded; dates keep every
source's text with its name; every layout's table names real RawArticle attributes."""

from __future__ import annotations

import dataclasses

import pytest

from crawler.items import RawArticle
from crawler.pages.base import ArticlePage
from crawler.pages.fields import (
    DateField,
    Field,
    ListField,
    PrintedDateField,
    fields,
    first_text,
    json_ld,
    meta,
    replacing,
    texts,
)
from crawler.pages.layouts import INQUIRER_LAYOUTS

HTML = """<html><head>
<meta property="og:title" content="From meta">
<meta property="article:published_time" content="2026-11-27T14:05:00+08:00">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "From JSON-LD",
 "datePublished": "2026-11-27T06:05:00Z"}</script>
</head><body><h1 class="gone"></h1><p class="date">November 27, 2026</p>
<div id="tags"><a>One</a><a>Two</a><a>One</a></div></body></html>"""


def page() -> ArticlePage:
    return ArticlePage("https://newsinfo.inquirer.net/1/x", HTML)


def test_the_first_source_with_a_value_wins_and_is_recorded() -> None:
    title = Field(
        "title",
        (
            ("layout", first_text("h1.gone")),
            ("meta", meta("og:title")),
            ("json-ld", json_ld("headline")),
        ),
        record="title",
        clean=str.upper,
    )
    reading = page()
    assert title.read(reading) == "FROM META"
    assert reading.field_sources == {"title": "meta"}


def test_an_empty_field_is_none_or_an_empty_list_and_records_nothing() -> None:
    reading = page()
    assert Field("subtitle", (("layout", first_text("h2")),), record="x").read(reading) is None
    assert ListField("tags", (("layout", texts("#none a")),), record="tags").read(reading) == []
    assert reading.field_sources == {}
    assert ListField("tags", (("layout", texts("#tags a")),)).read(reading) == ["One", "Two"]


def test_date_fields_keep_every_text_with_its_source() -> None:
    dates = DateField(
        "published_raw",
        (
            ("date-line", first_text("p.date")),
            ("json-ld", json_ld("datePublished")),
            ("meta", meta("article:published_time")),
        ),
    ).read(page())
    assert dates == ["November 27, 2026", "2026-11-27T06:05:00Z", "2026-11-27T14:05:00+08:00"]
    assert [dates.source_of(i) for i in range(3)] == ["date-line", "json-ld", "meta"]


def test_a_printed_date_without_a_time_comes_after_the_machine_dates() -> None:
    dates = PrintedDateField(
        "published_raw",
        (
            ("date-line", lambda p: [first_text("p.date")(p)]),
            ("json-ld", json_ld("datePublished")),
        ),
    ).read(page())
    assert dates == ["2026-11-27T06:05:00Z", "November 27, 2026"]
    assert [dates.source_of(i) for i in range(2)] == ["json-ld", "date-line"]


def test_a_table_refuses_a_field_declared_twice_and_replacing_keeps_the_order() -> None:
    a, b = Field("title", ()), Field("section", ())
    with pytest.raises(ValueError, match="declared twice"):
        fields(a, b, Field("title", ()))
    new_a, c = Field("title", (("meta", meta("og:title")),)), Field("subtitle", ())
    assert replacing((a, b), c, new_a) == (new_a, b, c)


@pytest.mark.parametrize("layout", INQUIRER_LAYOUTS, ids=lambda c: c.__name__)
def test_every_layout_table_names_raw_article_attributes(layout: type) -> None:
    attributes = {f.name for f in dataclasses.fields(RawArticle)}
    declared = [f.attr for f in layout.FIELDS]
    assert "title" in declared and "published_raw" in declared
    assert set(declared) <= attributes
    assert layout.BODY.containers
