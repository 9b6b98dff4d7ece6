"""The game screen's view: its layout, the panels it refreshes, the messages of its
widgets and the actions behind its keys (tabs, regions, notes, the debrief).

Split from :mod:`game.tui.screens.game` by job: :class:`GameView` shows a
:class:`~game.tui.session.GameSession` and lets the player look and queue orders;
:class:`~game.tui.screens.game.GameScreen` adds the turn itself (ending it, hot-seat
hand-overs, the bots' worker, the summaries).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Static, TabbedContent, TabPane

from game.engine.state import GameState
from game.tui import settings
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.explain import ExplainScreen
from game.tui.screens.note import NoteDialog
from game.tui.screens.privacy import PrivacyScreen
from game.tui.session import GameSession
from game.tui.theme_colour import theme_colour
from game.tui.widgets import (
    FactionPanel,
    LogView,
    MapView,
    OrderBuilder,
    RegionDetails,
    TracksPanel,
)
from game.tui.widgets.key_footer import KeyFooter
from game.tui.widgets.status_line import status_line

WIDE = 110
"""From this many columns the faction panel and tracks sit in a sidebar."""


class GameView(Screen[None]):
    """What a player looks at while a turn is open: map, panels, order builder and log."""

    # Textual declares this ClassVar[...] | None, which mypy reads as an instance variable.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session
        humans = session.humans()
        self.faction: str | None = humans[0] if humans else None
        self.thinking = False
        self.history: list[GameState] = session.history()

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        world = self.session.state.w
        with Horizontal(id="game-top"):
            yield Static(id="game-status")
            yield Static(id="thinking")
            yield Button("End turn", id="end-turn", compact=True, variant="primary")
        with Horizontal(id="game-body"):
            with TabbedContent(initial="tab-map", id="game-tabs"):
                with TabPane("Map m", id="tab-map"), Horizontal(id="map-row"):
                    yield MapView(id="map")
                    with VerticalScroll(id="details-scroll"):
                        yield RegionDetails(id="details")
                with TabPane("Orders o", id="tab-orders"):
                    yield OrderBuilder(self.session, id="orders")
                with TabPane("Log l", id="tab-log"):
                    yield LogView(world, id="log")
                with TabPane("Status s", id="tab-status"), VerticalScroll(classes="status-scroll"):
                    yield FactionPanel(classes="faction-panel")
                    yield TracksPanel(world, classes="tracks-panel")
            with VerticalScroll(id="sidebar"):
                yield FactionPanel(classes="faction-panel")
                yield TracksPanel(world, classes="tracks-panel")
        yield KeyFooter()

    def on_mount(self) -> None:
        problem = settings.current().take_problem()
        if problem is not None:
            self.notify(problem, title="Settings", severity="warning", timeout=15, markup=False)
        self.refresh_view()
        self.query_one(MapView).focus()
        humans = self.session.humans()
        if self.session.frozen is not None:
            self.query_one(OrderBuilder).disabled = True
            self.notify(
                f"{self.session.frozen[0].upper()}{self.session.frozen[1:]}.",
                title="Viewing an older game",
                severity="warning",
                timeout=15,
            )
        elif self.session.state.finished:
            self.call_after_refresh(self.action_show_debrief)
        elif len(humans) > 1 and self.faction is not None:
            self.call_after_refresh(self._privacy, self.faction)

    def _privacy(self, faction: str) -> None:
        """Cover the screen until ``faction``'s player has the keyboard.

        The last player's messages go too: a toast naming a refused order is a secret.
        """
        fdef = self.session.state.w.factions[faction]
        self.app.clear_notifications()
        self.app.push_screen(PrivacyScreen(fdef, self.session.state.turn))

    def on_resize(self, event: Resize) -> None:
        tabs = self.query_one("#game-tabs", TabbedContent)
        if event.size.width >= WIDE:
            if tabs.active == "tab-status":
                self.action_show_map()
            tabs.hide_tab("tab-status")
        else:
            tabs.show_tab("tab-status")

    # -- rendering the session ----------------------------------------------------------

    def refresh_view(self) -> None:
        """Redraw every panel from the session (after a turn, an order or a hand-over)."""
        state = self.session.state
        game_map = self.query_one(MapView)
        game_map.show_state(state, self.faction)
        if game_map.selected is not None:
            self.query_one(RegionDetails).show(state, game_map.selected)
        for tracks in self.query(TracksPanel):
            tracks.show(self.history)
        self.query_one(OrderBuilder).show(self.faction)
        self.query_one(LogView).show(self.session.last.log if self.session.last else [])
        self._refresh_faction()

    def _refresh_faction(self) -> None:
        state = self.session.state
        queued = self.session.orders_of(self.faction) if self.faction else []
        for panel in self.query(FactionPanel):
            panel.show(state, self.faction, queued)
        status = status_line(
            state,
            self.faction,
            queued,
            frozen=self.session.frozen is not None,
            noted=bool(self.faction and self.session.intents.get(self.faction)),
            warning=Style(color=theme_colour(self.app, "warning")),
        )
        self.query_one("#game-status", Static).update(status)
        self.query_one("#thinking", Static).update(
            Text("bots thinking…", Style(color=theme_colour(self.app, "warning"), bold=True))
            if self.thinking
            else ""
        )
        self.query_one("#end-turn", Button).disabled = (
            self.thinking or state.finished or self.session.frozen is not None
        )

    # -- messages -----------------------------------------------------------------------

    def on_map_view_region_selected(self, message: MapView.RegionSelected) -> None:
        self.query_one(RegionDetails).show(self.session.state, message.region_id)
        self.query_one(OrderBuilder).prefer_region(message.region_id)

    def on_order_builder_orders_changed(self, message: OrderBuilder.OrdersChanged) -> None:
        self._refresh_faction()

    def on_order_builder_turn_note_wanted(self, message: OrderBuilder.TurnNoteWanted) -> None:
        self.action_turn_note()

    def on_log_view_explain(self, message: LogView.Explain) -> None:
        file = self.session.match.scenario.file
        explain = ExplainScreen(
            self.session.state.w, message.entry, message.turn_log, scenario_file=file
        )
        self.app.push_screen(explain)

    # -- actions for keys and the command palette ---------------------------------------

    def _tab(self, tab: str, focus: Widget) -> None:
        """Show a tab and focus a widget in it.

        A focused widget left in a hidden pane would pull TabbedContent back to it.
        """
        self.query_one("#game-tabs", TabbedContent).active = tab
        focus.focus()

    def action_show_map(self) -> None:
        """Show the map and put the keyboard on it."""
        self._tab("tab-map", self.query_one(MapView))

    def action_show_orders(self) -> None:
        """Show the order builder."""
        self._tab("tab-orders", self.query_one("#ob-types"))

    def action_show_log(self) -> None:
        """Show the last turn's log."""
        self._tab("tab-log", self.query_one("#log-entries"))

    def action_show_status(self) -> None:
        """Show the faction panel and tracks (a tab on narrow screens, the sidebar otherwise)."""
        if self.size.width < WIDE:
            self._tab("tab-status", self.query_one("#tab-status .status-scroll"))
        else:
            self.query_one("#sidebar").focus()

    def action_cycle_region(self) -> None:
        """Select the next region on the map."""
        if self.query_one("#game-tabs", TabbedContent).active != "tab-map":
            self.action_show_map()
        self.query_one(MapView).action_cycle_region(1)

    def action_remove_order(self) -> None:
        """Take back the highlighted (or last) queued order."""
        if not self.thinking:
            self.query_one(OrderBuilder).action_remove_order()

    def action_turn_note(self) -> None:
        """Write why this faction plays the turn as it does (private until it resolves)."""
        faction = self.faction
        if faction is None or self.thinking or self.session.frozen is not None:
            self.notify("Notes are written by a player, before ending the turn.")
            return
        fdef = self.session.state.w.factions[faction]

        def noted(text: str | None) -> None:
            if text is not None:
                self.session.set_intent(faction, text)
                self._refresh_faction()

        self.app.push_screen(
            NoteDialog(
                f"{fdef.short}: why this turn?",
                "One line on what you are trying to do. The other players see it only "
                "after the turn is resolved; it is saved with the game for the debrief.",
                self.session.intents.get(faction, ""),
            ),
            noted,
        )

    def action_show_debrief(self) -> None:
        """The debrief (only once the game is over)."""
        if not self.session.state.finished:
            self.notify("The debrief opens when the game is over.")
            return
        self.app.push_screen(DebriefScreen(self.session))
