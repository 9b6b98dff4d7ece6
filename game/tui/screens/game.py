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

What the player looks at (the layout, the panels, the keys that look around; a sidebar
on wide terminals, a *Status* tab on narrow ones) comes from
:class:`~game.tui.screens.game_view.GameView`; this module adds the turn to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import VerticalScroll
from textual.widgets import Button, OptionList, TabbedContent

from game.ai.base import Choice
from game.errors import SidraError
from game.tui import settings
from game.tui.screens.dialogs import (
    EndTurnAnswer,
    EndTurnDialog,
    SettingsCommands,
)
from game.tui.screens.game_view import GameView
from game.tui.screens.summary import AssessmentScreen, SummaryScreen
from game.tui.widgets import (
    LogView,
    MapView,
    OrderBuilder,
)
from game.tui.widgets.log_view import ALL


class GameScreen(GameView):
    """Where a turn is played: look at the map, queue orders, end the turn."""

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
