"""The rules: pure and deterministic. No I/O, no UI, no clock.

The public surface is re-exported here: build a :class:`World` from a scenario, start
with :func:`new_game`, list :func:`legal_orders`, advance with :func:`resolve_turn`.
"""

from game.engine.menu import legal_orders
from game.engine.order_model import Order
from game.engine.orders import IllegalOrder, check_order, options, why_illegal
from game.engine.resolve import resolve_turn
from game.engine.state import GameState, new_game, state_from_dict, state_hash, state_to_dict
from game.engine.world import World, compile_world

__all__ = [
    "GameState",
    "IllegalOrder",
    "Order",
    "World",
    "check_order",
    "compile_world",
    "legal_orders",
    "new_game",
    "options",
    "resolve_turn",
    "state_from_dict",
    "state_hash",
    "state_to_dict",
    "why_illegal",
]
