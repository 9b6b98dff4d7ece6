"""The game screen: map, faction panel, tracks, order builder, log and End Turn.

The screen drives a :class:`~game.tui.session.GameSession` and renders it; the state
lives in the session. End Turn walks the hot-seat humans in seat order (a privacy
screen before each when there are several, and each player starts from a clean
screen: no order type, target, highlight, scroll position, map selection or log filter of
the player before survives the hand-over), lets the bots think in a thread worker
while the UI stays responsive, resolves the turn on the main thread, then shows the
turn summary, the assessment on assessment turns and the debrief when the game ends.
Ending a turn with action points unspent (or nothing queued) asks first, unless the
player's settings say not to (the question's "don't ask again", or the command palette).

Wide terminals get a sidebar with the faction panel and tracks; narrow ones (80x24)
get the same panels in a *Status* tab instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static, TabbedContent, TabPane

from game.ai.base import Choice
from game.engine.state import GameState
from game.errors import SidraError
from game.tui import settings
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dialogs import (
    EndTurnAnswer,
    EndTurnDialog,
    SettingsCommands,
)
from game.tui.screens.explain import ExplainScreen
from game.tui.screens.note import NoteDialog
from game.tui.screens.privacy import PrivacyScreen
from game.tui.screens.summary import AssessmentScreen, SummaryScreen
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
from game.tui.widgets.log_view import ALL
from game.tui.widgets.status_line import status_line

WIDE = 110
"""From this many columns the faction panel and tracks sit in a sidebar."""


class GameScreen(Screen[None]):
    """Where a turn is played: look at the map, queue orders, end the turn."""

    # Textual declares this ClassVar[...] | None, which mypy reads as an instance variable.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {SettingsCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "end_turn", "End turn"),
        # The tab titles show m/o/l/s, so the footer keeps its room for the other keys.
        Binding("m", "show_map", "Map", show=False),
        Binding("o", "show_orders", "Orders", show=False),
        Binding("l", "show_log", "Log", show=False),
        Binding("s", "show_status", "Status", show=False),
        Binding("n", "cycle_region", "Next"),
        Binding("x", "remove_order", "Remove"),
        Binding("w", "turn_note", "Why…"),
        Binding("d", "show_debrief", "Debrief", show=False),
    ]

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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "end-turn":
            event.stop()
            self.action_end_turn()

    # -- the turn -----------------------------------------------------------------------

    def action_end_turn(self) -> None:
        """This player is done: hand over to the next human, or let the bots play."""
        if self.thinking:
            self.notify("The bots are still thinking.")
            return
        if self.session.state.finished:
            self.action_show_debrief()
            return
        if self.session.frozen is not None:
            self.notify(self.session.frozen, title="View only", severity="warning")
            return
        question = self._unspent_question()
        if question is None:
            self._end_seat()
            return

        def answered(answer: EndTurnAnswer | None) -> None:
            if answer == "end_and_stop_asking":
                problem = settings.current().update(confirm_end_turn=False)
                self.notify(
                    problem or "e now ends the turn at once (ctrl+p turns the question back on).",
                    title="Settings",
                    markup=False,
                )
            if answer in ("end", "end_and_stop_asking") and not self.thinking:
                self._end_seat()

        self.app.push_screen(EndTurnDialog(question), answered)

    def _unspent_question(self) -> str | None:
        """What to ask before ending this player's turn early, or None to end it now."""
        if self.faction is None or not settings.current().settings.confirm_end_turn:
            return None
        return self.session.end_turn_question(self.faction)

    def _end_seat(self) -> None:
        """This player's orders are in: the next human's turn to enter theirs, or the bots'."""
        humans = self.session.humans()
        if self.faction in humans and humans.index(self.faction) + 1 < len(humans):
            self._hand_over(humans[humans.index(self.faction) + 1])
            self._privacy(self.faction)
            return
        self.thinking = True
        self.query_one(OrderBuilder).disabled = True
        self._refresh_faction()
        self._think()

    def _hand_over(self, faction: str | None) -> None:
        """Give the screen to ``faction``'s player as if it were new: nothing of the player
        before (order builder, map selection, details, log filter and scroll, the tab they
        were on) stays on it."""
        self.faction = faction
        self.query_one(OrderBuilder).reset()
        self.query_one(MapView).selected = None
        log = self.query_one(LogView)
        log.faction_filter = log.kind_filter = ALL
        self.refresh_view()
        entries = self.query_one("#log-entries", OptionList)
        entries.highlighted = 0 if entries.option_count else None
        for scroll in self.query(VerticalScroll):
            scroll.scroll_home(animate=False, immediate=True)
        entries.scroll_home(animate=False, immediate=True)
        self.query_one("#game-tabs", TabbedContent).active = "tab-map"
        self.query_one(MapView).focus()

    def _privacy(self, faction: str) -> None:
        """Cover the screen until ``faction``'s player has the keyboard.

        The last player's messages go too: a toast naming a refused order is a secret.
        """
        fdef = self.session.state.w.factions[faction]
        self.app.clear_notifications()
        self.app.push_screen(PrivacyScreen(fdef, self.session.state.turn))

    @work(thread=True, exclusive=True, group="bots")
    def _think(self) -> None:
        """Let every bot choose its orders off the UI thread, then resolve on the main one."""
        try:
            choices = self.session.bot_choices()
        except SidraError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._resolve, choices)

    def _failed(self, reason: str) -> None:
        self.thinking = False
        self.query_one(OrderBuilder).disabled = False
        self._refresh_faction()
        self.notify(reason, title="The turn could not be resolved", severity="error")

    def _resolve(self, choices: list[Choice]) -> None:
        try:
            result = self.session.end_turn(choices)
        except (SidraError, OSError) as exc:
            self._failed(str(exc))
            return
        self.thinking = False
        self.query_one(OrderBuilder).disabled = False
        self.history = self.session.history()
        humans = self.session.humans()
        if len(humans) > 1:
            self._hand_over(humans[0])
        else:
            self.faction = humans[0] if humans else None
            self.refresh_view()
        self.app.push_screen(SummaryScreen(self.session, result), self._after_summary)

    def _after_summary(self, _: None = None) -> None:
        last = self.session.last
        if last is not None and self.session.state.w.is_assessment(last.before.turn):
            self.app.push_screen(AssessmentScreen(self.session, last), self._next_turn)
        else:
            self._next_turn()

    def _next_turn(self, _: None = None) -> None:
        if self.session.state.finished:
            self.action_show_debrief()
        elif len(self.session.humans()) > 1 and self.faction is not None:
            self._privacy(self.faction)

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
