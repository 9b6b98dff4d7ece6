"""Fixed strategies for balance testing: the passive player and the spoiler.

They are not opponents for people: they answer two design questions every scenario
should pass. A side that does nothing must still lose, and a side that drags everyone
down (strikes and raids on cities every turn) must do worse than one that plays to win.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.ai.base import Choice
from game.engine.kinds import has
from game.engine.menu import Menu
from game.engine.order_model import Order
from game.engine.state import GameState
from game.engine.world import POPULOUS


@dataclass(slots=True)
class PassiveBot:
    """Gives no orders at all."""

    faction: str

    def choose(self, state: GameState) -> list[Choice]:
        """Nothing, every turn."""
        return []


@dataclass(slots=True)
class SpoilerBot:
    """Spends every action point on the orders that escalate most, at the biggest cities.

    Strikes and raids on cities come first, spread over as many cities as it
    can reach (each city attacked escalates), then any other order that raises
    escalation. It never negotiates, aids or does anything that calms the war.
    """

    faction: str

    def choose(self, state: GameState) -> list[Choice]:
        """The most escalating legal orders, until none is left."""
        w = state.w
        menu = Menu(state, self.faction)
        chosen: list[Order] = []
        while True:
            hit = {o.target for o in chosen}
            best: tuple[int, int, int, Order] | None = None
            for index, order in enumerate(menu.legal(chosen)):
                otype = w.orders[order.order]
                strike = has(otype.kind, "strike")
                people = w.regions[order.target].population if order.target in w.regions else 0
                city = strike and people >= POPULOUS
                if otype.escalation <= 0 and not city:
                    continue
                # A city not yet hit this turn escalates more than striking one twice.
                fresh = city and order.target not in hit
                key = (otype.escalation + fresh + city, people, -index)
                if best is None or key > best[:3]:
                    best = (*key, order)
            if best is None:
                break
            chosen.append(best[3])
        return [Choice(o, "spoiler: the most escalating order at the biggest city") for o in chosen]
