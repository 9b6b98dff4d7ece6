"""The game's dice: counter-based, keyed by where and why a die is rolled.

Every roll is a pure function of (game key, turn, phase, site, purpose): Philox4x64-10,
the counter-based generator of Random123 that numpy ships as ``numpy.random.Philox``,
is keyed by the game and its counter is set from a hash of the roll's address. So
changing one order never re-rolls an unrelated battle, and a "what if" branch shares
every other die with the game it leaves (common random numbers). Nothing about future
dice is stored in the game state.

The rounds are computed here with Python integers, exactly as numpy's Philox computes
them (``random_raw`` after setting its counter), so every value is the one numpy gives,
bit for bit on every machine, without the cost of re-seating a numpy generator for each
roll. The game key still comes from numpy's ``SeedSequence``; it is worked out once per
(seed, stream) and kept. Rolls use integer rejection sampling, so they are unbiased.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
from numpy.random import SeedSequence

_TWO64 = 1 << 64
MAX_SIDES = 1 << 32
"""The largest die the engine rolls (rejection sampling stays cheap far below 2**64)."""

_MASK = _TWO64 - 1
_COUNTERS = 1 << 256  # the Philox4x64 counter is four 64-bit words: it wraps at 2**256
_ROUNDS = 10
_MULTIPLIERS = (0xD2E7470EE14C6C93, 0xCA5A826395121157)
_WEYL = (0x9E3779B97F4A7C15, 0xBB67AE8584CAA73B)  # added to the key after every round

RoundKeys = tuple[tuple[int, int], ...]
"""The key of each of the ten rounds of Philox4x64-10, as pairs of 64-bit words."""


def game_key(seed: int, stream: int = 0) -> np.ndarray:
    """The 128-bit Philox key of a game: ``stream`` > 0 gives independent alternative dice."""
    words = [seed & 0xFFFFFFFFFFFFFFFF, seed >> 64, stream]
    return SeedSequence(words).generate_state(2, np.uint64)


@lru_cache(maxsize=1024)
def round_keys(seed: int, stream: int = 0) -> RoundKeys:
    """The keys of the ten Philox rounds of a game (kept: deriving the game key is costly)."""
    k0, k1 = (int(word) for word in game_key(seed, stream))
    keys = []
    for _ in range(_ROUNDS):
        keys.append((k0, k1))
        k0 = (k0 + _WEYL[0]) & _MASK
        k1 = (k1 + _WEYL[1]) & _MASK
    return tuple(keys)


def philox_block(counter: int, keys: RoundKeys) -> tuple[int, int, int, int]:
    """The four 64-bit outputs of Philox4x64-10 for ``counter`` (its words, lowest first)."""
    m0, m1 = _MULTIPLIERS
    c0 = counter & _MASK
    c1 = (counter >> 64) & _MASK
    c2 = (counter >> 128) & _MASK
    c3 = counter >> 192
    for k0, k1 in keys:
        p0 = m0 * c0
        p1 = m1 * c2
        # one round: (c0, c1, c2, c3) <- (hi(p1)^c1^k0, lo(p1), hi(p0)^c3^k1, lo(p0))
        c0 = (p1 >> 64) ^ c1 ^ k0
        c1 = p1 & _MASK
        c2 = (p0 >> 64) ^ c3 ^ k1
        c3 = p0 & _MASK
    return c0, c1, c2, c3


class Dice:
    """Rolls addressed by (turn, phase, site, purpose) under one game key.

    The same address always gives the same value, whatever was rolled before: the
    object keeps no position in a stream and nothing changes when it rolls, so one
    instance may serve any number of turns, games' branches, rollouts or threads.
    """

    __slots__ = ("_keys", "seed", "stream")

    def __init__(self, seed: int, stream: int = 0) -> None:
        self.seed = seed
        self.stream = stream
        self._keys = round_keys(seed, stream)

    def value(self, address: str, sides: int) -> int:
        """A uniform integer in 1..sides for ``address`` (unbiased, platform-independent).

        The address's blake2b digest, read as four little-endian 64-bit words, is the
        counter; like numpy's Philox with an empty buffer, the generator steps the counter
        once before the first block, then takes the block's words in turn.
        """
        if not 2 <= sides <= MAX_SIDES:
            raise ValueError(f"a die has 2 to {MAX_SIDES} sides, not {sides}")
        digest = hashlib.blake2b(address.encode("utf-8"), digest_size=32).digest()
        counter = int.from_bytes(digest, "little")
        limit = _TWO64 - (_TWO64 % sides)
        while True:
            counter = (counter + 1) % _COUNTERS
            for raw in philox_block(counter, self._keys):
                if raw < limit:
                    return raw % sides + 1


def address(turn: int, phase: str, site: str, purpose: str, occurrence: int = 0) -> str:
    """The text a roll is keyed by; ``occurrence`` tells repeated rolls at one place apart."""
    text = f"{turn}\x1f{phase}\x1f{site}\x1f{purpose}"
    return f"{text}\x1f{occurrence}" if occurrence else text
