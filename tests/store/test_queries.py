"""Every query in docs/queries.md runs on SQLite and PostgreSQL and returns what the
populated store (tests/support/query_data.py) says it must, computed here in Python."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from bench.queries_doc import parse_queries
from crawler.store.bulk import slugify
from crawler.store.engine import make_engine
from tests.support.paths import REPO_ROOT
from tests.support.query_data import MANILA, Dataset, Stored, populate

QUERIES_MD = REPO_ROOT / "docs" / "queries.md"
DATETIME_TEXT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?")
Rows = list[tuple[Any, ...]]


def norm(value: Any) -> Any:
    """One spelling per value whichever driver returned it."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and DATETIME_TEXT.fullmatch(value):
        return value[:19]  # SQLite's UTC text
    return value


def same(got: Rows, expected: Rows) -> bool:
    if len(got) != len(expected):
        return False
    for row, want in zip(got, expected, strict=True):
        if len(row) != len(want):
            return False
        for a, b in zip(map(norm, row), map(norm, want), strict=True):
            numbers = isinstance(a, int | float) and isinstance(b, int | float)
            if not (abs(a - b) < 0.051 if numbers else a == b):
                return False
    return True


# --- what each query must return, from the dataset -------------------------------
def dated(data: Dataset) -> list[Stored]:
    return [s for s in data.articles.values() if s.item.published_at is not None]


def newest_first(stored: list[Stored]) -> list[Stored]:
    return sorted(
        stored,
        key=lambda s: (
            s.item.published_at is None,
            -(s.item.published_at or datetime.now(UTC)).timestamp(),
        ),
    )


def pct(part: int, whole: int) -> float:
    return float(Decimal(100 * part / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))


def manila_day(s: Stored) -> date:
    assert s.item.published_at is not None
    return s.item.published_at.astimezone(MANILA).date()


def latest_per_section(data: Dataset) -> Rows:
    rows = []
    for section in sorted({s.item.section for s in dated(data) if s.item.section}):
        rows += [
            (section, s.item.title, s.item.published_at, s.item.canonical_url)
            for s in newest_first([s for s in dated(data) if s.item.section == section])[:3]
        ]
    return rows


def by_author(data: Dataset) -> Rows:
    hits = [s for s in data.articles.values() if "mico-dela-pena" in map(slugify, s.item.authors)]
    return [
        (s.item.published_at, s.item.subdomain, s.item.title, s.item.canonical_url)
        for s in newest_first(hits)
    ]


def by_tag(data: Dataset) -> Rows:
    hits = [s for s in data.articles.values() if "typhoon-verbena" in map(slugify, s.item.tags)]
    return [(s.item.published_at, s.item.title, s.item.canonical_url) for s in newest_first(hits)]


def full_text(data: Dataset) -> Rows:
    def words(s: Stored) -> set[str]:
        return set(
            re.findall(r"\w+", f"{s.item.title} {s.item.subtitle or ''} {s.item.body}".lower())
        )

    return sorted(
        (s.item.published_at, s.item.title, s.item.canonical_url)
        for s in data.articles.values()
        if {"typhoon", "classrooms"} <= words(s)
    )


def between_days(data: Dataset) -> Rows:
    hits = [s for s in dated(data) if date(2026, 11, 20) <= manila_day(s) <= date(2026, 11, 22)]
    return [
        (s.item.published_at, s.item.subdomain, s.item.title)
        for s in sorted(hits, key=lambda s: s.item.published_at)
    ]  # type: ignore[arg-type,return-value]


def unsigned(data: Dataset) -> Rows:
    return sorted(
        (url, s.item.title)
        for url, s in data.articles.items()
        if s.item.agency is None and not s.item.authors
    )


def changes(data: Dataset) -> Rows:
    rows = []
    for v in sorted(data.versions, key=lambda v: (v["url"], v["version"])):
        nxt = next(
            (w for w in data.versions if w["url"] == v["url"] and w["version"] == v["version"] + 1),
            None,
        )
        after = nxt or {
            "title": data.articles[v["url"]].item.title,
            "body": data.articles[v["url"]].item.body,
        }
        rows.append(
            (
                v["url"],
                v["version"],
                v["version"] + 1,
                int(v["title"] != after["title"]),
                v["title"],
                after["title"],
                len(v["body"]),
                len(after["body"]),
                v["replaced_at"],
            )
        )
    return rows


def history(data: Dataset) -> Rows:
    url = data.url(3)
    stored = data.articles[url]
    return [
        *(
            (v["version"], v["title"], v["fetched_at"], v["replaced_at"])
            for v in sorted(data.versions, key=lambda v: v["version"])
            if v["url"] == url
        ),
        (stored.version, stored.item.title, stored.last_fetched_at, None),
    ]


def marked_updated(data: Dataset) -> Rows:
    rows = [
        (
            s.item.canonical_url,
            s.item.published_at,
            s.item.updated_at,
            round((s.item.updated_at - s.item.published_at).total_seconds() / 60),
            s.version,
        )
        for s in dated(data)
        if s.item.updated_at and s.item.updated_at > s.item.published_at
    ]
    return sorted(rows, key=lambda r: (-r[3], r[0]))


def per_day(data: Dataset) -> Rows:
    counts = Counter((manila_day(s), s.item.subdomain) for s in dated(data))
    return [(day, sub, n) for (day, sub), n in sorted(counts.items())]


def per_site(data: Dataset) -> Rows:
    sites: dict[str, list[Stored]] = defaultdict(list)
    for s in data.articles.values():
        sites[s.item.site].append(s)
    rows = [
        (
            site,
            len(stored),
            sum(1 for s in stored if s.item.published_at),
            max(s.item.published_at for s in stored if s.item.published_at),
        )
        for site, stored in sites.items()
    ]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def wire_share(data: Dataset) -> Rows:
    months: dict[str, list[Stored]] = defaultdict(list)
    for s in dated(data):
        months[manila_day(s).strftime("%Y-%m")].append(s)
    rows = []
    for month, stored in sorted(months.items()):
        wire = sum(1 for s in stored if s.item.agency)
        rows.append((month, len(stored), wire, len(stored) - wire, pct(wire, len(stored))))
    return rows


def counted(values: list[Any], limit: int | None = None) -> Rows:
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def authors_ranked(data: Dataset) -> Rows:
    bylines: Counter[str] = Counter()
    credits: Counter[str] = Counter()
    for s in data.articles.values():
        bylines.update(slugify(n) for n in s.item.authors)
        credits.update(slugify(n) for n in s.item.contributors)
    rows = [(data.author_names[slug], bylines[slug], credits[slug]) for slug in bylines | credits]
    return sorted(rows, key=lambda r: (-r[1], -r[2], r[0]))[:20]


def tags_ranked(data: Dataset) -> Rows:
    counts = Counter(
        slug for s in data.articles.values() for slug in dict.fromkeys(map(slugify, s.item.tags))
    )
    return [
        (data.tag_names[slug], slug, n)
        for slug, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ][:10]


def length_per_section(data: Dataset) -> Rows:
    sections: dict[str, list[int]] = defaultdict(list)
    for s in data.articles.values():
        if s.item.section:
            sections[s.item.section].append(s.item.word_count)
    return [
        (name, len(w), float(Decimal(sum(w) / len(w)).quantize(Decimal("0.1"), ROUND_HALF_UP)))
        for name, w in sorted(sections.items())
    ]


def run_history(data: Dataset) -> Rows:
    rows = []
    for run in sorted(data.runs, key=lambda r: r["started_at"], reverse=True):
        c, fails = run["counters"], sum(1 for f in data.failures if f["run_id"] == run["id"])
        seconds = (
            (run["finished_at"] - run["started_at"]).total_seconds() if run["finished_at"] else None
        )
        fetched = c.get("pages_fetched", 0)
        rows.append(
            (
                run["id"],
                run["started_at"],
                run["status"],
                seconds,
                fetched,
                sum(
                    c.get(k, 0) for k in ("articles_new", "articles_updated", "articles_unchanged")
                ),
                fails,
                pct(fails, fetched) if fetched else None,
            )
        )
    return rows


def failure_reasons(data: Dataset) -> Rows:
    counts = Counter((f["run_id"], f["stage"], f["reason"]) for f in data.failures)
    return [
        (*key, n) for key, n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0]))
    ]


def status_codes(data: Dataset) -> Rows:
    return [
        (r["id"], r["started_at"], *(r["codes"].get(code, 0) for code in ("200", "429", "503")))
        for r in sorted(data.runs, key=lambda r: r["started_at"], reverse=True)
    ]


EXPECTED: dict[str, tuple[Callable[[Dataset], Rows], bool]] = {  # title: (expected, ordered)
    "Latest articles per section": (latest_per_section, True),
    "Everything by one author": (by_author, True),
    "Everything with one tag": (by_tag, True),
    "Full-text search": (full_text, False),  # ranked differently by each engine
    "Articles published between two Manila days": (between_days, True),
    "Articles with neither a byline nor a wire credit": (unsigned, True),
    "Stories changed after they were first stored, and what changed": (changes, True),
    "Version history of one article": (history, True),
    "Stories the site marked as updated after publication": (marked_updated, True),
    "Articles per Manila day and subdomain": (per_day, True),
    "Articles per outlet": (per_site, True),
    "Wire vs staff share per month": (wire_share, True),
    "Wire stories per agency": (
        lambda d: counted([s.item.agency for s in d.articles.values() if s.item.agency]),
        True,
    ),
    "Top datelines": (
        lambda d: counted([s.item.dateline for s in d.articles.values() if s.item.dateline], 10),
        True,
    ),
    "Most prolific authors": (authors_ranked, True),
    "Most used tags": (tags_ranked, True),
    "Average length per section": (length_per_section, True),
    "Crawl-run history and failure rates": (run_history, True),
    "Why pages failed, per run": (failure_reasons, True),
    "HTTP status codes per crawl": (status_codes, True),
}


def test_every_documented_query_has_an_expectation() -> None:
    queries = parse_queries(QUERIES_MD.read_text(encoding="utf-8"))
    assert len(queries) >= 12
    assert sorted(queries) == sorted(EXPECTED)


def test_documented_queries_return_what_the_store_holds(store_url: str) -> None:
    data = populate(store_url)
    engine = make_engine(store_url)
    queries = parse_queries(QUERIES_MD.read_text(encoding="utf-8"))
    wrong = []
    connection = engine.raw_connection()  # what a sqlite3/psql user has: the driver, no ORM
    try:
        for title, (expected_rows, ordered) in EXPECTED.items():
            cursor = connection.cursor()
            cursor.execute(queries[title][engine.dialect.name])
            got, want = [tuple(r) for r in cursor.fetchall()], expected_rows(data)
            cursor.close()
            if not ordered:
                got, want = (
                    sorted(got, key=lambda r: repr(tuple(map(norm, r)))),
                    sorted(want, key=lambda r: repr(tuple(map(norm, r)))),
                )
            if not want or not same(got, want):
                wrong.append(f"{title}:\n  got      {got}\n  expected {want}")
    finally:
        connection.close()
        engine.dispose()
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "text",
    [
        "### A\n```sql sqlite\nSELECT 1\n```\n",
        "### A\n```sql\nSELECT 1\n```\n```sql postgresql\nSELECT 1\n```\n",
    ],
)
def test_a_query_needs_one_block_for_both_or_one_per_database(text: str) -> None:
    with pytest.raises(ValueError, match="code blocks"):
        parse_queries(text)
