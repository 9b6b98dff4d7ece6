"""Phases 6 and 7: oil output, revenue and payroll, then displacement and humanitarian access.

Output is computed from each terminal's state (control, damage, tanks ablaze, fighting)
with the same formula the scenario checks use, so the output a scenario states for its
start is where its game starts and every later figure can be traced to a cause.

Revenue is paid out and, straight after, the payroll: a faction with a
``payroll_strength`` pays 1 treasury a turn for every that many points of its ground
strength, and strength it cannot pay deserts. Where oil money pays the armed groups, the
treasury is what keeps an army in the field, so a terminal lost or a sanction imposed
is felt as fighters going home.
"""

from __future__ import annotations

from game.engine.causes import humanitarian_changes, oil_changes
from game.engine.conditions import add_stat, add_track, clamp_track, remove_strength
from game.engine.grammar import plural
from game.engine.log import Roll
from game.engine.state import GameState
from game.engine.turn import Turn
from game.scenario.formulas import terminal_output_bpd
from game.scenario.models import NEUTRAL


def region_output(t: Turn, rid: str) -> int:
    """What a region exports this turn (0 while neutral, fought over or besieged)."""
    region = t.region(rid)
    fac = t.w.regions[rid].facilities
    if not fac.capacity_bpd or region.controller == NEUTRAL:
        return 0
    if rid in t.fought or region.siege_by is not None:
        return 0
    return terminal_output_bpd(fac.capacity_bpd, fac.oil_tanks, region.damage, region.tanks_ablaze)


def oil_phase(t: Turn) -> None:
    """Repairs, fires, output, revenue and sanctions."""
    t.phase = "oil"
    s = t.state
    w = t.w
    for order, otype in t.of_phase("oil"):
        assert order.target is not None
        region = t.region(order.target)
        power = t.powers[order]
        out = min(region.tanks_ablaze, power)
        region.tanks_ablaze -= out
        fixed = min(region.damage, power * 5)
        region.damage -= fixed
        if t.keep_log:
            t.entry(
                "repair",
                f"{t.does(order.faction, 'repairs')} {t.where(order.target)}: "
                f"{plural(out, 'fire')} put "
                f"out, damage -{fixed}%.",
                faction=order.faction,
                region=order.target,
                source=otype.source,
                rule=f"repair: puts out up to {power} fires and removes {power * 5}% damage",
            )
    for region in s.regions:
        if region.tanks_ablaze <= 0:
            continue
        tanks = w.regions[region.id].facilities.oil_tanks
        r = t.roll(region.id, "fire")
        if r.value >= w.tuning.die - 1 and region.tanks_ablaze < tanks:
            region.tanks_ablaze += 1
            decided = "the fire spreads to another tank (5+)"
        elif r.value == 1:
            region.tanks_ablaze -= 1
            decided = "a tank burns out (1)"
        else:
            decided = "the fire burns on"
        region.damage = min(100, region.damage + w.tuning.fire_damage * region.tanks_ablaze)
        if t.keep_log:
            t.entry(
                "fire",
                f"Fire at {w.regions[region.id].name}: {region.tanks_ablaze} of {tanks} tanks "
                f"ablaze; {decided}.",
                region=region.id,
                source=w.regions[region.id].source,
                rule=f"each burning tank adds {w.tuning.fire_damage}% damage a turn",
                rolls=[Roll(r.purpose, r.sides, r.value, decided)],
            )
    total = 0
    income: dict[str, int] = {}
    rate = w.tuning.revenue_per_10k_bpd
    for rid in w.region_ids:
        if not w.regions[rid].facilities.capacity_bpd:
            continue  # no oil here: region_output would say 0
        out = region_output(t, rid)
        if not out:
            continue
        total += out
        holder = t.region(rid).controller
        if holder != NEUTRAL:
            income[holder] = income.get(holder, 0) + out * rate // 10_000
    before = s.tracks["oil_output"]
    s.tracks["oil_output"] = clamp_track(s, "oil_output", total)
    for faction in w.faction_ids:
        fstate = t.faction(faction)
        pay = income.get(faction, 0)
        if fstate.sanctioned > 0:
            pay //= 2
            add_stat(s, faction, "legitimacy", -1)
        if pay:
            add_stat(s, faction, "treasury", pay)
    if t.keep_log:
        _log_revenue(t, total, before, income, rate)
    payroll_phase(t)


def _log_revenue(t: Turn, total: int, before: int, income: dict[str, int], rate: int) -> None:
    """The oil phase's log line: output, its change and who was paid what."""
    paid = ", ".join(f"{t.who(f)} +{n}" for f, n in income.items()) or "nobody"
    t.entry(
        "oil",
        f"Oil output {total:,} bpd ({total - before:+,}); export revenue: {paid}.",
        source=t.w.cites(tracks=("oil_output",)),
        rule="output = capacity x health x working tanks, nothing from terminals fought over, "
        f"besieged or unheld; revenue {rate} per 10,000 bpd to the holder",
        cause="the oil count",
        changes=oil_changes(t, income, before),
    )


def ground_strength(state: GameState, faction: str) -> int:
    """All of ``faction``'s ground strength, wherever it stands."""
    return sum(u.strength for u in state.units if u.faction == faction and u.kind == "ground")


def payroll_due(state: GameState, faction: str, extra: int = 0) -> int:
    """Treasury ``faction`` owes its fighters at the end of a turn, with ``extra`` more
    ground strength than it has now (what a recruit would add): 1 per
    ``payroll_strength`` points, rounded up; 0 for a faction whose forces cost nothing."""
    per = state.w.factions[faction].payroll_strength
    if not per:
        return 0
    strength = max(0, ground_strength(state, faction) + extra)
    return -(-strength // per)


def payroll_rule(per: int) -> str:
    """The payroll rule in player words, for the log and the order builder."""
    return (
        f"payroll: each turn, after oil revenue, 1 treasury for every {per} ground strength "
        f"(rounded up); every treasury point short makes {per} strength desert"
    )


def payroll_phase(t: Turn) -> None:
    """Each paying faction pays its fighters; strength it cannot pay deserts.

    Deserters leave the strongest units first (the rule of :func:`remove_strength`), so
    an unpaid army shrinks where it is largest, and the payroll falls with it.
    """
    s = t.state
    for faction in t.w.faction_ids:
        per = t.w.factions[faction].payroll_strength
        due = payroll_due(s, faction)
        if not due:
            continue
        paid = -add_stat(s, faction, "treasury", -due)
        unpaid = due - paid
        deserted: dict[str, int] = {}
        if unpaid:
            units = [
                u for u in s.units if u.faction == faction and u.kind == "ground" and u.strength > 0
            ]
            before = [(u.region, u.strength) for u in units]
            remove_strength(s, units, unpaid * per)
            for (region, strength), unit in zip(before, units, strict=True):
                if unit.strength < strength:
                    deserted[region] = deserted.get(region, 0) + strength - unit.strength
        if not t.keep_log:
            continue
        treasury = t.faction(faction).treasury
        text = f"{t.does(faction, 'pays')} {t.its(faction)} fighters {paid} of a payroll of {due}"
        if deserted:
            places = ", ".join(f"{n} in {t.where(r)}" for r, n in deserted.items())
            gone = sum(deserted.values())
            text += f"; the treasury is empty and {gone} unpaid strength deserts ({places})."
        else:
            text += f"; treasury {treasury}."
        t.entry(
            "payroll",
            text,
            faction=faction,
            source="design",
            rule=payroll_rule(per),
        )


def humanitarian_phase(t: Turn) -> None:
    """Aid deliveries, returns of the displaced and the drift of humanitarian access."""
    t.phase = "humanitarian"
    s = t.state
    w = t.w
    for order, otype in t.of_phase("humanitarian"):
        assert order.target is not None
        power = t.powers[order]
        gained = add_track(s, "humanitarian_access", power)
        helped = -add_track(s, "displaced", -power * w.tuning.aid_returns)
        t.note("aid", order.faction, order.target)
        if t.keep_log:
            t.entry(
                "aid",
                f"{t.does(order.faction, 'delivers')} aid in {t.where(order.target)}: access "
                f"{gained:+}, {helped:,} displaced people helped home.",
                faction=order.faction,
                region=order.target,
                source=otype.source,
                rule=f"aid: access +{power}, {power * w.tuning.aid_returns:,} displaced people "
                "helped home",
            )
    fleeing = s.tracks["escalation"] * w.tuning.displaced_per_escalation
    add_track(s, "displaced", fleeing)
    access = s.tracks["humanitarian_access"]
    returning = s.tracks["displaced"] * access * w.tuning.return_permille // 100_000
    add_track(s, "displaced", -returning)
    if t.quiet:
        add_track(s, "humanitarian_access", w.tuning.access_drift)
    if not t.keep_log:
        return
    t.entry(
        "humanitarian",
        f"{fleeing:,} people flee the widening war and {returning:,} return home; "
        f"{s.tracks['displaced']:,} are displaced; "
        f"humanitarian access {s.tracks['humanitarian_access']}%.",
        source=w.cites(tracks=("displaced", "humanitarian_access")),
        rule=f"{w.tuning.displaced_per_escalation:,} flee per point of escalation; returns = "
        f"displaced x access x {w.tuning.return_permille} per 100,000; access recovers in "
        "quiet turns (no battle, strike or raid)",
        cause="flight and return",
        changes=humanitarian_changes(fleeing, returning, w.tuning.access_drift if t.quiet else 0),
    )
