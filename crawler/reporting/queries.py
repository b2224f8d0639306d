"""The crawl health report's figures, read with SQLAlchemy Core (SQLite and PostgreSQL).

``ReportRepository(engine).load(now, runs=30, days=30)`` returns plain dataclasses;
``crawler.reporting.report`` turns them into HTML. Nothing here formats or escapes text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Table,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
)

from crawler.clock import MANILA
from crawler.monitoring.checks import SHORT_BODY_WORDS, site_counts
from crawler.store.models import (
    RUN_COUNTERS,
    Article,
    ArticleAuthor,
    ArticleImage,
    ArticleTag,
    CrawlRun,
)
from crawler.store.types import UTCDateTime

ARTICLES: Table = Article.__table__  # type: ignore[assignment]
RUNS: Table = CrawlRun.__table__  # type: ignore[assignment]
AUTHORS: Table = ArticleAuthor.__table__  # type: ignore[assignment]
TAGS: Table = ArticleTag.__table__  # type: ignore[assignment]
IMAGES: Table = ArticleImage.__table__  # type: ignore[assignment]
NO_SUBDOMAIN = "(none)"

# The report's coverage fields, in display order, with their labels. A monitor document
# (crawler.monitoring.checks.MONITOR_COVERAGE_FIELDS) shares some names; ``body_length`` uses
# the same threshold (SHORT_BODY_WORDS, or the setting MONITOR_MIN_BODY_WORDS given to both).
REPORT_COVERAGE = {
    "published_at": "published_at",
    "authors_or_agency": "authors or agency",
    "dateline": "dateline",
    "tags": "tags",
    "images": "images",
    "body_length": "body ≥ {words} words",  # the monitor's short-body threshold
}


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One ``crawl_runs`` row as the report needs it."""

    id: int
    spider: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    finish_reason: str | None
    counters: dict[str, int]
    # to ``finished_at``, or to the report time while running; None when the run never
    # finished (``abandoned``: its process died, see RunRepository.close_abandoned_runs)
    duration_seconds: float | None
    monitor_passed: bool | None = None
    # share of the run's items that took each field from a fallback source (monitor result)
    fallback: dict[str, float] = field(default_factory=dict)

    @property
    def blocked_rate(self) -> float | None:
        """``pages_blocked / pages_fetched``; None when nothing was fetched."""
        fetched = self.counters.get("pages_fetched", 0)
        return self.counters.get("pages_blocked", 0) / fetched if fetched else None


@dataclass(frozen=True, slots=True)
class Coverage:
    """Share (0..1) of a run's articles with each field; ``source`` says where it came from."""

    run_id: int
    source: str  # "articles" (created/updated by the run) or "monitor" (crawl_runs.monitor)
    articles: int | None
    shares: dict[str, float]


@dataclass(frozen=True, slots=True)
class RecentArticle:
    title: str
    subdomain: str
    canonical_url: str
    first_seen_at: datetime


@dataclass(frozen=True, slots=True)
class SiteLine:
    """One outlet of the newest ``news`` run: what it found, fetched and stored then, and
    how many of its articles the store holds."""

    site: str
    run_id: int
    found: int
    fetched: int
    items: int
    stored_total: int

    @property
    def silent(self) -> bool:
        """The outlet yielded nothing (the per-outlet monitor check fails on it)."""
        return self.found == 0 or (self.fetched > 0 and self.items == 0)


@dataclass(frozen=True, slots=True)
class ReportData:
    generated_at: datetime
    days: list[date]  # Manila calendar days, oldest first
    per_day: dict[date, dict[str, int]]  # day -> subdomain -> articles published that day
    runs: list[RunSummary]  # oldest first
    coverage: dict[int, Coverage]  # by run id; runs without any figures are absent
    total_articles: int
    undated_articles: int  # stored articles without published_at (not in the daily chart)
    last_success_at: datetime | None  # finished_at of the newest run with status "finished"
    recent: list[RecentArticle] = field(default_factory=list)
    sites: list[SiteLine] = field(default_factory=list)  # outlets of the newest news run
    min_body_words: int = SHORT_BODY_WORDS  # the coverage's "body_length" threshold


class ReportRepository:
    """Read-only queries behind ``crawler report``."""

    def __init__(self, engine: Engine, min_body_words: int = SHORT_BODY_WORDS) -> None:
        self._engine = engine
        self.min_body_words = min_body_words  # what "short body" means (as the monitor)

    def load(self, now: datetime, runs: int = 30, days: int = 30) -> ReportData:
        runs_list = self.last_runs(now, runs)
        day_list, per_day = self.articles_per_day(now, days)
        with self._engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(ARTICLES)).scalar_one())
            undated = int(
                conn.execute(
                    select(func.count())
                    .select_from(ARTICLES)
                    .where(ARTICLES.c.published_at.is_(None))
                ).scalar_one()
            )
            last_success = conn.execute(
                select(RUNS.c.finished_at)
                .where(RUNS.c.status == "finished", RUNS.c.finished_at.is_not(None))
                .order_by(RUNS.c.finished_at.desc())
                .limit(1)
            ).scalar()
        return ReportData(
            generated_at=now,
            days=day_list,
            per_day=per_day,
            runs=runs_list,
            coverage=self.coverage(now, runs_list),
            total_articles=total,
            undated_articles=undated,
            last_success_at=last_success,
            recent=self.recent_articles(5),
            sites=self.site_lines(),
            min_body_words=self.min_body_words,
        )

    def site_lines(self) -> list[SiteLine]:
        """Per-outlet lines of the newest ``news`` run (none without such a run)."""
        with self._engine.connect() as conn:
            run = conn.execute(
                select(RUNS.c.id, RUNS.c.stats)
                .where(RUNS.c.spider == "news")
                .order_by(RUNS.c.id.desc())
                .limit(1)
            ).first()
            if run is None:
                return []
            totals = dict(
                conn.execute(select(ARTICLES.c.site, func.count()).group_by(ARTICLES.c.site)).all()
            )
        stats = run.stats if isinstance(run.stats, dict) else {}
        sites = sorted(
            {k.split("/")[1] for k in stats if k.startswith("sites/") and k.count("/") >= 2}
        )
        return [
            SiteLine(
                site, int(run.id), **site_counts(stats, site), stored_total=totals.get(site, 0)
            )
            for site in sites
        ]

    def last_runs(self, now: datetime, limit: int) -> list[RunSummary]:
        """The newest ``limit`` runs, oldest first."""
        columns = [
            RUNS.c[name]
            for name in (
                "id",
                "spider",
                "started_at",
                "finished_at",
                "status",
                "finish_reason",
                "monitor",
                *RUN_COUNTERS,
            )
        ]
        with self._engine.connect() as conn:
            rows = conn.execute(select(*columns).order_by(RUNS.c.id.desc()).limit(limit)).all()
        result = []
        for row in reversed(rows):
            end = row.finished_at or (now if row.status == "running" else None)
            monitor = row.monitor if isinstance(row.monitor, dict) else None
            passed = monitor.get("passed") if monitor else None
            result.append(
                RunSummary(
                    id=int(row.id),
                    spider=row.spider,
                    started_at=row.started_at,
                    finished_at=row.finished_at,
                    status=row.status,
                    finish_reason=row.finish_reason,
                    counters={name: int(getattr(row, name) or 0) for name in RUN_COUNTERS},
                    duration_seconds=max(0.0, (end - row.started_at).total_seconds())
                    if end
                    else None,
                    monitor_passed=passed if isinstance(passed, bool) else None,
                    fallback=monitor_fallback(monitor),
                )
            )
        return result

    def articles_per_day(
        self, now: datetime, days: int
    ) -> tuple[list[date], dict[date, dict[str, int]]]:
        """Articles by Manila publication day and subdomain, for the ``days`` days to today."""
        today = now.astimezone(MANILA).date()
        day_list = [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
        start = datetime.combine(day_list[0], time(), MANILA).astimezone(UTC)
        end = datetime.combine(today + timedelta(days=1), time(), MANILA).astimezone(UTC)
        day = self._manila_day(ARTICLES.c.published_at)
        query = (
            select(day.label("day"), ARTICLES.c.subdomain, func.count().label("n"))
            .where(
                ARTICLES.c.published_at >= literal(start, UTCDateTime()),
                ARTICLES.c.published_at < literal(end, UTCDateTime()),
            )
            .group_by(day, ARTICLES.c.subdomain)
        )
        per_day: dict[date, dict[str, int]] = {d: {} for d in day_list}
        with self._engine.connect() as conn:
            for row in conn.execute(query):
                key = row.day if isinstance(row.day, date) else date.fromisoformat(str(row.day))
                bucket = per_day.setdefault(key, {})
                name = row.subdomain or NO_SUBDOMAIN
                bucket[name] = bucket.get(name, 0) + int(row.n)
        return day_list, per_day

    def _manila_day(self, column: Any) -> ColumnElement[Any]:
        if self._engine.dialect.name == "postgresql":
            return func.date(func.timezone("Asia/Manila", column))
        return func.date(column, "+8 hours")  # SQLite keeps naive UTC text

    def coverage(self, now: datetime, runs: list[RunSummary]) -> dict[int, Coverage]:
        """Per run, the share of articles it created or changed that have each field.

        An article counts for a run when its ``first_seen_at`` or ``last_changed_at`` falls in
        the run's time span, with its current content; a run that never finished (running,
        abandoned) spans to the next run's start, or to now. Runs with no such article fall
        back to the ``coverage`` of their ``crawl_runs.monitor`` document, when there is one.
        """
        if not runs:
            return {}
        later = RUNS.alias("later")
        next_start = (
            select(func.min(later.c.started_at))
            .where(later.c.started_at > RUNS.c.started_at)
            .scalar_subquery()
        )
        end = func.coalesce(RUNS.c.finished_at, next_start, literal(now, UTCDateTime()))

        def within(column: Any) -> ColumnElement[bool]:
            return and_(column >= RUNS.c.started_at, column <= end)

        a = ARTICLES.c
        conditions: dict[str, ColumnElement[bool]] = {
            "published_at": a.published_at.is_not(None),
            "authors_or_agency": or_(
                exists().where(AUTHORS.c.article_id == a.id, AUTHORS.c.role == "author"),
                func.length(func.trim(func.coalesce(a.agency, ""))) > 0,
            ),
            "dateline": func.length(func.trim(func.coalesce(a.dateline, ""))) > 0,
            "tags": exists().where(TAGS.c.article_id == a.id),
            "images": exists().where(IMAGES.c.article_id == a.id),
            "body_length": a.word_count >= self.min_body_words,
        }
        query = (
            select(
                RUNS.c.id,
                func.count(a.id).label("n"),
                *[
                    func.sum(case((cond, 1), else_=0)).label(name)
                    for name, cond in conditions.items()
                ],
            )
            .select_from(
                RUNS.join(ARTICLES, or_(within(a.first_seen_at), within(a.last_changed_at)))
            )
            .where(RUNS.c.id.in_([run.id for run in runs]))
            .group_by(RUNS.c.id)
        )
        result: dict[int, Coverage] = {}
        with self._engine.connect() as conn:
            for row in conn.execute(query):
                n = int(row.n)
                shares = {name: int(getattr(row, name) or 0) / n for name in conditions}
                result[int(row.id)] = Coverage(int(row.id), "articles", n, shares)
            missing = [run.id for run in runs if run.id not in result]
            if missing:
                for run_id, monitor in conn.execute(
                    select(RUNS.c.id, RUNS.c.monitor).where(RUNS.c.id.in_(missing))
                ):
                    shares = monitor_coverage(monitor)
                    if shares:
                        items = monitor["coverage"].get("items")
                        result[int(run_id)] = Coverage(
                            int(run_id),
                            "monitor",
                            items if isinstance(items, int) else None,
                            shares,
                        )
        return result

    def recent_articles(self, limit: int) -> list[RecentArticle]:
        a = ARTICLES.c
        query = (
            select(a.title, a.subdomain, a.canonical_url, a.first_seen_at)
            .order_by(a.first_seen_at.desc(), a.id.desc())
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [
                RecentArticle(
                    r.title, r.subdomain or NO_SUBDOMAIN, r.canonical_url, r.first_seen_at
                )
                for r in conn.execute(query)
            ]


def monitor_fallback(monitor: Any) -> dict[str, float]:
    """The ``fallback`` shares of a monitor document (field -> share 0..1), else empty."""
    shares = monitor.get("fallback") if isinstance(monitor, dict) else None
    if not isinstance(shares, dict):
        return {}
    return {
        str(name): float(value)
        for name, value in shares.items()
        if isinstance(value, (int, float)) and not isinstance(value, bool)
    }


def monitor_coverage(monitor: Any) -> dict[str, float]:
    """The known fields of a monitor document's ``coverage`` as shares 0..1 (else empty)."""
    coverage = monitor.get("coverage") if isinstance(monitor, dict) else None
    if not isinstance(coverage, dict):
        return {}
    shares: dict[str, float] = {}
    for name in REPORT_COVERAGE:
        value = coverage.get(name)  # None when the run had no items
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            share = float(value) / 100 if value > 1 else float(value)  # accept percentages
            shares[name] = min(max(share, 0.0), 1.0)
    return shares
