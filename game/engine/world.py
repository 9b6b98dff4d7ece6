"""The scenario compiled for play: fixed lookups the rules need on every turn.

A :class:`World` is derived once from a validated scenario and never changes during a
game, so the state carries only what does change. Everything here is ordered as in
the scenario file, which keeps the rules' iteration order deterministic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from game.engine.geo import distance_km, to_e4
from game.scenario.models import (
    Event,
    Faction,
    OrderType,
    Region,
    Scenario,
    Track,
)
from game.scenario.tuning import Tuning

POPULOUS = 50_000
"""A region at least this populous counts as a city for collateral and displacement."""


@dataclass(frozen=True, slots=True)
class World:
    """Immutable facts of a scenario, indexed for the engine."""

    scenario: Scenario
    digest: str
    region_ids: tuple[str, ...]
    faction_ids: tuple[str, ...]
    regions: dict[str, Region]
    factions: dict[str, Faction]
    tracks: dict[str, Track]
    orders: dict[str, OrderType]
    land: dict[str, tuple[str, ...]]
    sea: dict[str, tuple[str, ...]]
    coastal: frozenset[str]
    distance: Distances
    """Whole kilometres between two regions, ``distance[(a, b)]``, worked out when asked."""
    tuning: Tuning
    events: tuple[Event, ...]
    event_turns: dict[str, int] = field(default_factory=dict)
    region_index: dict[str, int] = field(default_factory=dict)
    """Region id -> its position in ``region_ids`` (and in a state's region list)."""
    faction_index: dict[str, int] = field(default_factory=dict)
    """Faction id -> its position in ``faction_ids`` (and in a state's faction list)."""
    onmap: tuple[str, ...] = ()
    """Ids of the regions on the map (not off-map staging areas), in scenario order."""
    usable: dict[str, tuple[OrderType, ...]] = field(default_factory=dict)
    """Faction id -> the catalogue entries it may give, in catalogue order."""

    @property
    def turns(self) -> int:
        """Number of turns in a game."""
        return self.scenario.meta.turns

    def cites(self, *, tracks: tuple[str, ...] = (), kind: str | None = None) -> str:
        """The scenario's own sources for a rule's log entry: those of the tracks it moves
        and of the catalogue's first order of ``kind``. The engine cites scenario data,
        never a document itself; ``design`` when the scenario names no source."""
        found: list[str] = []
        for tid in tracks:
            track = self.tracks.get(tid)
            if track is not None:
                found += track.source.split(",")
        if kind is not None:
            otype = next((o for o in self.orders.values() if o.kind == kind), None)
            if otype is not None:
                found += otype.source.split(",")
        cited = [c for c in dict.fromkeys(found) if c and c != "design"]
        return ",".join(cited) if cited else "design"

    def date_of(self, turn: int) -> dt.date:
        """The date on which ``turn`` begins."""
        meta = self.scenario.meta
        return meta.start + dt.timedelta(days=meta.turn_days * (turn - 1))

    def turn_of(self, date: dt.date) -> int:
        """The turn in which ``date`` falls (0 or less for dates before the start)."""
        meta = self.scenario.meta
        days = (date - meta.start).days
        return days // meta.turn_days + 1

    def is_assessment(self, turn: int) -> bool:
        """Every Nth turn, and the last one, is an assessment."""
        return turn % self.scenario.meta.assessment_every == 0 or turn == self.turns

    def km(self, a: str, b: str) -> int:
        """Distance in whole kilometres between two regions."""
        return self.distance[(a, b)]


class Distances:
    """Distances between regions, each worked out the first time it is asked for.

    The rules ask only for the pairs an order could join (bases and targets within
    reach), so a full table of every pair is never built: with many regions it would
    cost time and memory for distances no rule reads. A distance is a pure function of
    the two regions' coordinates, so when it is worked out never changes a result.
    """

    __slots__ = ("_coords", "_known")

    def __init__(self, coords: dict[str, tuple[int, int]]) -> None:
        self._coords = coords
        self._known: dict[tuple[str, str], int] = {}

    def __getitem__(self, pair: tuple[str, str]) -> int:
        found = self._known.get(pair)
        if found is None:
            a, b = pair
            found = self._known[pair] = distance_km(*self._coords[a], *self._coords[b])
        return found

    def __len__(self) -> int:
        """How many distances have been worked out so far."""
        return len(self._known)


def compile_world(scenario: Scenario, digest: str | None = None) -> World:
    """Index a validated scenario for play. ``digest`` identifies the exact scenario text."""
    region_ids = tuple(r.id for r in scenario.region)
    land: dict[str, list[str]] = {r: [] for r in region_ids}
    sea: dict[str, list[str]] = {r: [] for r in region_ids}
    coastal: set[str] = set()
    for link in scenario.link:
        table = sea if link.kind == "sea" else land
        table[link.a].append(link.b)
        table[link.b].append(link.a)
        if link.kind in ("sea", "coast"):
            coastal.update((link.a, link.b))
    order = {r: i for i, r in enumerate(region_ids)}
    coords = {r.id: (to_e4(r.lat), to_e4(r.lon)) for r in scenario.region}
    if digest is None:
        digest = hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()
    world = World(
        scenario=scenario,
        digest=digest,
        region_ids=region_ids,
        faction_ids=tuple(f.id for f in scenario.faction),
        regions={r.id: r for r in scenario.region},
        factions={f.id: f for f in scenario.faction},
        tracks={t.id: t for t in scenario.track},
        orders={o.id: o for o in scenario.order},
        land={r: tuple(sorted(set(v), key=order.__getitem__)) for r, v in land.items()},
        sea={r: tuple(sorted(set(v), key=order.__getitem__)) for r, v in sea.items()},
        coastal=frozenset(coastal),
        distance=Distances(coords),
        tuning=scenario.tuning,
        events=tuple(scenario.event),
        region_index={r: i for i, r in enumerate(region_ids)},
        faction_index={f.id: i for i, f in enumerate(scenario.faction)},
        onmap=tuple(r.id for r in scenario.region if not r.offmap),
        usable={
            f.id: tuple(o for o in scenario.order if f.id in o.factions) for f in scenario.faction
        },
    )
    for event in scenario.event:
        if event.turn is not None:
            world.event_turns[event.id] = event.turn
        elif event.date is not None:
            world.event_turns[event.id] = world.turn_of(event.date)
    return world
