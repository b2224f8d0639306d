"""The crawl health report: ``ReportData`` in, one self-contained HTML page out.

Pure rendering: no database, no network. The page is the jinja2 template
``templates/report.html.j2`` (autoescaped: every stored string is HTML-escaped) with its
stylesheet ``templates/report.css`` inlined; it has no scripts and no external resources
(inline SVG from ``crawler.reporting.svgcharts``). ``crawler report`` writes it to a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from crawler.reporting.queries import MANILA, REPORT_COVERAGE, ReportData, RunSummary
from crawler.reporting.svgcharts import (
    PALETTE,
    Series,
    bar_chart,
    line_chart,
    percent,
    stacked_bars,
)
from crawler.store.models import RUN_COUNTERS

STATUS_COLORS = {
    "finished": "#2e7d32",
    "failed": "#c62828",
    "interrupted": "#ef6c00",
    "abandoned": "#6d4c41",
    "running": "#1565c0",
}
OTHER_COLOR = "#9e9e9e"
# The run counters (crawler/store/models.py), each labelled without its pages_/articles_ prefix.
TABLE_COUNTERS = tuple(
    (name, name.removeprefix("pages_").removeprefix("articles_").replace("_", " "))
    for name in RUN_COUNTERS
)
TEMPLATES = Path(__file__).resolve().parent / "templates"
_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


@dataclass(frozen=True, slots=True)
class ChartSection:
    """A section of charts: their inline SVG (already escaped by crawler.reporting.svgcharts)."""

    key: str
    title: str
    note: str
    charts: tuple[Markup, ...]


@dataclass(frozen=True, slots=True)
class Card:
    key: str
    label: str
    value: str = ""
    status: str = ""  # shown as a coloured badge instead of the value
    small: bool = False


def _section(key: str, title: str, note: str, *charts: str) -> ChartSection:
    return ChartSection(key, title, note, tuple(Markup(chart) for chart in charts))


def render_report(data: ReportData) -> str:
    """The whole page (templates/report.html.j2)."""
    return _ENV.get_template("report.html.j2").render(
        generated=when(data.generated_at),
        cards=headline(data),
        charts=[articles_per_day(data), coverage(data), blocking(data), durations(data)],
        counters=TABLE_COUNTERS,
        runs=list(reversed(data.runs)),
        runs_note=(
            f"The last {len(data.runs)} runs, newest first; times in Manila. Fallback: the "
            "field most often taken from a fallback source (JSON-LD, meta, the generic "
            "extractor) and the share of the run's articles that did, from the run's monitor "
            "result."
        ),
        sites=data.sites,
        sites_note=(
            f"Run #{data.sites[0].run_id} of the news spider: article links its channels "
            "found, article pages fetched and articles stored per outlet; an outlet that "
            "yields nothing fails the run's monitor."
            if data.sites
            else ""
        ),
        recent=data.recent,
    )


def headline(data: ReportData) -> list[Card]:
    last = data.runs[-1] if data.runs else None
    published = sum(sum(counts.values()) for counts in data.per_day.values())
    ago = ""
    if data.last_success_at:
        ago = f" ({duration((data.generated_at - data.last_success_at).total_seconds())} ago)"
    statuses: dict[str, int] = {}
    for run in data.runs:
        statuses[run.status] = statuses.get(run.status, 0) + 1
    mix = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items())) or "none"
    return [
        Card("articles", "articles stored", f"{data.total_articles:,}"),
        Card("published", f"published in the last {len(data.days)} days", f"{published:,}"),
        Card(
            "last-run",
            f"last run #{last.id}, started {when(last.started_at)}" if last else "last run",
            "none",
            status=last.status if last else "",
        ),
        Card("last-success", f"last successful run{ago}", when(data.last_success_at)),
        Card("runs", f"last {len(data.runs)} runs", mix, small=True),
    ]


def when(moment: datetime | None) -> str:
    return moment.astimezone(MANILA).strftime("%Y-%m-%d %H:%M") if moment else "never"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"


def articles_per_day(data: ReportData) -> ChartSection:
    totals: dict[str, int] = {}
    for counts in data.per_day.values():
        for name, n in counts.items():
            totals[name] = totals.get(name, 0) + n
    ranked = sorted(totals, key=lambda name: (-totals[name], name))
    shown, rest = ranked[: len(PALETTE) - 1], ranked[len(PALETTE) - 1 :]
    if len(rest) == 1:
        shown, rest = ranked, []
    series = [
        Series(name, [data.per_day.get(day, {}).get(name, 0) for day in data.days], color)
        for name, color in zip(shown, PALETTE, strict=False)
    ]
    if rest:
        series.append(
            Series(
                "other",
                [sum(data.per_day.get(day, {}).get(n, 0) for n in rest) for day in data.days],
                OTHER_COLOR,
            )
        )
    labels = [day.strftime("%m-%d") for day in data.days]
    note = (
        f"Articles by Manila publication day and subdomain, {data.days[0]} to {data.days[-1]}."
        if data.days
        else ""
    )
    if data.undated_articles:
        many = data.undated_articles != 1
        note += (
            f" {data.undated_articles:,} stored article{'s' if many else ''} "
            f"{'have' if many else 'has'} no publication date."
        )
    chart = stacked_bars(
        "articles-per-day", "Articles per day and subdomain", labels if totals else [], series
    )
    return _section("articles-per-day", "Articles per day", note, chart)


def _run_labels(runs: Iterable[RunSummary]) -> list[str]:
    return [f"#{run.id}" for run in runs]


def coverage(data: ReportData) -> ChartSection:
    labels = _run_labels(data.runs)
    found = [data.coverage.get(run.id) for run in data.runs]
    series = [
        Series(
            REPORT_COVERAGE[name].format(words=data.min_body_words),
            [c.shares.get(name) if c else None for c in found],
            color,
        )
        for name, color in zip(REPORT_COVERAGE, PALETTE, strict=False)
    ]
    hollow = [bool(c and c.source == "monitor") for c in found]
    chart = line_chart(
        "coverage", "Field coverage per run", labels if any(found) else [], series, hollow=hollow
    )
    note = (
        "Share of the articles each run created or changed that have the field (their "
        "current content); hollow points, for runs without such articles, come from the "
        "run's monitor results."
    )
    return _section("coverage", "Field coverage", note, chart)


def blocking(data: ReportData) -> ChartSection:
    labels = _run_labels(data.runs)
    rates = [run.blocked_rate for run in data.runs]
    top = max((rate for rate in rates if rate is not None), default=0.0) or 0.1
    rate_chart = bar_chart(
        "blocked-rate",
        "Blocked rate per run",
        labels,
        rates,
        ["#6a1b9a"] * len(labels),
        ["blocked rate"] * len(labels),
        [("blocked rate (pages blocked / pages fetched)", "#6a1b9a")],
        fmt=percent,
        top=top,
    )
    errors = [float(run.counters.get("errors", 0)) for run in data.runs]
    error_chart = bar_chart(
        "errors",
        "Errors per run",
        labels,
        errors,
        ["#c62828"] * len(labels),
        ["errors"] * len(labels),
        [("errors logged", "#c62828")],
        integer=True,
    )
    note = (
        "Runs that fetched no page have no blocked rate (–); a running run's counters "
        "are written when it ends."
    )
    return _section("blocking", "Blocked pages and errors", note, rate_chart, error_chart)


def durations(data: ReportData) -> ChartSection:
    labels = _run_labels(data.runs)
    longest = max((run.duration_seconds or 0.0 for run in data.runs), default=0.0)
    unit, size = (
        ("hours", 3600.0)
        if longest >= 3 * 3600
        else (("minutes", 60.0) if longest >= 180 else ("seconds", 1.0))
    )
    values = [
        None if run.duration_seconds is None else run.duration_seconds / size for run in data.runs
    ]
    statuses = [run.status for run in data.runs]
    legend = [(status, color) for status, color in STATUS_COLORS.items()]
    legend += sorted({(s, OTHER_COLOR) for s in statuses if s not in STATUS_COLORS})
    chart = bar_chart(
        "durations",
        f"Run duration ({unit})",
        labels,
        values,
        [STATUS_COLORS.get(s, OTHER_COLOR) for s in statuses],
        statuses,
        legend,
        fmt=lambda v: f"{v:.3g} {unit[0]}" if v else "0",
    )
    note = (
        f"From start to finish, in {unit}; a running run is measured to the report time, "
        "an abandoned one (its process died) has no duration (–)."
    )
    return _section("durations", "Run durations", note, chart)


def fallback_cell(run: RunSummary) -> str:
    """``"body 66.7%"``: the field most often read from a fallback source in the run."""
    if not run.fallback:
        return "–"
    name = max(sorted(run.fallback), key=lambda field: run.fallback[field])
    return f"{name} {percent(run.fallback[name])}" if run.fallback[name] else "none"


def status_color(status: str) -> str:
    return STATUS_COLORS.get(status, OTHER_COLOR)


_ENV.filters.update(when=when, duration=duration, percent=percent, fallback_cell=fallback_cell)
_ENV.globals.update(status_color=status_color)
