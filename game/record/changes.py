"""What changed between two states: the raw material of turn summaries and debriefs."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class ControlChange:
    """A region that changed hands."""

    region: str
    before: str
    after: str


@dataclass(slots=True)
class TurnChanges:
    """Differences between the state before and after a turn."""

    turn: int
    control: list[ControlChange] = field(default_factory=list)
    tracks: dict[str, tuple[int, int]] = field(default_factory=dict)
    losses: dict[str, int] = field(default_factory=dict)
    stats: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)

    @property
    def quiet(self) -> bool:
        """True when nothing visible changed."""
        return not (self.control or self.tracks or self.losses or self.events)


def turn_changes(before: GameState, after: GameState) -> TurnChanges:
    """Control, track, casualty, statistic and event differences, in scenario order."""
    changes = TurnChanges(turn=before.turn)
    for old, new in zip(before.regions, after.regions, strict=True):
        if old.controller != new.controller:
            changes.control.append(ControlChange(old.id, old.controller, new.controller))
    for track, value in before.tracks.items():
        if after.tracks[track] != value:
            changes.tracks[track] = (value, after.tracks[track])
    for old_f, new_f in zip(before.factions, after.factions, strict=True):
        if new_f.losses != old_f.losses:
            changes.losses[old_f.id] = new_f.losses - old_f.losses
        stats: dict[str, tuple[int, int]] = {}
        for name in ("treasury", "legitimacy", "cohesion"):
            a, b = getattr(old_f, name), getattr(new_f, name)
            if a != b and a is not None and b is not None:
                stats[name] = (a, b)
        if stats:
            changes.stats[old_f.id] = stats
    changes.events = [e for e in after.fired if e not in before.fired]
    return changes


def swings(states: list[GameState], track: str, top: int = 3) -> list[tuple[int, int]]:
    """The turns with the largest absolute change of ``track``: (turn, change), largest first."""
    moves = [
        (states[i].turn, states[i + 1].tracks[track] - states[i].tracks[track])
        for i in range(len(states) - 1)
    ]
    moves.sort(key=lambda m: (-abs(m[1]), m[0]))
    return [m for m in moves[:top] if m[1] != 0]
