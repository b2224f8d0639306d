"""Extraction benchmark: ``extract_article`` vs trafilatura vs one bare lxml parse, side by side.

    python -m bench.extract [--rounds 7]

Every page of the corpus is processed by each contender in the same run,
interleaved round by round so machine noise hits all of them alike. Reports the
median ms/page per contender, pages/s, and the ratios; writes
bench/results/extract.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura

from crawler.pages import NotAnArticle, extract_article
from tests.support.paths import FIXTURE_PAGES

ROOT = Path(__file__).resolve().parent.parent
PAGES = FIXTURE_PAGES
RESULTS = ROOT / "bench" / "results"


def load_pages(group: str) -> list[tuple[str, bytes, str | None]]:
    pages = []
    for meta_path in sorted((PAGES / group).glob("*/meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        expected = json.loads((meta_path.parent / "expected.json").read_text(encoding="utf-8"))
        if "not_article" in expected:
            continue
        pages.append(
            (
                meta["url"],
                (meta_path.parent / "page.html").read_bytes(),
                (meta.get("http") or {}).get("content_type"),
            )
        )
    return pages


def ours(url: str, body: bytes, content_type: str | None) -> Any:
    try:
        return extract_article(url, body, content_type)
    except NotAnArticle:
        return None


def trafilatura_meta(url: str, body: bytes, content_type: str | None) -> Any:
    return trafilatura.bare_extraction(body, url=url, with_metadata=True)


def lxml_parse(url: str, body: bytes, content_type: str | None) -> Any:
    return lxml.html.document_fromstring(body)


def newspaper4k(url: str, body: bytes, content_type: str | None) -> Any:
    from newspaper import Article

    article = Article(url, fetch_images=False)
    article.download(input_html=body.decode("utf-8", "replace"))
    article.parse()
    return article.text


def readability_lxml(url: str, body: bytes, content_type: str | None) -> Any:
    from readability import Document

    return Document(body).summary()


CONTENDERS: dict[str, Callable[[str, bytes, str | None], Any]] = {
    "extract_article": ours,
    "trafilatura.bare_extraction": trafilatura_meta,
    "newspaper4k": newspaper4k,
    "readability-lxml": readability_lxml,
    "lxml.html parse (floor)": lxml_parse,
}


def available() -> dict[str, Callable[[str, bytes, str | None], Any]]:
    """The contenders whose package is installed (`pip install -e '.[bench]'` for all)."""
    found = {}
    for name, func in CONTENDERS.items():
        try:
            func("https://example.com/1/a", b"<html><body><p>x</p></body></html>", None)
        except ImportError:
            continue
        except Exception:
            pass
        found[name] = func
    return found


def measure(
    pages: list[tuple[str, bytes, str | None]],
    rounds: int,
    contenders: dict[str, Callable[..., Any]],
) -> dict[str, list[float]]:
    """Per contender, the per-page times (ms) of every round, contenders interleaved."""
    timings: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for page in pages:
            for name, func in contenders.items():
                start = time.perf_counter()
                func(*page)
                timings[name].append((time.perf_counter() - start) * 1000)
    return timings


def summarize(timings: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {
        name: {
            "median_ms": statistics.median(ms),
            "p90_ms": sorted(ms)[int(len(ms) * 0.9)],
            "pages_per_s": 1000 / statistics.median(ms),
        }
        for name, ms in timings.items()
    }


def run(rounds: int = 7) -> dict[str, Any]:
    report: dict[str, Any] = {}
    contenders = available()
    for group in ("inquirer", "generic"):
        pages = load_pages(group)
        if not pages:
            continue
        for page in pages:  # warm caches and imports once, outside the measurement
            for func in contenders.values():
                func(*page)
        summary = summarize(measure(pages, rounds, contenders))
        ours_ms = summary["extract_article"]["median_ms"]
        report[group] = {
            "pages": len(pages),
            "rounds": rounds,
            "contenders": summary,
            "speedup_vs_trafilatura": summary["trafilatura.bare_extraction"]["median_ms"] / ours_ms,
            "times_the_lxml_floor": ours_ms / summary["lxml.html parse (floor)"]["median_ms"],
        }
    return report


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        "| corpus | contender | median ms/page | p90 ms | pages/s |",
        "|---|---|---:|---:|---:|",
    ]
    for group, data in report.items():
        for name, row in data["contenders"].items():
            lines.append(
                f"| {group} ({data['pages']} pages) | {name} | {row['median_ms']:.2f} | "
                f"{row['p90_ms']:.2f} | {row['pages_per_s']:.0f} |"
            )
    for group, data in report.items():
        lines.append(
            f"\n{group}: extract_article is {data['speedup_vs_trafilatura']:.2f}x faster than "
            f"trafilatura and {data['times_the_lxml_floor']:.2f}x the bare lxml parse."
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    report = run(args.rounds)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "extract.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(to_markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
