"""One function advances the game: ``resolve_turn(state, orders) -> (state, log)``.

It checks every order, resolves the phases (engine.log.PHASES) in fixed order on a
copy of the state, and returns the new state with the log of what happened. The input
state is never changed. Orders are sorted canonically first, so the order in which
players typed them does not matter: turns are simultaneous.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from game.engine.air_naval import air_phase, naval_phase
from game.engine.declarations import declarations, end_of_turn, pay_for_orders
from game.engine.dice import Dice
from game.engine.economy import humanitarian_phase, oil_phase
from game.engine.events import events_phase
from game.engine.forces import Board
from game.engine.ground import ground_phase
from game.engine.log import LogEntry
from game.engine.order_model import Order
from game.engine.orders import IllegalOrder, check_order
from game.engine.politics import diplomacy_phase, escalation_phase
from game.engine.state import GameOver, GameState
from game.engine.territory import control_phase, settle
from game.engine.turn import Turn
from game.engine.victory import assessment_phase
from game.engine.world import World


def canonical_key(w: World) -> Callable[[Order], tuple[int, int, str, str]]:
    """The sort key of :func:`canonical_orders` for orders of ``w``'s scenario."""
    catalogue = {o.id: i for i, o in enumerate(w.scenario.order)}
    factions = {f: i for i, f in enumerate(w.faction_ids)}
    unknown_faction, unknown_order = len(factions), len(catalogue)

    def key(o: Order) -> tuple[int, int, str, str]:
        return (
            factions.get(o.faction, unknown_faction),
            catalogue.get(o.order, unknown_order),
            o.origin or "",
            o.target or "",
        )

    return key


def canonical_orders(state: GameState, orders: Sequence[Order]) -> list[Order]:
    """Orders sorted by faction (scenario order), then catalogue order, origin and target."""
    return sorted(orders, key=canonical_key(state.w))


def resolve_turn(
    state: GameState, orders: Sequence[Order], dice: Dice | None = None, *, log: bool = True
) -> tuple[GameState, list[LogEntry]]:
    """Resolve one turn; raise IllegalOrder (with the reason) if any order is not allowed.

    ``dice`` defaults to the game's own (keyed by its seed); a caller exploring
    alternatives (a rollout, a what-if fan) passes other dice. ``log=False`` is the quiet
    mode of fast rollouts: the same rules, the same dice and the same new state, but no
    log is kept (an empty list comes back). A finished game accepts
    no more turns: GameOver, or IllegalOrder if orders were given.
    """
    if state.finished:
        if orders:
            raise IllegalOrder(orders[0], "the game is over")
        raise GameOver("the game is over")
    w = state.w
    ordered = canonical_orders(state, orders)
    for order in ordered:
        if order.faction not in w.factions:
            raise IllegalOrder(order, f"unknown faction '{order.faction}'")
    # check_orders for each faction in turn (canonical order groups them by faction),
    # with one board for all: it is only read, so it serves every question asked of
    # this unchanged state.
    board = Board(state)
    accepted: list[Order] = []
    for order in ordered:
        if accepted and accepted[-1].faction != order.faction:
            accepted = []
        check_order(state, order, accepted, board)
        accepted.append(order)
    new = state.clone()
    t = Turn(state=new, dice=dice or Dice(new.seed), orders=ordered, keep_log=log)
    pay_for_orders(t)
    declarations(t)
    air_phase(t)
    naval_phase(t)
    ground_phase(t)
    control_phase(t)
    oil_phase(t)
    humanitarian_phase(t)
    diplomacy_phase(t)
    escalation_phase(t)
    if not new.finished:
        events_phase(t)
        settle(t)
        assessment_phase(t)
    end_of_turn(t)
    t.flush()
    new.turn += 1
    return new, t.log
