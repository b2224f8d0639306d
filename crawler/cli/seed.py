"""``crawler seed``: queue a distributed run's seeds in Redis (docs/scaling.md)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crawler.cli.options import _day, add_settings_option, pairs
from crawler.outcome import EXIT_BUSY, EXIT_OK, EXIT_USAGE


def cmd_seed(args: argparse.Namespace) -> int:
    from crawler.distributed.scheduler import open_queue
    from crawler.distributed.seed import SeedConflict, project_settings, seed
    from crawler.spiders.args import SpiderArgumentError

    overrides = {
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "DISTRIBUTED_KEY_PREFIX": args.prefix,
        **pairs(args.settings, "-s", "seed"),
    }
    settings = project_settings(overrides)
    if not settings.get("REDIS_URL"):
        print("crawler seed: no Redis: set REDIS_URL or give --redis-url", file=sys.stderr)
        return EXIT_USAGE
    mode = args.mode or ("backfill" if args.since else "nightly")
    spider_args = {
        k: str(v)
        for k, v in (
            ("mode", mode),
            ("since", args.since),
            ("until", args.until),
            ("subdomains", args.subdomains),
        )
        if v
    }
    kinds = {
        kind
        for kind, wanted in (
            ("feed", args.feeds),
            ("sitemap", args.sitemaps),
            ("revisit", args.revisit),
        )
        if wanted
    }
    try:
        result = seed(open_queue(settings), settings, spider_args, kinds, args.run_id, args.reset)
    except SpiderArgumentError as exc:
        print(f"crawler seed: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SeedConflict as exc:
        print(f"crawler seed: {exc}", file=sys.stderr)
        return EXIT_BUSY
    queued = ", ".join(f"{n} {kind}" for kind, n in sorted(result.queued.items())) or "nothing"
    shown = " ".join(f"{k}={v}" for k, v in sorted(result.args.items()))
    print(f"RUN_ID={result.run_id}")
    print(
        f"{'new run' if result.new_run else 'added to run'} {result.run_id} ({shown}): "
        f"queued {queued}; {result.duplicates} already seen in this run "
        f"(Redis key prefix {settings.get('DISTRIBUTED_KEY_PREFIX')!r})"
    )
    return EXIT_OK


def add_parser(sub: Any) -> None:
    seed = sub.add_parser("seed", help="queue a distributed run's seeds in Redis (docs/scaling.md)")
    seed.add_argument(
        "--mode",
        choices=("nightly", "backfill"),
        help="default: backfill with --since, else nightly",
    )
    seed.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="first Manila index day")
    seed.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="last (default: today)")
    seed.add_argument("--subdomains", metavar="A,B", help="only these subdomains (default: all)")
    seed.add_argument("--feeds", action="store_true", help="also the per-subdomain RSS feeds")
    seed.add_argument("--sitemaps", action="store_true", help="also robots.txt and its sitemaps")
    seed.add_argument(
        "--revisit",
        action="store_true",
        help="nightly: also stored articles of the last REVISIT_DAYS (needs the store)",
    )
    seed.add_argument("--run-id", help="name the new run (default: UTC time and a random suffix)")
    seed.add_argument(
        "--reset",
        action="store_true",
        help="first discard everything queued, in flight and seen under the prefix",
    )
    seed.add_argument("--redis-url", default=None, help="default: $REDIS_URL")
    seed.add_argument(
        "--prefix",
        default=None,
        help="Redis key prefix (default: $CRAWLER_REDIS_PREFIX "
        "or inquirer); workers use DISTRIBUTED_KEY_PREFIX",
    )
    add_settings_option(seed, "CRAWL_TODAY=2026-11-28")
    seed.set_defaults(func=cmd_seed)
