"""The worst valid scenario: every count, number and text at the upper bound of the format.

The bounds of :mod:`game.scenario.bounds` promise that any valid scenario resolves a
turn in bounded time and memory. This module builds the scenario that makes the rules
work hardest within those bounds, so the promise can be measured (``python -m
game.lab.bench_worst``) and held by a test under a time and memory limit:

* the most regions, factions, tracks, links, forces, orders, events, actors and bots;
* every faction with the most action points, every order costing one point and given
  by every faction up to the most times a turn, at the most power and reach;
* every event repeating every turn, its condition the largest tree allowed (all of it
  true, so all of it is evaluated) and the most effects, each as large as allowed;
* every bot with the longest priority list, each line with the largest condition;
* the biggest numbers (read from the models' own bounds): treasuries, tracks,
  populations, capacities, strengths, the rule numbers of ``[tuning]``;
* every name at its longest, and every long text as long as the file size bound allows.

A few numbers stay below their bound where the bound would only stop the game, which
would then measure nothing: an upkeep that empties every treasury (no order is
affordable again), escalation pushed to its maximum (catastrophe on turn 1), victory
terms that decide the game on turn 1. ``tests/test_scenario_bounds.py`` plays a turn
with each number at its bound, one at a time.

The text is generated, never read from disk, and is the same on every run.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from game.lab.worst_ids import Ids, text_of, top
from game.lab.worst_rules import bots, events, orders
from game.scenario import bounds as b
from game.scenario.formulas import terminal_output_bpd
from game.scenario.models import (
    Facilities,
    Faction,
    Region,
)
from game.scenario.toml_text import toml_document
from game.scenario.tuning import Tuning

COLUMNS = 12
"""Regions are laid out on a grid this wide (and linked to their neighbours)."""

START = dt.date(2001, 1, 1)

Data = dict[str, Any]


def _meta(prose: int) -> Data:
    return dict(
        id="worst-" + "x" * (b.MAX_ID - 6),
        title=text_of("The worst valid scenario", b.MAX_NAME),
        subtitle=text_of("every bound reached", b.MAX_NAME),
        start=START,
        turns=b.MAX_TURNS,
        turn_days=1,
        assessment_every=1,
        authors=[text_of(f"author {i}", b.MAX_NAME) for i in range(b.MAX_ITEMS)],
        description=text_of("A scenario built to make the rules work hardest.", prose),
    )


def _briefing(prose: int) -> Data:
    quote = dict(text=text_of("quote", prose), by=text_of("by", b.MAX_NAME), source="p1")
    source = dict(title=text_of("source", b.MAX_NAME), detail=text_of("detail", prose))
    return dict(
        situation=[text_of(f"paragraph {i}", prose) for i in range(b.MAX_ITEMS)],
        framing=[quote] * b.MAX_ITEMS,
        quotes=[quote] * b.MAX_ITEMS,
        sources=[dict(source, file=text_of("file", b.MAX_NAME))] * b.MAX_ITEMS,
    )


def _tuning() -> Data:
    tuning = {name: top(Tuning, name) for name in Tuning.model_fields}
    # At its bound the upkeep empties every treasury: no order is affordable again.
    tuning["upkeep_per_strength"] = 1
    tuning["battle_access"] = -top(Tuning, "battle_access")
    return tuning


def _regions(ids: Ids, prose: int) -> tuple[list[Data], int]:
    """The regions, and the oil they export at the start (the oil_output track's start)."""
    regions: list[Data] = []
    produced = 0
    kinds = ["city", "oil_terminal", "oil_field", "airbase", "industrial"]
    for i, rid in enumerate(ids.regions):
        offmap = rid in ids.staging
        tanks = top(Facilities, "oil_tanks") if i % 3 == 0 else 0
        ablaze = tanks // 2 if i % 2 == 0 else 0
        damage = (i * 7) % (top(Region, "damage") + 1)
        capacity = 0 if offmap else top(Facilities, "capacity_bpd")
        produced += terminal_output_bpd(capacity, tanks, damage, ablaze)
        row, col = divmod(i, COLUMNS)
        facilities: Data = dict(airport=True, aviation_school=True, port=True)
        facilities.update(steel_factory=True, chemical_factory=True)
        facilities.update(oil_tanks=tanks, capacity_bpd=capacity)
        regions.append(
            dict(
                id=rid,
                name=text_of(f"Region {i}", b.MAX_NAME),
                kind="staging" if offmap else kinds[i % len(kinds)],
                lat=20.0 + row * 0.5,
                lon=5.0 + col * 0.5,
                population=0 if offmap else top(Region, "population"),
                controller=ids.faction(i) if i % 5 else "neutral",
                facilities=facilities,
                damage=damage,
                tanks_ablaze=ablaze,
                fortification=0 if offmap else top(Region, "fortification"),
                offmap=offmap,
                source="design",
                note=text_of(f"note {i}", prose),
            )
        )
    return regions, produced


def _links(ids: Ids) -> list[Data]:
    """``MAX_LINKS`` links joining every region: a grid of roads, coasts and sea lanes."""
    n = len(ids.regions)
    made: dict[tuple[str, str, str], Data] = {}

    def link(a: int, c: int, kind: str) -> None:
        x, y = ids.regions[a], ids.regions[c]
        key = (min(x, y), max(x, y), kind)
        if key not in made and len(made) < b.MAX_LINKS:
            made[key] = dict(a=x, b=y, kind=kind, source="design")

    for step, kind in ((1, "road"), (COLUMNS, "road"), (1, "coast"), (COLUMNS + 1, "coast")):
        for i in range(n - step):
            link(i, i + step, kind)
    skip = 2
    while len(made) < b.MAX_LINKS:
        for i in range(n - skip):
            link(i, i + skip, "sea")
        skip += 1
    return list(made.values())


def _tracks(ids: Ids, oil: int, prose: int) -> list[Data]:
    return [
        dict(
            id=tid,
            name=text_of(f"Track {i}", b.MAX_NAME),
            start=oil if tid == "oil_output" else 0,
            min=-b.MAX_TRACK,
            max=b.MAX_TRACK,
            unit=text_of("units", b.MAX_NAME),
            reference=b.MAX_TRACK,
            reference_label=text_of("reference", b.MAX_NAME),
            description=text_of(f"track {i}", prose),
            source="design",
        )
        for i, tid in enumerate(ids.tracks)
    ]


def _faction(ids: Ids, i: int, fid: str, prose: int) -> Data:
    """A faction at every bound. Its victory terms count tracks and strength by the largest
    divisor allowed, so no side reaches its target on turn 1 and the game goes on."""
    terms: list[Data] = [
        dict(type="control", regions=ids.regions, weight=b.MAX_WEIGHT, label="held"),
        dict(type="strength", per=b.MAX_PER, weight=b.MAX_WEIGHT),
    ]
    for k in range(b.MAX_TERMS - len(terms)):
        if k % 2:
            terms.append(
                dict(type="track", track=ids.track(k), per=b.MAX_PER, weight=-b.MAX_WEIGHT)
            )
        else:
            terms.append(
                dict(type="stat", stat="cohesion", faction=ids.faction(k), weight=b.MAX_WEIGHT)
            )
    components = [
        dict(id=f"c{j}", name=text_of(f"Member {j}", b.MAX_NAME), source="design")
        for j in range(b.MAX_COMPONENTS)
    ]
    level = {name: top(Faction, name) for name in ("legitimacy", "cohesion", "cohesion_crack")}
    return dict(
        id=fid,
        name=text_of(f"Faction {i}", b.MAX_NAME),
        short=f"F{i}",
        glyph="ABCDEFGHIJKLMNOP"[i],
        color=f"#{(i * 40) % 256:02x}80c0",
        description=text_of(f"faction {i}", prose),
        action_points=top(Faction, "action_points"),
        treasury=top(Faction, "treasury"),
        income=top(Faction, "income"),
        casualty_legitimacy=top(Faction, "casualty_legitimacy"),
        occupies=ids.occupies(fid),
        supply=ids.regions,
        components=components,
        victory=dict(target=b.MAX_TARGET, terms=terms),
        source="design",
        **level,
    )


def _forces(ids: Ids) -> list[Data]:
    forces: list[Data] = []
    kinds = ["ground", "ground", "ground", "air", "naval"]
    for i in range(b.MAX_FORCES):
        fid = ids.faction(i)
        # A foreign power waits in its staging area; the others stand anywhere.
        staging = ids.staging[ids.factions.index(fid)]
        forces.append(
            dict(
                id=f"u{i}",
                name=text_of(f"Force {i}", b.MAX_NAME),
                faction=fid,
                kind=kinds[i % len(kinds)],
                region=ids.region(i * 7) if ids.occupies(fid) else staging,
                strength=b.MAX_STRENGTH,
                component=f"c{i % b.MAX_COMPONENTS}",
                source="design",
            )
        )
    return forces


def _actors(ids: Ids) -> list[Data]:
    return [
        dict(
            id=f"a{i}",
            name=text_of(f"Actor {i}", b.MAX_NAME),
            role=text_of("role", b.MAX_NAME),
            faction=ids.faction(i),
            track=ids.track(i),
            source="design",
        )
        for i in range(b.MAX_ACTORS)
    ]


def worst_scenario(prose: int) -> Data:
    """The worst valid scenario as data, every long text ``prose`` characters long."""
    ids = Ids()
    regions, oil = _regions(ids, prose)
    return dict(
        format_version=1,
        meta=_meta(prose),
        briefing=_briefing(prose),
        tuning=_tuning(),
        track=_tracks(ids, oil, prose),
        faction=[_faction(ids, i, fid, prose) for i, fid in enumerate(ids.factions)],
        region=regions,
        link=_links(ids),
        force=_forces(ids),
        order=orders(ids, prose),
        event=events(ids, prose),
        actor=_actors(ids),
        bot=bots(ids),
    )


def worst_scenario_text(prose: int | None = None) -> str:
    """The TOML text of the worst valid scenario.

    ``prose`` is the length of every long text (descriptions, paragraphs, event texts);
    by default the longest that keeps the file within ``MAX_FILE_BYTES``.
    """
    if prose is not None:
        return toml_document(worst_scenario(prose))
    # Every long text is plain ASCII of the same length, so the file grows by the same
    # number of bytes for each character more: two sizes give the longest that fits.
    empty = len(worst_scenario_text(0).encode("utf-8"))
    per_char = len(worst_scenario_text(1).encode("utf-8")) - empty
    return worst_scenario_text(min(b.MAX_PROSE, (b.MAX_FILE_BYTES - empty) // per_char))
