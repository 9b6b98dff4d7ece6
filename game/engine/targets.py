"""Whether an order may take a given target (and origin), with the reason if not.

One function per question: :func:`lasting_problem` for orders that cannot be repeated
while they still run, :func:`target_problem` for the target and origin of every kind.
The reasons are the ones players read in the order builder, so they name places and
say what would make the order possible.

Legality passes (the bots' menus) ask a different question, many times a turn: which
of an order type's targets fit at all? That is :mod:`game.engine.target_lists`, which
restates these rules as yes/no and is tested against them on every candidate.
"""

from __future__ import annotations

from game.engine.forces import Board
from game.engine.grammar import plural
from game.engine.kinds import HAS_ORIGIN, NO_TARGET, TARGETS_FACTION
from game.engine.state import GameState
from game.scenario.models import NEUTRAL, OrderType

CITY_POPULATION = 20_000
"""Recruiting, mobilising and military zones need a place at least this populous."""


def lasting_problem(state: GameState, faction: str, otype: OrderType) -> str | None:
    """Why a lasting order of ``faction`` cannot be given again yet, or None."""
    if otype.kind == "ultimatum":
        mine = state.faction(faction)
        if mine.ultimatum_turns > 0 and mine.ultimatum_on is not None:
            name = state.w.factions[mine.ultimatum_on].name
            left = mine.ultimatum_turns
            turns = f"{plural(left, 'turn')}"
            return f"your ultimatum to {name} still runs ({turns} left)"
    return None


def target_problem(
    state: GameState,
    board: Board,
    me: str,
    otype: OrderType,
    target_id: str | None,
    origin: str | None,
) -> str | None:
    """What is wrong with this target (and origin) for the order type, or None."""
    w = state.w
    kind = otype.kind
    if kind in NO_TARGET:
        return None if target_id is None else "takes no target"
    if target_id is None:
        return "needs a target"
    if kind in TARGETS_FACTION:
        return _faction_target(state, me, kind, target_id)
    if target_id not in w.regions:
        return f"'{target_id}' is not a region"
    rdef = w.regions[target_id]
    if kind in HAS_ORIGIN:
        if origin is None or origin not in w.regions:
            return "needs a region to start from"
    elif origin is not None:
        return "takes no starting region"
    if rdef.offmap and kind != "deploy":
        return f"{rdef.name} is off the map"
    if kind in ("move", "attack"):
        assert origin is not None
        return _ground_move(state, board, me, kind, target_id, origin)
    if kind == "intervene":
        assert origin is not None
        return _intervene(state, board, me, otype, target_id, origin)
    if kind == "naval_raid":
        assert origin is not None
        return _naval_raid(state, board, me, otype, target_id, origin)
    return _in_place(state, board, me, otype, target_id)


def _faction_target(state: GameState, me: str, kind: str, target_id: str) -> str | None:
    w = state.w
    if target_id not in w.factions:
        return f"'{target_id}' is not a faction"
    if target_id == me:
        return "cannot target your own faction"
    if kind == "sanctions":
        them = state.faction(target_id)
        if them.sanctioned > 0:
            return (
                f"{w.factions[target_id].name} is already under sanctions "
                f"({plural(them.sanctioned, 'turn')} left)"
            )
    return None


def hostile_here(state: GameState, board: Board, me: str, region: str) -> bool:
    """Whether any force not on ``me``'s side stands in ``region`` (ground, air or sea)."""
    if board.enemy(me, region) > 0:
        return True
    return any(
        region in where
        for (faction, kind), where in board.bases.items()
        if faction != me and kind != "ground"
    )


def _ground_move(
    state: GameState, board: Board, me: str, kind: str, target_id: str, origin: str
) -> str | None:
    w = state.w
    rdef = w.regions[target_id]
    target = state.region(target_id)
    if board.mine(me, origin) <= 0:
        return f"you have no ground forces in {w.regions[origin].name}"
    if target_id not in w.land[origin]:
        return f"{rdef.name} is not linked by road or coast to {w.regions[origin].name}"
    if not w.factions[me].occupies:
        if kind == "attack":
            return "your forces never take ground: they only stand beside a region's holder"
        client = state.region(origin).controller
        if target.controller != client:
            return f"{rdef.name} is not held by {_name(state, client)}, whom you stand beside"
        if board.enemy(client, target_id) > 0:
            return f"{_name(state, client)}'s enemies have forces in {rdef.name}"
        return None
    hostile = board.enemy(me, target_id) > 0 or target.controller not in (me, NEUTRAL)
    if kind == "move" and board.enemy(me, target_id) > 0:
        return f"enemy forces hold {rdef.name}: attack instead"
    if kind == "attack" and not hostile:
        return f"nobody hostile holds {rdef.name}: move instead"
    return None


def _intervene(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str
) -> str | None:
    w = state.w
    rdef = w.regions[target_id]
    if not w.regions[origin].offmap:
        return "intervention forces start from an off-map staging area"
    if board.mine(me, origin) <= 0:
        return f"you have no ground forces in {w.regions[origin].name}"
    holder = state.region(target_id).controller
    if holder in (me, NEUTRAL):
        return f"nobody holds {rdef.name} to ask for your help"
    if w.km(origin, target_id) > otype.range_km:
        return f"{rdef.name} is beyond reach from {w.regions[origin].name}"
    return None


def _naval_raid(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str
) -> str | None:
    w = state.w
    rdef = w.regions[target_id]
    if origin not in board.bases.get((me, "naval"), ()):
        return f"you have no boats in {w.regions[origin].name}"
    if target_id not in w.coastal:
        return f"{rdef.name} is not on the coast"
    if state.region(target_id).controller == me and not hostile_here(state, board, me, target_id):
        return f"you hold {rdef.name}"
    if w.km(origin, target_id) > otype.range_km:
        return f"{rdef.name} is beyond the boats' range ({otype.range_km} km)"
    return None


def _in_place(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str
) -> str | None:
    """Kinds that act on a region without moving forces into it."""
    w = state.w
    kind = otype.kind
    rdef = w.regions[target_id]
    target = state.region(target_id)
    occupier = w.factions[me].occupies
    if kind == "fortify":
        if target.controller != me or board.mine(me, target_id) <= 0:
            return f"you need forces in a region you hold ({rdef.name} is not)"
        if target.fortification >= w.tuning.fortify_max:
            return f"{rdef.name} is already fully fortified"
        return None
    if kind in ("recruit", "mobilise"):
        return _raise_forces(state, me, kind, target_id)
    if kind == "repair":
        if target.controller != me and (occupier or target.controller == NEUTRAL):
            return f"you do not hold {rdef.name}"
        if target.damage <= 0 and target.tanks_ablaze <= 0:
            return f"{rdef.name} has nothing to repair"
        return None
    if kind == "aid":
        if rdef.population <= 0:
            return f"nobody lives in {rdef.name}"
        if target.controller not in (me, NEUTRAL) and target.siege_by != me and occupier:
            return f"{rdef.name} is held by another faction"
        return None
    if kind in ("air_strike", "air_raid"):
        if target.controller in (me, NEUTRAL) and not hostile_here(state, board, me, target_id):
            return f"you hold {rdef.name} and no enemy is there"
        base = board.nearest(state, me, "air", target_id)
        if base is None:
            return "no aircraft left"
        if w.km(base, target_id) > otype.range_km:
            return (
                f"{rdef.name} is {w.km(base, target_id):,} km from your aircraft; "
                f"range is {otype.range_km:,} km"
            )
        return None
    if kind == "military_zone":
        if target.controller in (me, NEUTRAL):
            return f"{rdef.name} is not held by an enemy"
        if rdef.population < CITY_POPULATION:
            return f"{rdef.name} is not a city"
        if target.siege_by is not None:
            return f"{rdef.name} is already a military zone"
        if not any(board.mine(me, n) > 0 for n in w.land[target_id]):
            return f"you have no forces next to {rdef.name}"
        return None
    if kind == "deploy":
        if not rdef.offmap and target.controller != me:
            return f"you do not hold {rdef.name}"
        return None
    if kind == "arms_support":
        if target.controller in (me, NEUTRAL):
            return f"{rdef.name} is not held by another faction"
        if board.mine(target.controller, target_id) <= 0:
            return f"the holder of {rdef.name} has no forces there to arm"
        return None
    return f"the engine does not know order kind '{kind}'"


def _raise_forces(state: GameState, me: str, kind: str, target_id: str) -> str | None:
    w = state.w
    rdef = w.regions[target_id]
    target = state.region(target_id)
    if target.controller != me:
        return f"you do not hold {rdef.name}"
    if rdef.population < CITY_POPULATION and target_id not in w.factions[me].supply:
        return f"{rdef.name} has too few people to recruit from"
    if target.siege_by not in (None, me):
        return f"{rdef.name} is besieged"
    if kind == "mobilise":
        members = state.faction(me).components
        if not any(
            u.faction == me and u.component in members and u.region == target_id
            for u in state.units
        ):
            return f"no coalition member is based in {rdef.name}"
    return None


def _name(state: GameState, faction: str) -> str:
    fdef = state.w.factions.get(faction)
    return fdef.name if fdef is not None else faction
