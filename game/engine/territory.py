"""Phase 5: control, supply and sieges, and where forces are based.

A region changes hands when one side alone has ground forces in it. Forces are
supplied when a chain of regions their faction holds joins them to one of its supply
regions; cut-off forces, and the defenders of a military zone, wither. Control is
settled again after supply losses, so a region whose last defender starved changes
hands in the same turn. Aircraft and boats never stay in a region their side has lost:
they fly or sail to the nearest base of their own, or are lost; peacekeepers go home.
"""

from __future__ import annotations

from game.engine.air_naval import book_losses
from game.engine.conditions import add_stat, add_track
from game.engine.forces import ground_units, sides_present
from game.engine.log import Roll
from game.engine.state import UnitState
from game.engine.turn import Turn
from game.scenario.models import NEUTRAL, Region


def control_phase(t: Turn) -> None:
    """Update control, then supply, then control again, then sieges."""
    t.phase = "control"
    settle(t)
    _supply(t)
    settle(t)
    _sieges(t)


def settle(t: Turn) -> None:
    """Hand over regions held by one side alone; move or lose forces based in lost regions."""
    _control(t)
    _rebase(t)


def _control(t: Turn) -> None:
    s = t.state
    w = t.w
    for region in s.regions:
        present = sides_present(s, region.id)
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
        split = ""
        if before in w.factions and s.faction(before).cohesion is not None:
            lost = add_stat(s, before, "cohesion", -w.tuning.cohesion_per_region_lost)
            split = f" {t.who(before)} cohesion {lost:+}." if lost else ""
        t.entry(
            "control",
            f"{t.who(present[0])} takes {rdef.name} from {t.who(before)}.{split}",
            faction=present[0],
            region=region.id,
            source="design",
            rule="a region passes to the only side with ground forces in it; a coalition "
            f"loses {w.tuning.cohesion_per_region_lost} cohesion for each region taken from it",
        )


def _base_fits(rdef: Region, kind: str) -> bool:
    fac = rdef.facilities
    if kind == "air":
        return fac.airport or fac.aviation_school or rdef.kind in ("airbase", "staging")
    return fac.port or rdef.kind == "staging"


def _new_base(t: Turn, unit: UnitState, kind: str) -> str | None:
    """The nearest region its faction holds where a unit of ``kind`` can be based."""
    w = t.w
    best: tuple[int, int] | None = None
    found: str | None = None
    for index, rid in enumerate(w.region_ids):
        if t.state.region(rid).controller != unit.faction:
            continue
        if kind == "ground" and not w.regions[rid].offmap:
            continue
        if kind != "ground" and not _base_fits(w.regions[rid], kind):
            continue
        key = (w.km(unit.region, rid), index)
        if best is None or key < best:
            best, found = key, rid
    return found


def _rebase(t: Turn) -> None:
    s = t.state
    for unit in s.units:
        if unit.strength <= 0:
            continue
        holder = s.region(unit.region).controller
        if unit.kind == "ground":
            if unit.client is None or holder == unit.client:
                continue
            why = f"{t.who(unit.client)}, whom they stood beside, no longer holds it"
        elif holder == unit.faction:
            continue
        else:
            why = f"{t.who(holder)} holds it now"
        left = unit.region
        base = _new_base(t, unit, unit.kind)
        if base is None:
            lost = unit.strength
            unit.strength = 0
            book_losses(t, unit.faction, lost)
            text = f"{t.who(unit.faction)} loses {unit.id} at {t.where(left)}: {why}, and it "
            text += "has no base of its own to go to."
        else:
            unit.region = base
            unit.client = None
            text = f"{t.who(unit.faction)}'s {unit.id} leaves {t.where(left)} for "
            text += f"{t.where(base)}: {why}."
        t.entry(
            "control",
            text,
            faction=unit.faction,
            region=left,
            source="design",
            rule="aircraft and boats fly or sail to their side's nearest base when the region "
            "they are based in changes hands, or are lost; peacekeepers go home when their "
            "client loses the region",
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
        if not w.factions[faction].occupies:
            continue  # peacekeepers bring their own supplies from the staging area
        regions = [rid for rid in w.region_ids if ground_units(s, faction, rid)]
        if not regions:
            continue
        supplied = supplied_regions(t, faction)
        for rid in regions:
            if rid in supplied:
                continue
            region = s.region(rid)
            if region.siege_by is None and rid in w.factions[faction].supply:
                continue
            r = t.roll(rid, f"supply of {faction}")
            if r.value <= 2:
                units = sorted(ground_units(s, faction, rid), key=lambda u: (-u.strength, u.id))
                units[0].strength = max(0, units[0].strength - w.tuning.unsupplied_loss)
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
        adjacent = any(ground_units(s, besieger, n) for n in w.land[region.id])
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
        t.escalate(besieger, 1, f"siege of {w.regions[region.id].name}")
        holder = region.controller
        strain = ""
        if holder in w.factions and s.faction(holder).cohesion is not None:
            lost = add_stat(s, holder, "cohesion", -3)
            strain = f" {t.who(holder)} cohesion {lost:+}." if lost else ""
        t.entry(
            "siege",
            f"{w.regions[region.id].name} stays under siege by {t.who(besieger)}: "
            f"{flee:,} more people flee.{strain}",
            faction=besieger,
            region=region.id,
            source="p10",
            rule="a military zone displaces civilians, raises escalation every turn and "
            "strains a coalition that holds the city",
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
