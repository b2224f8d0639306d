"""Generic-extractor quality on real pages from other sites, ours vs the usual extractors.

    python -m bench.quality            # both corpora, every page (~30 min on 2 busy cores)
    python -m bench.quality --quick    # a fixed subset: every 5th page of each corpus

The corpora live beside the clone in ``../shared/corpora`` (``QUALITY_CORPORA`` overrides;
see that folder's README); they are read, never copied into the project.

- ``trafilatura-eval`` (990 pages): body snippets that must / must not appear, pooled over
  all pages as trafilatura's ``tests/evaluate.py`` does (precision, recall, F1); expected
  title, author(s) and publication day for most pages.
- ``readability`` (130 pages): token F1 of the body against the text of the expected article
  HTML; expected title, byline and (sometimes) publication time.

Contenders (all on the same page bytes, interleaved page by page so machine load hits all of
them alike): ``ours`` (``extract_article``), ``trafilatura`` (``extract`` with its defaults;
its metadata from ``bare_extraction(with_metadata=True)``, not timed), ``trafilatura
precision`` (``favor_precision=True``), ``trafilatura our options`` (what the generic page
used to call), ``readability-lxml`` and ``newspaper4k`` when installed, and ``htmldate``
(``find_date(original_date=True, extensive_search=True)``) as the date baseline. Each runs
``--rounds`` times a page (3 by default), in an order that rotates so none always runs
first: its first run is scored, its best run is its time (first-run times are kept too).

Metadata are scored on the pages that give an expected value: title exact (whitespace
collapsed, entities unescaped), author set exact (names split on ``;``/``,``/``&``/`` and ``,
case-folded, a leading "by" dropped), publication day (``YYYY-MM-DD``, in the page's own zone).

Writes ``bench/results/quality.json`` (every page, every contender), ``quality.md`` (the
table) and ``quality.png``.
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import os
import re
import statistics
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from crawler.pages import NotAnArticle, extract_article
from crawler.pages.encoding import decode_page

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
QUICK_STEP = 5  # --quick: every 5th page (sorted by name) of each corpus
ROUNDS = 3  # each contender runs this many times a page; its best time counts
READABILITY_URL = "http://fakehost/test/page.html"  # the URL Readability's own tests use
_TOKEN = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\|)\s*", re.IGNORECASE)
_BY = re.compile(r"^(?:by|von|par|por)\s+", re.IGNORECASE)


def corpora_dir() -> Path:
    """``QUALITY_CORPORA`` or ``../shared/corpora`` beside the clone."""
    configured = os.environ.get("QUALITY_CORPORA")
    return Path(configured) if configured else ROOT.parent / "shared" / "corpora"


# --- pages -------------------------------------------------------------------------------
@dataclass(slots=True)
class Page:
    corpus: str
    name: str
    url: str
    html: bytes
    title: str | None = None
    authors: frozenset[str] | None = None
    day: str | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)
    expected_text: str | None = None


def _blank(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


def trafilatura_pages(base: Path, quick: bool = False) -> Iterator[Page]:
    folder = base / "trafilatura-eval"
    if not (folder / "evaldata.json").is_file():
        return
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    urls = sorted(data, key=lambda u: data[u]["file"])
    for url in urls[::QUICK_STEP] if quick else urls:
        entry = data[url]
        path = folder / "html" / (entry["file"] + ".gz")
        yield Page(
            corpus="trafilatura-eval",
            name=entry["file"],
            url=url,
            html=gzip.decompress(path.read_bytes()),
            title=None if _blank(entry.get("title")) else html_lib.unescape(entry["title"]),
            authors=None if _blank(entry.get("author")) else author_set(entry["author"]),
            day=None if _blank(entry.get("date")) else entry["date"][:10],
            with_snippets=list(entry.get("with") or []),
            without_snippets=list(entry.get("without") or []),
        )


def readability_pages(base: Path, quick: bool = False) -> Iterator[Page]:
    folder = base / "readability"
    names = sorted(p.parent.name for p in folder.glob("*/source.html.gz"))
    for name in names[::QUICK_STEP] if quick else names:
        case = folder / name
        meta = json.loads((case / "expected-metadata.json").read_text(encoding="utf-8"))
        yield Page(
            corpus="readability",
            name=name,
            url=READABILITY_URL,
            html=gzip.decompress((case / "source.html.gz").read_bytes()),
            title=None if _blank(meta.get("title")) else meta["title"],
            authors=None if _blank(meta.get("byline")) else author_set(meta["byline"]),
            day=None if _blank(meta.get("publishedTime")) else meta["publishedTime"][:10],
            expected_text=html_text((case / "expected.html").read_text(encoding="utf-8")),
        )


def html_text(markup: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    if not markup.strip():
        return ""
    tree = etree.fromstring(markup, etree.HTMLParser(remove_comments=True))
    if tree is None:
        return ""
    etree.strip_elements(tree, "script", "style", with_tail=False)
    return collapse(" ".join(tree.itertext()))


# --- scoring -----------------------------------------------------------------------------
def collapse(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def tokens(text: str) -> Counter[str]:
    return Counter(t.casefold() for t in _TOKEN.findall(text or ""))


def token_f1(candidate: str, reference: str) -> float:
    """Bag-of-words F1 of a candidate body against the reference text."""
    cand, ref = tokens(candidate), tokens(reference)
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(cand.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def snippet_counts(body: str, with_: list[str], without: list[str]) -> dict[str, int]:
    """trafilatura's evaluate.py counts for one page (text compared whitespace-collapsed)."""
    text = collapse(body)
    found = [bool(text) and collapse(s) in text for s in with_]
    leaked = [bool(text) and collapse(s) in text for s in without]
    return {
        "tp": sum(found),
        "fn": len(found) - sum(found),
        "fp": sum(leaked),
        "tn": len(leaked) - sum(leaked),
    }


def pooled(counts: list[dict[str, int]]) -> dict[str, float]:
    """Precision, recall, F1 and accuracy over every page's counts together."""
    tp, fn, fp, tn = (sum(c[k] for c in counts) for k in ("tp", "fn", "fp", "tn"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = tp + fn + fp + tn
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": (tp + tn) / total if total else 0.0,
    }


def author_set(value: str | list[str] | None) -> frozenset[str]:
    """Names, split and normalised the same way for every extractor and the expectation."""
    parts = value if isinstance(value, list) else _NAME_SPLIT.split(value or "")
    names = (_BY.sub("", collapse(p)).casefold() for p in parts if isinstance(p, str))
    return frozenset(n for n in names if n)


def title_key(value: str | None) -> str:
    return collapse(html_lib.unescape(value or ""))


# --- contenders --------------------------------------------------------------------------
@dataclass(slots=True)
class Result:
    body: str = ""
    title: str | None = None
    authors: frozenset[str] | None = None
    day: str | None = None
    refused: str | None = None  # ours: the NotAnArticle reason
    ms: float = 0.0
    sources: dict[str, str] | None = None


def run_ours(page: Page) -> Result:
    try:
        item = extract_article(page.url, page.html)
    except NotAnArticle as exc:
        return Result(refused=exc.reason)
    return Result(
        body=item.body,
        title=item.title,
        authors=author_set(item.authors),
        day=item.published_at.date().isoformat() if item.published_at else None,
        sources=getattr(item, "field_sources", None) or None,
    )


def _day(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value[:10] if isinstance(value, str) and value.strip() else None


def _trafilatura(**options: Any) -> Callable[[Page], Result]:
    import trafilatura

    def run(page: Page) -> Result:
        return Result(body=trafilatura.extract(page.html, url=page.url, **options) or "")

    return run


def trafilatura_metadata(page: Page, **options: Any) -> Result:
    """trafilatura's body and metadata in one call (``bare_extraction``)."""
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True, **options)
    if doc is None:
        return Result()
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return Result(
        body=str(data.get("text") or ""),
        title=data.get("title"),
        authors=author_set(data.get("author")),
        day=_day(data.get("date")),
    )


OUR_OLD_OPTIONS = {
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "deduplicate": False,
}


def run_readability(page: Page) -> Result:
    from readability import Document

    text, _ = decode_page(page.html, None)
    doc = Document(text)
    return Result(body=html_text(doc.summary(html_partial=True)), title=doc.short_title())


def _newspaper_config() -> Any:
    from newspaper import Config

    config = Config()
    config.fetch_images = False
    config.memorize_articles = False
    return config


def run_newspaper(page: Page, config: Any = None) -> Result:
    from newspaper import Article

    article = Article(page.url, config=config)
    article.download(input_html=decode_page(page.html, None)[0])
    article.parse()
    return Result(
        body=article.text or "",
        title=article.title or None,
        authors=author_set(list(article.authors or [])),
        day=_day(article.publish_date),
    )


def run_htmldate(page: Page) -> Result:
    from htmldate import find_date

    found = find_date(page.html, url=page.url, original_date=True, extensive_search=True)
    return Result(day=found[:10] if found else None)


def contenders() -> dict[str, Callable[[Page], Result]]:
    """Name -> runner; the optional ones only when installed."""
    runners: dict[str, Callable[[Page], Result]] = {
        "ours": run_ours,
        "trafilatura": _trafilatura(),
        "trafilatura precision": _trafilatura(favor_precision=True),
        "trafilatura our options": lambda p: trafilatura_metadata(p, **OUR_OLD_OPTIONS),
        "htmldate": run_htmldate,
    }
    try:
        import readability  # noqa: F401

        runners["readability-lxml"] = run_readability
    except ImportError:
        pass
    try:
        config = _newspaper_config()
        runners["newspaper4k"] = lambda p: run_newspaper(p, config)
    except ImportError:
        pass
    return runners


def timed(runner: Callable[[Page], Result], page: Page) -> Result:
    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = runner(page)
    except Exception as exc:  # a contender crashing on a page scores as empty there
        result = Result(refused=f"error: {type(exc).__name__}")
    result.ms = (time.perf_counter() - start) * 1000
    return result


# --- the run -----------------------------------------------------------------------------
ALL_FIELDS = frozenset({"body", "title", "authors", "day"})
# What each contender reads: a metric is scored only for those that claim to read it.
FIELDS = {
    "trafilatura precision": frozenset({"body"}),
    "readability-lxml": frozenset({"body", "title"}),
    "htmldate": frozenset({"day"}),
}


def score_page(page: Page, name: str, result: Result) -> dict[str, Any]:
    row: dict[str, Any] = {"ms": round(result.ms, 2), "empty": not result.body.strip()}
    fields = FIELDS.get(name, ALL_FIELDS)
    if result.refused:
        row["refused"] = result.refused
    if "body" in fields:
        if page.corpus == "trafilatura-eval":
            row["snippets"] = snippet_counts(result.body, page.with_snippets, page.without_snippets)
        if page.expected_text is not None:
            row["token_f1"] = round(token_f1(result.body, page.expected_text), 4)
    if page.title is not None and "title" in fields:
        row["title_ok"] = title_key(result.title) == title_key(page.title)
    if page.authors is not None and "authors" in fields:
        row["authors_ok"] = result.authors == page.authors
    if page.day is not None and "day" in fields:
        row["day_ok"] = result.day == page.day
    if result.sources:
        row["field_sources"] = result.sources
    return row


def run_corpus(
    pages: Iterator[Page], runners: dict[str, Callable[[Page], Result]], rounds: int = ROUNDS
) -> list[dict[str, Any]]:
    """Every contender on every page, ``rounds`` times: scored on its first run, timed by
    its best run. Each round starts with a different contender (the order rotates page by
    page and round by round), so none always runs first, on a cold cache, or last."""
    rows = []
    names = list(runners)
    for index, page in enumerate(pages):
        entry: dict[str, Any] = {"page": page.name, "url": page.url, "tools": {}}
        first: dict[str, Result] = {}
        times: dict[str, list[float]] = {name: [] for name in names}
        for round_ in range(rounds):
            start = (index + round_) % len(names)
            for name in names[start:] + names[:start]:
                result = timed(runners[name], page)
                first.setdefault(name, result)
                times[name].append(result.ms)
        for name in names:
            row = score_page(page, name, first[name])
            row["ms"] = round(min(times[name]), 2)
            row["ms_first"] = round(times[name][0], 2)
            entry["tools"][name] = row
        if "trafilatura" in runners:  # trafilatura's metadata, untimed (its body row is extract)
            meta = timed(trafilatura_metadata, page)
            base = score_page(page, "trafilatura", meta)
            for key in ("title_ok", "authors_ok", "day_ok"):
                if key in base:
                    entry["tools"]["trafilatura"][key] = base[key]
        rows.append(entry)
    return rows


def _share(rows: list[dict[str, Any]], name: str, key: str) -> tuple[float, int] | None:
    values = [r["tools"][name][key] for r in rows if key in r["tools"][name]]
    return (sum(values) / len(values), len(values)) if values else None


def summarise(rows: list[dict[str, Any]], names: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        tools = [r["tools"][name] for r in rows]
        summary: dict[str, Any] = {
            "pages": len(tools),
            "median_ms": round(statistics.median(t["ms"] for t in tools), 2),
            "median_ms_first_run": round(
                statistics.median(t.get("ms_first", t["ms"]) for t in tools), 2
            ),
            "empty": sum(t["empty"] for t in tools),
        }
        counts = [t["snippets"] for t in tools if "snippets" in t]
        if counts:
            summary.update({k: round(v, 4) for k, v in pooled(counts).items()})
        f1s = [t["token_f1"] for t in tools if "token_f1" in t]
        if f1s:
            summary["token_f1_mean"] = round(sum(f1s) / len(f1s), 4)
        for key in ("title_ok", "authors_ok", "day_ok"):
            share = _share(rows, name, key)
            if share:
                summary[key] = round(share[0], 4)
                summary[key + "_pages"] = share[1]
        out[name] = summary
    if "ours" in names and "trafilatura" in names:
        out["ours"]["refused_where_trafilatura_extracts"] = [
            r["page"]
            for r in rows
            if r["tools"]["ours"]["empty"] and not r["tools"]["trafilatura"]["empty"]
        ]
    return out


def _fmt(summary: dict[str, Any], key: str) -> str:
    value = summary.get(key)
    return "" if value is None else f"{value:.3f}"


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        f"Measured {report['measured_at']} ({report['mode']} mode), "
        f"{report['machine']}; one process, contenders interleaved page by page; "
        f"times: the best of {report.get('rounds', 1)} runs a page (order rotated), "
        "first-run medians in quality.json.",
    ]
    for corpus, summary in report["summary"].items():
        pages = next(iter(summary.values()))["pages"] if summary else 0
        body_cols = (
            "snippet P | snippet R | snippet F1"
            if corpus == "trafilatura-eval"
            else "token F1 (mean)"
        )
        lines += [
            "",
            f"**{corpus}** ({pages} pages)",
            "",
            f"| extractor | {body_cols} | empty | title exact | author set exact "
            "| publication day | median ms/page |",
            "|---|" + "---:|" * (len(body_cols.split("|")) + 5),
        ]
        for name, s in summary.items():
            body = (
                f"{_fmt(s, 'precision')} | {_fmt(s, 'recall')} | {_fmt(s, 'f1')}"
                if corpus == "trafilatura-eval"
                else _fmt(s, "token_f1_mean")
            )
            reads_body = "body" in FIELDS.get(name, ALL_FIELDS)
            if not reads_body:
                body = " | ".join([""] * len(body_cols.split("|")))
            lines.append(
                f"| {name} | {body} | {s['empty'] if reads_body else ''} "
                f"| {_fmt(s, 'title_ok')} | {_fmt(s, 'authors_ok')} | {_fmt(s, 'day_ok')} "
                f"| {s['median_ms']:.1f} |"
            )
        refused = summary.get("ours", {}).get("refused_where_trafilatura_extracts")
        if refused is not None:
            lines.append("")
            lines.append(
                f"Pages trafilatura extracts that we refuse: {len(refused)}"
                + (f" ({', '.join(refused[:10])}{' ...' if len(refused) > 10 else ''})")
                * bool(refused)
            )
    return "\n".join(lines) + "\n"


def chart(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    summaries = report["summary"]
    fig, axes = plt.subplots(1, 2 * len(summaries), figsize=(6 * len(summaries), 4))
    for index, (corpus, summary) in enumerate(summaries.items()):
        names = [n for n in summary if n != "htmldate"]
        key = "f1" if corpus == "trafilatura-eval" else "token_f1_mean"
        quality, speed = axes[2 * index], axes[2 * index + 1]
        quality.barh(names, [summary[n].get(key, 0) for n in names], color="#2f855a")
        quality.set_xlim(0, 1)
        quality.set_title(f"{corpus}: body {'snippet F1' if key == 'f1' else 'token F1'}")
        speed.barh(names, [summary[n]["median_ms"] for n in names], color="#2b6cb0")
        speed.set_title(f"{corpus}: median ms/page")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def run(quick: bool = False, only: list[str] | None = None, rounds: int = ROUNDS) -> dict[str, Any]:
    base = corpora_dir()
    runners = contenders()
    if only:
        runners = {n: r for n, r in runners.items() if n in only}
    names = list(runners)
    report: dict[str, Any] = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.uname().machine}, {os.cpu_count()} cores",
        "mode": "quick" if quick else "full",
        "rounds": rounds,
        "summary": {},
        "pages": {},
    }
    for page in list(trafilatura_pages(base, quick=True))[:3]:  # imports and caches warm
        for runner in [*runners.values(), trafilatura_metadata]:
            timed(runner, page)
    for corpus, pages in (
        ("trafilatura-eval", trafilatura_pages(base, quick)),
        ("readability", readability_pages(base, quick)),
    ):
        rows = run_corpus(pages, runners, rounds)
        if rows:
            report["pages"][corpus] = rows
            report["summary"][corpus] = summarise(rows, names)
    return report


def write(report: dict[str, Any], results: Path = RESULTS) -> None:
    results.mkdir(parents=True, exist_ok=True)
    (results / "quality.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    (results / "quality.md").write_text(to_markdown(report), encoding="utf-8")
    chart(report, results / "quality.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="every 5th page of each corpus")
    parser.add_argument("--only", help="comma-separated contenders (default: all installed)")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument(
        "--rounds", type=int, default=ROUNDS, help=f"runs per page and contender ({ROUNDS})"
    )
    args = parser.parse_args()
    if not (corpora_dir() / "trafilatura-eval").is_dir():
        print(f"no corpora at {corpora_dir()} (set QUALITY_CORPORA)")
        return 2
    report = run(
        quick=args.quick, only=args.only.split(",") if args.only else None, rounds=args.rounds
    )
    if not args.no_write:
        write(report)
    print(to_markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
