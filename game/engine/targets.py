"""Whether an order may take a given target (and origin), with the reason if not.

:func:`shape_problem` checks what every kind shares (the sort of target, the origin, the
map's edge); each kind's own rule is one function here, named after the kind it serves
(:func:`move`, :func:`air` for both air kinds, ...), and the kind registry
(:mod:`game.engine.kinds`) says which function is whose. :func:`lasting_problem` is for
orders that cannot be repeated while they still run. The reasons are the ones players
read in the order builder, so they name places and say what would make the order
possible.

Legality passes (the bots' menus) ask a different question, many times a turn: which
of an order type's targets fit at all? That is :mod:`game.engine.target_lists`, which
restates these rules as yes/no and is tested against them on every candidate.
"""

from __future__ import annotations

from game.engine.forces import Board
from game.engine.grammar import plural
from game.engine.state import GameState
from game.scenario.catalogue import KIND_SHAPES
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


def shape_problem(
    state: GameState, otype: OrderType, target_id: str | None, origin: str | None
) -> str | None:
    """What is wrong with the form of a target (and origin) for the order's kind, or None.

    The checks every kind shares, read from its :class:`~game.scenario.catalogue.KindShape`:
    a target of the right sort (a region, another faction or none), an origin when the kind
    names one and none otherwise, and no off-map target unless the kind may go there. The
    kind's own rule (``game.engine.kinds``) is asked only when this finds nothing.
    """
    w = state.w
    shape = KIND_SHAPES[otype.kind]
    if shape.target == "none":
        return None if target_id is None else "takes no target"
    if target_id is None:
        return "needs a target"
    if shape.target == "faction":
        return None if target_id in w.factions else f"'{target_id}' is not a faction"
    if target_id not in w.regions:
        return f"'{target_id}' is not a region"
    rdef = w.regions[target_id]
    if shape.origin:
        if origin is None or origin not in w.regions:
            return "needs a region to start from"
    elif origin is not None:
        return "takes no starting region"
    if rdef.offmap and not shape.offmap:
        return f"{rdef.name} is off the map"
    return None


def no_target(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """A kind that takes no target has no target rule: only its cost and limits apply."""
    return None


def other_faction(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """Any faction but the giver's own."""
    if target_id == me:
        return "cannot target your own faction"
    return None


def not_sanctioned(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """Another faction not under sanctions already."""
    problem = other_faction(state, board, me, otype, target_id, origin)
    if problem is not None:
        return problem
    them = state.faction(target_id)
    if them.sanctioned > 0:
        return (
            f"{state.w.factions[target_id].name} is already under sanctions "
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


def move(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """Ground forces of the origin to a linked region no enemy force stands in (forces that
    never take ground only between places their client holds)."""
    assert origin is not None
    return _ground(state, board, me, target_id, origin, attack=False)


def attack(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """Ground forces of the origin against a linked region an enemy holds or stands in."""
    assert origin is not None
    return _ground(state, board, me, target_id, origin, attack=True)


def _ground(
    state: GameState, board: Board, me: str, target_id: str, origin: str, *, attack: bool
) -> str | None:
    w = state.w
    rdef = w.regions[target_id]
    target = state.region(target_id)
    if board.mine(me, origin) <= 0:
        return f"you have no ground forces in {w.regions[origin].name}"
    if target_id not in w.land[origin]:
        return f"{rdef.name} is not linked by road or coast to {w.regions[origin].name}"
    if not w.factions[me].occupies:
        if attack:
            return "your forces never take ground: they only stand beside a region's holder"
        client = state.region(origin).controller
        if target.controller != client:
            return f"{rdef.name} is not held by {_name(state, client)}, whom you stand beside"
        if board.enemy(client, target_id) > 0:
            return f"{_name(state, client)}'s enemies have forces in {rdef.name}"
        return None
    hostile = board.enemy(me, target_id) > 0 or target.controller not in (me, NEUTRAL)
    if not attack and board.enemy(me, target_id) > 0:
        return f"enemy forces hold {rdef.name}: attack instead"
    if attack and not hostile:
        return f"nobody hostile holds {rdef.name}: move instead"
    return None


def intervene(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """Ground forces from an off-map staging area, within range, to a region another
    faction holds."""
    assert origin is not None
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


def naval_raid(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """Boats in the origin, within range, against a coastal region that is not the
    giver's own with nobody hostile there."""
    assert origin is not None
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


def fortify(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """A region the giver holds with its forces in it, not yet fully fortified."""
    w = state.w
    rdef = w.regions[target_id]
    target = state.region(target_id)
    if target.controller != me or board.mine(me, target_id) <= 0:
        return f"you need forces in a region you hold ({rdef.name} is not)"
    if target.fortification >= w.tuning.fortify_max:
        return f"{rdef.name} is already fully fortified"
    return None


def recruit(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """A region the giver holds that is a city or one of its supply regions, not besieged
    by another faction."""
    w = state.w
    rdef = w.regions[target_id]
    target = state.region(target_id)
    if target.controller != me:
        return f"you do not hold {rdef.name}"
    if rdef.population < CITY_POPULATION and target_id not in w.factions[me].supply:
        return f"{rdef.name} has too few people to recruit from"
    if target.siege_by not in (None, me):
        return f"{rdef.name} is besieged"
    return None


def mobilise(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """Where recruiting is allowed and a member of the giver's coalition is based."""
    problem = recruit(state, board, me, otype, target_id, origin)
    if problem is not None:
        return problem
    members = state.faction(me).components
    if not any(
        u.faction == me and u.component in members and u.region == target_id for u in state.units
    ):
        return f"no coalition member is based in {state.w.regions[target_id].name}"
    return None


def repair(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """A damaged or burning region the giver holds (a faction that never takes ground:
    wherever any faction holds it)."""
    w = state.w
    rdef = w.regions[target_id]
    target = state.region(target_id)
    if target.controller != me and (w.factions[me].occupies or target.controller == NEUTRAL):
        return f"you do not hold {rdef.name}"
    if target.damage <= 0 and target.tanks_ablaze <= 0:
        return f"{rdef.name} has nothing to repair"
    return None


def aid(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """A populated region that is the giver's, nobody's or under its siege (a faction that
    never takes ground: any populated region)."""
    w = state.w
    rdef = w.regions[target_id]
    target = state.region(target_id)
    if rdef.population <= 0:
        return f"nobody lives in {rdef.name}"
    if target.controller not in (me, NEUTRAL) and target.siege_by != me and w.factions[me].occupies:
        return f"{rdef.name} is held by another faction"
    return None


def air(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """A region held by another faction or with hostile forces in it, within range of the
    giver's nearest aircraft."""
    w = state.w
    rdef = w.regions[target_id]
    target = state.region(target_id)
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


def military_zone(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """An enemy-held city, not besieged yet, next to a region where the giver has forces."""
    w = state.w
    rdef = w.regions[target_id]
    target = state.region(target_id)
    if target.controller in (me, NEUTRAL):
        return f"{rdef.name} is not held by an enemy"
    if rdef.population < CITY_POPULATION:
        return f"{rdef.name} is not a city"
    if target.siege_by is not None:
        return f"{rdef.name} is already a military zone"
    if not any(board.mine(me, n) > 0 for n in w.land[target_id]):
        return f"you have no forces next to {rdef.name}"
    return None


def deploy(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """An off-map staging area, or a region the giver holds."""
    rdef = state.w.regions[target_id]
    if not rdef.offmap and state.region(target_id).controller != me:
        return f"you do not hold {rdef.name}"
    return None


def arms_support(
    state: GameState, board: Board, me: str, otype: OrderType, target_id: str, origin: str | None
) -> str | None:
    """A region another faction holds with its own forces in it."""
    rdef = state.w.regions[target_id]
    target = state.region(target_id)
    if target.controller in (me, NEUTRAL):
        return f"{rdef.name} is not held by another faction"
    if board.mine(target.controller, target_id) <= 0:
        return f"the holder of {rdef.name} has no forces there to arm"
    return None


def _name(state: GameState, faction: str) -> str:
    fdef = state.w.factions.get(faction)
    return fdef.name if fdef is not None else faction
