"""Phase 5: control, supply and sieges.

A region changes hands when one faction alone has ground forces in it. Forces are
supplied when a chain of regions their faction holds joins them to one of its supply
regions; cut-off forces, and the defenders of a military zone, wither.
"""

from __future__ import annotations

from game.engine.conditions import add_track
from game.engine.log import Roll
from game.engine.turn import Turn
from game.scenario.models import NEUTRAL


def control_phase(t: Turn) -> None:
    """Update control, then supply, then sieges."""
    t.phase = "control"
    _control(t)
    _supply(t)
    _sieges(t)


def _control(t: Turn) -> None:
    s = t.state
    w = t.w
    for region in s.regions:
        present = [
            f
            for f in w.faction_ids
            if any(
                u.region == region.id and u.faction == f and u.kind == "ground" and u.strength > 0
                for u in s.units
            )
        ]
        if len(present) != 1 or present[0] == region.controller:
            continue
        before = region.controller
        region.controller = present[0]
        region.fortification = 0
        if region.siege_by == present[0]:
            region.siege_by, region.siege_turns = None, 0
        rdef = w.regions[region.id]
        if rdef.kind in ("oil_terminal", "oil_field"):
            t.note("terminal_changed_hands", present[0], region.id)
        t.entry(
            "control",
            f"{t.who(present[0])} takes {rdef.name} from {t.who(before)}.",
            faction=present[0],
            region=region.id,
            source="design",
            rule="a region passes to the only faction with ground forces in it",
        )


def supplied_regions(t: Turn, faction: str) -> set[str]:
    """Regions joined to one of the faction's supply regions through regions it holds."""
    s = t.state
    w = t.w
    held = {r.id for r in s.regions if r.controller == faction}
    # A besieged supply region supplies nobody, not even its own defenders (p10).
    start = [
        r
        for r in w.factions[faction].supply
        if r in held and s.region(r).siege_by in (None, faction)
    ]
    start += [r for r in w.region_ids if w.regions[r].offmap and r in held and r not in start]
    reached = set(start)
    frontier = list(start)
    while frontier:
        here = frontier.pop()
        # Off-map staging areas supply by sea; everything else by road and coast.
        routes = w.land[here] + w.sea[here] if w.regions[here].offmap else w.land[here]
        for there in routes:
            if there in held and there not in reached:
                siege = s.region(there).siege_by
                if siege is not None and siege != faction:
                    continue
                reached.add(there)
                frontier.append(there)
    return reached


def _supply(t: Turn) -> None:
    s = t.state
    w = t.w
    for faction in w.faction_ids:
        regions = [
            rid
            for rid in w.region_ids
            if any(
                u.region == rid and u.faction == faction and u.kind == "ground" and u.strength > 0
                for u in s.units
            )
        ]
        if not regions:
            continue
        supplied = supplied_regions(t, faction)
        for rid in regions:
            if rid in supplied:
                continue
            region = s.region(rid)
            if region.siege_by is None and rid in w.factions[faction].supply:
                continue
            r = t.roll(f"supply of {faction} in {rid}")
            if r.value <= 2:
                units = sorted(
                    (
                        u
                        for u in s.units
                        if u.region == rid
                        and u.faction == faction
                        and u.kind == "ground"
                        and u.strength > 0
                    ),
                    key=lambda u: (-u.strength, u.id),
                )
                units[0].strength -= w.tuning.unsupplied_loss
                units[0].strength = max(0, units[0].strength)
                decided = f"-{w.tuning.unsupplied_loss} strength (1-2)"
            else:
                decided = "holds out (3+)"
            why = "besieged" if region.siege_by not in (None, faction) else "cut off from supply"
            t.entry(
                "supply",
                f"{t.who(faction)} forces in {w.regions[rid].name} are {why}: {decided}.",
                faction=faction,
                region=rid,
                source="p10" if why == "besieged" else "design",
                rule="unsupplied forces lose strength on a roll of 1-2",
                rolls=[Roll(r.purpose, r.sides, r.value, decided)],
            )


def _sieges(t: Turn) -> None:
    s = t.state
    w = t.w
    for region in s.regions:
        if region.siege_by is None:
            continue
        besieger = region.siege_by
        adjacent = any(s.ground(besieger, n) > 0 for n in w.land[region.id])
        if region.controller in (besieger, NEUTRAL) or not adjacent:
            why = (
                "the besiegers have no forces next to it"
                if not adjacent
                else f"{t.who(region.controller)} holds it now"
            )
            _lift(t, region.id, why)
            continue
        flee = w.regions[region.id].population * w.tuning.siege_displaced_permille // 1000
        add_track(s, "displaced", flee)
        add_track(s, "humanitarian_access", -2)
        t.escalation += 1
        t.entry(
            "siege",
            f"{w.regions[region.id].name} stays under siege by {t.who(besieger)}: "
            f"{flee:,} more people flee.",
            faction=besieger,
            region=region.id,
            source="p10",
            rule="a military zone displaces civilians and raises escalation every turn",
        )
        region.siege_turns -= 1
        if region.siege_turns <= 0:
            _lift(t, region.id, "it has run its course")


def _lift(t: Turn, rid: str, why: str) -> None:
    region = t.state.region(rid)
    region.siege_by, region.siege_turns = None, 0
    t.entry(
        "siege",
        f"The siege of {t.where(rid)} is lifted: {why}.",
        region=rid,
        source="design",
    )
