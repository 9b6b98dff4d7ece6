"""Orders: what a faction asks for in a turn, and whether the rules allow it.

An order names an entry of the scenario's order catalogue plus its target (a region
or a faction) and, for moves and attacks, the region it starts from. Legality is a
function of the state and the orders the faction has already queued this turn, so the
UI can grey out a choice with the engine's own reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pydantic import BaseModel, ConfigDict

from game.engine.conditions import holds
from game.engine.state import GameState
from game.errors import SidraError
from game.scenario.models import NEUTRAL, OrderType

TARGETS_FACTION = frozenset({"ultimatum", "sanctions", "diplomatic_pressure"})
NO_TARGET = frozenset({"negotiate"})
HAS_ORIGIN = frozenset({"move", "attack", "naval_raid", "intervene"})


class IllegalOrder(SidraError):
    """An order the rules do not allow now; the message says why."""

    def __init__(self, order: Order, reason: str) -> None:
        self.order = order
        self.reason = reason
        super().__init__(f"{order.describe()}: {reason}")


class Order(BaseModel):
    """One order: catalogue id, giving faction, target and (for movement) origin."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    faction: str
    order: str
    target: str | None = None
    origin: str | None = None

    def describe(self) -> str:
        """A short plain description, e.g. ``dawn attack misrata→sirte``."""
        where = self.target or ""
        if self.origin:
            where = f"{self.origin}→{where}"
        return f"{self.faction} {self.order} {where}".strip()

    def sort_key(self) -> tuple[str, str, str, str]:
        """Canonical ordering key used in saves."""
        return (self.faction, self.order, self.origin or "", self.target or "")


def make(faction: str, order: str, target: str | None = None, origin: str | None = None) -> Order:
    """Build an order without re-validating fields the engine produced itself (fast path)."""
    return Order.model_construct(faction=faction, order=order, target=target, origin=origin)


def usable(state: GameState, faction: str) -> list[OrderType]:
    """Catalogue entries this faction may give, in catalogue order."""
    return [o for o in state.w.scenario.order if faction in o.factions]


def candidates(state: GameState, faction: str) -> Iterator[Order]:
    """Every structurally possible order for ``faction`` (legal or not), in a fixed order."""
    w = state.w
    regions = w.region_ids
    for otype in usable(state, faction):
        kind = otype.kind
        if kind in NO_TARGET:
            yield make(faction, otype.id)
        elif kind in TARGETS_FACTION:
            for other in w.faction_ids:
                if other != faction:
                    yield make(faction, otype.id, other)
        elif kind in ("move", "attack"):
            for origin in _ground_regions(state, faction):
                for target in w.land[origin]:
                    yield make(faction, otype.id, target, origin)
        elif kind in ("naval_raid", "intervene"):
            unit_kind = "naval" if kind == "naval_raid" else "ground"
            for origin in _unit_regions(state, faction, unit_kind):
                for target in regions:
                    if target != origin:
                        yield make(faction, otype.id, target, origin)
        else:
            for target in regions:
                yield make(faction, otype.id, target)


def _ground_regions(state: GameState, faction: str) -> list[str]:
    return _unit_regions(state, faction, "ground")


def _unit_regions(state: GameState, faction: str, kind: str) -> list[str]:
    seen: list[str] = []
    for rid in state.w.region_ids:
        for u in state.units:
            if u.region == rid and u.faction == faction and u.kind == kind and u.strength > 0:
                seen.append(rid)
                break
    return seen


def spent(state: GameState, orders: Iterable[Order]) -> tuple[int, int]:
    """Action points and treasury that ``orders`` cost together."""
    ap = money = 0
    for o in orders:
        otype = state.w.orders.get(o.order)
        if otype is not None:
            ap += otype.cost
            money += otype.price
    return ap, money


def why_illegal(state: GameState, order: Order, pending: Sequence[Order] = ()) -> str | None:
    """Why ``order`` cannot be given now after ``pending`` (same faction), or None if it can."""
    w = state.w
    if state.finished:
        return "the game is over"
    if order.faction not in w.factions:
        return f"unknown faction '{order.faction}'"
    otype = w.orders.get(order.order)
    if otype is None:
        return f"unknown order '{order.order}'"
    if order.faction not in otype.factions:
        return f"{w.factions[order.faction].name} cannot give '{otype.name}'"
    mine = [p for p in pending if p.faction == order.faction]
    if order in mine:
        return "already ordered this turn"
    ap, money = spent(state, mine)
    fstate = state.faction(order.faction)
    points = w.factions[order.faction].action_points
    if ap + otype.cost > points:
        return f"needs {otype.cost} action point(s); {points - ap} left"
    if money + otype.price > fstate.treasury:
        return f"costs {otype.price} treasury; {fstate.treasury - money} available"
    if sum(1 for p in mine if p.order == order.order) >= otype.per_turn:
        return f"'{otype.name}' can be given {otype.per_turn} time(s) a turn"
    if otype.requires is not None and not holds(otype.requires, state, None):
        return f"its precondition does not hold ({describe_requirement(otype)})"
    return _target_problem(state, order, otype, mine)


def describe_requirement(otype: OrderType) -> str:
    """A short text for an order's data-only precondition."""
    from game.engine.conditions import describe

    return describe(otype.requires) if otype.requires is not None else ""


def _enemy_ground(state: GameState, faction: str, region: str) -> int:
    return sum(
        u.strength
        for u in state.units
        if u.region == region and u.faction != faction and u.kind == "ground"
    )


def _target_problem(
    state: GameState, order: Order, otype: OrderType, mine: Sequence[Order]
) -> str | None:
    w = state.w
    kind = otype.kind
    me = order.faction
    if kind in NO_TARGET:
        return None if order.target is None else "takes no target"
    if order.target is None:
        return "needs a target"
    if kind in TARGETS_FACTION:
        if order.target not in w.factions:
            return f"'{order.target}' is not a faction"
        if order.target == me:
            return "cannot target your own faction"
        return None
    if order.target not in w.regions:
        return f"'{order.target}' is not a region"
    target = state.region(order.target)
    rdef = w.regions[order.target]
    if kind in HAS_ORIGIN:
        if order.origin is None or order.origin not in w.regions:
            return "needs a region to start from"
    elif order.origin is not None:
        return "takes no starting region"
    if rdef.offmap and kind not in ("deploy",):
        return f"{rdef.name} is off the map"
    mine_here = state.ground(me, order.target)
    enemies_here = _enemy_ground(state, me, order.target)

    if kind in ("move", "attack"):
        assert order.origin is not None
        if state.ground(me, order.origin) <= 0:
            return f"you have no ground forces in {w.regions[order.origin].name}"
        if any(p.origin == order.origin and p.order in _movement_ids(state) for p in mine):
            return f"forces in {w.regions[order.origin].name} already have orders"
        if order.target not in w.land[order.origin]:
            return f"{rdef.name} is not linked by road or coast to {w.regions[order.origin].name}"
        hostile = enemies_here > 0 or target.controller not in (me, NEUTRAL)
        if kind == "move" and enemies_here > 0:
            return f"enemy forces hold {rdef.name}: attack instead"
        if kind == "attack" and not hostile:
            return f"nobody hostile holds {rdef.name}: move instead"
        return None
    if kind == "fortify":
        if target.controller != me or mine_here <= 0:
            return f"you need forces in a region you hold ({rdef.name} is not)"
        if target.fortification >= w.tuning.fortify_max:
            return f"{rdef.name} is already fully fortified"
        return None
    if kind in ("recruit", "mobilise"):
        if target.controller != me:
            return f"you do not hold {rdef.name}"
        if rdef.population < 20_000 and order.target not in w.factions[me].supply:
            return f"{rdef.name} has too few people to recruit from"
        if target.siege_by not in (None, me):
            return f"{rdef.name} is besieged"
        if kind == "mobilise" and not any(
            u.faction == me and u.component is not None and u.region == order.target
            for u in state.units
        ):
            return f"no coalition member is based in {rdef.name}"
        return None
    if kind == "repair":
        if target.controller != me:
            return f"you do not hold {rdef.name}"
        if target.damage <= 0 and target.tanks_ablaze <= 0:
            return f"{rdef.name} has nothing to repair"
        return None
    if kind == "aid":
        if rdef.population <= 0:
            return f"nobody lives in {rdef.name}"
        if target.controller not in (me, NEUTRAL) and target.siege_by != me:
            if order.faction not in _aid_anywhere(state):
                return f"{rdef.name} is held by another faction"
        return None
    if kind in ("air_strike", "mig_raid"):
        if target.controller == me and enemies_here == 0:
            return f"you hold {rdef.name} and no enemy is there"
        base = _nearest_unit(state, me, "air", order.target)
        if base is None:
            return "no aircraft left"
        if w.km(base, order.target) > otype.range_km:
            return (
                f"{rdef.name} is {w.km(base, order.target)} km from your aircraft; "
                f"range is {otype.range_km} km"
            )
        return None
    if kind == "military_zone":
        if target.controller in (me, NEUTRAL):
            return f"{rdef.name} is not held by an enemy"
        if rdef.population < 20_000:
            return f"{rdef.name} is not a city"
        if target.siege_by is not None:
            return f"{rdef.name} is already a military zone"
        if not any(state.ground(me, n) > 0 for n in w.land[order.target]):
            return f"you have no forces next to {rdef.name}"
        return None
    if kind == "naval_raid":
        assert order.origin is not None
        if order.target not in w.coastal:
            return f"{rdef.name} is not on the coast"
        if target.controller == me and enemies_here == 0:
            return f"you hold {rdef.name}"
        if w.km(order.origin, order.target) > otype.range_km:
            return f"{rdef.name} is beyond the boats' range ({otype.range_km} km)"
        return None
    if kind == "deploy":
        if not rdef.offmap and target.controller != me:
            return f"you do not hold {rdef.name}"
        return None
    if kind == "arms_support":
        if target.controller in (me, NEUTRAL):
            return f"{rdef.name} is not held by another faction"
        if state.ground(target.controller, order.target) <= 0:
            return f"the holder of {rdef.name} has no forces there to arm"
        return None
    if kind == "intervene":
        assert order.origin is not None
        if not w.regions[order.origin].offmap:
            return "intervention forces start from an off-map staging area"
        if w.km(order.origin, order.target) > otype.range_km:
            return f"{rdef.name} is beyond reach from {w.regions[order.origin].name}"
        return None
    return f"the engine does not know order kind '{kind}'"


def _movement_ids(state: GameState) -> frozenset[str]:
    return frozenset(o.id for o in state.w.scenario.order if o.kind in ("move", "attack"))


def _aid_anywhere(state: GameState) -> frozenset[str]:
    """Factions without territory (e.g. foreign powers) may deliver aid anywhere."""
    holders = {r.controller for r in state.regions if not state.w.regions[r.id].offmap}
    return frozenset(f for f in state.w.faction_ids if f not in holders)


def _nearest_unit(state: GameState, faction: str, kind: str, target: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for i, rid in enumerate(state.w.region_ids):
        if any(
            u.region == rid and u.faction == faction and u.kind == kind and u.strength > 0
            for u in state.units
        ):
            key = (state.w.km(rid, target), i, rid)
            if best is None or key < best:
                best = key
    return None if best is None else best[2]


def nearest_base(state: GameState, faction: str, kind: str, target: str) -> str | None:
    """The region of the faction's nearest unit of ``kind`` to ``target`` (None if none)."""
    return _nearest_unit(state, faction, kind, target)


def check_order(state: GameState, order: Order, pending: Sequence[Order] = ()) -> None:
    """Raise IllegalOrder with the reason if ``order`` cannot be given after ``pending``."""
    reason = why_illegal(state, order, pending)
    if reason is not None:
        raise IllegalOrder(order, reason)


def legal_orders(state: GameState, faction: str, pending: Sequence[Order] = ()) -> list[Order]:
    """Every order ``faction`` may add after ``pending`` this turn, in a fixed order."""
    return [o for o in candidates(state, faction) if why_illegal(state, o, pending) is None]


def options(
    state: GameState, faction: str, pending: Sequence[Order] = ()
) -> list[tuple[Order, str | None]]:
    """Every candidate order with None (legal) or the reason it is not: for the order builder."""
    return [(o, why_illegal(state, o, pending)) for o in candidates(state, faction)]


def check_orders(state: GameState, orders: Sequence[Order]) -> None:
    """Raise IllegalOrder for the first order that is not legal given those before it."""
    accepted: list[Order] = []
    for order in orders:
        check_order(state, order, accepted)
        accepted.append(order)
