"""Victory terms that can never score: a faction's formula should reward what it can do.

A term scores ``value // per * weight``. With weight 0, with a ``per`` larger than any
value the number can take, or with regions the faction can never hold, the term adds
nothing in every game: the author meant something else. A term whose value can never
change (a faction's fixed action points) scores the same in every game, which is as
good as nothing for telling a win from a loss.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from game.scenario.check_ids import Found, Ids, KeyPath
from game.scenario.check_never import Key, Ranges, Span
from game.scenario.check_reach import reach_problems
from game.scenario.models import Faction, Scenario
from game.scenario.rules import (
    ControlEffect,
    ControlTerm,
    DamageEffect,
    Effect,
    StatEffect,
    StatTerm,
    StrengthEffect,
    StrengthTerm,
    TanksAblazeEffect,
    TrackEffect,
    TrackTerm,
    VictoryTerm,
)


def victory_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    """A warning at each victory term that scores nothing, or the same, in every game."""
    if not ids.salvage.complete("meta", "track", "faction", "region", "event"):
        return
    ranges = Ranges(scn)
    out_of_reach = {
        scn.region[path[1]].id for path, _ in reach_problems(scn, ids) if isinstance(path[1], int)
    }
    for i, faction in enumerate(scn.faction):
        for j, term in enumerate(faction.victory.terms):
            path: KeyPath = ("faction", i, "victory", "terms", j)
            yield from _term(scn, faction, term, ranges, out_of_reach, path)


def _term(
    scn: Scenario,
    faction: Faction,
    term: VictoryTerm,
    ranges: Ranges,
    out_of_reach: set[str],
    path: KeyPath,
) -> Iterator[Found]:
    if term.weight == 0:
        yield (*path, "weight"), "weight 0: this term never scores (give it a weight or remove it)"
        return
    key: Key
    match term:
        case TrackTerm():
            key = ("track", term.track)
        case StatTerm():
            key = ("stat", term.faction or faction.id, term.stat)
        case ControlTerm():
            if not any(_can_hold(scn, faction, region, out_of_reach) for region in term.regions):
                which = ", ".join(f"'{r}'" for r in term.regions)
                yield (
                    (*path, "regions"),
                    f"this term never scores: '{faction.id}' can never hold {which} "
                    + _why_not_held(faction),
                )
            return
        case StrengthTerm():
            return  # ground strength has no upper bound the rules keep it under
        case _:
            assert_never(term)
    span = ranges.of(key)
    if span is not None:
        yield from _per(term.per, key, span, ranges, path)


def _per(per: int, key: Key, span: Span, ranges: Ranges, path: KeyPath) -> Iterator[Found]:
    if span.low is None or span.high is None:
        return
    low, high = span.low // per, span.high // per
    if low != high:
        return
    if low == 0:
        yield (
            (*path, "per"),
            f"this term never scores: per {per:,} is more than the value can reach "
            f"({ranges.words(key, span)}); use a smaller per",
        )
    else:
        yield (
            (*path, "per"),
            f"this term scores {low:,} × weight in every game ({ranges.words(key, span)}, "
            f"per {per:,}), so it never tells one game from another",
        )


def _can_hold(scn: Scenario, faction: Faction, region_id: str, out_of_reach: set[str]) -> bool:
    """Whether ``faction`` could hold the region at some point (sound: True when unsure)."""
    region = next((r for r in scn.region if r.id == region_id), None)
    if region is None:
        return True  # an unknown id is reported as such
    if region.controller == faction.id:
        return True
    for event in scn.event:
        for effect in event.effects:
            if _hands_over(effect) == (region_id, faction.id):
                return True
    if not faction.occupies or region.offmap:
        return False
    return region_id not in out_of_reach


def _hands_over(effect: Effect) -> tuple[str, str] | None:
    """(region, new holder) of an effect that hands a region over, else None."""
    match effect:
        case ControlEffect():
            return effect.region, effect.faction
        case TrackEffect() | StatEffect() | StrengthEffect() | DamageEffect() | TanksAblazeEffect():
            return None
        case _:
            assert_never(effect)


def _why_not_held(faction: Faction) -> str:
    if not faction.occupies:
        return "(its forces never take ground: occupies = false), nor does an event hand it over"
    return "(off the map, or out of every faction's reach), nor does an event hand it over"
