"""Which targets an order type may take now: the lists legality passes walk.

:func:`candidates_of` lists the (target, origin) pairs an order type could take and
:func:`fits_of` keeps those :func:`~game.engine.targets.target_problem` would accept,
checking them all at once without writing reasons. It restates the same rules, so the
two are tested against each other on every candidate (tests/test_speed_fits.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.forces import Board
from game.engine.kinds import HAS_ORIGIN, NO_TARGET, TARGETS_FACTION
from game.engine.state import GameState
from game.engine.targets import CITY_POPULATION, hostile_here
from game.scenario.models import NEUTRAL, OrderType

Pair = tuple[str | None, str | None]
"""A (target, origin) pair of an order."""

Placed = tuple[str, str | None]
"""A pair whose target is a region."""


def candidates_of(state: GameState, board: Board, me: str, otype: OrderType) -> list[Pair]:
    """(target, origin) pairs an order type could take now, legal or not, in a fixed order."""
    w = state.w
    kind = otype.kind
    if kind in NO_TARGET:
        return [(None, None)]
    if kind in TARGETS_FACTION:
        return [(other, None) for other in w.faction_ids if other != me]
    if kind in HAS_ORIGIN:
        return list(_from_bases(state, board, me, kind))
    return [(target, None) for target in w.region_ids]


def _from_bases(state: GameState, board: Board, me: str, kind: str) -> list[tuple[str, str]]:
    """(target, origin) for kinds that start where the faction's units are."""
    w = state.w
    unit = "naval" if kind == "naval_raid" else "ground"
    bases = board.bases.get((me, unit))
    if not bases:
        return []
    origins = [rid for rid in w.region_ids if rid in bases]
    if kind in ("move", "attack"):
        return [(target, origin) for origin in origins for target in w.land[origin]]
    return [(t, origin) for origin in origins for t in w.region_ids if t != origin]


def fits_of(state: GameState, board: Board, me: str, otype: OrderType) -> Sequence[Pair]:
    """The pairs of :func:`candidates_of` that :func:`target_problem` finds nothing wrong
    with, in the same order.

    The same rules as :func:`target_problem`, asked as yes/no for every candidate at once
    (what a legality pass needs): the lookups the targets share are done once, and no
    reason is written for the targets that do not fit. tests/test_speed_fits.py checks
    the two agree on every candidate of many real and scrambled positions: a rule
    changed in one must be changed in the other.
    """
    w = state.w
    kind = otype.kind
    if kind in NO_TARGET:
        return [(None, None)]
    if kind in TARGETS_FACTION:
        return [
            (other, None)
            for other in w.faction_ids
            if other != me and not (kind == "sanctions" and state.faction(other).sanctioned > 0)
        ]
    placed: list[Placed]
    if kind in HAS_ORIGIN:
        regions = w.regions
        placed = [p for p in _from_bases(state, board, me, kind) if not regions[p[0]].offmap]
    else:
        placed = [(t, None) for t in (w.region_ids if kind == "deploy" else w.onmap)]
    if not placed:
        return placed
    if kind in ("move", "attack"):
        return _fits_ground_move(state, board, me, otype, placed)
    return _fits_in_region(state, board, me, otype, placed)


def _fits_ground_move(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    w = state.w
    own, ground, total = board.own, board.ground, board.total
    region = state.region
    attack = otype.kind == "attack"
    out: list[Placed] = []
    for target_id, origin in placed:
        assert origin is not None
        if own.get((me, origin), 0) <= 0 or target_id not in w.land[origin]:
            continue
        holder = region(target_id).controller
        if not w.factions[me].occupies:
            client = region(origin).controller
            enemy = total.get(target_id, 0) - ground.get((client, target_id), 0)
            if attack or holder != client or enemy > 0:
                continue
        elif attack:
            enemy = total.get(target_id, 0) - ground.get((me, target_id), 0)
            if enemy <= 0 and holder in (me, NEUTRAL):
                continue
        elif total.get(target_id, 0) - ground.get((me, target_id), 0) > 0:
            continue
        out.append((target_id, origin))
    return out


def _fits_in_region(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """:func:`fits_of` for the other kinds aimed at a region. Each branch is the condition
    under which :func:`_intervene`, :func:`_naval_raid` or :func:`_in_place` finds
    nothing wrong."""
    w = state.w
    kind = otype.kind
    own, region, reach = board.own, state.region, otype.range_km
    if kind == "intervene":
        return [
            (t, o)
            for t, o in placed
            if o is not None
            and w.regions[o].offmap
            and own.get((me, o), 0) > 0
            and region(t).controller not in (me, NEUTRAL)
            and w.distance[(o, t)] <= reach
        ]
    if kind == "naval_raid":
        boats = board.bases.get((me, "naval"), ())
        return [
            (t, o)
            for t, o in placed
            if o is not None
            and o in boats
            and t in w.coastal
            and not (region(t).controller == me and not hostile_here(state, board, me, t))
            and w.distance[(o, t)] <= reach
        ]
    if kind == "fortify":
        top = w.tuning.fortify_max
        return [
            p
            for p in placed
            if own.get((me, p[0]), 0) > 0
            and (r := region(p[0])).controller == me
            and r.fortification < top
        ]
    if kind in ("recruit", "mobilise"):  # the rules of _raise_forces
        supply = w.factions[me].supply
        based: set[str] | None = None
        if kind == "mobilise":
            members = state.faction(me).components
            based = {u.region for u in state.units if u.faction == me and u.component in members}
        return [
            p
            for p in placed
            if (r := region(p[0])).controller == me
            and (w.regions[p[0]].population >= CITY_POPULATION or p[0] in supply)
            and r.siege_by in (None, me)
            and (based is None or p[0] in based)
        ]
    occupier = w.factions[me].occupies
    if kind == "repair":
        return [
            p
            for p in placed
            if ((r := region(p[0])).damage > 0 or r.tanks_ablaze > 0)
            and not (r.controller != me and (occupier or r.controller == NEUTRAL))
        ]
    if kind == "aid":
        return [
            p
            for p in placed
            if w.regions[p[0]].population > 0
            and not (
                (r := region(p[0])).controller not in (me, NEUTRAL)
                and r.siege_by != me
                and occupier
            )
        ]
    if kind in ("air_strike", "air_raid"):  # within reach of the nearest jets
        jets = board.bases.get((me, "air"), ())
        return [
            p
            for p in placed
            if jets
            and not (
                region(p[0]).controller in (me, NEUTRAL)
                and not hostile_here(state, board, me, p[0])
            )
            and min(w.distance[(b, p[0])] for b in jets) <= reach
        ]
    if kind == "military_zone":
        return [
            p
            for p in placed
            if (r := region(p[0])).controller not in (me, NEUTRAL)
            and w.regions[p[0]].population >= CITY_POPULATION
            and r.siege_by is None
            and any(own.get((me, n), 0) > 0 for n in w.land[p[0]])
        ]
    if kind == "deploy":
        return [p for p in placed if w.regions[p[0]].offmap or region(p[0]).controller == me]
    if kind == "arms_support":
        return [
            p
            for p in placed
            if (holder := region(p[0]).controller) not in (me, NEUTRAL)
            and own.get((holder, p[0]), 0) > 0
        ]
    return []  # a kind the engine does not know fits nowhere
