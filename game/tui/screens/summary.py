"""After End Turn: what changed (summary) and, every assessment turn, where everyone stands.

Both screens only read the session's last :class:`~game.tui.session.TurnResult` and the
record; Enter (or Escape) goes on. The game screen decides what comes next. The summary
opens with the escalation alarm when the meter nears its maximum, then the battles and
strikes, contested and undefended regions, and every track's change cause by cause
(:mod:`game.tui.turn_report`). Colours come from the app's theme.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.engine.events import history_label
from game.engine.state import GameState
from game.engine.victory import score, term_points
from game.engine.world import World
from game.record.words import long_date, order_text
from game.scenario.sources import source_tag
from game.tui.session import GameSession, TurnResult
from game.tui.theme_colour import theme_colour
from game.tui.turn_report import (
    Palette,
    battles_and_strikes,
    contested,
    escalation_alarm,
    stat_causes,
    track_causes,
)
from game.tui.widgets.map_view import controller_mark
from game.tui.widgets.tracks_panel import format_value, shown_tracks

BOLD = Style(bold=True)
DIM = Style(dim=True)
ROLES = ("accent", "error", "warning", "success")
"""Theme roles the reports colour text with."""


def palette_of(app: App[object]) -> dict[str, str]:
    """The current theme's colours for the reports' roles (high contrast applies)."""
    return {role: theme_colour(app, role) for role in ROLES}


def faction_tag(world: World, faction: str | None) -> Text:
    """Glyph and short name in the faction's colour (``· nobody`` for none)."""
    if faction is None or faction not in world.factions:
        return Text("· nobody", DIM)
    fdef = world.factions[faction]
    return Text(f"{fdef.glyph} {fdef.short}", Style(color=fdef.color, bold=True))


def heading(title: str, colour: str | None = None) -> Text:
    """A section heading, in the theme's accent colour when one is given."""
    return Text(f"\n{title}", Style(bold=True, color=colour or None))


def _control(result: TurnResult) -> RenderableType:
    w = result.after.w
    if not result.changes.control:
        return Text("No region changed hands.", DIM)
    lines = Text()
    for change in result.changes.control:
        lines.append(f"{w.regions[change.region].name}: ")
        lines.append_text(faction_tag(w, change.before))
        lines.append(" → ")
        lines.append_text(faction_tag(w, change.after))
        lines.append("\n")
    lines.rstrip()
    return lines


def _tracks(result: TurnResult) -> RenderableType:
    """Every shown track before and after, then what moved each, cause by cause."""
    w = result.after.w
    table = Table(box=None, padding=(0, 1), show_header=True, header_style=BOLD)
    table.add_column("track")
    table.add_column("before", justify="right")
    table.add_column("after", justify="right")
    table.add_column("change", justify="right")
    for track in shown_tracks(w):
        before, after = result.before.tracks[track.id], result.after.tracks[track.id]
        change = f"{after - before:+,}" if after != before else "·"
        # Names and units come from the scenario: text, never markup.
        table.add_row(
            Text(track.name),
            Text(format_value(track, before)),
            Text(format_value(track, after)),
            change,
        )
    moved = track_causes(w, result.log, result.after)
    if moved.plain:
        return Group(table, Text(""), moved)
    # An older save's log has no itemised causes: the meter's own line names its owners.
    owners = next(
        (e for e in result.log if e.phase == "escalation" and e.kind == "escalation"), None
    )
    return table if owners is None else Group(table, Text(owners.text, DIM))


def _moved(a: int | None, b: int | None) -> str:
    """``a → b`` when a value changed, else the value (``·`` when it does not apply)."""
    if a is None or b is None:
        return "·"
    return f"{a} → {b}" if a != b else f"{b}"


def _factions(result: TurnResult) -> RenderableType:
    w = result.after.w
    table = Table(box=None, padding=(0, 1), show_header=True, header_style=BOLD)
    for name in ("faction", "losses", "treasury", "legitimacy", "cohesion"):
        table.add_column(name, justify="left" if name == "faction" else "right")
    for fid in w.faction_ids:
        old, new = result.before.faction(fid), result.after.faction(fid)
        lost = result.changes.losses.get(fid, 0)
        table.add_row(
            faction_tag(w, fid),
            f"-{lost}" if lost else "0",
            _moved(old.treasury, new.treasury),
            _moved(old.legitimacy, new.legitimacy),
            _moved(old.cohesion, new.cohesion),
        )
    return table


def _events(result: TurnResult) -> RenderableType:
    w = result.after.w
    events = {e.id: e for e in w.events}
    if not result.changes.events:
        return Text("No scenario event fired.", DIM)
    lines = Text()
    for eid in result.changes.events:
        event = events.get(eid)
        if event is None:
            continue
        label = history_label(w.scenario, event, result.before.turn) + " "
        lines.append(label if event.history else "", DIM)
        lines.append(event.title, BOLD)
        lines.append(f" ({source_tag(event.source, w.scenario.source)})\n", DIM)
        lines.append(f"  {event.text}\n")
    lines.rstrip()
    return lines


def _orders(session: GameSession, result: TurnResult) -> RenderableType:
    w = result.after.w
    record = next((t for t in session.match.turns if t.turn == result.before.turn), None)
    if record is None or not record.orders:
        return Text("Nobody gave orders.", DIM)
    bots = {s.faction for s in session.bots()}
    lines = Text()
    for given in record.orders:
        o = given.order
        lines.append_text(faction_tag(w, o.faction))
        lines.append(" (bot) " if o.faction in bots else " ", DIM)
        lines.append(order_text(result.before.w, o))
        if given.reason:
            lines.append(f"\n    {given.reason}", DIM)
        if given.intent:
            lines.append(f"\n    why: {given.intent}", DIM)
        lines.append("\n")
    for faction, why in record.intents.items():
        lines.append_text(faction_tag(w, faction))
        lines.append(f" this turn: {why}\n", DIM)
    lines.rstrip()
    return lines


def summary_body(session: GameSession, result: TurnResult, palette: Palette) -> Group:
    """Everything the turn summary shows, as one renderable."""
    w = result.after.w
    turn = result.before.turn
    accent = palette.get("accent")
    title = Text(f"Turn {turn}: {long_date(w.date_of(turn))}", Style(bold=True))
    parts: list[RenderableType] = [title]
    recent = [node.log for node in session.match.turns]
    alarm = escalation_alarm(w, result.after, recent, palette)
    if alarm is not None:
        parts.append(alarm)
    parts += [
        heading("Battles and strikes", accent),
        battles_and_strikes(w, result.log),
        heading("Contested or undefended", accent),
        contested(result.after, session.humans()),
        heading("Control", accent),
        _control(result),
        heading("Tracks", accent),
        _tracks(result),
        heading("Factions (casualties = strength lost)", accent),
        _factions(result),
        stat_causes(w, result.log, session.humans()),
        heading("Events", accent),
        _events(result),
        heading("Orders", accent),
        _orders(session, result),
    ]
    return Group(*parts)


class _ReportScreen(Screen[None]):
    """A scrollable report about the turn just resolved; Enter, Escape or Space closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,space", "close", "Continue")]
    REPORT = ""
    """Prefix of the report's widget ids (``{REPORT}-body``, ``{REPORT}-text``)."""

    def __init__(self, session: GameSession, result: TurnResult) -> None:
        super().__init__(classes="report")
        self.session = session
        self.result = result

    def body(self) -> RenderableType:
        """The report's content."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with VerticalScroll(id=f"{self.REPORT}-body", classes="report-body"):
            yield Static(self.body(), id=f"{self.REPORT}-text")
        yield Footer()

    def action_close(self) -> None:
        """Back to the game (or on to the next report or the debrief)."""
        self.dismiss(None)


class SummaryScreen(_ReportScreen):
    """What the last turn changed: control, tracks, casualties, events and every order."""

    REPORT = "summary"

    def body(self) -> RenderableType:
        """The turn summary."""
        return summary_body(self.session, self.result, palette_of(self.app))


def assessment_body(state: GameState, result: TurnResult, palette: Palette) -> Group:
    """Scores, targets and margins of every faction, their terms and this assessment's income."""
    w = state.w
    turn = result.before.turn
    table = Table(box=None, padding=(0, 1), header_style=BOLD)
    for name in ("faction", "score", "target", "margin", "treasury"):
        table.add_column(name, justify="left" if name == "faction" else "right")
    for fid in w.faction_ids:
        fdef = w.factions[fid]
        total = score(state, fid)
        margin = total - fdef.victory.target
        table.add_row(
            faction_tag(w, fid),
            str(total),
            str(fdef.victory.target),
            Text(
                f"{margin:+}",
                Style(color=palette.get("success" if margin >= 0 else "error"), bold=True),
            ),
            str(state.faction(fid).treasury),
        )
    terms = Text()
    for fid in w.faction_ids:
        fdef = w.factions[fid]
        terms.append_text(faction_tag(w, fid))
        terms.append("\n")
        for term in fdef.victory.terms:
            terms.append(f"  {term_points(state, fid, term):+3} {term.label or term.type}\n")
    terms.rstrip()
    income = Text()
    for entry in result.log:
        if entry.kind in ("assessment", "cohesion", "end"):
            glyph, color = controller_mark(state, entry.faction or "")
            income.append(f"{glyph} ", Style(color=color, bold=True))
            income.append(entry.text + "\n")
    income.rstrip()
    margin = w.tuning.decisive_margin
    rule = Text(
        f"A margin of +{margin} or more at an assessment wins at once; after turn {w.turns} "
        "the largest margin wins.",
        DIM,
    )
    return Group(
        Text(f"Assessment after turn {turn}", Style(bold=True)),
        rule,
        heading("Standing", palette.get("accent")),
        table,
        heading("Victory terms", palette.get("accent")),
        terms,
        heading("Income and upkeep", palette.get("accent")),
        income if income.plain else Text("No income this time.", DIM),
    )


class AssessmentScreen(_ReportScreen):
    """Every assessment turn: where each faction stands against its victory target."""

    REPORT = "assessment"

    def body(self) -> RenderableType:
        """Scores, margins and income at this assessment."""
        return assessment_body(self.result.after, self.result, palette_of(self.app))
