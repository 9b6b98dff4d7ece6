"""Limits every front end shares (kept free of heavy imports so the UI starts fast)."""

from __future__ import annotations

SEED_LIMIT = 2**64
"""Seeds are whole numbers in [0, SEED_LIMIT): numpy SeedSequence words are uint64."""


def check_seed(seed: int) -> int:
    """``seed`` if it is a valid game seed; ValueError with a readable reason if not."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < SEED_LIMIT:
        raise ValueError(f"a seed is a whole number from 0 to {SEED_LIMIT - 1}, not {seed!r}")
    return seed
