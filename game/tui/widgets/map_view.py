"""The map: the country's outline, every region by lat/lon, and the selected region's details.

:class:`MapView` paints a layout computed by :mod:`map_layout` (pure geometry) from the
game state it is shown; it keeps only which region is selected. Controllers are shown by
glyph *and* colour so colour is never the only cue; a second character marks fighting
(``×``), burning tanks (``*``), a siege (``#``) or heavy damage (``~``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from game.engine.state import GameState
from game.scenario.formulas import terminal_output_bpd
from game.scenario.models import NEUTRAL
from game.tui.widgets.map_layout import (
    Marker,
    Occupancy,
    fit_projection,
    load_outline,
    nearest_in_direction,
    place_labels,
    place_markers,
    rasterise,
    short_label,
)

NEUTRAL_GLYPH = "·"
NEUTRAL_COLOR = "#a0a0a0"
COAST = Style(color="#5a7a9a")
LABEL = Style(color="#b8b8b8")
STATUS_STYLE = {
    "×": Style(color="#ff5f5f", bold=True),
    "*": Style(color="#ff9f1a", bold=True),
    "#": Style(color="#d75fd7", bold=True),
    "~": Style(color="#c0a060"),
}
STATUS_WORDS = {
    "×": ("fighting", "fight"),
    "*": ("fire", "fire"),
    "#": ("siege", "siege"),
    "~": ("damaged", "dmg"),
}
DAMAGED = 50
"""Damage (percent) from which a region is marked as damaged."""


def region_status(state: GameState, region_id: str) -> str:
    """A region's status mark: ``×`` contested, ``*`` burning, ``#`` besieged, ``~`` damaged."""
    present = {
        u.faction
        for u in state.units
        if u.region == region_id and u.kind == "ground" and u.strength > 0
    }
    region = state.region(region_id)
    if len(present) > 1:
        return "×"
    if region.tanks_ablaze > 0:
        return "*"
    if region.siege_by is not None:
        return "#"
    if region.damage >= DAMAGED:
        return "~"
    return ""


def controller_mark(state: GameState, controller: str) -> tuple[str, str]:
    """(glyph, colour) of a controller: the faction's, or the neutral dot."""
    if controller == NEUTRAL or controller not in state.w.factions:
        return NEUTRAL_GLYPH, NEUTRAL_COLOR
    fdef = state.w.factions[controller]
    return fdef.glyph, fdef.color


def region_output(state: GameState, region_id: str) -> int:
    """Barrels a day the region would export now (nothing while unheld or besieged)."""
    region = state.region(region_id)
    fac = state.w.regions[region_id].facilities
    if not fac.capacity_bpd or region.controller == NEUTRAL or region.siege_by is not None:
        return 0
    return terminal_output_bpd(fac.capacity_bpd, fac.oil_tanks, region.damage, region.tanks_ablaze)


class MapView(Widget, can_focus=True):
    """The country drawn in braille with a marker per region; arrows, n/p and clicks select."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(0, -1)", "North", show=False),
        Binding("down", "move(0, 1)", "South", show=False),
        Binding("left", "move(-1, 0)", "West", show=False),
        Binding("right", "move(1, 0)", "East", show=False),
        Binding("p", "cycle_region(-1)", "Prev place", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"map-view--note"}

    selected: reactive[str | None] = reactive(None)

    class RegionSelected(Message):
        """A region was selected on the map."""

        def __init__(self, region_id: str) -> None:
            self.region_id = region_id
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._state: GameState | None = None
        self._grid: list[list[tuple[str, Style]]] = []
        self._grid_key: tuple[int, int, str | None, int] | None = None
        self._version = 0
        self.markers: dict[str, Marker] = {}
        self.marked: frozenset[str] = frozenset()
        """Regions drawn with a note mark ``✎`` beside their marker (the replay's notes)."""

    # -- state ----------------------------------------------------------------------

    def show_state(self, state: GameState) -> None:
        """Draw ``state`` (keeps the selection, or selects the first region)."""
        self._state = state
        self._version += 1
        if self.selected is None or self.selected not in state.w.regions:
            self.selected = state.w.region_ids[0]
        self.refresh()

    def mark_regions(self, regions: Iterable[str]) -> None:
        """Draw a ``✎`` beside ``regions`` (the replay viewer's notes; none in the live game)."""
        marked = frozenset(regions)
        if marked != self.marked:
            self.marked = marked
            self._version += 1
            self.refresh()

    def select(self, region_id: str) -> None:
        """Select a region and tell the screen."""
        if self._state is None or region_id not in self._state.w.regions:
            return
        self.selected = region_id
        self.post_message(self.RegionSelected(region_id))

    def watch_selected(self) -> None:
        self.refresh()

    # -- actions --------------------------------------------------------------------

    def action_move(self, dx: int, dy: int) -> None:
        """Select the nearest region in a compass direction."""
        if self._state is None or self.selected is None:
            return
        w = self._state.w
        mid = math.cos(math.radians(sum(r.lat for r in w.regions.values()) / len(w.regions)))
        points = {rid: (r.lon * mid, -r.lat) for rid, r in w.regions.items()}
        target = nearest_in_direction(points, self.selected, (dx, dy))
        if target is not None:
            self.select(target)

    def action_cycle_region(self, step: int = 1) -> None:
        """Select the next (or previous) region in scenario order."""
        if self._state is None:
            return
        ids = self._state.w.region_ids
        index = ids.index(self.selected) if self.selected in ids else -1
        self.select(ids[(index + step) % len(ids)])

    def on_click(self, event: events.Click) -> None:
        """Select the region whose marker is nearest the click."""
        offset = event.get_content_offset(self)
        if offset is None or not self.markers:
            return
        best = min(
            self.markers.values(),
            key=lambda m: ((m.at[0] - offset.x) ** 2 + 4 * (m.at[1] - offset.y) ** 2, m.at),
        )
        self.select(best.key)

    # -- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        state = self._state
        width, height = self.size.width, self.size.height
        key = (width, height, self.selected, self._version)
        if key == self._grid_key:
            return
        self._grid_key = key
        blank = (" ", Style())
        self._grid = [[blank] * width for _ in range(height)]
        self.markers = {}
        if state is None or width < 4 or height < 3:
            return
        w = state.w
        legend = height >= 10
        onmap = [r for r in w.regions.values() if not r.offmap]
        offmap = [r for r in w.regions.values() if r.offmap]
        top = 1 if offmap and height >= 6 else 0
        rows = height - top - (1 if legend else 0)
        lats = [r.lat for r in onmap] or [0.0]
        lons = [r.lon for r in onmap] or [0.0]
        box = (min(lats) - 1, max(lats) + 1, min(lons) - 1, max(lons) + 1)
        shapes = [
            s
            for s in load_outline()
            if any(box[0] <= lat <= box[1] and box[2] <= lon <= box[3] for lat, lon in s)
        ]
        points = [p for s in shapes for p in s] + [(r.lat, r.lon) for r in onmap]
        proj = fit_projection(points, width, rows, top)
        for (x, y), char in rasterise(shapes, proj, width, top + rows).items():
            if y >= top:
                self._grid[y][x] = (char, COAST)
        occ = Occupancy(width, height)
        statuses = {rid: region_status(state, rid) for rid in w.region_ids}
        wide = {rid: 1 + bool(statuses[rid]) + (rid in self.marked) for rid in w.region_ids}
        map_markers = [
            Marker(r.id, proj.cell(r.lat, r.lon), wide[r.id], short_label(r.name)) for r in onmap
        ]
        strip_markers = [
            Marker(
                r.id,
                (proj.cell(r.lat, r.lon)[0], 0),
                wide[r.id],
                f"{short_label(r.name)} (off-map)",
            )
            for r in offmap
        ]
        place_markers(map_markers, occ, (top, top + rows - 1))
        if top:
            place_markers(strip_markers, occ, (0, 0))
        placed = map_markers + (strip_markers if top else [])
        self.markers = {m.key: m for m in placed}
        by_priority = sorted(placed, key=lambda m: m.key != self.selected)
        place_labels(by_priority, occ)
        base = self.rich_style
        for m in placed:
            self._paint_marker(state, m, statuses[m.key], base)
        if legend:
            self._paint_legend(state, height - 1, width)

    def _paint_marker(self, state: GameState, m: Marker, status: str, base: Style) -> None:
        glyph, color = controller_mark(state, state.region(m.key).controller)
        chosen = m.key == self.selected
        style = Style(color=color, bold=True, reverse=chosen)
        x, y = m.at
        self._grid[y][x] = (glyph, style)
        if status:
            self._grid[y][x + 1] = (status, STATUS_STYLE[status])
        if m.key in self.marked:
            note = self.get_component_rich_style("map-view--note", partial=True)
            self._grid[y][x + 1 + bool(status)] = ("✎", note)
        if m.label_at is not None:
            lx, ly = m.label_at
            label_style = Style(color=color, bold=True) if chosen else LABEL
            for i, char in enumerate(m.label_text):
                self._grid[ly][lx + i] = (char, label_style)

    def _paint_legend(self, state: GameState, y: int, width: int) -> None:
        parts = _legend(state, compact=False)
        if sum(len(text) for text, _ in parts) > width:
            parts = _legend(state, compact=True)
        x = 0
        for text, style in parts:
            for char in text:
                if x >= width:
                    return
                self._grid[y][x] = (char, style)
                x += 1

    def render_line(self, y: int) -> Strip:
        """One row of the map, as runs of equally styled characters."""
        self._build()
        if y >= len(self._grid):
            return Strip.blank(self.size.width, self.rich_style)
        base = self.rich_style
        segments: list[Segment] = []
        run, run_style = "", None
        for char, style in self._grid[y]:
            if style != run_style and run:
                segments.append(Segment(run, base + run_style if run_style else base))
                run = ""
            run_style = style
            run += char
        if run:
            segments.append(Segment(run, base + run_style if run_style else base))
        return Strip(segments, self.size.width)

    def on_resize(self) -> None:
        self._grid_key = None


def _legend(state: GameState, compact: bool) -> list[tuple[str, Style]]:
    """The legend row: faction glyphs (with short names unless compact) and status marks."""
    parts: list[tuple[str, Style]] = []
    for fid in state.w.faction_ids:
        fdef = state.w.factions[fid]
        parts.append((fdef.glyph, Style(color=fdef.color, bold=True)))
        parts.append((" " if compact else f" {fdef.short}  ", LABEL))
    parts.append((NEUTRAL_GLYPH, Style(color=NEUTRAL_COLOR)))
    parts.append((" " if compact else " neutral  ", LABEL))
    for mark, (word, short) in STATUS_WORDS.items():
        parts += [(mark, STATUS_STYLE[mark]), (f"{short if compact else word} ", LABEL)]
    return parts


class RegionDetails(Static):
    """What is known about one region: holder, forces, facilities, people, damage, oil, siege."""

    def show(self, state: GameState, region_id: str) -> None:
        """Describe ``region_id`` as it is in ``state``."""
        self.update(region_details(state, region_id))


def _facilities(state: GameState, region_id: str) -> list[str]:
    fac = state.w.regions[region_id].facilities
    names = [
        label
        for label, present in (
            ("airport", fac.airport),
            ("aviation school", fac.aviation_school),
            ("port", fac.port),
            ("steel factory", fac.steel_factory),
            ("chemical factory", fac.chemical_factory),
        )
        if present
    ]
    if fac.oil_tanks:
        names.append(f"{fac.oil_tanks} oil tanks")
    if fac.capacity_bpd:
        names.append(f"oil capacity {fac.capacity_bpd:,} bpd")
    return names


def region_details(state: GameState, region_id: str) -> Text:
    """The details pane's text for one region."""
    w = state.w
    rdef = w.regions[region_id]
    region = state.region(region_id)
    glyph, color = controller_mark(state, region.controller)
    holder = w.factions[region.controller].name if region.controller in w.factions else "nobody"
    text = Text()
    text.append(rdef.name, Style(bold=True))
    text.append(f"  {rdef.kind.replace('_', ' ')}{' · off-map' if rdef.offmap else ''}\n", LABEL)
    text.append("Held by ")
    text.append(f"{glyph} {holder}\n", Style(color=color, bold=True))
    forces = [u for u in state.units if u.region == region_id and u.strength > 0]
    names = {f.id: f.name for f in w.scenario.force}
    text.append("Forces", Style(bold=True))
    if not forces:
        text.append("  none\n")
    else:
        text.append("\n")
    for fid in w.faction_ids:
        mine = [u for u in forces if u.faction == fid]
        if not mine:
            continue
        fdef = w.factions[fid]
        ground = sum(u.strength for u in mine if u.kind == "ground")
        text.append(f" {fdef.glyph} {fdef.short}", Style(color=fdef.color, bold=True))
        text.append(f" ground {ground}\n")
        for u in mine:
            kind = "" if u.kind == "ground" else f" ({u.kind})"
            text.append(f"   {names.get(u.id, 'recruits')}{kind} {u.strength}\n")
    facilities = _facilities(state, region_id)
    if facilities:
        text.append("Facilities ", Style(bold=True))
        text.append(", ".join(facilities) + "\n")
    text.append("Population ", Style(bold=True))
    text.append(f"{rdef.population:,}\n")
    text.append("Damage ", Style(bold=True))
    text.append(f"{region.damage}%  ")
    text.append("Fortified ", Style(bold=True))
    text.append(f"{region.fortification}\n")
    if rdef.facilities.oil_tanks:
        text.append("Tanks ablaze ", Style(bold=True))
        text.append(
            f"{region.tanks_ablaze} of {rdef.facilities.oil_tanks}\n",
            STATUS_STYLE["*"] if region.tanks_ablaze else Style(),
        )
    if rdef.facilities.capacity_bpd:
        text.append("Oil output ", Style(bold=True))
        capacity = rdef.facilities.capacity_bpd
        text.append(f"{region_output(state, region_id):,} of {capacity:,} bpd\n")
    if region.siege_by is not None:
        sglyph, scolor = controller_mark(state, region.siege_by)
        text.append("Siege ", STATUS_STYLE["#"])
        text.append(f"{sglyph} {w.factions[region.siege_by].short}", Style(color=scolor, bold=True))
        text.append(f", {region.siege_turns} turn(s)\n")
    status = region_status(state, region_id)
    if status == "×":
        text.append("× Fighting: several sides have forces here\n", STATUS_STYLE["×"])
    text.append(f"Source {rdef.source}", LABEL)
    return text
