"""What the order builder says about one target: the board there and the odds.

Kept apart from the widget so the words can be tested without a screen. The numbers
come from the engine's forecast (:mod:`game.engine.forecast`): exact chances from the
dice, expected losses, both sides' totals part by part, and what rivals could still
change before the order resolves. Everything is plain text built from the scenario's
names; the widget shows it as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from game.engine.forecast import BattleForecast, Caveat, StrikeForecast, Term, forecast
from game.engine.kinds import has
from game.engine.order_model import Order
from game.engine.orders import nearest_base
from game.engine.state import GameState
from game.engine.world import World
from game.record.words import join_names, place_name, plural, targets_faction

MINUS = "\u2212"


def percent(p: Fraction) -> str:
    """A chance as a whole percentage; never 0% or 100% unless it is certain."""
    if p <= 0:
        return "0%"
    if p >= 1:
        return "100%"
    return f"{min(99, max(1, round(p * 100)))}%"


def lost(amount: Fraction) -> str:
    """An expected loss of strength, e.g. ``−1.3`` (``0`` when nothing is lost)."""
    return f"{MINUS}{float(amount):.1f}" if amount else "0"


def _who(w: World, faction: str | None, me: str) -> str:
    if faction == me:
        return "you"
    if faction is None or faction not in w.factions:
        return "nobody"
    return w.factions[faction].short


def target_row_hint(state: GameState, order: Order, queued: Sequence[Order] = ()) -> str:
    """A few words for the target's row in the list (empty when there is nothing to add)."""
    found = forecast(state, order, queued, caveats=False)
    if isinstance(found, StrikeForecast):
        if not found.dice:
            return "nothing to fly"
        dice = plural(found.dice, "die", "dice")
        return f"{dice}, hit {percent(found.hit)} · they {lost(found.losses)}"
    if isinstance(found, BattleForecast):
        if not found.attacks:
            return "no force there yet"
        if found.opponent is None or not found.defence:
            return "unopposed"
        mine, theirs = lost(found.mine_lost), lost(found.theirs_lost)
        return f"{percent(found.win)} win · you {mine}, they {theirs}"
    return ""


def target_note(state: GameState, order: Order, queued: Sequence[Order] = ()) -> str:
    """What the board says about this target, and the forecast in full when there is one."""
    board = _board_note(state, order)
    found = forecast(state, order, queued)
    if isinstance(found, BattleForecast):
        return "\n".join(_battle_lines(state, order, found))
    if isinstance(found, StrikeForecast):
        return "\n".join(
            [*_strike_lines(found), board, *_caveat_lines(state, order, found.caveats)]
        )
    return board


def _board_note(state: GameState, order: Order) -> str:
    """Strengths, distances and holder: the facts before any forecast."""
    w = state.w
    otype = w.orders[order.order]
    target = order.target
    if target is None:
        return ""
    if targets_faction(state.w, order):
        fs = state.faction(target)
        return f"{w.factions[target].name}: legitimacy {fs.legitimacy}"
    region = state.region(target)
    holder = w.factions[region.controller].short if region.controller in w.factions else "nobody"
    enemy = sum(
        u.strength
        for u in state.units
        if u.region == target and u.kind == "ground" and u.faction != order.faction
    )
    where = place_name(w, target)
    if has(otype.kind, "ground") and order.origin is not None:
        return f"{where}, held by {holder}: {enemy} other ground strength there"
    if has(otype.kind, "by_air"):
        base = nearest_base(state, order.faction, "air", target)
        if base is not None:
            return (
                f"Aircraft at {place_name(w, base)}, {w.km(base, target):,} km away "
                f"(range {otype.range_km:,}); {enemy} enemy strength in {where}"
            )
    if otype.range_km and order.origin is not None:
        return (
            f"{w.km(order.origin, target):,} km from {place_name(w, order.origin)} "
            f"(range {otype.range_km:,}); {enemy} enemy strength in {where}"
        )
    return f"{where}, held by {holder}; {enemy} other strength there; damage {region.damage}%"


def _term(w: World, term: Term, me: str) -> str:
    where = place_name(w, term.region) if term.region else ""
    n = term.amount
    if term.what == "moving":
        return f"{n} from {where}"
    if term.what == "raised":
        return f"+{n} raised in {where} first"
    if term.what == "joining":
        return f"+{n} joining from {where}"
    if term.what == "there":
        return f"{n} there"
    if term.what == "beside":
        return f"{_who(w, term.faction, me)} {n} beside them"
    if term.what == "fortification":
        return f"fortification +{n}"
    if term.what == "city":
        return f"city streets +{n}"
    if term.what == "besieged":
        return "no city bonus (besieged)"
    return f"{n}"


def _battle_lines(state: GameState, order: Order, f: BattleForecast) -> list[str]:
    w = state.w
    me = order.faction
    target = place_name(w, f.region)
    if not f.attacks:
        lines = ["None of your forces will be there to go this turn."]
        return lines + _caveat_lines(state, order, f.caveats)
    if f.opponent is None or not f.defence:
        lines = [
            f"Nobody defends {target}: your {f.attack_total} go in unopposed "
            "unless someone else moves there."
        ]
        return lines + _caveat_lines(state, order, f.caveats)
    them = _who(w, f.opponent, me)
    attack = ", ".join(_term(w, t, me) for t in f.attack)
    defence = ", ".join(_term(w, t, me) for t in f.defence)
    a_who = them if f.defending else "you"
    d_who = "you" if f.defending else them
    verb = "lose it" if f.defending else "take it"
    side = "" if f.side == me else f" (fighting for {_who(w, f.side, me)})"
    return [
        f"Win {percent(f.win)} · stalemate {percent(f.draw)} · lose {percent(f.loss)} · "
        f"{verb} {percent(f.decided)}{side}",
        f"Expected losses: you {lost(f.mine_lost)}, {them} {lost(f.theirs_lost)}",
        f"Attack {f.attack_total} + die ({a_who}: {attack})",
        f"Defence {f.defence_total} + die ({d_who}: {defence})",
        *_caveat_lines(state, order, f.caveats),
    ]


def _strike_lines(f: StrikeForecast) -> list[str]:
    if not f.dice:
        return ["Nothing left to fly or sail this turn."]
    eased = " (eased)" if f.eased else ""
    lines = [
        f"{plural(f.dice, 'die', 'dice')}, each hits on {f.need}+{eased} ({percent(f.hit)}); "
        f"at least one hit {percent(f.any_hit)}",
        f"Expected: {float(f.hits):.1f} hits; defenders ({f.defenders}) {lost(f.losses)}"
        + (f"; fortification {lost(f.razed)}" if f.razed else ""),
    ]
    if f.own_lost and has(f.kind, "by_sea"):
        lines.append(f"Boats lost on a 1: {float(f.own_lost):.1f} expected")
    elif f.own_lost:
        lines.append(f"Air defences: {percent(f.own_lost)} chance to lose an aircraft")
    return lines


def _caveat_lines(state: GameState, order: Order, caveats: Sequence[Caveat]) -> list[str]:
    """Each thing that could change the forecast, one line each, merged where alike."""
    w = state.w
    me = order.faction
    target = place_name(w, order.target)
    brought: dict[str | None, list[str]] = {}
    lines: list[str] = []
    for c in caveats:
        who = _who(w, c.faction, me)
        where = place_name(w, c.region) if c.region else target
        if c.what == "reinforce":
            part = (
                f"{c.amount} more in {where}"
                if c.region == order.target
                else f"{c.amount} from {where}"
            )
            brought.setdefault(c.faction, []).append(part)
        elif c.what == "arrives_late":
            lines.append(
                f"{c.amount} of yours reaching {where} this turn stay there: arrivals do not go on"
            )
        elif c.what == "strike_origin":
            lines.append(
                f"{who} can strike {where} before you leave "
                f"(up to {plural(c.amount, 'die', 'dice')}): air and sea come before battles"
            )
        elif c.what == "fortify":
            lines.append(f"{who} could fortify {where} (+{c.amount})")
        elif c.what == "other_attacker":
            lines.append(f"{who} could also attack {target} from {where} with {c.amount}")
        elif c.what == "head_on":
            lines.append(
                f"{who} could march {c.amount} out of {where} on your road: the weaker stays home"
            )
        elif c.what == "other_side":
            lines.append(f"{who} also has forces in {where}: more than one battle")
        elif c.what == "own_strike":
            first = "your strike" if c.amount == 1 else f"your {c.amount} strikes"
            lines.append(f"Counted above: {first} on {where} before the battle")
        elif c.what == "may_ease":
            lines.append(f"If {who} raids this turn, your strike hits more easily")
    for faction, parts in brought.items():
        lines.append(f"{_who(w, faction, me)} could add {join_names(parts)}")
    if not lines:
        return []
    return ["Could change before it resolves:", *(f"• {line}" for line in lines)]
