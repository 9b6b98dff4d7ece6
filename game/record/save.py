"""Save files: one readable, diffable JSON document per game, written atomically.

A save embeds the exact scenario text (with its sha256), the seed, the players and,
for every turn, the canonically sorted orders, the log with every roll, the events
that fired, the state hash and a snapshot. That is enough to re-simulate the game and
prove it is the same game, bit for bit (see :func:`verify`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game import __version__
from game.engine.log import LogEntry
from game.engine.orders import IllegalOrder, Order
from game.engine.resolve import canonical_orders, resolve_turn
from game.engine.state import (
    RULES_VERSION,
    GameState,
    StateError,
    canonical_json,
    state_from_dict,
    state_hash,
    state_to_dict,
)
from game.engine.world import World, compile_world
from game.errors import SidraError
from game.scenario.errors import ScenarioError
from game.scenario.loader import parse_scenario

SAVE_FORMAT = 1


class SaveError(SidraError):
    """A save file is missing, corrupt, from a newer Sidra, or does not replay."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EmbeddedScenario(_Model):
    """The scenario exactly as the game was played on it."""

    file: str
    sha256: str
    text: str


class Player(_Model):
    """Who played a faction: a human, or a bot of some kind and difficulty."""

    faction: str
    kind: Literal["human", "rule", "random", "passive", "spoiler"]
    name: str = ""
    difficulty: str = ""


class RollRecord(_Model):
    """One die roll as logged."""

    purpose: str
    sides: int
    value: int
    decided: str


class LogRecord(_Model):
    """One log entry as saved."""

    turn: int
    phase: str
    kind: str
    text: str
    faction: str | None = None
    region: str | None = None
    source: str | None = None
    rule: str = ""
    rolls: list[RollRecord] = Field(default_factory=list)


class OrderRecord(_Model):
    """An order as saved, with the reason a bot (or a note a human) gave for it."""

    faction: str
    order: str
    target: str | None = None
    origin: str | None = None
    reason: str = ""


class TurnRecord(_Model):
    """One resolved turn."""

    turn: int
    date: str
    orders: list[OrderRecord]
    log: list[LogRecord]
    events: list[str]
    rolls: int
    state_hash: str
    snapshot: dict[str, Any]


class Annotation(_Model):
    """A teacher's note anchored to a turn."""

    turn: int
    text: str
    author: str = ""


class Branch(_Model):
    """A "what if" line that leaves the main game after ``from_turn``."""

    name: str
    from_turn: int
    turns: list[TurnRecord] = Field(default_factory=list)


class SaveFile(_Model):
    """The whole save document."""

    format_version: int
    engine_version: str
    rules_version: int = Field(
        default=1, description="The rules the game was played under (absent in rules-1 saves)."
    )
    scenario: EmbeddedScenario
    seed: int
    players: list[Player]
    initial: dict[str, Any]
    initial_hash: str
    turns: list[TurnRecord] = Field(default_factory=list)
    annotations: list[Annotation] = Field(default_factory=list)
    branches: list[Branch] = Field(default_factory=list)


def scenario_digest(text: str) -> str:
    """sha256 of a scenario's exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class GameRecord:
    """A game being played or replayed: its world, its states and its save document."""

    def __init__(self, save: SaveFile, world: World) -> None:
        self.save = save
        self.world = world

    @property
    def frozen(self) -> str | None:
        """Why this game can only be viewed (played under other rules), or None."""
        version = self.save.rules_version
        if version == RULES_VERSION:
            return None
        return (
            f"this game was played under rules version {version} and this Sidra plays "
            f"version {RULES_VERSION}: it opens for viewing from its saved turns, but it "
            "cannot be continued or re-verified"
        )

    # -- building ---------------------------------------------------------------

    @classmethod
    def start(
        cls,
        scenario_text: str,
        scenario_file: str,
        seed: int,
        players: list[Player],
    ) -> tuple[GameRecord, GameState]:
        """Begin recording a new game; returns the record and the initial state."""
        from game.engine.state import new_game

        digest = scenario_digest(scenario_text)
        world = compile_world(parse_scenario(scenario_text, scenario_file), digest)
        state = new_game(world, seed)
        save = SaveFile(
            format_version=SAVE_FORMAT,
            engine_version=__version__,
            rules_version=RULES_VERSION,
            scenario=EmbeddedScenario(file=scenario_file, sha256=digest, text=scenario_text),
            seed=seed,
            players=players,
            initial=state_to_dict(state),
            initial_hash=state_hash(state),
        )
        return cls(save, world), state

    def add_turn(
        self,
        before: GameState,
        orders: list[Order],
        after: GameState,
        log: list[LogEntry],
        reasons: dict[tuple[str, str, str | None, str | None], str] | None = None,
    ) -> TurnRecord:
        """Append the record of one resolved turn."""
        reasons = reasons or {}
        ordered = canonical_orders(before, orders)
        record = TurnRecord(
            turn=before.turn,
            date=self.world.date_of(before.turn).isoformat(),
            orders=[
                OrderRecord(
                    faction=o.faction,
                    order=o.order,
                    target=o.target,
                    origin=o.origin,
                    reason=reasons.get((o.faction, o.order, o.target, o.origin), ""),
                )
                for o in ordered
            ],
            log=[LogRecord.model_validate(e.to_dict()) for e in log],
            events=[e for e in after.fired if e not in before.fired],
            rolls=sum(len(e.rolls) for e in log),
            state_hash=state_hash(after),
            snapshot=state_to_dict(after),
        )
        self.save.turns.append(record)
        return record

    # -- reading ----------------------------------------------------------------

    def initial_state(self) -> GameState:
        """The state before turn 1."""
        return _state(self.save.initial, self.world)

    def state_after(self, turn: int) -> GameState:
        """The state after ``turn`` was resolved (turn 0 = the start)."""
        if turn <= 0:
            return self.initial_state()
        for record in self.save.turns:
            if record.turn == turn:
                return _state(record.snapshot, self.world)
        raise SaveError(f"the save has no turn {turn}")

    def latest_state(self) -> GameState:
        """The state after the last recorded turn."""
        if not self.save.turns:
            return self.initial_state()
        return _state(self.save.turns[-1].snapshot, self.world)

    # -- files --------------------------------------------------------------------

    def to_json(self) -> str:
        """The save document as indented, key-sorted JSON (readable and diffable)."""
        return (
            json.dumps(
                self.save.model_dump(mode="json"), indent=1, sort_keys=True, ensure_ascii=False
            )
            + "\n"
        )

    def write(self, path: str | Path) -> None:
        """Write the save atomically: a crash leaves the old file or the new one, never half."""
        write_atomic(Path(path), self.to_json())


def orders_from(record: TurnRecord) -> list[Order]:
    """The orders of a saved turn, as engine orders."""
    return [
        Order(faction=o.faction, order=o.order, target=o.target, origin=o.origin)
        for o in record.orders
    ]


def _state(data: dict[str, Any], world: World) -> GameState:
    try:
        return state_from_dict(data, world)
    except StateError as exc:
        raise SaveError(f"corrupt snapshot: {exc}") from None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder, fsync and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def load_save(path: str | Path) -> GameRecord:
    """Read and check a save file; SaveError says precisely what is wrong."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_save(raw, str(path))


def parse_save(raw: bytes | str, name: str = "<save>") -> GameRecord:
    """Check save text and rebuild its record."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise SaveError(f"{name}: not a Sidra save (not UTF-8 text)") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SaveError(
            f"{name}:{exc.lineno}:{exc.colno}: corrupt save (not valid JSON: {exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise SaveError(f"{name}: not a Sidra save (expected a JSON object)")
    version = data.get("format_version")
    if isinstance(version, int) and version > SAVE_FORMAT:
        raise SaveError(
            f"{name}: save format {version} is newer than this Sidra reads ({SAVE_FORMAT}); "
            "update Sidra"
        )
    try:
        save = SaveFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SaveError(
            f"{name}: corrupt save ({exc.error_count()} problem(s); "
            f"first at {where}: {first['msg']})"
        ) from None
    text = save.scenario.text
    if scenario_digest(text) != save.scenario.sha256:
        raise SaveError(f"{name}: corrupt save (the embedded scenario does not match its sha256)")
    try:
        scenario = parse_scenario(text, f"{name}#scenario")
    except ScenarioError as exc:
        raise SaveError(f"{name}: the embedded scenario is invalid:\n{exc}") from None
    record = GameRecord(save, compile_world(scenario, save.scenario.sha256))
    _check_snapshots(record, name)
    return record


def _check_snapshots(record: GameRecord, name: str) -> None:
    """Every snapshot must match its hash and rebuild; a malformed one is a SaveError.

    Hashes are taken over the snapshot exactly as stored, so a save made under older
    rules (whose states held more fields) still proves it is intact. Under the current
    rules a snapshot must also be exactly what the engine would write for its state.
    """
    save = record.save
    current = record.frozen is None
    snapshots = [(0, save.initial_hash, save.initial)] + [
        (t.turn, t.state_hash, t.snapshot) for t in save.turns
    ]
    for turn, expected, snapshot in snapshots:
        what = "initial state" if turn == 0 else f"turn {turn} snapshot"
        if _digest(snapshot) != expected:
            raise SaveError(f"{name}: corrupt save ({what} does not match its hash)")
        try:
            state = _state(snapshot, record.world)
            exact = not current or state_to_dict(state) == snapshot
        except SaveError as exc:
            raise SaveError(f"{name}: corrupt save ({what}: {exc})") from None
        except (TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
            raise SaveError(f"{name}: corrupt save ({what} is malformed: {exc!r})") from None
        if not exact:
            raise SaveError(f"{name}: corrupt save ({what} is not a state this Sidra writes)")


def _digest(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


def verify(record: GameRecord) -> int | None:
    """Re-simulate the saved game; return the first turn whose hash differs, or None if exact.

    SaveError if the game was played under other rules: it cannot be re-simulated.
    """
    if record.frozen is not None:
        raise SaveError(record.frozen)
    state = record.initial_state()
    for turn in record.save.turns:
        try:
            state, _ = resolve_turn(state, orders_from(turn))
        except IllegalOrder:
            return turn.turn
        if state_hash(state) != turn.state_hash:
            return turn.turn
    return None
