"""Map geometry for the terminal: framing, projection, coast and links, and the whole plan.

Pure functions on integers and floats, no Textual, so the map's layout is tested and
reasoned about without a screen. The map widget builds a :class:`MapInput` from the
scenario and the state, calls :func:`plan_map` whenever its size or the state changes
and only paints the :class:`MapPlan`.

The picture has up to three bands: a strip on top for the off-map regions (staging
areas such as Sicily, with their forces), the map itself fitted to the frame the
scenario names (by default its on-map regions with a margin), and a legend row.
On-map regions outside the frame are pinned to its edge with an arrow toward their
true place. The coast is a solid braille line; links are drawn over it with dashes
(land) or waves (sea), so the two are never confused.

Coordinates: a *dot* is one braille dot (a cell holds 2 x 4 of them, so dots are
roughly square on a terminal); a *cell* is one character. Everything placed on screen
uses integer cell positions, so a layout is the same on every machine.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from game.tui.widgets.map_labels import (
    Marker,
    Occupancy,
    place_labels,
    place_markers,
    short_label,
)

__all__ = [
    "MapInput",
    "MapPlan",
    "Marker",
    "Occupancy",
    "Place",
    "nearest_in_direction",
    "place_markers",
    "plan_map",
    "short_label",
]

LatLon = tuple[float, float]
Shape = tuple[LatLon, ...]
Cell = tuple[int, int]
Box = tuple[float, float, float, float]
"""(south, north, west, east) in degrees."""

_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""Bit of braille dot (row, column) inside one cell (Unicode braille patterns)."""

STRETCH = 3.0
"""How much more one axis may be scaled than the other to fill a pane of another shape.

A coastal strip is many times wider than it is tall; a terminal pane rarely is. Up to
this factor the strip is stretched to use the pane; beyond it the picture keeps its
shape and is centred, so a map never becomes a caricature."""
MARGIN = 0.08
"""Margin around the regions of a ``"regions"`` frame, as a share of their span."""
MIN_MARGIN = 0.25
"""At least this many degrees of margin (and a frame for regions all at one point)."""
OFFMAP = " (off-map)"
"""Said after an off-map region's name while there is room."""
LEGEND_FROM = 10
"""Panes at least this tall get a legend row."""

ARROWS = {
    (0, -1): "↑",
    (0, 1): "↓",
    (-1, 0): "←",
    (1, 0): "→",
    (-1, -1): "↖",
    (1, -1): "↗",
    (-1, 1): "↙",
    (1, 1): "↘",
}
"""The arrow before the label of a region pinned to the frame's edge, by direction."""


@dataclass(frozen=True, slots=True)
class Projection:
    """Equirectangular projection of lat/lon onto braille dots, scaled to fit a box."""

    west: float
    north: float
    coslat: float
    scale_x: float
    scale_y: float
    off_x: int
    off_y: int

    def dot(self, lat: float, lon: float) -> Cell:
        """The braille dot of a point."""
        x = (lon - self.west) * self.coslat * self.scale_x
        y = (self.north - lat) * self.scale_y
        return self.off_x + math.floor(x + 0.5), self.off_y + math.floor(y + 0.5)

    def cell(self, lat: float, lon: float) -> Cell:
        """The character cell of a point."""
        x, y = self.dot(lat, lon)
        return x // 2, y // 4


def fit_projection(box: Box, width: int, height: int, top: int = 0) -> Projection:
    """The projection that fits ``box`` into ``width`` x ``height`` cells below row ``top``.

    Dots are square, so equal scales keep the true shape; an axis may be stretched up
    to :data:`STRETCH` times to fill a pane of another shape. The picture is centred.
    """
    south, north, west, east = box
    coslat = max(math.cos(math.radians((south + north) / 2)), 0.05)
    span_x = max((east - west) * coslat, 1e-6)
    span_y = max(north - south, 1e-6)
    dots_w, dots_h = max(2 * width - 2, 1), max(4 * height - 4, 1)
    fit_x, fit_y = dots_w / span_x, dots_h / span_y
    scale = min(fit_x, fit_y)
    scale_x, scale_y = min(fit_x, scale * STRETCH), min(fit_y, scale * STRETCH)
    off_x = 1 + (dots_w - math.floor(span_x * scale_x)) // 2
    off_y = 4 * top + 1 + (dots_h - math.floor(span_y * scale_y)) // 2
    return Projection(west, north, coslat, scale_x, scale_y, off_x, off_y)


def frame_box(frame: Sequence[LatLon] | None, places: Sequence[LatLon]) -> Box:
    """The box to show: the scenario's corners, or the places with a margin around them."""
    if frame:
        lats, lons = [p[0] for p in frame], [p[1] for p in frame]
        return min(lats), max(lats), min(lons), max(lons)
    lats = [p[0] for p in places] or [0.0]
    lons = [p[1] for p in places] or [0.0]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad_y = max((north - south) * MARGIN, MIN_MARGIN)
    pad_x = max((east - west) * MARGIN, MIN_MARGIN)
    return south - pad_y, north + pad_y, west - pad_x, east + pad_x


def outside(box: Box, lat: float, lon: float) -> Cell:
    """Which way a point lies outside ``box``: (-1, 0, 1) east-west and north-south."""
    south, north, west, east = box
    dx = -1 if lon < west else (1 if lon > east else 0)
    dy = -1 if lat > north else (1 if lat < south else 0)
    return dx, dy


def line_cells(a: Cell, b: Cell) -> Iterable[Cell]:
    """The points of a straight segment (Bresenham), both ends included."""
    x0, y0 = a
    x1, y1 = b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        yield x0, y0
        if (x0, y0) == (x1, y1):
            return
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy


def rasterise(
    shapes: Iterable[Shape], proj: Projection, width: int, rows: tuple[int, int]
) -> dict[Cell, str]:
    """Braille characters of the outline, keyed by cell, clipped to ``rows`` of the box."""
    bits: dict[Cell, int] = {}
    limit_x, limit_y = 2 * width + 2, 4 * (rows[1] + 2)
    for shape in shapes:
        dots = [proj.dot(lat, lon) for lat, lon in shape]
        for a, b in pairwise(dots):
            if _off_canvas(a, b, limit_x, 4 * rows[0] - 4, limit_y):
                continue
            for x, y in line_cells(a, b):
                cx, cy = x // 2, y // 4
                if 0 <= cx < width and rows[0] <= cy <= rows[1]:
                    bits[(cx, cy)] = bits.get((cx, cy), 0) | _BRAILLE_BITS[y % 4][x % 2]
    return {cell: chr(0x2800 + value) for cell, value in bits.items()}


def _off_canvas(a: Cell, b: Cell, right: int, top: int, bottom: int) -> bool:
    """True if a segment lies wholly beside the canvas (it would draw nothing)."""
    return (
        (a[0] < 0 and b[0] < 0)
        or (a[0] > right and b[0] > right)
        or (a[1] < top and b[1] < top)
        or (a[1] > bottom and b[1] > bottom)
    )


def link_glyph(a: Cell, b: Cell, sea: bool) -> str:
    """The character a link is drawn with: waves by sea, dashes along its slope on land."""
    if sea:
        return "≈"
    dx, dy = b[0] - a[0], 2 * (b[1] - a[1])
    if abs(dy) <= 0.45 * abs(dx):
        return "┈"
    if abs(dx) <= 0.45 * abs(dy):
        return "┊"
    return "╲" if (dx > 0) == (dy > 0) else "╱"


@dataclass(frozen=True, slots=True)
class Place:
    """One region as the map needs it: where, what it is called, what stands there."""

    key: str
    lat: float
    lon: float
    label: str
    forces: str = ""
    offmap: bool = False
    width: int = 1
    """Cells its marker needs: the glyph and any status or note marks."""


@dataclass(frozen=True, slots=True)
class MapInput:
    """What a plan is made from: the places in importance order, links and the outline."""

    places: tuple[Place, ...]
    links: tuple[tuple[str, str, bool], ...] = ()
    """(a, b, by sea) for every link."""
    outline: tuple[Shape, ...] = ()
    frame: tuple[LatLon, ...] | None = None


@dataclass(slots=True)
class MapPlan:
    """Everything a painter needs: cells of coast and links, markers with their labels."""

    width: int
    height: int
    top: int = 0
    """Rows of the off-map strip (0 if there is none)."""
    legend: int | None = None
    """The legend's row, if the pane has room for one."""
    coast: dict[Cell, str] = field(default_factory=dict)
    links: dict[Cell, tuple[str, bool]] = field(default_factory=dict)
    markers: dict[str, Marker] = field(default_factory=dict)


def plan_map(data: MapInput, width: int, height: int) -> MapPlan:
    """Lay out the map in ``width`` x ``height`` cells (see the module's description)."""
    plan = MapPlan(width, height)
    if width < 4 or height < 3:
        return plan
    onmap = [p for p in data.places if not p.offmap]
    offmap = [p for p in data.places if p.offmap]
    plan.legend = height - 1 if height >= LEGEND_FROM else None
    last = height - 1 - (plan.legend is not None)
    plan.top = inset_rows(len(offmap), width, last + 1) if onmap else last + 1
    rows = (plan.top, last)
    box = frame_box(data.frame, [(p.lat, p.lon) for p in onmap])
    proj = fit_projection(box, width, last - plan.top + 1, plan.top)
    plan.coast = rasterise(data.outline, proj, width, rows)
    markers: list[Marker] = []
    for p in data.places:
        ideal = proj.cell(p.lat, p.lon)
        if p.offmap:
            strip = (0, max(plan.top - 1, 0))
            spot = (ideal[0], 0)
            markers.append(Marker(p.key, spot, p.width, p.label, p.forces, "", OFFMAP, strip))
            continue
        way = outside(box, p.lat, p.lon)
        prefix = ARROWS.get(way, "")
        if prefix:  # pinned inside the frame's edge, toward where it really is
            ideal = _pinned(proj, box, p, width, rows)
        markers.append(Marker(p.key, ideal, p.width, p.label, p.forces, prefix, rows=rows))
    occ = Occupancy(width, height)
    place_markers(markers, occ)
    place_labels(markers, occ)
    plan.markers = {m.key: m for m in markers}
    taken = occ.markers | occ.labels
    for a, b, sea in data.links:
        if a in plan.markers and b in plan.markers:
            _draw_link(plan, plan.markers[a], plan.markers[b], sea, taken)
    return plan


def inset_rows(count: int, width: int, height: int) -> int:
    """Rows of the off-map strip: one, or more for many off-map regions (at most a third).

    An off-map region needs its glyph, a label of four characters and the gaps, about
    eight cells; the strip grows a row for each row's worth of them.
    """
    if count == 0:
        return 0
    per_row = max(width // 8, 1)
    return min(-(-count // per_row), max(height // 3, 1))


def _pinned(proj: Projection, box: Box, p: Place, width: int, rows: tuple[int, int]) -> Cell:
    south, north, west, east = box
    x, y = proj.cell(min(max(p.lat, south), north), min(max(p.lon, west), east))
    return min(max(x, 0), width - 1), min(max(y, rows[0]), rows[1])


def _draw_link(plan: MapPlan, a: Marker, b: Marker, sea: bool, taken: set[Cell]) -> None:
    glyph = link_glyph(a.at, b.at, sea)
    cells = list(line_cells(a.at, b.at))
    for i, cell in enumerate(cells):
        if cell in taken or (sea and i % 2):
            continue
        if 0 <= cell[1] < plan.height and cell[1] != plan.legend:
            plan.links[cell] = (glyph, sea)


def nearest_in_direction(
    points: dict[str, tuple[float, float]], current: str, direction: Cell
) -> str | None:
    """The point nearest to ``current`` whose bearing lies within 60° of ``direction``.

    Distance plus the sideways offset decides, so a close point slightly off the
    line beats a far one straight ahead. Points are (x east, y south) in any
    consistent unit; ties go to the earlier key.
    """
    cx, cy = points[current]
    ux, uy = direction
    best: tuple[float, int, str] | None = None
    for index, (key, (x, y)) in enumerate(points.items()):
        if key == current:
            continue
        vx, vy = x - cx, y - cy
        along = vx * ux + vy * uy
        across = abs(vx * uy - vy * ux)
        if along <= 0 or across > along * 1.8:
            continue
        cost = math.hypot(vx, vy) + across
        if best is None or (cost, index) < best[:2]:
            best = (cost, index, key)
    return None if best is None else best[2]
