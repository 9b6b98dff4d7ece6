"""Where the factions can get to: regions out of everyone's reach, and ids used twice.

A region matters only if some faction can act there. Forces walk along road and coast
links from where they stand or where they can be raised (any region a faction holds);
boats raid coastal regions within their range; deploying puts forces in an off-map area;
an event's effect may hand a region over or put forces in it. A region none of these
reach is drawn on the map but can never take part in the game.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import assert_never

from game.scenario.catalogue import KIND_SHAPES
from game.scenario.check_ids import Found, Ids
from game.scenario.models import NEUTRAL, Region, Scenario
from game.scenario.rules import (
    ControlEffect,
    DamageEffect,
    Effect,
    StatEffect,
    StrengthEffect,
    TanksAblazeEffect,
    TrackEffect,
)

_EARTH_KM = 6371.0
_SLACK_KM = 25.0
"""Distances here are estimates (the engine measures in whole kilometres its own way),
so a target counts as within range when it is within range plus this margin: the check
never calls a region unreachable that a raid could reach."""


def _km(a: Region, b: Region) -> float:
    """Great-circle distance in km, an estimate for reach (never used to play)."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _starts(scn: Scenario) -> set[str]:
    """Regions some faction holds or has a force in at the start, or that an event's
    effect hands over or fills with forces."""
    found = {r.id for r in scn.region if r.controller != NEUTRAL}
    found.update(f.region for f in scn.force)
    for event in scn.event:
        for effect in event.effects:
            filled = _filled(effect)
            if filled is not None:
                found.add(filled)
    return found


def _filled(effect: Effect) -> str | None:
    """The region an effect hands to a faction or puts forces in, else None."""
    match effect:
        case ControlEffect():
            return effect.region if effect.faction != NEUTRAL else None
        case StrengthEffect():
            return effect.region if effect.add > 0 else None
        case TrackEffect() | StatEffect() | DamageEffect() | TanksAblazeEffect():
            return None
        case _:
            assert_never(effect)


def _raided(scn: Scenario) -> set[str]:
    """Coastal regions a faction's boats could raid (within range of a naval force)."""
    regions = {r.id: r for r in scn.region}
    coastal = {
        end for link in scn.link if link.kind in ("sea", "coast") for end in (link.a, link.b)
    }
    found: set[str] = set()
    for order in scn.order:
        if KIND_SHAPES[order.kind].forces != "naval":
            continue
        bases = [
            regions[f.region]
            for f in scn.force
            if f.kind == "naval" and f.faction in order.factions and f.region in regions
        ]
        for rid in coastal:
            target = regions.get(rid)
            if target is not None and any(
                _km(base, target) <= order.range_km + _SLACK_KM for base in bases
            ):
                found.add(rid)
    return found


def _deployed(scn: Scenario) -> set[str]:
    """Off-map areas a faction can deploy forces to."""
    if not any(KIND_SHAPES[order.kind].offmap for order in scn.order):
        return set()
    return {r.id for r in scn.region if r.offmap}


def reach_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    """A warning at each region no faction can ever act in."""
    if not ids.salvage.complete("region", "link", "force", "order", "event", "faction"):
        return
    land: dict[str, list[str]] = {r.id: [] for r in scn.region}
    for link in scn.link:
        if link.kind != "sea" and link.a in land and link.b in land:
            land[link.a].append(link.b)
            land[link.b].append(link.a)
    reached = (_starts(scn) | _raided(scn) | _deployed(scn)) & land.keys()
    frontier = sorted(reached)
    while frontier:
        here = frontier.pop()
        for there in land[here]:
            if there not in reached:
                reached.add(there)
                frontier.append(there)
    for i, region in enumerate(scn.region):
        if region.id not in reached:
            yield (
                ("region", i, "id"),
                f"no faction can ever reach region '{region.id}': nobody holds it or has "
                "forces there, no road or coast link leads to it from a region someone "
                "holds, no boats can raid it and no event hands it over (hold it at the "
                "start, or link it by road or coast)",
            )


def shared_id_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    """A warning at each region whose id is also a faction's: a reader of a condition or a
    log line cannot tell which is meant (the rules can: each field names one kind)."""
    factions = set(ids.valid_factions)
    for i, region in enumerate(scn.region):
        if region.id in factions:
            yield (
                ("region", i, "id"),
                f"region id '{region.id}' is also a faction id; give the region its own id "
                f"(such as '{region.id}_city') so each reference names one thing",
            )
