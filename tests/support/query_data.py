"""A small, deterministic store for tests/store/test_queries.py, written through the repositories.

``populate(url)`` stores 48 articles (4 subdomains, 5 authors, wire and staff, tags
with a second spelling, two undated), then updates two of them (one twice), and
records four crawl runs with failures. It returns a ``Dataset``: the same facts as
Python objects, from which the tests compute what each documented query must return.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crawler.cleaning.stages import content_hash
from crawler.items import ArticleItem
from crawler.store.bulk import slugify
from crawler.store.engine import make_engine, make_session_factory
from crawler.store.repository import ArticleRepository
from crawler.store.runs import RunRepository
from tests.support.factories import make_item

MANILA = ZoneInfo("Asia/Manila")
SUBDOMAINS = ("newsinfo", "globalnation", "business", "sports")
SECTIONS = {
    "newsinfo": ("Nation", "Regions", "Metro"),
    "globalnation": ("World",),
    "business": ("Economy",),
    "sports": ("Basketball", "Boxing"),
}
AUTHORS = ("Juan Dela Cruz", "Maria Santos", "Mico Dela Peña", "Ana Lim", "Carlos Bautista")
AGENCIES = ("Agence France-Presse", "Reuters", "Associated Press")
DATELINES = ("MANILA, Philippines", "CEBU CITY", "DAVAO CITY", "WASHINGTON", "BEIJING")
TAGS = ("West Philippine Sea", "Typhoon Verbena", "DepEd", "PBA", "Inflation", "Marcos")
START = datetime(2026, 10, 20, 0, 30, tzinfo=MANILA)
T0 = datetime(2026, 11, 28, 20, 5, tzinfo=UTC)  # first store
T1 = datetime(2026, 11, 29, 8, 0, 30, tzinfo=UTC)  # first round of updates
T2 = datetime(2026, 11, 29, 20, 1, tzinfo=UTC)  # second update of article 3


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Stored:
    """One article as it ends up: its latest item, version and bookkeeping times."""

    item: ArticleItem
    version: int = 1
    first_seen_at: datetime = T0
    last_fetched_at: datetime = T0


@dataclass
class Dataset:
    articles: dict[str, Stored] = field(default_factory=dict)  # by canonical_url
    versions: list[dict[str, Any]] = field(default_factory=list)  # replaced content
    author_names: dict[str, str] = field(default_factory=dict)  # slug -> name first stored
    tag_names: dict[str, str] = field(default_factory=dict)
    runs: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def url(self, n: int) -> str:
        return article(n).canonical_url

    def remember_names(self, item: ArticleItem) -> None:
        for name in (*item.authors, *item.contributors):
            self.author_names.setdefault(slugify(name), name)
        for name in item.tags:
            self.tag_names.setdefault(slugify(name), name)


def body_for(n: int, topic: str) -> str:
    return (
        f"Officials said the {topic} report number {n} was filed on time.\n\n"
        f"More details would follow, the office of story {n} added."
    )


def article(n: int) -> ArticleItem:
    sub = SUBDOMAINS[n % 4]
    wire, unsigned = n % 5 == 0, n % 5 != 0 and n % 11 == 0
    authors = (
        []
        if wire or unsigned
        else [AUTHORS[n % 5], *([AUTHORS[(n + 2) % 5]] if n % 3 == 0 else [])]
    )
    tags = [TAGS[(n + k) % len(TAGS)] for k in range(n % 4)]
    if n == 30:
        tags = ["west philippine sea", "DepEd"]  # another spelling of an existing tag
    topic = "typhoon damaged classrooms" if n % 6 == 0 else "typhoon" if n % 4 == 1 else "budget"
    published = None if n in (17, 34) else START + timedelta(minutes=1187 * n)
    title = f"{SECTIONS[sub][n % len(SECTIONS[sub])]} story {n}: the {topic}"
    body = body_for(n, topic)
    url = f"https://{sub}.inquirer.net/{2000000 + n}/story-{n}"
    return make_item(
        n,
        url=url,
        canonical_url=url,
        title=title,
        body=body,
        subdomain=sub,
        section=SECTIONS[sub][n % len(SECTIONS[sub])],
        authors=authors,
        contributors=["Ana Lim"] if n % 7 == 0 else [],
        agency=AGENCIES[n % 3] if wire else None,
        dateline=None if n % 9 == 0 else DATELINES[(n * n) % 5],
        tags=tags,
        published_at=published,
        word_count=len(body.split()),
        updated_at=published + timedelta(minutes=30) if n == 12 and published else None,
    )


def changed(
    item: ArticleItem,
    title: str | None = None,
    extra: str = "",
    body: str | None = None,
    minutes: int = 0,
    **fields: Any,
) -> ArticleItem:
    title = title or item.title
    body = body if body is not None else item.body + extra
    assert item.published_at is not None
    return replace(
        item,
        title=title,
        body=body,
        content_hash=content_hash(title, body),
        word_count=len(body.split()),
        updated_at=item.published_at + timedelta(minutes=minutes),
        **fields,
    )


def populate(url: str) -> Dataset:
    data = Dataset()
    clock = Clock()
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    repo = ArticleRepository(sessions, clock=clock)
    items = [article(n) for n in range(1, 49)]
    for start in range(0, len(items), 10):
        assert {r.outcome for r in repo.upsert_articles(items[start : start + 10])} == {"new"}
    for item in items:
        data.articles[item.canonical_url] = Stored(item)
        data.remember_names(item)

    def update(when: datetime, new: ArticleItem) -> None:
        stored = data.articles[new.canonical_url]
        data.versions.append(
            {
                "url": new.canonical_url,
                "version": stored.version,
                "title": stored.item.title,
                "body": stored.item.body,
                "fetched_at": stored.last_fetched_at,
                "replaced_at": when,
            }
        )
        stored.item, stored.version, stored.last_fetched_at = new, stored.version + 1, when
        data.remember_names(new)

    clock.now = T1
    first = [
        changed(
            items[2],
            title=items[2].title + " (corrected)",
            minutes=150,
            extra="\n\nCorrection: an earlier version misspelled a name.",
        ),
        changed(
            items[7],
            body=body_for(8, "typhoon damaged classrooms"),
            minutes=45,
            tags=["Typhoon Verbena"],
        ),
        items[0],
    ]
    assert [r.outcome for r in repo.upsert_articles(first)] == ["updated", "updated", "unchanged"]
    update(T1, first[0])
    update(T1, first[1])
    data.articles[items[0].canonical_url].last_fetched_at = T1
    clock.now = T2
    second = changed(first[0], minutes=600, extra="\n\nUpdate: the agency replied.")
    assert repo.upsert_article(second).outcome == "updated"
    update(T2, second)
    _record_runs(data, RunRepository(sessions, clock=clock), clock)
    engine.dispose()
    return data


# started, minutes to finish (None: still running), status, counters, status codes, failures
RUNS = [
    (
        datetime(2026, 11, 27, 20, 0, tzinfo=UTC),
        12.5,
        "finished",
        {"pages_fetched": 40, "articles_new": 38, "articles_rejected": 1, "pages_blocked": 1},
        {"200": 40, "429": 3},
        [("fetch", "challenge"), ("extract", "listing")],
    ),
    (
        datetime(2026, 11, 28, 20, 0, tzinfo=UTC),
        5,
        "finished",
        {"pages_fetched": 12, "articles_new": 10, "articles_updated": 2},
        {"200": 12},
        [],
    ),
    (
        datetime(2026, 11, 29, 8, 0, tzinfo=UTC),
        1,
        "failed",
        {"pages_fetched": 5, "articles_failed": 1, "pages_not_article": 2},
        {"200": 3, "503": 2},
        [("extract", "no_body"), ("extract", "no_body"), ("store", "store_failed")],
    ),
    (datetime(2026, 11, 29, 20, 0, tzinfo=UTC), None, "running", {}, {}, []),
]


def _record_runs(data: Dataset, runs: RunRepository, clock: Clock) -> None:
    for started, minutes, status, counters, codes, failures in RUNS:
        clock.now = started
        run_id = runs.start_run("inquirer", {"mode": "nightly"})
        for k, (stage, reason) in enumerate(failures):
            runs.record_failure(run_id, f"https://newsinfo.inquirer.net/{900 + k}/x", stage, reason)
        stats = {f"downloader/response_status_count/{code}": n for code, n in codes.items()}
        finished = None
        if minutes is not None:
            clock.now = finished = started + timedelta(minutes=minutes)
            runs.finish_run(run_id, status, status, counters, stats)
        data.runs.append(
            {
                "id": run_id,
                "started_at": started,
                "finished_at": finished,
                "status": status,
                "counters": counters,
                "codes": codes,
            }
        )
        data.failures += [{"run_id": run_id, "stage": s, "reason": r} for s, r in failures]
