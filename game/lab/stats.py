"""Descriptive statistics of many games' results: spreads and small text histograms.

Used by the what-if fan to tell a class how widely a game's future can go: the mean,
the quartiles and the extremes of each track and of the game length, and a one-line
histogram that shows the shape at a glance in a terminal.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BLOCKS = " ▁▂▃▄▅▆▇█"
"""Bar heights of a text histogram, empty first."""


@dataclass(frozen=True, slots=True)
class Spread:
    """Mean, quartiles and extremes of a list of whole numbers (all 0 for no values)."""

    count: int
    mean: float
    q1: float
    median: float
    q3: float
    low: int
    high: int

    def to_dict(self) -> dict[str, float | int]:
        """JSON-ready, floats rounded to 3 decimals (enough for any track's unit)."""
        return {
            "count": self.count,
            "mean": round(self.mean, 3),
            "q1": round(self.q1, 3),
            "median": round(self.median, 3),
            "q3": round(self.q3, 3),
            "min": self.low,
            "max": self.high,
        }


def spread(values: Sequence[int]) -> Spread:
    """The spread of ``values``.

    Quartiles use the inclusive method (linear interpolation between the data points,
    as spreadsheets compute QUARTILE), so the quartiles always lie within min–max.
    """
    if not values:
        return Spread(0, 0.0, 0.0, 0.0, 0.0, 0, 0)
    ordered = sorted(values)
    if len(ordered) == 1:
        only = float(ordered[0])
        return Spread(1, only, only, only, only, ordered[0], ordered[0])
    q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Spread(
        count=len(ordered),
        mean=statistics.fmean(ordered),
        q1=q1,
        median=median,
        q3=q3,
        low=ordered[0],
        high=ordered[-1],
    )


def spread_of_counts(counts: Mapping[int, int]) -> Spread:
    """The spread of the values counted in ``counts`` (value -> how many times it occurs).

    Exactly :func:`spread` of the values written out, without writing them out: a batch
    of a million games keeps one count per game length, not a million lengths.
    """
    ordered = sorted((v, n) for v, n in counts.items() if n > 0)
    total = sum(n for _, n in ordered)
    if total == 0:
        return Spread(0, 0.0, 0.0, 0.0, 0.0, 0, 0)

    def nth(index: int) -> int:
        """The ``index``-th value (from 0) of the sorted values."""
        for value, n in ordered:
            if index < n:
                return value
            index -= n
        return ordered[-1][0]

    def quartile(i: int) -> float:
        # statistics.quantiles(method="inclusive"): interpolate between the data points.
        j, delta = divmod(i * (total - 1), 4)
        if delta == 0:
            return float(nth(j))
        return (nth(j) * (4 - delta) + nth(j + 1) * delta) / 4

    mean = math.fsum(v * n for v, n in ordered) / total
    return Spread(
        count=total,
        mean=mean,
        q1=quartile(1),
        median=quartile(2),
        q3=quartile(3),
        low=ordered[0][0],
        high=ordered[-1][0],
    )


def bins(values: Sequence[int], width: int = 12) -> list[int]:
    """Counts of ``values`` in ``width`` equal bins from min to max (one bin if all equal).

    Whole-number data spanning fewer than ``width`` values gets one bin per value, so a
    game length of 9 to 12 turns shows four bars, not twelve with gaps.
    """
    if not values:
        return []
    low, high = min(values), max(values)
    if low == high:
        return [len(values)]
    count = min(width, high - low + 1)
    out = [0] * count
    span = high - low + 1
    for v in values:
        out[(v - low) * count // span] += 1
    return out


def histogram(values: Sequence[int], width: int = 12) -> str:
    """A one-line block histogram of ``values`` (the tallest bar is a full block)."""
    counts = bins(values, width)
    if not counts:
        return ""
    top = max(counts)
    steps = len(BLOCKS) - 1
    # A bin with any value shows at least the lowest bar, so rare outcomes stay visible.
    return "".join(BLOCKS[0 if c == 0 else max(1, c * steps // top)] for c in counts)
