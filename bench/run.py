"""`make bench`: every benchmark in one go, side by side, on this machine.

    python -m bench.run            # full: 10,000-article crawls, 50,000 for memory (~20 min)
    python -m bench.run --quick    # smaller sizes (~5 min), same figures

Writes bench/results/latest.json (one key per figure, the four target ratios at the
top level), bench/results/latest.md (the table the README shows) and
bench/results/latest.png (a chart). PostgreSQL figures need BENCH_POSTGRES_URL or
TEST_POSTGRES_URL (an admin URL; a scratch database is created next to it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import crawl, extract, quality, store_bench, store_queries

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = {
    "full": {
        "crawl": 10_000,
        "crawl_days": 20,
        "memory": 50_000,
        "memory_days": 50,
        "upserts": 50_000,
        "fts": 100_000,
        "rounds": 3,
    },
    "quick": {
        "crawl": 2_000,
        "crawl_days": 10,
        "memory": 10_000,
        "memory_days": 20,
        "upserts": 10_000,
        "fts": 20_000,
        "rounds": 1,
    },
}


def run_crawls(size: dict[str, int], work: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    postgres = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEST_POSTGRES_URL")
    with crawl.replay_site(size["crawl"], size["crawl_days"]) as mirror:
        out["bare_scrapy"] = crawl.bare(mirror, size["crawl_days"])
        sqlite_url = f"sqlite:///{work / 'crawl.db'}"
        out["ours_sqlite"] = crawl.ours(mirror, sqlite_url, size["crawl_days"])
        out["nightly_rerun"] = crawl.nightly(mirror, sqlite_url)
        if postgres:
            pg_url = crawl.fresh_postgres(postgres, "bench_crawl")
            out["ours_postgresql"] = crawl.ours(mirror, pg_url, size["crawl_days"])
    with crawl.replay_site(size["memory"], size["memory_days"]) as mirror:
        out["ours_sqlite_large"] = crawl.ours(
            mirror, f"sqlite:///{work / 'large.db'}", size["memory_days"]
        )
    return out


def ratios(report: dict[str, Any]) -> dict[str, float]:
    c = report["crawl"]
    ours, bare = c["ours_sqlite"], c["bare_scrapy"]
    return {
        "extraction_speedup_vs_trafilatura": round(
            report["extraction"]["inquirer"]["speedup_vs_trafilatura"], 2
        ),
        "extraction_times_lxml_floor": round(
            report["extraction"]["inquirer"]["times_the_lxml_floor"], 2
        ),
        "crawl_fraction_of_bare_scrapy": round(ours["articles_per_s"] / bare["pages_per_s"], 3),
        "memory_growth_50k_over_10k": round(
            c["ours_sqlite_large"]["peak_rss_mib"] / ours["peak_rss_mib"], 3
        ),
        "nightly_request_fraction": round(c["nightly_rerun"]["requests"] / ours["requests"], 4),
        "nightly_time_fraction": round(c["nightly_rerun"]["seconds"] / ours["seconds"], 3),
    }


def to_markdown(report: dict[str, Any]) -> str:
    r, c, e = report["ratios"], report["crawl"], report["extraction"]["inquirer"]["contenders"]
    lines = [
        f"Measured {report['measured_at']} on {report['machine']} ({report['mode']} sizes).",
        "",
        "| figure | value | target |",
        "|---|---:|---|",
    ]
    lines += [
        f"| extraction: extract_article vs trafilatura (Inquirer pages, median) | {r['extraction_speedup_vs_trafilatura']}x faster | >= 5x |",
        f"| extraction: extract_article vs one bare lxml parse | {r['extraction_times_lxml_floor']}x the parse | retired (issue 14) |",
        f"| crawl into SQLite: articles/s vs bare Scrapy pages/s | {c['ours_sqlite']['articles_per_s']} / {c['bare_scrapy']['pages_per_s']} = {r['crawl_fraction_of_bare_scrapy']:.0%} | >= 40% |",
        f"| peak RSS at {report['sizes']['memory']:,} vs {report['sizes']['crawl']:,} articles | {c['ours_sqlite_large']['peak_rss_mib']} / {c['ours_sqlite']['peak_rss_mib']} MiB = {r['memory_growth_50k_over_10k']}x | <= 1.2x |",
        f"| nightly re-run, unchanged site: requests | {c['nightly_rerun']['requests']} / {c['ours_sqlite']['requests']} = {r['nightly_request_fraction']:.1%} | <= 5% |",
        f"| nightly re-run, unchanged site: wall time | {c['nightly_rerun']['seconds']} / {c['ours_sqlite']['seconds']} s = {r['nightly_time_fraction']:.1%} | <= 10% |",
    ]
    if "ours_postgresql" in c:
        lines.append(
            f"| crawl into PostgreSQL: articles/s | {c['ours_postgresql']['articles_per_s']} | |"
        )
    lines += ["", "| extractor (Inquirer corpus) | median ms/page | pages/s |", "|---|---:|---:|"]
    lines += [
        f"| {name} | {row['median_ms']:.2f} | {row['pages_per_s']:.0f} |" for name, row in e.items()
    ]
    up = report["store"]["upserts"]["paths"]
    lines += ["", "| store (SQLite) | figure |", "|---|---:|"]
    lines += [f"| {name} | {row['articles_per_s']:,.0f} articles/s |" for name, row in up.items()]
    fts = report["store"]["fts"]["queries"]
    lines += [
        f"| FTS5 `{q}` over {report['store']['fts']['articles']:,} articles | {v['median_ms']:.1f} ms median |"
        for q, v in fts.items()
    ]
    slow = max(report["store"]["queries"]["queries"].items(), key=lambda kv: kv[1]["median_ms"])
    lines.append(
        f"| slowest docs/queries.md query over {report['store']['queries']['articles']:,} articles | "
        f"{slow[1]['median_ms']:.1f} ms ({slow[0]}) |"
    )
    return "\n".join(lines) + "\n"


def chart(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    e = report["extraction"]["inquirer"]["contenders"]
    c = report["crawl"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    left.barh(list(e), [row["median_ms"] for row in e.values()], color="#2b6cb0")
    left.set_xlabel("median ms per Inquirer page (lower is better)")
    left.set_title("Extraction")
    crawls = {
        "bare Scrapy": c["bare_scrapy"]["pages_per_s"],
        "ours → SQLite": c["ours_sqlite"]["articles_per_s"],
    }
    if "ours_postgresql" in c:
        crawls["ours → PostgreSQL"] = c["ours_postgresql"]["articles_per_s"]
    right.bar(
        list(crawls), list(crawls.values()), color=["#a0aec0", "#2f855a", "#6b46c1"][: len(crawls)]
    )
    right.set_ylabel("pages or articles per second")
    right.set_title(f"End-to-end crawl, {report['sizes']['crawl']:,} articles")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    size = SIZES[mode]
    report: dict[str, Any] = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "mode": mode,
        "sizes": size,
    }
    print("extraction ...", flush=True)
    report["extraction"] = extract.run(rounds=5)
    if (quality.corpora_dir() / "trafilatura-eval").is_dir():
        print("generic quality on the real-page corpora (quick subset) ...", flush=True)
        real = quality.run(quick=True)
        quality.write(real)  # bench/results/quality.{json,md,png}
        report["generic_quality"] = real["summary"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("crawls ...", flush=True)
        report["crawl"] = run_crawls(size, work)
        print("store ...", flush=True)
        report["store"] = {
            "upserts": store_bench.bench_upserts(size["upserts"], [50, 500], size["rounds"], work),
            "fts": store_bench.bench_fts(size["fts"], 30, work),
            "queries": store_queries.bench_queries(size["fts"], 5, work),
        }
    report["ratios"] = ratios(report)
    report.update(report["ratios"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    for part in report["crawl"].values():
        part.pop("stderr", None)
    (RESULTS / "latest.json").write_text(
        json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8"
    )
    (RESULTS / "latest.md").write_text(to_markdown(report), encoding="utf-8")
    chart(report, RESULTS / "latest.png")
    print(to_markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
