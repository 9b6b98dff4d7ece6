"""Phase 5: control, supply and sieges, and where forces are based.

A region changes hands when one side alone has ground forces in it. Forces are
supplied when a chain of regions their faction holds joins them to one of its supply
regions; cut-off forces, and the defenders of a military zone, wither. Control is
settled again after supply losses, so a region whose last defender starved changes
hands in the same turn. Aircraft and boats never stay in a region their side has lost:
they fly or sail to the nearest base of their own, or are lost; peacekeepers go home.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.engine.conditions import add_stat, add_track
from game.engine.consequences import book_losses
from game.engine.forces import ground_units
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


def presence(t: Turn) -> dict[str, list[str]]:
    """The sides with ground strength in each region, in the order their units are listed.

    One pass over the units answers for the whole map what ``forces.sides_present``
    answers for one region (the same sides, peacekeepers counted for their client);
    :func:`sides_in` puts one region's sides in that function's order.
    """
    factions = t.w.factions
    found: dict[str, list[str]] = {}
    for u in t.state.units:
        if u.kind != "ground" or u.strength <= 0:
            continue
        client = u.client
        side = client if client is not None and not factions[u.faction].occupies else u.faction
        if side == NEUTRAL:
            continue
        here = found.get(u.region)
        if here is None:
            found[u.region] = [side]
        elif side not in here:
            here.append(side)
    return found


def sides_in(t: Turn, found: dict[str, list[str]], region: str) -> list[str]:
    """The sides of :func:`presence` in ``region``: the holder first, then scenario order."""
    sides = found.get(region)
    if not sides:
        return []
    if len(sides) == 1:
        return [sides[0]]
    holder = t.region(region).controller
    index = t.w.faction_index
    return sorted(sides, key=lambda f: (f != holder, index[f]))


def _control(t: Turn) -> None:
    s = t.state
    w = t.w
    found = presence(t)
    for region in s.regions:
        present = found.get(region.id)
        if present is None or len(present) != 1 or present[0] == region.controller:
            continue
        taker = present[0]
        before = region.controller
        region.controller = taker
        region.fortification = 0
        if region.siege_by == taker:
            region.siege_by, region.siege_turns = None, 0
        rdef = w.regions[region.id]
        if rdef.kind in ("oil_terminal", "oil_field"):
            t.note("terminal_changed_hands", taker, region.id)
        lost = 0
        if before in w.factions and t.faction(before).cohesion is not None:
            lost = add_stat(s, before, "cohesion", -w.tuning.cohesion_per_region_lost)
        if not t.keep_log:
            continue
        split = f" {t.who(before)} cohesion {lost:+}." if lost else ""
        t.entry(
            "control",
            f"{t.does(taker, 'takes')} {rdef.name} from {t.who(before)}.{split}",
            faction=taker,
            region=region.id,
            source="design",
            rule="a region passes to the only side with ground forces in it; a coalition "
            f"loses {w.tuning.cohesion_per_region_lost} cohesion for each region taken from it",
            cause=f"{t.does(taker, 'wins')} the battle for {rdef.name}"
            if region.id in t.fought
            else "",
        )


def _base_fits(rdef: Region, kind: str) -> bool:
    fac = rdef.facilities
    if kind == "air":
        return fac.airport or fac.aviation_school or rdef.kind in ("airbase", "staging")
    return fac.port or rdef.kind == "staging"


def _new_base(t: Turn, unit: UnitState, kind: str) -> str | None:
    """The nearest region its faction holds where a unit of ``kind`` can be based."""
    w = t.w
    regions = t.regions_by_id
    best: tuple[int, int] | None = None
    found: str | None = None
    for index, rid in enumerate(w.region_ids):
        if regions[rid].controller != unit.faction:
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
    regions = t.regions_by_id
    for unit in t.state.units:
        if unit.strength <= 0:
            continue
        holder = regions[unit.region].controller
        client = unit.client
        if unit.kind == "ground":
            if client is None or holder == client:
                continue
        elif holder == unit.faction:
            continue
        left = unit.region
        base = _new_base(t, unit, unit.kind)
        if base is None:
            lost = unit.strength
            unit.strength = 0
            book_losses(t, unit.faction, lost)
        else:
            unit.region = base
            unit.client = None
        if not t.keep_log:
            continue
        if unit.kind == "ground":
            why = f"{t.who(client)}, whom they stood beside, no longer holds it"
        else:
            why = f"{t.does(holder, 'holds')} it now"
        if base is None:
            who, its, name = unit.faction, t.its(unit.faction), t.unit_name(unit.id)
            text = f"{t.does(who, 'loses')} {its} {name} at {t.where(left)}: "
            text += f"{why}, and there is no base of {its} own to go to."
        else:
            its, name = t.its(unit.faction), t.unit_name(unit.id)
            text = f"{t.does(unit.faction, 'pulls')} {its} {name} out of "
            text += f"{t.where(left)} to {t.where(base)}: {why}."
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
    return set(_reach(t, faction))


def _reach(t: Turn, faction: str) -> Iterator[str]:
    """The regions of :func:`supplied_regions`, each once, as the search reaches them.

    A caller that only asks about some regions may stop as soon as it has seen them.
    """
    s = t.state
    w = t.w
    regions = t.regions_by_id
    held = {r.id for r in s.regions if r.controller == faction}
    # A besieged supply region supplies nobody, not even its own defenders.
    start = [
        r
        for r in w.factions[faction].supply
        if r in held and regions[r].siege_by in (None, faction)
    ]
    start += [r for r in w.region_ids if r in held and w.regions[r].offmap and r not in start]
    reached = set(start)
    yield from reached
    frontier = list(start)
    while frontier:
        here = frontier.pop()
        # Off-map staging areas supply by sea; everything else by road and coast.
        routes = w.land[here] + w.sea[here] if w.regions[here].offmap else w.land[here]
        for there in routes:
            if there in held and there not in reached:
                siege = regions[there].siege_by
                if siege is not None and siege != faction:
                    continue
                reached.add(there)
                yield there
                frontier.append(there)


def _armed(t: Turn) -> dict[str, set[str]]:
    """Faction -> regions where it has ground units of its own with strength."""
    armed: dict[str, set[str]] = {}
    for u in t.state.units:
        if u.kind == "ground" and u.strength > 0:
            where = armed.get(u.faction)
            if where is None:
                armed[u.faction] = {u.region}
            else:
                where.add(u.region)
    return armed


def _supply(t: Turn) -> None:
    s = t.state
    w = t.w
    # Taken once: a faction's supply losses only weaken its own units, so what the
    # others hold where is the same when their turn in this loop comes.
    armed = _armed(t)
    for faction in w.faction_ids:
        if not w.factions[faction].occupies:
            continue  # peacekeepers bring their own supplies from the staging area
        mine = armed.get(faction)
        if not mine:
            continue
        regions = [rid for rid in w.region_ids if rid in mine]
        if not regions:
            continue
        cut_off = set(regions)  # until the search from the supply regions reaches them
        for rid in _reach(t, faction):
            cut_off.discard(rid)
            if not cut_off:
                break
        for rid in regions:
            if rid not in cut_off:
                continue
            region = t.region(rid)
            if region.siege_by is None and rid in w.factions[faction].supply:
                continue
            r = t.roll(rid, f"supply of {faction}")
            if r.value <= 2:
                units = sorted(ground_units(s, faction, rid), key=lambda u: (-u.strength, u.id))
                units[0].strength = max(0, units[0].strength - w.tuning.unsupplied_loss)
                decided = f"-{w.tuning.unsupplied_loss} strength (1-2)"
            else:
                decided = "holds out (3+)"
            if not t.keep_log:
                continue
            why = "besieged" if region.siege_by not in (None, faction) else "cut off from supply"
            t.entry(
                "supply",
                f"{t.who(faction)} forces in {w.regions[rid].name} are {why}: {decided}.",
                faction=faction,
                region=rid,
                source=w.cites(kind="military_zone") if why == "besieged" else "design",
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
                else f"{t.does(region.controller, 'holds')} it now"
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
            source=w.cites(kind="military_zone"),
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
