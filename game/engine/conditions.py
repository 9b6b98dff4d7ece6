"""Evaluating the scenario's data-only conditions and applying its effects.

This is the whole interpreter for what authors write in ``when``, ``requires`` and
``effects``: a fixed set of tagged tables, so a scenario can never run code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import assert_never

from game.engine.state import GameState, UnitState
from game.scenario.models import Scenario
from game.scenario.rules import (
    AllOf,
    AnyOf,
    Condition,
    ControlEffect,
    Controls,
    DamageEffect,
    Effect,
    EffectStat,
    Happened,
    Not,
    Stat,
    StatAtLeast,
    StatAtMost,
    StatEffect,
    StrengthAtLeast,
    StrengthEffect,
    TanksAblazeEffect,
    TrackAtLeast,
    TrackAtMost,
    TrackEffect,
    TurnAtLeast,
)


@dataclass(frozen=True, slots=True)
class Happening:
    """Something noted during resolution that conditions may ask about."""

    what: str
    faction: str | None = None
    region: str | None = None


def stat_value(state: GameState, faction: str, stat: Stat) -> int:
    """A faction statistic by name (cohesion is 0 for factions that have none)."""
    f = state.faction(faction)
    match stat:
        case "treasury":
            return f.treasury
        case "legitimacy":
            return f.legitimacy
        case "cohesion":
            return f.cohesion or 0
        case "escalation":
            return f.escalation
        case _:
            assert_never(stat)


def holds(cond: Condition, state: GameState, happened: Sequence[Happening] | None) -> bool:
    """Whether ``cond`` is true now; ``happened`` is this turn's record (None outside a turn)."""
    match cond:
        case TrackAtLeast():
            return state.tracks[cond.track] >= cond.value
        case TrackAtMost():
            return state.tracks[cond.track] <= cond.value
        case StatAtLeast():
            return stat_value(state, cond.faction, cond.stat) >= cond.value
        case StatAtMost():
            return stat_value(state, cond.faction, cond.stat) <= cond.value
        case Controls():
            return state.region(cond.region).controller == cond.faction
        case StrengthAtLeast():
            return state.ground(cond.faction, cond.region) >= cond.value
        case TurnAtLeast():
            return state.turn >= cond.turn
        case Happened():
            return any(
                h.what == cond.what
                and (cond.faction is None or h.faction == cond.faction)
                and (cond.region is None or h.region == cond.region)
                for h in happened or ()
            )
        case AllOf():
            return all(holds(c, state, happened) for c in cond.conditions)
        case AnyOf():
            return any(holds(c, state, happened) for c in cond.conditions)
        case Not():
            return not holds(cond.condition, state, happened)
        case _:
            assert_never(cond)


def describe(cond: Condition, scenario: Scenario | None = None) -> str:
    """Plain words for a condition (used in reasons, the briefing and help).

    With the ``scenario`` every id is shown by its name and each track amount with its
    unit ("UN talks at least 30%"); without it the ids are shown as written.
    """
    names = Names(scenario)
    match cond:
        case TrackAtLeast():
            return f"{names.track(cond.track)} at least {names.amount(cond.track, cond.value)}"
        case TrackAtMost():
            return f"{names.track(cond.track)} at most {names.amount(cond.track, cond.value)}"
        case StatAtLeast():
            who = names.faction(cond.faction)
            return f"{who} {names.stat(cond.stat)} at least {cond.value:,}"
        case StatAtMost():
            who = names.faction(cond.faction)
            return f"{who} {names.stat(cond.stat)} at most {cond.value:,}"
        case Controls():
            return f"{names.faction(cond.faction)} holds {names.region(cond.region)}"
        case StrengthAtLeast():
            where = names.region(cond.region)
            return f"{names.faction(cond.faction)} strength in {where} at least {cond.value:,}"
        case TurnAtLeast():
            return f"from turn {cond.turn}"
        case Happened():
            extra = ""
            if cond.faction:
                extra += f" by {names.faction(cond.faction)}"
            if cond.region:
                extra += f" in {names.region(cond.region)}"
            return f"{cond.what.replace('_', ' ')} this turn{extra}"
        case AllOf():
            return " and ".join(describe(c, scenario) for c in cond.conditions)
        case AnyOf():
            return " or ".join(describe(c, scenario) for c in cond.conditions)
        case Not():
            return f"not ({describe(cond.condition, scenario)})"
        case _:
            assert_never(cond)


class Names:
    """Names for the ids in conditions, effects and log lines: the scenario's, else the ids
    as written; track amounts with their unit."""

    def __init__(self, scenario: Scenario | None) -> None:
        self.tracks = {t.id: t for t in scenario.track} if scenario is not None else {}
        self.factions = {f.id: f.name for f in scenario.faction} if scenario is not None else {}
        self.regions = (
            {r.id: r.name.split(" (")[0] for r in scenario.region} if scenario is not None else {}
        )

    def track(self, key: str) -> str:
        track = self.tracks.get(key)
        if track is None:
            return key
        name = track.name
        # "Oil output" reads "oil output" inside a sentence; "UN talks" keeps its capitals
        return name[0].lower() + name[1:] if name[1:2].islower() and name[:1].isupper() else name

    def amount(self, key: str, value: int) -> str:
        """``30%``, ``250,000 bpd``; a count with no unit as a plain number."""
        track = self.tracks.get(key)
        unit = track.unit if track is not None else ""
        if unit == "%":
            return f"{value:,}%"
        if unit and track is not None and unit.lower() not in track.name.lower():
            return f"{value:,} {unit}"
        return f"{value:,}"

    def change(self, key: str, delta: int) -> str:
        """A signed amount of a track: ``+5%``, ``-24,000``."""
        return ("+" if delta >= 0 else "") + self.amount(key, delta)

    def faction(self, key: str) -> str:
        return self.factions.get(key, key)

    def region(self, key: str) -> str:
        return self.regions.get(key, key)

    @staticmethod
    def stat(key: str) -> str:
        return key.replace("_", " ")


def clamp_track(state: GameState, track: str, value: int) -> int:
    """``value`` limited to the track's declared range."""
    tdef = state.w.tracks[track]
    return max(tdef.min, min(tdef.max, value))


def add_track(state: GameState, track: str, delta: int) -> int:
    """Add ``delta`` to a track within its range; return the change actually made."""
    tracks = state.tracks
    before = tracks[track]
    tdef = state.w.tracks[track]  # clamp_track, inlined: every phase adds to tracks
    after = max(tdef.min, min(tdef.max, before + delta))
    tracks[track] = after
    return after - before


def add_stat(state: GameState, faction: str, stat: EffectStat, delta: int) -> int:
    """Add to a faction statistic within its range; return the change actually made.

    Cohesion is only a coalition's: a faction without it gains or loses none.
    """
    f = state.faction(faction)
    match stat:
        case "treasury":
            before = f.treasury
            f.treasury = max(0, f.treasury + delta)
            return f.treasury - before
        case "legitimacy":
            before = f.legitimacy
            f.legitimacy = max(0, min(100, f.legitimacy + delta))
            return f.legitimacy - before
        case "cohesion":
            if f.cohesion is None:
                return 0
            before = f.cohesion
            f.cohesion = max(0, min(100, f.cohesion + delta))
            return f.cohesion - before
        case _:
            assert_never(stat)


def add_strength(state: GameState, faction: str, region: str, delta: int) -> int:
    """Add ground strength to a faction in a region (new levy unit if none); return change."""
    members = state.faction(faction).components
    units = [
        u
        for u in state.units
        if u.faction == faction
        and u.region == region
        and u.kind == "ground"
        # a coalition member that has left is gone for good: recruits do not rejoin it
        and (u.component is None or u.component in members)
    ]
    if delta >= 0:
        if units:
            units[0].strength += delta
        elif delta > 0:
            state.units.append(
                UnitState(_levy_id(state, faction), faction, "ground", region, delta, None)
            )
        return delta
    return -remove_strength(state, units, -delta)


def remove_strength(state: GameState, units: list[UnitState], amount: int) -> int:
    """Take ``amount`` strength from ``units`` (strongest first, then by id); return taken.

    The rule takes one point at a time from the strongest unit, ties going to the
    lowest id. Its result is worked out directly rather than point by point, so the
    work grows with the number of units, not with the amount: the strongest units are
    cut down to a common level, then the units at that level give one more point each,
    in id order, until the amount is taken.
    """
    alive = [u for u in units if u.strength > 0]
    total = sum(u.strength for u in alive)
    if amount <= 0 or not alive:
        return 0
    if amount >= total:
        for unit in alive:
            unit.strength = 0
        return total
    # The lowest level such that cutting every unit above it down to it takes no more
    # than ``amount`` (level 0 would take everything, which is more than ``amount``).
    low, high = 1, max(u.strength for u in alive)
    while low < high:
        middle = (low + high) // 2
        if sum(u.strength - middle for u in alive if u.strength > middle) <= amount:
            high = middle
        else:
            low = middle + 1
    level = low
    left = amount
    for unit in alive:
        if unit.strength > level:
            left -= unit.strength - level
            unit.strength = level
    at_level = sorted((u for u in alive if u.strength == level), key=lambda u: u.id)
    for unit in at_level[:left]:
        unit.strength -= 1
    return amount


def _levy_id(state: GameState, faction: str) -> str:
    n = 1
    existing = {u.id for u in state.units}
    while f"{faction}_levy_{n}" in existing:
        n += 1
    return f"{faction}_levy_{n}"


def apply_effect(state: GameState, effect: Effect) -> str:
    """Apply one effect; return a short description of the change for the log, in the
    scenario's names (``intervention pressure +10%``)."""
    names = Names(state.w.scenario)
    match effect:
        case TrackEffect():
            change = add_track(state, effect.track, effect.add)
            return f"{names.track(effect.track)} {names.change(effect.track, change)}"
        case StatEffect():
            change = add_stat(state, effect.faction, effect.stat, effect.add)
            return f"{names.faction(effect.faction)} {names.stat(effect.stat)} {change:+}"
        case StrengthEffect():
            change = add_strength(state, effect.faction, effect.region, effect.add)
            where = names.region(effect.region)
            return f"{names.faction(effect.faction)} strength in {where} {change:+}"
        case DamageEffect():
            r = state.region(effect.region)
            before = r.damage
            r.damage = max(0, min(100, r.damage + effect.add))
            return f"damage in {names.region(effect.region)} {r.damage - before:+}%"
        case TanksAblazeEffect():
            r = state.region(effect.region)
            tanks = state.w.regions[effect.region].facilities.oil_tanks
            before = r.tanks_ablaze
            r.tanks_ablaze = max(0, min(tanks, r.tanks_ablaze + effect.add))
            return f"tanks ablaze in {names.region(effect.region)} {r.tanks_ablaze - before:+}"
        case ControlEffect():
            state.region(effect.region).controller = effect.faction
            holder = names.faction(effect.faction) if effect.faction != "neutral" else "nobody"
            return f"{names.region(effect.region)} now held by {holder}"
        case _:
            assert_never(effect)
