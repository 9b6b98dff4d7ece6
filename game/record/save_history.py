"""The history tree of a save document, rebuilt only if every part of it checks out.

The document's models (:mod:`game.record.save_models`) have already checked types and
sizes. This module checks what needs the embedded scenario: the lines form a tree,
every line seats each faction once with a known player, every turn follows the one
before, every snapshot matches its hash, fits the scenario (:mod:`snapshot_model`) and
is the game's own (seed, turn), the turn's record agrees with its state (events, dice
count, date), and every id an order, a log entry or a note names exists. The first
problem raises :class:`Corrupt`; nothing is returned half-built.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from game.ai.registry import SEAT_WORDS, Seat, parse_seat
from game.engine.kinds import TARGETS_FACTION
from game.engine.log import Change, LogEntry, Roll
from game.engine.order_model import Order
from game.engine.state import RULES_VERSION, GameState, StateError, state_from_dict, state_to_dict
from game.engine.world import World
from game.record.history import MAIN, Annotation, GivenOrder, History, Line, TurnNode
from game.record.save_models import (
    AnnotationRecord,
    ChangeRecord,
    LogRecord,
    OrderRecord,
    SaveFile,
    SeatRecord,
    TurnRecord,
)
from game.record.snapshot_model import (
    SnapshotError,
    StateSnapshot,
    check_fits,
    snapshot_digest,
    strength_bound,
)
from game.record.words import plural
from game.scenario.models import NEUTRAL


class Corrupt(ValueError):
    """A save document that does not hold together; the loader adds the file's name."""


def problem_of(exc: ValidationError) -> str:
    """A pydantic error as one line: how many problems, and the first with its place."""
    first = exc.errors()[0]
    where = ".".join(_shown(p) for p in first["loc"]) or "the top level"
    return f"{plural(exc.error_count(), 'problem')}; first at {where}: {first['msg']}"


def _shown(part: object) -> str:
    """A key of outside data, safe to print: no control characters, not too long."""
    text = "".join(c if c.isprintable() else "?" for c in str(part))
    return text if len(text) <= 40 else text[:39] + "…"


def build_history(save: SaveFile, world: World) -> History:
    """The history tree of a validated document; Corrupt naming the first problem."""
    current = save.rules_version == RULES_VERSION
    strongest = strength_bound(world)

    def state(raw: dict[str, Any], expected: str, what: str) -> GameState:
        found = _checked_state(raw, expected, world, current, strongest, what)
        if found.seed != save.seed:
            raise Corrupt(f"{what}: its seed is not the game's seed {save.seed}")
        return found

    initial = state(save.initial, save.initial_hash, "initial state")
    if initial.turn != 1 or initial.finished:
        raise Corrupt("the initial state is not the start of a game")
    lines: dict[str, Line] = {}
    for record in save.lines:
        where = f"line {record.name!r}"
        before = _line_start(record.name, record.parent, record.branch, lines, initial)
        line = Line(record.name, record.parent, record.branch, _seats(record.seats, world, where))
        for expected, turn in enumerate(record.turns, start=record.branch + 1):
            label = f"{where}, turn {turn.turn}"
            if turn.turn != expected:
                raise Corrupt(f"{where}: turn {turn.turn} where turn {expected} should be")
            if before.finished:
                raise Corrupt(f"{label}: the game was already over before it")
            after = state(turn.snapshot, turn.state_hash, f"{label} snapshot")
            if after.turn != turn.turn + 1:
                raise Corrupt(f"{label}: its snapshot is the state after turn {after.turn - 1}")
            line.turns.append(_node(turn, before, after, world, label))
            before = after
        lines[record.name] = line
    history = History(initial, lines, initial_snapshot=save.initial)
    for note in save.annotations:
        history.annotations.append(_note(note, lines, world))
    return history


def _line_start(
    name: str, parent: str | None, branch: int, lines: dict[str, Line], initial: GameState
) -> GameState:
    """The state a line starts from, once its place in the tree is checked."""
    where = f"line {name!r}"
    if name in lines:
        raise Corrupt(f"two lines are called {name!r}")
    if (parent is None) != (not lines):
        raise Corrupt(f"{where}: the first line, and only it, has no parent")
    if parent is None:
        if name != MAIN:
            raise Corrupt(f"{where} comes first, but the main line is called {MAIN!r}")
        if branch != 0:
            raise Corrupt(f"{where} is the main line but leaves another after turn {branch}")
        return initial
    source = lines.get(parent)
    if source is None:
        raise Corrupt(f"{where} leaves {parent!r}, which is not an earlier line")
    if branch > source.end:
        raise Corrupt(f"{where} leaves after turn {branch}, but {parent!r} has {source.end} turns")
    while branch <= source.branch and source.parent is not None:
        source = lines[source.parent]
    if branch == 0 or branch <= source.branch:
        return initial
    return source.turns[branch - source.branch - 1].state


def _seats(records: list[SeatRecord], world: World, where: str) -> list[Seat]:
    factions = [s.faction for s in records]
    if factions != list(world.faction_ids):
        raise Corrupt(
            f"{where}: seats {factions} are not the scenario's factions {list(world.faction_ids)}"
        )
    seats = []
    for record in records:
        # Exactly a seat word as Sidra writes it (``hard``, ``hard@64``): no other spelling.
        try:
            seat = parse_seat(record.faction, record.player)
        except ValueError:
            seat = None
        if seat is None or seat.word != record.player:
            choices = ", ".join(SEAT_WORDS)
            raise Corrupt(
                f"{where}, {record.faction}: unknown player {record.player!r} (one of {choices})"
            )
        seats.append(seat)
    return seats


def _node(
    turn: TurnRecord, before: GameState, after: GameState, world: World, where: str
) -> TurnNode:
    """One turn's record, once its orders, log and events agree with the scenario and
    its states."""
    if turn.date != world.date_of(turn.turn).isoformat():
        raise Corrupt(f"{where}: dated {turn.date!r}, not {world.date_of(turn.turn)}")
    events = [e for e in after.fired if e not in before.fired]
    if turn.events != events:
        raise Corrupt(f"{where}: events {turn.events} are not those its state records {events}")
    if turn.rolls != sum(len(e.rolls) for e in turn.log):
        raise Corrupt(f"{where}: {turn.rolls} dice are counted but its log holds others")
    unknown = sorted(set(turn.intents) - set(world.factions))
    if unknown:
        raise Corrupt(f"{where}: notes by {unknown}, which are not factions")
    return TurnNode(
        turn=turn.turn,
        orders=[_given(o, world, where) for o in turn.orders],
        log=[_entry(e, turn.turn, world, where) for e in turn.log],
        events=list(turn.events),
        state=after,
        state_hash=turn.state_hash,
        intents=dict(turn.intents),
        snapshot=turn.snapshot,
    )


def _given(record: OrderRecord, world: World, where: str) -> GivenOrder:
    """An order whose ids all exist; whether it was legal then is for ``sidra verify``."""
    otype = world.orders.get(record.order)
    if record.faction not in world.factions:
        raise Corrupt(f"{where}: an order by {record.faction!r}, which is not a faction")
    if otype is None:
        raise Corrupt(f"{where}: order {record.order!r} is not in the scenario's catalogue")
    if record.faction not in otype.factions:
        raise Corrupt(f"{where}: {record.faction} cannot give {record.order!r}")
    targets = world.factions if otype.kind in TARGETS_FACTION else world.regions
    if record.target is not None and record.target not in targets:
        kind = "faction" if otype.kind in TARGETS_FACTION else "region"
        raise Corrupt(f"{where}: {record.order} aims at {record.target!r}, not a {kind}")
    if record.origin is not None and record.origin not in world.regions:
        raise Corrupt(f"{where}: {record.order} starts from {record.origin!r}, not a region")
    order = Order(
        faction=record.faction, order=record.order, target=record.target, origin=record.origin
    )
    return GivenOrder(order, record.reason, record.intent)


def _entry(record: LogRecord, turn: int, world: World, where: str) -> LogEntry:
    if record.turn != turn:
        raise Corrupt(f"{where}: a log entry of turn {record.turn}")
    if record.faction is not None and record.faction not in world.factions:
        raise Corrupt(f"{where}: a log entry of {record.faction!r}, which is not a faction")
    if record.region is not None and record.region not in world.regions:
        raise Corrupt(f"{where}: a log entry in {record.region!r}, which is not a region")
    for change in record.changes:
        _check_change(change, world, where)
    # Built from the checked record's fields (no dump and re-read: a long game holds
    # thousands of entries, and opening it is what a class waits for).
    return LogEntry(
        turn=record.turn,
        phase=record.phase,
        kind=record.kind,
        text=record.text,
        faction=record.faction,
        region=record.region,
        source=record.source,
        rule=record.rule,
        rolls=[Roll(r.purpose, r.sides, r.value, r.decided) for r in record.rolls],
        changes=[
            Change(c.figure, c.subject, c.delta, c.before, c.after, c.why, c.by)
            for c in record.changes
        ],
    )


def _check_change(change: ChangeRecord, world: World, where: str) -> None:
    """A change a log entry books must name a track, faction or region of the scenario."""
    if change.figure == "track":
        known = change.subject in world.tracks
    elif change.figure in ("legitimacy", "treasury", "cohesion"):
        known = change.subject in world.factions
    else:
        known = change.subject in world.regions
    if not known:
        raise Corrupt(f"{where}: a change of {change.figure} of {change.subject!r}, unknown here")
    holders = {*world.factions, NEUTRAL}
    if change.figure == "control" and {change.before, change.after} - holders:
        raise Corrupt(f"{where}: a change of hands in {change.subject!r} names no faction")
    if change.by is not None and change.by not in world.factions:
        raise Corrupt(f"{where}: a change caused by {change.by!r}, which is not a faction")


def _note(note: AnnotationRecord, lines: dict[str, Line], world: World) -> Annotation:
    if note.line not in lines or note.turn > lines[note.line].end:
        raise Corrupt(f"a note on line {note.line!r} turn {note.turn}, which does not exist")
    if note.region is not None and note.region not in world.regions:
        raise Corrupt(f"a note on {note.region!r}, which is not a region")
    return Annotation(note.line, note.turn, note.text, note.region, note.author)


def _checked_state(
    snapshot: dict[str, Any],
    expected: str,
    world: World,
    current: bool,
    strongest: int,
    what: str,
) -> GameState:
    """The state of a snapshot that matches its hash, is well formed, fits the scenario
    and, under current rules, round-trips exactly.

    Hashes are taken over the snapshot exactly as stored, so a save made under older
    rules (whose states held more fields) still proves it is intact.
    """
    if snapshot_digest(snapshot) != expected:
        raise Corrupt(f"{what} does not match its hash")
    try:
        model = StateSnapshot.model_validate(snapshot)
        state = state_from_dict(snapshot, world)
        check_fits(model, world, strongest)
    except ValidationError as exc:
        raise Corrupt(f"{what} is malformed ({problem_of(exc)})") from None
    except (StateError, SnapshotError) as exc:
        raise Corrupt(f"{what}: {exc}") from None
    if current and state_to_dict(state) != snapshot:
        raise Corrupt(f"{what} is not a state this Sidra writes")
    return state
