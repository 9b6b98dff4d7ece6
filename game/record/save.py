"""Save files: a match's history tree as one readable JSON document, and back.

Reading is the one checked boundary for saves: size cap, JSON that is too deep or
holds numbers Python cannot use, older formats (migrated), newer ones (refused), the
strict models, the embedded scenario's sha256, and every snapshot's hash. Anything
wrong is a :class:`SaveError` naming the file and what is wrong; never a traceback.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game import __version__
from game.ai.registry import SEAT_WORDS, Seat, parse_seat
from game.engine.log import LogEntry
from game.engine.orders import Order
from game.engine.state import (
    RULES_VERSION,
    GameState,
    StateError,
    canonical_json,
    state_from_dict,
    state_to_dict,
)
from game.engine.world import World, compile_world
from game.errors import SidraError
from game.record.files import rotate_and_write, write_atomic
from game.record.history import Annotation, GivenOrder, History, Line, TurnNode
from game.record.match import Match, ScenarioText
from game.record.migrate import MigrationError, migrate
from game.record.save_models import (
    SAVE_FORMAT,
    AnnotationRecord,
    EmbeddedScenario,
    LineRecord,
    LogRecord,
    OrderRecord,
    SaveFile,
    SeatRecord,
    TurnRecord,
)
from game.scenario.errors import ScenarioError
from game.scenario.loader import parse_scenario

MAX_SAVE_BYTES = 64 * 1024 * 1024
"""Larger files are refused before reading: no real game comes near this."""


class SaveError(SidraError):
    """A save file is missing, corrupt, from a newer Sidra, or does not replay."""


def scenario_digest(text: str) -> str:
    """sha256 of a scenario's exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_match(scenario_text: str, scenario_file: str, seed: int, seats: list[Seat]) -> Match:
    """A fresh match on the scenario ``scenario_text`` (ScenarioError if it is invalid)."""
    digest = scenario_digest(scenario_text)
    world = compile_world(parse_scenario(scenario_text, scenario_file), digest)
    return Match.new(world, ScenarioText(scenario_file, digest, scenario_text), seed, seats)


# -- writing ------------------------------------------------------------------------


def to_document(match: Match) -> SaveFile:
    """The save document of ``match``: every line, every turn, every note."""
    history = match.history
    if history.initial_snapshot is None:
        history.initial_snapshot = state_to_dict(history.initial)
    return SaveFile(
        format_version=SAVE_FORMAT,
        engine_version=__version__,
        rules_version=match.rules_version,
        scenario=EmbeddedScenario(
            file=match.scenario.file, sha256=match.scenario.sha256, text=match.scenario.text
        ),
        seed=match.seed,
        initial=history.initial_snapshot,
        initial_hash=_digest(history.initial_snapshot),
        lines=[_line_record(match.world, line) for line in history.lines.values()],
        annotations=[
            AnnotationRecord(
                line=a.line, turn=a.turn, text=a.text, region=a.region, author=a.author
            )
            for a in history.annotations
        ],
    )


def _line_record(world: World, line: Line) -> LineRecord:
    return LineRecord(
        name=line.name,
        parent=line.parent,
        branch=line.branch,
        seats=[SeatRecord(faction=s.faction, player=s.word) for s in line.seats],
        turns=[_turn_record(world, node) for node in line.turns],
    )


def _turn_record(world: World, node: TurnNode) -> TurnRecord:
    if node.snapshot is None:
        node.snapshot = state_to_dict(node.state)
    return TurnRecord(
        turn=node.turn,
        date=world.date_of(node.turn).isoformat(),
        orders=[
            OrderRecord(
                faction=g.order.faction,
                order=g.order.order,
                target=g.order.target,
                origin=g.order.origin,
                reason=g.reason,
                intent=g.intent,
            )
            for g in node.orders
        ],
        intents=dict(node.intents),
        log=[LogRecord.model_validate(e.to_dict()) for e in node.log],
        events=list(node.events),
        rolls=node.rolls,
        state_hash=node.state_hash,
        snapshot=node.snapshot,
    )


def to_json(match: Match) -> str:
    """The save document as indented, key-sorted JSON (readable and diffable)."""
    data = to_document(match).model_dump(mode="json")
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_save(match: Match, path: str | Path, *, keep_older: bool = False) -> None:
    """Write the save atomically; ``keep_older`` keeps the replaced file's earlier versions."""
    text = to_json(match)
    if keep_older:
        rotate_and_write(Path(path), text)
    else:
        write_atomic(Path(path), text)


# -- reading ------------------------------------------------------------------------


def load_save(path: str | Path) -> Match:
    """Read and check a save file; SaveError says precisely what is wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(
                f"{path}: not a Sidra save ({size:,} bytes; saves are at most "
                f"{MAX_SAVE_BYTES // 2**20} MB)"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_save(raw, str(path))


def parse_save(raw: bytes | str, name: str = "<save>") -> Match:
    """Check save text and rebuild its match (history, seats, notes)."""
    data = _json_object(raw, name)
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_FORMAT:
        raise SaveError(
            f"{name}: save format {version} is newer than this Sidra reads ({SAVE_FORMAT}); "
            "update Sidra"
        )
    try:
        data = migrate(data)
        save = SaveFile.model_validate(data)
    except MigrationError as exc:
        raise SaveError(f"{name}: corrupt save ({exc})") from None
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
    world = compile_world(scenario, save.scenario.sha256)
    history = _history(save, world, name)
    match = Match(
        world,
        ScenarioText(save.scenario.file, save.scenario.sha256, text),
        save.seed,
        history,
        save.rules_version,
    )
    if match.history.initial.seed != save.seed:
        raise SaveError(f"{name}: corrupt save (the initial state's seed is not the game's)")
    return match


def _json_object(raw: bytes | str, name: str) -> dict[str, Any]:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise SaveError(f"{name}: not a Sidra save (not UTF-8 text)") from None
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise SaveError(
            f"{name}:{exc.lineno}:{exc.colno}: corrupt save (not valid JSON: {exc.msg})"
        ) from None
    except RecursionError:
        raise SaveError(f"{name}: corrupt save (JSON nested too deeply)") from None
    except ValueError as exc:  # numbers too long to convert, NaN/Infinity
        raise SaveError(f"{name}: corrupt save ({exc})") from None
    if not isinstance(data, dict):
        raise SaveError(f"{name}: not a Sidra save (expected a JSON object)")
    return data


def _no_constant(token: str) -> Any:
    raise ValueError(f"'{token}' is not a number a save may hold")


def _history(save: SaveFile, world: World, name: str) -> History:
    """The history tree of a validated document, every snapshot checked against its hash."""
    current = save.rules_version == RULES_VERSION
    initial = _checked_state(save.initial, save.initial_hash, world, current, name, "initial state")
    lines: dict[str, Line] = {}
    for record in save.lines:
        where = f"line '{record.name}'"
        if record.name in lines:
            raise SaveError(f"{name}: corrupt save (two lines are called '{record.name}')")
        if (record.parent is None) != (not lines):
            raise SaveError(
                f"{name}: corrupt save ({where}: the first line, and only it, has no parent)"
            )
        if record.parent is not None:
            parent = lines.get(record.parent)
            if parent is None:
                raise SaveError(
                    f"{name}: corrupt save ({where} leaves '{record.parent}', "
                    "which is not an earlier line)"
                )
            if record.branch > parent.end:
                raise SaveError(
                    f"{name}: corrupt save ({where} leaves after turn {record.branch}, "
                    f"but '{record.parent}' has {parent.end} turns)"
                )
        seats = _seats(record.seats, world, name, where)
        line = Line(record.name, record.parent, record.branch, seats)
        for expected, turn in enumerate(record.turns, start=record.branch + 1):
            if turn.turn != expected:
                raise SaveError(
                    f"{name}: corrupt save ({where}: turn {turn.turn} where turn {expected} "
                    "should be)"
                )
            label = f"{where}, turn {turn.turn} snapshot"
            state = _checked_state(turn.snapshot, turn.state_hash, world, current, name, label)
            line.turns.append(_node(turn, state))
        lines[record.name] = line
    history = History(initial, lines, initial_snapshot=save.initial)
    for note in save.annotations:
        if note.line not in lines or note.turn > lines[note.line].end:
            raise SaveError(
                f"{name}: corrupt save (a note on line '{note.line}' turn {note.turn}, "
                "which does not exist)"
            )
        history.annotations.append(
            Annotation(note.line, note.turn, note.text, note.region, note.author)
        )
    return history


def _seats(records: list[SeatRecord], world: World, name: str, where: str) -> list[Seat]:
    factions = [s.faction for s in records]
    if factions != list(world.faction_ids):
        raise SaveError(
            f"{name}: corrupt save ({where}: seats {factions} are not the scenario's factions "
            f"{list(world.faction_ids)})"
        )
    seats = []
    for record in records:
        if record.player not in SEAT_WORDS:
            choices = ", ".join(SEAT_WORDS)
            raise SaveError(
                f"{name}: corrupt save ({where}, {record.faction}: unknown player "
                f"'{record.player}' (one of {choices}))"
            )
        seats.append(parse_seat(record.faction, record.player))
    return seats


def _node(turn: TurnRecord, state: GameState) -> TurnNode:
    return TurnNode(
        turn=turn.turn,
        orders=[
            GivenOrder(
                Order(faction=o.faction, order=o.order, target=o.target, origin=o.origin),
                o.reason,
                o.intent,
            )
            for o in turn.orders
        ],
        log=[LogEntry.from_dict(e.model_dump()) for e in turn.log],
        events=list(turn.events),
        state=state,
        state_hash=turn.state_hash,
        intents=dict(turn.intents),
        snapshot=turn.snapshot,
    )


def _checked_state(
    snapshot: dict[str, Any], expected: str, world: World, current: bool, name: str, what: str
) -> GameState:
    """The state of a snapshot that matches its hash and, under current rules, round-trips.

    Hashes are taken over the snapshot exactly as stored, so a save made under older
    rules (whose states held more fields) still proves it is intact.
    """
    try:
        if _digest(snapshot) != expected:
            raise SaveError(f"{name}: corrupt save ({what} does not match its hash)")
        state = state_from_dict(snapshot, world)
        exact = not current or state_to_dict(state) == snapshot
    except SaveError:
        raise
    except StateError as exc:
        raise SaveError(f"{name}: corrupt save ({what}: {exc})") from None
    except (TypeError, ValueError, IndexError, KeyError, AttributeError, OverflowError) as exc:
        raise SaveError(f"{name}: corrupt save ({what} is malformed: {exc!r})") from None
    if not exact:
        raise SaveError(f"{name}: corrupt save ({what} is not a state this Sidra writes)")
    return state


def _digest(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()
