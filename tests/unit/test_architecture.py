"""Layer rules: cleaning, pages, urls, store and discovery never import Scrapy.

Function size and complexity are checked by `make lint` (ruff's C90 and PLR09 rules).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.paths import REPO_ROOT

ROOT = REPO_ROOT / "crawler"
PURE = [
    *ROOT.glob("cleaning/*.py"),
    *ROOT.glob("pages/*.py"),
    *ROOT.glob("pages/layouts/*.py"),
    ROOT / "site.py",
    *ROOT.glob("store/*.py"),
    ROOT / "urls.py",
    ROOT / "spiders/discovery.py",
    ROOT / "spiders/sitediscovery.py",
    ROOT / "spiders/profiles.py",
    ROOT / "spiders" / "newsargs.py",
    ROOT / "cleaning/stages.py",
    ROOT / "items.py",
    *(REPO_ROOT / "replay").glob("*.py"),
    ROOT / "spiders" / "args.py",
]
FORBIDDEN = {"scrapy", "twisted"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", PURE, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_pure_modules_do_not_import_scrapy(path: Path) -> None:
    assert not imported_roots(path) & FORBIDDEN


@pytest.mark.parametrize("path", [*ROOT.glob("cleaning/*.py")], ids=lambda p: p.name)
def test_cleaning_does_not_touch_the_database(path: Path) -> None:
    assert "sqlalchemy" not in imported_roots(path)


def test_only_settings_environment_reads_the_environment() -> None:
    offenders = [
        str(p) for p in ROOT.rglob("*.py") if "os.environ" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def _readme_tree() -> list[str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Architecture", 1)[1].split("```", 2)[1]
    return block.splitlines()


def test_the_readme_tree_names_every_folder_of_the_package() -> None:
    lines = _readme_tree()
    start = lines.index("crawler/") + 1
    end = next(n for n in range(start, len(lines)) if not lines[n].startswith(" "))
    named = {
        line.split()[0].rstrip("/") for line in lines[start:end] if line.split()[0].endswith("/")
    }
    folders = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()}
    assert named == folders


def test_the_readme_tree_names_only_folders_that_exist() -> None:
    top = [line.split()[0] for line in _readme_tree() if line and not line.startswith(" ")]
    assert top and all((REPO_ROOT / name).is_dir() for name in top)


@pytest.mark.parametrize("path", sorted(ROOT.rglob("*.py")), ids=lambda p: p.name)
def test_the_package_never_imports_the_tests_or_the_replay(path: Path) -> None:
    assert not imported_roots(path) & {"tests", "replay"}
