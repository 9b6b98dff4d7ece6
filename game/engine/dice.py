"""The game's only source of randomness: a PCG64 stream whose state lives in the game.

Rolls use the bit generator's raw 64-bit output with integer rejection sampling,
because numpy documents the raw PCG64 stream as stable across versions and machines
while its higher-level distribution methods may change. Every roll is returned to the
caller as a :class:`Roll` so it can be logged with what it decided.
"""

from __future__ import annotations

from numpy.random import PCG64

from game.engine.log import Roll

_TWO64 = 1 << 64


class Dice:
    """A seeded roller over a PCG64 (state, increment) pair."""

    __slots__ = ("_bits", "_raw")

    def __init__(self, rng: tuple[int, int]) -> None:
        self._bits = PCG64(0)
        self._bits.state = {
            "bit_generator": "PCG64",
            "state": {"state": rng[0], "inc": rng[1]},
            "has_uint32": 0,
            "uinteger": 0,
        }
        self._raw = self._bits.random_raw

    def export(self) -> tuple[int, int]:
        """The current (state, increment) pair, to store back into the game state."""
        inner = self._bits.state["state"]
        return int(inner["state"]), int(inner["inc"])

    def value(self, sides: int) -> int:
        """A uniform integer in 1..sides, unbiased."""
        limit = _TWO64 - (_TWO64 % sides)
        while True:
            raw = int(self._raw())
            if raw < limit:
                return raw % sides + 1

    def roll(self, purpose: str, sides: int, decide: str = "") -> Roll:
        """Roll one die for ``purpose``; ``decide`` may be filled in later by the caller."""
        return Roll(purpose, sides, self.value(sides), decide)
