"""``python -m crawler.replay --port 8800``: serve the replay site until interrupted."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.replay.corpus import DEFAULT_CORPUS
from crawler.replay.server import ReplayServer, build_site


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
    days = site.days()
    span = f"{days[0]} .. {days[-1]}" if days else "no indexed days"
    print(f"REPLAY_URL={server.url}", flush=True)
    print(
        f"serving {len(site.pages)} pages ({span}); "
        f"crawl with: scrapy crawl inquirer -s INQUIRER_MIRROR={server.url}",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _serve_outlets(port: int) -> int:
    from crawler.replay.outlets import OutletSite

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
