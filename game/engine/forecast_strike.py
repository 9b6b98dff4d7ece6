"""Forecasts of air strikes, jet raids and naval raids, exact from the phase's own rules.

An air attack or a raid rolls a fixed number of dice, each hitting on ``need`` or more:
the number of hits is binomial, so its whole distribution is written down exactly
(fractions) and every expectation is taken over it. The dice, the number needed and
what a hit does come from the functions the phases call (``air_dice``,
``air_hit_need``, ``naval_hit_need``, ``effective_power``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from math import comb

from game.engine.air_naval import air_dice, air_hit_need, naval_hit_need, provoked
from game.engine.forces import Board, side_of
from game.engine.forecast_caveats import Caveat
from game.engine.kinds import has
from game.engine.order_model import Order
from game.engine.orders import effective_power
from game.engine.resolve import canonical_key
from game.engine.state import GameState

Spread = list[tuple[Fraction, int]]
"""A distribution: (probability, value) pairs whose probabilities add up to 1."""


@dataclass(frozen=True, slots=True)
class StrikeForecast:
    """What one air strike, jet raid or naval raid is expected to do.

    ``dice`` dice are rolled from ``base``, each hitting on ``need`` or more (``eased``:
    an ultimatum or a siege makes a strike hit more easily) with chance
    ``hit``; ``hits`` is the expected number of hits and ``any_hit`` the chance of at
    least one. Each hit costs the ``defenders`` (hostile ground strength there) one
    strength: ``losses`` is what they are expected to lose; a naval raid's hits also raze
    fortification (``razed``). ``own_lost`` is the expected number of the attacker's own
    aircraft (air defences) or boats (a 1 on a raid die) lost.
    """

    region: str
    kind: str
    base: str | None
    dice: int
    need: int
    eased: bool
    hit: Fraction
    hits: Fraction
    any_hit: Fraction
    defenders: int
    losses: Fraction
    razed: Fraction
    own_lost: Fraction
    caveats: tuple[Caveat, ...] = ()

    def with_caveats(self, caveats: tuple[Caveat, ...]) -> StrikeForecast:
        """The same forecast with ``caveats`` listed."""
        return replace(self, caveats=caveats)


def binomial(dice: int, p: Fraction) -> Spread:
    """The exact distribution of hits from ``dice`` dice that each hit with chance ``p``."""
    return [(comb(dice, k) * p**k * (1 - p) ** (dice - k), k) for k in range(dice + 1)]


def hostile_strength(state: GameState, me: str, region: str) -> int:
    """Ground strength in ``region`` fighting against ``me`` (what a strike's hits take)."""
    return sum(
        u.strength
        for u in state.units
        if u.region == region
        and u.kind == "ground"
        and u.strength > 0
        and u.faction != me
        and side_of(state, u) != me
    )


def _own(state: GameState, me: str, kind: str, region: str | None) -> int:
    """Strength of ``me``'s units of ``kind`` (aircraft, boats) in ``region``."""
    return sum(
        u.strength
        for u in state.units
        if u.faction == me and u.kind == kind and u.region == region and u.strength > 0
    )


def _setup(
    state: GameState, order: Order, mine: Sequence[Order], board: Board
) -> tuple[int, int, bool, str | None, int]:
    """(dice, need, eased, base, own units flying or sailing) of a strike or raid."""
    w = state.w
    otype = w.orders[order.order]
    me, target = order.faction, order.target
    assert target is not None
    key = canonical_key(w)
    before = [q for q in mine if q.order == order.order and key(q) < key(order)]
    power = effective_power(state, me, otype, before)
    die = w.tuning.die
    if has(otype.kind, "by_sea"):
        boats = _own(state, me, "naval", order.origin)
        return min(boats, power), naval_hit_need(die), False, order.origin, boats
    raid = has(otype.kind, "sortie")
    base = board.nearest(state, me, "air", target)
    if base is None:
        return 0, air_hit_need(die, raid, False), False, None, 0
    flying = _own(state, me, "air", base)
    region = state.region(target)
    besieged = region.siege_by == me or any(
        has(w.orders[q.order].kind, "besieges") and q.target == target for q in mine
    )
    eased = not raid and (provoked(state, me, region.controller) or besieged)
    return air_dice(power, flying, raid), air_hit_need(die, raid, eased), eased, base, flying


def _chance(die: int, need: int) -> Fraction:
    """The chance one die shows ``need`` or more."""
    return Fraction(min(die, max(0, die - need + 1)), die)


def strike_forecast(
    state: GameState, order: Order, mine: Sequence[Order], board: Board
) -> StrikeForecast | None:
    """The exact forecast of an air strike, jet raid or naval raid (None: no target)."""
    w = state.w
    target = order.target
    if target is None:
        return None
    kind = w.orders[order.order].kind
    die = w.tuning.die
    dice, need, eased, base, own = _setup(state, order, mine, board)
    p = _chance(die, need)
    spread = binomial(dice, p)
    defenders = hostile_strength(state, order.faction, target)
    fortification = state.region(target).fortification
    naval = has(kind, "by_sea")
    limit = w.tuning.air_defence
    if naval:
        own_lost = Fraction(dice, die) if need > 1 else Fraction(0)
    elif limit and defenders and own:
        own_lost = Fraction(min(limit, die), die)
    else:
        own_lost = Fraction(0)
    return StrikeForecast(
        region=target,
        kind=kind,
        base=base,
        dice=dice,
        need=need,
        eased=eased,
        hit=p,
        hits=dice * p,
        any_hit=1 - (1 - p) ** dice,
        defenders=defenders,
        losses=sum((q * min(k, defenders) for q, k in spread), Fraction(0)),
        razed=sum((q * min(k, fortification) for q, k in spread), Fraction(0))
        if naval
        else Fraction(0),
        own_lost=own_lost,
    )


def own_strikes(
    state: GameState, target: str, mine: Sequence[Order], board: Board
) -> list[tuple[Fraction, int, int]]:
    """What the player's own queued strikes and raids on ``target`` leave for the battle.

    Air and sea attacks resolve before the ground phase. The result is the distribution
    of (probability, total hits, hits by sea): hits cost the defenders strength, and hits
    by sea raze fortification too. Empty when no such order is queued.
    """
    w = state.w
    found: list[tuple[Fraction, int, int]] = [(Fraction(1), 0, 0)]
    any_strike = False
    for q in mine:
        kind = w.orders[q.order].kind
        if q.target != target or not has(kind, "strike"):
            continue
        any_strike = True
        dice, need, _, _, _ = _setup(state, q, mine, board)
        naval = has(kind, "by_sea")
        merged: dict[tuple[int, int], Fraction] = {}
        for chance, hits, by_sea in found:
            for p, k in binomial(dice, _chance(w.tuning.die, need)):
                key = (hits + k, by_sea + (k if naval else 0))
                merged[key] = merged.get(key, Fraction(0)) + chance * p
        found = [(p, h, s) for (h, s), p in sorted(merged.items())]
    return found if any_strike else []
