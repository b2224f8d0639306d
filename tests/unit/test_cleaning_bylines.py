"""Tables for crawler.cleaning.bylines: one row per byline/credit shape seen."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.cleaning.bylines import (
    is_outlet_name,
    normalize_agency,
    normalize_byline,
    strip_desk_suffix,
)

BYLINE_ROWS: list[tuple[str | None, list[str]]] = [
    ("By: Juan Dela Cruz", ["Juan Dela Cruz"]),
    ("BY:\xa0 Juan Dela Cruz", ["Juan Dela Cruz"]),  # listing pages, split on 'BY:\xa0 '
    ("By Juan Dela Cruz", ["Juan Dela Cruz"]),
    ("by juan dela cruz", ["juan dela cruz"]),
    ("Juan Dela Cruz", ["Juan Dela Cruz"]),
    ("Juan Dela Cruz, Maria Santos", ["Juan Dela Cruz", "Maria Santos"]),
    ("Juan Dela Cruz and Maria Santos", ["Juan Dela Cruz", "Maria Santos"]),
    ("JUAN DELA CRUZ AND MARIA SANTOS", ["JUAN DELA CRUZ", "MARIA SANTOS"]),
    ("Ana Cruz, Ben Reyes and Carla Lim", ["Ana Cruz", "Ben Reyes", "Carla Lim"]),
    ("Ana Cruz, Ben Reyes, and Carla Lim", ["Ana Cruz", "Ben Reyes", "Carla Lim"]),
    ("Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
    ("Jane Doe, Reporter", ["Jane Doe"]),
    ("Jane Doe, Inquirer Mindanao", ["Jane Doe"]),
    ("Jane Doe - Inquirer Visayas", ["Jane Doe"]),
    ("Jane Doe, Inquirer Southern Luzon", ["Jane Doe"]),
    ("Jane Doe, Inquirer Northern Luzon", ["Jane Doe"]),
    ("Jane Doe, Contributor", ["Jane Doe"]),
    ("Jane Doe, Correspondent", ["Jane Doe"]),
    ("Jane Doe, Cebu Daily News", ["Jane Doe"]),
    ("Jane Doe, Senior Reporter", ["Jane Doe"]),
    ("Juan Dela Cruz @inquirerdotnet", ["Juan Dela Cruz"]),
    ("Juan Dela Cruz@inquirerdotnet", ["Juan Dela Cruz"]),
    ("Juan Dela Cruz @", ["Juan Dela Cruz"]),
    ("Jane Doe, INQUIRER.net", ["Jane Doe"]),
    ("By JUAN DELA CRUZ, Inquirer.net", ["JUAN DELA CRUZ"]),
    ("Maria Santos, Jose Reyes - Philippine Daily Inquirer", ["Maria Santos", "Jose Reyes"]),
    ("Jane Doe, CDN Digital", ["Jane Doe"]),
    ("Ervin Santiago, Bandera", ["Ervin Santiago"]),
    ("By: Artemio V. Panganiban | 05:30 AM May 25, 2026", ["Artemio V. Panganiban"]),
    ("Ervin Santiago - November 25, 2026 - 10:00 AM", ["Ervin Santiago"]),  # Bandera #m-pd2
    ("By: Jane Doe - November 25,2026 - 10:00 AM", ["Jane Doe"]),  # Cebu Daily News
    ("Juan Dela Cruz May 25, 2026", ["Juan Dela Cruz"]),
    ("ni Ervin Santiago", ["Ervin Santiago"]),
    ("nina Ervin Santiago at Reggee Bonoan", ["Ervin Santiago", "Reggee Bonoan"]),
    ("Nina Santos", ["Nina Santos"]),  # a first name, not the Filipino "nina"
    ("Byron Cruz", ["Byron Cruz"]),
    ("May Santos", ["May Santos"]),
    ("Jose Reyes Jr.", ["Jose Reyes Jr."]),
    ("Jose Reyes, Jr.", ["Jose Reyes, Jr."]),
    ("Artemio V.", ["Artemio V."]),
    ("Jane Doe.", ["Jane Doe"]),
    ("Jane Doe (AFP)", ["Jane Doe"]),
    ("By Jane Doe, Reuters", ["Jane Doe"]),
    ("Jane Doe with Reuters", ["Jane Doe"]),
    ("Jane Doe/Inquirer Visayas", ["Jane Doe"]),
    ("Juan Dela Cruz, Juan Dela Cruz", ["Juan Dela Cruz"]),
    ("Juan Dela Cruz and JUAN DELA CRUZ", ["Juan Dela Cruz"]),
    ("Jean-Paul Santos", ["Jean-Paul Santos"]),
    ("Niño Jesus Orbeta", ["Niño Jesus Orbeta"]),
    ("Written by Jane Doe", ["Jane Doe"]),
    ("By By Jane Doe", ["Jane Doe"]),
    ("By: Jane Doe | Reporter", ["Jane Doe"]),
    ("Jane Doe — jane.doe@inquirer.com.ph", ["Jane Doe"]),
    # no person
    ("Agence France-Presse", []),
    ("AFP", []),
    ("Reuters", []),
    ("The Associated Press", []),
    ("INQUIRER.net", []),
    ("Philippine Daily Inquirer", []),
    ("Cebu Daily News", []),
    ("INQUIRER.net Staff", []),
    ("Inquirer Research", []),
    ("@inquirerdotnet", []),
    ("By:", []),
    ("05:30 AM May 25, 2026", []),
    ("", []),
    ("   ", []),
    (None, []),
    ("—", []),
    # printed without separators (no data-byline-strips): the desk suffix is still cut
    (
        "Carmel Lapuz-Solis, Erwin Magbanua Inquirer Visayas",
        ["Carmel Lapuz-Solis", "Erwin Magbanua"],
    ),
    ("Jane Doe INQUIRER.net", ["Jane Doe"]),
    ("Jane Doe Inquirer.net U.S. Bureau", ["Jane Doe"]),
    ("Ana Cruz and Ben Reyes Philippine Daily Inquirer", ["Ana Cruz", "Ben Reyes"]),
    ("By Jane Doe Inquirer Southern Luzon", ["Jane Doe"]),
    ("Jane Doe | Inquirer Visayas", ["Jane Doe"]),
]


DESK_SUFFIX_ROWS = [
    ("Erwin Magbanua Inquirer Visayas", "Erwin Magbanua"),
    ("Jane Doe INQUIRER.net", "Jane Doe"),
    ("Jane Doe Inquirer Mindanao", "Jane Doe"),
    ("Inquirer Visayas", "Inquirer Visayas"),  # nothing before it: the role check drops it
    ("Juan Inquirer Santos", "Juan Inquirer Santos"),  # "Santos" is no desk word
    ("Maria Cebu", "Maria Cebu"),  # "Cebu" alone is a place, not a desk: kept
]


@pytest.mark.parametrize(("part", "expected"), DESK_SUFFIX_ROWS)
def test_strip_desk_suffix(part: str, expected: str) -> None:
    assert strip_desk_suffix(part) == expected


@pytest.mark.parametrize(("raw", "expected"), BYLINE_ROWS)
def test_normalize_byline(raw: str | None, expected: list[str]) -> None:
    assert normalize_byline(raw) == expected


def test_normalize_byline_returns_a_fresh_list() -> None:
    first = normalize_byline("Jane Doe")
    first.append("mutated")
    assert normalize_byline("Jane Doe") == ["Jane Doe"]


AGENCY_ROWS: list[tuple[str | None, str | None]] = [
    ("AFP", "Agence France-Presse"),
    ("Agence France-Presse", "Agence France-Presse"),
    ("Agence France Presse", "Agence France-Presse"),
    ("—AFP", "Agence France-Presse"),
    ("(AFP)", "Agence France-Presse"),
    ("REUTERS", "Reuters"),
    ("Reuters", "Reuters"),
    ("AP", "Associated Press"),
    ("Associated Press", "Associated Press"),
    ("The Associated Press", "Associated Press"),
    ("Xinhua", "Xinhua"),
    ("Xinhua News Agency", "Xinhua"),
    ("Bloomberg", "Bloomberg"),
    ("Kyodo", "Kyodo News"),
    ("Kyodo News", "Kyodo News"),
    ("PNA", "Philippine News Agency"),
    ("Philippine News Agency", "Philippine News Agency"),
    ("EFE", "EFE"),
    ("dpa", "Deutsche Presse-Agentur"),
    ("Deutsche Presse-Agentur", "Deutsche Presse-Agentur"),
    ("ANI", "ANI"),
    ("Yonhap", "Yonhap"),
    ("Bernama", "Bernama"),
    ("The Straits Times/Asia News Network", "Asia News Network"),
    ("Asia News Network", "Asia News Network"),
    ("By Jane Doe, Reuters", "Reuters"),
    ("Jane Doe (AFP)", "Agence France-Presse"),
    ("AFP/Reuters", "Agence France-Presse"),
    ("AP Photo/Aaron Favila", "Associated Press"),
    ("INQUIRER.net with AFP", "Agence France-Presse"),
    # staff, unknown, lookalikes
    ("INQUIRER.net", None),
    ("Philippine Daily Inquirer", None),
    ("Inquirer.net", None),
    ("Jane Doe", None),
    ("Ani Cruz", None),  # a surname, not the agency
    ("Apolinario Mabini", None),
    ("Japan", None),
    ("afpersonnel", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("raw", "expected"), AGENCY_ROWS)
def test_normalize_agency(raw: str | None, expected: str | None) -> None:
    assert normalize_agency(raw) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("INQUIRER.net", True),
        ("Inquirer.net", True),
        ("Philippine Daily Inquirer", True),
        ("Cebu Daily News", True),
        ("CDN Digital", True),
        ("Bandera", True),
        (" inquirer.net ", True),
        ("Juan Dela Cruz", False),
        ("Reuters", False),
        ("", False),
        (None, False),
    ],
)
def test_is_outlet_name(name: str | None, expected: bool) -> None:
    assert is_outlet_name(name) is expected  # type: ignore[arg-type]


@given(st.text())
def test_normalize_byline_total_and_idempotent(raw: str) -> None:
    names = normalize_byline(raw)
    assert all(isinstance(n, str) and n for n in names)
    assert normalize_byline(", ".join(names)) == names


@given(
    st.lists(
        st.sampled_from(
            [
                "Jane Doe",
                "Juan Dela Cruz",
                "Reporter",
                "AFP",
                "INQUIRER.net",
                "Ana Cruz Jr.",
                "@inquirerdotnet",
                "May 25, 2026",
            ]
        ),
        max_size=5,
    ),
    st.sampled_from([", ", " and ", " & ", " | ", " - "]),
)
def test_normalize_byline_idempotent_on_realistic_parts(parts: list[str], sep: str) -> None:
    names = normalize_byline("By: " + sep.join(parts))
    assert normalize_byline(", ".join(names)) == names


@given(st.text())
def test_normalize_agency_total(raw: str) -> None:
    value = normalize_agency(raw)
    assert value is None or normalize_agency(value) == value
