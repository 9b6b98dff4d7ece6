"""Build a handout's content from a match: scenario, timeline, tracks, outcome, comparisons.

Everything is read from the match as saved (the initial state, every turn's snapshot,
log, orders and notes), never re-simulated, so a game saved under older rules is
reported exactly as it was played.
"""

from __future__ import annotations

import datetime as dt

from game.ai.registry import Seat
from game.engine.log import LogEntry
from game.engine.state import GameState
from game.engine.victory import margins, ranking
from game.engine.world import World
from game.record.causes import amount, cause_words, causes
from game.record.changes import swings
from game.record.handout.compare import cite, outcome_words, ribbon, variations
from game.record.handout.model import (
    Citation,
    Handout,
    Outcome,
    Quote,
    Series,
    Side,
    SourceRef,
    Standing,
    Swing,
    TrackInfo,
    TurnEntry,
)
from game.record.handout.pack import teacher_pack
from game.record.handout.questions import questions
from game.record.handout.timeline import key_happenings, timeline
from game.record.handout.words import clean, side_name, turn_date
from game.record.history import MAIN, History
from game.record.match import Match
from game.record.words import join_names, long_date, seat_label
from game.scenario.models import Quote as ScenarioQuote
from game.scenario.sources import source_details, source_title

SWINGS_PER_TRACK = 2


def build_handout(match: Match) -> Handout:
    """The whole handout of ``match``'s main line, its variations and its notes."""
    world = match.world
    scenario = world.scenario
    history = match.history
    seats = history.line(MAIN).seats
    by_seat = {s.faction: s for s in seats}
    tracks = [
        TrackInfo(clean(t.id), clean(t.name), clean(t.unit), t.min, t.max, clean(t.description))
        for t in scenario.track
    ]
    states = [history.initial, *(node.state for node in history.path(MAIN))]
    entries = timeline(history, MAIN, seats, tracks)
    sides = [
        Side(
            name=clean(f.name),
            short=clean(f.short),
            glyph=clean(f.glyph),
            color=f.color,
            description=clean(f.description),
            played_by=seat_label(by_seat.get(f.id)),
            target=f.victory.target,
        )
        for f in scenario.faction
    ]
    last = max([history.line_end(name) for name in history.lines] + [0])
    handout = Handout(
        title=clean(scenario.meta.title),
        subtitle=clean(scenario.meta.subtitle),
        summary=clean(scenario.meta.description),
        calendar=calendar(world),
        game_line=game_line(match, sides),
        situation=[clean(p) for p in scenario.briefing.situation],
        sides=sides,
        framing=[
            Quote(clean(q.text), clean(q.by), cite(q.source, scenario.source))
            for q in scenario.briefing.framing
        ],
        # The handout is read after the game, so it gives every quote, each with its day.
        quotes=[
            Quote(clean(q.text), clean(said_by(q)), cite(q.source, scenario.source))
            for q in scenario.briefing.quotes
        ],
        sources=[
            Citation(clean(c.title), clean(c.detail), clean(c.file))
            for c in scenario.briefing.sources
        ],
        tracks=tracks,
        positions=["start", *(str(p) for p in range(1, last + 1))],
        timeline=entries,
        series=series(history, tracks, last),
        margins={
            side_name(world, fid): [margins(s)[fid] for s in states] for fid in world.faction_ids
        },
        side_colors={side_name(world, fid): world.factions[fid].color for fid in world.faction_ids},
        outcome=outcome(world, states[-1], by_seat),
        swings=turning_points(
            world, tracks, states, entries, {n.turn: n.log for n in history.path(MAIN)}
        ),
        ribbon=ribbon(world, entries),
        variations=variations(history, tracks),
        history_label=clean(scenario.story.history_label),
        framing_note=clean(scenario.story.framing_note),
        source_list=[
            SourceRef(clean(s.id), clean(source_title(s)), clean(source_details(s)))
            for s in scenario.source
        ],
        pack=teacher_pack(match),
    )
    handout.questions.extend(questions(handout, history))
    return handout


def calendar(world: World) -> str:
    """When the scenario starts and ends, how long a turn is, how often assessments come."""
    meta = world.scenario.meta
    end = meta.start + dt.timedelta(days=meta.turn_days * meta.turns - 1)
    span = {1: "one day", 7: "one week"}.get(meta.turn_days, f"{meta.turn_days} days")
    turns = "one turn" if meta.turns == 1 else f"{meta.turns} turns"
    every = (
        "after every turn"
        if meta.assessment_every == 1
        else f"every {meta.assessment_every} turns and after the last"
    )
    return (
        f"{long_date(meta.start)} to {long_date(end)}: {turns} of {span} each, with an "
        f"assessment {every}."
    )


def game_line(match: Match, sides: list[Side]) -> str:
    """Seed, rules and seats of the main line, and how far it and its variations went."""
    history = match.history
    played = history.line_end(MAIN)
    others = len(history.lines) - 1
    seats = join_names([f"{s.name} by {s.played_by}" for s in sides])
    text = (
        f"Game seed {match.seed}, rules version {match.rules_version}; {seats}. "
        f"{played} turn{'s' if played != 1 else ''} played"
    )
    if others:
        text += f", and {others} variation{'s' if others != 1 else ''} explored"
    return text + "."


def series(history: History, tracks: list[TrackInfo], last: int) -> list[Series]:
    """Every line's track values at every position (None where the line does not reach)."""
    out = []
    for name, line in history.lines.items():
        first = 0 if name == MAIN else line.branch
        end = history.line_end(name)
        values: dict[str, list[int | None]] = {}
        for track in tracks:
            row: list[int | None] = []
            for position in range(last + 1):
                if first <= position <= end:
                    row.append(history.state(name, position).tracks.get(track.key))
                else:
                    row.append(None)
            values[track.key] = row
        out.append(Series(clean(name), values))
    return out


def outcome(world: World, state: GameState, seats: dict[str, Seat]) -> Outcome:
    """The result, its reason and the ranking (the current standing if the game goes on)."""
    result = state.outcome
    order = result.ranking if result is not None and result.ranking else ranking(state)
    m = margins(state)
    standings = []
    for place, fid in enumerate(order, start=1):
        seat = seats.get(fid)
        standings.append(
            Standing(
                place=place,
                side=side_name(world, fid),
                color=world.factions[fid].color if fid in world.factions else "",
                played_by=seat_label(seat),
                margin=m.get(fid, 0),
                escalation=state.faction(fid).escalation,
            )
        )
    return Outcome(
        finished=result is not None,
        headline=outcome_words(world, state),
        reason=clean(result.reason) if result is not None else "",
        turn=result.turn if result is not None else state.turn - 1,
        standings=standings,
    )


def turning_points(
    world: World,
    tracks: list[TrackInfo],
    states: list[GameState],
    entries: list[TurnEntry],
    logs: dict[int, list[LogEntry]] | None = None,
) -> list[Swing]:
    """The largest moves of each track, with the turn's own report and their causes.

    The causes are those the turn's log booked the move to (``LogEntry.changes``), the
    largest that pushed the way the track went; a save from before the log itemised
    causes falls back on the turn's key happenings.
    """
    by_turn = {e.turn: e for e in entries}
    out = []
    for track in tracks:
        if any(track.key not in s.tracks for s in states):
            continue
        span = max(track.high - track.low, 1)
        moves = swings(states, track.key, top=SWINGS_PER_TRACK)
        # A second swing is a turning point only if it is at least half the largest.
        moves = [m for m in moves if 2 * abs(m[1]) >= abs(moves[0][1])]
        for turn, change in moves:
            before = states[turn - 1].tracks[track.key]
            entry = by_turn.get(turn)
            causes = booked_causes(world, (logs or {}).get(turn, []), track.key, change)
            if not causes and entry is not None:
                causes = key_happenings(entry)[:2]
            own = _own_report(entry, track) if entry is not None else ""
            out.append(
                Swing(
                    track=track.name,
                    turn=turn,
                    date=turn_date(world, turn),
                    before=track.words(before),
                    after=track.words(before + change),
                    change=change,
                    share=abs(change) / span,
                    account=own,
                    causes=causes,
                )
            )
    return out


def booked_causes(world: World, log: list[LogEntry], track: str, change: int) -> list[str]:
    """The two largest causes the log booked a track's move to, in the move's direction."""
    found = [c for c in causes(log, "track", track) if c.delta * change > 0]
    found.sort(key=lambda c: -abs(c.delta))
    return [
        clean(f"{cause_words(world, c)} {amount(world, 'track', track, c.delta)}")
        for c in found[:2]
    ]


def _own_report(entry: TurnEntry, track: TrackInfo) -> str:
    """The turn's account of who moved the track, when the game logged one (escalation).

    The log line restates the move before a colon (``Escalation +5 to 11 of 20: …``);
    the handout already says that, so only the account after it is kept.
    """
    text = entry.escalation
    if not text.lower().startswith(track.name.lower()):
        return ""
    account = text.split(": ", 1)[1] if ": " in text else text
    return account[0].upper() + account[1:] if account else ""


def said_by(quote: ScenarioQuote) -> str:
    """Who said a quote, and the day by which it was said when the scenario gives one (a
    quote's date may be the day of the report that carries it: the latest it can be)."""
    return f"{quote.by}; said by {long_date(quote.date)}" if quote.date is not None else quote.by
