"""crawler/site.py declares the Inquirer site once; no other module spells out its subdomains."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from crawler import site
from crawler.clock import MANILA
from crawler.urls import is_article_url
from tests.support.paths import REPO_ROOT

ROOT = REPO_ROOT
SEARCHED = [
    *(ROOT / "crawler").rglob("*.py"),
    *(ROOT / "settings").rglob("*.py"),
    *(ROOT / "bench").rglob("*.py"),
]


def spelled_out_lists(source: str, names: frozenset[str]) -> list[int]:
    """Line numbers of the tuple/list/set/dict literals in ``source`` that hold at least
    half of the site's subdomain names as string constants (a copy of the list)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [key for key in node.keys if key is not None]
        else:
            continue
        held = {i.value for i in items if isinstance(i, ast.Constant) and i.value in names}
        if 2 * len(held) >= len(names):
            found.append(node.lineno)
    return found


def test_the_site_is_declared_as_the_reference_describes_it() -> None:
    assert site.ZONE is MANILA
    assert site.FEED_SUBDOMAINS == (
        "newsinfo",
        "globalnation",
        "business",
        "sports",
        "entertainment",
        "lifestyle",
        "technology",
        "opinion",
        "usa",
        "pop",
        "bandera",
        "cebudailynews",
    )
    assert site.ARTICLE_SUBDOMAINS == {*site.FEED_SUBDOMAINS, "esports", "plus"}
    assert site.feed_url("globalnation") == "https://globalnation.inquirer.net/feed"
    assert site.outlet_name("cebudailynews") == "Cebu Daily News"
    assert site.outlet_name("radyo") == "Radyo"
    assert site.subdomain("bandera").language == "tl"
    with pytest.raises(KeyError):
        site.feed_url("radyo")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://esports.inquirer.net/123456/a-match", True),
        ("https://radyo.inquirer.net/123456/a-show", False),
        ("https://pep.inquirer.net/123456/a-profile", False),
    ],
)
def test_urls_take_their_subdomains_from_the_site(url: str, expected: bool) -> None:
    assert is_article_url(url) is expected


def test_the_check_finds_a_copy_of_the_list() -> None:
    names = site.ARTICLE_SUBDOMAINS
    copy = "SUBS = (" + ", ".join(f'"{n}"' for n in sorted(names)[:7]) + ")\n"
    assert spelled_out_lists(copy, names) == [1]
    assert spelled_out_lists('WORDS = {"news", "sports", "usa"}\n', names) == []


@pytest.mark.parametrize("path", SEARCHED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_other_module_spells_out_the_subdomains(path: Path) -> None:
    if path == ROOT / "crawler" / "site.py":
        return
    assert spelled_out_lists(path.read_text(encoding="utf-8"), site.ARTICLE_SUBDOMAINS) == []
