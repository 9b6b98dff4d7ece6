"""The map: the theatre's coast, every region with its forces, links, and the selection.

:class:`MapView` paints a plan computed by :mod:`map_layout` (pure geometry) from the
game state it is shown; it keeps only which region is selected. Each region is its
holder's glyph in the faction's colour (so colour is never the only cue), a status
mark when there is one (see :mod:`map_marks`), and a label with its name and the
ground strength of every faction there (``Tripoli D4``). Every other colour comes from
the theme through component classes (``map_view.tcss``), so high contrast and
``NO_COLOR`` apply.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from game.engine.state import GameState
from game.tui.widgets.map_labels import Marker, short_label
from game.tui.widgets.map_layout import MapInput, MapPlan, Place, nearest_in_direction, plan_map
from game.tui.widgets.map_marks import (
    NEUTRAL_GLYPH,
    STATUS_CLASS,
    STATUS_WORDS,
    controller_mark,
    first_region,
    ground_strengths,
    home_region,
    region_status,
)
from game.tui.widgets.region_details import RegionDetails

__all__ = ["MapView", "RegionDetails", "controller_mark", "map_input", "region_status"]

PARTS = ("coast", "link", "sea", "label", "muted", "note", "inset", *STATUS_CLASS.values())
"""Component classes of the map (``map-view--coast`` …), styled in ``map_view.tcss``."""


def map_input(state: GameState, marked: Iterable[str] = ()) -> MapInput:
    """What the layout needs from the state: places in scenario order, links, outline, frame."""
    w = state.w
    spec = w.scenario.map
    noted = set(marked)
    places = []
    for rid in w.region_ids:
        rdef = w.regions[rid]
        forces = " ".join(f"{w.factions[fid].glyph}{n}" for fid, n in ground_strengths(state, rid))
        places.append(
            Place(
                rid,
                rdef.lat,
                rdef.lon,
                spec.labels.get(rid) or short_label(rdef.name),
                forces,
                rdef.offmap,
                1 + bool(region_status(state, rid)) + (rid in noted),
            )
        )
    links = tuple((link.a, link.b, link.kind == "sea") for link in w.scenario.link)
    outline = tuple(tuple((p[0], p[1]) for p in shape.points) for shape in spec.outline)
    frame = None if spec.frame is None else tuple((p[0], p[1]) for p in spec.frame)
    return MapInput(tuple(places), links, outline, frame)


class MapView(Widget, can_focus=True):
    """The theatre drawn in braille with a marker per region; arrows, n/p and clicks select."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(0, -1)", "North", show=False),
        Binding("down", "move(0, 1)", "South", show=False),
        Binding("left", "move(-1, 0)", "West", show=False),
        Binding("right", "move(1, 0)", "East", show=False),
        Binding("p", "cycle_region(-1)", "Prev place", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"map-view--{part}" for part in PARTS}

    selected: reactive[str | None] = reactive(None)

    class RegionSelected(Message):
        """A region was selected on the map."""

        def __init__(self, region_id: str) -> None:
            self.region_id = region_id
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._state: GameState | None = None
        self._faction: str | None = None
        self._plan: MapPlan | None = None
        self._plan_key: tuple[int, int, int] | None = None
        self._grid: list[list[tuple[str, Style]]] = []
        self._grid_key: tuple[int, int, str | None, int] | None = None
        self._version = 0
        self.markers: dict[str, Marker] = {}
        self.marked: frozenset[str] = frozenset()
        """Regions drawn with a note mark ``✎`` beside their marker (the replay's notes)."""

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._restyle, init=False)

    def _restyle(self) -> None:
        """A new theme: paint again with its colours (the grid caches styles)."""
        self._grid_key = None
        self.refresh()

    # -- state ----------------------------------------------------------------------

    def show_state(self, state: GameState, faction: str | None = None) -> None:
        """Draw ``state``; select ``faction``'s home when the keyboard passes to it.

        The selection is kept while the same player looks at the map; a new player
        (or a first look) starts at their own home, so nothing of the previous player's
        selection shows. Without a faction (the replay) the first region is selected.
        """
        self._state = state
        self._version += 1
        handed_over = faction is not None and faction != self._faction
        self._faction = faction
        if handed_over and faction is not None:
            self.select(home_region(state, faction))
        elif self.selected is None or self.selected not in state.w.regions:
            self.selected = first_region(state.w)
        self.refresh()

    def select_home(self, faction: str) -> None:
        """Select ``faction``'s home region (its capital, see :func:`home_region`)."""
        if self._state is not None and faction in self._state.w.factions:
            self._faction = faction
            self.select(home_region(self._state, faction))

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
        """Select the region whose marker or label is nearest the click."""
        offset = event.get_content_offset(self)
        if offset is None or not self.markers:
            return

        def distance(m: Marker) -> tuple[int, tuple[int, int]]:
            spots = [m.at]
            if m.label_at is not None:
                spots += [(m.label_at[0] + i, m.label_at[1]) for i in range(len(m.label_text))]
            near = min((x - offset.x) ** 2 + 4 * (y - offset.y) ** 2 for x, y in spots)
            return near, m.at

        self.select(min(self.markers.values(), key=distance).key)

    # -- painting -------------------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        return {
            part: self.get_component_rich_style(f"map-view--{part}", partial=True) for part in PARTS
        }

    def _build(self) -> None:
        state = self._state
        width, height = self.size.width, self.size.height
        key = (width, height, self.selected, self._version)
        if key == self._grid_key:
            return
        self._grid_key = key
        self._grid = [[(" ", Style())] * width for _ in range(height)]
        self.markers = {}
        if state is None:
            return
        if self._plan_key != (width, height, self._version) or self._plan is None:
            self._plan = plan_map(map_input(state, self.marked), width, height)
            self._plan_key = (width, height, self._version)
        plan = self._plan
        self.markers = plan.markers
        styles = self._styles()
        for y in range(plan.top):
            self._grid[y] = [(" ", styles["inset"])] * width
        for (x, y), char in plan.coast.items():
            self._grid[y][x] = (char, styles["coast"])
        for (x, y), (char, sea) in plan.links.items():
            self._grid[y][x] = (char, styles["sea" if sea else "link"] + self._under(x, y))
        for m in plan.markers.values():
            self._paint_marker(state, m, styles)
        if plan.legend is not None:
            self._paint_legend(state, plan.legend, width, styles)

    def _under(self, x: int, y: int) -> Style:
        """The background already at a cell (the off-map strip's), kept under what is drawn."""
        style = self._grid[y][x][1]
        return Style(bgcolor=style.bgcolor) if style.bgcolor is not None else Style()

    def _put(self, x: int, y: int, char: str, style: Style) -> None:
        if 0 <= y < len(self._grid) and 0 <= x < len(self._grid[y]):
            self._grid[y][x] = (char, self._under(x, y) + style)

    def _paint_marker(self, state: GameState, m: Marker, styles: dict[str, Style]) -> None:
        controller = state.region(m.key).controller
        glyph, color = controller_mark(state, controller)
        chosen = m.key == self.selected
        own = Style(color=color, bold=True) if glyph != NEUTRAL_GLYPH else styles["muted"]
        x, y = m.at
        self._put(x, y, glyph, own + Style(reverse=chosen))
        status = region_status(state, m.key)
        if status:
            self._put(x + 1, y, status, styles[STATUS_CLASS[status]])
        if m.key in self.marked:
            self._put(x + 1 + bool(status), y, "✎", styles["note"])
        if m.label_at is None:
            return
        lx, ly = m.label_at
        text = m.label_text
        forces_at = len(text)
        if m.forces_shown and m.forces:
            forces_at = len(text) - len(m.forces)
        label_style = styles["label"] + (own + Style(underline=True) if chosen else Style())
        for i, char in enumerate(text[:forces_at]):
            self._put(lx + i, ly, char, label_style)
        colours = {f.glyph: f.color for f in state.w.factions.values()}
        colour = None
        for i, char in enumerate(text[forces_at:], start=forces_at):
            colour = colours.get(char, colour)
            self._put(lx + i, ly, char, Style(color=colour, bold=char in colours))

    def _paint_legend(self, state: GameState, y: int, width: int, styles: dict[str, Style]) -> None:
        parts = _legend(state, styles, compact=False)
        if sum(len(text) for text, _ in parts) > width:
            parts = _legend(state, styles, compact=True)
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


def _legend(state: GameState, styles: dict[str, Style], compact: bool) -> list[tuple[str, Style]]:
    """The legend row: faction glyphs (with short names unless compact), links and marks."""
    muted = styles["muted"]
    parts: list[tuple[str, Style]] = []
    for fid in state.w.faction_ids:
        fdef = state.w.factions[fid]
        parts.append((fdef.glyph, Style(color=fdef.color, bold=True)))
        parts.append((" " if compact else f" {fdef.short}  ", muted))
    parts.append((NEUTRAL_GLYPH, muted))
    parts.append((" " if compact else " neutral  ", muted))
    parts += [("┈", styles["link"]), ("road " if compact else " road  ", muted)]
    parts += [("≈", styles["sea"]), ("sea " if compact else " sea  ", muted)]
    for mark, (word, short) in STATUS_WORDS.items():
        parts += [(mark, styles[STATUS_CLASS[mark]]), (f"{short if compact else word} ", muted)]
    return parts
