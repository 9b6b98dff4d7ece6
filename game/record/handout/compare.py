"""The game set against history, and every variation set against the line it left.

The history ribbon is the scenario's events flagged ``history``: what the real sides did
(its column headed by the scenario's ``[story] history_label``), placed on the turn their
date falls in (undated ones before the game). Beside it stand this game's own key
happenings of the same turn. A variation is compared with its parent at the first turn
whose result differs (which orders were given differently) and at the end: every track,
every region held differently, and how each line ended."""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.state import GameState
from game.engine.world import World
from game.record.handout.model import EndRow, RibbonRow, TrackInfo, TurnEntry, Variation
from game.record.handout.timeline import key_happenings
from game.record.handout.words import clean, order_words, region_name, side_name
from game.record.history import MAIN, History
from game.record.words import join_names, long_date
from game.scenario.sources import SourceEntry, source_tag


def real_events(world: World) -> dict[int, list[tuple[str, str, str]]]:
    """The history ribbon by turn (0: before the game): (date in words or "", title, source)."""
    real: dict[int, list[tuple[str, str, str]]] = {}
    for event in world.events:
        if not event.history:
            continue
        turn = max(world.event_turns.get(event.id, 0), 0)
        when = long_date(event.date) if event.date is not None else ""
        tag = cite(event.source, world.scenario.source)
        real.setdefault(turn, []).append((when, clean(event.title), tag))
    return real


def cite(source: str, sources: Sequence[SourceEntry] = ()) -> str:
    """A scenario source for readers: ``p19,p20`` -> ``p19, p20``; given the scenario's
    sources, outside knowledge reads ``context: <reference>`` (see ``source_tag``)."""
    return clean(source_tag(source, sources))


def ribbon(world: World, entries: list[TurnEntry]) -> list[RibbonRow]:
    """History and this game side by side, turn by turn (turns with neither left out)."""
    real = {
        turn: [
            f"{when.rsplit(' ', 1)[0]}: {title} ({source})" if when else f"{title} ({source})"
            for when, title, source in items
        ]
        for turn, items in real_events(world).items()
    }
    game = {e.turn: key_happenings(e) for e in entries}
    last = max([*real, *game, 0])
    rows = []
    for turn in range(last + 1):
        left, right = real.get(turn, []), game.get(turn, [])
        if not left and not right:
            continue
        label = "before the game" if turn == 0 else f"turn {turn}, {long_date(world.date_of(turn))}"
        rows.append(RibbonRow(turn, label, left, right))
    return rows


def outcome_words(world: World, state: GameState) -> str:
    """How a line ended, in one sentence (or where it stands if it goes on)."""
    outcome = state.outcome
    if outcome is None and state.turn <= 1:
        return "No turn had been played yet."
    if outcome is None:
        return f"The game was still going after turn {state.turn - 1}."
    winner = side_name(world, outcome.winner)
    if outcome.result == "win":
        return f"{winner} won after turn {outcome.turn}."
    if outcome.result == "closest":
        return f"No side reached its goals; {winner} came closest (after turn {outcome.turn})."
    if outcome.result == "catastrophe":
        return (
            f"Catastrophe after turn {outcome.turn}: the country fell into chaos and every "
            "side lost."
        )
    return f"A draw after turn {outcome.turn}."


def variations(history: History, tracks: list[TrackInfo]) -> list[Variation]:
    """Every line but the main one, each compared with the line it left."""
    return [
        variation(history, name, tracks)
        for name, line in history.lines.items()
        if name != MAIN and line.parent is not None
    ]


def variation(history: History, name: str, tracks: list[TrackInfo]) -> Variation:
    """One variation against its parent: where it diverged and how both ended."""
    world = history.initial.w
    line = history.line(name)
    parent = line.parent or MAIN
    own, theirs = history.line_end(name), history.line_end(parent)
    diverged = history.divergence(parent, name)
    common = min(own, theirs)
    points: list[tuple[str, str, int]] = [
        (parent, f"{clean(parent)}, after turn {common}", common),
        (name, f"{clean(name)}, after turn {common}", common),
    ]
    if theirs > common:
        points.append((parent, f"{clean(parent)}, at its end (turn {theirs})", theirs))
    if own > common:
        points.append((name, f"{clean(name)}, at its end (turn {own})", own))
    states = [history.state(who, at) for who, _, at in points]
    track_rows = [
        EndRow(t.name, [t.amount(s.tracks[t.key]) if t.key in s.tracks else "·" for s in states])
        for t in tracks
    ]
    control_rows = []
    for index, region in enumerate(world.region_ids):
        holders = [s.regions[index].controller for s in states]
        if len(set(holders)) > 1:
            control_rows.append(
                EndRow(region_name(world, region), [side_name(world, h) for h in holders])
            )
    return Variation(
        name=clean(name),
        parent=clean(parent),
        branch=line.branch,
        diverged=diverged,
        changed=changed_orders(history, parent, name, diverged),
        columns=[label for _, label, _ in points],
        tracks=track_rows,
        control=control_rows,
        outcomes=[
            f"{clean(parent)}: {outcome_words(world, history.tip(parent))}",
            f"{clean(name)}: {outcome_words(world, history.tip(name))}",
        ],
    )


def changed_orders(history: History, parent: str, name: str, turn: int) -> list[str]:
    """At ``turn``: each side whose orders differ between the lines, both sets in words."""
    world = history.initial.w
    if turn > history.line_end(name):
        return []
    if turn > history.line_end(parent):
        return [f"{clean(parent)} had ended before turn {turn}."]
    mine, theirs = history.node(name, turn), history.node(parent, turn)
    out = []
    for fid in world.faction_ids:
        was = [order_words(world, g.order) for g in theirs.orders if g.order.faction == fid]
        now = [order_words(world, g.order) for g in mine.orders if g.order.faction == fid]
        dropped = [o for o in was if o not in now]
        added = [o for o in now if o not in was]
        if not dropped and not added:
            continue
        side, a, b = side_name(world, fid), clean(parent), clean(name)
        if dropped and added:
            out.append(
                f"{side} ordered {join_names(dropped)} in {a}, but {join_names(added)} in “{b}”."
            )
        elif added:
            out.append(f"{side} also ordered {join_names(added)} in “{b}”.")
        else:
            out.append(f"{side} did not order {join_names(dropped)} in “{b}”.")
    if not out:
        out.append(
            f"Every side gave the same orders in turn {turn}; other dice made the difference."
        )
    return out
