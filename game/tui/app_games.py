"""Games in the app: start, continue, load, replay, save as and leave them.

:class:`GameFlow` is the part of the Sidra app that moves between games: the title
starts one (with its briefing), Continue and Load go straight to the game screen,
Replay opens the replay viewer, Save as writes a copy into the player's saves folder
(which Load lists beside the autosaves), and leaving a game with orders not yet sent
asks first. :class:`~game.tui.app.SidraApp` adds the app-wide keys, help and themes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from game.tui.paths import autosave_dir, saves_dir
from game.tui.screens.dialogs import ConfirmDialog, Loaded, SaveAsDialog
from game.tui.screens.title import TitleScreen

if TYPE_CHECKING:
    from game.record.match import Match
    from game.tui.session import GameSession


class GameFlow(App[None]):
    """The game in play (``session``) and the ways into and out of games."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self._session: GameSession | None = None
        self.autosave_off: str | None = None
        """Why games cannot autosave (found at start), or None."""
        self._broken_autosaves: set[Path] = set()
        """Autosaves found damaged that could not be set aside: Continue skips them."""

    @property
    def session(self) -> GameSession | None:
        """The game in play, if any."""
        return self._session

    @session.setter
    def session(self, session: GameSession | None) -> None:
        """Set the game in play; the header names its scenario while it is played."""
        self._session = session
        if session is None:
            self.sub_title = self.SUB_TITLE or ""
        else:
            self.sub_title = session.match.world.scenario.meta.title

    @property
    def autosave_dir(self) -> Path:
        """Where games autosave and where Continue and Load look."""
        return autosave_dir(self.data_dir)

    def _autosave_warning(self, message: str) -> None:
        self.notify(message, title="Autosave", severity="warning", timeout=12)

    def start_game(self, session: GameSession, *, briefing: bool = True) -> None:
        """Make ``session`` the game in play and show its briefing (Begin opens the game).

        With ``briefing`` False (Continue, Load) the game screen opens at once; the
        briefing is one key away (``b``, in the footer).
        """
        if session.autosave_dir is None:
            session.autosave_dir = self.autosave_dir
            if not session.autosave_name:
                session.autosave_name = _fresh_name(session.match.world.scenario.meta.id)
            session.try_autosave()
        if session.autosave_problem is not None and self.autosave_off is None:
            self._autosave_warning(session.autosave_problem)  # else said at start
        session.warn = self._autosave_warning
        self.session = session
        if briefing:
            from game.tui.screens.briefing import BriefingScreen

            self.push_screen(BriefingScreen(session))
        else:
            from game.tui.screens.game import GameScreen

            self.push_screen(GameScreen(session))

    def play_branch(self, session: GameSession) -> None:
        """Play a new line started in the replay viewer: straight to the game screen.

        The session autosaves the whole match (every line) into the replayed save.
        """
        from game.tui.screens.game import GameScreen

        session.warn = self._autosave_warning
        self.session = session
        self.push_screen(GameScreen(session))

    def replay_below(self) -> bool:
        """True when the game in play was started from the replay viewer under it."""
        from game.tui.screens.replay import ReplayScreen

        stack = self.screen_stack
        return any(isinstance(s, ReplayScreen) for s in stack[:-1])

    def action_back_to_replay(self) -> None:
        """Leave a game played from the replay viewer and go back to the viewer."""
        if not self.replay_below():
            return
        from game.tui.screens.replay import ReplayScreen

        def back() -> None:
            self.session = None
            while not isinstance(self.screen, ReplayScreen):
                self.pop_screen()

        self._leave_game(
            back,
            "Leave this game for the replay viewer? Orders not yet sent will be lost "
            "(every turn played is saved).",
        )

    def open_replay(self, match: Match, path: Path) -> None:
        """Show ``match`` (loaded from ``path``) in the replay viewer, over the title."""
        from game.tui.screens.replay import ReplayScreen

        self.back_to_title()
        self.push_screen(ReplayScreen(match, path))

    def back_to_title(self) -> None:
        """Close every screen above the title and forget the current game (it is autosaved)."""
        self.session = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def _leave_game(self, then: Callable[[], object], question: str) -> None:
        """Run ``then``, asking first if a human has entered orders End Turn has not sent."""
        if self.session is not None and self.session.has_unsent_orders():

            def answered(yes: bool | None) -> None:
                if yes:
                    then()

            self.push_screen(ConfirmDialog(question, yes="Yes, discard them"), answered)
        else:
            then()

    def resume(self, match: Match, path: Path) -> None:
        """Continue a loaded save: back to the title, then straight to its game.

        A save from outside the autosave folder is never overwritten: the continued
        game autosaves into the autosave folder under a new name.
        """
        from game.tui.session import GameSession

        session = GameSession.resume(match, path)
        if path.resolve().parent != self.autosave_dir.resolve():
            session.autosave_dir = self.autosave_dir
            session.autosave_name = _fresh_name(f"{path.stem}-continued")
        self.back_to_title()
        self.start_game(session, briefing=False)

    # -- actions --------------------------------------------------------------------

    def action_request_quit(self) -> None:
        """Quit now, or ask first when a human has orders not yet sent with End Turn."""
        if isinstance(self.screen, ConfirmDialog):
            return
        self._leave_game(
            self.exit,
            "You have entered orders that End Turn has not sent. Quit anyway?\n"
            "The game is autosaved after every End Turn; these orders would be lost.",
        )

    def action_new_game(self) -> None:
        """Go back to the title screen to set up a new game."""
        self._leave_game(
            self.back_to_title,
            "Leave this game for the title screen? Orders not yet sent will be lost "
            "(the game itself is autosaved).",
        )

    def action_continue_game(self) -> None:
        """Resume the most recent autosave (loaded in the background)."""
        from game.tui.session import saves_in

        saves = [p for p in saves_in(self.autosave_dir) if p not in self._broken_autosaves]
        latest = saves[0] if saves else None
        if latest is None:
            self.notify("No autosave yet: games autosave after every turn.", severity="warning")
            return
        self._leave_game(
            partial(self._load_in_background, latest),
            "Leave this game to continue the latest autosave? Orders not yet sent will be lost.",
        )

    def action_load_game(self) -> None:
        """Choose a save to load."""
        self._leave_game(
            self._open_load_dialog,
            "Leave this game to load another? Orders not yet sent will be lost.",
        )

    def action_replay_game(self) -> None:
        """Choose a save to step through in the replay viewer."""
        self._leave_game(
            partial(self._open_load_dialog, replay=True),
            "Leave this game to replay another? Orders not yet sent will be lost.",
        )

    def _open_load_dialog(self, error: str = "", replay: bool = False) -> None:
        def loaded(result: Loaded | None) -> None:
            if result is not None and result.replay:
                self.open_replay(result.match, result.path)
            elif result is not None:
                self.resume(result.match, result.path)

        from game.tui.screens.load import LoadDialog

        dialog = LoadDialog(self.autosave_dir, saves_dir(self.data_dir), error, replay=replay)
        self.push_screen(dialog, loaded)

    @work(thread=True, exclusive=True, group="load-save")
    def _load_in_background(self, path: Path) -> None:
        """Load ``path``; if it is broken (any exception at all), set it aside, fall back
        to the last good game and say what was wrong (:func:`autosaves.recover`)."""
        from game.record.save import load_save
        from game.tui.autosaves import recover

        try:
            match = load_save(path)
        except Exception as exc:  # SaveError, or anything else: never the end of the app
            found = recover(path, str(exc), self.autosave_dir, self._broken_autosaves)
        else:
            self.call_from_thread(self.resume, match, path)
            return
        if found.match is None or found.path is None:
            self.call_from_thread(self._open_load_dialog, found.message)
            return
        self.call_from_thread(
            self.notify,
            found.message,
            title="The latest autosave is damaged",
            severity="warning",
            timeout=15,
        )
        self.call_from_thread(self.resume, found.match, found.path)

    def action_save_as(self) -> None:
        """Save the game in play to a file the player names."""
        session = self.session
        if session is None:
            self.notify("There is no game in play to save.", severity="warning")
            return
        name = session.autosave_name or _fresh_name(session.match.world.scenario.meta.id)
        default = saves_dir(self.data_dir) / name

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Saved to {path}", title="Saved")

        self.push_screen(SaveAsDialog(session, default), saved)


def _fresh_name(stem: str) -> str:
    """A new autosave file name: ``<stem>-<date>-<time>.json``."""
    return f"{stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
