"""Charts of the handout, drawn by pygal as plain, self-contained, deterministic SVG.

One small line chart per track (its own scale and unit, the main line solid and each
variation dashed from where it left), and one chart of every side's margin over the
game in the side's colour. pygal is told to load no script or stylesheet from the
network, and its output is then made fit to print and to compare byte for byte: its
comments (a date and web addresses), its tooltip script and its random element ids
are removed or replaced by fixed ones. Only the SVG and XLink namespace addresses
remain, which are names, not downloads.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any
from xml.etree import ElementTree

from game.record.handout.model import Handout, TrackInfo

WIDTH, HEIGHT = 480, 300
"""One small chart, in SVG units (two fit side by side on an A4 page)."""
WIDE = 2 * WIDTH
"""The margins chart spans both columns."""

INK = "#222222"
GUIDE = "#bbbbbb"
"""Grid lines of a chart (the handout is printed: its palette is for paper, not a theme)."""
ZERO = "#555555"
"""The zero line of a chart whose values cross it."""
LINES = ("#1f4e79", "#b03a2e", "#1e8449", "#7d3c98", "#b9770e", "#117a65")
"""Main line first, then one colour per variation: dark enough to print in grey."""
DASHES = ("", "8,5", "2,4", "10,4,2,4", "4,4", "12,6")
"""A dash pattern per series, so colour is never the only cue on a grey printout."""
FONT = "'DejaVu Sans', 'Liberation Sans', Helvetica, Arial, sans-serif"
MARKER = "Sidra handout chart"
"""Written into every chart sheet, so a later report may replace it (and nothing else)."""


def compact(value: float) -> str:
    """A short axis label: ``352k``, ``1.6M``, ``12``."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if abs(value) >= 10_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:,.0f}"


def ticks(low: int, high: int, count: int = 5) -> list[int]:
    """Round, evenly spaced integer ticks covering ``low``..``high`` (about ``count``)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(int(step), 1)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    return list(range(first, last + 1, step))


def track_charts(handout: Handout) -> list[str]:
    """One SVG line chart per track, the main line and every variation on it."""
    return [
        _track_chart(handout, track, index) for index, track in enumerate(handout.tracks, start=1)
    ]


def _track_chart(handout: Handout, track: TrackInfo, index: int) -> str:
    values = [v for s in handout.series for v in s.values.get(track.key, []) if v is not None]
    labels = ticks(min(values, default=track.low), max(values, default=track.low))

    def fmt(v: float) -> str:
        return f"{v:.0f}%" if track.unit == "%" else compact(v)

    series: list[tuple[str, Sequence[int | None], str, str]] = [
        (s.line, s.values.get(track.key, []), LINES[i % len(LINES)], DASHES[i % len(DASHES)])
        for i, s in enumerate(handout.series)
    ]
    return _line_chart(
        f"track-{index}", track.heading, handout.positions, series, labels, fmt, WIDTH
    )


def margin_chart(handout: Handout) -> str:
    """Each side's score minus its target over the main line, in the side's colour."""
    values = [v for row in handout.margins.values() for v in row]
    labels = ticks(min([*values, 0]), max([*values, 0]))
    series: list[tuple[str, Sequence[int | None], str, str]] = [
        (side, row, handout.side_colors.get(side, INK), DASHES[i % len(DASHES)])
        for i, (side, row) in enumerate(handout.margins.items())
    ]
    positions = handout.positions[: max((len(r) for r in handout.margins.values()), default=1)]
    return _line_chart(
        "margins",
        "Each side's margin (score minus target; 0 = target reached)",
        positions,
        series,
        labels,
        lambda v: f"{v:+.0f}" if v else "0",
        WIDE,
    )


def chart_sheet(handout: Handout) -> str:
    """Every chart on one SVG page: tracks two by two, then the margins (for Markdown)."""
    parts = []
    charts = track_charts(handout)
    for i, svg in enumerate(charts):
        x, y = (i % 2) * WIDTH, (i // 2) * HEIGHT
        parts.append(_placed(svg, x, y, WIDTH, HEIGHT))
    top = math.ceil(len(charts) / 2) * HEIGHT
    parts.append(_placed(margin_chart(handout), 0, top, WIDE, HEIGHT))
    height = top + HEIGHT
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDE}" height="{height}" '
        f'viewBox="0 0 {WIDE} {height}"><!-- {MARKER} -->'
        f'<rect width="{WIDE}" height="{height}" fill="white"/>' + "".join(parts) + "</svg>\n"
    )


def _placed(svg: str, x: int, y: int, width: int, height: int) -> str:
    """A chart's root ``<svg>`` given a place and size inside a larger SVG."""
    return svg.replace("<svg ", f'<svg x="{x}" y="{y}" width="{width}" height="{height}" ', 1)


def _line_chart(
    key: str,
    title: str,
    positions: list[str],
    series: list[tuple[str, Sequence[int | None], str, str]],
    labels: list[int],
    fmt: Callable[[float], str],
    width: int,
) -> str:
    import pygal  # type: ignore[import-untyped]
    from pygal.etree import etree  # type: ignore[import-untyped]
    from pygal.style import Style  # type: ignore[import-untyped]

    etree.to_etree()  # the standard library's ElementTree: the same bytes with or without lxml
    zero_line = labels[0] < 0 < labels[-1]
    style = Style(
        background="white",
        plot_background="white",
        foreground=INK,
        foreground_strong=INK,
        foreground_subtle=GUIDE,
        colors=tuple(color for _, _, color, _ in series),
        font_family=FONT,
        title_font_size=17,
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=13,
        value_font_size=12,
        tooltip_font_size=12,
        guide_stroke_color=GUIDE,
        major_guide_stroke_color=ZERO if zero_line else GUIDE,
        guide_stroke_dasharray="3,3",
        major_guide_stroke_dasharray="0" if zero_line else "3,3",
        stroke_width="2.5",
        stroke_width_hover="2.5",
        opacity="1",
        opacity_hover="1",
        stroke_opacity="1",
        stroke_opacity_hover="1",
        transition="0s",
    )
    chart = pygal.Line(
        width=width,
        height=HEIGHT,
        style=style,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        title=title,
        x_labels=positions,
        y_labels=labels,
        y_labels_major=[0] if zero_line else [],
        value_formatter=fmt,
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        legend_at_bottom_columns=min(len(series), 3),
        truncate_legend=-1,
        truncate_label=-1,
        dots_size=3,
        show_dots=len(positions) <= 26,
        stroke_style={"width": 2.5},
        margin=12,
        spacing=8,
    )
    chart.uuid = f"sidra-{key}"  # fixed ids instead of pygal's random ones
    for name, values, _, dash in series:
        # Solid lines are drawn wider, so a dashed line over them leaves both visible.
        stroke: dict[str, Any] = {"width": 2.2 if dash else 3.5}
        if dash:
            stroke["dasharray"] = dash
        chart.add(name, list(values), stroke_style=stroke)
    chart.add_xml_filter(_plain)
    svg = chart.render(is_unicode=True)
    return str(svg)


def _plain(root: Any) -> Any:
    """Drop comments and scripts from a chart's element tree (it is printed, not hovered)."""
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag is ElementTree.Comment or _local(child.tag) == "script":
                parent.remove(child)
    return root


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
