"""The game's dice: counter-based, keyed by where and why a die is rolled.

Every roll is a pure function of (game key, turn, phase, site, purpose): numpy's
Philox, a counter-based bit generator, is keyed by the game and its counter is set
from a hash of the roll's address. So changing one order never re-rolls an unrelated
battle, and a "what if" branch shares every other die with the game it leaves (common
random numbers). Nothing about future dice is stored in the game state.

numpy documents the raw output of its bit generators as stable across versions and
machines (its higher-level distribution methods are not), so rolls use ``random_raw``
with integer rejection sampling and stay the same bit for bit everywhere.
"""

from __future__ import annotations

import hashlib

import numpy as np
from numpy.random import Philox, SeedSequence

_TWO64 = 1 << 64
MAX_SIDES = 1 << 32
"""The largest die the engine rolls (rejection sampling stays cheap far below 2**64)."""


def game_key(seed: int, stream: int = 0) -> np.ndarray:
    """The 128-bit Philox key of a game: ``stream`` > 0 gives independent alternative dice."""
    words = [seed & 0xFFFFFFFFFFFFFFFF, seed >> 64, stream]
    return SeedSequence(words).generate_state(2, np.uint64)


class Dice:
    """Rolls addressed by (turn, phase, site, purpose) under one game key.

    The same address always gives the same value, whatever was rolled before: the
    object keeps no position in a stream, so one instance may serve any number of
    turns, games' branches or rollouts.
    """

    __slots__ = ("_bits", "_key", "seed", "stream")

    def __init__(self, seed: int, stream: int = 0) -> None:
        self.seed = seed
        self.stream = stream
        self._key = game_key(seed, stream)
        self._bits = Philox(key=self._key)

    def value(self, address: str, sides: int) -> int:
        """A uniform integer in 1..sides for ``address`` (unbiased, platform-independent)."""
        if not 2 <= sides <= MAX_SIDES:
            raise ValueError(f"a die has 2 to {MAX_SIDES} sides, not {sides}")
        digest = hashlib.blake2b(address.encode("utf-8"), digest_size=32).digest()
        self._bits.state = {
            "bit_generator": "Philox",
            "state": {"counter": np.frombuffer(digest, dtype=np.uint64), "key": self._key},
            "buffer": np.zeros(4, dtype=np.uint64),
            "buffer_pos": 4,
            "has_uint32": 0,
            "uinteger": 0,
        }
        limit = _TWO64 - (_TWO64 % sides)
        while True:
            raw = int(self._bits.random_raw())
            if raw < limit:
                return raw % sides + 1


def address(turn: int, phase: str, site: str, purpose: str, occurrence: int = 0) -> str:
    """The text a roll is keyed by; ``occurrence`` tells repeated rolls at one place apart."""
    text = f"{turn}\x1f{phase}\x1f{site}\x1f{purpose}"
    return f"{text}\x1f{occurrence}" if occurrence else text
