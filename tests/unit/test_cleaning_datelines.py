"""Tables for crawler.cleaning.datelines: datelines as printed, and prose that is not one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.cleaning.datelines import split_dateline

DATELINE_ROWS: list[tuple[str, str, str]] = [
    # (text, place, rest)
    (
        "MANILA, Philippines — President Ferdinand “Bongbong” Marcos Jr. on Monday said…",
        "MANILA, Philippines",
        "President Ferdinand “Bongbong” Marcos Jr. on Monday said…",
    ),
    (
        "MANILA, Philippines — Energy Secretary Sharon Garin said",
        "MANILA, Philippines",
        "Energy Secretary Sharon Garin said",
    ),
    (
        "LUCENA CITY, Philippines—Disappointed with the verdict",
        "LUCENA CITY, Philippines",
        "Disappointed with the verdict",
    ),
    (
        "MANILA, Philippines—The Philippines needs more soldiers",
        "MANILA, Philippines",
        "The Philippines needs more soldiers",
    ),
    (
        "BEIJING/TAIPEI — China’s military has “completed various tasks”",
        "BEIJING/TAIPEI",
        "China’s military has “completed various tasks”",
    ),
    ("BEIJING — China said on Sunday", "BEIJING", "China said on Sunday"),
    ("MALOLOS CITY, Bulacan — Police arrested", "MALOLOS CITY, Bulacan", "Police arrested"),
    ("CEBU CITY — The city council", "CEBU CITY", "The city council"),
    ("CEBU CITY, Philippines — The city council", "CEBU CITY, Philippines", "The city council"),
    ("BAGUIO CITY — Classes were suspended", "BAGUIO CITY", "Classes were suspended"),
    ("WASHINGTON (AP) — The Supreme Court", "WASHINGTON", "The Supreme Court"),
    ("HONG KONG (AFP) — Shares fell", "HONG KONG", "Shares fell"),
    ("KYIV, Ukraine (AP) — Russia launched", "KYIV, Ukraine", "Russia launched"),
    (
        "UNITED NATIONS, United States — The Security Council",
        "UNITED NATIONS, United States",
        "The Security Council",
    ),
    ("MANILA -- The Senate", "MANILA", "The Senate"),
    ("MANILA--The Senate", "MANILA", "The Senate"),
    ("MANILA – The Senate", "MANILA", "The Senate"),
    ("MANILA - The Senate", "MANILA", "The Senate"),
    ("MANILA ― The Senate", "MANILA", "The Senate"),
    ("MANILA,\xa0Philippines\xa0—\xa0The Senate", "MANILA, Philippines", "The Senate"),
    ("THE HAGUE, Netherlands — The court", "THE HAGUE, Netherlands", "The court"),
    ("WASHINGTON, D.C. — Officials", "WASHINGTON, D.C.", "Officials"),
    ("ST. PETERSBURG, Russia — Fans", "ST. PETERSBURG, Russia", "Fans"),
    ("SAN JOSE DEL MONTE CITY, Bulacan — A fire", "SAN JOSE DEL MONTE CITY, Bulacan", "A fire"),
    ("LOS BAÑOS, Laguna — Scientists", "LOS BAÑOS, Laguna", "Scientists"),
    ("DAVAO CITY, Davao del Sur — Troops", "DAVAO CITY, Davao del Sur", "Troops"),
    ("CAMP AGUINALDO, Quezon City — The military", "CAMP AGUINALDO, Quezon City", "The military"),
    ("TOKYO — Japan’s economy", "TOKYO", "Japan’s economy"),
    ("ROME — Pope Leo", "ROME", "Pope Leo"),
    ("MANILA, Philippines —", "MANILA, Philippines", ""),
    ("  MANILA — leading spaces", "MANILA", "leading spaces"),
]


@pytest.mark.parametrize(("text", "place", "rest"), DATELINE_ROWS)
def test_split_dateline(text: str, place: str, rest: str) -> None:
    assert split_dateline(text) == (place, rest)


NOT_DATELINES = [
    "President Marcos — in a speech — said the budget would pass.",
    "The 2026 budget — P6.3 trillion — is the largest yet.",
    "NBA — The Lakers won their fifth straight game.",  # decision: acronyms <= 3 letters
    "PBA — San Miguel clinched the title.",
    "DOH — The health department said",
    "UAAP — Ateneo beat La Salle",
    "COMELEC — The poll body said",
    "BREAKING — Marcos signs the budget",
    "UPDATE — The death toll rose",
    "OFFICIALS SAID — the storm weakened",
    "I — for one — disagree.",
    "US — China talks resume",
    "COVID-19 — The virus",
    "ABS-CBN — The network said",
    "Manila — title-case places are prose",
    "MANILA",  # all one caps word
    "MANILA, Philippines",  # no separator
    "MANILA BAY is polluted, the DENR said.",
    "This time, President Duterte is questioning the deal.",  # PDI print story, no dateline
    "",
    "   ",
    "— A dash first",
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_no_dateline(text: str) -> None:
    assert split_dateline(text) == (None, text)


@pytest.mark.parametrize("bad", [None, 3, b"MANILA \xe2\x80\x94 x"])
def test_split_dateline_bad_input(bad: object) -> None:
    assert split_dateline(bad) == (None, "")  # type: ignore[arg-type]


@given(st.text())
def test_split_dateline_total(text: str) -> None:
    place, rest = split_dateline(text)
    if place is None:
        assert rest == text
    else:
        assert place and text.lstrip().startswith(place.split()[0])
        assert text.endswith(rest)


@given(st.sampled_from([r[0] for r in DATELINE_ROWS if r[2]]))
def test_split_dateline_once(text: str) -> None:
    """The rest of a split is never split again (no second dateline)."""
    _, rest = split_dateline(text)
    assert split_dateline(rest) == (None, rest)
