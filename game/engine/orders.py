"""Orders: what a faction asks for in a turn, and whether the rules allow it.

An order names an entry of the scenario's order catalogue plus its target (a region
or a faction) and, for moves and attacks, the region it starts from. Legality is a
function of the state and the orders the faction has already queued this turn, so the
UI can grey out a choice with the engine's own reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pydantic import BaseModel, ConfigDict

from game.engine.conditions import describe, holds
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


class _Board:
    """Unit counts per (faction, region) and unit bases, taken once per legality pass."""

    __slots__ = ("bases", "ground", "total")

    def __init__(self, state: GameState) -> None:
        self.ground: dict[tuple[str, str], int] = {}
        self.total: dict[str, int] = {}
        self.bases: dict[tuple[str, str], list[str]] = {}
        for u in state.units:
            if u.strength <= 0:
                continue
            if u.kind == "ground":
                key = (u.faction, u.region)
                self.ground[key] = self.ground.get(key, 0) + u.strength
                self.total[u.region] = self.total.get(u.region, 0) + u.strength
            where = self.bases.setdefault((u.faction, u.kind), [])
            if u.region not in where:
                where.append(u.region)

    def mine(self, faction: str, region: str) -> int:
        return self.ground.get((faction, region), 0)

    def enemy(self, faction: str, region: str) -> int:
        return self.total.get(region, 0) - self.mine(faction, region)

    def nearest(self, state: GameState, faction: str, kind: str, target: str) -> str | None:
        w = state.w
        best: tuple[int, int, str] | None = None
        for rid in self.bases.get((faction, kind), ()):
            key = (w.km(rid, target), w.region_ids.index(rid), rid)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]


def usable(state: GameState, faction: str) -> list[OrderType]:
    """Catalogue entries this faction may give, in catalogue order."""
    return [o for o in state.w.scenario.order if faction in o.factions]


def candidates(state: GameState, faction: str) -> Iterator[Order]:
    """Every structurally possible order for ``faction`` (legal or not), in a fixed order."""
    for otype in usable(state, faction):
        for target, origin in _targets(state, faction, otype):
            yield make(faction, otype.id, target, origin)


def _targets(
    state: GameState, faction: str, otype: OrderType
) -> Iterator[tuple[str | None, str | None]]:
    """(target, origin) pairs an order type could take, in a fixed order."""
    w = state.w
    kind = otype.kind
    if kind in NO_TARGET:
        yield None, None
    elif kind in TARGETS_FACTION:
        for other in w.faction_ids:
            if other != faction:
                yield other, None
    elif kind in ("move", "attack"):
        for origin in _ground_regions(state, faction):
            for target in w.land[origin]:
                yield target, origin
    elif kind in ("naval_raid", "intervene"):
        unit_kind = "naval" if kind == "naval_raid" else "ground"
        for origin in _unit_regions(state, faction, unit_kind):
            for target in w.region_ids:
                if target != origin:
                    yield target, origin
    else:
        for target in w.region_ids:
            yield target, None


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
    mine = [p for p in pending if p.faction == order.faction]
    problem = _budget_problem(state, order.faction, otype, mine)
    if problem is not None:
        return problem
    key = (order.order, order.target, order.origin)
    if any((p.order, p.target, p.origin) == key for p in mine):
        return "already ordered this turn"
    return _target_problem(
        state, _Board(state), order.faction, otype, order.target, order.origin, mine
    )


def _budget_problem(
    state: GameState, faction: str, otype: OrderType, mine: Sequence[Order]
) -> str | None:
    """What stops ``faction`` giving this type of order at all now (points, money, limits)."""
    w = state.w
    if faction not in otype.factions:
        return f"{w.factions[faction].name} cannot give '{otype.name}'"
    ap, money = spent(state, mine)
    points = w.factions[faction].action_points
    if ap + otype.cost > points:
        return f"needs {otype.cost} action point(s); {points - ap} left"
    treasury = state.faction(faction).treasury
    if money + otype.price > treasury:
        return f"costs {otype.price} treasury; {treasury - money} available"
    if sum(1 for p in mine if p.order == otype.id) >= otype.per_turn:
        return f"'{otype.name}' can be given {otype.per_turn} time(s) a turn"
    if otype.requires is not None and not holds(otype.requires, state, None):
        return f"its precondition does not hold ({describe_requirement(otype)})"
    return None


def describe_requirement(otype: OrderType) -> str:
    """A short text for an order's data-only precondition."""
    return describe(otype.requires) if otype.requires is not None else ""


def _target_problem(
    state: GameState,
    board: _Board,
    me: str,
    otype: OrderType,
    target_id: str | None,
    origin: str | None,
    mine: Sequence[Order],
) -> str | None:
    """What is wrong with this target (and origin) for the order type, or None."""
    w = state.w
    kind = otype.kind
    if kind in NO_TARGET:
        return None if target_id is None else "takes no target"
    if target_id is None:
        return "needs a target"
    if kind in TARGETS_FACTION:
        if target_id not in w.factions:
            return f"'{target_id}' is not a faction"
        if target_id == me:
            return "cannot target your own faction"
        return None
    if target_id not in w.regions:
        return f"'{target_id}' is not a region"
    target = state.region(target_id)
    rdef = w.regions[target_id]
    if kind in HAS_ORIGIN:
        if origin is None or origin not in w.regions:
            return "needs a region to start from"
    elif origin is not None:
        return "takes no starting region"
    if rdef.offmap and kind not in ("deploy",):
        return f"{rdef.name} is off the map"
    mine_here = board.mine(me, target_id)
    enemies_here = board.enemy(me, target_id)

    if kind in ("move", "attack"):
        assert origin is not None
        if board.mine(me, origin) <= 0:
            return f"you have no ground forces in {w.regions[origin].name}"
        if any(p.origin == origin and w.orders[p.order].kind in ("move", "attack") for p in mine):
            return f"forces in {w.regions[origin].name} already have orders"
        if target_id not in w.land[origin]:
            return f"{rdef.name} is not linked by road or coast to {w.regions[origin].name}"
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
        if rdef.population < 20_000 and target_id not in w.factions[me].supply:
            return f"{rdef.name} has too few people to recruit from"
        if target.siege_by not in (None, me):
            return f"{rdef.name} is besieged"
        members = state.faction(me).components
        if kind == "mobilise" and not any(
            u.faction == me and u.component in members and u.region == target_id
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
        if (
            target.controller not in (me, NEUTRAL)
            and target.siege_by != me
            and me not in _aid_anywhere(state)
        ):
            return f"{rdef.name} is held by another faction"
        return None
    if kind in ("air_strike", "mig_raid"):
        if target.controller == me and enemies_here == 0:
            return f"you hold {rdef.name} and no enemy is there"
        base = board.nearest(state, me, "air", target_id)
        if base is None:
            return "no aircraft left"
        if w.km(base, target_id) > otype.range_km:
            return (
                f"{rdef.name} is {w.km(base, target_id)} km from your aircraft; "
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
        if not any(board.mine(me, n) > 0 for n in w.land[target_id]):
            return f"you have no forces next to {rdef.name}"
        return None
    if kind == "naval_raid":
        assert origin is not None
        if origin not in board.bases.get((me, "naval"), ()):
            return f"you have no boats in {w.regions[origin].name}"
        if target_id not in w.coastal:
            return f"{rdef.name} is not on the coast"
        if target.controller == me and enemies_here == 0:
            return f"you hold {rdef.name}"
        if w.km(origin, target_id) > otype.range_km:
            return f"{rdef.name} is beyond the boats' range ({otype.range_km} km)"
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
    if kind == "intervene":
        assert origin is not None
        if not w.regions[origin].offmap:
            return "intervention forces start from an off-map staging area"
        if board.mine(me, origin) <= 0:
            return f"you have no ground forces in {w.regions[origin].name}"
        if w.km(origin, target_id) > otype.range_km:
            return f"{rdef.name} is beyond reach from {w.regions[origin].name}"
        return None
    return f"the engine does not know order kind '{kind}'"


def _aid_anywhere(state: GameState) -> frozenset[str]:
    """Factions without territory (e.g. foreign powers) may deliver aid anywhere."""
    holders = {r.controller for r in state.regions if not state.w.regions[r.id].offmap}
    return frozenset(f for f in state.w.faction_ids if f not in holders)


def nearest_base(state: GameState, faction: str, kind: str, target: str) -> str | None:
    """The region of the faction's nearest unit of ``kind`` to ``target`` (None if none)."""
    return _Board(state).nearest(state, faction, kind, target)


def check_order(state: GameState, order: Order, pending: Sequence[Order] = ()) -> None:
    """Raise IllegalOrder with the reason if ``order`` cannot be given after ``pending``."""
    reason = why_illegal(state, order, pending)
    if reason is not None:
        raise IllegalOrder(order, reason)


def legal_orders(state: GameState, faction: str, pending: Sequence[Order] = ()) -> list[Order]:
    """Every order ``faction`` may add after ``pending`` this turn, in a fixed order."""
    if state.finished or faction not in state.w.factions:
        return []
    mine = [p for p in pending if p.faction == faction]
    taken = {(p.order, p.target, p.origin) for p in mine}
    board = _Board(state)
    legal: list[Order] = []
    for otype in usable(state, faction):
        if _budget_problem(state, faction, otype, mine) is not None:
            continue
        for target, origin in _targets(state, faction, otype):
            if (otype.id, target, origin) in taken:
                continue
            if _target_problem(state, board, faction, otype, target, origin, mine) is None:
                legal.append(make(faction, otype.id, target, origin))
    return legal


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
