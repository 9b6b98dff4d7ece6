"""The what-if fan in the viewer: how else could the game have gone from this turn?

The screen asks how many bot continuations to play (1,000 by default) and with which
seed, then plays them with :func:`game.lab.whatif.run_fan` in a thread worker on every
core, with a progress bar; Escape or *Cancel* stops it after the games in hand (the
first N continuations, exactly as a fan of N games would be) and the UI stays live
all along. The answer comes in three tabs: *Summary* (the lab's own plain-text report:
winner shares and each track's spread), *Winners* (a bar chart of the shares) and
*Spreads* (a histogram of each track's final value and of the game length; ``t``
shows the next one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)
from textual_plotext import PlotextPlot

from game.lab.simulate import default_jobs
from game.lab.stats import bins, spread
from game.lab.whatif import (
    HUMAN_STAND_IN,
    FanError,
    FanResult,
    format_fan,
    outcome_label,
    run_fan,
    track_label,
)
from game.limits import SEED_LIMIT
from game.record.match import Match
from game.record.words import plural
from game.tui.screens.debrief import compact_number

DEFAULT_GAMES = 1000
MAX_GAMES = 100_000
"""More continuations than this would keep a class waiting for no visible gain."""
LENGTH = "length"
"""The spread key of the game length, beside the scenario's track ids."""


def parse_count(text: str, what: str, low: int, high: int) -> int:
    """A whole number typed in the fan's set-up; ValueError with a plain reason."""
    text = text.strip()
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{what} must be a whole number, not '{text}'.") from None
    if not low <= value <= high:
        raise ValueError(f"{what} must be between {low:,} and {high:,}.")
    return value


def spread_bars(values: list[int], width: int = 12) -> tuple[list[str], list[int]]:
    """A histogram as (label, count) bars: one bar per value when there are few distinct
    values (a game's length), else ``width`` equal bins labelled by where they start."""
    distinct = sorted(set(values))
    if len(distinct) <= width:
        return [compact_number(v) for v in distinct], [values.count(v) for v in distinct]
    counts = bins(values, width)
    low, span = min(values), max(values) - min(values) + 1
    starts = [low + i * span // len(counts) for i in range(len(counts))]
    return [compact_number(v) for v in starts], counts


def count_ticks(top: int) -> tuple[list[int], list[str]]:
    """Whole-number ticks from 0 to ``top`` (at most five)."""
    step = max(1, -(-top // 4))
    ticks = list(range(0, top + step, step))
    return ticks, [f"{t:,}" for t in ticks]


class FanScreen(Screen[None]):
    """Bot continuations from one turn of one line, and their spread as charts."""

    CSS_PATH = "replay.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Cancel / back"),
        Binding("t", "next_spread", "Next spread"),
        Binding("1", "tab('fan-summary')", "Summary", show=False),
        Binding("2", "tab('fan-winners')", "Winners", show=False),
        Binding("3", "tab('fan-spreads')", "Spreads", show=False),
    ]

    def __init__(self, match: Match, line: str, turn: int, jobs: int | None = None) -> None:
        super().__init__(id="fan")
        self.match = match
        self.line = line
        self.turn = turn
        self.jobs = jobs if jobs is not None else default_jobs()
        self.cancel = threading.Event()
        self.running = False
        self.result: FanResult | None = None
        self.spread_keys = [t.id for t in match.world.scenario.track] + [LENGTH]
        self.spread_index = 0
        self.progress: Callable[[int, int], None] = self._progress
        """Told (done, total) from the worker thread; a test may wrap it to hold the fan."""

    def compose(self) -> ComposeResult:
        where = "the start" if self.turn == 0 else f"turn {self.turn}"
        yield Static(
            Content.assemble(
                ("What if? ", "bold $accent"),
                f"Bots play the game on from {where} of the line ",
                (f"'{self.line}'", "bold"),
                (
                    f", again and again; people's seats are played by the {HUMAN_STAND_IN} "
                    "rule bot.",
                    "$text-muted",
                ),
            ),
            id="fan-head",
        )
        with Horizontal(id="fan-setup"):
            yield Label("Games", classes="fan-label")
            yield Input(str(DEFAULT_GAMES), id="fan-games", compact=True, max_length=7)
            yield Label("Seed", classes="fan-label")
            yield Input("0", id="fan-seed", compact=True, max_length=12)
            yield Button("Run", id="fan-run", variant="primary", compact=True)
        with Horizontal(id="fan-running"):
            yield ProgressBar(id="fan-progress", show_eta=False)
            yield Button("Cancel", id="fan-cancel", variant="error", compact=True)
        yield Static("", id="fan-message")
        with TabbedContent(initial="fan-summary", id="fan-tabs"):
            with TabPane("Summary 1", id="fan-summary"), ScrollableContainer(id="fan-scroll"):
                yield Static("", id="fan-text")
            with TabPane("Winners 2", id="fan-winners"):
                yield PlotextPlot(id="fan-winners-chart")
            with TabPane("Spreads 3", id="fan-spreads"):
                yield PlotextPlot(id="fan-spread-chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#fan-running").display = False
        self.query_one("#fan-tabs").display = False
        self.query_one("#fan-run", Button).focus()

    def on_unmount(self) -> None:
        self.cancel.set()

    # -- running -----------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#fan-run")
    def start(self) -> None:
        """Check the set-up and play the fan in the background."""
        if self.running:
            return
        try:
            games = parse_count(self.query_one("#fan-games", Input).value, "Games", 1, MAX_GAMES)
            seed = parse_count(self.query_one("#fan-seed", Input).value, "Seed", 0, SEED_LIMIT - 1)
        except ValueError as exc:
            self._say(str(exc), "bold $error")
            return
        self.running = True
        self.cancel.clear()
        self.query_one("#fan-setup").display = False
        self.query_one("#fan-running").display = True
        self.query_one("#fan-tabs").display = False
        self.query_one(ProgressBar).update(total=games, progress=0)
        self._say(f"Playing {plural(games, 'game')} on {plural(self.jobs, 'core')}…", "$text-muted")
        self.query_one("#fan-cancel", Button).focus()
        self._play(games, seed)

    @work(thread=True, exclusive=True, group="fan")
    def _play(self, games: int, seed: int) -> None:
        try:
            result = run_fan(
                self.match,
                self.line,
                self.turn,
                games=games,
                seed=seed,
                jobs=self.jobs,
                progress=self.progress,
                cancel=self.cancel,
            )
        except (FanError, OSError, BrokenProcessPool) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._show, result)

    def _progress(self, done: int, total: int) -> None:
        """Called from the worker thread: move the bar on the UI thread."""
        self.app.call_from_thread(self.query_one(ProgressBar).update, progress=done, total=total)

    @on(Button.Pressed, "#fan-cancel")
    def action_cancel(self) -> None:
        """Stop after the games in hand."""
        if self.running and not self.cancel.is_set():
            self.cancel.set()
            self._say("Stopping after the games in hand…", "bold $warning")

    def _failed(self, message: str) -> None:
        self.running = False
        self.query_one("#fan-running").display = False
        self.query_one("#fan-setup").display = True
        self._say(message, "bold $error")

    def _say(self, message: str, style: str) -> None:
        self.query_one("#fan-message", Static).update(Content.styled(message, style))

    # -- the answer --------------------------------------------------------------------

    def _show(self, result: FanResult) -> None:
        self.running = False
        self.result = result
        self.query_one("#fan-running").display = False
        self.query_one("#fan-setup").display = True
        self.query_one("#fan-tabs").display = True
        if result.games == 0:
            self._say("Cancelled before any game finished.", "bold $warning")
            self.query_one("#fan-tabs").display = False
            return
        note = f"{result.games:,} games"
        if result.cancelled:
            note += " (cancelled: these are the first ones played)"
        self._say(note + " · t: next spread · 1 2 3: tabs", "bold")
        world = self.match.world
        self.query_one("#fan-text", Static).update(Content(format_fan(world, result)))
        self._draw_winners(result)
        self._draw_spread()
        self.query_one("#fan-tabs", TabbedContent).focus()

    def _draw_winners(self, result: FanResult) -> None:
        world = self.match.world
        plt = self.query_one("#fan-winners-chart", PlotextPlot).plt
        plt.clear_data()
        plt.clear_figure()
        keys = list(result.outcomes)
        names = [
            world.factions[k].short if k in world.factions else outcome_label(world, k).split()[0]
            for k in keys
        ]
        shares = [100 * result.outcomes[k] / result.games for k in keys]
        plt.bar(names, shares, width=0.6)
        plt.title(f"Who wins, % of {result.games:,} games")
        plt.ylim(0, 100)
        plt.yticks([0.0, 25.0, 50.0, 75.0, 100.0], ["0%", "25%", "50%", "75%", "100%"])

    def _draw_spread(self) -> None:
        result = self.result
        if result is None:
            return
        key = self.spread_keys[self.spread_index]
        world = self.match.world
        values = result.lengths if key == LENGTH else result.tracks[key]
        label = "Game length (turns)" if key == LENGTH else track_label(world, key)
        s = spread(values)
        plt = self.query_one("#fan-spread-chart", PlotextPlot).plt
        plt.clear_data()
        plt.clear_figure()
        labels, counts = spread_bars(values)
        plt.bar(labels, counts, width=0.8)
        ticks, tick_labels = count_ticks(max(counts, default=0))
        plt.yticks([float(t) for t in ticks], tick_labels)
        plt.title(
            f"{label}: mean {compact_number(s.mean)}, middle half "
            f"{compact_number(s.q1)}–{compact_number(s.q3)} · t: next"
        )
        plt.ylabel("games")
        self.query_one("#fan-spread-chart", PlotextPlot).refresh()

    def action_next_spread(self) -> None:
        """Chart the next track's spread (then the game length)."""
        if self.result is None:
            return
        self.spread_index = (self.spread_index + 1) % len(self.spread_keys)
        self.query_one("#fan-tabs", TabbedContent).active = "fan-spreads"
        self._draw_spread()

    def action_tab(self, tab: str) -> None:
        """Show one of the result tabs."""
        if self.result is not None:
            self.query_one("#fan-tabs", TabbedContent).active = tab

    def action_close(self) -> None:
        """Cancel a running fan; otherwise back to the viewer."""
        if self.running:
            self.action_cancel()
            return
        self.dismiss(None)
