"""The Sidra terminal app: screens, app-wide keys, command palette, help, themes.

:class:`SidraApp` adds to :class:`~game.tui.app_games.GameFlow` (starting, continuing,
loading, saving and leaving games) the actions available everywhere (help, briefing,
high contrast, quit), each bound to a key and listed in the command palette
(:mod:`game.tui.commands`), the crash report and the guard on outside text. The game
itself lives in a UI-free :class:`~game.tui.session.GameSession`; the app only keeps
a reference to the one being played so it can save it or warn before quitting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.filter import LineFilter
from textual.notifications import SeverityLevel

from game import resources
from game.tui.app_games import GameFlow
from game.tui.commands import SidraCommands
from game.tui.paths import default_data_dir
from game.tui.screens.dialogs import Loaded
from game.tui.screens.title import TitleScreen
from game.tui.screens.too_small import fit, follow_screens
from game.tui.text_filter import DROP_CONTROLS
from game.tui.themes import HIGH_CONTRAST, HIGH_CONTRAST_THEME

if TYPE_CHECKING:
    from game.scenario.models import Scenario
    from game.tui.session import GameSession

# The engine, the save format and the screens built on them are imported inside the
# methods that need them: the title screen's first frame must not wait for them.

_HERE = resources.folder("game.tui")
"""This package's folder, found as the shipped data is (game/resources.py)."""


class SidraApp(GameFlow):
    """Sidra in the terminal: title, briefing and game screens with app-wide actions."""

    TITLE = "Sidra"
    SUB_TITLE = "a turn-based strategy game"
    # sidra.tcss: this shell; game.tcss: the game screen and its widgets. Absolute, so
    # a subclass defined elsewhere (a benchmark, a test) still finds them.
    CSS_PATH = [_HERE / "sidra.tcss", _HERE / "game.tcss"]  # noqa: RUF012
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = App.COMMANDS | {
        SidraCommands
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "request_quit", "Quit"),
        Binding("ctrl+c", "request_quit", "Quit", show=False),
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+s", "save_as", "Save as", show=False),
        Binding("b", "briefing", "Briefing"),
    ]

    def __init__(
        self,
        scenario_path: Path | None = None,
        session: GameSession | None = None,
        data_dir: Path | None = None,
        replay: Loaded | None = None,
    ) -> None:
        """``scenario_path`` preselects a scenario on the title; ``session`` skips the title;
        ``replay`` opens the replay viewer on a loaded save."""
        super().__init__(data_dir if data_dir is not None else default_data_dir())
        self.scenario_path = scenario_path
        self._initial_session = session
        self._initial_replay = replay
        self._theme_before_contrast = "textual-dark"
        self.register_theme(HIGH_CONTRAST_THEME)
        self.crash_report: Path | None = None
        """Where the report of an unexpected error was written (None: no crash)."""

    # -- outside text ---------------------------------------------------------------

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then one that keeps control characters in scenario and save
        text (escape codes, overrides) from ever reaching the terminal."""
        return [*super().get_line_filters(), DROP_CONTROLS]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification, always plain text: messages quote names, files and errors, which
        are outside data, so nothing in them is read as markup (``markup`` is ignored)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # -- screens --------------------------------------------------------------------

    def get_default_screen(self) -> TitleScreen:
        """The title is always the bottom screen, so every game can return to it."""
        return TitleScreen(self.data_dir, self.scenario_path)

    def on_resize(self, event: events.Resize) -> None:
        """Below the smallest size the screens are made for, a notice replaces them."""
        fit(self, event.size)

    def _handle_exception(self, error: Exception) -> None:
        """Any error no screen handled: write a crash report (the first time), then let
        Textual end the app (it restores the terminal, prints the traceback and sets
        ``return_code`` to 1). Textual calls this for every unhandled error, from message
        handlers, workers and drawing alike, so this is the one place to catch them."""
        if self.crash_report is None:
            from game.tui.crash import write_crash_report

            self.crash_report = write_crash_report(error, self.data_dir)
        super()._handle_exception(error)

    def on_mount(self) -> None:
        follow_screens(self)
        fit(self, self.size)
        self._apply_saved_theme()
        self._check_autosave_folder()
        if self._initial_session is not None:
            session, self._initial_session = self._initial_session, None
            self.start_game(session)
        if self._initial_replay is not None:
            loaded, self._initial_replay = self._initial_replay, None
            self.open_replay(loaded.match, loaded.path)

    def _check_autosave_folder(self) -> None:
        """Say once, at start, if games cannot autosave (they are played all the same)."""
        from game.tui.paths import prepare_autosaves

        self.autosave_off = prepare_autosaves(self.data_dir)
        if self.autosave_off is not None:
            self.notify(
                f"Autosave is off: {self.autosave_off}. Games can still be played; "
                "ctrl+s saves a copy elsewhere.",
                title="Autosave is off",
                severity="warning",
                timeout=15,
            )

    def action_help(self) -> None:
        """Open the rules reference and key list for the current scenario."""
        from game.tui.screens.help import HelpScreen, screen_keys

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._help_scenario(), screen_keys(self)))

    def _help_scenario(self) -> Scenario | None:
        if self.session is not None:
            return self.session.match.world.scenario
        from game.record.match import Match

        shown = getattr(self.screen, "match", None)  # the replay viewer and its screens
        if isinstance(shown, Match):
            return shown.world.scenario
        title = next((s for s in self.screen_stack if isinstance(s, TitleScreen)), None)
        return title.selected_scenario() if title is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The briefing key is shown only while a game is in play."""
        if action == "briefing":
            return self.session is not None and not self._screen_is_briefing()
        return True

    def _screen_is_briefing(self) -> bool:
        from game.tui.screens.briefing import BriefingScreen

        return isinstance(self.screen, BriefingScreen)

    def action_briefing(self) -> None:
        """Reopen the briefing of the game in play."""
        if self.session is None:
            self.notify("Start or load a game to read its briefing.", severity="warning")
            return
        from game.tui.screens.briefing import BriefingScreen

        if isinstance(self.screen, BriefingScreen):
            return
        self.push_screen(BriefingScreen(self.session, reviewing=True))

    def _apply_saved_theme(self) -> None:
        """Start in high contrast when the player chose it last time."""
        from game.tui.settings_file import saved_high_contrast

        if saved_high_contrast() and self.theme != HIGH_CONTRAST:
            self._theme_before_contrast = self.theme
            self.theme = HIGH_CONTRAST

    def action_toggle_high_contrast(self) -> None:
        """Switch to the high-contrast theme, or back to the theme used before it; the
        choice is kept in the player's settings for the next start."""
        from game.tui import settings

        if self.theme == HIGH_CONTRAST:
            self.theme = self._theme_before_contrast
        else:
            self._theme_before_contrast = self.theme
            self.theme = HIGH_CONTRAST
        problem = settings.current().update(high_contrast=self.theme == HIGH_CONTRAST)
        if problem is not None:
            self.notify(problem, title="Setting not saved", severity="warning")


def run_app(scenario_path: Path | None, session: GameSession | None) -> int:
    """Run the terminal UI until the player quits (``sidra`` and ``sidra play``); the
    exit status (:func:`game.tui.terminal.run_tui`).

    ``scenario_path`` preselects a scenario on the title screen; ``session`` skips the
    title and opens that game's briefing. Autosaves go to the user's data folder.
    """
    from game.tui.terminal import run_tui

    return run_tui(SidraApp(scenario_path=scenario_path, session=session))
