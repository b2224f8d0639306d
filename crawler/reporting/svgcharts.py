"""Inline SVG charts for the crawl health report: stacked bars, bars and lines.

Pure functions, data in and SVG text out; no JavaScript. Every data mark carries
``data-series``, ``data-label`` and ``data-value`` attributes (and a ``<title>``
tooltip), so the figures can be read back from the HTML. All text is escaped here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 1100
PLOT_HEIGHT = 220
LEFT, RIGHT, BOTTOM = 64, 20, 44
LEGEND_ROW = 20
MAX_X_LABELS = 16
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
    "#ad494a",
)

Formatter = Callable[[float], str]


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[float | None]
    color: str


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def nice_max(value: float, integer: bool = False) -> tuple[float, float]:
    """An axis top at or above ``value`` and its tick step (1, 2, 2.5 or 5 times a power
    of 10; at least 1 when ``integer``)."""
    if value <= 0:
        return (4.0, 1.0) if integer else (1.0, 0.25)
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(1.0, float(math.ceil(step)))
    return step * math.ceil(value / step - 1e-9), step


def _legend(items: Sequence[tuple[str, str]]) -> tuple[str, int]:
    """Legend swatches wrapped to the chart width: ``(svg, height)``."""
    parts, x, y = [], LEFT, 14
    for name, color in items:
        width = 26 + 7 * len(name)
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, y = LEFT, y + LEGEND_ROW
        parts.append(
            f'<g class="legend-item" data-series="{esc(name)}">'
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{esc(color)}"/>'
            f'<text x="{x + 17}" y="{y}">{esc(name)}</text></g>'
        )
        x += width
    height = y + 12 if items else 8
    return f'<g class="legend">{"".join(parts)}</g>', height


def _frame(
    chart: str,
    title: str,
    labels: Sequence[str],
    legend: Sequence[tuple[str, str]],
    top_value: float,
    step: float,
    fmt: Formatter,
    body: Callable[[int, float], str],
) -> str:
    """Axes, grid, x labels and legend around ``body(top, scale)`` (scale: px per unit)."""
    legend_svg, legend_height = _legend(legend)
    top = legend_height + 10
    height = top + PLOT_HEIGHT + BOTTOM
    bottom = top + PLOT_HEIGHT
    scale = PLOT_HEIGHT / top_value
    grid = []
    for i in range(round(top_value / step) + 1):
        value = i * step
        y = bottom - value * scale
        grid.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{esc(fmt(value))}</text>"
        )
    every = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    xlabels = [
        f'<text class="xlabel" x="{_x_center(i, len(labels)):.1f}" y="{bottom + 18}" '
        f'text-anchor="middle">{esc(label)}</text>'
        for i, label in enumerate(labels)
        if (len(labels) - 1 - i) % every == 0
    ]
    content = (
        body(bottom, scale)
        if labels
        else (
            f'<text class="empty" x="{WIDTH / 2}" y="{top + PLOT_HEIGHT / 2}" '
            'text-anchor="middle">No data yet</text>'
        )
    )
    return (
        f'<svg class="chart" data-chart="{esc(chart)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{esc(title)}">'
        f"<title>{esc(title)}</title>{legend_svg}{''.join(grid)}"
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}"/>'
        f"{content}{''.join(xlabels)}</svg>"
    )


def _slot(count: int) -> float:
    return (WIDTH - LEFT - RIGHT) / max(count, 1)


def _x_center(index: int, count: int) -> float:
    return LEFT + _slot(count) * (index + 0.5)


def _bar(
    x: float,
    y: float,
    width: float,
    height: float,
    color: str,
    series: str,
    label: str,
    value: float,
    shown: str,
) -> str:
    return (
        f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
        f'height="{max(height, 0):.1f}" fill="{esc(color)}" data-series="{esc(series)}" '
        f'data-label="{esc(label)}" data-value="{esc(number(value))}">'
        f"<title>{esc(label)} · {esc(series)}: {esc(shown)}</title></rect>"
    )


def stacked_bars(
    chart: str, title: str, labels: Sequence[str], series: Sequence[Series], fmt: Formatter = number
) -> str:
    """One bar per label, its series stacked bottom-up in order; zero parts are left out."""
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(labels))]
    top_value, step = nice_max(max(totals, default=0), integer=True)

    def body(bottom: int, scale: float) -> str:
        width = _slot(len(labels)) * 0.72
        parts = []
        for i, label in enumerate(labels):
            y = float(bottom)
            for s in series:
                value = s.values[i] or 0
                if value:
                    y -= value * scale
                    parts.append(
                        _bar(
                            _x_center(i, len(labels)) - width / 2,
                            y,
                            width,
                            value * scale,
                            s.color,
                            s.name,
                            label,
                            value,
                            fmt(value),
                        )
                    )
        return "".join(parts)

    legend = [(s.name, s.color) for s in series]
    return _frame(chart, title, labels, legend, top_value, step, fmt, body)


def bar_chart(
    chart: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    colors: Sequence[str],
    kinds: Sequence[str],
    legend: Sequence[tuple[str, str]],
    fmt: Formatter = number,
    top: float | None = None,
    integer: bool = False,
) -> str:
    """One bar per label; ``kinds`` (e.g. run status) name each bar's series, ``None`` values
    get no bar but a dash."""
    top_value, step = nice_max(
        top if top is not None else max((v for v in values if v is not None), default=0),
        integer=integer,
    )

    def body(bottom: int, scale: float) -> str:
        width = _slot(len(labels)) * 0.6
        parts = []
        for i, (label, value) in enumerate(zip(labels, values, strict=True)):
            x = _x_center(i, len(labels))
            if value is None:
                parts.append(
                    f'<text class="na" x="{x:.1f}" y="{bottom - 4}" text-anchor="middle"'
                    f' data-label="{esc(label)}">–</text>'
                )
                continue
            parts.append(
                _bar(
                    x - width / 2,
                    bottom - value * scale,
                    width,
                    value * scale,
                    colors[i],
                    kinds[i],
                    label,
                    value,
                    fmt(value),
                )
            )
        return "".join(parts)

    return _frame(chart, title, labels, legend, top_value, step, fmt, body)


def line_chart(
    chart: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    fmt: Formatter = percent,
    top: float = 1.0,
    hollow: Sequence[bool] | None = None,
) -> str:
    """A line per series with a point per known value; gaps break the line. ``hollow[i]``
    draws label i's points unfilled (e.g. figures taken from another source)."""
    _, step = nice_max(top)

    def body(bottom: int, scale: float) -> str:
        parts = []
        for s in series:
            runs: list[list[str]] = [[]]
            points = []
            for i, value in enumerate(s.values):
                if value is None:
                    runs.append([])
                    continue
                x, y = _x_center(i, len(labels)), bottom - value * scale
                runs[-1].append(f"{x:.1f},{y:.1f}")
                fill = "#fff" if hollow and hollow[i] else esc(s.color)
                points.append(
                    f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{fill}" '
                    f'stroke="{esc(s.color)}" data-series="{esc(s.name)}" '
                    f'data-label="{esc(labels[i])}" data-value="{value:.4f}">'
                    f"<title>{esc(labels[i])} · {esc(s.name)}: {esc(fmt(value))}</title></circle>"
                )
            parts += [
                f'<polyline class="line" fill="none" stroke="{esc(s.color)}" '
                f'data-series="{esc(s.name)}" points="{" ".join(r)}"/>'
                for r in runs
                if len(r) > 1
            ]
            parts += points
        return "".join(parts)

    legend = [(s.name, s.color) for s in series]
    return _frame(chart, title, labels, legend, top, step, fmt, body)
