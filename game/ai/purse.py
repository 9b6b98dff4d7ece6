"""A rule bot's purse: never spend the money that pays the fighters.

Under a payroll (see :mod:`game.engine.economy`) strength costs treasury every turn and
unpaid strength deserts. A sensible commander therefore gives a priced order only when
the treasury left after it still covers the coming payroll, and raises fighters only
when it can pay them: otherwise it buys troops one turn and watches them desert the
next. Factions without a payroll spend as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.economy import payroll_due
from game.engine.kinds import has
from game.engine.order_model import Order
from game.engine.state import GameState


def keeps_payroll(state: GameState, me: str, queued: Sequence[Order], order: Order) -> bool:
    """Whether ``me`` can still pay the coming payroll after ``queued`` and ``order``.

    The strength an order raises is counted at its full power (before diminishing
    returns), so the check errs on the side of keeping money back.
    """
    w = state.w
    if not w.factions[me].payroll_strength:
        return True
    otype = w.orders[order.order]
    if not otype.price and not has(otype.kind, "payroll"):
        return True
    spent = 0
    raised = 0
    for given in (*queued, order):
        gtype = w.orders[given.order]
        spent += gtype.price
        if has(gtype.kind, "payroll"):
            raised += gtype.power
    left = state.faction(me).treasury - spent
    return left >= payroll_due(state, me, raised)
