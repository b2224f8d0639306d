"""`make profile`: py-spy flame graphs of the two hot paths, to look at before optimising.

    python -m bench.profile                 # both: bench/results/profile-{extract,crawl}.svg
    python -m bench.profile --only extract  # extract_article over the corpus, ~15 s
    python -m bench.profile --only crawl    # a 2,000-article crawl of the generated replay

py-spy samples the real process from outside (no instrumentation overhead, native lxml
frames with ``--native``); open the SVGs in a browser. docs/performance.md says what the
profiles showed and what changed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench import crawl
from bench.extract import load_pages, ours

RESULTS = Path(__file__).resolve().parent / "results"
PY_SPY = Path(sys.executable).with_name("py-spy")


def extract_loop(seconds: float) -> None:
    """extract_article over the Inquirer corpus, round after round, for ``seconds``."""
    pages = load_pages("inquirer")
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for page in pages:
            ours(*page)


def record(output: Path, command: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(
        [
            str(PY_SPY),
            "record",
            "--native",
            "--rate",
            "250",
            "--output",
            str(output),
            "--",
            *command,
        ],
        cwd=crawl.ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(f"wrote {output}")


def profile_extract() -> None:
    record(
        RESULTS / "profile-extract.svg",
        [sys.executable, "-c", "from bench.profile import extract_loop; extract_loop(15)"],
    )


def profile_crawl(articles: int = 2000, days: int = 10) -> None:
    from crawler.store.engine import upgrade_database

    with tempfile.TemporaryDirectory() as tmp, crawl.replay_site(articles, days) as mirror:
        url = f"sqlite:///{Path(tmp) / 'profile.db'}"
        upgrade_database(url)
        since = crawl.LAST_DAY - timedelta(days=days - 1)
        record(
            RESULTS / "profile-crawl.svg",
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "inquirer",
                "-a",
                "mode=backfill",
                "-a",
                f"since={since}",
                "-a",
                f"until={crawl.LAST_DAY}",
                "-s",
                f"INQUIRER_MIRROR={mirror}",
                *crawl.FAST,
            ],
            {**os.environ, "DATABASE_URL": url},
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["extract", "crawl"])
    args = parser.parse_args()
    if not PY_SPY.exists():
        print("py-spy is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "extract"):
        profile_extract()
    if args.only in (None, "crawl"):
        profile_crawl()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
