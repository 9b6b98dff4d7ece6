"""Which targets an order type may take now: the lists legality passes walk.

:func:`candidates_of` lists the (target, origin) pairs an order type could take and
:func:`placed_of` those of them that pass the checks every kind shares (the sort of target,
the map's edge). Each kind's own yes/no rule is one function here, the same rule as its
reason-writing twin in :mod:`game.engine.targets`, asked of every candidate at once; the
kind registry (:mod:`game.engine.kinds`) pairs them and its ``fits_of`` puts them
together. The two are tested against each other on every candidate
(tests/test_speed_fits.py).
"""

from __future__ import annotations

from game.engine.forces import Board
from game.engine.state import GameState
from game.engine.targets import CITY_POPULATION, hostile_here
from game.scenario.catalogue import KIND_SHAPES
from game.scenario.models import NEUTRAL, OrderType

Pair = tuple[str | None, str | None]
"""A (target, origin) pair of an order."""

Placed = tuple[str, str | None]
"""A pair whose target is a region or a faction."""


def candidates_of(state: GameState, board: Board, me: str, otype: OrderType) -> list[Pair]:
    """(target, origin) pairs an order type could take now, legal or not, in a fixed order."""
    w = state.w
    shape = KIND_SHAPES[otype.kind]
    if shape.target == "none":
        return [(None, None)]
    if shape.target == "faction":
        return [(other, None) for other in w.faction_ids if other != me]
    if shape.origin:
        return list(_from_bases(state, board, me, otype))
    return [(target, None) for target in w.region_ids]


def _from_bases(state: GameState, board: Board, me: str, otype: OrderType) -> list[tuple[str, str]]:
    """(target, origin) for kinds that start where the faction's units are."""
    w = state.w
    shape = KIND_SHAPES[otype.kind]
    bases = board.bases.get((me, shape.forces or "ground"))
    if not bases:
        return []
    origins = [rid for rid in w.region_ids if rid in bases]
    if shape.along_links:
        return [(target, origin) for origin in origins for target in w.land[origin]]
    return [(t, origin) for origin in origins for t in w.region_ids if t != origin]


def placed_of(state: GameState, board: Board, me: str, otype: OrderType) -> list[Placed]:
    """The candidates of an order type aimed at a region or a faction that pass the checks
    every kind shares (:func:`~game.engine.targets.shape_problem`), in the same order.

    Empty for a kind that takes no target: it has no target to place.
    """
    w = state.w
    shape = KIND_SHAPES[otype.kind]
    if shape.target == "none":
        return []
    if shape.target == "faction":
        return [(other, None) for other in w.faction_ids if other != me]
    if shape.origin:
        regions = w.regions
        return [p for p in _from_bases(state, board, me, otype) if not regions[p[0]].offmap]
    return [(t, None) for t in (w.region_ids if shape.offmap else w.onmap)]


def every(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """Every candidate fits (a kind whose only target rule is its shape)."""
    return placed


def not_sanctioned(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """Factions not under sanctions already."""
    return [p for p in placed if state.faction(p[0]).sanctioned <= 0]


def move(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.move`."""
    return _ground(state, board, me, placed, attack=False)


def attack(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.attack`."""
    return _ground(state, board, me, placed, attack=True)


def _ground(
    state: GameState, board: Board, me: str, placed: list[Placed], *, attack: bool
) -> list[Placed]:
    w = state.w
    own, ground, total = board.own, board.ground, board.total
    region = state.region
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


def intervene(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.intervene`."""
    w = state.w
    own, region, reach = board.own, state.region, otype.range_km
    return [
        (t, o)
        for t, o in placed
        if o is not None
        and w.regions[o].offmap
        and own.get((me, o), 0) > 0
        and region(t).controller not in (me, NEUTRAL)
        and w.distance[(o, t)] <= reach
    ]


def naval_raid(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.naval_raid`."""
    w = state.w
    region, reach = state.region, otype.range_km
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


def fortify(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.fortify`."""
    own, region = board.own, state.region
    top = state.w.tuning.fortify_max
    return [
        p
        for p in placed
        if own.get((me, p[0]), 0) > 0
        and (r := region(p[0])).controller == me
        and r.fortification < top
    ]


def recruit(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.recruit`."""
    return _raise(state, me, placed, None)


def mobilise(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.mobilise`."""
    members = state.faction(me).components
    based = {u.region for u in state.units if u.faction == me and u.component in members}
    return _raise(state, me, placed, based)


def _raise(state: GameState, me: str, placed: list[Placed], based: set[str] | None) -> list[Placed]:
    w = state.w
    region = state.region
    supply = w.factions[me].supply
    return [
        p
        for p in placed
        if (r := region(p[0])).controller == me
        and (w.regions[p[0]].population >= CITY_POPULATION or p[0] in supply)
        and r.siege_by in (None, me)
        and (based is None or p[0] in based)
    ]


def repair(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.repair`."""
    region = state.region
    occupier = state.w.factions[me].occupies
    return [
        p
        for p in placed
        if ((r := region(p[0])).damage > 0 or r.tanks_ablaze > 0)
        and not (r.controller != me and (occupier or r.controller == NEUTRAL))
    ]


def aid(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.aid`."""
    w = state.w
    region = state.region
    occupier = w.factions[me].occupies
    return [
        p
        for p in placed
        if w.regions[p[0]].population > 0
        and not (
            (r := region(p[0])).controller not in (me, NEUTRAL) and r.siege_by != me and occupier
        )
    ]


def air(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.air`: within reach of the nearest aircraft."""
    w = state.w
    region, reach = state.region, otype.range_km
    jets = board.bases.get((me, "air"), ())
    return [
        p
        for p in placed
        if jets
        and not (
            region(p[0]).controller in (me, NEUTRAL) and not hostile_here(state, board, me, p[0])
        )
        and min(w.distance[(b, p[0])] for b in jets) <= reach
    ]


def military_zone(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.military_zone`."""
    w = state.w
    own, region = board.own, state.region
    return [
        p
        for p in placed
        if (r := region(p[0])).controller not in (me, NEUTRAL)
        and w.regions[p[0]].population >= CITY_POPULATION
        and r.siege_by is None
        and any(own.get((me, n), 0) > 0 for n in w.land[p[0]])
    ]


def deploy(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.deploy`."""
    w = state.w
    return [p for p in placed if w.regions[p[0]].offmap or state.region(p[0]).controller == me]


def arms_support(
    state: GameState, board: Board, me: str, otype: OrderType, placed: list[Placed]
) -> list[Placed]:
    """The rule of :func:`game.engine.targets.arms_support`."""
    own, region = board.own, state.region
    return [
        p
        for p in placed
        if (holder := region(p[0]).controller) not in (me, NEUTRAL)
        and own.get((holder, p[0]), 0) > 0
    ]
