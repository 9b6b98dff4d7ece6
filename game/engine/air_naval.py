"""Phases 2 and 3: air strikes (with collateral risk) and naval raids.

Strikes and raids come before ground battles so they soften defences, as the Misrata
strikes and the speedboat attack at Sirte did in December 2014 (p1, p4).
"""

from __future__ import annotations

from game.engine.conditions import add_stat, add_track, remove_strength
from game.engine.log import Roll
from game.engine.orders import nearest_base
from game.engine.state import UnitState
from game.engine.turn import Turn
from game.engine.world import POPULOUS
from game.scenario.models import NEUTRAL

COLLATERAL_LEGITIMACY = 3


def _enemy_ground(t: Turn, me: str, region: str) -> list[UnitState]:
    return [
        u
        for u in t.state.units
        if u.region == region and u.faction != me and u.kind == "ground" and u.strength > 0
    ]


def _hit_losses(t: Turn, units: list[UnitState], hits: int) -> dict[str, int]:
    """Remove ``hits`` strength from ``units`` and book the losses per faction."""
    lost: dict[str, int] = {}
    for faction in t.w.faction_ids:
        mine = [u for u in units if u.faction == faction]
        share = hits - sum(lost.values())
        if share <= 0 or not mine:
            continue
        taken = remove_strength(t.state, mine, share)
        if taken:
            lost[faction] = taken
            book_losses(t, faction, taken)
    return lost


def book_losses(t: Turn, faction: str, amount: int) -> None:
    """Losses count against the faction: home-front legitimacy where the scenario says so."""
    t.state.faction(faction).losses += amount
    cost = t.w.factions[faction].casualty_legitimacy
    if cost:
        add_stat(t.state, faction, "legitimacy", -cost * amount)


def _provoked(t: Turn, me: str, holder: str) -> bool:
    """True when ``me`` has an ultimatum on ``holder``, or ``holder`` raids this turn."""
    mine = t.state.faction(me)
    if mine.ultimatum_on == holder and mine.ultimatum_turns > 0:
        return True
    # Orders are simultaneous: a raid ordered this turn provokes whichever faction's
    # air orders happen to be resolved first.
    return any(o.faction == holder and t.w.orders[o.order].kind == "mig_raid" for o in t.orders)


def air_phase(t: Turn) -> None:
    """Resolve air strikes and MiG raids."""
    t.phase = "air"
    for order, otype in t.of_kind("air_strike", "mig_raid"):
        assert order.target is not None
        if otype.kind == "mig_raid":
            _mig_raid(t, order.faction, order.target, otype.power, otype.source)
        else:
            _air_strike(t, order.faction, order.target, otype.power, otype.source)


def _air_strike(t: Turn, me: str, target: str, power: int, source: str) -> None:
    s = t.state
    w = t.w
    base = nearest_base(s, me, "air", target)
    if base is None:
        t.entry("air", f"{t.who(me)} has no aircraft left to strike {t.where(target)}.", faction=me)
        return
    aircraft = sum(
        u.strength for u in s.units if u.faction == me and u.kind == "air" and u.region == base
    )
    region = s.region(target)
    rdef = w.regions[target]
    holder = region.controller
    eased = _provoked(t, me, holder) or region.siege_by == me
    need = w.tuning.die - 1 - (1 if eased else 0)
    rolls: list[Roll] = []
    hits = 0
    for i in range(min(power, aircraft)):
        r = t.roll(f"strike die {i + 1}")
        ok = r.value >= need
        hits += ok
        rolls.append(
            Roll(
                r.purpose,
                r.sides,
                r.value,
                f"hit (needs {need}+)" if ok else f"miss (needs {need}+)",
            )
        )
    enemies = _enemy_ground(t, me, target)
    lost = _hit_losses(t, enemies, hits) if enemies else {}
    damage_added = 0
    facilities = rdef.facilities
    if hits and (
        facilities.port
        or facilities.airport
        or facilities.steel_factory
        or facilities.chemical_factory
        or facilities.oil_tanks
    ):
        before = region.damage
        region.damage = min(100, region.damage + 5 * hits)
        damage_added = region.damage - before
    # Enemy aircraft based at a struck airfield (the MiG at Misrata's aviation school).
    grounded = ""
    if hits and (facilities.airport or facilities.aviation_school):
        for unit in s.units:
            if (
                unit.region == target
                and unit.kind == "air"
                and unit.faction != me
                and unit.strength > 0
            ):
                r = t.roll(f"destroy {unit.id} on the ground")
                if r.value >= w.tuning.die - 1:
                    unit.strength -= 1
                    grounded = f" {unit.id} destroyed on the ground."
                    rolls.append(Roll(r.purpose, r.sides, r.value, "aircraft destroyed"))
                else:
                    rolls.append(Roll(r.purpose, r.sides, r.value, "aircraft survived"))
    # Cohesion of a coalition suffers under strikes.
    for faction in lost:
        if s.faction(faction).cohesion is not None:
            add_stat(s, faction, "cohesion", -1)
    city = rdef.population >= POPULOUS
    t.note("air_strike", me, target)
    collateral = ""
    if city:
        t.note("air_strike_on_city", me, target)
        t.escalation += 1
        r = t.roll("collateral risk")
        if r.value <= 2:
            displaced = rdef.population * w.tuning.strike_displaced_permille // 1000
            add_track(s, "displaced", displaced)
            add_track(s, "humanitarian_access", -3)
            penalty = 1 if eased else COLLATERAL_LEGITIMACY
            add_stat(s, me, "legitimacy", -penalty)
            t.escalation += 1
            t.note("collateral_damage", me, target)
            rolls.append(Roll(r.purpose, r.sides, r.value, "civilians hit (1-2)"))
            collateral = (
                f" Civilians were hit: {displaced:,} flee, {t.who(me)} legitimacy -{penalty}."
            )
        else:
            rolls.append(Roll(r.purpose, r.sides, r.value, "no civilian harm (3+)"))
    losses = ", ".join(f"{t.who(f)} -{n}" for f, n in lost.items()) or "no forces hit"
    text = (
        f"{t.who(me)} strikes {t.where(target)} from {t.where(base)}: {hits} hit(s); {losses}"
        + (f"; facilities damaged +{damage_added}%" if damage_added else "")
        + "."
        + grounded
        + collateral
    )
    rule = (
        f"air strike: one die per aircraft up to {power}, hit on {need}+"
        + (" (eased by ultimatum, provocation or siege)" if eased else "")
        + "; strikes on cities raise escalation and risk civilian harm on 1-2"
    )
    t.entry("air", text, faction=me, region=target, source=source, rule=rule, rolls=rolls)


def _mig_raid(t: Turn, me: str, target: str, power: int, source: str) -> None:
    s = t.state
    w = t.w
    if not any(u.faction == me and u.kind == "air" and u.strength > 0 for u in s.units):
        # e.g. the jet was destroyed on the ground by a strike earlier in this phase
        t.entry(
            "air",
            f"{t.who(me)} has no aircraft left to raid {t.where(target)}.",
            faction=me,
            region=target,
        )
        return
    region = s.region(target)
    tanks = w.regions[target].facilities.oil_tanks
    rolls: list[Roll] = []
    fires = 0
    damage = 0
    for i in range(power):
        r = t.roll(f"raid die {i + 1}")
        if r.value >= w.tuning.die - 1:
            if tanks and region.tanks_ablaze < tanks:
                region.tanks_ablaze += 1
                fires += 1
                rolls.append(Roll(r.purpose, r.sides, r.value, "a tank set ablaze"))
            else:
                region.damage = min(100, region.damage + 10)
                damage += 10
                rolls.append(Roll(r.purpose, r.sides, r.value, "facility damaged"))
        else:
            rolls.append(Roll(r.purpose, r.sides, r.value, "missed"))
    lost = ""
    r = t.roll("jet lost to air defence or accident")
    if r.value == 1:
        for unit in s.units:
            if unit.faction == me and unit.kind == "air" and unit.strength > 0:
                unit.strength -= 1
                lost = f" The {unit.id} jet is lost."
                break
        rolls.append(Roll(r.purpose, r.sides, r.value, "jet lost (1)"))
    else:
        rolls.append(Roll(r.purpose, r.sides, r.value, "jet returns (2+)"))
    if fires:
        t.note("tanks_set_ablaze", me, target)
    t.note("mig_raid", me, target)
    t.entry(
        "air",
        f"{t.who(me)} sends its jet against {t.where(target)}: "
        f"{fires} tank(s) set ablaze" + (f", damage +{damage}%" if damage else "") + "." + lost,
        faction=me,
        region=target,
        source=source,
        rule="jet raid: each die of 5+ sets a tank ablaze (or damages facilities); "
        "a raid provokes retaliation: the enemy's strikes on you this turn are eased",
        rolls=rolls,
    )


def naval_phase(t: Turn) -> None:
    """Resolve naval raids (speedboats with rocket-propelled grenades, p4)."""
    t.phase = "naval"
    s = t.state
    w = t.w
    for order, otype in t.of_kind("naval_raid"):
        me, target, origin = order.faction, order.target, order.origin
        assert target is not None and origin is not None
        boats = [
            u
            for u in s.units
            if u.faction == me and u.kind == "naval" and u.region == origin and u.strength > 0
        ]
        strength = sum(u.strength for u in boats)
        if strength <= 0:
            t.entry("naval", f"{t.who(me)} has no boats left at {t.where(origin)}.", faction=me)
            continue
        region = s.region(target)
        tanks = w.regions[target].facilities.oil_tanks
        rolls: list[Roll] = []
        hits = fires = boat_losses = 0
        need = w.tuning.die - 2
        for i in range(min(strength, otype.power)):
            r = t.roll(f"raid die {i + 1}")
            decided = "miss"
            if r.value >= need:
                hits += 1
                decided = f"hit (needs {need}+)"
                if r.value == w.tuning.die and tanks and region.tanks_ablaze < tanks:
                    region.tanks_ablaze += 1
                    fires += 1
                    decided += " and a tank set ablaze"
            elif r.value == 1:
                boat_losses += 1
                decided = "a boat lost (1)"
            rolls.append(Roll(r.purpose, r.sides, r.value, decided))
        if boat_losses:
            book_losses(t, me, remove_strength(s, boats, boat_losses))
        enemies = _enemy_ground(t, me, target)
        lost = _hit_losses(t, enemies, hits) if enemies else {}
        t.note("naval_raid", me, target)
        if fires:
            t.note("tanks_set_ablaze", me, target)
        if region.controller not in (me, NEUTRAL):
            _breaks_ultimatum(t, me)
        losses = ", ".join(f"{t.who(f)} -{n}" for f, n in lost.items()) or "no defenders hit"
        t.entry(
            "naval",
            f"{t.who(me)} raids {t.where(target)} by sea from {t.where(origin)}: {hits} hit(s); "
            f"{losses}"
            + (f"; {fires} tank(s) ablaze" if fires else "")
            + (f"; {boat_losses} boat(s) lost" if boat_losses else "")
            + ".",
            faction=me,
            region=target,
            source=otype.source,
            rule=f"naval raid: one die per boat up to {otype.power}, hit on {need}+, "
            f"a {w.tuning.die} at a terminal also sets a tank ablaze, a 1 loses a boat",
            rolls=rolls,
        )


def _breaks_ultimatum(t: Turn, attacker: str) -> None:
    """Attacking while under an ultimatum costs legitimacy (once per turn)."""
    for f in t.state.factions:
        if f.ultimatum_on == attacker and f.ultimatum_turns > 0:
            key = f"defied:{f.id}"
            if any(h.what == key for h in t.happened):
                return
            t.note(key, attacker)
            add_stat(t.state, attacker, "legitimacy", -3)
            t.entry(
                "diplomacy",
                f"{t.who(attacker)} attacks in defiance of {t.who(f.id)}'s ultimatum: "
                "legitimacy -3.",
                faction=attacker,
                source="p6",
                rule="defying an ultimatum costs 3 legitimacy",
            )
