"""Hostile-input benchmark: how fast every cleaning function is on 1 MB and 2 MB of each
hostile text, the 2 MB / 1 MB time ratio (about 2 when linear, about 4 when quadratic), and
how long ``extract_article`` takes on each hostile page and each page the budget cuts off.

    python -m bench.hostile [--rounds 3]

Reported, not asserted: the tests (tests/pages/test_hostile_input.py) only guard against hangs,
which a loaded machine cannot fake. Writes bench/results/hostile.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crawler.pages import NotAnArticle
from crawler.pages.budget import run_with_budget
from tests.support.hostile import (
    HOSTILE_PAGES,
    MB,
    SLOW_IN_PYTHON,
    TEXT_FUNCTIONS,
    TEXT_UNITS,
    URL,
    extract_or_reject,
    hostile_text,
)

RESULTS = Path(__file__).resolve().parent / "results"
BUDGET_SECONDS = 0.5


def seconds(rounds: int, call: Callable[..., Any], *args: Any) -> float:
    """Median wall time of ``call(*args)`` over ``rounds`` runs."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_texts(rounds: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in TEXT_UNITS:
        one, two = hostile_text(name, MB), hostile_text(name, 2 * MB)
        per_function = {}
        for function_name, function in TEXT_FUNCTIONS.items():
            t1 = seconds(rounds, function, one)
            t2 = seconds(rounds, function, two)
            per_function[function_name] = {
                "1MB_s": round(t1, 4),
                "2MB_s": round(t2, 4),
                "ratio": round(t2 / t1, 2) if t1 > 0.001 else None,  # below 1 ms: noise
            }
        worst = max(per_function, key=lambda f: per_function[f]["1MB_s"])
        out[name] = {"worst": worst, "functions": per_function}
        print(
            f"{name:20s} worst {worst:22s} {per_function[worst]['1MB_s']:7.3f} s at 1 MB, "
            f"2 MB / 1 MB = {per_function[worst]['ratio']}"
        )
    return out


def _budgeted(page: bytes) -> None:
    try:
        run_with_budget(
            BUDGET_SECONDS, extract_or_reject, "https://newsinfo.inquirer.net/1/x", page
        )
    except NotAnArticle:
        pass


def bench_pages(rounds: int) -> dict[str, Any]:
    out: dict[str, Any] = {"hostile": {}, f"cut_off_at_{BUDGET_SECONDS:g}_s": {}}
    for name, page in HOSTILE_PAGES.items():
        out["hostile"][name] = round(seconds(rounds, extract_or_reject, URL, page), 4)
        print(f"page {name:40s} {out['hostile'][name]:7.3f} s")
    for name, page in SLOW_IN_PYTHON.items():
        took = round(seconds(1, _budgeted, page), 4)
        out[f"cut_off_at_{BUDGET_SECONDS:g}_s"][name] = took
        print(f"cut off {name:37s} {took:7.3f} s (budget {BUDGET_SECONDS:g} s)")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    result = {"rounds": args.rounds, "texts": bench_texts(args.rounds)}
    result["pages"] = bench_pages(args.rounds)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "hostile.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS / 'hostile.json'}")


if __name__ == "__main__":
    main()
