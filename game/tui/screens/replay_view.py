"""What the replay viewer says about one turn: pure functions from the history to text.

The *Turn* tab is a list of rows built here: the teacher's notes, what changed (regions
that changed hands, tracks, scenario events), every faction's orders in plain words
with the bots' reasons and the players' "why", the standing at assessments, and the
dice. Rows that stand for something the log recorded carry that log entry, so Enter
explains it (the rule, every roll, the event and its sources).

A *viewpoint* is ``None`` (everything) or a faction id. A faction's view shows what
that side's player knew when the turn resolved: the board and the orders are public
once a turn resolves, but the other sides' reasons and notes were private, and their
scores were only revealed at assessments. Those are hidden; the teacher's notes are
for the class and always shown.

All text from the save (notes, line names, intents) becomes plain :class:`Content`,
never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.color import Color
from textual.content import Content
from textual.style import Style

from game.engine.events import history_label
from game.engine.log import LogEntry
from game.engine.state import GameState
from game.engine.victory import margins, score
from game.engine.world import World
from game.record.changes import turn_changes
from game.record.history import Annotation, History, Line
from game.record.words import long_date, order_text, plural, verb_for
from game.scenario.sources import source_tag
from game.tui.widgets.tracks_panel import format_value, shown_tracks

HEAD = "bold $accent"
MUTED = "$text-muted"
WARN = "bold $warning"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the Turn tab; ``entry`` is what Enter explains, ``note`` what e/d edit."""

    prompt: Content
    entry: LogEntry | None = None
    note: Annotation | None = None
    heading: bool = False


def faction_label(world: World, faction: str | None) -> Content:
    """Glyph and short name in the faction's colour, or a muted ``· nobody``."""
    if faction is None or faction not in world.factions:
        return Content.styled("· nobody", MUTED)
    fdef = world.factions[faction]
    style = Style(foreground=Color.parse(fdef.color), bold=True)
    return Content.assemble((f"{fdef.glyph} {fdef.short}", style))


def viewpoint_name(world: World, viewpoint: str | None) -> str:
    """``everything`` or ``Tobruk's view``."""
    if viewpoint is None:
        return "everything"
    return f"{world.factions[viewpoint].short}'s view"


def owner_line(history: History, line: str, position: int) -> Line:
    """The line that played turn ``position`` of ``line`` (a shared turn belongs to a parent)."""
    current = history.line(line)
    while current.parent is not None and position <= current.branch:
        current = history.line(current.parent)
    return current


def outcome_words(state: GameState) -> str:
    """How a line ends: its result, or that it is still in play."""
    outcome = state.outcome
    w = state.w
    if outcome is None:
        return f"still in play at turn {state.turn - 1}"
    winner = w.factions[outcome.winner].short if outcome.winner in w.factions else ""
    if outcome.result == "win":
        many = outcome.winner in w.factions and w.factions[outcome.winner].plural
        return f"{winner} {verb_for(many, 'wins')} after turn {outcome.turn}"
    if outcome.result == "closest":
        return f"nobody reached its goals; {winner} came closest (turn {outcome.turn})"
    if outcome.result == "catastrophe":
        return f"catastrophe: every side loses (turn {outcome.turn})"
    return f"a draw (turn {outcome.turn})"


def line_origin(history: History, name: str) -> str:
    """Where a line comes from: ``the game as played`` or ``from main after turn 5``."""
    line = history.line(name)
    if line.parent is None:
        return "the game as played"
    return f"leaves '{line.parent}' after turn {line.branch}"


# -- finding the log entry behind a change ---------------------------------------------


def control_entry(log: list[LogEntry], region: str) -> LogEntry | None:
    """The entry that says why ``region`` changed hands (its control entry, else its last)."""
    here = [e for e in log if e.region == region]
    control = [e for e in here if e.kind == "control"]
    if control:
        return control[0]
    return here[-1] if here else None


def event_entry(log: list[LogEntry], title: str) -> LogEntry | None:
    """The entry of a scenario event, found by its title."""
    events = [e for e in log if e.kind == "event"]
    return next((e for e in events if e.text.startswith(title)), None) or next(
        (e for e in events if title in e.text), None
    )


def track_entry(log: list[LogEntry], name: str) -> LogEntry | None:
    """The entry that reports a track's change: it starts with, else mentions, its name.

    Scenario tracks are data, so the match is on the track's own name (or its first
    word, e.g. "displaced"), the last such entry first: phases report their totals last.
    """
    lowered = name.lower()
    first_word = lowered.split()[0] if lowered.split() else lowered
    for test in (
        lambda t: t.startswith(lowered),
        lambda t: lowered in t,
        lambda t: first_word in t,
    ):
        found = [e for e in log if test(e.text.lower())]
        if found:
            return found[-1]
    return None


# -- the Turn tab ------------------------------------------------------------------------


def turn_rows(history: History, line: str, position: int, viewpoint: str | None) -> list[Row]:
    """Every row of the Turn tab for ``position`` of ``line`` seen from ``viewpoint``."""
    world = history.initial.w
    rows: list[Row] = []
    notes = history.notes_at(line, position)
    if position == 0:
        start = world.date_of(1)
        rows.append(Row(Content.styled(f"The start · {long_date(start)}", HEAD), heading=True))
        rows.append(Row(Content.styled("Before any orders. → or space steps to turn 1.", MUTED)))
        rows += _note_rows(world, notes)
        return rows
    node = history.node(line, position)
    before = history.state(line, position - 1)
    after = node.state
    title = f"Turn {position} · {long_date(world.date_of(position))}"
    if world.is_assessment(position):
        title += " · assessment"
    rows.append(Row(Content.styled(title, HEAD), heading=True))
    rows += _note_rows(world, notes)
    rows += _change_rows(before, after, node.log)
    if world.is_assessment(position):
        rows += _standing_rows(after)
    rows += _order_rows(history, line, position, viewpoint)
    rows += _dice_rows(world, node.log)
    return rows


def _section(title: str) -> Row:
    """A heading with a blank line above it, so the sections read apart."""
    return Row(Content.assemble("\n", (title, HEAD)), heading=True)


def _note_rows(world: World, notes: list[Annotation]) -> list[Row]:
    rows = []
    for note in notes:
        prompt = Content.assemble(("✎ ", WARN), Content(note.text))
        if note.region in world.regions:
            prompt += Content.styled(f"  (on {world.regions[note.region].name})", MUTED)
        if note.author:
            prompt += Content.styled(f" — {note.author}", MUTED)
        rows.append(Row(prompt, note=note))
    return rows


def _change_rows(before: GameState, after: GameState, log: list[LogEntry]) -> list[Row]:
    w = after.w
    changes = turn_changes(before, after)
    rows = [_section("What changed · Enter explains")]
    for change in changes.control:
        prompt = Content.assemble(
            f"{w.regions[change.region].name}: ",
            faction_label(w, change.before),
            " → ",
            faction_label(w, change.after),
        )
        rows.append(Row(prompt, entry=control_entry(log, change.region)))
    for track in shown_tracks(w):
        if track.id not in changes.tracks:
            continue
        old, new = changes.tracks[track.id]
        prompt = Content.assemble(
            (track.name, "bold"),
            f" {format_value(track, old)} → {format_value(track, new)}",
            (f" ({new - old:+,})", MUTED),
        )
        rows.append(Row(prompt, entry=track_entry(log, track.name)))
    titles = {e.id: e for e in w.events}
    for event_id in changes.events:
        event = titles.get(event_id)
        if event is None:
            continue
        prompt = Content.assemble(
            ("! ", WARN),
            (f"{history_label(w.scenario, event, before.turn)} " if event.history else "", MUTED),
            (event.title, "bold"),
            (f" ({source_tag(event.source, w.scenario.source)})", MUTED),
        )
        rows.append(Row(prompt, entry=event_entry(log, event.title)))
    if len(rows) == 1:
        rows.append(Row(Content.styled("Nothing visible changed.", MUTED)))
    return rows


def _standing_rows(state: GameState) -> list[Row]:
    """Every side's score and margin: public at assessments, in every view."""
    w = state.w
    rows = [_section("Standing at this assessment")]
    m = margins(state)
    for fid in w.faction_ids:
        target = w.factions[fid].victory.target
        prompt = Content.assemble(
            faction_label(w, fid),
            f"  score {score(state, fid)} of {target}, margin ",
            (f"{m[fid]:+}", "bold $success" if m[fid] >= 0 else "bold $error"),
        )
        rows.append(Row(prompt))
    return rows


def _order_rows(history: History, line: str, position: int, viewpoint: str | None) -> list[Row]:
    node = history.node(line, position)
    before = history.state(line, position - 1)
    w = before.w
    seats = {s.faction: s for s in owner_line(history, line, position).seats}
    rows = [_section("Orders")]
    if viewpoint is not None:
        rows.append(
            Row(
                Content.styled(
                    f"In {viewpoint_name(w, viewpoint)} the other sides' reasons and notes "
                    "are hidden.",
                    MUTED,
                )
            )
        )
    for fid in w.faction_ids:
        given = [g for g in node.orders if g.order.faction == fid]
        seat = seats.get(fid)
        who = "human" if seat is None or seat.human else f"bot, {seat.word}"
        head = Content.assemble(faction_label(w, fid), (f" ({who})", MUTED))
        if not given:
            head += Content.styled("  gave no orders", MUTED)
        rows.append(Row(head))
        private = viewpoint is None or viewpoint == fid
        why = node.intents.get(fid, "")
        if why and private:
            rows.append(Row(Content.assemble(("   this turn: ", MUTED), Content(why))))
        for g in given:
            prompt = Content.assemble("   • ", order_text(before.w, g.order))
            if private and g.reason:
                prompt += Content.assemble("\n     ", Content.styled(g.reason, MUTED))
            if private and g.intent:
                prompt += Content.assemble(("\n     why: ", "italic"), Content(g.intent))
            rows.append(Row(prompt))
    return rows


def _dice_rows(world: World, log: list[LogEntry]) -> list[Row]:
    rolled = [e for e in log if e.rolls]
    count = sum(len(e.rolls) for e in rolled)
    rows = [_section(f"Dice · {plural(count, 'roll')} · Enter shows each")]
    if not rolled:
        rows.append(Row(Content.styled("No dice were rolled.", MUTED)))
    for entry in rolled:
        values = " ".join(f"d{r.sides}:{r.value}" for r in entry.rolls)
        lead = entry.text.split(":")[0].split(";")[0]
        prompt = Content.assemble(
            faction_label(world, entry.faction) if entry.faction else Content.styled("·", MUTED),
            f" {lead}  ",
            (values, "$accent"),
        )
        rows.append(Row(prompt, entry=entry))
    return rows
