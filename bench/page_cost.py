"""Pathological pages: what extraction costs against page size, as a ratio to one lxml parse.

    python -m bench.page_cost [--sizes 1,2,4,8,16] [--budget 20] [--only issue]

Three kinds of page are grown from a real corpus page to 1, 2, 4, 8 and 16 MB: ordinary
paragraphs (the article's own, repeated), one huge attribute, and tiny paragraphs
(``<p>a</p>``). For each: one ``lxml.html`` parse of the page, and ``extract_article`` on
it, which refuses a page too big or with too many paragraphs to be an article before it
parses it (crawler/pages/limits.py; the crawl applies the same limits from its settings,
crawler/spiders/reading.py). Then the issue's three pages (a 5 MB article page of 60,000 ordinary
paragraphs, one 10 MB attribute, 50,000 tiny paragraphs) and the costliest pages the limits
still accept (6,000 ordinary paragraphs; one attribute just under 4 MiB), which are
extracted in full. Writes ``bench/results/page_cost.json``. An extraction past
``--budget`` seconds is stopped there and reported as such (the crawl's own
``EXTRACT_TIME_BUDGET`` is 10 s).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

import lxml.html

from crawler.pages import NotAnArticle, extract_article
from crawler.pages.budget import run_with_budget
from crawler.pages.limits import MAX_PAGE_BYTES
from tests.support.paths import FIXTURE_PAGES

ROOT = Path(__file__).resolve().parent.parent
CASE = FIXTURE_PAGES / "inquirer/newsinfo_2026_11_27_deped-classrooms-verbena"
RESULTS = ROOT / "bench" / "results" / "page_cost.json"
MB = 1024 * 1024


def _split(page: str) -> tuple[str, str]:
    """The page cut after the story's first paragraph: what is added there is body text."""
    first = _ordinary(page)[0]
    cut = page.index(first) + len(first)
    return page[:cut], page[cut:]


def _ordinary(page: str) -> list[str]:
    return re.findall(r"<p>[^<]{40,}</p>", page) or ["<p>" + "word " * 40 + "</p>"]


def grow(page: str, kind: str, size: int) -> str:
    """The corpus page grown to about ``size`` bytes in the way ``kind`` says."""
    head, tail = _split(page)
    need = size - len(page)
    if kind == "attribute":
        return head + f'<div data-blob="{"x" * need}"></div>' + tail
    piece = "<p>a</p>" if kind == "tiny_paragraphs" else "".join(_ordinary(page))
    return head + piece * max(1, need // len(piece)) + tail


def with_paragraphs(page: str, count: int, size: int | None = None) -> str:
    """The corpus page with ``count`` of its own paragraphs added (numbered, so that no two
    are the same), each cut so that the page is about ``size`` bytes; ``size`` 0: tiny
    ``<p>a</p>`` ones."""
    head, tail = _split(page)
    if size == 0:
        return head + "<p>a</p>" * count + tail
    texts = [p[3:-4] for p in _ordinary(page)]
    keep = max(1, (size - len(page.encode())) // count - 16) if size else None  # tags, number
    added = (f"<p>{i}: {_sized(texts[i % len(texts)], keep)}</p>" for i in range(count))
    return head + "".join(added) + tail


def _sized(text: str, size: int | None) -> str:
    """``text`` cut to ``size`` characters, or repeated up to them (None: as it is)."""
    return text if size is None else ((text + " ") * (size // (len(text) + 1) + 1))[:size]


def issue_pages(page: str) -> list[tuple[str, str]]:
    """The issue's three pathological pages and the costliest pages the limits accept."""
    return [
        ("issue: 60,000 ordinary paragraphs", with_paragraphs(page, 60_000, 5 * MB)),
        ("issue: one 10 MB attribute", grow(page, "attribute", 10 * MB)),
        ("issue: 50,000 tiny paragraphs", with_paragraphs(page, 50_000, 0)),
        ("accepted: 5,900 ordinary paragraphs", with_paragraphs(page, 5_900)),
        (
            "accepted: 5,900 long paragraphs",
            with_paragraphs(page, 5_900, MAX_PAGE_BYTES - 262144),
        ),
        ("accepted: attribute, 4 MiB - 64 kB", grow(page, "attribute", MAX_PAGE_BYTES - 65536)),
    ]


def timed(func: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


def extract(url: str, html: str) -> str:
    """``extract_article``'s outcome: an item (with its body size), or why it refused."""
    try:
        item = extract_article(url, html)
    except NotAnArticle as exc:
        return f"refused: {exc.reason}"
    return f"item ({len(item.body):,} body characters)"


def measure(kind: str, label: Any, url: str, html: str, budget: float) -> dict[str, Any]:
    parse_s, _ = timed(lxml.html.document_fromstring, html)
    try:
        extract_s, outcome = timed(run_with_budget, budget, extract, url, html)
    except NotAnArticle:  # too_slow: stopped at the budget
        extract_s, outcome = budget, f"over the {budget:.0f} s budget"
    return {
        "kind": kind,
        "megabytes": label,
        "bytes": len(html.encode()),
        "paragraphs": html.count("<p"),
        "lxml_parse_s": round(parse_s, 4),
        "extract_article_s": round(extract_s, 4),
        "ratio_to_parse": round(extract_s / parse_s, 3),
        "outcome": outcome,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,8,16")
    parser.add_argument("--budget", type=float, default=20.0)
    parser.add_argument("--only", choices=("sizes", "issue"), help="one part only")
    args = parser.parse_args()
    url = json.loads((CASE / "meta.json").read_text())["url"]
    page = (CASE / "page.html").read_text(encoding="utf-8")
    rows = []
    if args.only != "issue":
        rows += [
            measure(kind, int(mb), url, grow(page, kind, int(mb) * MB), args.budget)
            for kind in ("paragraphs", "attribute", "tiny_paragraphs")
            for mb in args.sizes.split(",")
        ]
    if args.only != "sizes":
        rows += [measure(kind, "-", url, html, args.budget) for kind, html in issue_pages(page)]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(rows, indent=2) + "\n")
    print(f"{'page':<36} {'MB':>5} {'parse s':>8} {'extract s':>9} {'ratio':>7}  outcome")
    for r in rows:
        print(
            f"{r['kind']:<36} {r['bytes'] / MB:>5.1f} {r['lxml_parse_s']:>8.3f} "
            f"{r['extract_article_s']:>9.3f} {r['ratio_to_parse']:>7.2f}  {r['outcome']}"
        )


if __name__ == "__main__":
    main()
