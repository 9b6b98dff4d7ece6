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
from game.engine.forces import Board, nearest, unit_bases
from game.engine.kinds import NO_TARGET, TARGETS_FACTION
from game.engine.state import GameState
from game.engine.targets import Pair, candidates_of, fits_of, lasting_problem, target_problem
from game.engine.world import World
from game.errors import SidraError
from game.scenario.models import OrderType


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


MOVES = ("move", "attack")
"""Kinds that send a region's ground forces somewhere: one such order per origin a turn."""


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
    return _problem(state, board, order.faction, otype, order.target, order.origin, mine)


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
    return lasting_problem(state, faction, otype)


def describe_requirement(otype: OrderType) -> str:
    """A short text for an order's data-only precondition."""
    return describe(otype.requires) if otype.requires is not None else ""


def _problem(
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
        and otype.kind in MOVES
        and origin in w.regions
        and _busy(w, origin, mine)
    ):
        return f"forces in {w.regions[origin].name} already have orders"
    return target_problem(state, board, me, otype, target, origin)


def _busy(w: World, origin: str, mine: Sequence[Order]) -> bool:
    """Whether one of ``mine`` already moves or attacks with the forces at ``origin``."""
    return any(p.origin == origin and w.orders[p.order].kind in MOVES for p in mine)


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


def legal_orders(state: GameState, faction: str, pending: Sequence[Order] = ()) -> list[Order]:
    """Every order ``faction`` may add after ``pending`` this turn, in a fixed order."""
    return Menu(state, faction).legal(pending)


class Menu:
    """The orders one faction may give in one state, worked out once and asked many times.

    Whether a target suits an order type depends only on the state, so the menu checks
    each type's targets once (when the type is first asked about) and keeps the ones
    that fit. What depends on the orders already queued this turn (points, money,
    repeats, busy forces) is applied by :meth:`after`, so ``Menu(s, f).legal(pending)``
    is exactly ``legal_orders(s, f, pending)``. A bot asks one menu for each of its picks
    in a turn instead of redoing every check.

    The menu never notices changes to the state: build a new one if the state (its units,
    regions, factions or tracks) may have changed since it was made.
    """

    __slots__ = (
        "_allowed",
        "_cheap_first",
        "_cheapest",
        "_fits",
        "_types",
        "board",
        "faction",
        "state",
    )

    def __init__(self, state: GameState, faction: str, board: Board | None = None) -> None:
        self.state = state
        self.faction = faction
        self.board = board or Board(state)
        self._types = state.w.usable.get(faction, ())
        self._cheapest = (
            min(o.cost for o in self._types) if self._types else 0,
            min(o.price for o in self._types) if self._types else 0,
        )
        self._cheap_first: list[OrderType] | None = None
        self._allowed: dict[str, bool] = {}
        self._fits: dict[str, tuple[Sequence[Pair], tuple[Order, ...]]] = {}

    def legal(self, pending: Sequence[Order] = (), only: str | None = None) -> list[Order]:
        """Every order the faction may add after ``pending`` this turn, in a fixed order.

        With ``only`` (a catalogue id), just the orders of that type: the same as filtering
        the whole list, without checking the targets of every other type.
        """
        return self.after(pending).legal(only)

    def after(self, pending: Sequence[Order]) -> Offer:
        """What the faction may still add once ``pending`` are queued."""
        return Offer(self, pending)

    def _may_give(self, otype: OrderType) -> bool:
        """The state-only part of the budget check: precondition and lasting orders."""
        allowed = self._allowed.get(otype.id)
        if allowed is None:
            state = self.state
            allowed = (otype.requires is None or holds(otype.requires, state, None)) and (
                lasting_problem(state, self.faction, otype) is None
            )
            self._allowed[otype.id] = allowed
        return allowed

    def _fitting(self, otype: OrderType) -> tuple[Sequence[Pair], tuple[Order, ...]]:
        """(target, origin) of every target this order type may take now, and the orders."""
        fits = self._fits.get(otype.id)
        if fits is None:
            state, board, me = self.state, self.board, self.faction
            pairs = fits_of(state, board, me, otype)
            fits = pairs, tuple(make(me, otype.id, target, origin) for target, origin in pairs)
            self._fits[otype.id] = fits
        return fits


class Offer:
    """The orders a faction may still add to a given queue: one :class:`Menu` and a queue.

    The orders of each type are worked out when first asked for and kept (as tuples,
    which nobody can change), so asking for the same type again is free.
    """

    __slots__ = (
        "_busy",
        "_by_type",
        "_given",
        "_mine",
        "_money",
        "_open",
        "_points",
        "_spent",
        "menu",
    )

    def __init__(self, menu: Menu, pending: Sequence[Order]) -> None:
        state, faction = menu.state, menu.faction
        w = state.w
        catalogue = w.orders
        self.menu = menu
        self._mine = mine = [p for p in pending if p.faction == faction]
        # One pass over the queue: points and money spent (as spent()), repeats per
        # type, and the origins whose forces already move or attack. _busy is None when
        # an unknown order is queued: each origin is then checked one by one, exactly
        # as why_illegal would.
        ap = money = 0
        given: dict[str, int] = {}
        busy: set[str | None] | None = set()
        for p in mine:
            given[p.order] = given.get(p.order, 0) + 1
            otype = catalogue.get(p.order)
            if otype is None:
                busy = None
                continue
            ap += otype.cost
            money += otype.price
            if busy is not None and otype.kind in MOVES:
                busy.add(p.origin)
        self._spent = ap, money
        self._given = given
        self._busy = busy
        self._open = not state.finished and faction in w.factions
        self._points = w.factions[faction].action_points if self._open else 0
        self._money = state.faction(faction).treasury if self._open else 0
        least_points, least_money = menu._cheapest
        if ap + least_points > self._points or money + least_money > self._money:
            self._open = False  # not even the cheapest order is affordable: nothing is legal
        self._by_type: dict[str, tuple[Order, ...]] = {}

    def legal(self, only: str | None = None) -> list[Order]:
        """Every order that may be added, in a fixed order (``only``: of that type)."""
        if only is not None:
            return list(self.orders(only))
        if not self._open:
            return []
        return [order for otype in self.menu._types for order in self._of_type(otype)]

    def orders(self, only: str) -> tuple[Order, ...]:
        """The orders of type ``only`` that may be added: ``legal(only)`` as a tuple."""
        found = self._by_type.get(only)
        if found is not None:
            return found
        otype = self.menu.state.w.orders.get(only)
        if otype is None or self.menu.faction not in otype.factions or not self._open:
            return ()
        return self._of_type(otype)

    def any(self) -> bool:
        """Whether any order at all may be added (quick types first: only yes or no counts)."""
        if not self._open:
            return False
        if self._busy is None:
            return bool(self.legal())  # an unknown order is queued: fail as legal() would
        menu = self.menu
        if menu._cheap_first is None:
            # Only yes or no counts, so types with a target or two are asked first.
            quick = NO_TARGET | TARGETS_FACTION
            menu._cheap_first = [o for o in menu._types if o.kind in quick] + [
                o for o in menu._types if o.kind not in quick
            ]
        return any(self._of_type(otype) for otype in menu._cheap_first)

    def _of_type(self, otype: OrderType) -> tuple[Order, ...]:
        found = self._by_type.get(otype.id)
        if found is not None:
            return found
        ap, money = self._spent
        repeats = self._given.get(otype.id, 0)
        if (
            ap + otype.cost > self._points
            or money + otype.price > self._money
            or repeats >= otype.per_turn
            or not self.menu._may_give(otype)
        ):
            found = ()
        elif self._busy is None:
            found = tuple(self._checked_one_by_one(otype))
        else:
            pairs, orders = self.menu._fitting(otype)
            busy = self._busy if otype.kind in MOVES else set()
            if not repeats and not busy:
                found = orders
            else:
                taken = {(p.target, p.origin) for p in self._mine if p.order == otype.id}
                found = tuple(
                    order
                    for (target, origin), order in zip(pairs, orders, strict=True)
                    if (target, origin) not in taken and (origin is None or origin not in busy)
                )
        self._by_type[otype.id] = found
        return found

    def _checked_one_by_one(self, otype: OrderType) -> list[Order]:
        """Each target in turn, as :func:`why_illegal` checks it (an unknown order is queued)."""
        menu = self.menu
        state, board, me, mine = menu.state, menu.board, menu.faction, self._mine
        taken = {(p.order, p.target, p.origin) for p in mine}
        return [
            make(me, otype.id, target, origin)
            for target, origin in candidates_of(state, board, me, otype)
            if (otype.id, target, origin) not in taken
            and _problem(state, board, me, otype, target, origin, mine) is None
        ]


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
