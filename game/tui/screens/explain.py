""" "Why did this happen?": one log entry with what it changed, its rule, every die roll
and its source.

The log already holds everything needed (``LogEntry.changes``, ``rule`` and ``rolls``),
so nothing is re-run. What an entry changed is listed figure by figure with every cause
and amount, e.g. "Escalation +3: Tobruk government: attack on Misrata +1 · ...", and for
a change of output the turn's story of each region behind it (the strike that set its
tanks ablaze, the battle that changed its holder). The source paragraph is shown as its
id plus, for the default scenario, the fact sheet's own-words facts from that paragraph
and any attributed quotes from it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import lru_cache
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
from game.tui.screens.summary import faction_tag, heading

FACT_SHEETS = {
    "oil-crescent-2014": Path(__file__).resolve().parents[3] / "seeds" / "facts.toml",
}
"""Fact sheets (paragraph -> facts in our own words) of the scenarios that have one."""

BOLD = Style(bold=True)
DIM = Style(dim=True)


@lru_cache(maxsize=4)
def paragraph_facts(path: Path) -> dict[str, tuple[str, ...]]:
    """The fact sheet's texts grouped by paragraph id; empty if the sheet is unreadable."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, list[str]] = {}
    for fact in data.get("fact", []):
        if isinstance(fact, dict) and isinstance(fact.get("text"), str):
            found.setdefault(str(fact.get("source", "")), []).append(fact["text"])
    return {k: tuple(v) for k, v in found.items()}


def source_text(world: World, source: str | None) -> RenderableType:
    """The source paragraph(s) of an entry: ids, facts from them and quotes from them."""
    if not source:
        return Text("No source given.", DIM)
    if source == "design":
        return Text("design: a rule added for playability, not taken from the article.", DIM)
    sheet = FACT_SHEETS.get(world.scenario.meta.id)
    facts = paragraph_facts(sheet) if sheet is not None else {}
    briefing = world.scenario.briefing
    quotes = [*briefing.framing, *briefing.quotes] if briefing is not None else []
    text = Text()
    for para in source.split(","):
        para = para.strip()
        text.append(f"{para}", BOLD)
        text.append(f" (paragraph {para[1:]} of the article; p0 is the headline)\n", DIM)
        for fact in facts.get(para, ()):
            text.append(f"  • {fact}\n")
        for quote in quotes:
            if para in quote.source.split(","):
                text.append(f"  “{quote.text}”", Style(italic=True))
                text.append(f" (the source: {quote.by})\n", DIM)
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


def explanation(world: World, entry: LogEntry, turn_log: Sequence[LogEntry] = ()) -> Group:
    """Everything the modal shows for one entry (``turn_log``: its turn's whole log)."""
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
    parts += [heading("Source"), source_text(world, entry.source)]
    return Group(*parts)


class ExplainScreen(ModalScreen[None]):
    """A modal explaining one log entry; Escape or Enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, world: World, entry: LogEntry, turn_log: Sequence[LogEntry] = ()) -> None:
        super().__init__(classes="explain")
        self.world = world
        self.entry = entry
        self.turn_log = list(turn_log)

    def compose(self) -> ComposeResult:
        with Vertical(id="explain-box"):
            with VerticalScroll(id="explain-scroll"):
                yield Static(explanation(self.world, self.entry, self.turn_log), id="explain-text")
            yield Static(Text("Esc or Enter closes", DIM), id="explain-hint")

    def action_close(self) -> None:
        """Back to the log."""
        self.dismiss(None)
