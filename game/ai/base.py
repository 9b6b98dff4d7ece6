"""What every bot provides, and the seeded randomness bots use.

Bots draw from their own PCG64 stream, derived from the game seed, the turn and the
faction, never from the game's RNG: so a bot's choices are reproducible, and swapping a
human for a bot does not shift the dice of the game itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from numpy.random import PCG64, SeedSequence

from game.engine.dice import Dice
from game.engine.orders import Order
from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class Choice:
    """An order a bot chose and, in words, why."""

    order: Order
    reason: str


class Bot(Protocol):
    """A player that chooses a faction's orders for a turn."""

    faction: str

    def choose(self, state: GameState) -> list[Choice]:
        """The orders for this turn, each with its reason."""
        ...


def bot_dice(state: GameState, faction: str, salt: int = 0) -> Dice:
    """A fresh RNG for ``faction``'s decisions this turn, derived from the game seed."""
    index = state.w.faction_ids.index(faction)
    words = SeedSequence([state.seed & 0xFFFFFFFFFFFFFFFF, state.turn, index, salt]).generate_state(
        4
    )
    bits = PCG64(int(words[0]) | (int(words[1]) << 64)).state["state"]
    return Dice((int(bits["state"]), int(bits["inc"])))


def orders_of(choices: list[Choice]) -> list[Order]:
    """Just the orders."""
    return [c.order for c in choices]
