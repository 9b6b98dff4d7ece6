"""What every bot provides, and the seeded randomness bots use.

Bots draw from their own PCG64 stream, derived from the game seed, the turn and the
faction, never from the game's RNG: so a bot's choices are reproducible, and swapping a
human for a bot does not shift the dice of the game itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from numpy.random import PCG64, SeedSequence

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


class BotRandom:
    """A bot's own sequential random stream (PCG64), never the game's dice.

    Made from a PCG64, or lazily from the words of its seed sequence: the generator is
    only built when the first value is drawn (many turns of a bot draw nothing, and
    building one costs more than a whole pick), and the stream is the same either way.
    """

    __slots__ = ("_raw", "_words")

    def __init__(self, bits: PCG64 | None = None, words: Sequence[int] = ()) -> None:
        self._raw = None if bits is None else bits.random_raw
        self._words = words

    def value(self, sides: int) -> int:
        """A uniform integer in 1..sides, unbiased (integer rejection sampling)."""
        draw = self._raw
        if draw is None:
            draw = self._raw = PCG64(SeedSequence(self._words)).random_raw
        limit = _TWO64 - (_TWO64 % sides)
        while True:
            raw = int(draw())
            if raw < limit:
                return raw % sides + 1


_TWO64 = 1 << 64


def bot_dice(state: GameState, faction: str, salt: int = 0) -> BotRandom:
    """A fresh random stream for ``faction``'s decisions this turn, derived from the game seed."""
    index = state.w.faction_ids.index(faction)
    words = [state.seed & 0xFFFFFFFFFFFFFFFF, state.seed >> 64, state.turn, index, salt]
    return BotRandom(words=words)


def orders_of(choices: list[Choice]) -> list[Order]:
    """Just the orders."""
    return [c.order for c in choices]
