"""Formulas shared by the scenario checks and the engine (so they cannot disagree)."""

from __future__ import annotations


def terminal_output_bpd(capacity_bpd: int, tanks: int, damage: int, ablaze: int) -> int:
    """Barrels/day a region exports: capacity cut by facility damage and burning tanks.

    Integer arithmetic only, so the result is the same on every machine.
    """
    health = max(0, 100 - damage)
    if tanks <= 0:
        return capacity_bpd * health // 100
    working = max(0, tanks - ablaze)
    return capacity_bpd * health * working // (100 * tanks)
