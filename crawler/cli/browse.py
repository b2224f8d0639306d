"""``crawler show URL|ID`` and ``crawler search "terms"``: reading the store as a person.

crawler show https://newsinfo.inquirer.net/2231457/deped-...   # or the article's id
crawler show 17 --json               # the record crawler export writes (crawler/serialize.py)
crawler search 'covid-19 vaccine -"booster shot"' --limit 10 --subdomain newsinfo
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from datetime import UTC, datetime
from typing import Any

from crawler.cleaning.dates import MANILA
from crawler.cli.options import _positive
from crawler.outcome import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from crawler.serialize import as_record


def _when(value: datetime | None, raw: str | None = None) -> str:
    if value is None:
        return "-" if raw is None else f'- (as printed: "{raw}", not read)'
    shown = (
        f"{value.astimezone(MANILA):%Y-%m-%d %H:%M} Manila "
        f"({value.astimezone(UTC):%Y-%m-%d %H:%M} UTC)"
    )
    return f'{shown}, as printed: "{raw}"' if raw else shown


def format_article(
    record: dict[str, Any], images: list[dict[str, Any]], versions: list[dict[str, Any]]
) -> str:
    """The readable page of one stored article (pure; tested)."""
    r = record
    credits = "; ".join(
        part
        for part in (
            ", ".join(r["authors"]),
            r["agency"] or "",
            ("with a report from " + ", ".join(r["contributors"])) if r["contributors"] else "",
        )
        if part
    )
    lines = [r["title"], *([r["subtitle"]] if r["subtitle"] else []), ""]
    lines += [
        f"url        {r['canonical_url']}",
        f"id         {r['id']} (version {r['version']}), {r['subdomain']} / "
        f"{r['section'] or '-'}, {r['page_type']}"
        + (f", column {r['column_name']!r}" if r["column_name"] else ""),
        f"credits    {credits or '-'}",
        f"dateline   {r['dateline'] or '-'}",
        f"published  {_when(r['published_at'], r['published_at_raw'])}",
        f"updated    {_when(r['updated_at'], r['updated_at_raw'])}",
        f"tags       {', '.join(r['tags']) or '-'}",
        f"words      {r['word_count']}, language {r['language']}, "
        f"extracted by {r['extraction_method']}",
        f"stored     first seen {_when(r['first_seen_at'])}; last fetched "
        f"{_when(r['last_fetched_at'])}; last changed {_when(r['last_changed_at'])}",
    ]
    for n, image in enumerate(images, 1):
        extra = " — ".join(x for x in (image["caption"], image["credit"]) if x)
        lines.append(f"image {n:<4} {image['url']}" + (f" — {extra}" if extra else ""))
    lines.append("")
    for block in r["body"].split("\n\n"):
        lines += [*textwrap.wrap(block, 88), ""]
    if versions:
        lines.append(f"earlier versions ({len(versions)}):")
        for v in versions:
            lines.append(
                f"  v{v['version']}: fetched {_when(v['fetched_at'])}, replaced "
                f"{_when(v['replaced_at'])}, {v['extraction_method']}: {v['title']}"
            )
    else:
        lines.append("earlier versions: none (the text has not changed since first stored)")
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    from crawler.cli.export import iter_articles
    from crawler.store.facade import open_store
    from crawler.store.lookup import find_article_id, images_and_versions

    engine = open_store(args.database_url).engine
    article_id = find_article_id(engine, args.article)
    if article_id is None:
        print(
            f"crawler show: no stored article {args.article!r} (give its id, its URL or its "
            'canonical URL; `crawler search "words"` finds one)',
            file=sys.stderr,
        )
        return EXIT_FAILED
    record = next(iter_articles(engine, ids=[article_id]))
    if args.json:
        print(json.dumps(as_record(record), ensure_ascii=False))
        return EXIT_OK
    print(format_article(record, *images_and_versions(engine, article_id)))
    return EXIT_OK


def format_hits(hits: list[Any]) -> str:
    lines = []
    for n, hit in enumerate(hits, 1):
        when = (
            f"{hit.published_at.astimezone(MANILA):%Y-%m-%d %H:%M} Manila"
            if hit.published_at
            else "no date"
        )
        lines += [
            f"{n:>2}. {hit.title}",
            f"    [{hit.subdomain}] {when}  id {hit.id}  {hit.canonical_url}",
            f"    {hit.snippet}",
        ]
    return "\n".join(lines)


def cmd_search(args: argparse.Namespace) -> int:
    from crawler.store.facade import open_store
    from crawler.store.lookup import search_articles
    from crawler.store.searchquery import SearchQueryError, parse_query

    try:
        query = parse_query(args.terms)
    except SearchQueryError as exc:
        print(f"crawler search: {exc}", file=sys.stderr)
        return EXIT_USAGE
    subdomains = [s.strip() for v in args.subdomains or [] for s in v.split(",") if s.strip()]
    hits = search_articles(open_store(args.database_url).engine, query, args.limit, subdomains)
    if hits:
        print(format_hits(hits))
    print(
        f"{len(hits)} article(s) for {str(query)!r}"
        + (" (the best first; --limit for more)" if len(hits) == args.limit else ""),
        file=sys.stderr,
    )
    return EXIT_OK


def add_parser(sub: Any) -> None:
    show = sub.add_parser("show", help="one stored article, readable (or --json)")
    show.add_argument("article", metavar="URL|ID", help="the article's id, URL or canonical URL")
    show.add_argument("--json", action="store_true", help="the record crawler export writes")
    show.set_defaults(func=cmd_show)
    search = sub.add_parser(
        "search",
        help='full-text search: words, "phrases", -excluded; ranked, with snippets',
    )
    search.add_argument("terms", help="e.g. 'covid-19 vaccine -\"booster shot\"'")
    search.add_argument("--limit", type=_positive, default=20, help="at most N (default 20)")
    search.add_argument(
        "--subdomain",
        dest="subdomains",
        action="append",
        metavar="NAME",
        help="only these subdomains (repeat, or comma-separate)",
    )
    search.set_defaults(func=cmd_search)
