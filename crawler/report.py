"""The crawl health report: ``ReportData`` in, one self-contained HTML page out.

Pure rendering: no database, no files, no network. The page has no scripts and
no external resources (inline CSS, inline SVG from ``crawler.svgcharts``), and
every stored string is HTML-escaped. ``crawler report`` writes it to a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from crawler.store.models import RUN_COUNTERS
from crawler.store.report_queries import MANILA, REPORT_COVERAGE, ReportData, RunSummary
from crawler.svgcharts import PALETTE, Series, bar_chart, esc, line_chart, percent, stacked_bars

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
CSS = """
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:0;background:#f4f5f7;color:#222}
main{max-width:1180px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:24px;margin:8px 0 2px}h2{font-size:17px;margin:0 0 4px}
.meta,.note{color:#666;font-size:13px;margin:2px 0 8px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.card{background:#fff;border-radius:6px;padding:10px 16px;min-width:180px;
box-shadow:0 1px 2px rgba(0,0,0,.12)}
.card .value{font-size:22px;font-weight:bold}.card .value.small{font-size:15px;padding-top:5px}
.scroll{overflow-x:auto}.card .label{font-size:12px;color:#666}
section{background:#fff;border-radius:6px;padding:14px 16px;margin:14px 0;
box-shadow:0 1px 2px rgba(0,0,0,.12)}
.chart{display:block;font-size:12px}.chart text{fill:#333}.chart .tick{fill:#777}
.chart .grid{stroke:#e3e3e3}.chart .axis{stroke:#888}.chart .line{stroke-width:2}
.chart .empty{fill:#999;font-size:16px}
table{border-collapse:collapse;width:100%;font-size:12px}
th,td{border-bottom:1px solid #e6e6e6;padding:4px 5px;text-align:right;white-space:nowrap}
th{background:#fafafa}td.text,th.text{text-align:left;white-space:normal}
.status{display:inline-block;padding:1px 7px;border-radius:9px;color:#fff;font-size:11px}
"""


def render_report(data: ReportData) -> str:
    """The whole page."""
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Inquirer crawl health</title><style>",
            CSS,
            "</style></head><body><main>",
            "<h1>Inquirer crawl health</h1>",
            f'<p class="meta">Generated {esc(when(data.generated_at))} (Manila time)</p>',
            headline(data),
            articles_per_day(data),
            coverage(data),
            blocking(data),
            durations(data),
            runs_table(data.runs, data.generated_at),
            sites_table(data),
            recent_table(data),
            "</main></body></html>\n",
        ]
    )


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


def status_badge(status: str) -> str:
    color = STATUS_COLORS.get(status, OTHER_COLOR)
    return f'<span class="status" style="background:{color}">{esc(status)}</span>'


def _card(label: str, value: str, key: str, small: bool = False) -> str:
    size = " small" if small else ""
    return (
        f'<div class="card" data-card="{esc(key)}"><div class="value{size}">{value}</div>'
        f'<div class="label">{esc(label)}</div></div>'
    )


def headline(data: ReportData) -> str:
    last = data.runs[-1] if data.runs else None
    published = sum(sum(counts.values()) for counts in data.per_day.values())
    ago = ""
    if data.last_success_at:
        ago = f" ({duration((data.generated_at - data.last_success_at).total_seconds())} ago)"
    statuses: dict[str, int] = {}
    for run in data.runs:
        statuses[run.status] = statuses.get(run.status, 0) + 1
    mix = ", ".join(f"{n} {esc(status)}" for status, n in sorted(statuses.items())) or "none"
    return (
        '<div class="cards">'
        + "".join(
            [
                _card("articles stored", f"{data.total_articles:,}", "articles"),
                _card(
                    f"published in the last {len(data.days)} days", f"{published:,}", "published"
                ),
                _card(
                    f"last run #{last.id}, started {when(last.started_at)}" if last else "last run",
                    status_badge(last.status) if last else "none",
                    "last-run",
                ),
                _card(f"last successful run{ago}", esc(when(data.last_success_at)), "last-success"),
                _card(f"last {len(data.runs)} runs", mix, "runs", small=True),
            ]
        )
        + "</div>"
    )


def _section(key: str, title: str, note: str, *charts: str) -> str:
    return (
        f'<section id="{key}"><h2>{esc(title)}</h2><p class="note">{note}</p>'
        + "".join(charts)
        + "</section>"
    )


def articles_per_day(data: ReportData) -> str:
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
        f"Articles by Manila publication day and subdomain, {esc(data.days[0])} to "
        f"{esc(data.days[-1])}."
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


def coverage(data: ReportData) -> str:
    labels = _run_labels(data.runs)
    found = [data.coverage.get(run.id) for run in data.runs]
    series = [
        Series(REPORT_COVERAGE[name], [c.shares.get(name) if c else None for c in found], color)
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


def blocking(data: ReportData) -> str:
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


def durations(data: ReportData) -> str:
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


def runs_table(runs: list[RunSummary], now: datetime) -> str:
    head = (
        '<tr><th>run</th><th class="text">spider</th><th>started</th><th>duration</th>'
        '<th class="text">status</th><th class="text">reason</th>'
        + "".join(f"<th>{esc(label)}</th>" for _, label in TABLE_COUNTERS)
        + "<th>blocked rate</th><th>monitor</th><th>fallback</th></tr>"
    )
    rows = []
    for run in reversed(runs):
        rate = run.blocked_rate
        monitor = {True: "passed", False: "failed", None: "–"}[run.monitor_passed]
        cells = "".join(
            f'<td data-counter="{name}">{run.counters.get(name, 0):,}</td>'
            for name, _ in TABLE_COUNTERS
        )
        rows.append(
            f'<tr data-run="{run.id}"><td>#{run.id}</td><td class="text">{esc(run.spider)}</td>'
            f"<td>{esc(when(run.started_at))}</td><td>{esc(duration(run.duration_seconds))}</td>"
            f'<td class="text">{status_badge(run.status)}</td>'
            f'<td class="text">{esc(run.finish_reason or "")}</td>{cells}'
            f'<td data-counter="blocked_rate">{percent(rate) if rate is not None else "–"}</td>'
            f'<td>{monitor}</td><td data-counter="fallback">{fallback_cell(run)}</td></tr>'
        )
    empty = '<tr><td class="text" colspan="18">No crawl runs yet.</td></tr>'
    note = (
        f"The last {len(runs)} runs, newest first; times in Manila. Fallback: the field most "
        "often taken from a fallback source (JSON-LD, meta, the generic extractor) and the "
        "share of the run's articles that did, from the run's monitor result."
    )
    table = f'<div class="scroll"><table>{head}{"".join(rows) or empty}</table></div>'
    return _section("runs", "Runs", note, table)


def sites_table(data: ReportData) -> str:
    """Per-outlet lines of the newest ``news`` run; nothing when there is none."""
    if not data.sites:
        return ""
    head = (
        '<tr><th class="text">outlet</th><th>found</th><th>fetched</th><th>stored</th>'
        '<th>in the store</th><th class="text">state</th></tr>'
    )
    rows = "".join(
        f'<tr data-site="{esc(s.site)}"><td class="text">{esc(s.site)}</td>'
        f"<td>{s.found:,}</td><td>{s.fetched:,}</td><td>{s.items:,}</td>"
        f'<td>{s.stored_total:,}</td><td class="text">'
        f"{status_badge('failed') if s.silent else status_badge('finished')}"
        f"{' yielded nothing' if s.silent else ''}</td></tr>"
        for s in data.sites
    )
    note = (
        f"Run #{data.sites[0].run_id} of the news spider: article links its channels found, "
        "article pages fetched and articles stored per outlet; an outlet that yields nothing "
        "fails the run's monitor."
    )
    return _section("sites", "Outlets", note, f"<table>{head}{rows}</table>")


def fallback_cell(run: RunSummary) -> str:
    """``"body 66.7%"``: the field most often read from a fallback source in the run."""
    if not run.fallback:
        return "–"
    name = max(sorted(run.fallback), key=lambda field: run.fallback[field])
    return f"{esc(name)} {percent(run.fallback[name])}" if run.fallback[name] else "none"


def recent_table(data: ReportData) -> str:
    rows = "".join(
        f'<tr><td class="text">{esc(a.title)}</td><td class="text">{esc(a.subdomain)}</td>'
        f"<td>{esc(when(a.first_seen_at))}</td>"
        f'<td class="text">{esc(a.canonical_url)}</td></tr>'
        for a in data.recent
    )
    head = (
        '<tr><th class="text">title</th><th class="text">subdomain</th><th>first seen</th>'
        '<th class="text">URL</th></tr>'
    )
    body = rows or '<tr><td class="text" colspan="4">No articles yet.</td></tr>'
    return _section("recent", "Latest articles stored", "", f"<table>{head}{body}</table>")
