"""Forecasts: what an order will most likely do, worked out exactly from the rules.

``forecast(state, order, queued)`` answers before a turn ends what the order builder's
player (or a bot) wants to know: for a move, attack or intervention that leads to a
battle, both sides' totals with every part named, the exact chances of winning, losing
or a stalemate, the expected losses of each side and the chance the region changes
hands; for an air strike, jet raid or naval raid, the hit chance per die, the expected
hits and what they cost the defenders. Other orders (talks, recruits, aid ...) have no
dice to forecast: they get None, and their effect summary stays the order type's own;
so does a move between regions of one's own where nobody stands in the way.

The chances are exact fractions: every outcome of the dice is enumerated (a battle has
``die × die`` of them; earlier strikes of the player's own on the target are folded in
by their binomial distribution), never sampled. Every number comes from the function the
phase itself calls (``battle_losses``, ``defence_bonus``'s ``city_bonus``,
``air_hit_need``, ``air_dice``, ``naval_hit_need``), so a forecast cannot drift from the
rules. The forecast reads the state as it is and the player's own queued orders; what
others may do first is listed as caveats (:mod:`game.engine.forecast_caveats`), not
guessed at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from game.engine.forces import Board, side_of, side_strength, side_units, sides_present
from game.engine.forecast_caveats import Caveat, battle_caveats, strike_caveats
from game.engine.forecast_odds import battle_odds
from game.engine.forecast_strike import StrikeForecast, own_strikes, strike_forecast
from game.engine.ground import city_bonus
from game.engine.kinds import has
from game.engine.order_model import Order
from game.engine.orders import effective_power
from game.engine.state import GameState

__all__ = ["BattleForecast", "Caveat", "Forecast", "StrikeForecast", "Term", "forecast"]


@dataclass(frozen=True, slots=True)
class Term:
    """One named part of a side's battle total.

    ``what`` is one of: ``moving`` (forces going with this order from ``region``),
    ``raised`` (strength your queued recruits add at ``region`` before they go),
    ``joining`` (your other queued moves into the same region, from ``region``),
    ``there`` (a side's forces already in the region, of ``faction``), ``beside``
    (``faction``'s peacekeepers standing with the holder), ``fortification``, ``city``
    (a city's streets help its defenders) and ``besieged`` (no city bonus: the attacker
    besieges it; amount 0).
    """

    what: str
    amount: int
    faction: str | None = None
    region: str | None = None


@dataclass(frozen=True, slots=True)
class BattleForecast:
    """The battle a ground order leads to, from the ordering player's side.

    ``side`` is the side the order's forces fight for (the faction itself, or the holder
    an intervention stands beside); ``opponent`` the side they fight (None: nobody
    stands in the way). ``defending`` is True when ``side`` holds the region and the
    others attack it. ``attack`` and ``defence`` are the attacker's and the defender's
    totals before the dice, part by part. ``win``, ``loss`` and ``draw`` are the chances
    the round goes to ``side``, to ``opponent``, or is a stalemate (they add up to 1 when
    ``attacks``); ``decided`` is the chance the attacker ends the round alone in the
    region (it is taken; for a defender, lost); ``mine_lost`` and ``theirs_lost`` are
    expected strength losses. ``attacks`` is False when none of the order's forces will
    be there to fight (they only arrive this turn, say): then every chance is 0.
    """

    region: str
    side: str
    opponent: str | None
    defending: bool
    attacks: bool
    attack: tuple[Term, ...]
    defence: tuple[Term, ...]
    win: Fraction
    loss: Fraction
    draw: Fraction
    decided: Fraction
    mine_lost: Fraction
    theirs_lost: Fraction
    caveats: tuple[Caveat, ...]

    @property
    def attack_total(self) -> int:
        """The attacker's total before its die."""
        return sum(t.amount for t in self.attack)

    @property
    def defence_total(self) -> int:
        """The defender's total before its die."""
        return sum(t.amount for t in self.defence)


Forecast = BattleForecast | StrikeForecast


def forecast(
    state: GameState, order: Order, queued: Sequence[Order] = (), *, caveats: bool = True
) -> Forecast | None:
    """What ``order`` will do if given now after the player's ``queued`` orders.

    None for orders without dice (and for an order the scenario does not know).
    ``caveats=False`` skips listing what others could do first (the slow part: it asks
    every rival's options), for bots that only want the odds.
    """
    w = state.w
    otype = w.orders.get(order.order)
    if otype is None or order.target is None or order.target not in w.regions:
        return None
    mine = [q for q in queued if q.faction == order.faction and q != order]
    board = Board(state)
    if has(otype.kind, "strike"):
        found = strike_forecast(state, order, mine, board)
        if found is not None and caveats and not found.eased:
            found = found.with_caveats(strike_caveats(state, order, board))
        return found
    if has(otype.kind, "ground") and order.origin in w.regions:
        battle = _battle(state, order, mine, board)
        if battle.opponent is None and state.region(order.target).controller == battle.side:
            return None  # a move at home: no battle, nothing changes hands
        if caveats:
            extra = battle_caveats(state, order, mine, board, battle.opponent)
            return replace(battle, caveats=battle.caveats + extra)
        return battle
    return None


def _battle(state: GameState, order: Order, mine: list[Order], board: Board) -> BattleForecast:
    """Who fights whom in the target once every move is made, and the odds of the round."""
    w = state.w
    me, target, origin = order.faction, order.target, order.origin
    assert target is not None and origin is not None
    kinds: dict[Order, str] = {q: w.orders[q.order].kind for q in mine}
    side = _side(state, order)
    ours: list[Term] = []
    moving = board.mine(me, origin)
    if moving:
        ours.append(Term("moving", moving, me, origin))
    raised = sum(
        effective_power(state, me, w.orders[q.order], mine[:i])
        for i, q in enumerate(mine)
        if has(kinds[q], "raises")
        and q.target == origin
        and (not has(kinds[q], "for_holder") or state.region(origin).controller == me)
    )
    if moving and raised:
        ours.append(Term("raised", raised, me, origin))
    for q in mine:
        if has(kinds[q], "ground") and q.target == target and q.origin not in (origin, None):
            assert q.origin is not None
            joining = board.mine(me, q.origin)
            if joining:
                ours.append(Term("joining", joining, me, q.origin))
    there = side_strength(state, side, target)
    if there:
        ours.append(Term("there", there, side))
    late = _arriving(board, me, origin, mine, kinds)
    caveats = [Caveat("arrives_late", me, origin, late)] if late else []
    present = sides_present(state, target)
    if side not in present:
        present = _ordered(state, target, [*present, side])
    others = [f for f in present if f != side]
    if not others or not moving:
        return _unopposed(target, side, others, moving > 0, tuple(ours), tuple(caveats))
    defending = present[0] == side
    if defending:
        opponent = max(others, key=lambda f: (side_strength(state, f, target), -w.faction_index[f]))
        attacker, defender = opponent, side
        theirs = [Term("there", side_strength(state, opponent, target), opponent)]
        defence_units = ours
    else:
        opponent = present[0]
        attacker, defender = side, opponent
        theirs = _defenders(state, target, opponent)
        defence_units = theirs
    if len(others) > 1:
        caveats.append(Caveat("other_side", others[-1], target, 0))
    region = state.region(target)
    besieger = me if any(has(kinds[q], "besieges") and q.target == target for q in mine) else None
    besieger = besieger or region.siege_by
    city = city_bonus(w, target, besieger, attacker)
    bonus_terms = [Term("fortification", region.fortification)] if region.fortification else []
    if city:
        bonus_terms.append(Term("city", city))
    elif w.regions[target].population and city_bonus(w, target, None, attacker):
        bonus_terms.append(Term("besieged", 0, besieger))
    defence = (*defence_units, *bonus_terms)
    attack = tuple(theirs if defending else ours)
    a_str = sum(t.amount for t in attack)
    d_str = sum(t.amount for t in defence_units)
    refuge = _has_refuge(state, target, defender)
    strikes = [] if defending else own_strikes(state, target, mine, board)
    # a beaten attacker falls back only if all of it came this turn; forces already there stay
    stays = any(t.what == "there" for t in attack)
    fight = (a_str, d_str)
    odds = battle_odds(
        state.w.tuning.die, fight, region.fortification, city, (refuge, stays), strikes
    )
    win, loss, draw, taken, a_lost, d_lost = odds
    if strikes:
        count = sum(1 for q in mine if has(kinds[q], "strike") and q.target == target)
        caveats.append(Caveat("own_strike", me, target, count))
    if defending:
        win, loss = loss, win
        a_lost, d_lost = d_lost, a_lost
    return BattleForecast(
        region=target,
        side=side,
        opponent=opponent,
        defending=defending,
        attacks=True,
        attack=attack,
        defence=defence,
        win=win,
        loss=loss,
        draw=draw,
        decided=taken,
        mine_lost=a_lost,
        theirs_lost=d_lost,
        caveats=tuple(caveats),
    )


def _side(state: GameState, order: Order) -> str:
    """The side the order's forces will fight for: their faction's own, or, for forces
    that never take ground, the holder they stand (or land) beside."""
    w = state.w
    me = order.faction
    if w.factions[me].occupies:
        return me
    if has(w.orders[order.order].kind, "beside_holder") and order.target is not None:
        return state.region(order.target).controller
    for u in state.units:
        if u.faction == me and u.region == order.origin and u.kind == "ground" and u.strength > 0:
            return side_of(state, u)
    return me


def _arriving(
    board: Board, me: str, origin: str, mine: list[Order], kinds: dict[Order, str]
) -> int:
    """Strength your other queued moves bring into ``origin`` this turn: it does not go on."""
    return sum(
        board.mine(me, q.origin)
        for q in mine
        if has(kinds[q], "ground") and q.target == origin and q.origin is not None
    )


def _ordered(state: GameState, region: str, sides: list[str]) -> list[str]:
    """Sides in the order battles take them: the holder first, then scenario order."""
    holder = state.region(region).controller
    index = state.w.faction_index
    return sorted(sides, key=lambda f: (f != holder, index[f]))


def _defenders(state: GameState, region: str, side: str) -> list[Term]:
    """The defending side's forces, its own and any peacekeepers beside it, as terms."""
    by_faction: dict[str, int] = {}
    for u in side_units(state, side, region):
        by_faction[u.faction] = by_faction.get(u.faction, 0) + u.strength
    return [
        Term("there" if f == side else "beside", n, f)
        for f, n in sorted(by_faction.items(), key=lambda p: state.w.faction_index[p[0]])
    ]


def _has_refuge(state: GameState, region: str, defender: str) -> bool:
    """Whether a beaten, weaker defender has a neighbouring region of its own to withdraw to."""
    w = state.w
    return any(
        state.region(n).controller == defender and sides_present(state, n) in ([], [defender])
        for n in w.land[region]
    )


def _unopposed(
    target: str,
    side: str,
    others: list[str],
    attacks: bool,
    ours: tuple[Term, ...],
    caveats: tuple[Caveat, ...],
) -> BattleForecast:
    """No battle: nobody stands in the way, or the order's forces are not there to go."""
    zero = Fraction(0)
    sure = Fraction(1) if attacks else zero
    return BattleForecast(
        region=target,
        side=side,
        opponent=others[0] if others else None,
        defending=False,
        attacks=attacks,
        attack=ours,
        defence=(),
        win=sure,
        loss=zero,
        draw=zero,
        decided=sure,
        mine_lost=zero,
        theirs_lost=zero,
        caveats=caveats,
    )
