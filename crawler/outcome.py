"""How a crawl ended, as an exit code: one table for ``crawler nightly`` and ``scrapy crawl``.

docs/troubleshooting.md says what each code means and what to do about it.
"""

from __future__ import annotations

from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SCHEMA, EXIT_BLOCKED, EXIT_MONITORS = 0, 1, 2, 3, 4, 5
EXIT_BUSY = 75  # EX_TEMPFAIL: another run is in progress; try again later

EXIT_CODES = {
    EXIT_OK: "the run finished, every article found was stored, monitors passed",
    EXIT_FAILED: "the run failed (the site or the database could not be reached, an error, "
    "items that could not be stored, or an unclean finish)",
    EXIT_USAGE: "bad arguments",
    EXIT_SCHEMA: "the database is behind the migrations (run `crawler db upgrade`)",
    EXIT_BLOCKED: "too many pages were blocked (Cloudflare / 403): the site is blocking "
    "this client",
    EXIT_MONITORS: "the run finished but its monitors failed (see crawl_runs.monitor)",
    EXIT_BUSY: "another nightly run holds the lock: nothing was done",
}

# Finish reasons that stop a crawl early because going on cannot help.
SITE_UNREACHABLE = "site_unreachable"
STORE_UNREACHABLE = "store_unreachable"
BLOCKED = "blocked"
FATAL_REASONS = {SITE_UNREACHABLE: EXIT_FAILED, STORE_UNREACHABLE: EXIT_FAILED, BLOCKED: 4}


def exit_code(stats: dict[str, Any]) -> int:
    """The exit code of a finished crawl, from its stats (pure; tested with a table)."""
    reason = stats.get("finish_reason")
    if reason == BLOCKED:
        return EXIT_BLOCKED
    if (
        reason != "finished"
        or stats.get("store/failed", 0)
        or stats.get("store/unwritten", 0)
        or stats.get("log_count/CRITICAL", 0)
    ):
        return EXIT_FAILED
    if stats.get("monitor/passed") is False:
        return EXIT_MONITORS
    return EXIT_OK


def fatal_exit_code(stats: dict[str, Any]) -> int:
    """``scrapy crawl``'s exit code: non-zero only when the crawl was stopped because the site
    could not be reached, blocked us, or the store was away (monitors do not change it)."""
    return FATAL_REASONS.get(str(stats.get("finish_reason")), EXIT_OK)


def _count(stats: dict[str, Any], *keys: str) -> int:
    return sum(int(stats.get(key) or 0) for key in keys)


def format_summary(stats: dict[str, Any], code: int, command: str = "crawler nightly") -> str:
    """The one line every run ends with (pure; tested with a table)."""
    new, updated, unchanged = (_count(stats, f"store/{k}") for k in ("new", "updated", "unchanged"))
    skipped = _count(stats, "incremental/skip/fresh", "incremental/skip/stored")
    failed = _count(stats, "pages/fetch_failed", "store/failed", "store/unwritten")
    not_stored = _count(stats, "pages/not_article", "items/rejected")
    elapsed = float(stats.get("elapsed_time_seconds") or 0.0)
    run = stats.get("crawl_run/id")
    line = (
        f"{f'crawl run {run}' if run is not None else 'crawl'} "
        f"{stats.get('finish_reason', 'not started')} in {_duration(elapsed)}: "
        f"{new + updated + unchanged:,} stored ({new:,} new, {updated:,} updated, "
        f"{unchanged:,} unchanged), {skipped:,} already stored (not fetched), "
        f"{_count(stats, 'pages/not_modified'):,} not modified, "
        f"{_count(stats, 'pages/blocked', 'discovery/blocked'):,} blocked, {failed:,} failed"
    )
    if not_stored:
        line += f", {not_stored:,} not articles or rejected"
    if stats.get("monitor/passed") is False and code == EXIT_OK:
        return f"{line}; monitors failed (crawl_runs.monitor); {command} exit 0"
    return f"{line}; {command} exit {code}: {EXIT_CODES.get(code, 'unknown')}"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"
