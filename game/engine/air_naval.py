"""Phases 2 and 3: air attacks (strikes and jet raids) and naval raids.

Strikes and raids come before ground battles so they soften defences: a raid from the
air or the sea can empty a position an assault then walks into. An air
attack and a raid resolve by the same steps: dice against the defenders, damage to
what stands there, aircraft caught on the ground, and the escalation the attacker owns.
"""

from __future__ import annotations

from game.engine.conditions import add_stat, add_track, remove_strength
from game.engine.consequences import (
    attack_on_city,
    book_losses,
    breaks_ultimatum,
    punish_attack_on_peacekeepers,
)
from game.engine.grammar import plural
from game.engine.kinds import has
from game.engine.log import Roll
from game.engine.order_model import Order
from game.engine.orders import nearest_base
from game.engine.state import GameState, UnitState
from game.engine.turn import Turn
from game.engine.world import POPULOUS
from game.scenario.models import NEUTRAL, OrderType

COLLATERAL_LEGITIMACY = 3


def hostile_ground(t: Turn, me: str, region: str) -> list[UnitState]:
    """Ground units in ``region`` fighting against ``me`` (peacekeepers count for their client)."""
    factions = t.w.factions
    return [
        u
        for u in t.state.units
        if u.region == region
        and u.kind == "ground"
        and u.strength > 0
        and u.faction != me
        # forces.side_of, inlined: the side a unit fights for
        and (u.client if u.client is not None and not factions[u.faction].occupies else u.faction)
        != me
    ]


def hit_losses(t: Turn, units: list[UnitState], hits: int) -> dict[str, int]:
    """Remove ``hits`` strength from ``units`` (faction by faction) and book the losses."""
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


def provoked(state: GameState, me: str, holder: str) -> bool:
    """Whether ``me`` has an ultimatum on ``holder`` that still runs: its strikes on the
    holder are eased. A raid by the holder eases nothing: that one side's strikes answer
    the other's is a spokesman's justification, not a rule the game should enforce."""
    mine = state.faction(me)
    return mine.ultimatum_on == holder and mine.ultimatum_turns > 0


def air_hit_need(die: int, raid: bool, eased: bool) -> int:
    """The lowest die that hits in an air attack: a raid is a low run by one jet (hits like
    a boat raid); strikes come from higher up and hit less often unless eased."""
    return die - (2 if raid or eased else 1)


def air_dice(power: int, flying: int, raid: bool) -> int:
    """Dice an air attack rolls: a strike one per aircraft up to its power; a raid is one
    sortie of a single jet with all of its power."""
    return power if raid else min(power, flying)


def naval_hit_need(die: int) -> int:
    """The lowest die that hits in a naval raid."""
    return die - 2


def air_phase(t: Turn) -> None:
    """Resolve air strikes and jet raids."""
    t.phase = "air"
    for order, otype in t.of_phase("air"):
        _air_attack(t, order, otype)


def _air_attack(t: Turn, order: Order, otype: OrderType) -> None:
    s = t.state
    w = t.w
    me, target = order.faction, order.target
    assert target is not None
    raid = has(otype.kind, "sortie")
    base = nearest_base(s, me, "air", target)
    if base is None:
        # e.g. the jet was destroyed on the ground earlier in this phase
        if t.keep_log:
            t.entry(
                "air",
                f"{t.does(me, 'has')} no aircraft left to {'raid' if raid else 'strike'} "
                f"{t.where(target)}.",
                faction=me,
                region=target,
            )
        return
    aircraft = [u for u in s.units if u.faction == me and u.kind == "air" and u.region == base]
    region = t.region(target)
    rdef = w.regions[target]
    eased = not raid and (provoked(s, me, region.controller) or region.siege_by == me)
    need = air_hit_need(w.tuning.die, raid, eased)
    dice = air_dice(t.powers[order], sum(u.strength for u in aircraft), raid)
    rolls: list[Roll] = []
    hits = 0
    for i in range(dice):
        r = t.roll(target, f"{me} air die {i + 1}")
        ok = r.value >= need
        hits += ok
        if t.keep_log:
            rolls.append(_decided(r, f"hit (needs {need}+)" if ok else f"miss (needs {need}+)"))
    defenders = hostile_ground(t, me, target)
    warned = punish_attack_on_peacekeepers(t, me, target) if hits else ""
    lost = hit_losses(t, defenders, hits) if defenders else {}
    burnt = _burn_or_damage(t, me, target, hits, raid)
    caught = _caught_on_ground(t, me, target, hits, rolls)
    downed = _shot_down(t, me, target, aircraft, defenders, rolls)
    for faction in lost:
        if t.faction(faction).cohesion is not None:
            add_stat(s, faction, "cohesion", -1)
    t.note("air_raid" if raid else "air_strike", me, target)
    on_city = _strike_on_city(t, me, target, rolls) if rdef.population >= POPULOUS else ""
    if not t.keep_log:
        return
    text = f"{t.who(me)} {'raids' if raid else 'strikes'} {t.where(target)} from {t.where(base)}"
    text += f": {plural(hits, 'hit')}; " + (
        ", ".join(f"{t.who(f)} -{n}" for f, n in lost.items()) or "no forces hit"
    )
    text += burnt + "." + caught + downed + on_city + warned
    rule = (
        (
            f"jet raid: {otype.power} dice"
            if raid
            else f"air strike: one die per aircraft up to {otype.power}"
        )
        + f", hit on {need}+"
        + (" (eased by ultimatum or siege)" if eased else "")
        + "; each hit costs the defenders 1 strength"
        + ("; at a terminal a hit sets a tank ablaze" if raid else "")
        + "; attacks on cities escalate and risk civilian harm on 1-2, costing "
        + f"{COLLATERAL_LEGITIMACY} legitimacy whoever strikes"
    )
    t.entry(
        "air",
        text,
        faction=me,
        region=target,
        source=otype.source,
        rule=rule,
        rolls=rolls,
        cause=f"{t.who(me)} {'jet raid' if raid else 'air strike'} on {t.where(target)}",
    )


def _decided(r: Roll, what: str) -> Roll:
    return Roll(r.purpose, r.sides, r.value, what)


def _burn_or_damage(t: Turn, me: str, target: str, hits: int, raid: bool) -> str:
    """Facilities hit: tanks set ablaze by raids, damage from strikes (text for the log)."""
    if not hits:
        return ""
    region = t.region(target)
    fac = t.w.regions[target].facilities
    out = ""
    if raid and fac.oil_tanks:
        fires = min(hits, fac.oil_tanks - region.tanks_ablaze)
        region.tanks_ablaze += fires
        hits -= fires
        if fires:
            t.note("tanks_set_ablaze", me, target)
            out = f"; {plural(fires, 'tank')} set ablaze"
    if not hits or not (
        fac.port or fac.airport or fac.steel_factory or fac.chemical_factory or fac.oil_tanks
    ):
        return out
    before = region.damage
    region.damage = min(100, region.damage + (10 if raid else 5) * hits)
    added = region.damage - before
    return out + (f"; facilities damaged +{added}%" if added else "")


def _caught_on_ground(t: Turn, me: str, target: str, hits: int, rolls: list[Roll]) -> str:
    """Enemy aircraft based where the hits fell may be destroyed on the ground."""
    if not hits:
        return ""
    out = ""
    for unit in t.state.units:
        if unit.region == target and unit.kind == "air" and unit.faction != me and unit.strength:
            r = t.roll(target, f"{unit.id} on the ground")
            if r.value >= t.w.tuning.die - 1:
                unit.strength -= 1
                book_losses(t, unit.faction, 1)
                if t.keep_log:
                    what = t.unit_name(unit.id)
                    out += f" {t.does(unit.faction, 'loses')} an aircraft ({what}) on the ground."
                    rolls.append(_decided(r, "aircraft destroyed on the ground (5+)"))
            elif t.keep_log:
                rolls.append(_decided(r, "aircraft survived (1-4)"))
    return out


def _shot_down(
    t: Turn,
    me: str,
    target: str,
    aircraft: list[UnitState],
    defenders: list[UnitState],
    rolls: list[Roll],
) -> str:
    """Air defences over defended ground may bring an aircraft down."""
    limit = t.w.tuning.air_defence
    if not limit or not defenders:
        return ""
    r = t.roll(target, f"{me} air defence")
    if r.value > limit:
        if t.keep_log:
            rolls.append(_decided(r, f"all aircraft return ({limit + 1}+)"))
        return ""
    flying = [u for u in aircraft if u.strength > 0]
    if not flying:
        return ""
    lost = max(flying, key=lambda u: (u.strength, u.id))
    lost.strength -= 1
    book_losses(t, me, 1)
    if not t.keep_log:
        return ""
    rolls.append(_decided(r, f"an aircraft is lost ({limit} or less)"))
    return f" {t.does(me, 'loses')} an aircraft ({t.unit_name(lost.id)}) to air defences."


def _strike_on_city(t: Turn, me: str, target: str, rolls: list[Roll]) -> str:
    """An attack from the air or the sea on a city escalates and may harm civilians."""
    s = t.state
    w = t.w
    rdef = w.regions[target]
    if t.phase == "air":
        t.note("air_strike_on_city", me, target)
    attack_on_city(t, me, target)
    r = t.roll(target, f"{me} {t.phase} collateral risk")
    if r.value > 2:
        if t.keep_log:
            rolls.append(_decided(r, "no civilian harm (3+)"))
        return ""
    displaced = rdef.population * w.tuning.strike_displaced_permille // 1000
    add_track(s, "displaced", displaced)
    add_track(s, "humanitarian_access", -3)
    # The same harm costs the same whoever causes it: an ultimatum or a siege may make a
    # strike easier to land, never cheaper in civilian lives.
    penalty = COLLATERAL_LEGITIMACY
    add_stat(s, me, "legitimacy", -penalty)
    if t.once(f"collateral:{me}:{target}", me, target):
        t.escalate(me, 1, f"civilians hit in {rdef.name}")
    t.note("collateral_damage", me, target)
    if not t.keep_log:
        return ""
    rolls.append(_decided(r, "civilians hit (1-2)"))
    return f" Civilians were hit: {displaced:,} flee, {t.who(me)} legitimacy -{penalty}."


def naval_phase(t: Turn) -> None:
    """Resolve naval raids: boats attacking a coastal region from a port of their own."""
    t.phase = "naval"
    for order, otype in t.of_phase("naval"):
        _naval_raid(t, order, otype)


def _naval_raid(t: Turn, order: Order, otype: OrderType) -> None:
    s = t.state
    w = t.w
    me, target, origin = order.faction, order.target, order.origin
    assert target is not None and origin is not None
    boats = [
        u
        for u in s.units
        if u.faction == me and u.kind == "naval" and u.region == origin and u.strength > 0
    ]
    strength = sum(u.strength for u in boats)
    if strength <= 0:
        if t.keep_log:
            t.entry("naval", f"{t.does(me, 'has')} no boats left at {t.where(origin)}.", faction=me)
        return
    region = t.region(target)
    tanks = w.regions[target].facilities.oil_tanks
    rolls: list[Roll] = []
    hits = fires = boat_losses = 0
    need = naval_hit_need(w.tuning.die)
    for i in range(min(strength, t.powers[order])):
        r = t.roll(target, f"{me} raid die {i + 1}")
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
        if t.keep_log:
            rolls.append(_decided(r, decided))
    if boat_losses:
        book_losses(t, me, remove_strength(s, boats, boat_losses))
    defenders = hostile_ground(t, me, target)
    warned = punish_attack_on_peacekeepers(t, me, target) if hits else ""
    lost = hit_losses(t, defenders, hits) if defenders else {}
    razed = min(hits, region.fortification)
    region.fortification -= razed
    caught = _caught_on_ground(t, me, target, hits, rolls)
    on_city = ""
    if w.regions[target].population >= POPULOUS:
        on_city = _strike_on_city(t, me, target, rolls)
    t.note("naval_raid", me, target)
    if fires:
        t.note("tanks_set_ablaze", me, target)
    # Defying an ultimatum is booked after the raid's own entry, as its own cause.
    defied = region.controller not in (me, NEUTRAL)
    if not t.keep_log:
        if defied:
            breaks_ultimatum(t, me)
        return
    text = f"{t.does(me, 'raids')} {t.where(target)} by sea from {t.where(origin)}: "
    text += f"{plural(hits, 'hit')}; "
    text += ", ".join(f"{t.who(f)} -{n}" for f, n in lost.items()) or "no defenders hit"
    text += f"; fortifications -{razed}" if razed else ""
    text += f"; {plural(fires, 'tank')} ablaze" if fires else ""
    text += f"; {plural(boat_losses, 'boat')} lost" if boat_losses else ""
    text += "." + caught + warned + on_city
    t.entry(
        "naval",
        text,
        faction=me,
        region=target,
        source=otype.source,
        rule=f"naval raid: one die per boat up to {otype.power}, hit on {need}+; each hit "
        f"costs the defenders 1 strength and 1 level of fortification; a {w.tuning.die} at a "
        "terminal also sets a tank ablaze, a 1 loses a boat; raids on cities escalate and risk "
        "civilian harm on 1-2",
        rolls=rolls,
        cause=f"{t.who(me)} raid by sea on {t.where(target)}",
    )
    if defied:
        breaks_ultimatum(t, me)
