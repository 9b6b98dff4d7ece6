"""The legality menu: every order one faction may give in one state, worked out once.

A bot picks several orders a turn and asks "what may I still add?" before each pick.
:class:`Menu` checks each order type's targets once per state (with
:func:`~game.engine.kinds.fits_of`); :class:`Offer` applies what depends on the
queue so far (action points, money, repeats, busy forces). ``legal_orders`` is the same
question asked once, and gives the same lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.conditions import holds
from game.engine.forces import Board
from game.engine.kinds import NO_TARGET, TARGETS_FACTION, fits_of, has
from game.engine.order_model import Order
from game.engine.orders import make, order_problem
from game.engine.state import GameState
from game.engine.target_lists import Pair, candidates_of
from game.engine.targets import lasting_problem
from game.scenario.models import OrderType


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
            if busy is not None and has(otype.kind, "moves_forces"):
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
            busy = self._busy if has(otype.kind, "moves_forces") else set()
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
            and order_problem(state, board, me, otype, target, origin, mine) is None
        ]
