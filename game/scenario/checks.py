"""Semantic checks: what the models alone cannot see (ids, references, the map's shape).

Each check yields ``(key path, message)``; the loader turns paths into ``file:line:col``.

The checks also run on a *salvaged* scenario (see :class:`Salvage`): when some elements
fail model validation, the loader builds a scenario from the valid ones so that an
author still sees every reference problem in one pass. Checks whose answer depends on
what was left out are then skipped rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import assert_never

from game.scenario.check_ids import Found, Ids, KeyPath, Salvage, game_end
from game.scenario.check_map import map_problems
from game.scenario.check_never import event_never_problems
from game.scenario.check_orders import order_problems, requires_problems
from game.scenario.check_reach import reach_problems, shared_id_problems
from game.scenario.check_rules import (
    actor_problems,
    bot_problems,
    condition_problems,
    event_problems,
)
from game.scenario.check_sources import citation_problems, citation_warnings
from game.scenario.check_victory import victory_problems
from game.scenario.errors import did_you_mean
from game.scenario.formulas import terminal_output_bpd
from game.scenario.models import NEUTRAL, REQUIRED_TRACKS, Scenario
from game.scenario.rules import ControlTerm, StatTerm, StrengthTerm, TrackTerm, VictoryTerm

Check = Callable[[Scenario, Ids], Iterable[Found]]
"""A semantic check: the problems it finds, each at its key path."""

AUTHORING_CHECKS: tuple[Check, ...] = (event_never_problems, citation_problems)
"""Errors the game itself would run with (an event that can never fire): refused in a file
being written, but only warnings in a save, whose game was played under the scenario."""

WARNING_CHECKS: tuple[Check, ...] = (
    shared_id_problems,
    reach_problems,
    victory_problems,
    order_problems,
    requires_problems,
    citation_warnings,
)
"""What plays but can never matter: shown and counted, never a reason to refuse a file."""


def semantic_problems(
    scn: Scenario, salvage: Salvage | None = None, *, embedded: bool = False
) -> list[Found]:
    """Every cross-reference and shape error in a model-valid scenario.

    With ``salvage``, ``scn`` holds only the parts of a file that passed validation
    (``Scenario.model_construct``); sections listed as broken may be empty or absent.
    ``embedded``: the scenario comes from a save, which played under it; errors that only
    catch authoring mistakes the game runs with (see :data:`AUTHORING_CHECKS`) are then
    warnings, so a save made before those checks existed still opens.
    """
    ids = Ids(scn, salvage or Salvage())
    found: list[Found] = []
    for check in (
        _calendar,
        _duplicates,
        _tracks,
        _regions_and_links,
        _factions,
        _forces,
        _orders,
        event_problems,
        actor_problems,
        bot_problems,
        map_problems,
    ):
        found.extend(check(scn, ids))
    if not embedded:
        for authoring in AUTHORING_CHECKS:
            found.extend(authoring(scn, ids))
    return found


def semantic_warnings(
    scn: Scenario, salvage: Salvage | None = None, *, embedded: bool = False
) -> list[Found]:
    """What plays but can never matter: the scenario loads, the author is told."""
    ids = Ids(scn, salvage or Salvage())
    found: list[Found] = []
    for check in WARNING_CHECKS + (AUTHORING_CHECKS if embedded else ()):
        found.extend(check(scn, ids))
    return found


def _calendar(scn: Scenario, ids: Ids) -> Iterator[Found]:
    if ids.salvage.complete("meta") and game_end(scn) is None:
        yield (
            ("meta", "start"),
            (
                f"a game starting on {scn.meta.start} with {scn.meta.turns} turns of "
                f"{scn.meta.turn_days} days would end after {dt.date.max}"
            ),
        )


def _dupes(section: str, items: Iterable[str]) -> Iterator[Found]:
    seen: set[str] = set()
    for i, item_id in enumerate(items):
        if item_id in seen:
            yield (section, i, "id"), f"duplicate {section} id '{item_id}'"
        seen.add(item_id)


def _duplicates(scn: Scenario, ids: Ids) -> Iterator[Found]:
    yield from _dupes("track", (t.id for t in scn.track))
    yield from _dupes("faction", (f.id for f in scn.faction))
    yield from _dupes("region", (r.id for r in scn.region))
    yield from _dupes("order", (o.id for o in scn.order))
    yield from _dupes("force", (f.id for f in scn.force))
    yield from _dupes("event", (e.id for e in scn.event))
    yield from _dupes("actor", (a.id for a in scn.actor))
    yield from _dupes("bot", (b.id for b in scn.bot))
    glyphs: dict[str, str] = {}
    for i, f in enumerate(scn.faction):
        if f.glyph in glyphs:
            yield (
                ("faction", i, "glyph"),
                (f"glyph '{f.glyph}' is already used by '{glyphs[f.glyph]}'"),
            )
        glyphs.setdefault(f.glyph, f.id)
        comp_seen: set[str] = set()
        for j, c in enumerate(f.components):
            if c.id in comp_seen:
                yield ("faction", i, "components", j, "id"), f"duplicate component id '{c.id}'"
            comp_seen.add(c.id)


def _tracks(scn: Scenario, ids: Ids) -> Iterator[Found]:
    if ids.salvage.complete("track"):
        for required in REQUIRED_TRACKS:
            if required not in ids.tracks:
                yield (
                    ("track",),
                    (f"missing required track '{required}' (the engine's phases use it)"),
                )
    for i, t in enumerate(scn.track):
        if t.id == "oil_output" and ids.salvage.complete("region"):
            produced = sum(
                terminal_output_bpd(
                    r.facilities.capacity_bpd, r.facilities.oil_tanks, r.damage, r.tanks_ablaze
                )
                for r in scn.region
            )
            if produced != t.start:
                yield (
                    ("track", i, "start"),
                    f"oil_output starts at {t.start} bpd but the regions produce {produced} bpd "
                    "(capacity, damage and tanks ablaze)",
                )


def _regions_and_links(scn: Scenario, ids: Ids) -> Iterator[Found]:
    owners = [*ids.factions, NEUTRAL]
    for i, r in enumerate(scn.region):
        yield from ids.check("controller", r.controller, owners, ("region", i, "controller"))
    adjacency: dict[str, list[str]] = {r: [] for r in ids.regions}
    pairs: set[tuple[str, str, str]] = set()
    for i, link in enumerate(scn.link):
        ok = True
        for end in ("a", "b"):
            value = getattr(link, end)
            if value not in adjacency:
                ok = False
                yield (
                    ("link", i, end),
                    (
                        f"link to nowhere: unknown region '{value}'"
                        + did_you_mean(value, ids.regions)
                    ),
                )
        if not ok:
            continue
        if link.a == link.b:
            yield ("link", i, "b"), f"link from '{link.a}' to itself"
            continue
        key = (min(link.a, link.b), max(link.a, link.b), link.kind)
        if key in pairs:
            yield ("link", i), f"duplicate {link.kind} link between '{link.a}' and '{link.b}'"
        pairs.add(key)
        adjacency[link.a].append(link.b)
        adjacency[link.b].append(link.a)
    if scn.region and ids.salvage.complete("region", "link"):
        first = scn.region[0].id
        reached = {first}
        frontier = [first]
        while frontier:
            here = frontier.pop()
            for there in adjacency.get(here, []):
                if there not in reached:
                    reached.add(there)
                    frontier.append(there)
        # One problem per cut-off part of the map, at its first region: a missing link
        # between two halves is one mistake, not one per region beyond it.
        for i, r in enumerate(scn.region):
            if r.id in reached:
                continue
            part = [r.id]
            reached.add(r.id)
            frontier = [r.id]
            while frontier:
                here = frontier.pop()
                for there in adjacency.get(here, []):
                    if there not in reached:
                        reached.add(there)
                        part.append(there)
                        frontier.append(there)
            if len(part) == 1:
                message = f"region '{r.id}' is unreachable: no chain of links joins it to '{first}'"
            else:
                names = ", ".join(f"'{region}'" for region in part)
                message = (
                    f"regions {names} are unreachable: no chain of links joins them to '{first}'"
                )
            yield ("region", i, "id"), message


def _factions(scn: Scenario, ids: Ids) -> Iterator[Found]:
    for i, f in enumerate(scn.faction):
        for j, region in enumerate(f.supply):
            yield from ids.check("region", region, ids.regions, ("faction", i, "supply", j))
        for j, term in enumerate(f.victory.terms):
            yield from _term(term, ids, ("faction", i, "victory", "terms", j), f.id)


def _term(term: VictoryTerm, ids: Ids, path: KeyPath, owner: str) -> Iterator[Found]:
    match term:
        case TrackTerm():
            yield from ids.check("track", term.track, ids.tracks, (*path, "track"))
        case StatTerm():
            who = term.faction or owner
            if term.faction is not None:
                yield from ids.check("faction", term.faction, ids.factions, (*path, "faction"))
            if term.stat == "cohesion" and who in ids.valid_factions and who not in ids.cohesive:
                yield (*path, "stat"), f"faction '{who}' has no cohesion (it is not a coalition)"
        case ControlTerm():
            for k, region in enumerate(term.regions):
                yield from ids.check("region", region, ids.regions, (*path, "regions", k))
        case StrengthTerm():
            pass  # names no id
        case _:
            assert_never(term)


def _forces(scn: Scenario, ids: Ids) -> Iterator[Found]:
    components = {f.id: [c.id for c in f.components] for f in scn.faction}
    kinds = {r.id: r for r in scn.region}
    for i, force in enumerate(scn.force):
        yield from ids.check("faction", force.faction, ids.factions, ("force", i, "faction"))
        yield from ids.check("region", force.region, ids.regions, ("force", i, "region"))
        if force.component is not None and force.faction in components:
            yield from ids.check(
                "component", force.component, components[force.faction], ("force", i, "component")
            )
        region = kinds.get(force.region)
        if (
            region is not None
            and force.kind == "air"
            and not (region.facilities.airport or region.kind in ("airbase", "staging"))
        ):
            yield (
                ("force", i, "region"),
                (f"air force '{force.id}' is based at '{force.region}', which has no airport"),
            )


def _orders(scn: Scenario, ids: Ids) -> Iterator[Found]:
    for i, order in enumerate(scn.order):
        for j, faction in enumerate(order.factions):
            yield from ids.check("faction", faction, ids.factions, ("order", i, "factions", j))
        if order.requires is not None:
            yield from condition_problems(order.requires, ids, ("order", i, "requires"))
    for i, f in enumerate(scn.faction):
        if ids.salvage.complete("order") and not any(f.id in o.factions for o in scn.order):
            yield ("faction", i, "id"), f"faction '{f.id}' has no orders in the catalogue"
