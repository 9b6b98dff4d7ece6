"""Phase 10: scenario events, and the history ribbon.

Events fire on their turn or date, or when their data-only condition holds; their
effects are applied in file order. History entries (decisions the real actors took)
never change the game: they are logged on their turn so play can be compared with
what really happened.
"""

from __future__ import annotations

import datetime as dt

from game.engine.conditions import apply_effect, holds
from game.engine.turn import Turn
from game.scenario.dates import long_date
from game.scenario.models import Event, Scenario


def history_label(scenario: Scenario, event: Event, turn: int) -> str:
    """The words before a history entry: ``What really happened on 25 December:`` and
    the year.

    The event's own date, else the first day of the turn it is logged in, so the label
    comes from the scenario's calendar and never names a year by hand.
    """
    meta = scenario.meta
    day = event.date or meta.start + dt.timedelta(days=meta.turn_days * max(0, turn - 1))
    return f"What really happened on {long_date(day)}:"


def due(t: Turn, event: Event) -> bool:
    """Whether ``event`` fires in the turn being resolved."""
    turn = t.w.event_turns.get(event.id)
    if turn is not None and turn != t.number:
        return False  # most events are dated: this answers for them at once
    if event.once and event.id in t.state.fired:
        return False
    if event.when is not None:
        return holds(event.when, t.state, t.happened)
    return turn == t.number


def events_phase(t: Turn) -> None:
    """Fire every due event in scenario order."""
    t.phase = "events"
    turns = t.w.event_turns
    for event in t.w.events:
        turn = turns.get(event.id)
        if turn is not None and turn != t.number:
            continue  # a dated event of another turn (as due() would say, without the call)
        if not due(t, event):
            continue
        if event.once:
            t.state.fired.append(event.id)
        if event.history:
            if t.keep_log:
                t.entry(
                    "history",
                    f"{history_label(t.w.scenario, event, t.number)} {event.title}. {event.text}",
                    faction=event.faction,
                    source=event.source,
                    rule="history ribbon: what really happened, for comparison; it has no effect",
                )
            continue
        changes = [apply_effect(t.state, e) for e in event.effects]
        if not t.keep_log:
            continue
        t.entry(
            "event",
            f"{event.title}. {event.text}" + (f" ({'; '.join(changes)})" if changes else ""),
            faction=event.faction,
            source=event.source,
            rule="scenario event" + (f" on turn {t.number}" if event.when is None else ""),
            cause=event.title,
        )
