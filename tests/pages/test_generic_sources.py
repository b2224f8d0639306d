"""The generic page: each field tries its sources in order, an implausible value is skipped
with a recorded problem, the winner is named in ``field_sources``, and an article with no
date anywhere is kept undated. Small hand-written pages; the expectations are read off them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from crawler.cleaning.dates import normalize_date_text
from crawler.cleaning.inserts import drop_closing_links, drop_link_inserts
from crawler.pages import NotAnArticle, extract_article

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
URL = "https://www.example-news.org/story/harbour-bridge-reopens"
PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the story about the harbour bridge, which reopened to traffic this "
    f"week after two years of repairs that cost the city more than planned.</p>"
    for n in range(1, 7)
)


def page(head: str = "", body_top: str = "", ld: str = "", url_title: str = "") -> str:
    script = f'<script type="application/ld+json">{ld}</script>' if ld else ""
    return (
        f"<html lang='en'><head><title>Harbour bridge reopens{url_title}</title>{head}{script}"
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>Harbour bridge reopens</h1>"
        f"{body_top}{PARAGRAPHS}</article><footer>Contact us</footer></body></html>"
    )


def extract(html: str, url: str = URL):  # type: ignore[no-untyped-def]
    return extract_article(url, html.encode("utf-8"), "text/html; charset=utf-8", now=NOW)


LD = '{"@type": "NewsArticle", "headline": "Harbour bridge reopens", "datePublished": "%s"}'
LD_BAD = LD % "0001-01-01T00:00:00Z"
LD_GOOD = LD % "2026-11-20T08:30:00+01:00"


@pytest.mark.parametrize(
    ("html", "url", "expected", "source"),
    [
        # JSON-LD first
        (
            page(ld=LD_GOOD),
            URL,
            datetime(2026, 11, 20, 8, 30, tzinfo=ZoneInfo("Europe/Paris")),
            "json-ld",
        ),
        # an impossible JSON-LD date is skipped: <meta> has it
        (
            page(
                head='<meta property="article:published_time" content="2026-11-19T10:00:00Z">',
                ld=LD_BAD,
            ),
            URL,
            datetime(2026, 11, 19, 10, 0, tzinfo=UTC),
            "meta",
        ),
        # then microdata
        (
            page(
                body_top='<span itemprop="datePublished" content="2026-11-18">18 Nov</span>',
                ld=LD_BAD,
            ),
            URL,
            datetime(2026, 11, 18, tzinfo=ZoneInfo("Asia/Manila")),
            "microdata",
        ),
        # then <time datetime>
        (
            page(body_top='<time datetime="2026-11-17T07:00:00+00:00">Tuesday</time>'),
            URL,
            datetime(2026, 11, 17, 7, 0, tzinfo=UTC),
            "time",
        ),
        # then a visible date line, numeric, in any language
        (
            page(body_top='<div class="post-date">Veröffentlicht am 16.11.2026</div>'),
            URL,
            datetime(2026, 11, 16, tzinfo=ZoneInfo("Asia/Manila")),
            "date-line",
        ),
        # then the URL
        (
            page(),
            "https://www.example-news.org/2026/11/15/harbour-bridge-reopens",
            datetime(2026, 11, 15, tzinfo=ZoneInfo("Asia/Manila")),
            "url",
        ),
    ],
)
def test_publication_date_sources_in_order(
    html: str, url: str, expected: datetime, source: str
) -> None:
    item = extract(html, url)
    assert item.published_at == expected
    assert item.field_sources["published_at"] == source
    assert item.field_sources["body"] == "generic"


def test_an_implausible_candidate_is_skipped_with_a_recorded_problem() -> None:
    html = page(
        head='<meta property="article:published_time" content="2026-11-19T10:00:00Z">', ld=LD_BAD
    )
    item = extract(html)
    assert item.published_at == datetime(2026, 11, 19, 10, 0, tzinfo=UTC)
    assert item.problems == [
        "published date '0001-01-01T00:00:00+00:00' (json-ld) rejected: before 1997"
    ]


def test_an_article_with_no_date_anywhere_is_kept_undated() -> None:
    item = extract(page(ld=LD_BAD))  # the only candidate is impossible; no other source
    assert item.published_at is None and item.published_at_raw is None
    assert "Paragraph 6 of the story" in item.body
    assert item.title == "Harbour bridge reopens"
    assert item.problems[0] == (
        "published date '0001-01-01T00:00:00+00:00' (json-ld) rejected: before 1997"
    )
    assert item.problems[-1] == "no plausible publication date"
    assert "published_at" not in item.field_sources


def test_title_and_author_sources() -> None:
    html = page(
        head='<meta property="og:title" content="Harbour bridge reopens | Example News">'
        '<meta property="og:site_name" content="Example News">',
        body_top='<p class="byline">By <a rel="author" href="/staff/ana">Ana Reyes</a></p>',
    )
    item = extract(html)
    assert item.title == "Harbour bridge reopens"  # the site's name dropped
    assert item.field_sources["title"] == "meta"
    assert item.authors == ["Ana Reyes"]
    assert item.field_sources["authors"] == "byline"


def test_json_ld_authors_win_and_organisations_are_not_authors() -> None:
    ld = (
        '{"@type": "NewsArticle", "headline": "Harbour bridge reopens", '
        '"datePublished": "2026-11-20T08:30:00Z", "author": [{"@type": "Person", "name": '
        '"Ana Reyes"}, {"@type": "Organization", "name": "Example News"}]}'
    )
    item = extract(page(ld=ld))
    assert item.authors == ["Ana Reyes"]
    assert item.field_sources["authors"] == "json-ld"


def test_front_page_with_teasers_is_still_a_listing() -> None:
    teasers = "".join(f"<h2><a href='/s/{n}'>Story number {n} headline</a></h2>" for n in range(6))
    html = (
        f"<html><head><title>Example News</title></head><body>{teasers}{PARAGRAPHS}</body></html>"
    )
    with pytest.raises(NotAnArticle) as refused:
        extract(html, "https://www.example-news.org/")
    assert refused.value.reason == "listing"


def test_a_single_page_at_a_site_root_is_not_refused_as_a_listing() -> None:
    html = (
        "<html><head><title>About the harbour</title></head><body>"
        f"<h1>About the harbour</h1>{PARAGRAPHS}</body></html>"
    )
    item = extract(html, "https://harbour-office.example.org/")
    assert "Paragraph 1 of the story" in item.body


LINKS = frozenset({"Flood waters recede in the north", "Mayor opens the new market"})


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        # "<label>: <a link's text>" is a cross-link insert, in any language
        (
            [
                ("p", "First."),
                ("p", "Lea también: Flood waters recede in the north"),
                ("p", "Last."),
            ],
            [("p", "First."), ("p", "Last.")],
        ),
        # a label line and the link under it
        (
            [
                ("p", "First."),
                ("p", "Auch lesen:"),
                ("p", "Mayor opens the new market"),
                ("p", "Last."),
            ],
            [("p", "First."), ("p", "Last.")],
        ),
        # a paragraph that only mentions a headline's words stays
        (
            [("p", "Flood waters recede in the north, officials said on Monday.")],
            [("p", "Flood waters recede in the north, officials said on Monday.")],
        ),
        # a link's text alone with no label stays (a paragraph may be one link)
        ([("p", "Mayor opens the new market")], [("p", "Mayor opens the new market")]),
    ],
)
def test_drop_link_inserts(blocks: list[tuple[str, str]], expected: list[tuple[str, str]]) -> None:
    assert drop_link_inserts(blocks, LINKS) == expected


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        # a closing heading followed only by links ("related articles", any language)
        (
            [
                ("p", "Story."),
                ("h", "Weitere Artikel"),
                ("p", "Flood waters recede in the north"),
                ("p", "Mayor opens the new market"),
            ],
            [("p", "Story.")],
        ),
        # a heading with nothing under it
        ([("p", "Story."), ("h", "Temas")], [("p", "Story.")]),
        # a crosshead followed by prose stays
        (
            [("p", "Story."), ("h", "Repairs"), ("p", "More prose.")],
            [("p", "Story."), ("h", "Repairs"), ("p", "More prose.")],
        ),
        # a body that is only a heading is left alone (nothing else to keep)
        ([("h", "Only")], [("h", "Only")]),
    ],
)
def test_drop_closing_links(blocks: list[tuple[str, str]], expected: list[tuple[str, str]]) -> None:
    assert drop_closing_links(blocks, LINKS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-02-25T02:25:54Z", "2020-02-25T02:25:54+00:00"),
        ("2026-11-20T08:30:00+01:00", "2026-11-20T08:30:00+01:00"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00"),  # read; plausibility is later
        ("Wed, 29 Jan 2020 10:00:00 +0100", "2020-01-29T10:00:00+01:00"),
        ("Veröffentlicht am 31.05.2012", "2012-05-31"),
        ("Posted 2019/06/28 in News", "2019-06-28"),
        ("31.02.2012", None),  # no such day
        ("gestern", None),  # needs a language guess: left to htmldate
        ("", None),
        (None, None),
    ],
)
def test_normalize_date_text(text: str | None, expected: str | None) -> None:
    assert normalize_date_text(text) == expected


def test_json_ld_in_a_cdata_wrapper_is_read() -> None:
    item = extract(page(ld=f"<![CDATA[{LD_GOOD}]]>"))
    assert item.published_at == datetime(2026, 11, 20, 8, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert item.field_sources["published_at"] == "json-ld"


def test_a_page_wrapped_in_a_form_keeps_its_text() -> None:
    html = page(ld=LD_GOOD).replace("<article>", "<form action='/x'><article>")
    html = html.replace("</article>", "</article></form>")
    assert "Paragraph 6 of the story" in extract(html).body


def test_pagination_is_a_listing_but_a_page_slug_is_not() -> None:
    with pytest.raises(NotAnArticle) as refused:
        extract(page(ld=LD_GOOD), "https://www.example-news.org/page/2")
    assert refused.value.reason == "listing"
    item = extract(page(ld=LD_GOOD), "https://www.example-news.org/page/harbour-bridge")
    assert item.title == "Harbour bridge reopens"


def test_an_untitled_text_takes_its_first_heading_as_title() -> None:
    html = f"<html><body><div><h2>Harbour notes</h2>{PARAGRAPHS}</div></body></html>"
    item = extract(html)
    assert item.title == "Harbour notes"
    assert item.field_sources["title"] == "first-heading"
    assert "Paragraph 3 of the story" in item.body


def test_an_inlined_image_is_no_date() -> None:
    """htmldate's page-wide patterns read digit runs anywhere in the markup: a base64
    ``data:`` image holding ``2019/05/03`` is not the page's date (the page has none)."""
    blob = "iVBORw0KGgoAAAANSUhEUgAA" * 40 + "Qx2019/05/03Zk" + "AAAAElFTkSuQmCC" * 40
    html = page(body_top=f'<img src="data:image/png;base64,{blob}" alt="chart">')
    item = extract(html)
    assert item.published_at is None
    assert item.problems == ["no plausible publication date: no date found in []"]
    # the same digits in a visible line are read, by the date-line source or htmldate's
    dated = extract(page(body_top="<p class='meta'>Posted 2019/05/03 by the desk</p>"))
    assert dated.published_at is not None and dated.published_at.date().isoformat() == "2019-05-03"


@pytest.mark.parametrize(
    ("body_top", "authors", "source"),
    [
        # a byline printed as the story's first line: the author, and out of the body
        ("<p>By Ana Reyes</p>", ["Ana Reyes"], "body-line"),
        (
            "<p><i>von Daniela Ortiz und Jan de Vries</i></p>",
            ["Daniela Ortiz", "Jan de Vries"],
            "body-line",
        ),
        # a byline marked by a data attribute (React test ids and the like)
        (
            '<div data-testid="story-byline"><span>By</span> <a href="/staff/ana">Ana Reyes</a>'
            "</div>",
            ["Ana Reyes"],
            "byline",
        ),
    ],
)
def test_bylines_outside_the_usual_markup(body_top: str, authors: list[str], source: str) -> None:
    item = extract(page(body_top=body_top))
    assert item.authors == authors
    assert item.field_sources["authors"] == source
    assert not item.body.startswith(("By ", "von ")) and "Paragraph 1 of the story" in item.body


@pytest.mark.parametrize(
    "line",
    [
        "By the numbers",  # a heading, not a name: lower-case words
        "Von 2019 bis 2021 wurde die Brücke gesperrt",  # digits, and too long
        "By Ana Reyes and the city desk, with reporting from three provinces",  # a sentence
    ],
)
def test_a_first_line_that_only_starts_like_a_byline_is_no_author(line: str) -> None:
    item = extract(page(body_top=f"<p>{line}</p>"))
    assert item.authors == [] and "authors" not in item.field_sources
    assert line in item.body
