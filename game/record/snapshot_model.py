"""A saved game state (a snapshot) as outside data: its strict model and its fit to a scenario.

A save holds the state after every turn, each proved intact by its sha256. A hash only
proves the snapshot is the one written; someone who edits a snapshot can hash it again.
So every snapshot also passes two checks before the engine sees it:

* :class:`StateSnapshot`, the shape: every field of the engine's state, of the right JSON
  type (no string where a number goes, no ``true`` for 1, no fractions), every number
  within a sane magnitude and the ranges the rules keep (percentages, counts that are
  never negative), and nothing else.
* :func:`check_fits`, the scenario: every id names something the embedded scenario has
  (tracks, factions, regions, components, orders, events), every track within its range,
  strengths no larger than the scenario could ever raise, the outcome consistent.

Both are pure; the save loader turns their errors into one message naming the file.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal, assert_never

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.engine.kinds import has
from game.engine.state import canonical_json
from game.engine.world import World
from game.limits import SEED_LIMIT
from game.scenario.models import NEUTRAL
from game.scenario.rules import (
    ControlEffect,
    DamageEffect,
    Effect,
    StatEffect,
    StrengthEffect,
    TanksAblazeEffect,
    TrackEffect,
)

MAGNITUDE = 10**15
"""No number in a state comes near this; it keeps every value exact as a float too."""

ITEMS = 100_000
"""A bound on any list or table in a snapshot (far above what a scenario holds)."""

TURNS = 10_000
"""More turns than any scenario allows."""


Id = Annotated[str, Field(min_length=1, max_length=256)]
Count = Annotated[int, Field(ge=0, le=MAGNITUDE)]
Percent = Annotated[int, Field(ge=0, le=100)]
Whole = Annotated[int, Field(ge=-MAGNITUDE, le=MAGNITUDE)]
HexWord = Annotated[str, Field(pattern=r"^[0-9a-f]{1,32}$")]


class SnapshotError(ValueError):
    """A snapshot that does not fit its scenario; the message says what and where."""


class _Strict(BaseModel):
    """JSON types exactly as the engine writes them: strict, closed, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FactionSnapshot(_Strict):
    """A faction's resources and lasting conditions."""

    id: Id
    treasury: Count
    legitimacy: Percent
    cohesion: Percent | None
    components: list[Id] = Field(max_length=ITEMS)
    sanctioned: Count = 0
    sanctions_by: Id | None = None
    ultimatum_on: Id | None = None
    ultimatum_turns: Count = 0
    losses: Count = 0
    escalation: Count = 0
    recent: dict[Id, Annotated[int, Field(ge=1, le=MAGNITUDE)]] = Field(
        default_factory=dict, max_length=ITEMS
    )


class RegionSnapshot(_Strict):
    """What changes in a region."""

    id: Id
    controller: Id
    damage: Percent = 0
    tanks_ablaze: Count = 0
    fortification: Count = 0
    siege_by: Id | None = None
    siege_turns: Count = 0


class UnitSnapshot(_Strict):
    """A force on the map."""

    id: Id
    faction: Id
    kind: Literal["ground", "air", "naval"]
    region: Id
    strength: Count
    component: Id | None = None
    client: Id | None = None


class OutcomeSnapshot(_Strict):
    """How the game ended."""

    result: Literal["win", "closest", "catastrophe", "draw"]
    winner: Id | None
    turn: Annotated[int, Field(ge=1, le=TURNS)]
    reason: str = Field(max_length=4000)
    ranking: list[Id] = Field(default_factory=list, max_length=ITEMS)


class StateSnapshot(_Strict):
    """A whole state as saved. Version 1 (games under rules 1) also held the position of
    a sequential random generator, as two hexadecimal words; it is checked and dropped."""

    state_version: Literal[1, 2]
    rng: list[HexWord] | None = Field(default=None, min_length=2, max_length=2)
    scenario_id: str = Field(max_length=256)
    seed: Annotated[int, Field(ge=0, lt=SEED_LIMIT)]
    turn: Annotated[int, Field(ge=1, le=TURNS + 1)]
    tracks: dict[Id, Whole] = Field(max_length=ITEMS)
    factions: list[FactionSnapshot] = Field(max_length=ITEMS)
    regions: list[RegionSnapshot] = Field(max_length=ITEMS)
    units: list[UnitSnapshot] = Field(max_length=ITEMS)
    fired: list[Id] = Field(max_length=ITEMS)
    outcome: OutcomeSnapshot | None

    @model_validator(mode="after")
    def _generator_only_in_version_1(self) -> StateSnapshot:
        if (self.rng is not None) != (self.state_version == 1):
            raise ValueError("'rng' belongs to version 1 states, and they must have it")
        return self


def snapshot_digest(snapshot: dict[str, Any]) -> str:
    """sha256 of a snapshot exactly as stored (its canonical JSON)."""
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


# -- fit to the scenario --------------------------------------------------------------------


def strength_bound(world: World) -> int:
    """The most ground strength the scenario could ever put in one unit.

    Everything at the start, plus every strength-raising order given as often as its
    limit allows by every faction that may give it, on every turn, plus every event's
    strength effects (a repeating event on every turn). A unit stronger than this was
    not made by the rules.
    """
    scenario = world.scenario
    total = sum(f.strength for f in scenario.force)
    per_turn = sum(
        o.power * o.per_turn * len(o.factions) for o in scenario.order if has(o.kind, "raises")
    )
    total += world.turns * per_turn
    for event in scenario.event:
        added = sum(_strength_added(effect) for effect in event.effects)
        total += added if event.once else added * world.turns
    return total


def _strength_added(effect: Effect) -> int:
    """The ground strength an effect may add (0 for one that adds none)."""
    match effect:
        case StrengthEffect():
            return max(effect.add, 0)
        case TrackEffect() | StatEffect() | DamageEffect() | TanksAblazeEffect() | ControlEffect():
            return 0
        case _:
            assert_never(effect)


def check_fits(snapshot: StateSnapshot, world: World, strongest: int) -> None:
    """SnapshotError unless every id and value of ``snapshot`` fits ``world``'s scenario.

    ``strongest`` is :func:`strength_bound` of the world (worked out once per save).
    The scenario id and the order of regions and factions are the engine's own check
    (``state_from_dict``); everything else a state refers to is checked here.
    """
    _check_tracks(snapshot, world)
    _check_factions(snapshot, world)
    _check_regions(snapshot, world)
    _check_units(snapshot, world, strongest)
    _check_history(snapshot, world)


def _check_tracks(snapshot: StateSnapshot, world: World) -> None:
    tracks = snapshot.tracks
    if set(tracks) != set(world.tracks):
        missing = sorted(set(world.tracks) - set(tracks))
        extra = sorted(set(tracks) - set(world.tracks))
        raise SnapshotError(
            f"its tracks are not the scenario's (missing {missing}, unknown {extra})"
        )
    for tid, value in tracks.items():
        tdef = world.tracks[tid]
        if not tdef.min <= value <= tdef.max:
            raise SnapshotError(
                f"track {tid!r} is {value}, outside its range {tdef.min} to {tdef.max}"
            )


def _check_factions(snapshot: StateSnapshot, world: World) -> None:
    factions = world.factions
    for fs in snapshot.factions:
        fdef = factions.get(fs.id)
        if fdef is None:
            continue  # the engine names factions that are not the scenario's
        where = f"faction {fs.id!r}"
        if (fs.cohesion is None) != (fdef.cohesion is None):
            has = "has no" if fs.cohesion is None else "has a"
            raise SnapshotError(f"{where} {has} cohesion, unlike the scenario's")
        members = {c.id for c in fdef.components}
        if len(set(fs.components)) != len(fs.components) or not members >= set(fs.components):
            raise SnapshotError(f"{where}: components {fs.components} are not its own")
        for field in ("sanctions_by", "ultimatum_on"):
            value = getattr(fs, field)
            if value is not None and value not in factions:
                raise SnapshotError(f"{where}: {field} names {value!r}, not a faction")
        unknown = sorted(set(fs.recent) - set(world.orders))
        if unknown:
            raise SnapshotError(f"{where}: recent orders {unknown} are not in the catalogue")


def _check_regions(snapshot: StateSnapshot, world: World) -> None:
    factions = world.factions
    fortify_max = world.tuning.fortify_max
    for rs in snapshot.regions:
        rdef = world.regions.get(rs.id)
        if rdef is None:
            continue  # the engine names regions that are not the scenario's
        where = f"region {rs.id!r}"
        if rs.controller != NEUTRAL and rs.controller not in factions:
            raise SnapshotError(f"{where} is held by {rs.controller!r}, not a faction")
        if rs.siege_by is not None and rs.siege_by not in factions:
            raise SnapshotError(f"{where} is besieged by {rs.siege_by!r}, not a faction")
        if rs.tanks_ablaze > rdef.facilities.oil_tanks:
            raise SnapshotError(
                f"{where} has {rs.tanks_ablaze} tanks ablaze of {rdef.facilities.oil_tanks}"
            )
        most = max(fortify_max, rdef.fortification)
        if rs.fortification > most:
            raise SnapshotError(f"{where}: fortification {rs.fortification} is over {most}")


def _check_units(snapshot: StateSnapshot, world: World, strongest: int) -> None:
    seen: set[str] = set()
    for unit in snapshot.units:
        where = f"unit {unit.id!r}"
        if unit.id in seen:
            raise SnapshotError(f"two units are called {unit.id!r}")
        seen.add(unit.id)
        fdef = world.factions.get(unit.faction)
        if fdef is None:
            raise SnapshotError(f"{where} belongs to {unit.faction!r}, not a faction")
        if unit.region not in world.regions:
            raise SnapshotError(f"{where} stands in {unit.region!r}, not a region")
        if unit.component is not None and unit.component not in {c.id for c in fdef.components}:
            raise SnapshotError(f"{where}: {unit.component!r} is not a component of its side")
        if unit.client is not None and unit.client not in world.factions:
            raise SnapshotError(f"{where} stands beside {unit.client!r}, not a faction")
        if unit.strength > strongest:
            raise SnapshotError(
                f"{where} has strength {unit.strength}; this scenario cannot raise more "
                f"than {strongest}"
            )


def _check_history(snapshot: StateSnapshot, world: World) -> None:
    events = {e.id for e in world.events}
    fired = snapshot.fired
    if len(set(fired)) != len(fired) or not events >= set(fired):
        unknown = sorted(set(fired) - events)
        raise SnapshotError(f"fired events are repeated or not the scenario's ({unknown})")
    if snapshot.turn > world.turns + 1:
        raise SnapshotError(f"it is turn {snapshot.turn} of a {world.turns}-turn game")
    outcome = snapshot.outcome
    if outcome is None:
        return
    if outcome.turn != snapshot.turn - 1:
        raise SnapshotError(
            f"the game ended on turn {outcome.turn}, but the state is after turn "
            f"{snapshot.turn - 1}"
        )
    if outcome.winner is not None and outcome.winner not in world.factions:
        raise SnapshotError(f"the winner {outcome.winner!r} is not a faction")
    if outcome.ranking and sorted(outcome.ranking) != sorted(world.faction_ids):
        raise SnapshotError("the final ranking does not list every faction once")
