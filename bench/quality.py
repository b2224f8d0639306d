"""Body quality on the generic pages: token F1 against hand-checked text, ours vs trafilatura.

python -m bench.quality
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import trafilatura

from crawler.pages import NotAnArticle, extract_article

GENERIC = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages" / "generic"
_TOKEN = re.compile(r"\w+", re.UNICODE)


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


def score_cases(now: datetime | None = None) -> list[dict[str, Any]]:
    """Per generic page: token F1 of ours and of trafilatura.extract; ``now`` judges dates
    (default: the real clock)."""
    rows = []
    for case in sorted(p.parent for p in GENERIC.glob("*/reference.txt")):
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        html = (case / "page.html").read_bytes()
        reference = (case / "reference.txt").read_text(encoding="utf-8")
        content_type = (meta.get("http") or {}).get("content_type")
        try:
            ours = extract_article(meta["url"], html, content_type, now=now).body
        except NotAnArticle:
            ours = ""
        theirs = trafilatura.extract(html, url=meta["url"]) or ""
        rows.append(
            {
                "case": case.name,
                "ours": token_f1(ours, reference),
                "trafilatura": token_f1(theirs, reference),
            }
        )
    return rows


def main() -> int:
    rows = score_cases()
    print("| generic page | extract_article F1 | trafilatura.extract F1 |\n|---|---:|---:|")
    for row in rows:
        print(f"| {row['case']} | {row['ours']:.3f} | {row['trafilatura']:.3f} |")
    mean = {k: sum(r[k] for r in rows) / len(rows) for k in ("ours", "trafilatura")}
    print(f"| **mean** | **{mean['ours']:.3f}** | **{mean['trafilatura']:.3f}** |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
