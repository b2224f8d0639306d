"""Move the code base into folders that show its architecture, and fix every reference.

    .venv/bin/python tools/restructure.py            # move, rewrite, ruff --fix, ruff format
    .venv/bin/python tools/restructure.py --dry-run  # print the plan, change nothing

Re-runnable: a move already made is skipped, and references are rewritten by the same
tables each time, so it can run again on a tree that other branches changed since (a new
``tests/test_*.py`` goes by its name prefix, a new helper module in ``tests/`` to
``tests/support/``, a new ``import crawler.monitors`` is rewritten). A flat ``crawler/*.py``
module that is in neither MOVES nor KEEP is left where it is and named at the end: add it
to one of the two tables.

What it does, in order:
1. ``git mv`` every file of the plan (MOVES, then the tests' rules) whose target is free.
2. Creates the ``__init__.py`` of each new package and ``tests/support/paths.py`` (the one
   place tests find the repository, the tests folder and the fixtures).
3. Rewrites references in every text file of the repository (not tests/fixtures): dotted
   module names (imports, "crawler.x.Class" strings in settings and tests, monkeypatch
   targets, ``python -m crawler.replay``, logger names) and paths (``crawler/x.py``,
   ``tests/test_x.py``). In Python files only imports, strings and comments are touched,
   never code (``crawler.extensions`` is also an attribute of Scrapy's Crawler).
4. In test files it moved out of ``tests/``: ``Path(__file__)``-relative paths become the
   constants of ``tests/support/paths.py``; in other moved modules ``parents[N]`` is
   adjusted to the new depth. Anywhere in tests/, bench/, replay/ and fuzz/, the fixture
   pages named from the repository root become ``tests.support.paths.FIXTURE_PAGES``.
5. Runs ``ruff check --fix`` and ``ruff format``.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# --- The move table ------------------------------------------------------------------------
# Old path -> new path (a file, or a folder whose files all move). Order does not matter.
MOVES: dict[str, str] = {
    # spiders/: spiders, argument parsing, discovery readers, the discovery gate
    "crawler/discovery.py": "crawler/spiders/discovery.py",
    "crawler/sitediscovery.py": "crawler/spiders/sitediscovery.py",
    "crawler/profiles.py": "crawler/spiders/profiles.py",
    "crawler/frontier.py": "crawler/spiders/frontier.py",
    "crawler/reading.py": "crawler/spiders/reading.py",
    "crawler/failures.py": "crawler/spiders/failures.py",
    # pages/: the time budget next to the pages it limits
    "crawler/budget.py": "crawler/pages/budget.py",
    # cleaning/: the stages that chain the pure cleaners
    "crawler/stages.py": "crawler/cleaning/stages.py",
    # middlewares/: the downloader layer
    "crawler/middlewares.py": "crawler/middlewares/downloader.py",
    "crawler/incremental.py": "crawler/middlewares/incremental.py",
    "crawler/reachability.py": "crawler/middlewares/reachability.py",
    "crawler/mirror.py": "crawler/middlewares/mirror.py",
    # extensions/: Scrapy extensions
    "crawler/extensions.py": "crawler/extensions/recorder.py",
    "crawler/progress.py": "crawler/extensions/progress.py",
    "crawler/liveline.py": "crawler/extensions/liveline.py",
    "crawler/redact.py": "crawler/extensions/redact.py",
    "crawler/feeds.py": "crawler/extensions/feeds.py",
    # store/: the outage writer and its spool, the search query
    "crawler/outage.py": "crawler/store/outage.py",
    "crawler/spool.py": "crawler/store/spool.py",
    "crawler/searchquery.py": "crawler/store/searchquery.py",
    # monitoring/: the Spidermon suite joins the checks and the alert
    "crawler/monitors.py": "crawler/monitoring/suite.py",
    # reporting/: queries, template, charts
    "crawler/report.py": "crawler/reporting/report.py",
    "crawler/svgcharts.py": "crawler/reporting/svgcharts.py",
    "crawler/store/report_queries.py": "crawler/reporting/queries.py",
    "crawler/templates": "crawler/reporting/templates",
    # cli/: the crawler command, one module per command group
    "crawler/cli.py": "crawler/cli/main.py",
    "crawler/browse.py": "crawler/cli/browse.py",
    "crawler/nightly.py": "crawler/cli/nightly.py",
    "crawler/export.py": "crawler/cli/export.py",
    "crawler/summary.py": "crawler/cli/stats.py",
    "crawler/preflight.py": "crawler/cli/preflight.py",
    "crawler/commands": "crawler/cli/commands",
    # replay/: dev-only, outside the shipped package
    "crawler/replay": "replay",
    "crawler/demo.py": "replay/demo.py",
    # tests/support/: folders of test helpers
    "tests/drift": "tests/support/drift",
    "tests/netguard": "tests/support/netguard",
}
# Flat crawler/ modules that stay: shared by several folders.
KEEP = {
    "__init__.py",
    "clock.py",  # the one clock
    "items.py",  # the item contract
    "outcome.py",  # exit codes
    "pipelines.py",  # thin wrappers over the stages
    "serialize.py",  # the one record shape of an article
    "signals.py",  # custom signals
    "site.py",  # the site declaration
    "urls.py",  # pure URL helpers
}
# tests/test_*.py by name: the first prefix that matches; the rest go to tests/unit/.
TEST_FOLDERS: list[tuple[str, str]] = [
    (r"test_(pages|generic|drift|hostile|roundtrip)", "pages"),
    (r"test_(store|migrations|queries|export|faults_store)", "store"),
    (r"test_distributed", "distributed"),
    (r"test_(e2e|faults|operator|replay)", "e2e"),
]
DEFAULT_TEST_FOLDER = "unit"
TESTS_STAY = {"__init__.py", "conftest.py"}  # tests/ itself
TESTS_DIRS_STAY = {"fixtures", "__pycache__", "support", "unit", "pages", "store"}
TESTS_DIRS_STAY |= {"distributed", "e2e"}
PACKAGE_DOCS = {
    "crawler/cli": "The ``crawler`` command: main.py builds the parser; one module per group.",
    "crawler/extensions": (
        "Scrapy extensions: the run recorder, progress lines, secret masking, stored feeds."
    ),
    "crawler/middlewares": (
        "The downloader layer: incremental fetching, blocked pages, Retry-After, redirects,\n"
        "reachability, and the handler that sends requests to a local mirror."
    ),
    "crawler/reporting": "The crawl health report: queries, the jinja2 template, SVG charts.",
    "tests/support": "Test helpers: network guard, servers, factories, faults, clock, waits.",
    "tests/unit": "Fast tests of one module or function each.",
    "tests/pages": "Page objects and extraction, on the fixture pages.",
    "tests/store": "The store, migrations, queries and export, on SQLite and PostgreSQL.",
    "tests/distributed": "Distributed mode, with a real Redis.",
    "tests/e2e": "The real ``scrapy crawl`` and ``crawler`` commands against the replay.",
}
PATHS_MODULE = '''"""Where tests find things: the one place that knows the repository's layout."""

from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = TESTS_DIR.parent
FIXTURES = TESTS_DIR / "fixtures"
FIXTURE_PAGES = FIXTURES / "pages"
'''
# Literal edits the general rules cannot make; each is applied only where its old text is.
EDITS: list[tuple[str, str, str]] = [
    ("tests/conftest.py", 'ROOT / "tests" / "netguard"', 'ROOT / "tests" / "support" / "netguard"'),
    (
        "tests/unit/test_architecture.py",
        '*ROOT.glob("replay/*.py")',
        '*(REPO_ROOT / "replay").glob("*.py")',
    ),
    (
        "tests/unit/test_architecture.py",
        "ids=lambda p: str(p.relative_to(ROOT))",
        "ids=lambda p: str(p.relative_to(REPO_ROOT))",
    ),
    (
        "tests/unit/test_clock.py",
        '    "replay/site.py",  # the replay stamps a page it changes\n',
        "",
    ),
]
TEXT_SUFFIXES = {".py", ".md", ".toml", ".cfg", ".ini", ".txt", ".sh", ".j2", ".yml", ".yaml"}
TEXT_NAMES = {"Makefile", "run"}
SKIP_DIRS = {".git", ".venv", "node_modules", "__pycache__", "data", ".pytest_cache"}
SKIP_PATHS = ("tests/fixtures/", "tools/restructure.py", "bench/results/")


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def tracked(path: Path) -> bool:
    rel = str(path.relative_to(ROOT))
    return bool(git("ls-files", "--", rel).strip())


# --- The plan ---------------------------------------------------------------------------------
def test_folder(name: str) -> str:
    for pattern, folder in TEST_FOLDERS:
        if re.match(pattern, name):
            return folder
    return DEFAULT_TEST_FOLDER


def file_plan() -> tuple[list[tuple[Path, Path]], list[str]]:
    """Every file to move now (``(old, new)``), and the files no rule knows."""
    plan: list[tuple[Path, Path]] = []
    for old, new in MOVES.items():
        source = ROOT / old
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    plan.append((path, ROOT / new / path.relative_to(source)))
        elif source.is_file():
            plan.append((source, ROOT / new))
    unknown = [
        f"crawler/{p.name}"
        for p in sorted((ROOT / "crawler").glob("*.py"))
        if p.name not in KEEP and f"crawler/{p.name}" not in MOVES
    ]
    tests = ROOT / "tests"
    for path in sorted(tests.glob("*.py")):
        if path.name in TESTS_STAY:
            continue
        folder = test_folder(path.name) if path.name.startswith("test_") else "support"
        plan.append((path, tests / folder / path.name))
    for path in sorted(p for p in tests.iterdir() if p.is_dir()):
        if path.name not in TESTS_DIRS_STAY and f"tests/{path.name}" not in MOVES:
            unknown.append(f"tests/{path.name}/")
    return plan, unknown


def module_of(path: str) -> str:
    """``crawler/x/y.py`` -> ``crawler.x.y``; ``crawler/x/__init__.py`` -> ``crawler.x``."""
    parts = path.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_map() -> dict[str, str]:
    """Old dotted module name -> new, from the tables and from where tests are now (so that
    a re-run still rewrites old names that merged branches bring in)."""
    names: dict[str, str] = {}
    for old, new in MOVES.items():
        names[module_of(old)] = module_of(new)
    tests = ROOT / "tests"
    for path in tests.glob("*.py"):
        if path.name not in TESTS_STAY:
            folder = test_folder(path.name) if path.name.startswith("test_") else "support"
            names[f"tests.{path.stem}"] = f"tests.{folder}.{path.stem}"
    for folder in ("support", "unit", "pages", "store", "distributed", "e2e"):
        for path in (tests / folder).glob("*.py"):
            if path.name != "__init__.py" and not (tests / path.name).exists():
                names.setdefault(f"tests.{path.stem}", f"tests.{folder}.{path.stem}")
    for path in (ROOT / "replay").glob("*.py") if (ROOT / "replay").is_dir() else []:
        if path.name != "__init__.py":
            names.setdefault(f"crawler.replay.{path.stem}", f"replay.{path.stem}")
    return names


# --- Moving -----------------------------------------------------------------------------------
def move(old: Path, new: Path, dry: bool, log: list[str]) -> bool:
    rel_old, rel_new = old.relative_to(ROOT), new.relative_to(ROOT)
    if new.exists():
        log.append(f"not moved (target exists): {rel_old} -> {rel_new}")
        return False
    log.append(f"{rel_old} -> {rel_new}")
    if dry:
        return True
    new.parent.mkdir(parents=True, exist_ok=True)
    if tracked(old):
        git("mv", str(rel_old), str(rel_new))
    else:
        shutil.move(old, new)
    return True


def remove_empty_dirs(dry: bool) -> None:
    for old, _ in MOVES.items():
        folder = ROOT / old
        if dry or not folder.is_dir():
            continue
        for cache in list(folder.rglob("__pycache__")):
            shutil.rmtree(cache, ignore_errors=True)
        for path in sorted(folder.rglob("*"), key=lambda p: -len(p.parts)):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        if not any(folder.iterdir()):
            folder.rmdir()


def create_packages(dry: bool, log: list[str]) -> None:
    for folder, doc in PACKAGE_DOCS.items():
        init = ROOT / folder / "__init__.py"
        if (ROOT / folder).is_dir() and not init.exists():
            log.append(f"created {init.relative_to(ROOT)}")
            if not dry:
                init.write_text(f'"""{doc}"""\n', encoding="utf-8")
    cli_main = ROOT / "crawler" / "cli" / "__main__.py"
    if (ROOT / "crawler" / "cli" / "main.py").exists() and not cli_main.exists() and not dry:
        cli_main.write_text(
            '"""The ``crawler`` command, run as ``python -m`` on this package."""\n\n'
            "from crawler.cli.main import main\n\nraise SystemExit(main())\n",
            encoding="utf-8",
        )
    paths = ROOT / "tests" / "support" / "paths.py"
    if (ROOT / "tests" / "support").is_dir() and not paths.exists() and not dry:
        paths.write_text(PATHS_MODULE, encoding="utf-8")
        log.append("created tests/support/paths.py")


# --- Rewriting names --------------------------------------------------------------------------
DOTTED = re.compile(r"(?<![\w.\-/])((?:crawler|tests)(?:\.[A-Za-z_]\w*)+)")
SLASHED = re.compile(r"(?<![\w.\-/])((?:crawler|tests)(?:/[\w.\-]+)+/?)")


def existing_depth(parts: list[str]) -> int:
    """How many leading parts name a module, package or folder that exists now."""
    depth = 0
    for n in range(1, len(parts) + 1):
        path = ROOT.joinpath(*parts[:n])
        if path.with_suffix(".py").is_file() or path.is_dir():
            depth = n
        else:
            break
    return depth


def rename_parts(parts: list[str], names: dict[str, str]) -> list[str] | None:
    """The new parts for a dotted name's parts, or None to leave it."""
    for k in range(len(parts), 1, -1):
        new = names.get(".".join(parts[:k]))
        if new is not None:
            if existing_depth(parts) > k:  # already a name of the new tree
                return None
            return new.split(".") + parts[k:]
    return None


def rename_dotted(match: re.Match[str], names: dict[str, str]) -> str:
    parts = match.group(1).split(".")
    new = rename_parts(parts, names)
    return ".".join(new) if new else match.group(1)


def rename_slashed(match: re.Match[str], names: dict[str, str]) -> str:
    text = match.group(1)
    trail = "/" if text.endswith("/") else ""
    parts = text.rstrip("/").split("/")
    suffix = ""
    if parts[-1].endswith(".py"):
        suffix, parts[-1] = ".py", parts[-1][:-3]
    if not all(p.isidentifier() for p in parts):
        return text
    if not suffix and ROOT.joinpath(*parts).is_dir():  # a folder of the tree as it is now
        return text
    new = rename_parts(parts, names)
    if new is None:
        return text
    if suffix and names.get(".".join(parts)) and (ROOT.joinpath(*new)).is_dir():
        new = [*new, "__init__"]
    return "/".join(new) + suffix + trail


def rewrite_text(text: str, names: dict[str, str]) -> str:
    text = DOTTED.sub(lambda m: rename_dotted(m, names), text)
    return SLASHED.sub(lambda m: rename_slashed(m, names), text)


def crawler_relative(names: dict[str, str]) -> dict[str, str]:
    """``"nightly.py"`` -> ``"cli/nightly.py"``: paths relative to crawler/ (layer tests)."""
    found = {}
    for old, new in MOVES.items():
        if old.startswith("crawler/") and new.startswith("crawler/") and old.endswith(".py"):
            found[old.removeprefix("crawler/")] = new.removeprefix("crawler/")
    return found


def import_from_text(node: ast.ImportFrom, names: dict[str, str]) -> str | None:
    """``from crawler import stages`` -> ``from crawler.cleaning import stages``: an import
    of moved modules by name, rewritten; None when none of its names is a moved module."""
    module = node.module or ""
    moved = [a for a in node.names if f"{module}.{a.name}" in names]
    if node.level or not moved:
        return None
    lines, rest = [], [a for a in node.names if a not in moved]
    for alias in moved:
        parent, leaf = names[f"{module}.{alias.name}"].rsplit(".", 1)
        bound = alias.asname or alias.name
        lines.append(f"from {parent} import {leaf}" + (f" as {bound}" if bound != leaf else ""))
    if rest:
        listed = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in rest)
        lines.insert(0, f"from {module} import {listed}")
    return "\n".join(lines)


def top_level_names(module: str) -> set[str]:
    """What a module of the tree defines or imports at its top level."""
    path = ROOT.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return set()
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found |= {t.id for t in targets if isinstance(t, ast.Name)}
    return found


def submodule_import(node: ast.ImportFrom, names: dict[str, str]) -> bool:
    """``from crawler.cli import browse`` where crawler/cli/browse.py exists: leave it. But
    ``from crawler.cli import main`` imports the old module's function when the module that
    replaced it (crawler/cli/main.py) defines ``main``: that one is rewritten."""
    module = node.module or ""
    parts = module.split(".")
    new = names.get(module, "")
    if new.startswith(module + ".") and any(a.name in top_level_names(new) for a in node.names):
        return False
    return all(existing_depth([*parts, a.name]) == len(parts) + 1 for a in node.names)


def python_spans(source: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Character spans of strings, comments and import statements, and the import-from
    statements to replace whole (start, end, new text)."""
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))

    def at(row: int, col: int) -> int:
        return offsets[row - 1] + col

    spans = []
    kinds = {tokenize.STRING, tokenize.COMMENT}
    kinds |= {getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in kinds:
            spans.append((at(*token.start), at(*token.end)))
    tree = ast.parse(source)
    return spans, [
        (at(node.lineno, node.col_offset), at(node.end_lineno or node.lineno, node.end_col_offset))
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]


def rewrite_python(source: str, names: dict[str, str], under_tests: bool) -> str:
    try:
        strings, imports = python_spans(source)
        tree = ast.parse(source)
    except (SyntaxError, tokenize.TokenError):
        return source
    relative = crawler_relative(names) if under_tests else {}
    edits: list[tuple[int, int, str]] = []
    import_nodes = {
        (n.lineno, n.col_offset): n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
    }
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    for start, end in imports:
        row = next(i for i in range(len(offsets)) if offsets[i + 1] > start) + 1
        node = import_nodes.get((row, start - offsets[row - 1]))
        old = source[start:end]
        if node is not None and submodule_import(node, names):
            continue
        whole = import_from_text(node, names) if node is not None else None
        if whole is not None:
            indent = " " * node.col_offset
            edits.append((start, end, whole.replace("\n", "\n" + indent)))
        else:
            edits.append((start, end, rewrite_text(old, names)))
    import_ranges = [(s, e) for s, e in imports]
    for start, end in strings:
        if any(s <= start < e for s, e in import_ranges):
            continue
        old = source[start:end]
        new = rewrite_text(old, names)
        quote = re.match(r"^([rRbBuU]?)(['\"])(.*)\2$", new, re.S)
        if quote and quote.group(3) in relative:
            new = f"{quote.group(1)}{quote.group(2)}{relative[quote.group(3)]}{quote.group(2)}"
        edits.append((start, end, new))
    for start, end, new in sorted(edits, reverse=True):
        source = source[:start] + new + source[end:]
    return source


# --- Paths relative to a moved file -----------------------------------------------------------
FILE_PATHS = [
    (r"Path\(__file__\)(?:\.resolve\(\))?\.parent\.parent\b", "REPO_ROOT"),
    (r"Path\(__file__\)(?:\.resolve\(\))?\.parent\b", "TESTS_DIR"),
    (r'TESTS_DIR\s*/\s*"fixtures"\s*/\s*"pages"', "FIXTURE_PAGES"),
    (r'TESTS_DIR\s*/\s*"fixtures/pages/', 'FIXTURE_PAGES / "'),
    (r'TESTS_DIR\s*/\s*"fixtures/pages"', "FIXTURE_PAGES"),
    (r'TESTS_DIR\s*/\s*"fixtures"', "FIXTURES"),
    (r"\((FIXTURE_PAGES|FIXTURES|REPO_ROOT|TESTS_DIR)\)(?=\.)", r"\1"),
]
PATHS_IMPORT = "from tests.support.paths import FIXTURE_PAGES, FIXTURES, REPO_ROOT, TESTS_DIR\n"


def fix_test_paths(path: Path) -> None:
    """A test moved out of tests/: paths from tests/support/paths.py, not from __file__."""
    text = path.read_text(encoding="utf-8")
    new = text
    for pattern, constant in FILE_PATHS:
        new = re.sub(pattern, constant, new)
    if new == text:
        return
    lines = new.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.startswith(("import ", "from "))), 0)
    if lines[at].startswith("from __future__"):
        at += 1
    lines.insert(at, PATHS_IMPORT)
    path.write_text("".join(lines), encoding="utf-8")


# Fixture pages named from the repository root, anywhere outside tests/support/paths.py.
FIXTURE_PATHS = [
    (
        r'Path\(__file__\)\.resolve\(\)\.parents\[\d+\]\s*/\s*"tests"\s*/\s*"fixtures"\s*/\s*"pages"',
        "FIXTURE_PAGES",
    ),
    (r'\b\w+\s*/\s*"tests"\s*/\s*"fixtures"\s*/\s*"pages"', "FIXTURE_PAGES"),
    (r'\b\w+\s*/\s*"tests/fixtures/pages/', 'FIXTURE_PAGES / "'),
]
FIXTURE_IMPORT = "from tests.support.paths import FIXTURE_PAGES\n"


def fix_fixture_paths(dry: bool, log: list[str]) -> None:
    """Every ``<root> / "tests" / "fixtures" / "pages"`` becomes the one constant."""
    for folder in ("tests", "bench", "replay", "fuzz"):
        for path in sorted((ROOT / folder).rglob("*.py")) if (ROOT / folder).is_dir() else []:
            if path.name == "paths.py" or "fixtures" in path.relative_to(ROOT).parts:
                continue
            text = path.read_text(encoding="utf-8")
            new = text
            for pattern, constant in FIXTURE_PATHS:
                new = re.sub(pattern, constant, new)
            if new == text:
                continue
            log.append(f"fixture paths: {path.relative_to(ROOT)}")
            if dry:
                continue
            lines = new.splitlines(keepends=True)
            at = next((i for i, x in enumerate(lines) if x.startswith(("import ", "from "))), 0)
            at += 1 if lines[at].startswith("from __future__") else 0
            lines.insert(at, FIXTURE_IMPORT)
            path.write_text("".join(lines), encoding="utf-8")


def fix_parents(path: Path, old: Path, new: Path) -> None:
    """``Path(__file__).resolve().parents[N]`` of a moved module, at its new depth."""
    shift = len(new.relative_to(ROOT).parts) - len(old.relative_to(ROOT).parts)
    text = path.read_text(encoding="utf-8")
    fixed = re.sub(
        r"(Path\(__file__\)\.resolve\(\)\.parents\[)(\d+)\]",
        lambda m: f"{m.group(1)}{int(m.group(2)) + shift}]",
        text,
    )
    if fixed != text:
        path.write_text(fixed, encoding="utf-8")


# --- Lines the longer names made too long -----------------------------------------------------
LIMIT = 100


def wrap_words(indent: str, prefix: str, words: list[str]) -> list[str]:
    lines, line = [], ""
    for word in words:
        if line and len(indent + prefix + line + " " + word) > LIMIT:
            lines.append(indent + prefix + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, indent + prefix + line]


def shorten(line: str, row: int, comments: dict[int, int]) -> list[str]:
    """A code or comment line over the limit as lines within it: a trailing comment goes
    above its code, a comment line is wrapped; anything else is left (ruff names it)."""
    indent = line[: len(line) - len(line.lstrip())]
    stripped = line.strip()
    if stripped.startswith("#"):
        rule = re.match(r"^(#\s*-{3}.*?)\s*(-{3,})$", stripped)
        if rule:  # a section rule "# --- name ---": shorter dashes
            room = LIMIT - len(indent) - len(rule.group(1)) - 1
            if room >= 3:
                return [f"{indent}{rule.group(1)} {'-' * room}"]
        return wrap_words(indent, "# ", stripped.lstrip("#").split())
    if row in comments:
        col = comments[row]
        return [*shorten(f"{indent}{line[col:].strip()}", -1, {}), line[:col].rstrip()]
    return [line]


def reflow(lines: list[str], index: int, strings: set[int]) -> None:
    """A docstring line over the limit: its last words go to the start of the next line of
    the paragraph (which may then overflow in turn), or to a new line after it."""
    while len(lines[index].rstrip("\n")) > LIMIT:
        line = lines[index].rstrip("\n")
        indent = line[: len(line) - len(line.lstrip())]
        cut = line.rfind(" ", len(indent) + 1, LIMIT + 1)
        if cut <= len(indent):
            return
        head, tail = line[:cut], line[cut + 1 :]
        lines[index] = head + "\n"
        after = lines[index + 1].rstrip("\n") if index + 1 < len(lines) else ""
        if index + 2 in strings and after.strip() and not after.strip().startswith('"""'):
            lines[index + 1] = f"{indent}{tail} {after.strip()}\n"
        else:
            lines.insert(index + 1, f"{indent}{tail}\n")
        index += 1


def text_rows(tokens: list[tokenize.TokenInfo]) -> tuple[dict[int, int], set[int]]:
    """Rows with a comment after code (-> its column), and the inner rows of
    triple-quoted strings."""
    comments: dict[int, int] = {}
    strings: set[int] = set()
    code_rows = set()
    for token in tokens:
        if token.type == tokenize.COMMENT and token.start[0] in code_rows:
            comments[token.start[0]] = token.start[1]
        elif token.type == tokenize.STRING and re.match(r"^[rRbBuU]?(\"{3}|'{3})", token.string):
            strings |= set(range(token.start[0] + 1, token.end[0]))
        if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT):
            code_rows.add(token.start[0])
    return comments, strings


def wrap_long_lines(source: str, before: set[str]) -> str:
    """Lines this run made longer than the limit, shortened (``reflow``, ``shorten``)."""
    lines = source.splitlines(keepends=True)
    long_rows = {
        n + 1
        for n, line in enumerate(lines)
        if len(line.rstrip("\n")) > LIMIT and line.rstrip("\n") not in before
    }
    if not long_rows:
        return source
    try:
        comments, strings = text_rows(list(tokenize.generate_tokens(io.StringIO(source).readline)))
    except (tokenize.TokenError, SyntaxError):
        return source
    for row in sorted(long_rows - strings, reverse=True):
        line = lines[row - 1].rstrip("\n")
        lines[row - 1 : row] = [f"{new}\n" for new in shorten(line, row, comments)]
    for row in sorted(long_rows & strings, reverse=True):
        reflow(lines, row - 1, strings)
    return "".join(lines)


# --- The run ----------------------------------------------------------------------------------
def text_files() -> list[Path]:
    files = []
    listed = git("ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    for rel in listed:
        path = ROOT / rel
        if not path.is_file() or rel.startswith(SKIP_PATHS):
            continue
        if set(Path(rel).parts) & SKIP_DIRS:
            continue
        if path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES:
            files.append(path)
    return files


def rewrite_all(names: dict[str, str], dry: bool, log: list[str]) -> None:
    for path in text_files():
        text = path.read_text(encoding="utf-8")
        rel = str(path.relative_to(ROOT))
        if path.suffix == ".py":
            new = rewrite_python(text, names, rel.startswith("tests/"))
            new = wrap_long_lines(new, set(text.splitlines()))
        else:
            new = rewrite_text(text, names)
        if new != text:
            log.append(f"rewrote {rel}")
            if not dry:
                path.write_text(new, encoding="utf-8")


def apply_edits(dry: bool, log: list[str]) -> None:
    for rel, old, new in EDITS:
        path = ROOT / rel
        if path.is_file() and old in (text := path.read_text(encoding="utf-8")):
            log.append(f"edited {rel}")
            if not dry:
                path.write_text(text.replace(old, new), encoding="utf-8")


def ruff() -> None:
    ruff_bin = Path(sys.executable).parent / "ruff"
    command = str(ruff_bin) if ruff_bin.exists() else "ruff"
    subprocess.run([command, "format", "--quiet", "."], cwd=ROOT, check=False)
    subprocess.run([command, "check", "--fix", "--quiet", "."], cwd=ROOT, check=False)
    subprocess.run([command, "format", "--quiet", "."], cwd=ROOT, check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    args = parser.parse_args()
    log: list[str] = []
    plan, unknown = file_plan()
    moved = [(old, new) for old, new in plan if move(old, new, args.dry_run, log)]
    if not args.dry_run:
        remove_empty_dirs(args.dry_run)
    create_packages(args.dry_run, log)
    names = module_map()
    if not args.dry_run:
        tests = ROOT / "tests"
        for old, new in moved:
            if new.suffix != ".py":
                continue
            if old.parent == tests and new.parent.parent == tests:
                fix_test_paths(new)
            else:
                fix_parents(new, old, new)
    rewrite_all(names, args.dry_run, log)
    apply_edits(args.dry_run, log)
    fix_fixture_paths(args.dry_run, log)
    if not args.dry_run:
        ruff()
    print("\n".join(log) or "nothing to do: the tree is already restructured")
    for name in unknown:
        print(f"left in place (no rule): {name}; add it to MOVES or KEEP", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
