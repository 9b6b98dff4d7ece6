"""The log of the last turn: every entry with its phase and source, filterable.

``f`` cycles the faction filter (all, each faction, entries of no faction) and ``k``
the kind filter (all, then every kind present). Enter on an entry posts
:class:`LogView.Explain`; the game screen answers with the explanation modal that shows
the rule and every die roll behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.engine.log import LogEntry
from game.engine.world import World
from game.scenario.sources import source_tag
from game.tui.theme_colour import theme_colour

DIM = Style(dim=True)
ALL = "all"
WORLD = "-"
"""Faction filter value for entries that belong to no faction (the world's own events)."""


def entry_prompt(world: World, entry: LogEntry, roll_colour: str | None = None) -> Text:
    """One log line: faction glyph, phase/kind, text, dice and the sources it cites.

    ``roll_colour`` is the theme's colour for the dice count (see ``theme_colour``).
    """
    text = Text()
    if entry.faction in world.factions:
        fdef = world.factions[entry.faction]
        text.append(f"{fdef.glyph} ", Style(color=fdef.color, bold=True))
    else:
        text.append("· ", DIM)
    text.append(f"{entry.kind} ", Style(bold=True))
    text.append(entry.text)
    if entry.rolls:
        count = len(entry.rolls)
        text.append(f" [{count} roll{'' if count == 1 else 's'}]", Style(color=roll_colour))
    if entry.source:
        text.append(f" ({source_tag(entry.source, world.scenario.source)})", DIM)
    return text


class LogView(Vertical):
    """The filter line and the list of the last turn's log entries."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "cycle_faction", "Filter faction"),
        Binding("k", "cycle_kind", "Filter kind"),
    ]

    class Explain(Message):
        """The player asked why an entry happened."""

        def __init__(self, entry: LogEntry, turn_log: Sequence[LogEntry] = ()) -> None:
            self.entry = entry
            self.turn_log = list(turn_log)
            """Every entry of the entry's turn: the causes behind its causes."""
            super().__init__()

    def __init__(self, world: World, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.world = world
        self.entries: list[LogEntry] = []
        self.shown: list[LogEntry] = []
        self.faction_filter = ALL
        self.kind_filter = ALL

    def compose(self) -> ComposeResult:
        yield Static(id="log-filters")
        yield OptionList(id="log-entries")

    def show(self, entries: Sequence[LogEntry]) -> None:
        """Show a new turn's entries (filters that no longer match are reset)."""
        self.entries = list(entries)
        if self.kind_filter not in self._kinds():
            self.kind_filter = ALL
        self._redraw()

    def _kinds(self) -> list[str]:
        kinds: list[str] = [ALL]
        for entry in self.entries:
            if entry.kind not in kinds:
                kinds.append(entry.kind)
        return kinds

    def _passes(self, entry: LogEntry) -> bool:
        if self.kind_filter != ALL and entry.kind != self.kind_filter:
            return False
        if self.faction_filter == ALL:
            return True
        if self.faction_filter == WORLD:
            return entry.faction is None
        return entry.faction == self.faction_filter

    def _redraw(self) -> None:
        self.shown = [e for e in self.entries if self._passes(e)]
        who = (
            "all"
            if self.faction_filter == ALL
            else "no faction"
            if self.faction_filter == WORLD
            else self.world.factions[self.faction_filter].short
        )
        filters = Text()
        filters.append("Faction ", Style(bold=True))
        filters.append(f"{who} (f)  ")
        filters.append("Kind ", Style(bold=True))
        filters.append(f"{self.kind_filter} (k)  ")
        filters.append(f"{len(self.shown)} of {len(self.entries)} · Enter explains", DIM)
        self.query_one("#log-filters", Static).update(filters)
        entries = self.query_one("#log-entries", OptionList)
        keep = entries.highlighted
        if self.entries:
            dice = theme_colour(self.app, "warning")
            entries.set_options([Option(entry_prompt(self.world, e, dice)) for e in self.shown])
        else:
            empty = Text("No turn has been resolved yet.", DIM)
            entries.set_options([Option(empty, disabled=True)])
        if self.shown:
            entries.highlighted = min(keep or 0, len(self.shown) - 1)

    def action_cycle_faction(self) -> None:
        """Next faction filter: all, each faction, then entries of no faction."""
        order = [ALL, *self.world.faction_ids, WORLD]
        self.faction_filter = order[(order.index(self.faction_filter) + 1) % len(order)]
        self._redraw()

    def action_cycle_kind(self) -> None:
        """Next kind filter among the kinds present in this turn's log."""
        kinds = self._kinds()
        index = kinds.index(self.kind_filter) if self.kind_filter in kinds else 0
        self.kind_filter = kinds[(index + 1) % len(kinds)]
        self._redraw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.shown):
            self.post_message(self.Explain(self.shown[event.option_index], self.entries))
