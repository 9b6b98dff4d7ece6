"""Statistics of many games' results: spreads, small text histograms and win rates.

Used by the what-if fan to tell a class how widely a game's future can go: the mean,
the quartiles and the extremes of each track and of the game length, and a one-line
histogram that shows the shape at a glance in a terminal. Used by ``sidra arena`` to
say how sure a measured win rate is (:func:`wilson`) and whether one level beats the
one below it on the same seeds (:func:`paired_difference`, :func:`mcnemar_exact`):
plain Python, so the lab needs no statistics package.
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


Z95 = statistics.NormalDist().inv_cdf(0.975)
"""The normal quantile of a two-sided 95% interval (1.95996...)."""


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion: ``successes`` of ``trials``.

    Chosen over the textbook ``p ± z·sqrt(p(1-p)/n)`` because it stays within 0–1 and
    keeps its coverage near 0% and 100% (0 wins of 10 is not "exactly 0%").
    """
    if trials <= 0 or not 0 <= successes <= trials:
        raise ValueError(f"{successes} successes of {trials} trials")
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z / (1 + z2 / trials) * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    # At 0 or n successes one end is exactly 0 or 1; rounding must not put it past.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


EXACT_DISCORDANT = 1000
"""Up to this many discordant pairs McNemar's p is summed in whole numbers (math.comb,
10 ms at 1,000); beyond, in floating point from the log of its largest term (5,000
pairs in whole numbers take most of a second, a million-game arena would take hours),
which agrees with the whole-number sum to about 1e-11."""


def mcnemar_exact(first_only: int, second_only: int) -> float:
    """McNemar's exact two-sided p-value for paired binary outcomes.

    Only the discordant pairs count (games one player won and the other lost, on the
    same seed): under "no difference" each is equally likely to go either way, so this
    is the two-sided binomial test of ``first_only`` of ``first_only + second_only`` at
    p = 1/2: twice the smaller tail, at most 1.
    """
    if first_only < 0 or second_only < 0:
        raise ValueError("counts of discordant pairs cannot be negative")
    n = first_only + second_only
    k = min(first_only, second_only)
    if n == 0 or 2 * k == n:
        return 1.0
    if n <= EXACT_DISCORDANT:
        tail = sum(math.comb(n, i) for i in range(k + 1))
        return min(1.0, 2 * tail / (1 << n))  # int / int: correctly rounded, however big
    # The tail's terms shrink going down from k: term(i-1) = term(i) * i / (n - i + 1).
    log_term = math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) - n * math.log(2)
    term = math.exp(log_term)
    total = 0.0
    for i in range(k, -1, -1):
        total += term
        if term < total * 1e-17:
            break
        term *= i / (n - i + 1)
    return min(1.0, 2 * total)


def paired_difference(
    both: int, first_only: int, second_only: int, neither: int, z: float = Z95
) -> tuple[float, float, float]:
    """The difference in success rate between two players measured on the same trials,
    with its interval: ``(difference, low, high)`` for first minus second.

    The counts are the four kinds of pair: both succeeded, only the first, only the
    second, neither. The interval is Newcombe's (1998, method 10): each rate's Wilson
    interval, combined through the correlation of the pairs, so pairing narrows it as
    it should and it stays within -1 to 1.
    """
    counts = (both, first_only, second_only, neither)
    if min(counts) < 0 or sum(counts) == 0:
        raise ValueError(f"not a table of pairs: {counts}")
    n = sum(counts)
    first, second = both + first_only, both + second_only
    p1, p2 = first / n, second / n
    l1, u1 = wilson(first, n, z)
    l2, u2 = wilson(second, n, z)
    margins = first * (n - first) * second * (n - second)
    phi = 0.0
    if margins:
        # Newcombe's correlation with its continuity correction: a small positive
        # association counts as none.
        cross = both * neither - first_only * second_only
        if cross > n / 2:
            phi = (cross - n / 2) / math.sqrt(margins)
        elif cross < 0:
            phi = cross / math.sqrt(margins)
    below = (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2
    above = (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2
    difference = p1 - p2
    low = max(-1.0, difference - math.sqrt(max(0.0, below)))
    high = min(1.0, difference + math.sqrt(max(0.0, above)))
    return difference, low, high
