"""RunRepository: the ``crawl_runs`` record of each crawl and its ``crawl_failures``."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.store.models import RUN_COUNTERS, CrawlFailure, CrawlRun
from crawler.store.repository import utcnow

NOT_RETRIED = ("robots_disallowed", "offsite_redirect")  # fetch failures that are decisions


class RunRepository:
    """Opens, updates and closes ``crawl_runs`` rows; records failures."""

    def __init__(
        self, session_factory: sessionmaker[Session], clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._sessions = session_factory
        self._clock = clock

    def start_run(self, spider: str, args: dict[str, Any]) -> int:
        self.close_abandoned_runs()
        with self._sessions.begin() as session:
            run = CrawlRun(
                spider=spider,
                started_at=self._clock(),
                status="running",
                args=args,
                hostname=socket.gethostname(),
                pid=os.getpid(),
                stats={},
                **{name: 0 for name in RUN_COUNTERS},
            )
            session.add(run)
            session.flush()
            return int(run.id)

    def close_abandoned_runs(self) -> int:
        """Runs of this host still marked ``running`` whose process is gone (killed, crashed)
        become ``abandoned``, so run history never shows a dead crawl as alive."""
        host, closed = socket.gethostname(), 0
        with self._sessions.begin() as session:
            for run in session.execute(
                select(CrawlRun).where(CrawlRun.status == "running", CrawlRun.hostname == host)
            ).scalars():
                if run.pid and not _alive(run.pid):
                    run.status, run.finish_reason, closed = "abandoned", "process gone", closed + 1
        return closed

    def finish_run(
        self,
        run_id: int,
        status: str,
        finish_reason: str | None,
        counters: dict[str, int],
        stats: dict[str, Any],
        args: dict[str, Any] | None = None,
    ) -> None:
        """Close the run; ``args`` replaces the recorded arguments when given."""
        with self._sessions.begin() as session:
            run = session.get_one(CrawlRun, run_id)
            if args is not None:
                run.args = args
            run.finished_at = self._clock()
            run.status = status
            run.finish_reason = finish_reason
            run.stats = stats
            for name in RUN_COUNTERS:
                setattr(run, name, int(counters.get(name, 0)))

    def save_monitor(self, run_id: int, result: dict[str, Any]) -> None:
        """Store the monitor's result with the run (only ``crawl_runs.monitor`` is written)."""
        with self._sessions.begin() as session:
            session.get_one(CrawlRun, run_id).monitor = result

    def recent_runs(
        self, spider: str, limit: int, *, status: str = "finished", before_id: int | None = None
    ) -> list[dict[str, Any]]:
        """The last ``limit`` runs of ``spider`` with ``status``, newest first, each as
        ``{"id", "started_at", "args", "stats"}``; ``before_id`` leaves out that run and
        later ones."""
        query = select(CrawlRun.id, CrawlRun.started_at, CrawlRun.args, CrawlRun.stats).where(
            CrawlRun.spider == spider, CrawlRun.status == status
        )
        if before_id is not None:
            query = query.where(CrawlRun.id < before_id)
        with self._sessions() as session:
            rows = session.execute(query.order_by(CrawlRun.id.desc()).limit(max(0, limit))).all()
        return [
            {
                "id": int(r.id),
                "started_at": r.started_at,
                "args": dict(r.args or {}),
                "stats": dict(r.stats or {}),
            }
            for r in rows
        ]

    def record_failure(
        self, run_id: int | None, url: str, stage: str, reason: str, detail: str | None = None
    ) -> None:
        with self._sessions.begin() as session:
            session.add(
                CrawlFailure(
                    run_id=run_id,
                    url=url,
                    stage=stage,
                    reason=reason,
                    detail=detail,
                    created_at=self._clock(),
                )
            )

    def failed_fetches_since(self, since: datetime) -> list[str]:
        """URLs whose fetch failed (timeouts, resets, 5xx, blocked...) since ``since``, for a
        nightly run to ask again (the incremental middleware skips those stored since).
        Pages robots.txt forbids or that redirect off-site are not asked again."""
        query = (
            select(CrawlFailure.url)
            .where(
                CrawlFailure.stage == "fetch",
                CrawlFailure.created_at >= since,
                CrawlFailure.reason.not_in(NOT_RETRIED),
            )
            .distinct()
            .order_by(CrawlFailure.url)
        )
        with self._sessions() as session:
            return list(session.execute(query).scalars())

    def runs_with_arg(self, name: str, value: str) -> list[dict[str, Any]]:
        """Every run whose ``args[name]`` is ``value`` (e.g. the workers of one distributed
        run, ``distributed_run``), oldest first, as full rows."""
        with self._sessions() as session:
            ids = (
                session.execute(
                    select(CrawlRun.id)
                    .where(CrawlRun.args[name].as_string() == value)
                    .order_by(CrawlRun.id)
                )
                .scalars()
                .all()
            )
        return [self.get_run(int(run_id)) for run_id in ids]

    def latest_with_arg(self, name: str, limit: int) -> list[dict[str, Any]]:
        """The last ``limit`` runs that have an ``args[name]`` (e.g. every worker of recent
        distributed runs, ``distributed_run``), newest first, as full rows."""
        with self._sessions() as session:
            ids = (
                session.execute(
                    select(CrawlRun.id)
                    .where(CrawlRun.args[name].as_string().is_not(None))
                    .order_by(CrawlRun.id.desc())
                    .limit(max(0, limit))
                )
                .scalars()
                .all()
            )
        return [self.get_run(int(run_id)) for run_id in ids]

    def get_run(self, run_id: int) -> dict[str, Any]:
        with self._sessions() as session:
            run = session.get_one(CrawlRun, run_id)
            return {c.key: getattr(run, c.key) for c in CrawlRun.__mapper__.column_attrs}

    def last_runs(self, limit: int) -> list[dict[str, Any]]:
        """The last ``limit`` runs, newest first, as full rows."""
        with self._sessions() as session:
            ids = (
                session.execute(
                    select(CrawlRun.id).order_by(CrawlRun.id.desc()).limit(max(0, limit))
                )
                .scalars()
                .all()
            )
        return [self.get_run(int(run_id)) for run_id in ids]

    def latest_run(self) -> dict[str, Any] | None:
        with self._sessions() as session:
            run_id = session.execute(
                select(CrawlRun.id).order_by(CrawlRun.id.desc()).limit(1)
            ).scalar()
        return self.get_run(int(run_id)) if run_id is not None else None

    def failed_urls(self, run_ids: list[int]) -> set[str]:
        """Every URL a ``crawl_failures`` row of ``run_ids`` names (fetch, extract, store)."""
        if not run_ids:
            return set()
        with self._sessions() as session:
            return set(
                session.execute(
                    select(CrawlFailure.url).where(CrawlFailure.run_id.in_(run_ids)).distinct()
                ).scalars()
            )

    def failures(self, run_id: int) -> list[dict[str, Any]]:
        with self._sessions() as session:
            rows = session.execute(
                select(CrawlFailure).where(CrawlFailure.run_id == run_id).order_by(CrawlFailure.id)
            ).scalars()
            return [
                {"url": f.url, "stage": f.stage, "reason": f.reason, "detail": f.detail}
                for f in rows
            ]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
