"""The Sidra terminal app: screens, app-wide keys, command palette, themes, quitting.

:class:`SidraApp` owns the flow between screens (title -> briefing -> game) and the
actions available everywhere (new game, continue, load, save as, help, briefing,
high contrast, quit), each bound to a key and listed in the command palette. The game
itself lives in a UI-free :class:`~game.tui.session.GameSession`; the app only keeps
a reference to the one being played so it can save it or warn before quitting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.theme import Theme

from game.tui.paths import autosave_dir, default_data_dir, saves_dir
from game.tui.screens.dialogs import ConfirmDialog, LoadDialog, Loaded, SaveAsDialog
from game.tui.screens.title import TitleScreen
from game.tui.screens.too_small import fit, follow_screens
from game.tui.text_filter import DROP_CONTROLS

if TYPE_CHECKING:
    from game.record.match import Match
    from game.scenario.models import Scenario
    from game.tui.session import GameSession

# The engine, the save format and the screens built on them are imported inside the
# methods that need them: the title screen's first frame must not wait for them.

_HERE = Path(__file__).resolve().parent

HIGH_CONTRAST = "sidra-high-contrast"

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF8C00",
    warning="#FFD700",
    error="#FF4040",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#FFFFFF",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#A0A0A0",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#0000C0",
        "text-muted": "#E0E0E0",
    },
)
"""Pure black and white with saturated accents, for projectors and low vision."""

_NOISE = frozenset(
    {
        "app.focus_next",
        "app.focus_previous",
        "screen.copy_text",
        "screen.maximize",
        "screen.minimize",
        "focus_next",
        "focus_previous",
    }
)
"""Generic bindings every screen has; the help screen leaves them out."""


class SidraCommands(Provider):
    """Sidra's actions in the command palette (ctrl+p), beside Textual's own (themes, keys)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("SidraApp", self.app)
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("New game", "Back to the title screen to start a new game", app.action_new_game),
            ("Continue", "Resume the most recent autosave", app.action_continue_game),
            ("Load game", "Open a saved game", app.action_load_game),
        ]
        if app.session is not None:
            commands.append(("Save as", "Save this game to a file you name", app.action_save_as))
        commands.append(("Help", "Rules reference, phases and keys", app.action_help))
        if app.session is not None:
            commands.append(("Briefing", "Reread the scenario briefing", app.action_briefing))
        commands += [
            (
                "Toggle high contrast",
                "Switch between the high-contrast theme and the previous one",
                app.action_toggle_high_contrast,
            ),
            ("Quit", "Leave Sidra (asks first if orders are not sent)", app.action_request_quit),
            (
                "Replay a saved game",
                "Step through a saved game turn by turn, with notes and variations",
                app.action_replay_game,
            ),
        ]
        if app.replay_below():
            commands.append(
                (
                    "Back to the replay",
                    "Leave this game for the replay viewer it was started from",
                    app.action_back_to_replay,
                )
            )
        return commands + self._screen_commands([name for name, _, _ in commands])

    def _screen_commands(self, taken: list[str]) -> list[tuple[str, str, Callable[[], object]]]:
        """The shown key bindings of the screen the palette was opened on, as commands.

        So every action of the game screen (End turn, Remove order, the tabs, the log
        filters...) is in the palette too, without a second list that could drift.
        """
        found: list[tuple[str, str, Callable[[], object]]] = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            name = binding.description
            if not (name and active.enabled) or active.node is self.app:
                continue
            if name in taken:
                continue
            taken.append(name)
            key = self.app.get_key_display(binding)
            run = partial(self.app.run_action, binding.action, active.node)
            found.append((name, f"Key {key}", run))
        return found

    async def discover(self) -> Hits:
        """Every Sidra command, shown when the palette opens."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Sidra commands matching what the player typed (fuzzy)."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)


class SidraApp(App[None]):
    """Sidra in the terminal: title, briefing and game screens with app-wide actions."""

    TITLE = "Sidra"
    SUB_TITLE = "a strategy game of the Libyan civil war"
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
        super().__init__()
        self.scenario_path = scenario_path
        self.data_dir = data_dir if data_dir is not None else default_data_dir()
        self.session: GameSession | None = None
        self._initial_session = session
        self._initial_replay = replay
        self._theme_before_contrast = "textual-dark"
        self.register_theme(HIGH_CONTRAST_THEME)
        self.crash_report: Path | None = None
        """Where the report of an unexpected error was written (None: no crash)."""
        self.autosave_off: str | None = None
        """Why games cannot autosave (found at start), or None."""
        self._broken_autosaves: set[Path] = set()
        """Autosaves found damaged that could not be set aside: Continue skips them."""

    @property
    def autosave_dir(self) -> Path:
        """Where games autosave and where Continue and Load look."""
        return autosave_dir(self.data_dir)

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

    def _autosave_warning(self, message: str) -> None:
        self.notify(message, title="Autosave", severity="warning", timeout=12)

    def start_game(self, session: GameSession) -> None:
        """Make ``session`` the game in play and show its briefing (Begin opens the game)."""
        if session.autosave_dir is None:
            session.autosave_dir = self.autosave_dir
            if not session.autosave_name:
                session.autosave_name = _fresh_name(session.match.world.scenario.meta.id)
            session.try_autosave()
        if session.autosave_problem is not None and self.autosave_off is None:
            self._autosave_warning(session.autosave_problem)  # else said at start
        session.warn = self._autosave_warning
        from game.tui.screens.briefing import BriefingScreen

        self.session = session
        self.push_screen(BriefingScreen(session))

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
        """Continue a loaded save: back to the title, then its briefing and game.

        A save from outside the autosave folder is never overwritten: the continued
        game autosaves into the autosave folder under a new name.
        """
        from game.tui.session import GameSession

        session = GameSession.resume(match, path)
        if path.resolve().parent != self.autosave_dir.resolve():
            session.autosave_dir = self.autosave_dir
            session.autosave_name = _fresh_name(f"{path.stem}-continued")
        self.back_to_title()
        self.start_game(session)

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

        self.push_screen(LoadDialog(self.autosave_dir, error, replay=replay), loaded)

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

    def action_help(self) -> None:
        """Open the rules reference and key list for the current scenario."""
        from game.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._help_scenario(), self._keys_of_screen()))

    def _keys_of_screen(self) -> list[tuple[str, str]]:
        """(key, what it does) for the current screen: the footer's keys plus the hidden
        screen and app keys, without the generic widget navigation noise."""
        keys: list[tuple[str, str]] = []
        seen: set[tuple[str, str]] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if binding.system or not binding.description or key in ("ctrl+c", "ctrl+q"):
                continue
            if binding.action in ("command_palette", "app.command_palette"):
                continue
            own = active.node is self.screen or active.node is self
            if not binding.show and not (own and binding.action not in _NOISE):
                continue
            row = (self.get_key_display(binding), binding.description)
            if row not in seen:
                seen.add(row)
                keys.append(row)
        keys.append(("tab, shift+tab", "Move between controls"))
        keys.append(("ctrl+p", "Command palette: every action, and themes"))
        return keys

    def _help_scenario(self) -> Scenario | None:
        if self.session is not None:
            return self.session.match.world.scenario
        from game.record.match import Match

        shown = getattr(self.screen, "match", None)  # the replay viewer and its screens
        if isinstance(shown, Match):
            return shown.world.scenario
        title = next((s for s in self.screen_stack if isinstance(s, TitleScreen)), None)
        return title.selected_scenario() if title is not None else None

    def action_briefing(self) -> None:
        """Reopen the briefing of the game in play."""
        if self.session is None:
            self.notify("Start or load a game to read its briefing.", severity="warning")
            return
        from game.tui.screens.briefing import BriefingScreen

        if isinstance(self.screen, BriefingScreen):
            return
        self.push_screen(BriefingScreen(self.session, reviewing=True))

    def action_toggle_high_contrast(self) -> None:
        """Switch to the high-contrast theme, or back to the theme used before it."""
        if self.theme == HIGH_CONTRAST:
            self.theme = self._theme_before_contrast
        else:
            self._theme_before_contrast = self.theme
            self.theme = HIGH_CONTRAST


def _fresh_name(stem: str) -> str:
    """A new autosave file name: ``<stem>-<date>-<time>.json``."""
    return f"{stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.json"


def run_app(scenario_path: Path | None, session: GameSession | None) -> int:
    """Run the terminal UI until the player quits (``sidra`` and ``sidra play``); the
    exit status (:func:`game.tui.terminal.run_tui`).

    ``scenario_path`` preselects a scenario on the title screen; ``session`` skips the
    title and opens that game's briefing. Autosaves go to the user's data folder.
    """
    from game.tui.terminal import run_tui

    return run_tui(SidraApp(scenario_path=scenario_path, session=session))
