"""Plain-English text generated from scenario data for the briefing and help screens.

Everything a player reads about goals, victory and orders is derived here from the
scenario, never written by hand in the UI, so a new scenario explains itself and the
words can never drift from the rules the engine applies. The functions are pure (no
Textual, no I/O) and return strings, so they are tested directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.conditions import describe
from game.engine.orders import describe_requirement
from game.record.words import join_names, long_date, plural
from game.scenario.models import Citation, OrderType, Quote, Scenario, Track
from game.scenario.sources import SourceEntry, source_tag

KIND_NOUNS: dict[str, tuple[str, str]] = {
    "city": ("city", "cities"),
    "oil_terminal": ("oil terminal", "oil terminals"),
    "oil_field": ("oil field", "oil fields"),
    "airbase": ("airbase", "airbases"),
    "industrial": ("industrial area", "industrial areas"),
    "staging": ("staging area", "staging areas"),
}
"""Region kind -> (singular, plural) noun used in sentences."""

STAT_WORDS: dict[str, str] = {
    "treasury": "treasury",
    "legitimacy": "legitimacy",
    "cohesion": "cohesion",
    "action_points": "action points",
    "escalation": "escalation caused",
}

PHASES: tuple[tuple[str, str], ...] = (
    (
        "Orders",
        "Every side chooses its orders in secret; all orders then resolve together "
        "(simultaneous turns). Treasury prices are paid and declared legitimacy, cohesion "
        "and escalation changes apply, whatever the outcome.",
    ),
    (
        "Declarations and diplomacy",
        "Talks, diplomatic pressure, sanctions, ultimatums and military zones; "
        "reinforcements (recruit, mobilise, arms, deploy) and fortifications arrive "
        "before any fighting.",
    ),
    ("Air", "Air strikes and jet raids, with dice against forces and facilities."),
    ("Naval", "Raids from the sea on coastal targets."),
    ("Ground", "Moves first, then attacks; each battle is decided by dice plus strength."),
    ("Control and supply", "Regions change hands; cut-off forces lose strength; sieges bite."),
    ("Oil and economy", "Repairs, fires, oil output and revenue, sanctions."),
    ("Humanitarian", "Aid deliveries, displaced people returning, humanitarian access."),
    ("Diplomacy", "Fighting erodes the talks; the crisis feeds pressure for intervention."),
    (
        "Escalation",
        "The turn's escalation is applied, each point booked to the side whose act caused "
        "it; at its maximum every side loses, and whoever caused most ranks last.",
    ),
    ("Events", "Scenario events that are due fire, in scenario order."),
    (
        "Assessment",
        "On assessment turns: income, upkeep, coalition cohesion and the victory check.",
    ),
)
"""The phases of a turn in the order ``resolve_turn`` runs them, in players' words."""


# ----------------------------------------------------------------------------------
# Small helpers


def lower_first(name: str) -> str:
    """``"Oil output"`` -> ``"oil output"`` inside a sentence, but keep ``"UN talks"``."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def cite(source: str, sources: Sequence[SourceEntry] = ()) -> str:
    """A scenario ``source`` for readers: ``"p1,p9"`` -> ``"p1, p9"``; given the
    scenario's ``[[source]]`` tables, context sources read ``context: Wehrey 2014``."""
    return source_tag(source, sources)


def track_by_id(scenario: Scenario, track_id: str) -> Track | None:
    """The scenario's track ``track_id`` (None if it has none by that id)."""
    return next((t for t in scenario.track if t.id == track_id), None)


def region_name(scenario: Scenario, region_id: str) -> str:
    """A region's name for readers (its id if the scenario has no such region)."""
    try:
        return scenario.region_by_id(region_id).name
    except KeyError:
        return region_id


def faction_name(scenario: Scenario, faction_id: str) -> str:
    """A faction's name for readers (its id if the scenario has no such faction)."""
    try:
        return scenario.faction_by_id(faction_id).name
    except KeyError:
        return faction_id


# ----------------------------------------------------------------------------------
# Calendar


def calendar_line(scenario: Scenario) -> str:
    """Start date, length and assessment rhythm, e.g. for the briefing's header."""
    meta = scenario.meta
    end = meta.start + dt.timedelta(days=meta.turn_days * meta.turns - 1)
    span = {7: "one week", 1: "one day"}.get(meta.turn_days, f"{meta.turn_days} days")
    every = (
        "every turn"
        if meta.assessment_every == 1
        else f"every {meta.assessment_every} turns and on the last"
    )
    return (
        f"Starts {long_date(meta.start)} · {plural(meta.turns, 'turn')} of {span} "
        f"(until {long_date(end)}) · assessment {every}"
    )


# ----------------------------------------------------------------------------------
# Victory


def victory_rules(scenario: Scenario) -> list[str]:
    """How a game is won, lost or drawn (the same for every faction), in sentences."""
    meta = scenario.meta
    margin = scenario.tuning.decisive_margin
    lines = [
        "Each side's margin is its score minus its target. Scores count whole steps "
        "(e.g. 35 legitimacy gives 3 points at '1 per 10').",
        f"At every assessment (every {meta.assessment_every} turns) the game ends early "
        f"if a side is {margin} or more above its target; the largest margin wins.",
        f"After the last turn ({meta.turns}) the largest margin wins if it reached its "
        "target. If no side did, the game says so and names the side that came closest.",
        "Equal margins go to the side that caused less escalation, then to the more "
        "legitimate one; only sides equal on all three draw.",
    ]
    escalation = track_by_id(scenario, "escalation")
    if escalation is not None:
        name = lower_first(escalation.name)
        lines.append(
            f"Every point of {name} belongs to the side whose act caused it (strikes, raids "
            "and battles in cities, sieges, ultimatums, arming proxies, interventions); talks "
            f"and quiet turns bring it down. If {name} reaches its maximum "
            f"({escalation.max}), the country falls into chaos and every side loses, ranked "
            "by the escalation it caused: whoever drove it ranks last."
        )
    return lines


# ----------------------------------------------------------------------------------
# Seats, quotes, sources


def framing_line(quote: Quote, sources: Sequence[SourceEntry] = ()) -> str:
    """One piece of the source's framing, attributed, e.g. for the briefing."""
    return f"The source says “{quote.text}” ({quote.by}; {cite(quote.source, sources)})"


def quote_line(quote: Quote, sources: Sequence[SourceEntry] = ()) -> str:
    """A key quote with its speaker and paragraph."""
    return f"“{quote.text}” — {quote.by} ({cite(quote.source, sources)})"


def citation_line(citation: Citation) -> str:
    """A source of the scenario: title, detail and file."""
    text = citation.title
    if citation.detail:
        text += f". {citation.detail}"
    if citation.file:
        text += f" [{citation.file}]"
    return text


# ----------------------------------------------------------------------------------
# Orders (the help screen's rules reference)


@dataclass(frozen=True, slots=True)
class OrderHelp:
    """Everything the rules reference says about one order of the catalogue."""

    id: str
    name: str
    cost: str
    limit: str
    range: str
    factions: str
    description: str
    requires: str
    effects: str
    source: str

    def lines(self) -> list[str]:
        """The entry as labelled lines (empty fields left out)."""
        rows = [
            ("Cost", self.cost),
            ("Limit", self.limit),
            ("Range", self.range),
            ("Who", self.factions),
            ("Needs", self.requires),
            ("Also", self.effects),
            ("Source", self.source),
        ]
        return [f"{label}: {value}" for label, value in rows if value]


def order_cost(order: OrderType) -> str:
    """``1 action point``, ``2 action points + 4 treasury``."""
    text = plural(order.cost, "action point")
    if order.price:
        text += f" + {order.price} treasury"
    return text


def order_effects(order: OrderType) -> str:
    """Side effects the catalogue declares: escalation, legitimacy, cohesion, duration."""
    return ", ".join(order_effect_parts(order))


def order_effect_parts(order: OrderType) -> list[str]:
    """The side effects of :func:`order_effects`, one phrase each (the order builder uses them)."""
    parts = []
    if order.escalation:
        parts.append(f"escalation {order.escalation:+}")
    if order.legitimacy:
        parts.append(f"your legitimacy {order.legitimacy:+}")
    if order.target_legitimacy:
        parts.append(f"target's legitimacy {order.target_legitimacy:+}")
    if order.target_cohesion:
        parts.append(f"target's cohesion {order.target_cohesion:+}")
    if order.cohesion:
        parts.append(f"your cohesion {order.cohesion:+}")
    if order.diminishing:
        parts.append(f"{order.diminishing} less power for each turn in a row it is repeated")
    if order.duration:
        parts.append(f"lasts {plural(order.duration, 'turn')}")
    return parts


def order_help(order: OrderType, scenario: Scenario) -> OrderHelp:
    """The rules-reference entry of one order, generated from the catalogue."""
    everyone = {f.id for f in scenario.faction}
    if set(order.factions) >= everyone and len(everyone) > 1:
        who = "every side"
    else:
        who = join_names([faction_name(scenario, f) for f in order.factions])
    return OrderHelp(
        id=order.id,
        name=order.name,
        cost=order_cost(order),
        limit=f"{order.per_turn} per turn",
        range=f"{order.range_km:,} km" if order.range_km else "",
        factions=who,
        description=order.description,
        requires=describe(order.requires, scenario) if order.requires is not None else "",
        effects=order_effects(order),
        source=cite(order.source, scenario.source),
    )


def orders_reference(scenario: Scenario) -> list[OrderHelp]:
    """Every order of the catalogue, in catalogue order."""
    return [order_help(o, scenario) for o in scenario.order]


def effect_summary(otype: OrderType) -> str:
    """Cost and the catalogue's numbers for an order type, in one line."""
    parts = [f"{otype.cost} AP"]
    if otype.price:
        parts.append(f"{otype.price} treasury")
    if otype.power:
        parts.append(f"power {otype.power}")
    if otype.range_km:
        parts.append(f"range {otype.range_km:,} km")
    parts += order_effect_parts(otype)
    if otype.per_turn > 1:
        parts.append(f"up to {otype.per_turn} a turn")
    if otype.requires is not None:
        parts.append(f"needs {describe_requirement(otype)}")
    return " · ".join(parts)
