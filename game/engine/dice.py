"""The game's dice: counter-based, keyed by where and why a die is rolled.

Every roll is a pure function of (game key, turn, phase, site, purpose): numpy's
Philox, a counter-based bit generator, is keyed by the game and its counter is set
from a hash of the roll's address. So changing one order never re-rolls an unrelated
battle, and a "what if" branch shares every other die with the game it leaves (common
random numbers). Nothing about future dice is stored in the game state.

numpy documents the raw output of its bit generators as stable across versions and
machines (its higher-level distribution methods are not), so rolls use ``random_raw``
with integer rejection sampling and stay the same bit for bit everywhere.

Building a keyed generator is the costly part (numpy seeds a fresh one from the
operating system before the key replaces it), so each thread keeps one generator per
game key and only moves its counter for a roll: the dice stay a pure function of the
address, and no two threads ever share a generator's state.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache

import numpy as np
from numpy.random import Philox, SeedSequence

_TWO64 = 1 << 64
MAX_SIDES = 1 << 32
"""The largest die the engine rolls (rejection sampling stays cheap far below 2**64)."""

_EMPTY = np.zeros(4, dtype=np.uint64)
_LOCAL = threading.local()
_KEPT = 64
"""Generators each thread keeps (one per game key in use: a fan or a batch needs few)."""


@lru_cache(maxsize=4096)
def _key_words(seed: int, stream: int) -> tuple[int, int]:
    words = [seed & 0xFFFFFFFFFFFFFFFF, seed >> 64, stream]
    first, second = SeedSequence(words).generate_state(2, np.uint64)
    return int(first), int(second)


def game_key(seed: int, stream: int = 0) -> np.ndarray:
    """The 128-bit Philox key of a game: ``stream`` > 0 gives independent alternative dice."""
    return np.array(_key_words(seed, stream), dtype=np.uint64)


def _generator(seed: int, stream: int) -> tuple[Philox, np.ndarray]:
    """This thread's Philox keyed by the game, and its key (made once, then reused)."""
    kept: dict[tuple[int, int], tuple[Philox, np.ndarray]] | None
    kept = getattr(_LOCAL, "generators", None)
    if kept is None:
        kept = _LOCAL.generators = {}
    found = kept.get((seed, stream))
    if found is None:
        if len(kept) >= _KEPT:
            kept.clear()
        key = game_key(seed, stream)
        found = kept[(seed, stream)] = (Philox(key=key), key)
    return found


class Dice:
    """Rolls addressed by (turn, phase, site, purpose) under one game key.

    The same address always gives the same value, whatever was rolled before: the
    object keeps no position in a stream, so one instance may serve any number of
    turns, games' branches or rollouts.
    """

    __slots__ = ("seed", "stream")

    def __init__(self, seed: int, stream: int = 0) -> None:
        self.seed = seed
        self.stream = stream

    def value(self, address: str, sides: int) -> int:
        """A uniform integer in 1..sides for ``address`` (unbiased, platform-independent)."""
        if not 2 <= sides <= MAX_SIDES:
            raise ValueError(f"a die has 2 to {MAX_SIDES} sides, not {sides}")
        bits, key = _generator(self.seed, self.stream)
        digest = hashlib.blake2b(address.encode("utf-8"), digest_size=32).digest()
        bits.state = {
            "bit_generator": "Philox",
            "state": {"counter": np.frombuffer(digest, dtype="<u8"), "key": key},
            "buffer": _EMPTY,
            "buffer_pos": 4,
            "has_uint32": 0,
            "uinteger": 0,
        }
        limit = _TWO64 - (_TWO64 % sides)
        while True:
            raw = int(bits.random_raw())
            if raw < limit:
                return raw % sides + 1


def address(turn: int, phase: str, site: str, purpose: str, occurrence: int = 0) -> str:
    """The text a roll is keyed by; ``occurrence`` tells repeated rolls at one place apart."""
    text = f"{turn}\x1f{phase}\x1f{site}\x1f{purpose}"
    return f"{text}\x1f{occurrence}" if occurrence else text
