"""The turn-by-turn timeline: who ordered what and why, what happened, what it changed.

Each turn of the main line becomes a :class:`~game.record.handout.model.TurnEntry`: every
side's orders in words with the bot's reason or the player's own note, the player's
note on the whole turn, the battles, strikes, changes of hands and scenario events,
the tracks that moved, who caused the escalation, and the teacher's notes.
"""

from __future__ import annotations

from game.ai.registry import Seat
from game.engine.log import LogEntry
from game.engine.state import GameState
from game.engine.world import World
from game.record.changes import turn_changes
from game.record.handout.model import (
    Annotation,
    FactionTurn,
    Happening,
    Note,
    OrderLine,
    TrackInfo,
    TrackMove,
    TurnEntry,
)
from game.record.handout.words import (
    bot_reason,
    clean,
    first_clause,
    first_sentence,
    order_words,
    place_names,
    region_name,
    side_name,
    turn_date,
)
from game.record.history import History, TurnNode
from game.record.words import seat_label

STRIKE_KINDS = ("air", "naval")
"""Log kinds of strikes and raids (each entry says what was hit and who fled)."""
BATTLE = "battle"
CRACK = "cohesion"
ESCALATION = "escalation"


def timeline(
    history: History, line: str, seats: list[Seat], tracks: list[TrackInfo]
) -> list[TurnEntry]:
    """Every turn of ``line`` from the start, as the handout tells it."""
    path = history.path(line)
    world = history.initial.w
    entries = []
    before = history.initial
    for node in path:
        entries.append(turn_entry(world, history, line, seats, tracks, before, node))
        before = node.state
    return entries


def turn_entry(
    world: World,
    history: History,
    line: str,
    seats: list[Seat],
    tracks: list[TrackInfo],
    before: GameState,
    node: TurnNode,
) -> TurnEntry:
    """One turn: orders by side (scenario order), happenings, moves, escalation and notes."""
    by_seat = {s.faction: s for s in seats}
    factions = []
    for fid in world.faction_ids:
        orders = []
        for given in node.orders:
            if given.order.faction != fid:
                continue
            note = None
            if given.intent.strip():
                note = Note("player", clean(given.intent))
            elif given.reason.strip():
                names = place_names(world, given.order)
                note = Note("bot", bot_reason(given.reason, names))
            orders.append(OrderLine(order_words(world, given.order), note))
        factions.append(
            FactionTurn(
                side=side_name(world, fid),
                color=world.factions[fid].color,
                played_by=seat_label(by_seat.get(fid)),
                orders=orders,
                intent=clean(node.intents.get(fid, "")),
            )
        )
    # Notes on turns by factions the scenario does not know are still a player's words.
    for fid, why in node.intents.items():
        if fid not in world.factions and clean(why):
            factions.append(FactionTurn(clean(fid), "", "a player", [], clean(why)))
    return TurnEntry(
        turn=node.turn,
        date=turn_date(world, node.turn),
        factions=factions,
        happenings=happenings(world, before, node),
        moves=moves(tracks, before, node.state),
        escalation=next((clean(e.text) for e in node.log if e.kind == ESCALATION), ""),
        notes=[
            Annotation(
                clean(a.text),
                clean(a.author),
                region_name(world, a.region) if a.region else "",
            )
            for a in history.notes_at(line, node.turn)
        ],
        assessment=world.is_assessment(node.turn),
    )


def happenings(world: World, before: GameState, node: TurnNode) -> list[Happening]:
    """Changes of hands, battles, strikes and raids, scenario events and coalition cracks."""
    out = []
    for change in turn_changes(before, node.state).control:
        sentence = control_sentence(world, change.region, change.before, change.after)
        out.append(Happening("control", sentence, sentence))
    for entry in node.log:
        happening = _from_log(entry)
        if happening is not None:
            out.append(happening)
    events = {e.id: e for e in world.events}
    for eid in node.events:
        event = events.get(eid)
        if event is not None and not event.history:
            title = clean(event.title)
            out.append(Happening("event", f"{title}: {clean(event.text)}", f"{title}."))
    return out


def _from_log(entry: LogEntry) -> Happening | None:
    if entry.kind == BATTLE:
        return Happening("battle", first_clause(entry.text), first_clause(entry.text))
    if entry.kind in STRIKE_KINDS:
        return Happening("strike", clean(entry.text), first_sentence(entry.text))
    if entry.kind == CRACK:
        return Happening("coalition", clean(entry.text), clean(entry.text))
    return None


def control_sentence(world: World, region: str, old: str, new: str) -> str:
    """``The rebels took the capital from the government`` in the handout's words."""
    place = region_name(world, region)
    if new in world.factions:
        taker = side_name(world, new)
        if old in world.factions:
            return f"{taker} took {place} from {side_name(world, old)}."
        return f"{taker} took {place}."
    return f"{side_name(world, old)} lost {place}; no side holds it now."


def moves(tracks: list[TrackInfo], before: GameState, after: GameState) -> list[TrackMove]:
    """The tracks that changed in a turn, in the scenario's order."""
    out = []
    for track in tracks:
        a, b = before.tracks.get(track.key), after.tracks.get(track.key)
        if a is not None and b is not None and a != b:
            out.append(TrackMove(track.name, track.words(a), track.words(b), b - a))
    return out


def key_happenings(entry: TurnEntry) -> list[str]:
    """A turn's happenings as sentences, the most telling first (for causes and the ribbon)."""
    rank = {"control": 0, "battle": 1, "coalition": 2, "strike": 3, "event": 4}
    ordered = sorted(entry.happenings, key=lambda h: rank.get(h.kind, 9))
    return [h.brief for h in ordered]
