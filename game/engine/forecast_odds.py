"""Exact odds of one battle round, over every pair of dice and earlier strikes' outcomes.

The loss rule is the battle's own (``ground.battle_losses``); the rest follows the
ground phase: a beaten attacker falls back where it came from, a beaten defender left
weaker than the winner withdraws to a neighbouring region of its own if it has one, and
a region is taken when the attacker is left there alone.
"""

from __future__ import annotations

from fractions import Fraction

from game.engine.ground import battle_losses

Odds = tuple[Fraction, Fraction, Fraction, Fraction, Fraction, Fraction]
"""Attacker wins, defender holds, stalemate, region taken, attacker's and defender's losses."""


def battle_odds(
    die: int,
    sides: tuple[int, int],
    fortification: int,
    city: int,
    after: tuple[bool, bool],
    strikes: list[tuple[Fraction, int, int]],
) -> Odds:
    """One battle round over every die pair, mixed over the outcomes of earlier strikes.

    ``strikes`` is the distribution of (probability, defender strength lost, fortification
    razed) the player's own earlier strikes leave (empty: none); ``sides`` the attacker's
    and defender's strength; ``after`` whether a beaten defender has a refuge and whether a
    beaten attacker stays (it was there before the turn) rather than falling back."""
    a_str, d_str = sides
    counts = [Fraction(0)] * 6
    for chance, hit, razed in strikes or [(Fraction(1), 0, 0)]:
        d_left = max(0, d_str - hit)
        if d_left == 0:
            counts[0] += chance
            counts[3] += chance
            continue
        bonus = max(0, fortification - razed) + city
        one = round_odds(die, a_str, d_left, bonus, after)
        for i, value in enumerate(one):
            counts[i] += chance * value
    return counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]


def round_odds(die: int, a_str: int, d_str: int, bonus: int, after: tuple[bool, bool]) -> Odds:
    """Exact outcome shares of one round: every (attack die, defence die) pair counted."""
    refuge, stays = after
    wins = holds = draws = taken = a_lost = d_lost = 0
    for margin_base in range(1 - die, die):
        ways = die - abs(margin_base)  # pairs (a, d) with a - d == margin_base
        margin = a_str - d_str - bonus + margin_base
        a_loss, d_loss = battle_losses(margin)
        a_taken, d_taken = min(a_loss, a_str), min(d_loss, d_str)
        a_lost += ways * a_taken
        d_lost += ways * d_taken
        a_left, d_left = a_str - a_taken, d_str - d_taken
        if margin > 0:
            wins += ways
            # a beaten defender left weaker than the winner withdraws if it can
            if a_left > 0 and (d_left == 0 or (d_left < a_left and refuge)):
                taken += ways
        elif margin < 0:
            holds += ways  # a beaten attacker falls back where it came from, unless it stays
            if stays and a_left > 0 and d_left == 0:
                taken += ways
        else:
            draws += ways
            if a_left > 0 and d_left == 0:  # a stalemate that leaves no defender
                taken += ways
    total = die * die
    return tuple(Fraction(n, total) for n in (wins, holds, draws, taken, a_lost, d_lost))  # type: ignore[return-value]
