"""The random-legal bot: the baseline every real strategy must beat."""

from __future__ import annotations

from dataclasses import dataclass

from game.ai.base import Choice, bot_dice
from game.engine.menu import Menu
from game.engine.order_model import Order
from game.engine.state import GameState


@dataclass(slots=True)
class RandomBot:
    """Picks uniformly among legal orders (or stopping) until it runs out of points."""

    faction: str
    salt: int = 1

    def choose(self, state: GameState) -> list[Choice]:
        """Random legal orders for this turn, reproducible from the game seed."""
        dice = bot_dice(state, self.faction, self.salt)
        menu = Menu(state, self.faction)
        chosen: list[Order] = []
        while True:
            legal = menu.legal(chosen)
            if not legal:
                break
            pick = dice.value(len(legal) + 1) - 1
            if pick == len(legal):
                break
            chosen.append(legal[pick])
        return [Choice(o, "random legal order") for o in chosen]
