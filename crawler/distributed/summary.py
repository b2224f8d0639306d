"""``crawler runs``: crawl_runs rows as a table; with ``--distributed RUN_ID``, one row per
worker of that distributed run and the run's totals (no Redis needed: the store only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from crawler.monitoring.checks import Check, Thresholds, check_item_count, item_count, run_mode

COUNTERS = (
    "pages_fetched",
    "articles_new",
    "articles_updated",
    "articles_unchanged",
    "articles_rejected",
    "articles_failed",
    "pages_blocked",
    "errors",
)
HEADERS = ("fetched", "new", "updated", "unchanged", "rejected", "failed", "blocked", "errors")


def _time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "-"


def _seconds(run: dict[str, Any]) -> float | None:
    if run["finished_at"] is None:
        return None
    return (run["finished_at"] - run["started_at"]).total_seconds()


def _table(header: Sequence[str], rows: list[Sequence[Any]], left: int) -> list[str]:
    """Plain-text columns: the first ``left`` left-aligned, the numbers right-aligned."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return [
        "  ".join(
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in cells
    ]


def distributed_summary(run_id: str, runs: list[dict[str, Any]]) -> str:
    """The workers of distributed run ``run_id`` and its totals (runs: full crawl_runs rows)."""
    if not runs:
        return f"no crawl_runs row belongs to distributed run {run_id}"
    rows = []
    for run in runs:
        args = run["args"] or {}
        seconds = _seconds(run)
        rows.append(
            [
                run["id"],
                args.get("distributed_worker", "-"),
                f"{run['status']} ({run['finish_reason'] or '-'})",
                _time(run["started_at"]),
                "-" if seconds is None else f"{seconds:.0f}",
                *[run[c] for c in COUNTERS],
            ]
        )
    totals = {c: sum(int(run[c]) for run in runs) for c in COUNTERS}
    lines = [f"distributed run {run_id}: {len(runs)} worker(s)", ""]
    lines += _table(("run", "worker", "status", "started", "secs", *HEADERS), rows, 4)
    lines += [
        "",
        "total: " + ", ".join(f"{h} {totals[c]}" for h, c in zip(HEADERS, COUNTERS, strict=True)),
    ]
    statuses = sorted({run["status"] for run in runs})
    start = min(run["started_at"] for run in runs)
    ends = [run["finished_at"] for run in runs if run["finished_at"] is not None]
    if ends:
        wall = (max(ends) - start).total_seconds()
        stored = totals["articles_new"] + totals["articles_updated"] + totals["articles_unchanged"]
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


def recent_runs_table(runs: list[dict[str, Any]]) -> str:
    """One line per crawl_runs row, newest first, with its distributed run, if any."""
    rows = [
        [
            run["id"],
            (run["args"] or {}).get("distributed_run", "-"),
            f"{run['status']} ({run['finish_reason'] or '-'})",
            _time(run["started_at"]),
            run["pages_fetched"],
            run["articles_new"],
            run["articles_updated"],
        ]
        for run in runs
    ]
    header = ("run", "distributed run", "status", "started", "fetched", "new", "updated")
    return "\n".join(_table(header, rows, 4)) if rows else "no crawl runs recorded"


def distributed_checks(
    run_id: str, runs: list[dict[str, Any]], recent: list[dict[str, Any]], t: Thresholds
) -> list[Check]:
    """The item-count checks of a whole distributed run. A worker stores a share of the run,
    so its own monitor does not count items (docs/scaling.md); here the workers' counts
    are summed and held against the minimum and against the recent distributed runs of
    the same mode that started before it (``recent``: their workers' rows, any order),
    as a single crawl is."""
    count = sum(item_count(run["stats"] or {}) for run in runs)
    mode = run_mode(runs[0]["args"] or {}) if runs else "nightly"
    first = min((run["id"] for run in runs), default=0)
    earlier: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(recent, key=lambda r: r["id"], reverse=True):
        other = (row["args"] or {}).get("distributed_run")
        if other and other != run_id and row["id"] < first:
            earlier.setdefault(other, []).append(row)
    history = [
        sum(item_count(r["stats"] or {}) for r in rows)
        for rows in earlier.values()
        if run_mode(rows[0]["args"] or {}) == mode and any(r["status"] == "finished" for r in rows)
    ]
    return check_item_count(
        count, history[: t.history_runs], t, mode, breakdown=f"summed over {len(runs)} worker(s)"
    )


def format_checks(checks: list[Check]) -> str:
    return "\n".join(f"{'PASS' if c.passed else 'FAIL'} {c.name}: {c.detail}" for c in checks)
