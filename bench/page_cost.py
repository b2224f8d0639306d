"""Pathological pages: what extraction costs against page size, as a ratio to one lxml parse.

    python -m bench.page_cost [--sizes 1,2,4,8,16] [--budget 20]

Three kinds of page are grown from a real corpus page to 1, 2, 4, 8 and 16 MB: ordinary
paragraphs (the article's own, repeated), one huge attribute, and tiny paragraphs
(``<p>a</p>``). For each: one ``lxml.html`` parse of the page, and the crawl's guarded
extraction (``page_cost_refusal`` first, then ``extract_article`` if the page is accepted;
the spider does exactly this, crawler/spiders/inquirer.py). Writes
``bench/results/page_cost.json``. An extraction past ``--budget`` seconds is stopped there
and reported as such (the crawl's own ``EXTRACT_TIME_BUDGET`` is 10 s).
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
from crawler.pages.limits import page_cost_refusal
from tests.support.paths import FIXTURE_PAGES

ROOT = Path(__file__).resolve().parent.parent
CASE = FIXTURE_PAGES / "inquirer/newsinfo_2026_11_27_deped-classrooms-verbena"
RESULTS = ROOT / "bench" / "results" / "page_cost.json"
MB = 1024 * 1024


def grow(page: str, kind: str, size: int) -> str:
    """The corpus page grown to about ``size`` bytes in the way ``kind`` says."""
    head, tail = page.split("</p>", 1)
    need = size - len(page)
    if kind == "attribute":
        return head + "</p>" + f'<div data-blob="{"x" * need}"></div>' + tail
    if kind == "tiny_paragraphs":
        piece = "<p>a</p>"
    else:
        paragraphs = re.findall(r"<p>[^<]{40,}</p>", page) or ["<p>" + "word " * 40 + "</p>"]
        piece = "".join(paragraphs)
    return head + "</p>" + piece * max(1, need // len(piece)) + tail


def timed(func: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


def guarded_extract(url: str, html: str) -> str:
    refusal = page_cost_refusal(html)
    if refusal is not None:
        return f"refused: {refusal[0]}"
    try:
        extract_article(url, html)
    except NotAnArticle as exc:
        return f"not an article: {exc.reason}"
    return "item"


def measure(kind: str, megabytes: int, url: str, page: str, budget: float) -> dict[str, Any]:
    html = grow(page, kind, megabytes * MB)
    parse_s, _ = timed(lxml.html.document_fromstring, html)
    try:
        extract_s, outcome = timed(run_with_budget, budget, guarded_extract, url, html)
    except NotAnArticle:  # too_slow: stopped at the budget
        extract_s, outcome = budget, f"over the {budget:.0f} s budget"
    return {
        "kind": kind,
        "megabytes": megabytes,
        "bytes": len(html.encode()),
        "lxml_parse_s": round(parse_s, 4),
        "guarded_extract_s": round(extract_s, 4),
        "ratio_to_parse": round(extract_s / parse_s, 3),
        "outcome": outcome,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,8,16")
    parser.add_argument("--budget", type=float, default=20.0)
    args = parser.parse_args()
    url = json.loads((CASE / "meta.json").read_text())["url"]
    page = (CASE / "page.html").read_text(encoding="utf-8")
    rows = [
        measure(kind, int(mb), url, page, args.budget)
        for kind in ("paragraphs", "attribute", "tiny_paragraphs")
        for mb in args.sizes.split(",")
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(rows, indent=2) + "\n")
    print(f"{'kind':<16} {'MB':>3} {'parse s':>8} {'extract s':>9} {'ratio':>7}  outcome")
    for r in rows:
        print(
            f"{r['kind']:<16} {r['megabytes']:>3} {r['lxml_parse_s']:>8.3f} "
            f"{r['guarded_extract_s']:>9.3f} {r['ratio_to_parse']:>7.2f}  {r['outcome']}"
        )


if __name__ == "__main__":
    main()
