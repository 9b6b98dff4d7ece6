"""The game state: plain integer data, fully serialisable, hashed canonically.

One :class:`GameState` holds everything that changes during a game. It never holds a
float, so its canonical JSON (sorted keys, no spaces) and therefore its sha256 are the
same on every machine. The compiled :class:`World` rides along for convenience but is
not part of the state's value: it is neither serialised nor hashed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from game.engine.world import World
from game.errors import SidraError
from game.limits import check_seed

STATE_VERSION = 2
"""Version of the serialised state. Version 1 (rules 1) also held a sequential RNG
position; it is still read, so old saves can be viewed."""

RULES_VERSION = 3
"""Version of the rules. A game is continued or re-verified only under the rules it was
played with; saves record it. 2: keyed dice, escalation owners, clients for
interventions, diminishing returns, rankings. 3: the same act costs the same whoever does
it (civilian harm costs every attacker the same legitimacy; a raid no longer eases the
other side's strikes), and the catastrophe's outcome is worded without the source's
phrasing."""


class StateError(SidraError):
    """A serialised state does not fit the scenario it is loaded against."""


class GameOver(SidraError):
    """A turn was asked of a game that has already ended."""


@dataclass(slots=True)
class UnitState:
    """A force on the map: where it is and how strong it is."""

    id: str
    faction: str
    kind: str
    region: str
    strength: int
    component: str | None = None
    client: str | None = None


@dataclass(slots=True)
class RegionState:
    """What changes in a region: who holds it, its damage, fires, defences, siege."""

    id: str
    controller: str
    damage: int = 0
    tanks_ablaze: int = 0
    fortification: int = 0
    siege_by: str | None = None
    siege_turns: int = 0


@dataclass(slots=True)
class FactionState:
    """A faction's resources and lasting conditions."""

    id: str
    treasury: int
    legitimacy: int
    cohesion: int | None
    components: list[str]
    sanctioned: int = 0
    sanctions_by: str | None = None
    ultimatum_on: str | None = None
    ultimatum_turns: int = 0
    losses: int = 0
    escalation: int = 0
    recent: dict[str, int] = field(default_factory=dict)


RESULTS = ("win", "closest", "catastrophe", "draw")
"""How a game can end: a side reached its goals (``win``), none did and ``closest``
names the nearest, everyone lost to escalation (``catastrophe``), or a ``draw``."""


@dataclass(slots=True)
class Outcome:
    """How a game ended, with every faction ranked best first."""

    result: str
    winner: str | None
    turn: int
    reason: str
    ranking: list[str] = field(default_factory=list)


@dataclass(slots=True)
class GameState:
    """Everything that changes during a game; ``turn`` is the next turn to resolve."""

    scenario_id: str
    seed: int
    turn: int
    tracks: dict[str, int]
    factions: list[FactionState]
    regions: list[RegionState]
    units: list[UnitState]
    fired: list[str] = field(default_factory=list)
    outcome: Outcome | None = None
    world: World | None = field(default=None, compare=False, repr=False)

    # -- lookups ------------------------------------------------------------------

    @property
    def w(self) -> World:
        """The compiled scenario this state belongs to."""
        if self.world is None:
            raise StateError("state has no scenario attached")
        return self.world

    @property
    def finished(self) -> bool:
        """True once the game has an outcome."""
        return self.outcome is not None

    def faction(self, faction_id: str) -> FactionState:
        """The state of one faction."""
        world = self.world
        if world is not None:
            # Fast path: states keep the scenario's order; the id check keeps it honest.
            i = world.faction_index.get(faction_id)
            if i is not None and i < len(self.factions) and self.factions[i].id == faction_id:
                return self.factions[i]
        for f in self.factions:
            if f.id == faction_id:
                return f
        raise KeyError(faction_id)

    def region(self, region_id: str) -> RegionState:
        """The state of one region."""
        world = self.world
        if world is not None:
            # Fast path: states keep the scenario's order; the id check keeps it honest.
            i = world.region_index.get(region_id)
            if i is not None and i < len(self.regions) and self.regions[i].id == region_id:
                return self.regions[i]
        for r in self.regions:
            if r.id == region_id:
                return r
        raise KeyError(region_id)

    def ground(self, faction_id: str, region_id: str) -> int:
        """Total ground strength of a faction in a region."""
        return sum(
            u.strength
            for u in self.units
            if u.region == region_id and u.faction == faction_id and u.kind == "ground"
        )

    def clone(self) -> GameState:
        """A deep copy that shares only the immutable world."""
        return GameState(
            scenario_id=self.scenario_id,
            seed=self.seed,
            turn=self.turn,
            tracks=dict(self.tracks),
            factions=[
                FactionState(
                    f.id,
                    f.treasury,
                    f.legitimacy,
                    f.cohesion,
                    list(f.components),
                    f.sanctioned,
                    f.sanctions_by,
                    f.ultimatum_on,
                    f.ultimatum_turns,
                    f.losses,
                    f.escalation,
                    dict(f.recent),
                )
                for f in self.factions
            ],
            regions=[
                RegionState(
                    r.id,
                    r.controller,
                    r.damage,
                    r.tanks_ablaze,
                    r.fortification,
                    r.siege_by,
                    r.siege_turns,
                )
                for r in self.regions
            ],
            units=[
                UnitState(u.id, u.faction, u.kind, u.region, u.strength, u.component, u.client)
                for u in self.units
            ],
            fired=list(self.fired),
            outcome=None
            if self.outcome is None
            else Outcome(
                self.outcome.result,
                self.outcome.winner,
                self.outcome.turn,
                self.outcome.reason,
                list(self.outcome.ranking),
            ),
            world=self.world,
        )


def new_game(world: World, seed: int) -> GameState:
    """The state at the start of turn 1 of ``world``'s scenario; ``seed`` keys its dice."""
    check_seed(seed)
    scn = world.scenario
    return GameState(
        scenario_id=scn.meta.id,
        seed=seed,
        turn=1,
        tracks={t.id: t.start for t in scn.track},
        factions=[
            FactionState(
                id=f.id,
                treasury=f.treasury,
                legitimacy=f.legitimacy,
                cohesion=f.cohesion,
                components=[c.id for c in f.components],
            )
            for f in scn.faction
        ],
        regions=[
            RegionState(
                id=r.id,
                controller=r.controller,
                damage=r.damage,
                tanks_ablaze=r.tanks_ablaze,
                fortification=r.fortification,
            )
            for r in scn.region
        ],
        units=[
            UnitState(f.id, f.faction, f.kind, f.region, f.strength, f.component) for f in scn.force
        ],
        world=world,
    )


# -- serialisation ----------------------------------------------------------------


def state_to_dict(state: GameState) -> dict[str, Any]:
    """A JSON-ready dict of the state (the world is left out)."""
    return {
        "state_version": STATE_VERSION,
        "scenario_id": state.scenario_id,
        "seed": state.seed,
        "turn": state.turn,
        "tracks": dict(state.tracks),
        "factions": [
            {
                "id": f.id,
                "treasury": f.treasury,
                "legitimacy": f.legitimacy,
                "cohesion": f.cohesion,
                "components": list(f.components),
                "sanctioned": f.sanctioned,
                "sanctions_by": f.sanctions_by,
                "ultimatum_on": f.ultimatum_on,
                "ultimatum_turns": f.ultimatum_turns,
                "losses": f.losses,
                "escalation": f.escalation,
                "recent": {k: f.recent[k] for k in sorted(f.recent)},
            }
            for f in state.factions
        ],
        "regions": [
            {
                "id": r.id,
                "controller": r.controller,
                "damage": r.damage,
                "tanks_ablaze": r.tanks_ablaze,
                "fortification": r.fortification,
                "siege_by": r.siege_by,
                "siege_turns": r.siege_turns,
            }
            for r in state.regions
        ],
        "units": [
            {
                "id": u.id,
                "faction": u.faction,
                "kind": u.kind,
                "region": u.region,
                "strength": u.strength,
                "component": u.component,
                "client": u.client,
            }
            for u in state.units
        ],
        "fired": list(state.fired),
        "outcome": None
        if state.outcome is None
        else {
            "result": state.outcome.result,
            "winner": state.outcome.winner,
            "turn": state.outcome.turn,
            "reason": state.outcome.reason,
            "ranking": list(state.outcome.ranking),
        },
    }


def state_from_dict(data: dict[str, Any], world: World | None = None) -> GameState:
    """Rebuild a state from :func:`state_to_dict` output; StateError if it is malformed."""
    try:
        version = data.get("state_version")
        if version not in (1, STATE_VERSION):
            raise StateError(f"unsupported state_version {version!r}")
        if version == 1:
            data = _from_version_1(data)
        outcome = data["outcome"]
        state = GameState(
            scenario_id=str(data["scenario_id"]),
            seed=int(data["seed"]),
            turn=int(data["turn"]),
            tracks={str(k): int(v) for k, v in data["tracks"].items()},
            factions=[FactionState(**f) for f in data["factions"]],
            regions=[RegionState(**r) for r in data["regions"]],
            units=[UnitState(**u) for u in data["units"]],
            fired=[str(x) for x in data["fired"]],
            outcome=None if outcome is None else Outcome(**outcome),
            world=world,
        )
    except StateError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise StateError(f"malformed game state: {exc!r}") from None
    if world is not None:
        _check_fits(state, world)
    return state


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """A version-1 state in today's shape, for viewing: its RNG position is dropped."""
    out = {k: v for k, v in data.items() if k != "rng"}
    if "rng" not in data:
        raise StateError("malformed game state: version 1 state without 'rng'")
    return out


def _check_fits(state: GameState, world: World) -> None:
    if state.scenario_id != world.scenario.meta.id:
        raise StateError(
            f"state is for scenario '{state.scenario_id}', not '{world.scenario.meta.id}'"
        )
    if [r.id for r in state.regions] != list(world.region_ids):
        raise StateError("state regions do not match the scenario")
    if [f.id for f in state.factions] != list(world.faction_ids):
        raise StateError("state factions do not match the scenario")


def canonical_json(data: Any) -> str:
    """The one canonical text of a JSON value: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def state_hash(state: GameState) -> str:
    """sha256 (hex) of the state's canonical JSON: equal hashes mean equal games."""
    return hashlib.sha256(canonical_json(state_to_dict(state)).encode("utf-8")).hexdigest()
