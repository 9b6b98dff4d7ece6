"""Victory terms in players' words: each term as a phrase, a faction's whole formula and
its goals as imperatives (the briefing's "Victory" and "Goals").

Split from :mod:`game.tui.describe` by job: these interpret the victory-term union of
:mod:`game.scenario.rules` (a ``match`` per term type, checked exhaustive by mypy), the
rest of that module words the calendar, the sources and the orders.
"""

from __future__ import annotations

from typing import assert_never

from game.record.words import join_names
from game.scenario.models import Faction, Scenario, Track
from game.scenario.rules import ControlTerm, StatTerm, StrengthTerm, TrackTerm, VictoryTerm
from game.tui.describe import (
    KIND_NOUNS,
    STAT_WORDS,
    faction_name,
    lower_first,
    region_name,
    track_by_id,
)


def track_amount(track: Track | None, track_id: str, per: int) -> str:
    """``per`` units of a track in words: ``100,000 bpd of oil output``, ``10% of UN talks``."""
    if track is None:
        return f"{per:,} {track_id}"
    name = lower_first(track.name)
    unit = track.unit
    if unit == "%":
        return f"{per}% of {name}"
    if unit and unit.lower() in track.name.lower():
        return f"{per:,} {name}"
    if unit:
        return f"{per:,} {unit} of {name}"
    return f"point of {name}" if per == 1 else f"{per:,} points of {name}"


def term_phrase(term: VictoryTerm, faction: Faction, scenario: Scenario) -> str:
    """One victory term in words, without its sign: ``4 per oil terminal held (A, B)``."""
    points = abs(term.weight)
    match term:
        case ControlTerm():
            names = [region_name(scenario, r) for r in term.regions]
            if len(names) == 1:
                return f"{points} if {names[0]} is held"
            kinds = {_region_kind(scenario, r) for r in term.regions}
            noun = KIND_NOUNS.get(kinds.pop(), ("region", ""))[0] if len(kinds) == 1 else "region"
            return f"{points} per {noun} held ({', '.join(names)})"
        case TrackTerm():
            amount = track_amount(track_by_id(scenario, term.track), term.track, term.per)
            return f"{points} per {amount}"
        case StatTerm():
            words = STAT_WORDS.get(term.stat, term.stat)
            amount = words if term.per == 1 else f"{term.per} {words}"
            owner = term.faction or faction.id
            of = "" if owner == faction.id else f" of {faction_name(scenario, owner)}"
            return f"{points} per {amount}{of}"
        case StrengthTerm():
            amount = "point" if term.per == 1 else f"{term.per} points"
            return f"{points} per {amount} of ground strength"
        case _:
            assert_never(term)


def _region_kind(scenario: Scenario, region_id: str) -> str:
    try:
        return scenario.region_by_id(region_id).kind
    except KeyError:
        return "region"


def victory_formula(faction: Faction, scenario: Scenario) -> str:
    """The faction's whole victory formula in one line, generated from its terms.

    e.g. ``Score = 4 per oil terminal held (Al-Sidra, Ras Lanuf) + 3 if Sirte is held
    - 1 per 100,000 displaced people; target 19; win early at an assessment with a
    lead of 3 over the target``.
    """
    text = "Score = "
    for i, term in enumerate(faction.victory.terms):
        phrase = term_phrase(term, faction, scenario)
        if i == 0:
            text += ("-" if term.weight < 0 else "") + phrase
        else:
            text += (" - " if term.weight < 0 else " + ") + phrase
    margin = scenario.tuning.decisive_margin
    return (
        f"{text}; target {faction.victory.target}; win early at an assessment with a lead "
        f"of {margin} over the target"
    )


def faction_goals(faction: Faction, scenario: Scenario) -> list[str]:
    """What the faction wants, as short imperatives derived from its victory terms."""
    return [_goal(term, faction, scenario) for term in faction.victory.terms]


def _goal(term: VictoryTerm, faction: Faction, scenario: Scenario) -> str:
    """One victory term as an imperative: ``Hold Sirte; take Al-Sidra``, ``Keep X down``."""
    match term:
        case ControlTerm():
            held = [r for r in term.regions if _controller(scenario, r) == faction.id]
            other = [r for r in term.regions if r not in held]
            verb_held, verb_other = (
                ("Hold", "take") if term.weight > 0 else ("Give up", "keep out of")
            )
            parts = []
            if held:
                parts.append(f"{verb_held} {join_names([region_name(scenario, r) for r in held])}")
            if other:
                verb = verb_other if parts else verb_other.capitalize()
                parts.append(f"{verb} {join_names([region_name(scenario, r) for r in other])}")
            return "; ".join(parts)
        case TrackTerm():
            track = track_by_id(scenario, term.track)
            name = lower_first(track.name) if track else term.track
            return f"Raise {name}" if term.weight > 0 else f"Keep {name} down"
        case StatTerm():
            words = STAT_WORDS.get(term.stat, term.stat)
            owner = term.faction or faction.id
            whose = "your" if owner == faction.id else f"{faction_name(scenario, owner)}'s"
            return f"Keep {whose} {words} up" if term.weight > 0 else f"Drive {whose} {words} down"
        case StrengthTerm():
            if term.weight > 0:
                return "Keep a strong army in the field"
            return "Keep your forces small"
        case _:
            assert_never(term)


def _controller(scenario: Scenario, region_id: str) -> str | None:
    try:
        return scenario.region_by_id(region_id).controller
    except KeyError:
        return None
