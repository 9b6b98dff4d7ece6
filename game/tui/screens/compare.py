"""Two lines of a game side by side: tracks and control per turn, where they part, how
each ends.

The head says which lines, the turn where they first differ
(:meth:`History.divergence`) and each line's outcome ("still in play at turn N" for a
line not finished). Three tabs: *Tracks* (every track per turn, one value where the
lines agree, both in bold where they differ), *Control* (the regions that changed
hands on each line and the ones held by different sides) and *Chart* (one track over
the turns of both lines; ``t`` shows the next track).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from game.engine.state import GameState
from game.engine.world import World
from game.record.changes import turn_changes
from game.record.history import History
from game.record.match import Match
from game.record.words import plural
from game.scenario.models import Track
from game.tui.screens.debrief import compact_number
from game.tui.screens.replay_view import outcome_words
from game.tui.widgets.tracks_panel import shown_tracks

BOLD = Style(bold=True)
DIM = Style(dim=True)
NONE = "—"
"""A turn a line did not play (it ended before, or it is a variation not yet that far)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """What the screen shows about lines ``a`` and ``b``."""

    a: str
    b: str
    divergence: int
    """The first position at which they differ."""
    states_a: list[GameState]
    states_b: list[GameState]

    @property
    def length(self) -> int:
        """Positions to show: the longer line's, from the start."""
        return max(len(self.states_a), len(self.states_b))

    @property
    def shared(self) -> int:
        """Positions both lines played."""
        return min(len(self.states_a), len(self.states_b))


def compare(history: History, a: str, b: str) -> Comparison:
    """The states of both lines from the start, and where they part."""

    def states(name: str) -> list[GameState]:
        return [history.initial] + [node.state for node in history.path(name)]

    return Comparison(a, b, history.divergence(a, b), states(a), states(b))


def parting(c: Comparison) -> str:
    """Where the lines part, in words."""
    last = c.shared - 1
    if c.divergence > last:
        return f"identical for the {plural(last, 'turn')} both have played"
    if c.divergence <= 1:
        return "different from turn 1"
    return f"shared until turn {c.divergence - 1}; first differ at turn {c.divergence}"


def track_cell(track: Track, a: GameState | None, b: GameState | None) -> Text:
    """One track at one turn: one muted value where the lines agree, both where they differ."""
    if a is None and b is None:
        return Text(NONE, DIM)
    if a is None or b is None:
        left = compact_number(a.tracks[track.id]) if a is not None else NONE
        right = compact_number(b.tracks[track.id]) if b is not None else NONE
        return Text(f"{left} │ {right}")
    va, vb = a.tracks[track.id], b.tracks[track.id]
    if va == vb:
        return Text(compact_number(va), DIM)
    left, right = compact_number(va), compact_number(vb)
    if left == right:  # close values that round alike: show them whole
        left, right = f"{va:,}", f"{vb:,}"
    return Text(f"{left} │ {right}", BOLD)


def hands(world: World, before: GameState | None, after: GameState | None) -> Text:
    """The regions that changed hands in a turn: ``Sirte→D``."""
    if before is None or after is None:
        return Text(NONE, DIM)
    changes = turn_changes(before, after).control
    if not changes:
        return Text("·", DIM)
    text = Text()
    for i, change in enumerate(changes):
        if i:
            text.append(", ")
        name = world.regions[change.region].name.split(" (")[0]
        holder = world.factions.get(change.after)
        text.append(f"{name}→")
        if holder is not None:
            text.append(holder.glyph, Style(color=holder.color, bold=True))
        else:
            text.append("·")
    return text


def held_apart(world: World, a: GameState | None, b: GameState | None) -> Text:
    """Regions held by different sides on the two lines at this turn: ``Sirte D/T``."""
    if a is None or b is None:
        return Text(NONE, DIM)
    text = Text()
    for ra, rb in zip(a.regions, b.regions, strict=True):
        if ra.controller == rb.controller:
            continue
        if text:
            text.append(", ")
        text.append(world.regions[ra.id].name.split(" (")[0] + " ")
        for i, holder in enumerate((ra.controller, rb.controller)):
            fdef = world.factions.get(holder)
            text.append("/" if i else "")
            if fdef is None:
                text.append("·")
            else:
                text.append(fdef.glyph, Style(color=fdef.color, bold=True))
    return text if text else Text("same", DIM)


def _at(states: list[GameState], position: int) -> GameState | None:
    return states[position] if 0 <= position < len(states) else None


class CompareScreen(Screen[None]):
    """Lines ``a`` and ``b`` of a game side by side."""

    CSS_PATH = "replay.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back"),
        Binding("1", "tab('cmp-tracks')", "Tracks"),
        Binding("2", "tab('cmp-control')", "Control"),
        Binding("3", "tab('cmp-chart')", "Chart"),
        Binding("t", "next_track", "Next track"),
    ]

    def __init__(self, match: Match, a: str, b: str) -> None:
        super().__init__(id="compare")
        self.match = match
        self.world = match.world
        self.c = compare(match.history, a, b)
        self.tracks = shown_tracks(match.world)
        self.chart_track = 0

    def compose(self) -> ComposeResult:
        yield Static(self._head(), id="compare-head")
        with TabbedContent(initial="cmp-tracks", id="compare-tabs"):
            with TabPane("Tracks 1", id="cmp-tracks"):
                yield DataTable(id="compare-tracks", zebra_stripes=True, cursor_type="row")
            with TabPane("Control 2", id="cmp-control"):
                yield DataTable(id="compare-control", zebra_stripes=True, cursor_type="row")
            with TabPane("Chart 3", id="cmp-chart"):
                yield PlotextPlot(id="compare-chart")
        yield Footer(compact=True)

    def _head(self) -> Content:
        c = self.c
        history = self.match.history
        return Content.assemble(
            ("Left ", "$text-muted"),
            (c.a, "bold $accent"),
            ("   Right ", "$text-muted"),
            (c.b, "bold $accent"),
            "\n",
            (parting(c), "bold"),
            "\n",
            (f"{c.a}: ", "bold"),
            outcome_words(history.tip(c.a)),
            "\n",
            (f"{c.b}: ", "bold"),
            outcome_words(history.tip(c.b)),
        )

    def on_mount(self) -> None:
        self._fill_tracks()
        self._fill_control()
        self._draw_chart()
        self.query_one("#compare-tracks", DataTable).focus()

    def _turn_label(self, position: int) -> Text:
        label = "start" if position == 0 else str(position)
        if position == self.c.divergence:
            return Text(f"{label} ≠", BOLD)
        return Text(label)

    def _fill_tracks(self) -> None:
        table = self.query_one("#compare-tracks", DataTable)
        table.add_column("turn", key="turn")
        for track in self.tracks:
            table.add_column(Text(track.name), key=track.id)
        c = self.c
        for position in range(c.length):
            a, b = _at(c.states_a, position), _at(c.states_b, position)
            cells = [track_cell(track, a, b) for track in self.tracks]
            table.add_row(self._turn_label(position), *cells)

    def _fill_control(self) -> None:
        table = self.query_one("#compare-control", DataTable)
        c = self.c
        table.add_column("turn", key="turn")
        table.add_column(Text(f"changed hands: {c.a}"), key="a")
        table.add_column(Text(f"changed hands: {c.b}"), key="b")
        table.add_column("held by different sides (left/right)", key="apart")
        for position in range(1, c.length):
            a, b = _at(c.states_a, position), _at(c.states_b, position)
            table.add_row(
                self._turn_label(position),
                hands(self.world, _at(c.states_a, position - 1), a),
                hands(self.world, _at(c.states_b, position - 1), b),
                held_apart(self.world, a, b),
            )

    def _draw_chart(self) -> None:
        track = self.tracks[self.chart_track]
        plt = self.query_one(PlotextPlot).plt
        plt.clear_data()
        plt.clear_figure()
        for name, states in ((self.c.a, self.c.states_a), (self.c.b, self.c.states_b)):
            xs = [float(i) for i in range(len(states))]
            ys = [float(s.tracks[track.id]) for s in states]
            plt.plot(xs, ys, marker="braille", label=name)
        if self.c.divergence < self.c.length:
            plt.vertical_line(float(self.c.divergence))
        plt.title(f"{track.name} · t: next track")
        plt.xlabel("turn")
        self.query_one(PlotextPlot).refresh()

    def action_tab(self, tab: str) -> None:
        """Show one of the tabs."""
        self.query_one("#compare-tabs", TabbedContent).active = tab

    def action_next_track(self) -> None:
        """Chart the next track."""
        self.chart_track = (self.chart_track + 1) % len(self.tracks)
        self.action_tab("cmp-chart")
        self._draw_chart()

    def action_close(self) -> None:
        """Back to the viewer."""
        self.dismiss(None)
