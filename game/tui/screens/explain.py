""" "Why did this happen?": one log entry with what it changed, its rule, every die roll
and its source.

The log already holds everything needed (``LogEntry.changes``, ``rule`` and ``rolls``),
so nothing is re-run. What an entry changed is listed figure by figure with every cause
and amount, e.g. "Escalation +3: Tobruk government: attack on Misrata +1 · ...", and for
a change of output the turn's story of each region behind it (the strike that set its
tanks ablaze, the battle that changed its holder). Each source the entry cites is shown
with its title from the scenario's ``[[source]]`` table, the facts the scenario's fact
sheet (``[story] facts``) takes from it and any attributed quotes from it.

The fact sheet is read beside the scenario file the game was started from; when it is not
there (a save opened on another machine) or cannot be read, the sources are shown without
facts and a line says why, so the explanation never depends on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from game.engine.log import LogEntry
from game.engine.world import World
from game.record.causes import (
    Cause,
    act_words,
    amount,
    cause_words,
    causes,
    figure_name,
    figures_changed,
    region_story,
)
from game.record.words import roll_text, side_name
from game.scenario.errors import ScenarioError
from game.scenario.models import Scenario
from game.scenario.sources import CONTEXT, cited, is_design, short_reference, source_details
from game.scenario.story_files import read_fact_sheet
from game.tui.screens.summary import faction_tag, heading

BOLD = Style(bold=True)
DIM = Style(dim=True)
MAX_CACHED = 4
"""Fact sheets kept read (the scenarios of the last few games explained)."""


@dataclass(frozen=True)
class StoryFacts:
    """A scenario's fact sheet as Explain uses it: facts by source id, or why there are none."""

    by_source: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""


_read: dict[tuple[str, str, tuple[str, ...]], StoryFacts] = {}


def story_facts(scenario: Scenario, scenario_file: str | Path | None) -> StoryFacts:
    """The fact sheet ``scenario`` names, read beside ``scenario_file`` (kept once read).

    No sheet named: no facts and no note. Not found or unreadable: no facts, and a note
    naming the file and the reason (it is outside data; the game goes on without it).
    """
    name = scenario.story.facts
    if not name:
        return StoryFacts()
    if scenario_file is None:
        return StoryFacts(note=f"The fact sheet '{name}' is not available here.")
    key = (str(scenario_file), name, tuple(s.id for s in scenario.source))
    found = _read.get(key)
    if found is None:
        try:
            sheet = read_fact_sheet(scenario, scenario_file)
        except ScenarioError as exc:
            found = StoryFacts(note=f"The fact sheet could not be read: {exc.problems[0]}")
        else:
            found = StoryFacts(by_source=sheet.by_source() if sheet is not None else {})
        if len(_read) >= MAX_CACHED:
            _read.pop(next(iter(_read)))
        _read[key] = found
    return found


def source_text(
    world: World, source: str | None, facts: StoryFacts | None = None
) -> RenderableType:
    """The sources an entry cites: each id with its title, facts and quotes from it."""
    if not source:
        return Text("No source given.", DIM)
    facts = facts or StoryFacts()
    declared = {s.id: s for s in world.scenario.source}
    briefing = world.scenario.briefing
    quotes = [*briefing.framing, *briefing.quotes] if briefing is not None else []
    text = Text()
    for source_id in cited(source):
        text.append(source_id, BOLD)
        if is_design(source_id):
            text.append(": a rule added for playability, not taken from the sources.\n", DIM)
            continue
        entry = declared.get(source_id)
        if entry is not None:
            if entry.kind == CONTEXT:
                # Outside knowledge is marked apart from the article, with its reference.
                text.append(f" context ({short_reference(entry)}), not in the article:", DIM)
            # Titles and facts are the scenario's text: shown as text, never markup.
            text.append(f" {entry.title}\n")
            detail = source_details(entry)
            if detail:
                text.append(f"  {detail}\n", DIM)
        else:
            text.append("\n")
        for fact in facts.by_source.get(source_id, ()):
            text.append(f"  • {fact}\n")
        for quote in quotes:
            if source_id in cited(quote.source):
                text.append(f"  “{quote.text}”", Style(italic=True))
                text.append(f" (the source: {quote.by})\n", DIM)
    if facts.note:
        text.append(facts.note, DIM)
    text.rstrip()
    return text


def _words(world: World, subject: str, cause: Cause) -> str:
    """A cause in words; the owner is not named again beside its own figure."""
    return act_words(world, cause) if cause.by == subject else cause_words(world, cause)


def changes_text(world: World, entry: LogEntry, turn_log: Sequence[LogEntry] = ()) -> Text:
    """What an entry changed, figure by figure, with each cause and amount."""
    out = Text()
    for figure, subject in figures_changed([entry]):
        found = causes([entry], figure, subject)
        total = sum(c.delta for c in found)
        out.append(figure_name(world, figure, subject), BOLD)
        out.append(f" {amount(world, figure, subject, total)}", BOLD)
        if len(found) == 1 and found[0].why:
            out.append(f": {_words(world, subject, found[0])}\n")
            continue
        out.append("\n")
        for cause in sorted(found, key=lambda c: -abs(c.delta)):
            out.append(f"  {amount(world, figure, subject, cause.delta):>12}  ")
            out.append(f"{_words(world, subject, cause)}\n")
    for c in entry.changes:
        if c.figure == "control" and c.subject in world.regions:
            out.append(f"{world.regions[c.subject].name}", BOLD)
            out.append(f": {side_name(world, c.before)} → {side_name(world, c.after)}")
            out.append(f" ({c.why})\n" if c.why else "\n")
    oil = [
        rid
        for rid in world.region_ids
        if world.regions[rid].facilities.capacity_bpd
        and any(
            c.figure == "track" and c.why.startswith(world.regions[rid].name) for c in entry.changes
        )
    ]
    for rid in oil:
        story = [(e, c) for e, c in region_story(turn_log, rid) if e is not entry]
        if not story:
            continue
        out.append(f"Behind {world.regions[rid].name} this turn:\n", DIM)
        for e, c in story:
            what = figure_name(world, c.figure, c.subject)
            if c.figure == "control":
                what += f" {side_name(world, c.before)} → {side_name(world, c.after)}"
            else:
                what += f" {amount(world, c.figure, c.subject, c.delta)}"
            out.append(f"  {what}: {c.why or e.text}\n", DIM)
    out.rstrip()
    return out if out.plain else Text("Nothing the log tracks changed.", DIM)


def explanation(
    world: World,
    entry: LogEntry,
    turn_log: Sequence[LogEntry] = (),
    facts: StoryFacts | None = None,
) -> Group:
    """Everything the modal shows for one entry (``turn_log``: its turn's whole log;
    ``facts``: the scenario's fact sheet, see :func:`story_facts`)."""
    kind = entry.kind.replace("_", " ")
    head = Text(f"Turn {entry.turn} · {entry.phase} phase", BOLD)
    if kind != entry.phase:
        head.append(f" · {kind}", BOLD)
    who = Text()
    if entry.faction is not None:
        who.append_text(faction_tag(world, entry.faction))
    if entry.region in world.regions:
        who.append(f"{'  ' if who.plain else ''}at {world.regions[entry.region].name}")
    parts: list[RenderableType] = [head, who, Text(""), Text(entry.text)]
    parts += [heading("What it changed"), changes_text(world, entry, turn_log)]
    rule = Text(entry.rule) if entry.rule else Text("(no rule recorded)", DIM)
    parts += [heading("Rule"), rule]
    parts.append(heading(f"Dice ({len(entry.rolls)})"))
    if entry.rolls:
        table = Table(box=None, padding=(0, 1), header_style=BOLD)
        table.add_column("purpose")
        table.add_column("die")
        table.add_column("roll", justify="right")
        table.add_column("what it decided")
        for roll in entry.rolls:
            # A save's rolls are outside data: text, never markup.
            purpose = Text(roll_text(world, roll.purpose))
            table.add_row(purpose, f"d{roll.sides}", str(roll.value), Text(roll.decided))
        parts.append(table)
    else:
        parts.append(Text("No dice: this followed from the rules alone.", DIM))
    parts += [heading("Source"), source_text(world, entry.source, facts)]
    return Group(*parts)


class ExplainScreen(ModalScreen[None]):
    """A modal explaining one log entry; Escape or Enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "close", "Close")]

    def __init__(
        self,
        world: World,
        entry: LogEntry,
        turn_log: Sequence[LogEntry] = (),
        *,
        scenario_file: str | Path | None = None,
    ) -> None:
        """``scenario_file``: where the game's scenario was read from; its fact sheet is
        looked for beside it."""
        super().__init__(classes="explain")
        self.world = world
        self.entry = entry
        self.turn_log = list(turn_log)
        self.facts = story_facts(world.scenario, scenario_file)

    def compose(self) -> ComposeResult:
        with Vertical(id="explain-box"):
            with VerticalScroll(id="explain-scroll"):
                body = explanation(self.world, self.entry, self.turn_log, self.facts)
                yield Static(body, id="explain-text")
            yield Static(Text("Esc or Enter closes", DIM), id="explain-hint")

    def action_close(self) -> None:
        """Back to the log."""
        self.dismiss(None)
