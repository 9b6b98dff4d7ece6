"""Placing markers and labels on a character grid so that none overlap and none is dropped.

Pure functions on integer cells, no Textual. A marker is a region's glyph (and its
status marks); its label is the region's name and the forces in it (``Tripoli D4``).
Markers go on their ideal cell or the nearest free one. Labels are placed in two
passes: first every label gets its shortest form (three letters and "…") somewhere
near its marker, so none is ever dropped; then, most important first, each label
takes the longest form that fits beside, above or below its marker.

Two labels on one row always keep a blank cell between them, and a label never
touches another region's marker, so neither reads as part of its neighbour.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain

Cell = tuple[int, int]

ELLIPSIS = "…"
MIN_NAME = 3
"""Letters a label keeps at the very least (then "…")."""
FORCES_MIN_NAME = 6
"""The shortest name (with its "…") still shown together with the forces."""


@dataclass(slots=True)
class Marker:
    """A region's marker to place: its ideal cell, the cells it needs and its label.

    ``rows`` bounds the rows the marker and its label may use (first, last inclusive),
    so map markers stay out of the off-map strip and the legend and the other way round.
    """

    key: str
    ideal: Cell
    width: int
    label: str = ""
    forces: str = ""
    prefix: str = ""
    suffix: str = ""
    rows: tuple[int, int] = (0, 0)
    at: Cell = (0, 0)
    label_at: Cell | None = None
    label_text: str = ""
    forces_shown: bool = False


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
        if any((c, y) in self.labels for c in range(x, x + w)):
            return False
        return not any((c, y) in self.markers for c in range(x - 1, x + w + 1))

    def label_fits(self, x: int, y: int, n: int) -> bool:
        """``n`` cells from (x, y) on the canvas, clear of markers and labels, with a gap."""
        if x < 0 or y < 0 or y >= self.height or x + n > self.width:
            return False
        used = self.markers, self.labels
        return not any((c, y) in cells for cells in used for c in range(x - 1, x + n + 1))

    def take_label(self, x: int, y: int, n: int) -> None:
        self.labels.update((c, y) for c in range(x, x + n))

    def free_label(self, x: int, y: int, n: int) -> None:
        self.labels.difference_update((c, y) for c in range(x, x + n))


def _offsets(radius_x: int, radius_y: int) -> list[Cell]:
    """Candidate shifts, nearest first (a row counts as two columns), in a fixed order."""
    found = [
        (dx, dy) for dy in range(-radius_y, radius_y + 1) for dx in range(-radius_x, radius_x + 1)
    ]
    found.sort(key=lambda d: (d[0] * d[0] + 4 * d[1] * d[1], abs(d[1]), d[1], d[0]))
    return found


NEAR = _offsets(8, 3)


def _anywhere(occ: Occupancy, origin: Cell, rows: tuple[int, int]) -> Iterator[Cell]:
    """Every cell of ``rows``, nearest to ``origin`` first (the last resort of a search)."""
    ox, oy = origin
    cells = [(x, y) for y in range(rows[0], rows[1] + 1) for x in range(occ.width)]
    cells.sort(key=lambda c: ((c[0] - ox) ** 2 + 4 * (c[1] - oy) ** 2, c[1], c[0]))
    yield from cells


def place_markers(
    markers: list[Marker], occ: Occupancy, rows: tuple[int, int] | None = None
) -> None:
    """Put every marker on its ideal cell or, if taken, the nearest free one (in order).

    ``rows``, if given, bounds every marker's rows instead of its own ``rows``.
    """
    for m in markers:
        if rows is not None:
            m.rows = rows
        first, last = m.rows
        x0 = min(max(m.ideal[0], 0), max(occ.width - m.width, 0))
        y0 = min(max(m.ideal[1], first), last)
        m.at = (x0, y0)
        spots = ((x0 + dx, y0 + dy) for dx, dy in NEAR)
        for x, y in chain(spots, _anywhere(occ, (x0, y0), m.rows)):
            if first <= y <= last and occ.marker_fits(x, y, m.width):
                m.at = (x, y)
                break
        occ.markers.update((m.at[0] + c, m.at[1]) for c in range(m.width))


def shortened(name: str, least: int = MIN_NAME) -> list[str]:
    """``name`` and shorter forms of it ending in "…", longest first, down to ``least`` letters."""
    forms = [name]
    for n in range(len(name) - 1, least - 1, -1):
        cut = name[:n].rstrip(" -.,")
        if cut and cut + ELLIPSIS not in forms and len(cut) + 1 < len(name):
            forms.append(cut + ELLIPSIS)
    return forms


def label_forms(m: Marker) -> list[tuple[str, bool]]:
    """Every text the marker's label may take, longest and most telling first.

    The name with the forces comes first (with the suffix, then without), the name
    shortened down to :data:`FORCES_MIN_NAME` characters with the forces, then the name
    alone, shortened down to three letters. Each entry is (text, forces shown).
    """
    forms: list[tuple[str, bool]] = []
    forces = f" {m.forces}" if m.forces else ""
    names = shortened(m.label)
    if m.suffix:
        forms.append((f"{m.prefix}{m.label}{m.suffix}{forces}", bool(forces)))
    if forces:
        kept = [n for n in names if n == m.label or len(n) >= FORCES_MIN_NAME]
        forms += [(f"{m.prefix}{n}{forces}", True) for n in kept]
        forms.append((f"{m.prefix}{names[-1]}{forces}", True))
    forms += [(f"{m.prefix}{n}", False) for n in names]
    unique: list[tuple[str, bool]] = []
    for form in forms:
        if all(form[0] != other[0] for other in unique):
            unique.append(form)
    return unique


def _beside(m: Marker, n: int) -> list[Cell]:
    """Where a label of ``n`` cells may go near its marker, in order of preference."""
    x, y = m.at
    right, left = x + m.width + 1, x - 1 - n
    spots = [(right, y), (left, y)]
    for dy in (-1, 1):
        spots += [(x, y + dy), (x + m.width - n, y + dy), (right, y + dy), (left, y + dy)]
    return [(sx, sy) for sx, sy in spots if m.rows[0] <= sy <= m.rows[1]]


def _put(m: Marker, occ: Occupancy, at: Cell, text: str, forces: bool) -> None:
    m.label_at, m.label_text, m.forces_shown = at, text, forces
    occ.take_label(at[0], at[1], len(text))


def _unput(m: Marker, occ: Occupancy) -> None:
    if m.label_at is not None:
        occ.free_label(m.label_at[0], m.label_at[1], len(m.label_text))
    m.label_at, m.label_text, m.forces_shown = None, "", False


def place_labels(markers: list[Marker], occ: Occupancy) -> None:
    """Give every marker a label: first its shortest form anywhere, then the longest that fits.

    ``markers`` is in order of importance (the selected region first): in the second
    pass an earlier label claims room before a later one.
    """
    for m in markers:
        if not m.label:
            continue
        text, forces = label_forms(m)[-1]
        for sx, sy in chain(_beside(m, len(text)), _anywhere(occ, m.at, m.rows)):
            if m.rows[0] <= sy <= m.rows[1] and occ.label_fits(sx, sy, len(text)):
                _put(m, occ, (sx, sy), text, forces)
                break
    for m in markers:
        if m.label_at is None:
            continue
        old = (m.label_at, m.label_text, m.forces_shown)
        _unput(m, occ)
        for text, forces in label_forms(m):
            spot = next(
                (s for s in _beside(m, len(text)) if occ.label_fits(s[0], s[1], len(text))),
                None,
            )
            if spot is not None:
                _put(m, occ, spot, text, forces)
                break
        else:
            _put(m, occ, *old)


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
