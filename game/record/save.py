"""Save files: a match's history tree as one readable JSON document, and back.

Reading is the one checked door for saves: a regular file only, its size and the
number of values it holds capped before parsing, JSON that is too deep or holds numbers
Python cannot use (huge, NaN, Infinity), older formats (migrated), newer ones (refused),
the strict models of the document, the embedded scenario's sha256, and the whole history
rebuilt and checked against that scenario, every snapshot included
(:mod:`game.record.save_history`). Anything wrong, and any exception at all while
loading, is a :class:`SaveError` naming the file and what is wrong; never a traceback,
and never a game half loaded.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game import __version__
from game.ai.registry import Seat
from game.engine.state import state_to_dict
from game.engine.world import World, compile_world
from game.errors import SidraError
from game.record.files import read_limited, rotate_and_write, write_atomic
from game.record.history import Line, TurnNode
from game.record.match import Match, ScenarioText
from game.record.migrate import MigrationError, migrate
from game.record.save_history import Corrupt, build_history, problem_of
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
from game.record.snapshot_model import snapshot_digest
from game.scenario.errors import ScenarioError
from game.scenario.loader import parse_scenario

MAX_SAVE_BYTES = 64 * 1024 * 1024
"""Larger files are refused before reading: no real game comes near this."""

MAX_SAVE_VALUES = 3_000_000
"""More JSON values (counted as commas, brackets and braces) are refused before parsing.

Real saves hold one value per 30 bytes or so, which puts the largest allowed save near
2.2 million; a crafted file packed with tiny values (``[{},{},…]``) would otherwise
make tens of millions of Python objects and gigabytes of memory from 64 MB of text.
At this bound the worst such file costs about 300 MB while it is parsed and refused."""


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
        initial_hash=snapshot_digest(history.initial_snapshot),
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
    try:
        text = to_json(match)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SaveError(f"{path}: this game cannot be saved ({where}: {first['msg']})") from None
    try:
        if keep_older:
            rotate_and_write(Path(path), text)
        else:
            write_atomic(Path(path), text)
    except ValueError as exc:  # a NUL byte in the name: no file can have it
        raise SaveError(f"{str(path)!r}: cannot write a save there ({exc})") from None


# -- reading ------------------------------------------------------------------------


def load_save(path: str | Path) -> Match:
    """Read and check a save file; SaveError says precisely what is wrong."""
    path = Path(path)
    try:
        raw = read_limited(path, MAX_SAVE_BYTES, "save")
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL byte in the name
        raise SaveError(f"{path}: cannot read: {exc}") from None
    return parse_save(raw, str(path))


def parse_save(raw: bytes | str, name: str = "<save>") -> Match:
    """Check save text and rebuild its match (history, seats, notes).

    SaveError for anything wrong; any other exception on the way (a check this code
    lacks) is turned into one too, so a caller never sees a traceback or half a game.
    """
    try:
        return _parse(raw, name)
    except SaveError:
        raise
    except RecursionError:
        raise SaveError(f"{name}: corrupt save (nested too deeply)") from None
    except MemoryError:
        raise SaveError(f"{name}: too large to load (out of memory)") from None
    except Exception as exc:
        detail = repr(exc)
        detail = detail if len(detail) <= 200 else detail[:199] + "…"
        raise SaveError(f"{name}: corrupt save (it cannot be loaded: {detail})") from None


def _parse(raw: bytes | str, name: str) -> Match:
    data = _json_object(raw, name)
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_FORMAT:
        raise SaveError(
            f"{name}: save format {version} is newer than this Sidra reads ({SAVE_FORMAT}); "
            "update Sidra"
        )
    try:
        save = SaveFile.model_validate(migrate(data))
    except MigrationError as exc:
        raise SaveError(f"{name}: corrupt save ({exc})") from None
    except ValidationError as exc:
        raise SaveError(f"{name}: corrupt save ({problem_of(exc)})") from None
    text = save.scenario.text
    if scenario_digest(text) != save.scenario.sha256:
        raise SaveError(f"{name}: corrupt save (the embedded scenario does not match its sha256)")
    try:
        # embedded: checks added after the save was made do not refuse the game it records
        scenario = parse_scenario(text, f"{name}#scenario", embedded=True)
    except ScenarioError as exc:
        raise SaveError(f"{name}: the embedded scenario is invalid:\n{exc}") from None
    world = compile_world(scenario, save.scenario.sha256)
    try:
        history = build_history(save, world)
    except Corrupt as exc:
        raise SaveError(f"{name}: corrupt save ({exc})") from None
    return Match(
        world,
        ScenarioText(save.scenario.file, save.scenario.sha256, text),
        save.seed,
        history,
        save.rules_version,
    )


def _json_object(raw: bytes | str, name: str) -> dict[str, Any]:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise SaveError(f"{name}: not a Sidra save (not UTF-8 text)") from None
    values = raw.count(",") + raw.count("[") + raw.count("{")
    if values > MAX_SAVE_VALUES:
        raise SaveError(
            f"{name}: not a Sidra save (about {values:,} values; saves hold at most "
            f"{MAX_SAVE_VALUES:,})"
        )
    try:
        data = json.loads(raw, parse_constant=_no_constant, parse_float=_finite)
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


def _finite(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise ValueError(f"'{token[:20]}' is too large a number for a save")
    return value
