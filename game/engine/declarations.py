"""Phase 1: declarations, diplomacy and preparations.

Talks, pressure, sanctions, ultimatums and military zones are declared first, and
reinforcements (recruit, mobilise, arms, deploy, fortify) arrive before any fighting,
so every faction acts on the same picture of the turn.
"""

from __future__ import annotations

from game.engine.conditions import add_stat, add_strength, add_track
from game.engine.grammar import plural
from game.engine.log import Change
from game.engine.order_model import Order
from game.engine.orders import effective_power
from game.engine.turn import Turn
from game.scenario.models import OrderType


def pay_for_orders(t: Turn) -> None:
    """Charge every order's price and book its declared legitimacy, cohesion and escalation.

    These are the costs of *giving* an order, whatever its outcome. Each order's power
    after diminishing returns is fixed here, before anything else happens.
    """
    s = t.state
    given: list[Order] = []
    costs: list[Change] = []
    for i, (order, otype) in enumerate(t.typed):
        t.powers[order] = effective_power(s, order.faction, otype, given)
        given.append(order)
        paid = []
        if otype.price:
            paid.append(("treasury", add_stat(s, order.faction, "treasury", -otype.price)))
        if otype.legitimacy:
            paid.append(("legitimacy", add_stat(s, order.faction, "legitimacy", otype.legitimacy)))
        if otype.cohesion:
            paid.append(("cohesion", add_stat(s, order.faction, "cohesion", otype.cohesion)))
        t.escalate(order.faction, otype.escalation, otype.name)
        if not t.keep_log:
            continue
        why = otype.name + (f" ({t.name_of(order.target)})" if order.target else "")
        costs += [
            Change(stat, order.faction, n, why=why, by=order.faction) for stat, n in paid if n
        ]
        # Orders come grouped by faction: book each faction's costs after its last order.
        last = i + 1 == len(t.typed) or t.typed[i + 1][0].faction != order.faction
        if last and costs:
            _book_costs(t, order.faction, costs)
            costs = []


def _book_costs(t: Turn, faction: str, costs: list[Change]) -> None:
    """One log entry for what a faction's orders cost it, order by order."""
    totals: dict[str, int] = {}
    for c in costs:
        totals[c.figure] = totals.get(c.figure, 0) + c.delta
    spent = ", ".join(f"{stat} {n:+}" for stat, n in totals.items() if n)
    t.entry(
        "orders",
        f"{t.whose(faction)} orders: " + spent + "."
        if spent
        else f"{t.whose(faction)} orders cost nothing.",
        faction=faction,
        source="design",
        rule="giving an order costs its price in treasury and changes legitimacy and "
        "cohesion as its catalogue entry says, whatever its outcome",
        cause=f"{t.whose(faction)} orders",
        changes=costs,
    )


def end_of_turn(t: Turn) -> None:
    """Count this turn's uses of each order (for diminishing returns); unused ones recover."""
    used: dict[str, dict[str, int]] = {}
    for order in t.orders:
        mine = used.setdefault(order.faction, {})
        mine[order.order] = mine.get(order.order, 0) + 1
    worn = [otype.id for otype in t.w.scenario.order if otype.diminishing]
    for f in t.state.factions:
        now = used.get(f.id, {})
        recent: dict[str, int] = {}
        for oid in worn:
            count = f.recent.get(oid, 0) + now.get(oid, 0)
            if oid not in now:
                count -= 1
            if count > 0:
                recent[oid] = count
        f.recent = recent


def declarations(t: Turn) -> None:
    """Resolve the declaration-phase orders in canonical order."""
    t.phase = "declarations"
    s = t.state
    log = t.keep_log
    negotiators: list[str] = []
    for order, otype in t.of_phase("declarations"):
        me = order.faction
        kind = otype.kind
        power = t.powers[order]
        if kind == "negotiate":
            gained = add_track(s, "un_talks", power)
            if me not in negotiators:
                negotiators.append(me)
            t.note("negotiation", me)
            if log:
                t.entry(
                    "diplomacy",
                    f"{t.does(me, 'joins')} UN-mediated talks: UN talks {gained:+}.",
                    faction=me,
                    source=otype.source,
                    rule=f"negotiate: UN talks +{power}{_tired(otype, power)}, "
                    f"escalation {otype.escalation:+}",
                )
        elif kind == "diplomatic_pressure":
            assert order.target is not None
            gained = add_track(s, "un_talks", power)
            legit = _scaled(otype.target_legitimacy, power, otype.power)
            cohesion = _scaled(otype.target_cohesion, power, otype.power)
            lost = add_stat(s, order.target, "legitimacy", legit)
            split = add_stat(s, order.target, "cohesion", cohesion)
            if log:
                t.entry(
                    "diplomacy",
                    f"{t.does(me, 'presses')} {t.who(order.target)} to talk: UN talks {gained:+}, "
                    f"their legitimacy {lost:+}" + (f", cohesion {split:+}" if split else "") + ".",
                    faction=me,
                    source=otype.source,
                    rule=f"diplomatic pressure: UN talks +{power}{_tired(otype, power)}; the "
                    "target loses legitimacy (and a coalition cohesion)",
                )
        elif kind == "sanctions":
            assert order.target is not None
            target = t.faction(order.target)
            target.sanctioned = otype.duration
            target.sanctions_by = me
            add_stat(s, order.target, "legitimacy", otype.target_legitimacy)
            if log:
                t.entry(
                    "diplomacy",
                    f"{t.does(me, 'imposes')} sanctions on {t.who(order.target)} for "
                    f"{otype.duration} turns.",
                    faction=me,
                    source=otype.source,
                    rule="sanctions: the target's oil revenue is halved and it loses 1 "
                    "legitimacy each turn while they last",
                )
        elif kind == "ultimatum":
            assert order.target is not None
            mine = t.faction(me)
            mine.ultimatum_on = order.target
            mine.ultimatum_turns = otype.duration
            t.note("ultimatum", me)
            if log:
                t.entry(
                    "diplomacy",
                    f"{t.does(me, 'issues')} an ultimatum to {t.who(order.target)}: "
                    f"stop the assault or face the consequences "
                    f"({plural(otype.duration, 'turn')}).",
                    faction=me,
                    source=otype.source,
                    rule="ultimatum: while it runs, air strikes on the target hit more easily "
                    "and cost less legitimacy; the target loses legitimacy for each attack it "
                    "makes",
                )
        elif kind == "military_zone":
            assert order.target is not None
            region = t.region(order.target)
            region.siege_by = me
            region.siege_turns = otype.duration
            t.note("military_zone", me, order.target)
            if log:
                t.entry(
                    "siege",
                    f"{t.does(me, 'declares')} {t.where(order.target)} a military zone, to be "
                    "besieged.",
                    faction=me,
                    region=order.target,
                    source=otype.source,
                    rule="military zone: the city's defenders are cut off from supply, "
                    "civilians flee, and strikes there hit more easily",
                )
        elif kind in ("recruit", "mobilise", "deploy"):
            assert order.target is not None
            add_strength(s, me, order.target, power)
            if log:
                verb = {"recruit": "recruits", "mobilise": "mobilises", "deploy": "deploys"}[kind]
                t.entry(
                    "reinforce",
                    f"{t.does(me, verb)} +{power} strength in {t.where(order.target)}.",
                    faction=me,
                    region=order.target,
                    source=otype.source,
                    rule=f"{kind}: +{power} ground strength{_tired(otype, power)}"
                    + (f", cohesion {otype.cohesion:+}" if otype.cohesion else ""),
                )
        elif kind == "arms_support":
            assert order.target is not None
            holder = t.region(order.target).controller
            add_strength(s, holder, order.target, power)
            if log:
                t.entry(
                    "reinforce",
                    f"{t.does(me, 'arms')} {t.who(holder)} in {t.where(order.target)}: "
                    f"+{power} strength.",
                    faction=me,
                    region=order.target,
                    source=otype.source,
                    rule="arms support: strength for the region's holder; arming proxies "
                    "raises escalation",
                )
        elif kind == "fortify":
            assert order.target is not None
            region = t.region(order.target)
            region.fortification = min(t.w.tuning.fortify_max, region.fortification + power)
            if log:
                t.entry(
                    "fortify",
                    f"{t.does(me, 'fortifies')} {t.where(order.target)} "
                    f"(level {region.fortification}).",
                    faction=me,
                    region=order.target,
                    source=otype.source,
                    rule="fortification adds to the defender's battle total",
                )
        else:
            raise AssertionError(f"the declarations phase has no rule for order kind '{kind}'")
    if len(negotiators) >= 2:
        gained = add_track(s, "un_talks", 2 * (len(negotiators) - 1))
        t.escalate(None, -1, "talks with several parties")
        if log:
            t.entry(
                "diplomacy",
                f"{len(negotiators)} factions sit at the same table: UN talks {gained:+} more, "
                "escalation -1.",
                source="design",
                rule="talks with several parties count double",
            )


def _scaled(amount: int, power: int, full: int) -> int:
    """``amount`` in proportion to the power left after diminishing returns (toward zero)."""
    if not full:
        return amount
    scaled = abs(amount) * power // full
    return scaled if amount >= 0 else -scaled


def _tired(otype: OrderType, power: int) -> str:
    """A note for the log when repeats have worn an order down."""
    if power < otype.power:
        return f" (down from {otype.power}: repeated recently)"
    return ""
