"""Phase 4: ground movement and battles.

All moves happen at once (orders are simultaneous); then every region holding the
ground forces of more than one faction sees one battle round per attacker. A battle is
strength + one die against strength + fortification + city bonus + one die; the margin
sets the losses, a beaten attacker falls back where it came from, and a beaten, weaker
defender withdraws to a neighbouring region it holds.
"""

from __future__ import annotations

from game.engine.air_naval import _breaks_ultimatum, book_losses
from game.engine.conditions import add_stat, add_track, remove_strength
from game.engine.log import Roll
from game.engine.orders import Order
from game.engine.state import UnitState
from game.engine.turn import Turn
from game.engine.world import POPULOUS
from game.scenario.models import OrderType


def ground_phase(t: Turn) -> None:
    """Move, then fight."""
    t.phase = "ground"
    came_from = _move(t)
    for rid in t.w.region_ids:
        present = _present(t, rid)
        if len(present) >= 2:
            _battle(t, rid, present, came_from)


def _move(t: Turn) -> dict[str, str]:
    """Carry out moves, attacks and interventions; return unit id -> region it left."""
    s = t.state
    came_from: dict[str, str] = {}
    # Where every unit stood before anyone moved: orders are simultaneous, so a force
    # that has just arrived somewhere does not also go with that region's own order.
    start = {u.id: u.region for u in s.units}
    moving = t.of_kind("move", "attack", "intervene")
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
            continue
        for unit in movers:
            unit.region = target
            came_from[unit.id] = origin
        strength = sum(u.strength for u in movers)
        if otype.kind == "intervene":
            t.note("intervention", me, target)
        if otype.kind in ("attack", "intervene"):
            holder = s.region(target).controller
            if holder != me:
                _breaks_ultimatum(t, me)
        verb = {"move": "moves", "attack": "attacks", "intervene": "intervenes in"}[otype.kind]
        t.entry(
            "move",
            f"{t.who(me)} {verb} {t.where(target)} from {t.where(origin)} "
            f"with strength {strength}.",
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
            if a_str <= b_str:
                halted.add(i)
            if b_str <= a_str:
                halted.add(j)
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


def _present(t: Turn, region: str) -> list[str]:
    """Factions with ground strength in ``region``: the holder first, then scenario order."""
    holder = t.state.region(region).controller
    found = [
        f
        for f in t.w.faction_ids
        if any(
            u.faction == f and u.region == region and u.kind == "ground" and u.strength > 0
            for u in t.state.units
        )
    ]
    if holder in found:
        found.remove(holder)
        found.insert(0, holder)
    return found


def _units(t: Turn, faction: str, region: str) -> list[UnitState]:
    return [
        u
        for u in t.state.units
        if u.faction == faction and u.region == region and u.kind == "ground" and u.strength > 0
    ]


def _battle(t: Turn, rid: str, present: list[str], came_from: dict[str, str]) -> None:
    s = t.state
    w = t.w
    rdef = w.regions[rid]
    region = s.region(rid)
    defender = present[0]
    attackers = sorted(present[1:], key=lambda f: (-s.ground(f, rid), w.faction_ids.index(f)))
    city = rdef.population >= POPULOUS
    t.fought.append(rid)
    t.note("battle", None, rid)
    if city:
        t.note("battle_in_city", None, rid)
        t.escalation += 1
    displaced = rdef.population * w.tuning.battle_displaced_permille // 1000
    add_track(s, "displaced", displaced)
    add_track(s, "humanitarian_access", w.tuning.battle_access)
    for attacker in attackers:
        d_str = s.ground(defender, rid)
        a_str = s.ground(attacker, rid)
        if d_str <= 0 or a_str <= 0:
            if d_str <= 0 < a_str:
                defender = attacker
            continue
        a_roll = t.roll(f"{attacker} attack die")
        d_roll = t.roll(f"{defender} defence die")
        bonus = region.fortification + (w.tuning.city_defence if city else 0)
        a_total = a_str + a_roll.value
        d_total = d_str + bonus + d_roll.value
        diff = a_total - d_total
        if diff > 0:
            d_loss, a_loss = 1 + diff // 2, (1 if diff <= 2 else 0)
            verdict = f"{t.who(attacker)} wins by {diff}"
        elif diff < 0:
            a_loss, d_loss = 1 + (-diff) // 2, (1 if -diff <= 2 else 0)
            verdict = f"{t.who(defender)} holds by {-diff}"
        else:
            a_loss = d_loss = 1
            verdict = "a bloody stalemate"
        a_taken = remove_strength(s, _units(t, attacker, rid), a_loss)
        d_taken = remove_strength(s, _units(t, defender, rid), d_loss)
        book_losses(t, attacker, a_taken)
        book_losses(t, defender, d_taken)
        if diff > 0 and region.fortification:
            region.fortification -= 1
        _cohesion_after(
            t,
            winner=attacker if diff > 0 else defender if diff < 0 else None,
            loser=defender if diff > 0 else attacker if diff < 0 else None,
        )
        aftermath = _aftermath(t, rid, attacker, defender, diff, came_from)
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
            f"({d_str}): {verdict}; losses {t.who(attacker)} -{a_taken}, "
            f"{t.who(defender)} -{d_taken}.{aftermath}",
            faction=attacker,
            region=rid,
            source="design",
            rule="battle: strength + die against strength + fortification"
            + (" + city" if city else "")
            + " + die; the loser loses 1 + half the margin, a narrow winner loses 1",
            rolls=rolls,
        )
        if s.ground(defender, rid) <= 0 < s.ground(attacker, rid):
            defender = attacker


def _cohesion_after(t: Turn, winner: str | None, loser: str | None) -> None:
    if winner is not None and t.state.faction(winner).cohesion is not None:
        add_stat(t.state, winner, "cohesion", 2)
    if loser is not None and t.state.faction(loser).cohesion is not None:
        add_stat(t.state, loser, "cohesion", -3)


def _aftermath(
    t: Turn, rid: str, attacker: str, defender: str, diff: int, came_from: dict[str, str]
) -> str:
    """Retreats after a round; returns a sentence for the log."""
    s = t.state
    if diff < 0:
        back = [u for u in _units(t, attacker, rid) if u.id in came_from]
        for unit in back:
            unit.region = came_from[unit.id]
        if back:
            return f" {t.who(attacker)} falls back to {t.where(came_from[back[0].id])}."
        return ""
    if diff > 0:
        d_left = s.ground(defender, rid)
        a_left = s.ground(attacker, rid)
        if 0 < d_left < a_left:
            refuge = next(
                (
                    n
                    for n in t.w.land[rid]
                    if s.region(n).controller == defender
                    and not any(
                        u.region == n
                        and u.faction != defender
                        and u.kind == "ground"
                        and u.strength > 0
                        for u in s.units
                    )
                ),
                None,
            )
            if refuge is not None:
                for unit in _units(t, defender, rid):
                    unit.region = refuge
                return f" {t.who(defender)} withdraws to {t.where(refuge)}."
    return ""
