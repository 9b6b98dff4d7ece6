"""What every bot provides, and the seeded randomness bots use.

Bots draw from their own PCG64 stream, derived from the game seed, the turn and the
faction, never from the game's RNG: so a bot's choices are reproducible, and swapping a
human for a bot does not shift the dice of the game itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.random import PCG64, SeedSequence

from game.engine.order_model import Order
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

    Made from a numpy PCG64, or lazily from the words of its seed sequence: the stream
    is only set up when the first value is drawn (many turns of a bot draw nothing).
    The lazy stream is numpy's ``PCG64(SeedSequence(words))`` worked out in plain
    integers (:class:`_Pcg64`): building numpy's generator costs more than a whole pick,
    and the draws are the same bit for bit (tests/test_speed_bots.py checks thousands).
    """

    __slots__ = ("_raw", "_words")

    def __init__(self, bits: PCG64 | None = None, words: Sequence[int] = ()) -> None:
        self._raw: Callable[[], int] | None = None if bits is None else bits.random_raw
        self._words = words

    def value(self, sides: int) -> int:
        """A uniform integer in 1..sides, unbiased (integer rejection sampling)."""
        draw = self._raw
        if draw is None:
            draw = self._raw = _Pcg64(self._words).random_raw
        limit = _TWO64 - (_TWO64 % sides)
        while True:
            raw = int(draw())
            if raw < limit:
                return raw % sides + 1


_TWO64 = 1 << 64
_M32 = 0xFFFFFFFF
_M64 = _TWO64 - 1
_M128 = (1 << 128) - 1
_PCG_MULT = 0x2360ED051FC65DA44385DF649FCCF645
"""PCG64's 128-bit LCG multiplier (numpy's PCG64_DEFAULT_MULTIPLIER)."""


def _generate_constants() -> tuple[tuple[int, int], ...]:
    """The (xor, multiplier) pairs SeedSequence.generate_state uses for words 0..7."""
    hashes = [0x8B51F9DD]  # INIT_B
    for _ in range(8):
        hashes.append((hashes[-1] * 0x58F38DED) & _M32)  # MULT_B
    return tuple((hashes[i], hashes[i + 1]) for i in range(8))


_GENERATE = _generate_constants()


def _uint32_words(values: Sequence[int]) -> list[int]:
    """SeedSequence's reading of a list of integers: each as its 32-bit words, low first."""
    out: list[int] = []
    for value in values:
        if value < 0:
            raise ValueError("seed words must be non-negative")
        if value == 0:
            out.append(0)
        while value > 0:
            out.append(value & _M32)
            value >>= 32
    return out


class _Pcg64:
    """numpy's ``PCG64(SeedSequence(words))`` (XSL-RR 128/64), as plain integers.

    The entropy pool is numpy's own (SeedSequence fed the same 32-bit words); its
    ``generate_state(4, uint64)``, the PCG seeding and each step are worked out here.
    """

    __slots__ = ("_inc", "_state")

    def __init__(self, words: Sequence[int]) -> None:
        entropy = np.array(_uint32_words(words), dtype=np.uint32)
        pool: list[int] = SeedSequence(entropy).pool.tolist()
        w: list[int] = []
        for i, (xor, mult) in enumerate(_GENERATE):
            v = ((pool[i & 3] ^ xor) * mult) & _M32
            w.append(v ^ (v >> 16))
        initstate = ((w[1] << 32 | w[0]) << 64) | (w[3] << 32 | w[2])
        initseq = ((w[5] << 32 | w[4]) << 64) | (w[7] << 32 | w[6])
        inc = ((initseq << 1) | 1) & _M128
        # pcg_setseq_128_srandom: state 0, step, add the initial state, step.
        self._state = ((inc + initstate) * _PCG_MULT + inc) & _M128
        self._inc = inc

    def random_raw(self) -> int:
        """The next 64-bit output (step, then XSL-RR of the new state)."""
        s = self._state = (self._state * _PCG_MULT + self._inc) & _M128
        x = ((s >> 64) ^ s) & _M64
        r = s >> 122
        return ((x >> r) | (x << (64 - r))) & _M64


def bot_dice(state: GameState, faction: str, salt: int = 0) -> BotRandom:
    """A fresh random stream for ``faction``'s decisions this turn, derived from the game seed."""
    index = state.w.faction_ids.index(faction)
    words = [state.seed & 0xFFFFFFFFFFFFFFFF, state.seed >> 64, state.turn, index, salt]
    return BotRandom(words=words)


def orders_of(choices: list[Choice]) -> list[Order]:
    """Just the orders."""
    return [c.order for c in choices]
