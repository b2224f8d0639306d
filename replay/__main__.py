"""``python -m replay --port 8800``: serve the replay site until interrupted."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from replay.corpus import DEFAULT_CORPUS
from replay.server import ReplayServer, build_site


def replay_hint(url: str, site: Any) -> str:
    """What is served and commands that crawl it as they are (the replay's days are fixed,
    so "today" is set to its newest day with CRAWL_TODAY)."""
    days = site.days()
    if not days:
        return f"serving {len(site.pages)} pages and no article index day"
    first, last = site.window(10)
    return "\n".join(
        [
            *served(site, first, last),
            f"  all of the first: scrapy crawl inquirer -s INQUIRER_MIRROR={url} "
            f"-a mode=backfill -a since={first} -a until={last}",
            f"  nightly, as if today were {last}: crawler nightly -s INQUIRER_MIRROR={url} "
            f"-s CRAWL_TODAY={last}",
        ]
    )


def served(site: Any, first: Any, last: Any) -> list[str]:
    """What the replay serves, by kind: the articles a crawl of ``first .. last`` stores,
    older articles, and the pages that are no article to store (the tests' cases)."""
    listed = site.indexed_between(first, last)
    older = sorted(
        {
            p.index_day
            for p in site.pages.values()
            if p.indexed and p.index_day and p.index_day < first
        }
    )
    n_older = sum(1 for p in site.pages.values() if p.indexed and p.index_day in older)
    cases = [p for p in site.pages.values() if not p.indexed]
    errors = sorted({p.status for p in cases if p.status != 200})
    n_errors = sum(1 for p in cases if p.status != 200)
    lines = [
        f"serving {len(site.pages)} pages:",
        f"  {len(listed)} articles on the article index of {first} .. {last} "
        "(a crawl of those days stores them)",
    ]
    if n_older:
        days = ", ".join(str(day) for day in older)
        lines.append(f"  {n_older} older articles, on the index of {days} only")
    if cases:
        lines.append(
            f"  {len(cases)} pages on no index, no article to store (the tests' cases): "
            + (
                f"{n_errors} answer HTTP {'/'.join(map(str, errors))} (challenges), "
                if n_errors
                else ""
            )
            + f"{len(cases) - n_errors} are listings, a soft 404, AMP and short-link copies of "
            "listed stories or truncated pages"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8800, help="loopback port (0: any free port)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--generate",
        type=int,
        default=0,
        metavar="N",
        help="add N articles generated from the corpus layouts",
    )
    parser.add_argument(
        "--days", type=int, default=20, help="spread generated articles over D days"
    )
    parser.add_argument(
        "--outlets", action="store_true", help="serve the three made-up outlets instead"
    )
    parser.add_argument("--only-generated", action="store_true", help="serve generated pages only")
    args = parser.parse_args(argv)
    if args.outlets:
        return _serve_outlets(args.port)
    site = build_site(args.corpus, args.generate, args.days, not args.only_generated)
    server = ReplayServer(site, args.port)
    print(f"REPLAY_URL={server.url}", flush=True)
    print(replay_hint(server.url, site), file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _serve_outlets(port: int) -> int:
    from replay.outlets import OutletSite

    site = OutletSite()
    server = ReplayServer(site, port)
    print(f"REPLAY_URL={server.url}", flush=True)
    print(
        f"serving {', '.join(site.hosts())}; crawl with: scrapy crawl news "
        f"-a site=https://{site.hosts()[0]}/ -s INQUIRER_MIRROR={server.url} -s MIRROR_HOSTS=*",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
