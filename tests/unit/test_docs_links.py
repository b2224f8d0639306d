"""Every relative link in README.md and docs/*.md points to a file in the repository
(the docs once linked to a site description outside it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.paths import REPO_ROOT

ROOT = REPO_ROOT
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_INLINE = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)


def relative_links(markdown: str) -> list[str]:
    """The link targets of a Markdown text that are paths (no URL scheme, no bare
    ``#anchor``), code blocks and code spans left out, each without its ``#anchor``."""
    text = _CODE_SPAN.sub("", _FENCE.sub("", markdown))
    targets = _INLINE.findall(text) + _REFERENCE.findall(text)
    return [t.split("#", 1)[0] for t in targets if not _EXTERNAL.match(t)]


def test_the_link_reader_finds_relative_links_only() -> None:
    text = (
        "See [the schema](schema.md#tables) and ![chart](img/a.svg 'x').\n"
        "[site](https://example.org/a.md) [mail](mailto:a@b.c) [top](#top)\n"
        "`[not a link](nowhere.md)`\n"
        "```\n[also not](nowhere.md)\n```\n"
        "[ref]: ../outside/thing.md\n"
    )
    assert relative_links(text) == ["schema.md", "img/a.svg", "../outside/thing.md"]


def test_there_are_docs_with_links() -> None:
    assert sum(len(relative_links(d.read_text(encoding="utf-8"))) for d in DOCS) >= 10


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.relative_to(ROOT).as_posix())
def test_every_relative_link_points_to_a_file_in_the_repository(doc: Path) -> None:
    broken = []
    for target in relative_links(doc.read_text(encoding="utf-8")):
        path = (doc.parent / target).resolve()
        if not path.is_relative_to(ROOT) or not path.exists():
            broken.append(target)
    assert broken == []


_PATH_SPAN = re.compile(r"`((?:\.{1,2}/)*[\w.-]+(?:/[\w.-]+)+\.md)`")


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.relative_to(ROOT).as_posix())
def test_every_markdown_path_named_in_code_is_in_the_repository(doc: Path) -> None:
    """A path to a Markdown file written as code (``docs/fixtures.md``) names a file of the
    repository, relative to the doc or to the repository root: never one beside the clone."""
    text = _FENCE.sub("", doc.read_text(encoding="utf-8"))
    outside = []
    for target in _PATH_SPAN.findall(text):
        candidates = [(base / target).resolve() for base in (doc.parent, ROOT)]
        if not any(p.is_relative_to(ROOT) and p.exists() for p in candidates):
            outside.append(target)
    assert outside == []
