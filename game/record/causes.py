"""Reading the log's itemised causes: what moved a figure, by how much, and whose act it was.

The engine books every change of a tracked figure to the log entry that caused it
(``LogEntry.changes``). These helpers answer the player's questions from that record
alone, never re-running a turn: "why did escalation rise by 3?", "what did this battle
change?", "who has been driving escalation these last turns?".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.engine.log import Change, LogEntry
from game.engine.world import World
from game.record.words import side_name

ESCALATION = "escalation"
"""The track whose maximum ends the game for every side (the engine's own rule)."""

FACTION_FIGURES = {"legitimacy": "legitimacy", "treasury": "treasury", "cohesion": "cohesion"}
"""Faction statistics the log accounts for, with their names for a player."""


@dataclass(frozen=True, slots=True)
class Cause:
    """One cause of a figure's change over some entries: its words, owner and amount."""

    why: str
    by: str | None
    delta: int
    entry: LogEntry
    """The first entry that booked it (for "explain this")."""


def causes(entries: Iterable[LogEntry], figure: str, subject: str) -> list[Cause]:
    """The causes of a numeric figure's change, in log order, equal causes added up."""
    found: dict[tuple[str, str | None], Cause] = {}
    for entry in entries:
        for c in entry.changes:
            if c.figure != figure or c.subject != subject or not c.delta:
                continue
            key = c.why, c.by
            was = found.get(key)
            delta = c.delta + (was.delta if was is not None else 0)
            found[key] = Cause(c.why, c.by, delta, was.entry if was is not None else entry)
    return [c for c in found.values() if c.delta]


def net(entries: Iterable[LogEntry], figure: str, subject: str) -> int:
    """The net change of a numeric figure over ``entries`` (the sum of its causes)."""
    return sum(
        c.delta
        for entry in entries
        for c in entry.changes
        if c.figure == figure and c.subject == subject
    )


def hands(entries: Iterable[LogEntry], region: str) -> list[tuple[Change, LogEntry]]:
    """Every change of holder of ``region``, with the entry that caused it."""
    return [
        (c, entry)
        for entry in entries
        for c in entry.changes
        if c.figure == "control" and c.subject == region
    ]


def figure_name(world: World, figure: str, subject: str) -> str:
    """A figure in a player's words: ``Escalation``, ``Red army legitimacy``, ``Port damage``."""
    if figure == "track":
        tdef = world.tracks.get(subject)
        return tdef.name if tdef is not None else subject
    if figure in FACTION_FIGURES:
        return f"{side_name(world, subject)} {FACTION_FIGURES[figure]}"
    place = world.regions[subject].name if subject in world.regions else subject
    if figure == "damage":
        return f"{place} facility damage"
    if figure == "fires":
        return f"{place} tanks ablaze"
    return f"{place} holder"


def amount(world: World, figure: str, subject: str, delta: int) -> str:
    """A change with its sign and unit: ``+3``, ``-140,294 bpd``, ``+10%``."""
    sign = "+" if delta >= 0 else "-"
    return sign + level(world, figure, subject, abs(delta))


def level(world: World, figure: str, subject: str, value: int) -> str:
    """A figure's value with its unit: ``3``, ``211,706 bpd``, ``40%``."""
    if figure == "damage":
        return f"{value:,}%"
    if figure == "track":
        tdef = world.tracks.get(subject)
        unit = tdef.unit if tdef is not None else ""
        if unit == "%":
            return f"{value:,}%"
        if unit:
            return f"{value:,} {unit}"
    return f"{value:,}"


def cause_words(world: World, cause: Cause) -> str:
    """A cause as a player reads it: ``Red army: attack on Port`` or ``a quiet turn``.

    The owner is named first unless the cause's own words already begin with it.
    """
    if cause.by is None or cause.by not in world.factions:
        return cause.why
    name = side_name(world, cause.by)
    if cause.why.startswith(name) or cause.why.startswith(world.factions[cause.by].name):
        return cause.why
    return f"{name}: {cause.why}"


def act_words(world: World, cause: Cause) -> str:
    """A cause's words without its owner's name in front (for lists grouped by owner)."""
    if cause.by in world.factions:
        for name in (side_name(world, cause.by), world.factions[cause.by].short):
            if cause.why.startswith(name + " "):
                return cause.why[len(name) + 1 :]
    return cause.why


def itemised(world: World, entries: Sequence[LogEntry], figure: str, subject: str) -> str:
    """One line: ``Escalation +3: A +1 · B +1 · a quiet turn -1`` (empty if unchanged)."""
    found = causes(entries, figure, subject)
    if not found:
        return ""
    total = sum(c.delta for c in found)
    parts = " · ".join(
        f"{cause_words(world, c)} {amount(world, figure, subject, c.delta)}" for c in found
    )
    head = f"{figure_name(world, figure, subject)} {amount(world, figure, subject, total)}"
    return f"{head}: {parts}"


def figures_changed(entries: Iterable[LogEntry]) -> list[tuple[str, str]]:
    """Every numeric (figure, subject) the entries changed, in the order first booked."""
    seen: dict[tuple[str, str], None] = {}
    for entry in entries:
        for c in entry.changes:
            if c.figure != "control":
                seen.setdefault((c.figure, c.subject), None)
    return list(seen)


def drivers(turns: Iterable[Sequence[LogEntry]], track: str) -> list[Cause]:
    """Who and what pushed ``track`` up over several turns, largest push first.

    Only pushes up count (what drove it, not what held it back); equal causes of
    different turns are added up.
    """
    found: dict[tuple[str, str | None], Cause] = {}
    for entries in turns:
        for c in causes(entries, "track", track):
            if c.delta <= 0:
                continue
            key = c.why, c.by
            was = found.get(key)
            total = c.delta + (was.delta if was is not None else 0)
            found[key] = Cause(c.why, c.by, total, was.entry if was is not None else c.entry)
    return sorted(found.values(), key=lambda c: -c.delta)


REGION_FIGURES = ("control", "damage", "fires")


def region_story(entries: Iterable[LogEntry], region: str) -> list[tuple[LogEntry, Change]]:
    """What happened to a region's holder, damage and fires, entry by entry.

    This is the chain behind an oil region's output: the strike that set its tanks
    ablaze, the fire that spread, the battle that changed its holder.
    """
    return [
        (entry, c)
        for entry in entries
        for c in entry.changes
        if c.subject == region and c.figure in REGION_FIGURES
    ]
