"""Who stands where, and for whom: the one place that counts forces by side.

Ground forces of an occupying faction fight for that faction. Forces of a faction that
does not occupy (``occupies = false``, e.g. peacekeepers from abroad) land beside the holder
of a region, their client: they fight on its side and never take control, and they go
home when the region changes hands. Every rule that asks "how strong are we here?" or
"is an enemy here?" asks this module, so peacekeepers are counted the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.state import GameState, UnitState
from game.scenario.models import NEUTRAL


def occupies(state: GameState, faction: str) -> bool:
    """Whether ``faction``'s ground forces take and hold regions."""
    return state.w.factions[faction].occupies


def side_of(state: GameState, unit: UnitState) -> str:
    """The side a ground unit fights for: its own faction's, or its client's."""
    if unit.client is None or occupies(state, unit.faction):
        return unit.faction
    return unit.client


def ground_units(state: GameState, faction: str, region: str) -> list[UnitState]:
    """A faction's own ground units with strength in ``region``."""
    return [
        u
        for u in state.units
        if u.faction == faction and u.region == region and u.kind == "ground" and u.strength > 0
    ]


def side_units(state: GameState, side: str, region: str) -> list[UnitState]:
    """Ground units fighting for ``side`` in ``region`` (its own and its peacekeepers)."""
    factions = state.w.factions
    return [
        u
        for u in state.units
        if u.region == region
        and u.kind == "ground"
        and u.strength > 0
        # side_of, inlined: battles ask this for every unit of the region
        and (u.client if u.client is not None and not factions[u.faction].occupies else u.faction)
        == side
    ]


def side_strength(state: GameState, side: str, region: str) -> int:
    """Total ground strength fighting for ``side`` in ``region``."""
    return sum(u.strength for u in side_units(state, side, region))


def sides_present(state: GameState, region: str) -> list[str]:
    """Sides with ground strength in ``region``: the holder first, then scenario order."""
    factions = state.w.factions
    found: list[str] = []
    for u in state.units:
        if u.region == region and u.kind == "ground" and u.strength > 0:
            # side_of, inlined: this runs for every region several times a turn
            side = (
                u.client if u.client is not None and not factions[u.faction].occupies else u.faction
            )
            if side != NEUTRAL and side not in found:
                found.append(side)
    order = state.w.faction_ids
    holder = state.region(region).controller
    if len(found) > 1:
        found.sort(key=lambda f: (f != holder, order.index(f)))
    return found


def hostile_units(state: GameState, me: str, region: str) -> list[UnitState]:
    """Units of any kind in ``region`` that are not on ``me``'s side."""
    out = []
    for u in state.units:
        if u.region != region or u.strength <= 0 or u.faction == me:
            continue
        if u.kind == "ground" and side_of(state, u) == me:
            continue
        out.append(u)
    return out


def peacekeepers(state: GameState, region: str) -> list[UnitState]:
    """Ground units standing beside a client in ``region``."""
    return [
        u
        for u in state.units
        if u.region == region and u.kind == "ground" and u.strength > 0 and u.client is not None
    ]


class Board:
    """Ground strength per (side, region) and unit bases, taken once per legality pass."""

    __slots__ = ("bases", "ground", "own", "total")

    def __init__(self, state: GameState) -> None:
        factions = state.w.factions
        ground: dict[tuple[str, str], int] = {}
        own: dict[tuple[str, str], int] = {}
        total: dict[str, int] = {}
        bases: dict[tuple[str, str], list[str]] = {}
        for u in state.units:
            strength = u.strength
            if strength <= 0:
                continue
            faction, region, kind = u.faction, u.region, u.kind
            if kind == "ground":
                client = u.client
                side = client if client is not None and not factions[faction].occupies else faction
                key = (side, region)
                ground[key] = ground.get(key, 0) + strength
                mine = (faction, region)
                own[mine] = own.get(mine, 0) + strength
                total[region] = total.get(region, 0) + strength
            where = bases.get((faction, kind))
            if where is None:
                bases[(faction, kind)] = [region]
            elif region not in where:
                where.append(region)
        self.ground = ground
        self.own = own
        self.total = total
        self.bases = bases

    def mine(self, faction: str, region: str) -> int:
        """Strength of ``faction``'s own ground units in ``region``."""
        return self.own.get((faction, region), 0)

    def side(self, faction: str, region: str) -> int:
        """Strength fighting for ``faction`` in ``region`` (with its peacekeepers)."""
        return self.ground.get((faction, region), 0)

    def enemy(self, faction: str, region: str) -> int:
        """Ground strength in ``region`` not fighting for ``faction``."""
        return self.total.get(region, 0) - self.side(faction, region)

    def nearest(self, state: GameState, faction: str, kind: str, target: str) -> str | None:
        """The region of ``faction``'s nearest unit of ``kind`` to ``target`` (None if none)."""
        return nearest(state, self.bases.get((faction, kind), ()), target)


def nearest(state: GameState, bases: Iterable[str], target: str) -> str | None:
    """The region of ``bases`` nearest to ``target``: ties go to the first in scenario order."""
    w = state.w
    best: tuple[int, int, str] | None = None
    for rid in bases:
        key = (w.km(rid, target), w.region_ids.index(rid), rid)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


def unit_bases(state: GameState, faction: str, kind: str) -> list[str]:
    """Regions where ``faction`` has a unit of ``kind`` with strength (as in ``Board.bases``)."""
    found: list[str] = []
    for u in state.units:
        if u.faction == faction and u.kind == kind and u.strength > 0 and u.region not in found:
            found.append(u.region)
    return found
