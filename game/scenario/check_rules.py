"""Scenario checks of the rule language: conditions, effects, events, actors and bots.

Split from :mod:`game.scenario.checks` by job: these follow references inside the
tagged unions of :mod:`game.scenario.rules`, the others check the map and the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from game.scenario.bots import FACTION_SELECTORS, REGION_SELECTORS
from game.scenario.check_ids import Found, Ids, KeyPath, game_end
from game.scenario.models import NEUTRAL, NO_TARGET, TARGETS_FACTION, Event, OrderType, Scenario
from game.scenario.rules import (
    AllOf,
    AnyOf,
    Condition,
    ControlEffect,
    Controls,
    DamageEffect,
    Effect,
    Happened,
    Not,
    StatAtLeast,
    StatAtMost,
    StatEffect,
    StrengthAtLeast,
    StrengthEffect,
    TanksAblazeEffect,
    TrackAtLeast,
    TrackAtMost,
    TrackEffect,
    TurnAtLeast,
)


def condition_problems(cond: Condition, ids: Ids, path: KeyPath) -> Iterator[Found]:
    """Every id a condition tree names that the scenario does not define."""
    match cond:
        case TrackAtLeast() | TrackAtMost():
            yield from ids.check("track", cond.track, ids.tracks, (*path, "track"))
        case StatAtLeast() | StatAtMost():
            yield from ids.check("faction", cond.faction, ids.factions, (*path, "faction"))
        case Controls():
            owners = [*ids.factions, NEUTRAL]
            yield from ids.check("faction", cond.faction, owners, (*path, "faction"))
            yield from ids.check("region", cond.region, ids.regions, (*path, "region"))
        case StrengthAtLeast():
            yield from ids.check("faction", cond.faction, ids.factions, (*path, "faction"))
            yield from ids.check("region", cond.region, ids.regions, (*path, "region"))
        case Happened():
            if cond.faction is not None:
                yield from ids.check("faction", cond.faction, ids.factions, (*path, "faction"))
            if cond.region is not None:
                yield from ids.check("region", cond.region, ids.regions, (*path, "region"))
        case AllOf() | AnyOf():
            for k, inner in enumerate(cond.conditions):
                yield from condition_problems(inner, ids, (*path, "conditions", k))
        case Not():
            yield from condition_problems(cond.condition, ids, (*path, "condition"))
        case TurnAtLeast():
            pass  # names no id (a turn after the last is found by check_never)
        case _:
            assert_never(cond)


def _effect(effect: Effect, ids: Ids, path: KeyPath) -> Iterator[Found]:
    """Every id an effect names that the scenario does not define, and a stat it may not
    change."""
    match effect:
        case TrackEffect():
            yield from ids.check("track", effect.track, ids.tracks, (*path, "track"))
        case StatEffect():
            yield from ids.check("faction", effect.faction, ids.factions, (*path, "faction"))
            if effect.stat in ("escalation", "action_points"):
                yield (
                    (*path, "stat"),
                    (f"an effect cannot change '{effect.stat}' (it is counted by the rules)"),
                )
        case StrengthEffect():
            yield from ids.check("faction", effect.faction, ids.factions, (*path, "faction"))
            yield from ids.check("region", effect.region, ids.regions, (*path, "region"))
        case DamageEffect() | TanksAblazeEffect():
            yield from ids.check("region", effect.region, ids.regions, (*path, "region"))
        case ControlEffect():
            owners = [*ids.factions, NEUTRAL]
            yield from ids.check("faction", effect.faction, owners, (*path, "faction"))
            yield from ids.check("region", effect.region, ids.regions, (*path, "region"))
        case _:
            assert_never(effect)


def event_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    for i, event in enumerate(scn.event):
        path: KeyPath = ("event", i)
        if event.faction is not None:
            yield from ids.check("faction", event.faction, ids.factions, (*path, "faction"))
        if ids.salvage.complete("meta"):
            yield from _event_calendar(scn, event, path)
        if event.when is not None:
            yield from condition_problems(event.when, ids, (*path, "when"))
        for k, effect in enumerate(event.effects):
            yield from _effect(effect, ids, (*path, "effects", k))


def _event_calendar(scn: Scenario, event: Event, path: KeyPath) -> Iterator[Found]:
    """An event's turn and date against the scenario's calendar."""
    start = scn.meta.start
    end = game_end(scn)
    if event.turn is not None and event.turn > scn.meta.turns:
        yield (*path, "turn"), f"turn {event.turn} is after the last turn ({scn.meta.turns})"
    if event.date is not None and not event.history:
        if event.date < start:
            yield (*path, "date"), f"date {event.date} is before the scenario starts ({start})"
        elif end is not None and event.date >= end:
            yield (*path, "date"), f"date {event.date} is after the scenario ends"
    if event.date is not None and event.turn is not None and event.date >= start:
        implied = (event.date - start).days // scn.meta.turn_days + 1
        if implied != event.turn:
            yield (
                (*path, "turn"),
                (
                    f"turn {event.turn} disagrees with date {event.date} (which falls in turn "
                    f"{implied})"
                ),
            )


def actor_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    for i, actor in enumerate(scn.actor):
        if actor.faction is not None:
            yield from ids.check("faction", actor.faction, ids.factions, ("actor", i, "faction"))
        if actor.track is not None:
            yield from ids.check("track", actor.track, ids.tracks, ("actor", i, "track"))


def bot_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    orders: dict[str, OrderType] = {}
    for o in scn.order:
        orders.setdefault(o.id, o)
    for i, bot in enumerate(scn.bot):
        yield from ids.check("faction", bot.faction, ids.factions, ("bot", i, "faction"))
        for j, prio in enumerate(bot.priority):
            path: KeyPath = ("bot", i, "priority", j)
            yield from ids.check("order", prio.order, ids.orders, (*path, "order"))
            order = orders.get(prio.order)
            if order is not None and bot.faction not in order.factions:
                yield (*path, "order"), f"faction '{bot.faction}' may not give order '{prio.order}'"
            if order is not None:
                yield from _selector_fits(prio.target, order, (*path, "target"))
            for k, target in enumerate(prio.prefer):
                yield from ids.check(
                    "target", target, [*ids.regions, *ids.factions], (*path, "prefer", k)
                )
            if prio.when is not None:
                yield from condition_problems(prio.when, ids, (*path, "when"))


def _selector_fits(selector: str, order: OrderType, path: KeyPath) -> Iterator[Found]:
    """A priority's target selector must judge the kind of target its order takes."""
    if order.kind in NO_TARGET:
        aimed = "takes no target"
    elif order.kind in TARGETS_FACTION:
        aimed = "is aimed at a faction"
    else:
        aimed = "is aimed at a region"
    if selector in REGION_SELECTORS and aimed != "is aimed at a region":
        judges = "judges regions"
    elif selector in FACTION_SELECTORS and aimed != "is aimed at a faction":
        judges = "judges factions"
    else:
        return
    yield (
        path,
        f"target '{selector}' {judges}, but order '{order.id}' ({order.kind}) {aimed}, so "
        "this line could never pick it",
    )
