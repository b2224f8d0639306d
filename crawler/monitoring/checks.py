"""The monitor's checks as pure functions of a run's stats (no Scrapy, no database).

Each check returns a :class:`Check`: a stable name, whether it passed, and a
sentence an operator can act on. ``crawler.monitoring.suite`` runs them as Spidermon
monitors at spider close; tests run them from tables.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

# Stats the coverage pipeline counts (one per item, and one per condition met).
COVERAGE_PREFIX = "monitor/coverage/"
MONITOR_COVERAGE_FIELDS = ("published_at", "authors_or_agency", "body_length")
# Stats of the field sources (one per item that took a field from a fallback source).
FALLBACK_PREFIX = "monitor/fallback/"
FALLBACK_FIELDS = ("title", "authors", "published_at", "section", "tags", "body")
GENERIC_METHOD_PREFIX = "generic"  # extraction_method of the generic page ("generic-v1")
#: Sources a layout falls back to when its own selector finds nothing (``field_sources``).
FALLBACK_SOURCES = frozenset(
    {
        "json-ld",
        "meta",
        "title-tag",
        "generic",
        "container",
        "byline-links",
        "category-link",
        "tag-links",
    }
)
BODY_LOSS_STAT = "monitor/body_loss"  # items whose layout body silently missed text


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    passed: bool
    detail: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


SHORT_BODY_WORDS = 50  # a body under this many words is short: the run monitor and the
# health report (crawler report) both count it; MONITOR_MIN_BODY_WORDS overrides it for both


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every limit the monitor applies; see docs/monitoring.md."""

    min_items: int = 1
    item_drop_ratio: float = 0.5  # fail below (1 - ratio) x the median of recent runs
    history_runs: int = 7
    min_published_at: float = 0.99
    min_authors_or_agency: float = 0.90
    min_body_words: int = SHORT_BODY_WORDS
    min_body_length: float = 0.95  # share of items with at least min_body_words words
    max_error_rate: float = 0.02
    max_blocked_rate: float = 0.05
    max_fallback_rise: float = 0.10  # fallback share of a field above its usual (median) share


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


# --- item count ----------------------------------------------------------------
def item_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """The articles this run accounted for: stored (new, updated or unchanged), answered
    "not modified" (304), or skipped by the incremental crawl as already stored."""

    def n(key: str) -> int:
        return int(stats.get(key) or 0)

    skipped = sum(int(v or 0) for k, v in stats.items() if k.startswith("incremental/skip/"))
    return {
        "stored": n("store/new") + n("store/updated") + n("store/unchanged"),
        "not_modified": n("pages/not_modified"),
        "already_stored": skipped,
    }


def item_count(stats: Mapping[str, Any]) -> int:
    """The run's item count: every article it accounted for (see :func:`item_counts`).

    Incremental runs skip articles they already have, so counting only what was
    stored would make a quiet nightly run look like a broken one.
    """
    return sum(item_counts(stats).values())


def describe_items(stats: Mapping[str, Any]) -> str:
    counts = item_counts(stats)
    return (
        f"{counts['stored']} stored, {counts['not_modified']} not modified, "
        f"{counts['already_stored']} already stored and skipped"
    )


def run_mode(args: Mapping[str, Any]) -> str:
    """The spider's mode from its raw ``-a`` arguments (the same default as the spider)."""
    return str(args.get("mode") or ("urls" if args.get("urls") else "nightly")).strip()


def check_item_count(
    count: int, history: Sequence[int], t: Thresholds, mode: str = "nightly", breakdown: str = ""
) -> list[Check]:
    """At least ``min_items``, and not below ``(1 - item_drop_ratio)`` x the recent median."""
    checks = [
        Check(
            "item_count_minimum",
            count >= t.min_items,
            f"{count} articles (minimum {t.min_items})" + (f": {breakdown}" if breakdown else ""),
        )
    ]
    if mode == "urls":
        checks.append(
            Check(
                "item_count_vs_history",
                True,
                "mode=urls: the URLs given set the count; not compared with history",
            )
        )
    elif not history:
        checks.append(
            Check(
                "item_count_vs_history",
                True,
                f"first {mode} run: no earlier finished run to compare with",
            )
        )
    else:
        median = statistics.median(history)
        floor = median * (1 - t.item_drop_ratio)
        checks.append(
            Check(
                "item_count_vs_history",
                count >= floor,
                f"{count} articles vs median {median:g} of the last {len(history)} finished "
                f"{mode} run(s); floor {floor:g} (drop ratio {t.item_drop_ratio:g})",
            )
        )
    return checks


# --- field coverage ------------------------------------------------------------
def coverage_flags(item: Any, min_body_words: int) -> dict[str, bool]:
    """Which coverage conditions one ArticleItem meets."""
    authors = [a for a in (getattr(item, "authors", None) or []) if a and a.strip()]
    agency = (getattr(item, "agency", None) or "").strip()
    words = getattr(item, "word_count", None)
    if words is None:
        words = len((getattr(item, "body", None) or "").split())
    return {
        "published_at": getattr(item, "published_at", None) is not None,
        "authors_or_agency": bool(authors or agency),
        "body_length": words >= min_body_words,
    }


def coverage_from_stats(stats: Mapping[str, Any]) -> dict[str, Any]:
    """``{"items": n, field: share or None}`` from the pipeline's counters."""
    items = int(stats.get(f"{COVERAGE_PREFIX}items") or 0)
    shares: dict[str, Any] = {"items": items}
    for name in MONITOR_COVERAGE_FIELDS:
        met = int(stats.get(f"{COVERAGE_PREFIX}{name}") or 0)
        shares[name] = round(met / items, 4) if items else None
    return shares


def check_coverage(coverage: Mapping[str, Any], t: Thresholds) -> list[Check]:
    """One check per field; with no items there is nothing to measure (the count check fails)."""
    items = int(coverage.get("items") or 0)
    limits = {
        "published_at": (t.min_published_at, "have published_at"),
        "authors_or_agency": (t.min_authors_or_agency, "credit an author or an agency"),
        "body_length": (t.min_body_length, f"have a body of at least {t.min_body_words} words"),
    }
    checks = []
    for name, (minimum, what) in limits.items():
        share = coverage.get(name)
        if not items or share is None:
            checks.append(Check(f"coverage_{name}", True, "no items: coverage not measured"))
            continue
        checks.append(
            Check(
                f"coverage_{name}",
                share >= minimum,
                f"{_pct(share)} of {items} items {what} (minimum {_pct(minimum)})",
            )
        )
    return checks


# --- field sources: the daily canary for layout changes -------------------------------
def fallback_fields(item: Any) -> list[str]:
    """The fields of one item that came from a fallback source (``field_sources``). An item
    the generic extractor read (no layout: other outlets, unknown Inquirer templates) has no
    layout selector to fall back from: its sources are its normal ones, not a canary."""
    if str(getattr(item, "extraction_method", "") or "").startswith(GENERIC_METHOD_PREFIX):
        return []
    sources = getattr(item, "field_sources", None) or {}
    return [name for name in FALLBACK_FIELDS if sources.get(name) in FALLBACK_SOURCES]


def fallback_shares(stats: Mapping[str, Any]) -> dict[str, float]:
    """``{field: share of this run's items that took it from a fallback}``; {} with no items."""
    items = int(stats.get(f"{COVERAGE_PREFIX}items") or 0)
    if not items:
        return {}
    return {
        name: round(int(stats.get(f"{FALLBACK_PREFIX}{name}") or 0) / items, 4)
        for name in FALLBACK_FIELDS
    }


def check_fallback_shares(
    current: Mapping[str, float], history: Sequence[Mapping[str, float]], t: Thresholds
) -> Check:
    """Fails when, for any field, the share of items that took it from a fallback source
    rose more than ``max_fallback_rise`` above its usual share (the median of recent runs
    that stored items; 0 without history): the layout's selector stopped finding it."""
    if not current:
        return Check("fallback_share", True, "no items: field sources not measured")
    risen, lines = [], []
    for name in FALLBACK_FIELDS:
        share = current.get(name, 0.0)
        usual = statistics.median([h.get(name, 0.0) for h in history]) if history else 0.0
        if share > usual + t.max_fallback_rise:
            risen.append(name)
            lines.append(f"{name} {_pct(share)} (usual {_pct(usual)})")
    if risen:
        return Check(
            "fallback_share",
            False,
            "fallback sources rose: " + ", ".join(lines) + f" (allowed rise "
            f"{_pct(t.max_fallback_rise)}); the layout's selectors may no longer match the site",
        )
    worst = max(FALLBACK_FIELDS, key=lambda name: current.get(name, 0.0))
    return Check(
        "fallback_share",
        True,
        f"highest fallback share {worst} {_pct(current.get(worst, 0.0))} over "
        f"{len(history)} run(s) of history (allowed rise {_pct(t.max_fallback_rise)})",
    )


# --- errors, blocking, finish reason -------------------------------------------
def _rate(part: int, whole: int) -> float:
    if whole:
        return part / whole
    return 0.0 if not part else float("inf")


def check_rates(stats: Mapping[str, Any], t: Thresholds) -> list[Check]:
    """Errors per article page fetched; blocked share of the article pages tried.

    Every store failure also logs an ERROR line, so errors are the larger of the two
    counts, not their sum. Blocked pages never count as fetched (the blocked-page
    middleware drops them), so the blocked rate is ``blocked / (fetched + blocked)``.
    """
    fetched = int(stats.get("pages/article_fetched") or 0)
    log_errors = int(stats.get("log_count/ERROR") or 0)
    store_failed = int(stats.get("store/failed") or 0)
    errors = max(log_errors, store_failed)
    error_rate = _rate(errors, fetched)
    blocked = int(stats.get("pages/blocked") or 0)
    blocked_rate = _rate(blocked, fetched + blocked)
    return [
        Check(
            "error_rate",
            error_rate <= t.max_error_rate,
            f"{errors} error(s) ({log_errors} ERROR log lines, {store_failed} store failures) "
            + (
                f"over {fetched} article pages = {_pct(error_rate)} "
                if fetched
                else "and no article page fetched "
            )
            + f"(maximum {_pct(t.max_error_rate)})",
        ),
        Check(
            "blocked_rate",
            blocked_rate <= t.max_blocked_rate,
            f"{blocked} of {fetched + blocked} article pages blocked = {_pct(blocked_rate)} "
            f"(maximum {_pct(t.max_blocked_rate)})",
        ),
    ]


def check_finish_reason(reason: str | None) -> Check:
    return Check(
        "finish_reason", reason == "finished", f"finish reason {reason!r} (expected 'finished')"
    )


# --- per outlet (the news spider) -------------------------------------------------
def site_counts(stats: Mapping[str, Any], site: str) -> dict[str, int]:
    """One outlet's counters: article links its channels listed, article pages fetched,
    articles that went through the pipelines."""
    return {
        name: int(stats.get(f"sites/{site}/{key}") or 0)
        for name, key in (("found", "found"), ("fetched", "pages_fetched"), ("items", "items"))
    }


def check_site_counts(stats: Mapping[str, Any], sites: Sequence[str]) -> Check:
    """Every outlet listed at least one article, and one whose pages were fetched stored
    at least one: an outlet that suddenly yields nothing fails on its own, whatever the
    others did."""
    silent = []
    for site in sites:
        counts = site_counts(stats, site)
        if counts["found"] == 0:
            silent.append(f"{site}: no article found by any channel")
        elif counts["fetched"] and not counts["items"]:
            silent.append(f"{site}: {counts['fetched']} article pages fetched, none stored")
    if silent:
        return Check("site_item_counts", False, "; ".join(silent))
    return Check(
        "site_item_counts",
        True,
        ", ".join(
            f"{s}: {c['found']} found, {c['items']} stored"
            for s, c in ((s, site_counts(stats, s)) for s in sites)
        )
        or "no outlet",
    )


# --- the result ----------------------------------------------------------------
def monitor_result(
    checks: Sequence[Check],
    coverage: Mapping[str, Any],
    item_count: int | None = None,
    fallback: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """The JSON stored in ``crawl_runs.monitor``, printed, and sent to the alert hook."""
    result: dict[str, Any] = {
        "passed": bool(checks) and all(c.passed for c in checks),
        "checks": [c.to_json() for c in checks],
        "coverage": dict(coverage),
    }
    if item_count is not None:
        result["items"] = item_count
    if fallback is not None:
        result["fallback"] = dict(fallback)
    return result


def format_report(result: Mapping[str, Any], run_id: int | None = None) -> str:
    """A readable block for the log."""
    title = f"crawl run {run_id} monitor" if run_id is not None else "crawl monitor"
    verdict = "PASSED" if result.get("passed") else "FAILED"
    lines = [f"===== {title}: {verdict} ====="]
    for check in result.get("checks", []):
        mark = "ok  " if check["passed"] else "FAIL"
        lines.append(f"  [{mark}] {check['name']:<26} {check['detail']}")
    lines.append("=" * len(lines[0]))
    return "\n".join(lines)
