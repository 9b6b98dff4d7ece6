"""How often a game's repeatable events fired, read from its log.

A game's state records the once-only events that fired (``GameState.fired``), which is
all most scenarios need; an event with ``once = false`` may fire on many turns and leaves
no mark in the state. ``sidra lint`` plays such scenarios with their log kept and counts
those events here, so its report can say how often every event fired.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.log import LogEntry
from game.engine.world import World
from game.scenario.models import Event


def repeatable_events(world: World) -> list[Event]:
    """The events that may fire more than once and change the game (not history entries)."""
    return [e for e in world.events if not e.once and not e.history]


def repeat_counts(world: World, log: Sequence[LogEntry]) -> dict[str, int]:
    """How often each repeatable event fired, read from a game's log (empty without one).

    The events phase writes one ``event`` entry per event that fires, in scenario order,
    starting with the event's title and text; entries are matched to events in that
    order, so even two events with the same title are told apart.
    """
    repeatable = {e.id for e in repeatable_events(world)}
    if not repeatable or not log:
        return {}
    counts: dict[str, int] = {}
    effective = [e for e in world.events if not e.history]
    turn, at = -1, 0
    for entry in log:
        if entry.kind != "event":
            continue
        if entry.turn != turn:
            turn, at = entry.turn, 0
        for i in range(at, len(effective)):
            event = effective[i]
            if entry.text.startswith(f"{event.title}. {event.text}"):
                at = i + 1
                if event.id in repeatable:
                    counts[event.id] = counts.get(event.id, 0) + 1
                break
    return counts
