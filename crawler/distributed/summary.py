"""``crawler runs``: crawl_runs rows as a table; with ``--distributed RUN_ID``, one row per
worker of that distributed run and the run's totals (no Redis needed: the store only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crawler.monitoring.checks import Check, Thresholds, check_item_count, run_mode
from crawler.urls import canonicalize_url

COUNTERS = (  # the workers' own counters (0 in the row of a worker killed before it closed it)
    "pages_fetched",
    "articles_unchanged",
    "articles_rejected",
    "articles_failed",
    "pages_blocked",
    "errors",
)
HEADERS = ("fetched", "unchanged", "rejected", "failed", "blocked", "errors")
MISSING_SHOWN = 5  # missing URLs named in a failed check

FoundLookup = Callable[[str], "set[str] | None"]


@dataclass(frozen=True)
class RunTotals:
    """What the store holds for one distributed run, and what its discovery found.

    ``per_worker``: crawl_runs.id -> (new, changed), from ``articles.first_run_id`` /
    ``last_run_id``. ``found``: the canonical URLs of the article requests the run queued
    (Redis, ``P:found:RUN``), None when unknown (``found_note`` says why); ``stored``: those
    of them the store has; ``failed``: those not stored that a crawl_failures row of the
    run explains (not found, blocked, not an article ...)."""

    per_worker: dict[int, tuple[int, int]]
    found: set[str] | None
    stored: frozenset[str] = frozenset()
    failed: frozenset[str] = frozenset()
    found_note: str = ""

    @property
    def new(self) -> int:
        return sum(new for new, _ in self.per_worker.values())

    @property
    def changed(self) -> int:
        return sum(changed for _, changed in self.per_worker.values())

    @property
    def missing(self) -> list[str]:
        """Found by discovery, yet neither stored nor recorded as failed: lost."""
        return sorted((self.found or set()) - self.stored - self.failed)

    @property
    def item_count(self) -> int:
        """Articles the run accounted for in the store: every found article the store has
        (new, changed or stored before and unchanged); unknown found set: new + changed."""
        return len(self.stored) if self.found is not None else self.new + self.changed

    def breakdown(self) -> str:
        text = f"from the store: {self.new} new, {self.changed} changed"
        if self.found is None:
            return f"{text}; what discovery found is unknown ({self.found_note})"
        earlier = len(self.stored) - self.new - self.changed
        return f"{text}, {max(0, earlier)} stored before, of {len(self.found)} found by discovery"


def gather_totals(
    store: Any, runs: list[dict[str, Any]], found: set[str] | None, note: str = ""
) -> RunTotals:
    """The totals of the run whose workers' crawl_runs rows are ``runs`` (``store``: the
    store facade; ``found``: what its discovery found, if known)."""
    ids = [int(run["id"]) for run in runs]
    per_worker = store.articles.run_article_counts(ids)
    if found is None:
        return RunTotals(per_worker, None, found_note=note)
    stored = store.articles.stored_among(found)
    failed = {canonicalize_url(url) for url in store.runs.failed_urls(ids)} & (found - stored)
    return RunTotals(per_worker, found, frozenset(stored), frozenset(failed))


def _time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "-"


def _seconds(run: dict[str, Any]) -> float | None:
    if run["finished_at"] is None:
        return None
    return (run["finished_at"] - run["started_at"]).total_seconds()


def _table(
    header: Sequence[str], rows: list[Sequence[Any]], left: int, trailing: int = 0
) -> list[str]:
    """Plain-text columns: the first ``left`` and the last ``trailing`` left-aligned, the
    numbers between right-aligned."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return [
        "  ".join(
            c.ljust(w) if i < left or i >= len(header) - trailing else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in cells
    ]


def distributed_summary(run_id: str, runs: list[dict[str, Any]], totals: RunTotals) -> str:
    """The workers of distributed run ``run_id`` and its totals (runs: full crawl_runs rows)."""
    if not runs:
        return f"no crawl_runs row belongs to distributed run {run_id}"
    rows = []
    for run in runs:
        args = run["args"] or {}
        seconds = _seconds(run)
        new, changed = totals.per_worker.get(int(run["id"]), (0, 0))
        rows.append(
            [
                run["id"],
                args.get("distributed_worker", "-"),
                f"{run['status']} ({run['finish_reason'] or '-'})",
                _time(run["started_at"]),
                "-" if seconds is None else f"{seconds:.0f}",
                new,
                changed,
                *[run[c] for c in COUNTERS],
            ]
        )
    counters = {c: sum(int(run[c]) for run in runs) for c in COUNTERS}
    lines = [f"distributed run {run_id}: {len(runs)} worker(s)", ""]
    header = ("run", "worker", "status", "started", "secs", "new", "changed", *HEADERS)
    lines += _table(header, rows, 4)
    lines += [
        "",
        f"total: new {totals.new}, changed {totals.changed} (from the store: articles each "
        "worker's run stored first / changed last)",
        "worker counters: "
        + ", ".join(f"{h} {counters[c]}" for h, c in zip(HEADERS, COUNTERS, strict=True))
        + " (a worker killed before it closed its row counts 0 here)",
        _found_line(totals),
    ]
    statuses = sorted({run["status"] for run in runs})
    start = min(run["started_at"] for run in runs)
    ends = [run["finished_at"] for run in runs if run["finished_at"] is not None]
    if ends:
        wall = (max(ends) - start).total_seconds()
        stored = totals.new + totals.changed
        rate = f", {stored / wall:.1f} articles stored/s" if wall > 0 else ""
        lines.append(
            f"wall time {wall:.0f} s (first start to last finish, idle wait included){rate}"
        )
    lines.append(
        "statuses: "
        + ", ".join(statuses)
        + (
            ""
            if statuses == ["finished"]
            else "  (a worker still 'running' after the others finished was killed: its requests "
            "were requeued; restarting a worker on its host marks it 'abandoned')"
        )
    )
    return "\n".join(lines)


def _found_line(totals: RunTotals) -> str:
    if totals.found is None:
        return f"found by discovery: unknown ({totals.found_note})"
    return (
        f"found by discovery: {len(totals.found)} article URLs; {len(totals.stored)} in the "
        f"store, {len(totals.failed)} recorded as failed, {len(totals.missing)} missing"
    )


def monitor_outcome(monitor: Any) -> str:
    """``passed``, ``FAILED: <failed checks>`` or ``-`` (no monitor result stored)."""
    if not isinstance(monitor, dict) or "passed" not in monitor:
        return "-"
    if monitor["passed"]:
        return "passed"
    failed = [
        str(check.get("name"))
        for check in monitor.get("checks") or []
        if isinstance(check, dict) and not check.get("passed")
    ]
    return "FAILED: " + (",".join(failed) or "?")


def recent_runs_table(runs: list[dict[str, Any]]) -> str:
    """One line per crawl_runs row, newest first, with its monitors' outcome (a run can
    finish and still fail its monitors: exit 5) and its distributed run, if any."""
    rows = [
        [
            run["id"],
            (run["args"] or {}).get("distributed_run", "-"),
            f"{run['status']} ({run['finish_reason'] or '-'})",
            _time(run["started_at"]),
            run["pages_fetched"],
            run["articles_new"],
            run["articles_updated"],
            monitor_outcome(run.get("monitor")),
        ]
        for run in runs
    ]
    header = (
        "run",
        "distributed run",
        "status",
        "started",
        "fetched",
        "new",
        "updated",
        "monitors",
    )
    return "\n".join(_table(header, rows, 4, trailing=1)) if rows else "no crawl runs recorded"


def earlier_runs(
    run_id: str, runs: list[dict[str, Any]], recent: list[dict[str, Any]]
) -> list[tuple[str, list[dict[str, Any]]]]:
    """The distributed runs of the same mode that started before ``run_id`` and have a
    finished worker, newest first, each with its workers' rows (``recent``: any order)."""
    mode = run_mode(runs[0]["args"] or {}) if runs else "nightly"
    first = min((run["id"] for run in runs), default=0)
    earlier: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(recent, key=lambda r: r["id"], reverse=True):
        other = (row["args"] or {}).get("distributed_run")
        if other and other != run_id and row["id"] < first:
            earlier.setdefault(other, []).append(row)
    return [
        (other, rows)
        for other, rows in earlier.items()
        if run_mode(rows[0]["args"] or {}) == mode and any(r["status"] == "finished" for r in rows)
    ]


def distributed_checks(
    runs: list[dict[str, Any]], totals: RunTotals, history: list[int], t: Thresholds
) -> list[Check]:
    """The item-count checks of a whole distributed run. A worker stores a share of the run,
    so its own monitor does not count items (docs/scaling.md); here the run's count comes
    from the store (``totals``) and is held against the minimum and against ``history``
    (the same count of the recent distributed runs of its mode, newest first), as a single
    crawl is; and every article its discovery found must be stored or recorded as failed."""
    mode = run_mode(runs[0]["args"] or {}) if runs else "nightly"
    checks = check_item_count(
        totals.item_count, history[: t.history_runs], t, mode, breakdown=totals.breakdown()
    )
    return [*checks, found_check(totals)]


def found_check(totals: RunTotals) -> Check:
    """FAIL when an article discovery found is neither in the store nor a recorded failure,
    or when what discovery found is unknown (nothing to prove the run complete)."""
    if totals.found is None:
        return Check(
            "found_articles_stored",
            False,
            f"cannot tell whether every article found was stored: {totals.found_note}",
        )
    missing = totals.missing
    detail = (
        f"{len(totals.found) - len(missing)} of {len(totals.found)} articles discovery found are "
        f"in the store ({len(totals.stored)}) or recorded as failed ({len(totals.failed)})"
    )
    if missing:
        shown = ", ".join(missing[:MISSING_SHOWN]) + (
            " ..." if len(missing) > MISSING_SHOWN else ""
        )
        detail += f"; {len(missing)} missing: {shown}"
    return Check("found_articles_stored", not missing, detail)


def run_report(
    store: Any, run_id: str, found: FoundLookup, note: str, t: Thresholds | None = None
) -> tuple[str, list[Check] | None]:
    """``crawler runs --distributed RUN_ID [--check]``: the summary text, and with
    thresholds ``t`` the run's checks (None without). ``found(run)``: what the run's
    discovery found (None: unknown, ``note`` says why)."""
    runs = store.runs.runs_with_arg("distributed_run", run_id)
    totals = gather_totals(store, runs, found(run_id), note) if runs else RunTotals({}, None)
    text = distributed_summary(run_id, runs, totals)
    if t is None or not runs:
        return text, None
    recent = store.runs.latest_with_arg("distributed_run", 50 * max(1, t.history_runs))
    history = [
        gather_totals(store, rows, found(other), note).item_count
        for other, rows in earlier_runs(run_id, runs, recent)[: t.history_runs]
    ]
    return text, distributed_checks(runs, totals, history, t)


def format_checks(checks: list[Check]) -> str:
    return "\n".join(f"{'PASS' if c.passed else 'FAIL'} {c.name}: {c.detail}" for c in checks)
