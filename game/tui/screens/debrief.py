"""The debrief: who won and why, the tracks over the game, turning points, and history.

Three tabs: *Outcome* ("You won" or "You lost" for each person's seat first, with the
reason, then the result, final margins and the largest swings of each track with the
causes the log booked them to),
*Charts* (plotext line charts of oil output, displaced, escalation and UN talks over
every turn) and *History* (what really happened, turn by turn, beside this game's key
events; the column is headed with the scenario's ``[story] history_label``), so a class
can compare its game with the record.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from game.engine.log import LogEntry
from game.engine.state import GameState
from game.engine.victory import margins
from game.engine.world import World
from game.record.causes import amount, cause_words, causes
from game.record.changes import swings
from game.record.words import short_date, verb_for
from game.scenario.sources import source_tag
from game.tui.ending import verdict
from game.tui.screens.summary import faction_tag, heading
from game.tui.session import GameSession
from game.tui.theme_colour import theme_colour
from game.tui.widgets.key_footer import KeyFooter
from game.tui.widgets.tracks_panel import format_value, shown_tracks

CHARTS = ("oil_output", "displaced", "escalation", "un_talks")
KEY_KINDS = ("battle", "event", "cohesion", "end")
"""Log kinds that count as a game's key events on the history comparison."""
BOLD = Style(bold=True)
DIM = Style(dim=True)


def compact_number(value: float) -> str:
    """A short axis label: ``352k``, ``1.6M``, ``12``."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:.0f}"


def headline(state: GameState, alarm: str) -> Text:
    """The result in one line."""
    outcome = state.outcome
    w = state.w
    if outcome is None:
        return Text(f"The game is still in progress (turn {state.turn}).", BOLD)
    if outcome.result == "win" and outcome.winner in w.factions:
        fdef = w.factions[outcome.winner]
        wins = verb_for(fdef.plural, "wins")
        text = Text(f"{fdef.glyph} {fdef.name} {wins}", Style(color=fdef.color, bold=True))
    elif outcome.result == "closest" and outcome.winner in w.factions:
        fdef = w.factions[outcome.winner]
        text = Text("No side reached its goals; ", BOLD)
        text.append(f"{fdef.glyph} {fdef.name} came closest", Style(color=fdef.color, bold=True))
    elif outcome.result == "catastrophe":
        text = Text(
            "Catastrophe: chaos and all-out war, every side loses",
            Style(bold=True, color=alarm),
        )
    else:
        text = Text("A draw", BOLD)
    text.append(f"  (after turn {outcome.turn})", DIM)
    return text


def outcome_body(
    session: GameSession, history: list[GameState], alarm: str, good: str | None = None
) -> Group:
    """Each person's result first, then the result, reason, final margins, players and
    turning points. ``alarm`` and ``good`` are the theme's error and success colours."""
    state = session.state
    w = state.w
    mine = verdict(state, session.humans(), good, alarm)
    parts: list[RenderableType] = []
    if mine is not None:
        parts += [mine, Text("")]
    winner = state.outcome.winner if state.outcome is not None else None
    if mine is None or winner not in session.humans():
        # A person who won reads "You won", never their own side named as the winner.
        parts.append(headline(state, alarm))
    if state.outcome is not None:
        parts.append(Text(state.outcome.reason))
    table = Table(box=None, padding=(0, 1), header_style=BOLD)
    for name in ("", "faction", "played by", "margin", "escalation caused"):
        table.add_column(name, justify="left" if name in ("faction", "played by") else "right")
    seats = {s.faction: s for s in session.seats}
    m = margins(state)
    order = state.outcome.ranking if state.outcome is not None else list(w.faction_ids)
    for place, fid in enumerate(order, start=1):
        seat = seats.get(fid)
        who = "human" if seat is None or seat.human else f"bot ({seat.word})"
        caused = state.faction(fid).escalation
        table.add_row(f"{place}.", faction_tag(w, fid), Text(who), f"{m[fid]:+}", f"{caused}")
    parts += [
        heading("Final standing (margin = score - target)"),
        table,
        heading("Turning points"),
    ]
    events = _game_events(session, history)
    logs = {node.turn: node.log for node in session.match.turns}
    points = Text()
    for track in shown_tracks(w):
        moves = swings(history, track.id, top=2)
        if not moves:
            continue
        points.append(f"{track.name}\n", BOLD)
        for turn, change in moves:
            size = format_value(track, abs(change)).replace(f" / {track.max:,}", "")
            points.append(f"  turn {turn:<2} {'+' if change > 0 else '-'}{size}")
            booked = _main_causes(w, logs.get(turn, []), track.id, change)
            if booked:
                points.append(f"  {booked}", DIM)
            else:
                # An older save's log has no itemised causes: name what else happened.
                reason = state.outcome.reason if state.outcome is not None else ""
                cause = [line for line in events.get(turn, []) if line != reason]
                if cause:
                    points.append(f"  {_clip(cause[0], 48)}", DIM)
            points.append("\n")
    points.rstrip()
    parts.append(points if points.plain else Text("No track moved.", DIM))
    return Group(*parts)


def _main_causes(w: World, log: list[LogEntry], track: str, change: int) -> str:
    """The causes that moved ``track`` the way it went in one turn, largest first (two)."""
    found = [c for c in causes(log, "track", track) if c.delta * change > 0]
    found.sort(key=lambda c: -abs(c.delta))
    words = [f"{cause_words(w, c)} {amount(w, 'track', track, c.delta)}" for c in found[:2]]
    more = len(found) - len(words)
    return " · ".join(words) + (f" and {more} more" if more > 0 else "")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _game_events(session: GameSession, history: list[GameState]) -> dict[int, list[str]]:
    """This game's key events per turn: control changes, battles, events, cracks, the end."""
    w = session.state.w
    found: dict[int, list[str]] = {}
    names = {e.id: e.title for e in w.events}
    for index, record in enumerate(session.match.turns):
        lines = found.setdefault(record.turn, [])
        if index + 1 < len(history):
            before, after = history[index], history[index + 1]
            for old, new in zip(before.regions, after.regions, strict=True):
                if old.controller != new.controller:
                    holder = (
                        w.factions[new.controller].short
                        if new.controller in w.factions
                        else "nobody"
                    )
                    lines.append(f"{w.regions[old.id].name.split(' (')[0]} falls to {holder}")
        for entry in record.log:
            if entry.kind in KEY_KINDS and entry.kind != "event":
                # A battle's first clause says who fought whom and who won; the rest is detail.
                lines.append(entry.text.split(";")[0].rstrip(".") + ".")
        lines += [names[e] for e in record.events if e in names and not _is_history(session, e)]
    return found


def _is_history(session: GameSession, event_id: str) -> bool:
    return any(e.id == event_id and e.history for e in session.state.w.events)


def history_body(session: GameSession, history: list[GameState]) -> RenderableType:
    """The record as it happened beside this game, turn by turn."""
    w = session.state.w
    table = Table(box=None, padding=(0, 1), header_style=BOLD, expand=True)
    table.add_column("turn", no_wrap=True)
    # The scenario's words for its record ("in 2014"): text, never markup.
    table.add_column(Text(w.scenario.story.history_label), ratio=1)
    table.add_column("this game", ratio=1)
    real: dict[int, list[str]] = {}
    for event in w.events:
        if event.history:
            turn = max(w.event_turns.get(event.id, 0), 0)
            when = f"{short_date(event.date, year=False)}: " if event.date is not None else ""
            tag = source_tag(event.source, w.scenario.source)
            real.setdefault(turn, []).append(f"{when}{event.title} ({tag})")
    game = _game_events(session, history)
    if not real:
        # A made-up setting (the tutorial, a fictional scenario) has no record to set
        # beside the game: say so rather than head an empty column "the historical record".
        table = Table(box=None, padding=(0, 1), header_style=BOLD, expand=True)
        table.add_column("turn", no_wrap=True)
        table.add_column("this game", ratio=1)
        for turn in sorted(game):
            label = "before" if turn == 0 else f"{turn} {short_date(w.date_of(turn), year=False)}"
            table.add_row(label, Text("\n".join(game[turn])))
        note = Text(
            "This scenario has no history entries to compare with: below, what happened in "
            "this game, turn by turn.",
            DIM,
        )
        return Group(note, table)
    last = max([*real, *game, 0])
    for turn in range(0, last + 1):
        left, right = real.get(turn, []), game.get(turn, [])
        if not left and not right:
            continue
        label = "before" if turn == 0 else f"{turn} {short_date(w.date_of(turn), year=False)}"
        # Titles and log text come from the scenario and the save: text, never markup.
        table.add_row(label, Text("\n".join(left) or "·"), Text("\n".join(right) or "·"))
    note = Text(
        "Left: the historical record (the scenario's history ribbon). Right: what happened in "
        "this game.",
        DIM,
    )
    return Group(note, table)


class DebriefScreen(Screen[None]):
    """The end of the game: outcome, charts, turning points and history comparison."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to map"),
        Binding("o", "tab('tab-outcome')", "Outcome"),
        Binding("c", "tab('tab-charts')", "Charts"),
        Binding("h", "tab('tab-history')", "History"),
    ]

    def __init__(self, session: GameSession) -> None:
        super().__init__(classes="debrief")
        self.session = session
        self.history = session.history()

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="tab-outcome", id="debrief-tabs"):
            with TabPane("Outcome", id="tab-outcome"), VerticalScroll(classes="report-body"):
                yield Static(
                    outcome_body(
                        self.session,
                        self.history,
                        theme_colour(self.app, "error"),
                        theme_colour(self.app, "success"),
                    ),
                    id="debrief-outcome",
                )
            with TabPane("Charts", id="tab-charts"), Grid(id="debrief-charts"):
                for track_id in CHARTS:
                    if track_id in self.session.state.w.tracks:
                        yield PlotextPlot(id=f"chart-{track_id}", classes="chart")
            with TabPane("History", id="tab-history"), VerticalScroll(classes="report-body"):
                yield Static(history_body(self.session, self.history), id="debrief-history")
        yield KeyFooter()

    def on_mount(self) -> None:
        w = self.session.state.w
        turns = [float(s.turn - 1) for s in self.history]
        for plot in self.query(PlotextPlot):
            track = w.tracks[(plot.id or "").removeprefix("chart-")]
            values = [float(s.tracks[track.id]) for s in self.history]
            plt = plot.plt
            plt.plot(turns, values, marker="braille")
            title = track.name
            if track.reference is not None:
                title += f" ({compact_number(track.reference)} {track.reference_label})".rstrip()
            plt.title(title)
            plt.xlabel("turn")
            plt.xticks(turns, [str(int(t)) for t in turns])
            low, high = min(values), max(values)
            ticks = sorted({low, (low + high) / 2, high})
            plt.yticks(ticks, [compact_number(t) for t in ticks])

    def action_tab(self, tab: str) -> None:
        """Show one of the debrief's tabs."""
        self.query_one(TabbedContent).active = tab

    def action_close(self) -> None:
        """Back to the final map."""
        self.dismiss(None)
