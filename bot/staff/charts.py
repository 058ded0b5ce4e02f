"""Bar charts as inline SVG, drawn here in Python: no chart library, no script, nothing fetched.

Every text that reaches the SVG is escaped; the charts use presentation attributes only (no style
attributes), so the dashboard's Content-Security-Policy needs no 'unsafe-inline'.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from markupsafe import Markup, escape

WIDTH = 720
FONT = 'font-family="sans-serif" font-size="11" fill="#333"'


@dataclass(frozen=True)
class Series:
    name: str
    color: str
    values: list[int]


def _svg(height: int, title: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )
    return Markup(head + "".join(body) + "</svg>")


def stacked_bars(labels: list[str], series: list[Series], title: str) -> Markup:
    """One bar per label, the series stacked in it; a legend on top and a scale on the left."""
    height, left, top, bottom = 240, 40, 28, 36
    plot_w, plot_h = WIDTH - left - 10, height - top - bottom
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    slot = plot_w / max(len(labels), 1)
    body = []
    for n, s in enumerate(series):
        x = left + n * 110
        body.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{escape(s.color)}"/>')
        body.append(f'<text x="{x + 16}" y="16" {FONT}>{escape(s.name)}</text>')
    for value in sorted({0, peak // 2, peak}):  # counts: whole-number ticks
        y = top + plot_h - value / peak * plot_h
        body.append(f'<line x1="{left}" x2="{WIDTH - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        body.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" {FONT}>{value}</text>')
    every = ceil(len(labels) / 12) or 1
    for i, label in enumerate(labels):
        x, base = left + i * slot, top + plot_h
        for s in series:
            h = s.values[i] / peak * plot_h
            if h:
                base -= h
                body.append(
                    f'<rect x="{x + slot * 0.15:.1f}" y="{base:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
                    f'fill="{escape(s.color)}"><title>{escape(label)} {escape(s.name)}: {s.values[i]}</title></rect>'
                )
        if i % every == 0:
            body.append(
                f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" {FONT}>{escape(label)}</text>'
            )
    return _svg(height, title, body)


def horizontal_bars(rows: list[tuple[str, float, str]], title: str, color: str = "#2b6cb0") -> Markup:
    """One bar per (label, value, value as text) row, longest value = full width."""
    row_h, label_w, value_w = 26, 260, 70
    height = max(len(rows), 1) * row_h + 8
    peak = max((v for _, v, _ in rows), default=0) or 1
    plot_w = WIDTH - label_w - value_w
    body = []
    for i, (label, value, shown) in enumerate(rows):
        y = 4 + i * row_h
        short = label if len(label) <= 40 else label[:39] + "…"
        body.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" {FONT}>{escape(short)}</text>')
        body.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{value / peak * plot_w:.1f}" height="{row_h - 8}" '
            f'fill="{escape(color)}"><title>{escape(label)}: {escape(shown)}</title></rect>'
        )
        body.append(f'<text x="{label_w + value / peak * plot_w + 6:.1f}" y="{y + 16}" {FONT}>{escape(shown)}</text>')
    return _svg(height, title, body)
