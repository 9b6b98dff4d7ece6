"""National tracks (oil, displaced, access, escalation, talks, pressure) with their history.

Each track is a line of text (value, change since last turn, reference level) and a
:class:`~textual.widgets.Sparkline` of its value at the start and after every turn, so
a trend is visible at a glance. The history comes from ``GameSession.history()``.

Escalation is the clock every side loses to, so its line also says what its maximum
means, who caused how much, what the player's queued orders would add (the projection
the faction panel beside it hands over) and, near the maximum, stands out in the
theme's warning and error colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from game.engine.projection import Projection
from game.engine.state import GameState
from game.engine.world import World
from game.scenario.models import Track
from game.tui.widgets.score_text import signed

PREFERRED = (
    "oil_output",
    "displaced",
    "humanitarian_access",
    "escalation",
    "un_talks",
    "intervention_pressure",
)
"""The order tracks are shown in; a scenario's other tracks follow in file order."""


ESCALATION = "escalation"
"""The track whose every point is owned by the faction that caused it."""

WARNING_SHARE = (7, 10)
"""From this share of its maximum (7/10) escalation is shown in the warning colour."""
DANGER_SHARE = (17, 20)
"""From this share (17/20), or when the queued orders would reach the maximum, in the error
colour."""


def alarm(track: Track, value: int, projected: int | None = None) -> str | None:
    """``danger``, ``warning`` or None: how close escalation is (or would be) to its maximum."""
    top = track.max
    if value * DANGER_SHARE[1] >= top * DANGER_SHARE[0] or (
        projected is not None and projected >= top
    ):
        return "danger"
    if value * WARNING_SHARE[1] >= top * WARNING_SHARE[0]:
        return "warning"
    return None


def projection_line(track: Track, projection: Projection) -> Text:
    """The queued orders on the meter:
    ``if the turn ends now: → 8 to 9 (your orders +2.5), projected``."""
    change = projection.escalation
    text = Text("  if the turn ends now: ", Style(dim=True))
    if not change.moved:
        text.append("no change (projected)", Style(dim=True))
        return text
    reach = f"{change.lowest:,}" + ("" if change.certain else f" to {change.highest:,}")
    text.append(f"→ {reach}", Style(bold=True))
    text.append(f" (your orders {signed(change.mean)}), projected", Style(dim=True))
    if change.highest >= track.max:
        text.append(f"; at {track.max:,} every side loses", Style(bold=True))
    return text


def shown_tracks(world: World) -> list[Track]:
    """The scenario's tracks in display order."""
    first = [world.tracks[t] for t in PREFERRED if t in world.tracks]
    return first + [t for t in world.scenario.track if t.id not in PREFERRED]


def format_value(track: Track, value: int) -> str:
    """A track's value with its unit; unit-less tracks show their maximum (e.g. ``7 / 20``)."""
    if track.unit == "%":
        return f"{value}%"
    if track.unit:
        return f"{value:,} {track.unit}"
    return f"{value:,} / {track.max:,}"


def owners_line(state: GameState) -> Text:
    """Who caused the escalation so far, most first: ``caused by Tobruk 5 · Dawn 3``."""
    w = state.w
    caused = sorted(
        ((f.escalation, w.faction_ids.index(f.id), f.id) for f in state.factions),
        key=lambda c: (-c[0], c[1]),
    )
    text = Text("  caused by ", Style(dim=True))
    for i, (points, _, fid) in enumerate(caused):
        fdef = w.factions[fid]
        if i:
            text.append(" · ", Style(dim=True))
        text.append(f"{fdef.short} {points}")
    return text


def track_line(track: Track, values: Sequence[int]) -> Text:
    """Name, value, change since the previous turn and reference level of one track."""
    value = values[-1]
    text = Text()
    text.append(track.name, Style(bold=True))
    text.append(f" {format_value(track, value)}")
    if len(values) > 1 and values[-1] != values[-2]:
        delta = values[-1] - values[-2]
        text.append(f" {'▲' if delta > 0 else '▼'}{abs(delta):,}", Style(dim=True))
    if track.reference is not None:
        label = track.reference_label or "reference"
        text.append(f" ({label}: {track.reference:,})", Style(dim=True))
    return text


class TracksPanel(Vertical):
    """One text line and one sparkline per track."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"tracks-panel--warning", "tracks-panel--danger"}

    DEFAULT_CSS = """
    TracksPanel > .tracks-panel--warning {
        color: $warning;
        text-style: bold;
    }
    TracksPanel > .tracks-panel--danger {
        color: $error;
        text-style: bold;
    }
    """

    def __init__(self, world: World, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._history: list[GameState] = []
        self._projection: Projection | None = None
        self._tracks = shown_tracks(world)
        self._labels = {t.id: Static(Text(t.name), classes="track-label") for t in self._tracks}
        self._sparks = {t.id: Sparkline([], classes="track-spark") for t in self._tracks}

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _: object) -> None:
        """Draw again in the new theme's colours (Rich text keeps the colours it was made with)."""
        if self._history:
            self.show(self._history)

    def compose(self) -> ComposeResult:
        for track in self._tracks:
            yield self._labels[track.id]
            yield self._sparks[track.id]

    def show(self, history: Sequence[GameState]) -> None:
        """Draw every track's values over ``history`` (start, then after each turn)."""
        if not history:
            return
        if not self._history or history[-1] is not self._history[-1]:
            self._projection = None  # made for a state that is no longer the latest
        self._history = list(history)
        for track in self._tracks:
            values = [s.tracks[track.id] for s in history]
            if track.id == ESCALATION:
                self._show_escalation(track, values)
            else:
                self._labels[track.id].update(track_line(track, values))
            # One value would draw a full-height block; two equal ones draw a flat line.
            points = [float(v) for v in (values if len(values) > 1 else values * 2)]
            self._sparks[track.id].data = points

    def show_projection(self, projection: Projection | None) -> None:
        """Show what the queued orders would do to escalation (None: nothing to project)."""
        self._projection = projection
        track = next((t for t in self._tracks if t.id == ESCALATION), None)
        if track is not None and self._history:
            self._show_escalation(track, [s.tracks[track.id] for s in self._history])

    def _show_escalation(self, track: Track, values: Sequence[int]) -> None:
        """The meter with its maximum's meaning, its owners and the projection, alarmed near
        the top."""
        line = track_line(track, values)
        line.append(f" (at {track.max:,} every side loses)", Style(dim=True))
        projection = self._projection
        projected = None
        if projection is not None and projection.orders:
            projected = projection.escalation.highest
        level = alarm(track, values[-1], projected)
        if level is not None:
            style = self.get_component_rich_style(f"tracks-panel--{level}", partial=True)
            line.stylize(style, 0, len(track.name) + 1 + len(format_value(track, values[-1])))
            left = track.max - values[-1]
            line.append("\n")
            line.append(f"  {left:,} from the maximum", style)
        line.append("\n")
        line.append_text(owners_line(self._history[-1]))
        if projection is not None and projection.orders:
            line.append("\n")
            line.append_text(projection_line(track, projection))
        self._labels[track.id].update(line)
