"""What the map says about a region, read from the state: holder, status, forces, home.

Pure functions (no Textual), shared by the map, the region details pane and the turn
summary. Controllers are shown by glyph *and* colour so colour is never the only cue;
a second character marks fighting (``×``), burning tanks (``*``), a siege (``#``) or
heavy damage (``~``).
"""

from __future__ import annotations

from game.engine.state import GameState
from game.engine.world import World
from game.scenario.formulas import terminal_output_bpd
from game.scenario.models import NEUTRAL

NEUTRAL_GLYPH = "·"
NEUTRAL_COLOR = "default"
"""The terminal's own foreground: a neutral place takes no faction's colour."""
STATUS_WORDS = {
    "×": ("fighting", "fight"),
    "*": ("fire", "fire"),
    "#": ("siege", "siege"),
    "~": ("damaged", "dmg"),
}
STATUS_CLASS = {"×": "fighting", "*": "fire", "#": "siege", "~": "damaged"}
"""The part of a component class (``map-view--fighting`` …) that styles each mark."""
DAMAGED = 50
"""Damage (percent) from which a region is marked as damaged."""


def region_status(state: GameState, region_id: str) -> str:
    """A region's status mark: ``×`` contested, ``*`` burning, ``#`` besieged, ``~`` damaged."""
    present = {
        u.faction
        for u in state.units
        if u.region == region_id and u.kind == "ground" and u.strength > 0
    }
    region = state.region(region_id)
    if len(present) > 1:
        return "×"
    if region.tanks_ablaze > 0:
        return "*"
    if region.siege_by is not None:
        return "#"
    if region.damage >= DAMAGED:
        return "~"
    return ""


def controller_mark(state: GameState, controller: str) -> tuple[str, str]:
    """(glyph, colour) of a controller: the faction's, or the neutral dot."""
    if controller == NEUTRAL or controller not in state.w.factions:
        return NEUTRAL_GLYPH, NEUTRAL_COLOR
    fdef = state.w.factions[controller]
    return fdef.glyph, fdef.color


def region_output(state: GameState, region_id: str) -> int:
    """Barrels a day the region would export now (nothing while unheld or besieged)."""
    region = state.region(region_id)
    fac = state.w.regions[region_id].facilities
    if not fac.capacity_bpd or region.controller == NEUTRAL or region.siege_by is not None:
        return 0
    return terminal_output_bpd(fac.capacity_bpd, fac.oil_tanks, region.damage, region.tanks_ablaze)


def ground_strengths(state: GameState, region_id: str) -> list[tuple[str, int]]:
    """(faction, ground strength) of every faction with ground forces in a region, in order.

    Ground forces are what take and hold a region, so these are the numbers the map
    shows beside its name (``T4 D2``); aircraft and boats are listed in the details.
    """
    totals: dict[str, int] = {}
    for u in state.units:
        if u.region == region_id and u.kind == "ground" and u.strength > 0:
            totals[u.faction] = totals.get(u.faction, 0) + u.strength
    return [(fid, totals[fid]) for fid in state.w.faction_ids if fid in totals]


def home_region(state: GameState, faction: str) -> str:
    """Where a faction's player starts looking: its home in ``[map]``, else its largest place.

    Without a home in the scenario, the most populous region the faction holds now
    (ties to the earlier region); failing that the region with most of its forces;
    failing that the first region on the map.
    """
    w = state.w
    named = w.scenario.map.home.get(faction)
    if named in w.regions:
        return str(named)
    held = [rid for rid in w.region_ids if state.region(rid).controller == faction]
    if held:
        return max(held, key=lambda rid: (w.regions[rid].population, -w.region_index[rid]))
    strength: dict[str, int] = {}
    for u in state.units:
        if u.faction == faction and u.strength > 0:
            strength[u.region] = strength.get(u.region, 0) + u.strength
    if strength:
        return max(strength, key=lambda rid: (strength[rid], -w.region_index[rid]))
    return first_region(w)


def first_region(w: World) -> str:
    """The first region on the map (the first of all if every one is off-map)."""
    return w.onmap[0] if w.onmap else w.region_ids[0]
