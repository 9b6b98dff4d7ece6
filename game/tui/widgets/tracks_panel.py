"""National tracks (oil, displaced, access, escalation, talks, pressure) with their history.

Each track is a line of text (value, change since last turn, reference level) and a
:class:`~textual.widgets.Sparkline` of its value at the start and after every turn, so
a trend is visible at a glance. The history comes from ``GameSession.history()``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from game.engine.state import GameState
from game.engine.world import World
from game.scenario.models import Track

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

    def __init__(self, world: World, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._tracks = shown_tracks(world)
        self._labels = {t.id: Static(Text(t.name), classes="track-label") for t in self._tracks}
        self._sparks = {t.id: Sparkline([], classes="track-spark") for t in self._tracks}

    def compose(self) -> ComposeResult:
        for track in self._tracks:
            yield self._labels[track.id]
            yield self._sparks[track.id]

    def show(self, history: Sequence[GameState]) -> None:
        """Draw every track's values over ``history`` (start, then after each turn)."""
        if not history:
            return
        for track in self._tracks:
            values = [s.tracks[track.id] for s in history]
            line = track_line(track, values)
            if track.id == ESCALATION:
                line.append("\n")
                line.append_text(owners_line(history[-1]))
            self._labels[track.id].update(line)
            # One value would draw a full-height block; two equal ones draw a flat line.
            points = [float(v) for v in (values if len(values) > 1 else values * 2)]
            self._sparks[track.id].data = points
