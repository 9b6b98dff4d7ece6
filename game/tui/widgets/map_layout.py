"""Map geometry for the terminal: projection, braille rasterising and marker placement.

Pure functions on integers and floats, no Textual, so the map's layout is tested and
reasoned about without a screen. The map widget calls :func:`layout_map` whenever its
size or the game state changes and only paints the result.

Coordinates: a *dot* is one braille dot (a cell holds 2 x 4 of them, so dots are
roughly square on a terminal); a *cell* is one character. Everything placed on screen
uses integer cell positions, so a layout is the same on every machine.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

LatLon = tuple[float, float]
Shape = tuple[LatLon, ...]
Cell = tuple[int, int]

OUTLINE_FILE = Path(__file__).resolve().parents[3] / "assets" / "libya_outline.json"
"""The country outline shipped in ``assets/`` beside the ``game`` package."""

_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""Bit of braille dot (row, column) inside one cell (Unicode braille patterns)."""


@lru_cache(maxsize=4)
def load_outline(path: Path = OUTLINE_FILE) -> tuple[Shape, ...]:
    """Polylines (lat, lon) of the outline file; none if it is missing or unreadable.

    The map is still usable without an outline (regions alone), so a damaged asset
    degrades the picture instead of stopping the game.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        shapes = []
        for shape in data["shapes"]:
            points = tuple((float(p[0]), float(p[1])) for p in shape["points"])
            if len(points) >= 2:
                shapes.append(points)
        return tuple(shapes)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return ()


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


STRETCH = 1.4
"""How much more one axis may be scaled than the other to use a box of another shape."""


def fit_projection(points: Sequence[LatLon], width: int, height: int, top: int = 0) -> Projection:
    """The projection that fits ``points`` into ``width`` x ``height`` cells below row ``top``.

    Dots are square, so equal scales keep the true shape; an axis may be stretched up
    to :data:`STRETCH` times to fill a box of another shape (a terminal pane rarely has
    the country's proportions). The picture is centred.
    """
    lats = [p[0] for p in points] or [0.0]
    lons = [p[1] for p in points] or [0.0]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    coslat = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * coslat, 1e-6)
    span_y = max(north - south, 1e-6)
    dots_w, dots_h = max(2 * width - 2, 1), max(4 * height - 4, 1)
    fit_x, fit_y = dots_w / span_x, dots_h / span_y
    scale = min(fit_x, fit_y)
    scale_x, scale_y = min(fit_x, scale * STRETCH), min(fit_y, scale * STRETCH)
    off_x = 1 + (dots_w - math.floor(span_x * scale_x)) // 2
    off_y = 4 * top + 1 + (dots_h - math.floor(span_y * scale_y)) // 2
    return Projection(west, north, coslat, scale_x, scale_y, off_x, off_y)


def _line(a: Cell, b: Cell) -> Iterable[Cell]:
    """The dots of a straight segment (Bresenham)."""
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
    shapes: Iterable[Shape], proj: Projection, width: int, height: int
) -> dict[Cell, str]:
    """Braille characters of the outline, keyed by cell, clipped to the box."""
    bits: dict[Cell, int] = {}
    for shape in shapes:
        dots = [proj.dot(lat, lon) for lat, lon in shape]
        for a, b in pairwise(dots):
            for x, y in _line(a, b):
                cx, cy = x // 2, y // 4
                if 0 <= cx < width and 0 <= cy < height:
                    bits[(cx, cy)] = bits.get((cx, cy), 0) | _BRAILLE_BITS[y % 4][x % 2]
    return {cell: chr(0x2800 + value) for cell, value in bits.items()}


def _offsets(radius_x: int, radius_y: int) -> list[Cell]:
    """Candidate shifts, nearest first (a row counts as two columns), in a fixed order."""
    found = [
        (dx, dy) for dy in range(-radius_y, radius_y + 1) for dx in range(-radius_x, radius_x + 1)
    ]
    found.sort(key=lambda d: (d[0] * d[0] + 4 * d[1] * d[1], abs(d[1]), d[1], d[0]))
    return found


@dataclass(slots=True)
class Marker:
    """A region's marker to place: its ideal cell and how many cells it needs."""

    key: str
    ideal: Cell
    width: int
    label: str = ""
    at: Cell = (0, 0)
    label_at: Cell | None = None
    label_text: str = ""


@dataclass(slots=True)
class Occupancy:
    """Which cells markers and labels already use."""

    width: int
    height: int
    markers: set[Cell] = field(default_factory=set)
    labels: set[Cell] = field(default_factory=set)

    def marker_fits(self, x: int, y: int, w: int) -> bool:
        """A marker needs its cells free and a one-cell gap to other markers on its row."""
        if x < 0 or y < 0 or y >= self.height or x + w > self.width:
            return False
        return not any((c, y) in self.markers for c in range(x - 1, x + w + 1))

    def span_free(self, x: int, y: int, w: int) -> bool:
        """True if ``w`` cells from (x, y) are inside the box and hold no marker or label."""
        if x < 0 or y < 0 or y >= self.height or x + w > self.width:
            return False
        used = self.markers | self.labels
        return all((c, y) not in used for c in range(x, x + w))


def place_markers(markers: list[Marker], occ: Occupancy, rows: tuple[int, int]) -> None:
    """Put every marker on its ideal cell or, if taken, the nearest free one (in order).

    ``rows`` limits the rows a marker may move to (first, last inclusive), so map
    markers never drift into the off-map strip or the legend.
    """
    shifts = _offsets(8, 3)
    for m in markers:
        x0, y0 = m.ideal
        y0 = min(max(y0, rows[0]), rows[1])
        x0 = min(max(x0, 0), max(occ.width - m.width, 0))
        m.at = (x0, y0)
        for dx, dy in shifts:
            x, y = x0 + dx, y0 + dy
            if rows[0] <= y <= rows[1] and occ.marker_fits(x, y, m.width):
                m.at = (x, y)
                break
        occ.markers.update((m.at[0] + c, m.at[1]) for c in range(m.width))


def _shortened(label: str) -> list[str]:
    """The label and shorter forms of it, longest first (never under four characters)."""
    forms = [label]
    for n in range(len(label) - 1, 3, -1):
        forms.append(label[: n - 1].rstrip() + "…")
    return forms


def place_labels(markers: list[Marker], occ: Occupancy) -> None:
    """Give each marker a label right or left of it where space allows (in order)."""
    for m in markers:
        if not m.label:
            continue
        x, y = m.at
        for text in _shortened(m.label):
            right = x + m.width + 1
            left = x - 1 - len(text)
            if occ.span_free(right - 1, y, len(text) + 1):
                m.label_at, m.label_text = (right, y), text
            elif occ.span_free(left, y, len(text) + 1):
                m.label_at, m.label_text = (left, y), text
            else:
                continue
            lx, ly = m.label_at
            occ.labels.update((c, ly) for c in range(lx, lx + len(text)))
            break


def short_label(name: str, limit: int = 12) -> str:
    """A map label: the name without its parenthesis, cut at a word if it is long."""
    base = name.split(" (")[0].strip()
    if len(base) <= limit:
        return base
    words = base.split()
    short = words[0]
    for word in words[1:]:
        if len(short) + 1 + len(word) > limit:
            break
        short = f"{short} {word}"
    return short[:limit]


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
