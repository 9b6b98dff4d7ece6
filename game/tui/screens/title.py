"""The title screen: choose a scenario, who plays each side, a seed; start or resume.

Scenarios are the shipped ones, the player's own ``*.toml`` in the data folder and
any path typed in. They are read in a background thread so the first frame is never
held up; a broken scenario is listed with its first problem instead of stopping the
program. Every control is reachable with Tab, and the footer shows the keys. A
first-time player (no settings file and no autosave yet) is offered the tutorial once.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.errors import SidraError
from game.paths import DEFAULT_SCENARIO, shipped_scenarios_dir
from game.tui.paths import autosave_dir, user_scenarios_dir
from game.tui.scenario_scan import ScenarioChoice, identity, read_scenario, scan_scenarios
from game.tui.seat_picker import SeatPicker
from game.tui.title_choices import TAGLINE, TUTORIAL_SCENARIO, new_seed, parse_seed, title_art

if TYPE_CHECKING:
    from game.ai.registry import Seat
    from game.scenario.models import Scenario
    from game.tui.app import SidraApp


class TitleScreen(Screen[None]):
    """The first screen of ``sidra``: scenario, seats, seed, New game / Continue / Load /
    Replay / Quit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", "New game"),
        Binding("c", "continue_game", "Continue"),
        Binding("l", "load_game", "Load"),
        Binding("r", "replay_game", "Replay"),
    ]
    # Below 32 rows the banner gives way to a one-line title (80x24 must fit).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    def __init__(self, data_dir: Path, scenario_path: Path | None = None) -> None:
        super().__init__(id="title")
        self.data_dir = data_dir
        self.scenario_path = scenario_path
        self.choices: list[ScenarioChoice] = []
        self.selected: ScenarioChoice | None = None
        self.can_continue = False
        self.scanned = False
        # New game asked for before the scenarios were read: start it once they are
        self.new_game_waiting = False

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="title-body"):
            yield Static(Content(title_art()), id="banner")
            yield Static(Content(TAGLINE), id="tagline")
            yield Label("Scenario", classes="section-title")
            yield OptionList(
                Option(Content("Reading scenarios…"), disabled=True),
                id="scenarios",
                markup=False,
            )
            yield Static("", id="scenario-about", classes="note")
            yield Input(
                placeholder="…or type a scenario file path, then Enter",
                id="scenario-path",
                compact=True,
            )
            yield Static("", id="scenario-error", classes="error")
            yield Static(
                Content(f"Your own scenarios: {user_scenarios_dir(self.data_dir)}/*.toml"),
                id="user-folder",
                classes="note",
            )
            yield Label("Players", classes="section-title")
            yield SeatPicker(id="seats")
            with Horizontal(id="seed-row"):
                yield Label("Seed", classes="seat-name")
                yield Input(str(new_seed()), id="seed", type="integer", compact=True)
                yield Static("same seed + same orders = same game", classes="note")
            yield Static("Looking for autosaves…", id="continue-hint", classes="note")
            yield Button(
                "Replay a saved game…",
                id="replay",
                compact=True,
                tooltip="Step through a saved game turn by turn: notes, variations, what-ifs",
            )
        with Horizontal(id="title-actions", classes="action-bar"):
            yield Button("New game", id="new", variant="primary")
            yield Button("Continue", id="continue", disabled=True)
            yield Button("Load…", id="load")
            yield Button("Quit", id="quit", variant="error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scenarios", OptionList).focus()
        # after the first frame, so the scan's imports do not compete with drawing it
        self.call_after_refresh(self._scan)

    def on_screen_resume(self) -> None:
        """Coming back from a game: a new autosave may now exist."""
        if self.scanned:
            self.refresh_continue()

    # -- scenarios ------------------------------------------------------------------

    @work(exclusive=True, group="scan-scenarios")
    async def _scan(self) -> None:
        choices = await asyncio.to_thread(scan_scenarios, self.data_dir, self.scenario_path)
        self.refresh_continue()
        # Files typed while the scan ran stay listed as read then (the scan may have read
        # them before the author's last fix), the last one chosen.
        typed = {identity(c.path): c for c in self.choices}
        if typed:
            choices = [typed.pop(identity(c.path), c) for c in choices] + list(typed.values())
        await self.show_choices(choices)
        self.scanned = True  # only now is there a choice New game can start
        waiting, self.new_game_waiting = self.new_game_waiting, False
        if self.app.screen is not self:
            return  # the player went on to another screen meanwhile: leave it on top
        if waiting:
            self.action_new_game()
        else:
            self._offer_tutorial()

    async def show_choices(self, choices: list[ScenarioChoice]) -> None:
        """Fill the scenario list and select the preferred playable scenario."""
        self.choices = choices
        options = self.query_one("#scenarios", OptionList)
        options.clear_options()
        if not choices:
            options.add_option(Option(Content("No scenarios found"), disabled=True))
            return
        options.add_options(
            Option(Content(c.label()), id=str(i), disabled=not c.ok) for i, c in enumerate(choices)
        )
        index = self._preferred(choices)
        if index is not None:
            options.highlighted = index
            await self.select(choices[index])
        elif self.scenario_path is not None:
            want = identity(self.scenario_path)
            bad = next((c for c in choices if identity(c.path) == want), None)
            if bad is not None:
                self._scenario_error(f"{bad.path}: {bad.error}")

    def _preferred(self, choices: list[ScenarioChoice]) -> int | None:
        playable = [i for i, c in enumerate(choices) if c.ok]
        if not playable:
            return None
        wanted = [self.scenario_path] if self.scenario_path else []
        wanted.append(shipped_scenarios_dir() / DEFAULT_SCENARIO)
        for path in wanted:
            want = identity(path)
            for i in playable:
                if identity(choices[i].path) == want:
                    return i
        return playable[0]

    @on(OptionList.OptionSelected, "#scenarios")
    def _chosen(self) -> None:
        """Enter on a scenario moves on to the seats."""
        self.focus_next()

    @on(OptionList.OptionHighlighted, "#scenarios")
    async def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if 0 <= index < len(self.choices) and self.choices[index].ok:
            await self.select(self.choices[index])

    async def select(self, choice: ScenarioChoice) -> None:
        """Make ``choice`` the scenario of the next game and rebuild the seat selectors."""
        if choice is self.selected or choice.scenario is None:
            return
        self.selected = choice
        scenario = choice.scenario
        meta = scenario.meta
        about = f"{meta.subtitle or meta.description}".strip()
        self.query_one("#scenario-about", Static).update(Content(about))
        self._scenario_error("")
        await self.query_one(SeatPicker).show(scenario)

    @on(Input.Submitted, "#scenario-path")
    async def _path_typed(self, event: Input.Submitted) -> None:
        from game.tui.paths import PathProblem, typed_path

        if not event.value.strip():
            return
        try:
            path = typed_path(event.value, "scenario file")
        except PathProblem as exc:
            self._scenario_error(str(exc))
            return
        choice = read_scenario(path)
        if not choice.ok:
            self._scenario_error(f"{path}: {choice.error}")
            return
        options = self.query_one("#scenarios", OptionList)
        if not self.choices:
            options.clear_options()  # "Reading scenarios…" must not shift the indexes
        known = [identity(c.path) for c in self.choices]
        if identity(path) in known:
            # Already listed: refresh it from disk (the author may have just fixed it).
            index = known.index(identity(path))
            self.choices[index] = choice
            options.replace_option_prompt_at_index(index, Content(choice.label()))
            options.enable_option_at_index(index)
        else:
            self.choices.append(choice)
            options.add_option(Option(Content(choice.label()), id=str(len(self.choices) - 1)))
            index = len(self.choices) - 1
        options.highlighted = index
        self.selected = None
        self.scenario_path = path  # chosen again when the scan, if still running, ends
        await self.select(choice)

    def _scenario_error(self, message: str) -> None:
        error = self.query_one("#scenario-error", Static)
        error.update(Content(message))
        error.display = bool(message)  # no blank line when all is well

    def selected_scenario(self) -> Scenario | None:
        """The scenario the next game would use (for the help screen)."""
        return self.selected.scenario if self.selected else None

    # -- seats and seed -------------------------------------------------------------

    def seats(self) -> list[Seat]:
        """The seats as chosen in the selectors, in scenario order."""
        if self.selected is None or self.selected.scenario is None:
            return []
        return self.query_one(SeatPicker).seats(self.selected.scenario)

    # -- continue -------------------------------------------------------------------

    def refresh_continue(self) -> None:
        """Enable Continue only when an autosave exists, and say which one."""
        from game.tui.session import latest_autosave

        latest = latest_autosave(autosave_dir(self.data_dir))
        self.can_continue = latest is not None
        button = self.query_one("#continue", Button)
        button.disabled = latest is None
        hint = self.query_one("#continue-hint", Static)
        if latest is None:
            button.tooltip = "No autosave yet: games autosave after every turn."
            hint.update("Continue: no autosave yet (games autosave after every turn).")
        else:
            from game.tui.save_list import read_save_info

            info = read_save_info(latest, autosave=True)
            what = info.title() if not info.problem else latest.name
            button.tooltip = Content(f"Resume {what}")  # outside text: text, not markup
            hint.update(Content(f"Continue: {what} (saved {info.when()})"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim the Continue key in the footer when there is nothing to continue."""
        if action == "continue_game":
            return self.can_continue or None
        return True

    # -- actions --------------------------------------------------------------------

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "new": self.action_new_game,
            "continue": self.action_continue_game,
            "load": self.action_load_game,
            "replay": self.action_replay_game,
            "quit": self._sidra().action_request_quit,
        }
        if event.button.id in actions:
            actions[event.button.id]()

    def action_new_game(self) -> None:
        """Start a new game with the chosen scenario, seats and seed.

        Asked for while the scenarios are still being read (a quick key at start-up),
        the game starts as soon as they are, rather than refusing for want of a choice,
        unless the player has gone on to another screen (Continue, Load, Replay) by
        then. The tutorial is then not offered: the player chose to play.
        """
        if not self.scanned:
            self.new_game_waiting = True
            return
        choice = self.selected
        if choice is None or choice.scenario is None:
            self.notify("Choose a playable scenario first.", severity="warning")
            return
        seed_input = self.query_one("#seed", Input)
        try:
            seed = parse_seed(seed_input.value)
        except ValueError as exc:
            self.notify(str(exc), title="Seed", severity="error")
            seed_input.focus()
            return
        seats = self.seats()
        if not any(s.human for s in seats):
            self.notify("At least one side must be played by a human.", severity="warning")
            return
        from game.tui.session import GameSession

        try:
            session = GameSession.new(
                choice.text, str(choice.path), seats, seed, autosave_dir(self.data_dir)
            )
        except SidraError as exc:
            self.notify(str(exc), title="Cannot start the game", severity="error")
            return
        self._sidra().start_game(session)

    def action_continue_game(self) -> None:
        """Resume the latest autosave."""
        self.new_game_waiting = False
        self._sidra().action_continue_game()

    def action_load_game(self) -> None:
        """Open the load dialog."""
        self.new_game_waiting = False
        self._sidra().action_load_game()

    def action_replay_game(self) -> None:
        """Open the load dialog to replay a save in the replay viewer."""
        self.new_game_waiting = False
        self._sidra().action_replay_game()

    # -- the first visit ------------------------------------------------------------

    def tutorial_index(self) -> int | None:
        """Where the shipped tutorial is in the scenario list, if it is there and playable."""
        wanted = identity(shipped_scenarios_dir() / TUTORIAL_SCENARIO)
        for i, choice in enumerate(self.choices):
            if choice.ok and identity(choice.path) == wanted:
                return i
        return None

    def _offer_tutorial(self) -> None:
        from game.tui.screens.tutorial_offer import TutorialOffer, first_visit

        index = self.tutorial_index()
        if index is None or not first_visit(can_continue=self.can_continue):
            return
        scenario = self.choices[index].scenario
        title = scenario.meta.title if scenario is not None else TUTORIAL_SCENARIO
        self.app.push_screen(TutorialOffer(title), callback=self._tutorial_answered)

    async def _tutorial_answered(self, play: bool | None) -> None:
        """Remember that the offer was made (whatever the answer); start it if wanted."""
        from game.tui.screens.tutorial_offer import remember_offer

        problem = remember_offer()
        if problem:
            self.notify(problem, title="Settings", severity="warning", markup=False)
        index = self.tutorial_index()
        if play and index is not None:
            self.query_one("#scenarios", OptionList).highlighted = index
            await self.select(self.choices[index])
            self.action_new_game()

    def _sidra(self) -> SidraApp:
        return cast("SidraApp", self.app)
