"""Phase 4: ground movement and battles.

All moves happen at once (orders are simultaneous); then every region holding the
ground forces of more than one faction sees one battle round per attacker. A battle is
strength + one die against strength + fortification + city bonus + one die; the margin
sets the losses, a beaten attacker falls back where it came from, and a beaten, weaker
defender withdraws to a neighbouring region it holds.
"""

from __future__ import annotations

from game.engine.conditions import add_stat, add_track, remove_strength
from game.engine.consequences import (
    attack_on_city,
    book_losses,
    breaks_ultimatum,
    punish_attack_on_peacekeepers,
)
from game.engine.forces import ground_units, side_units, sides_present
from game.engine.kinds import has
from game.engine.log import Roll
from game.engine.order_model import Order
from game.engine.state import GameState
from game.engine.territory import presence, sides_in
from game.engine.turn import Turn
from game.engine.world import POPULOUS, World
from game.scenario.models import OrderType


def ground_phase(t: Turn) -> None:
    """Move, then fight."""
    t.phase = "ground"
    came_from = _move(t)
    found = presence(t)
    for rid in t.w.region_ids:
        here = found.get(rid)
        if here is not None and len(here) >= 2:
            _battle(t, rid, sides_in(t, found, rid), came_from)
            found = presence(t)  # a battle weakens and moves forces: look again


def _move(t: Turn) -> dict[str, str]:
    """Carry out moves, attacks and interventions; return unit id -> region it left."""
    s = t.state
    came_from: dict[str, str] = {}
    # Where every unit stood before anyone moved: orders are simultaneous, so a force
    # that has just arrived somewhere does not also go with that region's own order.
    start = {u.id: u.region for u in s.units}
    moving = t.of_phase("ground")
    halted = _head_on(t, moving)
    for index, (order, otype) in enumerate(moving):
        me, origin, target = order.faction, order.origin, order.target
        assert origin is not None and target is not None
        if index in halted:
            continue
        movers = [
            u
            for u in s.units
            if u.faction == me
            and start[u.id] == origin
            and u.id not in came_from
            and u.kind == "ground"
            and u.strength > 0
        ]
        if not movers:
            if t.keep_log:
                t.entry(
                    "stalled",
                    f"{t.who(me)} cannot carry out {otype.name} from {t.where(origin)} to "
                    f"{t.where(target)}: no ground forces are left in {t.where(origin)}.",
                    faction=me,
                    region=target,
                    source="design",
                    rule=f"{otype.kind}: only ground forces standing in the starting region when "
                    "the turn began go; air and sea attacks resolve before ground moves",
                )
            continue
        client = t.region(target).controller if has(otype.kind, "beside_holder") else None
        for unit in movers:
            unit.region = target
            came_from[unit.id] = origin
            if client is not None:
                unit.client = client
        strength = sum(u.strength for u in movers)
        if client is not None:
            t.note("intervention", me, target)
        warned = ""
        if has(otype.kind, "assault"):
            if t.region(target).controller != me:
                breaks_ultimatum(t, me)
            warned = punish_attack_on_peacekeepers(t, me, target)
        if not t.keep_log:
            continue
        if client is not None:
            text = (
                f"{t.who(me)} land {strength} strength in {t.where(target)} from "
                f"{t.where(origin)}, beside {t.who(client)}: they defend it and never take it."
            )
        else:
            text = (
                f"{t.does(me, 'moves')} from {t.where(origin)} to {t.where(target)} "
                if otype.kind == "move"
                else f"{t.does(me, 'attacks')} {t.where(target)} from {t.where(origin)} "
            ) + f"with strength {strength}.{warned}"
        t.entry(
            "move",
            text,
            faction=me,
            region=target,
            source=otype.source,
            rule=f"{otype.kind}: every ground unit in the starting region goes",
        )
    return came_from


def _head_on(t: Turn, moving: list[tuple[Order, OrderType]]) -> set[int]:
    """Indices of movements stopped because they met an opposite column on the road.

    When two factions send forces along the same link in opposite directions, the
    stronger column pushes through and the weaker stays home to defend (both stay on
    a tie), so the clash is then fought as an ordinary battle.
    """
    halted: set[int] = set()
    for i, (a, _) in enumerate(moving):
        for j in range(i + 1, len(moving)):
            b = moving[j][0]
            if a.faction == b.faction or (a.origin, a.target) != (b.target, b.origin):
                continue
            assert a.origin is not None and b.origin is not None
            a_str = t.state.ground(a.faction, a.origin)
            b_str = t.state.ground(b.faction, b.origin)
            if not a_str or not b_str:
                continue  # an emptied starting region sends no column to meet on the road
            if a_str <= b_str:
                halted.add(i)
            if b_str <= a_str:
                halted.add(j)
            if not t.keep_log:
                continue
            stopped = " and ".join(t.who(o.faction) for k, o in ((i, a), (j, b)) if k in halted)
            t.entry(
                "move",
                f"Columns of {t.who(a.faction)} ({a_str}) and {t.who(b.faction)} ({b_str}) meet "
                f"on the road between {t.where(a.origin)} and {t.where(b.origin)}: "
                f"{stopped} {'stay' if ' and ' in stopped else 'stays'} home to defend.",
                faction=a.faction,
                region=a.target,
                source="design",
                rule="head-on moves: the stronger column pushes through, the weaker stays home; "
                "both stay on a tie",
            )
    return halted


def defence_bonus(state: GameState, rid: str, attacker: str) -> int:
    """What a region adds to its defenders' total: fortification and, for a city, its
    streets, unless the attacker besieges it (a military zone rings the city and cuts
    the defenders off from their streets' advantage)."""
    region = state.region(rid)
    return region.fortification + city_bonus(state.w, rid, region.siege_by, attacker)


def city_bonus(w: World, rid: str, besieger: str | None, attacker: str) -> int:
    """The city part of :func:`defence_bonus`: a city's streets help its defenders unless
    ``attacker`` is the side besieging it (forecasts ask with a siege not yet declared)."""
    city = w.regions[rid].population >= POPULOUS and besieger != attacker
    return w.tuning.city_defence if city else 0


def battle_losses(margin: int) -> tuple[int, int]:
    """Strength lost by (attacker, defender) in a round the attacker won by ``margin``.

    The loser loses 1 + half the margin; a narrow winner (margin 1 or 2) loses 1, a
    clear one nothing; a stalemate costs both 1. Forecasts take expectations of this same
    function, so they can never disagree with the battles.
    """
    if margin > 0:
        return (1 if margin <= 2 else 0), 1 + margin // 2
    if margin < 0:
        return 1 + (-margin) // 2, (1 if -margin <= 2 else 0)
    return 1, 1


def _take(t: Turn, side: str, rid: str, amount: int) -> int:
    """Remove ``amount`` strength from the forces fighting for ``side``; book the losses."""
    units = side_units(t.state, side, rid)
    before = {u.id: u.strength for u in units}
    taken = remove_strength(t.state, units, amount)
    for faction in t.w.faction_ids:
        lost = sum(before[u.id] - u.strength for u in units if u.faction == faction)
        if lost:
            book_losses(t, faction, lost)
    return taken


def strengths(t: Turn, rid: str) -> dict[str, int]:
    """Ground strength fighting for each side in ``rid``, as ``side_strength`` counts it."""
    factions = t.w.factions
    out: dict[str, int] = {}
    for u in t.state.units:
        if u.region == rid and u.kind == "ground" and u.strength > 0:
            client = u.client
            side = client if client is not None and not factions[u.faction].occupies else u.faction
            out[side] = out.get(side, 0) + u.strength
    return out


def _battle(t: Turn, rid: str, present: list[str], came_from: dict[str, str]) -> None:
    s = t.state
    w = t.w
    rdef = w.regions[rid]
    region = t.region(rid)
    defender = present[0]
    index = w.faction_index
    # Strength by side, taken again whenever a round has changed the forces here.
    now = strengths(t, rid)
    attackers = sorted(present[1:], key=lambda f: (-now.get(f, 0), index[f]))
    city = rdef.population >= POPULOUS
    t.fought.append(rid)
    t.note("battle", attackers[0], rid)
    if city:
        t.note("battle_in_city", attackers[0], rid)
        attack_on_city(t, attackers[0], rid)
    displaced = rdef.population * w.tuning.battle_displaced_permille // 1000
    add_track(s, "displaced", displaced)
    add_track(s, "humanitarian_access", w.tuning.battle_access)
    for attacker in attackers:
        d_str = now.get(defender, 0)
        a_str = now.get(attacker, 0)
        if d_str <= 0 or a_str <= 0:
            if d_str <= 0 < a_str:
                defender = attacker
            continue
        a_roll = t.roll(rid, f"{attacker} attack die")
        d_roll = t.roll(rid, f"{defender} defence die against {attacker}")
        bonus = defence_bonus(t.state, rid, attacker)
        a_total = a_str + a_roll.value
        d_total = d_str + bonus + d_roll.value
        diff = a_total - d_total
        a_loss, d_loss = battle_losses(diff)
        a_taken = _take(t, attacker, rid, a_loss)
        d_taken = _take(t, defender, rid, d_loss)
        if diff > 0 and region.fortification:
            region.fortification -= 1
        _cohesion_after(
            t,
            winner=attacker if diff > 0 else defender if diff < 0 else None,
            loser=defender if diff > 0 else attacker if diff < 0 else None,
        )
        aftermath = _aftermath(t, rid, attacker, defender, diff, came_from)
        if t.keep_log:
            if diff > 0:
                verdict = f"{t.does(attacker, 'wins')} by {diff}"
            elif diff < 0:
                verdict = f"{t.does(defender, 'holds')} by {-diff}"
            else:
                verdict = "a bloody stalemate"
            rolls = [
                Roll(
                    a_roll.purpose,
                    a_roll.sides,
                    a_roll.value,
                    f"attack total {a_str}+{a_roll.value}={a_total}",
                ),
                Roll(
                    d_roll.purpose,
                    d_roll.sides,
                    d_roll.value,
                    f"defence total {d_str}+{bonus}+{d_roll.value}={d_total}",
                ),
            ]
            t.entry(
                "battle",
                f"Battle for {rdef.name}: {t.who(attacker)} ({a_str}) against {t.who(defender)} "
                f"({d_str}): {verdict}; losses: {t.who(attacker)} {a_taken or 'none'}, "
                f"{t.who(defender)} {d_taken or 'none'}.{aftermath}",
                faction=attacker,
                region=rid,
                source="design",
                rule="battle: strength + die against strength + fortification"
                + (" + city" if bonus > region.fortification else "")
                + " + die; the loser loses 1 + half the margin, a narrow winner loses 1"
                + ("; a city besieged by its attacker gives no city bonus" if city else ""),
                rolls=rolls,
            )
        now = strengths(t, rid)
        if now.get(defender, 0) <= 0 < now.get(attacker, 0):
            defender = attacker


def _cohesion_after(t: Turn, winner: str | None, loser: str | None) -> None:
    if winner is not None and t.faction(winner).cohesion is not None:
        add_stat(t.state, winner, "cohesion", 2)
    if loser is not None and t.faction(loser).cohesion is not None:
        add_stat(t.state, loser, "cohesion", -3)


def _aftermath(
    t: Turn, rid: str, attacker: str, defender: str, diff: int, came_from: dict[str, str]
) -> str:
    """Retreats after a round; returns a sentence for the log."""
    s = t.state
    if diff < 0:
        back = [u for u in ground_units(s, attacker, rid) if u.id in came_from]
        for unit in back:
            unit.region = came_from[unit.id]
        if back and t.keep_log:
            return f" {t.does(attacker, 'falls')} back to {t.where(came_from[back[0].id])}."
        return ""
    if diff > 0:
        left = strengths(t, rid)
        if 0 < left.get(defender, 0) < left.get(attacker, 0):
            refuge = next(
                (
                    n
                    for n in t.w.land[rid]
                    if t.region(n).controller == defender
                    and sides_present(s, n) in ([], [defender])
                ),
                None,
            )
            if refuge is not None:
                for unit in ground_units(s, defender, rid):
                    unit.region = refuge
                if t.keep_log:
                    return f" {t.does(defender, 'withdraws')} to {t.where(refuge)}."
    return ""
