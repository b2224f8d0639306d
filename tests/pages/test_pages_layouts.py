"""Subdomain layouts: the pure helpers, and layout choice when markup or metadata vary."""

from __future__ import annotations

import json
import re

import pytest

from crawler.cleaning.layouts import order_date_texts, split_byline_date, split_layout_caption
from crawler.pages import extract_raw, select_page
from crawler.pages.encoding import decode_html
from crawler.pages.generic import GenericPage
from crawler.pages.layouts.bandera import InquirerBanderaPage
from crawler.pages.layouts.cebudailynews import InquirerCdnPage
from crawler.pages.layouts.lifestyle import InquirerLifestylePage
from crawler.pages.layouts.liveblog import InquirerLiveBlogPage
from crawler.pages.layouts.pop import InquirerPopPage
from tests.support.clock import NOW
from tests.support.paths import FIXTURE_PAGES

CASES = FIXTURE_PAGES / "inquirer"
SUBDOMAIN_LAYOUTS = (
    InquirerLiveBlogPage,
    InquirerLifestylePage,
    InquirerPopPage,
    InquirerBanderaPage,
    InquirerCdnPage,
)


def page(name: str) -> tuple[str, str]:
    case = CASES / name
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    content_type = (meta.get("http") or {}).get("content_type")
    return meta["url"], decode_html((case / "page.html").read_bytes(), content_type)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ana Liza Mercado - November 21, 2026 - 07:45 AM",
            ("Ana Liza Mercado", "November 21, 2026 - 07:45 AM"),
        ),
        (
            "Jomar Villaluz - Nobyembre 25, 2026 - 08:15 PM",
            ("Jomar Villaluz", "Nobyembre 25, 2026 - 08:15 PM"),
        ),
        ("November 25,2026 - 07:30 AM", (None, "November 25,2026 - 07:30 AM")),
        ("By: Cebu Daily News", ("By: Cebu Daily News", None)),
        ("22 November, 2026", (None, "22 November, 2026")),
        ("Mayor Cruz | 10:23 PM March 21, 2025", ("Mayor Cruz", "10:23 PM March 21, 2025")),
        ("", (None, None)),
    ],
)
def test_split_byline_date(text: str, expected: tuple[str | None, str | None]) -> None:
    assert split_byline_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Photo from Facebook/Lito Manalo", (None, "Facebook/Lito Manalo")),
        ("(CDN Digital file photo)", (None, "CDN Digital file photo")),
        (
            "Boats off Olango. (CDN Digital file photo)",
            ("Boats off Olango.", "CDN Digital file photo"),
        ),
        ("Stone houses in Chavayan, Sabtang.", ("Stone houses in Chavayan, Sabtang.", None)),
        ("A photo from 1990 hangs in the hall.", ("A photo from 1990 hangs in the hall.", None)),
    ],
)
def test_split_layout_caption(text: str, expected: tuple[str | None, str | None]) -> None:
    assert split_layout_caption(text) == expected


def test_date_only_visible_text_goes_after_machine_values() -> None:
    assert order_date_texts(["22 November, 2026"], ["2026-11-25T18:40:12+08:00", None]) == [
        "2026-11-25T18:40:12+08:00",
        "22 November, 2026",
    ]
    assert order_date_texts(["Nov 22, 2026 9:30 AM"], ["2026-11-22T01:30:00+00:00"]) == [
        "Nov 22, 2026 9:30 AM",
        "2026-11-22T01:30:00+00:00",
    ]
    assert order_date_texts(["22 November, 2026"], []) == ["22 November, 2026"]


_LINKS = r"<link rel=\"canonical\"[^>]*>|<meta property=\"og:url\"[^>]*>"
_SITE_NAME = r"<meta property=\"og:site_name\"[^>]*>"
_JSON_LD = r"(?s)<script type=\"application/ld\+json\">.*?</script>"


@pytest.mark.parametrize(
    ("removed", "layout"),
    [
        ([_LINKS], InquirerLifestylePage),
        ([_SITE_NAME], InquirerLifestylePage),
        ([_LINKS, _SITE_NAME], InquirerLifestylePage),  # JSON-LD page @id and publisher remain
        ([_JSON_LD], InquirerLifestylePage),
        ([_LINKS, _SITE_NAME, _JSON_LD], GenericPage),  # Elementor markup alone is not enough
    ],
)
def test_lifestyle_needs_markup_and_one_identity_signal(removed: list[str], layout: type) -> None:
    url, html = page("lifestyle_2026_11_22_pampanga-tamales-kitchen")
    for pattern in removed:
        html = re.sub(pattern, "", html)
    assert type(select_page(url, html)) is layout


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name
        for p in CASES.iterdir()
        if p.is_dir()
        and not p.name.startswith(("lifestyle_", "pop_", "bandera_", "cebudailynews_"))
        and "live" not in p.name
    ),
)
def test_other_pages_are_not_taken_by_a_subdomain_layout(name: str) -> None:
    url, html = page(name)
    assert not any(layout.matches(html) for layout in SUBDOMAIN_LAYOUTS)


def test_bandera_and_cdn_share_ids_but_not_identity() -> None:
    url, html = page("bandera_2026_11_25_kiara-dizon-non-showbiz-boyfriend")
    assert InquirerBanderaPage.matches(html) and not InquirerCdnPage.matches(html)
    url, html = page("cebudailynews_2026_11_25_council-drainage-loan")
    assert InquirerCdnPage.matches(html) and not InquirerBanderaPage.matches(html)


def test_bandera_skips_a_hidden_copy_with_other_text() -> None:
    url, html = page("bandera_2026_11_25_kiara-dizon-non-showbiz-boyfriend")
    decoy = (
        '<div id="article-content-wrap" style="display: none"><div id="article-content">'
        "<p>Next story text that must not be read.</p></div></div>"
    )
    real = '<div id="article-content-wrap">'
    html = html.replace(real, decoy + real, 1)
    raw = extract_raw(url, html)
    assert raw.blocks[0][1].startswith("FINALLY, inamin na rin ni Kiara Dizon")
    assert all("Next story" not in text for _, text in raw.blocks)


def test_live_blog_without_the_wrapper_id_is_still_a_live_blog() -> None:
    url, html = page("newsinfo_2026_11_26_live-bicam-2027-budget")
    html = html.replace('id="single_lb"', 'id="lb-main"')
    raw = extract_raw(url, html)
    assert raw.page_type == "liveblog"
    assert raw.blocks[:2] == [("h", "06:40 PM"), ("h", "Bicam suspends session, resumes Friday")]


def test_a_bare_body_image_takes_no_caption_from_elsewhere_in_the_body() -> None:
    url, html = page("pop_2026_11_25_quezon-city-jeepney-cat")
    bare = '<p><img src="https://pop.inquirer.net/files/2026/11/bare.jpg" alt=""></p>\n'
    html = html.replace("<p>Some commuters", bare + "<p>Some commuters", 1)
    images = extract_raw(url, html).images
    assert [(i.url.rsplit("/", 1)[-1], i.caption, i.credit) for i in images] == [
        ("mingming-jeepney-cat-qc.jpg", None, "Facebook/Lito Manalo"),
        ("bare.jpg", None, None),
        (
            "mingming-dashboard-nap.jpg",
            "Mingming naps on the jeepney’s dashboard.",
            "FACEBOOK/LITO MANALO",
        ),
    ]


def test_layout_whose_body_selector_drifted_falls_back_to_trafilatura_and_says_so() -> None:
    from crawler.pages import extract_article

    case = CASES / "newsinfo_2026_11_27_deped-classrooms-verbena"
    html = (case / "page.html").read_text(encoding="utf-8")
    drifted = html.replace('id="FOR_target_content"', 'id="story-body-2027"').replace(
        'id="article_content"', 'id="story-wrap-2027"'
    )
    url = "https://newsinfo.inquirer.net/2231457/deped-2400-classrooms-damaged-by-typhoon-verbena"
    item = extract_article(url, drifted, now=NOW)
    assert item.extraction_method == "inquirer-default-v1+trafilatura"
    assert "615 classrooms were “totally damaged”" in item.body


@pytest.mark.parametrize(
    ("title", "soft404"),
    [
        ("Page not found | Inquirer News", True),
        ("Oops! That page can’t be found. | Inquirer", True),
        ("Error 404 | INQUIRER.net", True),
        ("Nothing found for “verbena” | Inquirer", True),
        ("Senate passes Bill 404 on free school meals | Inquirer News", False),
        ("Flight PR404 lands safely after bird strike", False),
        ("Found: the missing Oopsie cat of Quezon City", False),
    ],
)
def test_soft_404_titles(title: str, soft404: bool) -> None:
    from crawler.pages.base import NotAnArticle
    from crawler.pages.detect import check_page

    html = f"<html><head><title>{title}</title></head><body><p>x</p></body></html>"
    try:
        check_page("https://newsinfo.inquirer.net/2231457/some-story", html)
    except NotAnArticle as exc:
        assert soft404 and exc.reason == "soft404"
    else:
        assert not soft404


def test_layout_prefilters_never_reject_a_page_their_markers_accept() -> None:
    from crawler.pages.layouts.bandera import InquirerBanderaPage
    from crawler.pages.layouts.cebudailynews import InquirerCdnPage
    from crawler.pages.layouts.lifestyle import InquirerLifestylePage
    from crawler.pages.layouts.pop import InquirerPopPage

    pages = [p.read_text(encoding="utf-8", errors="replace") for p in CASES.glob("*/page.html")]
    for layout in (InquirerLifestylePage, InquirerPopPage, InquirerBanderaPage, InquirerCdnPage):
        assert layout.PREFILTER
        for html in pages:
            if layout.MARKERS.search(html):
                assert any(literal in html for literal in layout.PREFILTER), layout.__name__
