"""Orders: what a faction asks for in a turn, and whether the rules allow it.

An order names an entry of the scenario's order catalogue plus its target (a region
or a faction) and, for moves and attacks, the region it starts from. Legality is a
function of the state and the orders the faction has already queued this turn, so the
UI can grey out a choice with the engine's own reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from game.engine.conditions import describe, holds
from game.engine.forces import Board, nearest, unit_bases
from game.engine.kinds import has, target_problem
from game.engine.order_model import Order
from game.engine.state import GameState
from game.engine.target_lists import candidates_of
from game.engine.targets import lasting_problem
from game.engine.world import World
from game.errors import SidraError
from game.scenario.models import OrderType, Scenario


class IllegalOrder(SidraError):
    """An order the rules do not allow now; the message says why."""

    def __init__(self, order: Order, reason: str) -> None:
        self.order = order
        self.reason = reason
        super().__init__(f"{order.describe()}: {reason}")


_MADE: dict[tuple[str, str, str | None, str | None], Order] = {}
"""Orders built by :func:`make`, by their four fields. An order is frozen and equal to any
order with the same fields, so handing out one object per combination changes nothing
but the cost: legality passes build the same few hundred orders again and again."""


def make(faction: str, order: str, target: str | None = None, origin: str | None = None) -> Order:
    """An order the engine produced itself, without re-validating its fields (fast path)."""
    key = (faction, order, target, origin)
    made = _MADE.get(key)
    if made is None:
        made = Order.model_construct(faction=faction, order=order, target=target, origin=origin)
        _MADE[key] = made
    return made


def usable(state: GameState, faction: str) -> list[OrderType]:
    """Catalogue entries this faction may give, in catalogue order."""
    return [o for o in state.w.scenario.order if faction in o.factions]


def candidates(state: GameState, faction: str, board: Board | None = None) -> Iterator[Order]:
    """Every structurally possible order for ``faction`` (legal or not), in a fixed order."""
    board = board or Board(state)
    for otype in usable(state, faction):
        for target, origin in candidates_of(state, board, faction, otype):
            yield make(faction, otype.id, target, origin)


def spent(state: GameState, orders: Iterable[Order]) -> tuple[int, int]:
    """Action points and treasury that ``orders`` cost together."""
    ap = money = 0
    for o in orders:
        otype = state.w.orders.get(o.order)
        if otype is not None:
            ap += otype.cost
            money += otype.price
    return ap, money


def why_illegal(
    state: GameState, order: Order, pending: Sequence[Order] = (), board: Board | None = None
) -> str | None:
    """Why ``order`` cannot be given now after ``pending`` (same faction), or None if it can.

    ``board`` is this state's :class:`Board` when the caller already has one (it is only
    read, so one board serves every question asked of an unchanged state).
    """
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
    board = board or Board(state)
    return order_problem(state, board, order.faction, otype, order.target, order.origin, mine)


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
        return f"needs {_count(otype.cost, 'action point')}; {points - ap} left"
    treasury = state.faction(faction).treasury
    if money + otype.price > treasury:
        return f"costs {otype.price} treasury; {treasury - money} available"
    given = sum(1 for p in mine if p.order == otype.id)
    if given >= otype.per_turn:
        return f"ordered {given} of {_count(otype.per_turn, 'time')} this turn"
    if otype.requires is not None and not holds(otype.requires, state, None):
        return f"its precondition does not hold ({describe_requirement(otype, w.scenario)})"
    return lasting_problem(state, faction, otype)


def _count(n: int, noun: str) -> str:
    """``n`` and the noun, in the plural unless ``n`` is one: "1 time", "2 action points"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def type_problem(
    state: GameState,
    faction: str,
    otype: OrderType,
    pending: Sequence[Order] = (),
    board: Board | None = None,
) -> str | None:
    """Why no order of type ``otype`` can be added after ``pending`` now, or None.

    None exactly when at least one target of the type is legal (``why_illegal`` finds
    nothing wrong with it). Otherwise the blocker of the type as a whole: the game is
    over, not enough action points or treasury, the per-turn limit reached, a lasting
    order still running, or, when every target fails on its own, what they share. The
    order builder shows it beside the type instead of the first target's reason.
    """
    w = state.w
    if state.finished:
        return "the game is over"
    if faction not in w.factions:
        return f"unknown faction '{faction}'"
    mine = [p for p in pending if p.faction == faction]
    problem = _budget_problem(state, faction, otype, mine)
    if problem is not None:
        return problem
    board = board or Board(state)
    pairs = candidates_of(state, board, faction, otype)
    if not pairs:
        return "no forces or targets for it now"
    taken = {(p.target, p.origin) for p in mine if p.order == otype.id}
    reasons: list[str] = []
    for target, origin in pairs:
        if (target, origin) in taken:
            continue
        reason = order_problem(state, board, faction, otype, target, origin, mine)
        if reason is None:
            return None
        reasons.append(reason)
    if not reasons:
        return "every target already ordered this turn"
    if len(set(reasons)) == 1:
        return reasons[0]
    if has(otype.kind, "moves_forces") and all(
        origin and _busy(w, origin, mine) for _, origin in pairs
    ):
        return "every force that could go already has orders"
    return "no target allowed now: each target says why"


def describe_requirement(otype: OrderType, scenario: Scenario | None = None) -> str:
    """A short text for an order's data-only precondition (in the ``scenario``'s names)."""
    return describe(otype.requires, scenario) if otype.requires is not None else ""


def order_problem(
    state: GameState,
    board: Board,
    me: str,
    otype: OrderType,
    target: str | None,
    origin: str | None,
    mine: Sequence[Order],
) -> str | None:
    """The target problem, after checking the forces at ``origin`` are not already busy."""
    w = state.w
    if (
        origin is not None
        and has(otype.kind, "moves_forces")
        and origin in w.regions
        and _busy(w, origin, mine)
    ):
        return f"forces in {w.regions[origin].name} already have orders"
    return target_problem(state, board, me, otype, target, origin)


def _busy(w: World, origin: str, mine: Sequence[Order]) -> bool:
    """Whether one of ``mine`` already moves or attacks with the forces at ``origin``."""
    return any(p.origin == origin and has(w.orders[p.order].kind, "moves_forces") for p in mine)


def nearest_base(state: GameState, faction: str, kind: str, target: str) -> str | None:
    """The region of the faction's nearest unit of ``kind`` to ``target`` (None if none)."""
    return nearest(state, unit_bases(state, faction, kind), target)


def effective_power(
    state: GameState, faction: str, otype: OrderType, pending: Sequence[Order] = ()
) -> int:
    """An order's power after diminishing returns for its recent repeats by ``faction``.

    ``pending`` are the faction's orders queued before this one in the same turn: each
    earlier use of the same order this turn counts as one more repeat.
    """
    if not otype.diminishing:
        return otype.power
    uses = state.faction(faction).recent.get(otype.id, 0)
    uses += sum(1 for p in pending if p.faction == faction and p.order == otype.id)
    return max(0, otype.power - otype.diminishing * uses)


def check_order(
    state: GameState, order: Order, pending: Sequence[Order] = (), board: Board | None = None
) -> None:
    """Raise IllegalOrder with the reason if ``order`` cannot be given after ``pending``."""
    reason = why_illegal(state, order, pending, board)
    if reason is not None:
        raise IllegalOrder(order, reason)


def options(
    state: GameState, faction: str, pending: Sequence[Order] = ()
) -> list[tuple[Order, str | None]]:
    """Every candidate order with None (legal) or the reason it is not: for the order builder."""
    board = Board(state)
    return [(o, why_illegal(state, o, pending, board)) for o in candidates(state, faction, board)]


def check_orders(state: GameState, orders: Sequence[Order]) -> None:
    """Raise IllegalOrder for the first order that is not legal given those before it."""
    board = Board(state)
    accepted: list[Order] = []
    for order in orders:
        check_order(state, order, accepted, board)
        accepted.append(order)
