"""The briefing: what players read before the first turn (and can reopen any time).

Everything here comes from the scenario: the situation paragraphs, each side with its
glyph, colour, goals and victory formula (worded by :mod:`game.tui.describe`), who
plays it, the source's framing as attributed quotes, the key quotes, the sources and
the source named and weighed (:mod:`game.tui.screens.about_source`).
The source's loaded words are only ever shown as quotations, so the game itself
stays neutral and the briefing doubles as a lesson in reading a source critically.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Static

from game.record.words import seat_label
from game.scenario.models import Faction, Scenario
from game.tui.describe import (
    calendar_line,
    citation_line,
    framing_line,
    quote_line,
    victory_rules,
)
from game.tui.describe_terms import faction_goals, victory_formula
from game.tui.screens.about_source import about_source_widgets
from game.tui.session import GameSession

if TYPE_CHECKING:
    from game.tui.app import SidraApp


class BriefingScreen(Screen[None]):
    """Scenario briefing before the game; Begin (Enter) switches to the game screen.

    With ``reviewing=True`` it is reopened during a game: Begin and Escape just close it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "begin", "Begin"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, session: GameSession, *, reviewing: bool = False) -> None:
        super().__init__(id="briefing")
        self.session = session
        self.reviewing = reviewing

    @property
    def scenario(self) -> Scenario:
        """The scenario of the game being briefed."""
        return self.session.match.world.scenario

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        meta = scenario.meta
        briefing = scenario.briefing
        yield Header()
        with VerticalScroll(id="briefing-body", classes="reading"):
            yield Static(Content(meta.title), classes="page-title")
            if meta.subtitle:
                yield Static(Content(meta.subtitle), classes="subtitle")
            yield Static(Content(calendar_line(scenario)), id="calendar", classes="note")
            yield Static("The situation", classes="section-title")
            for paragraph in briefing.situation:
                yield Static(Content(paragraph), classes="paragraph")
            yield Static("The sides", classes="section-title")
            for faction in scenario.faction:
                yield self._faction_card(faction)
            yield Static("How to win", classes="section-title")
            yield Static(Content("\n".join(victory_rules(scenario))), classes="paragraph")
            if briefing.framing:
                yield Static("How the source frames it", classes="section-title")
                yield Static(Content(scenario.story.framing_note), classes="note")
                for quote in briefing.framing:
                    yield Static(
                        Content(framing_line(quote, scenario.source)), classes="quote framing"
                    )
            # What was said by the start date only: later words come with their events.
            said = [q for q in briefing.quotes if q.known_by(scenario.meta.start)]
            if said:
                yield Static("Key quotes", classes="section-title")
                for quote in said:
                    yield Static(Content(quote_line(quote, scenario.source)), classes="quote")
            if briefing.sources:
                yield Static("Sources", classes="section-title")
                for citation in briefing.sources:
                    yield Static(Content(citation_line(citation)), classes="paragraph")
            yield from about_source_widgets(scenario)
        with Horizontal(id="briefing-actions", classes="action-bar"):
            if self.reviewing:
                label = "Back to the game"
            elif self.session.frozen is not None:
                label = "View the saved game (older rules)"
            elif self.session.state.finished:
                label = "View the result"
            elif self.session.match.turns:
                label = f"Resume at turn {self.session.state.turn}"
            else:
                label = "Begin"
            yield Button(label, id="begin", variant="primary")
        yield Footer()

    def _faction_card(self, faction: Faction) -> Widget:
        seat = next((s for s in self.session.seats if s.faction == faction.id), None)
        glyph = Static(Content(faction.glyph), classes="glyph")
        glyph.styles.color = faction.color
        head = Horizontal(
            glyph,
            Static(
                Content(f"{faction.name} — played by {seat_label(seat)}"), classes="faction-name"
            ),
            classes="faction-head",
        )
        goals = faction_goals(faction, self.scenario)
        parts: list[Widget] = [head]
        if faction.description:
            parts.append(Static(Content(faction.description), classes="paragraph"))
        parts.append(
            Static(Content("Goals:\n" + "\n".join(f" • {g}" for g in goals)), classes="goals")
        )
        parts.append(
            Static(
                Content("Victory: " + victory_formula(faction, self.scenario)), classes="formula"
            )
        )
        card = Vertical(*parts, classes="faction-card", id=f"faction-{faction.id}")
        card.styles.border_left = ("thick", faction.color)
        return card

    def on_mount(self) -> None:
        self.query_one("#briefing-body").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "begin":
            event.stop()
            self.action_begin()

    def action_begin(self) -> None:
        """Start playing: replace the briefing with the game screen (or close if reviewing)."""
        if self.reviewing:
            self.dismiss(None)
            return
        from game.tui.screens.game import GameScreen

        self.app.switch_screen(GameScreen(self.session))

    def action_back(self) -> None:
        """Close the briefing; before a game starts, go back to the title screen."""
        if self.reviewing:
            self.dismiss(None)
            return
        cast("SidraApp", self.app).back_to_title()
