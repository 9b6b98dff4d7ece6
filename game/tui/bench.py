"""UI speed figures for ``sidra bench``: cold start to first frame, and key-press latency.

Cold start is measured in fresh processes, exactly as a user starts Sidra: the parent
notes the wall clock, spawns ``python -m game.tui.bench child sidra`` (or ``bare`` for a
minimal Textual app), and the child prints the wall clock once its first screen has been
drawn (headless). Both kinds run in the same bench, alternating, so they share the
machine's conditions; the median of several runs is reported.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

STARTS = 5


def _child(kind: str) -> None:
    """Run an app headless and print the wall-clock time of its first drawn frame."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    def mark(app: App[Any]) -> None:
        print(f"FIRST_FRAME {time.time():.6f}", flush=True)
        app.exit()

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_ready(self) -> None:
            self.call_after_refresh(mark, self)

    if kind == "bare":
        Bare().run(headless=True, size=(120, 40))
        return

    from game.tui.app import SidraApp  # only now: the bare run must not pay for Sidra's UI

    class Measured(SidraApp):
        def on_ready(self) -> None:
            self.call_after_refresh(mark, self)

    with tempfile.TemporaryDirectory() as data:
        Measured(data_dir=Path(data)).run(headless=True, size=(120, 40))


def _start_seconds(kind: str) -> float:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "game.tui.bench", "child", kind],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    ).stdout
    for line in out.splitlines():
        if line.startswith("FIRST_FRAME "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"the {kind} app drew no frame: {out!r}")


def start_figures(runs: int = STARTS) -> dict[str, float]:
    """Median cold-start seconds of Sidra's title screen and of a bare Textual app."""
    sidra: list[float] = []
    bare: list[float] = []
    for _ in range(runs):
        bare.append(_start_seconds("bare"))
        sidra.append(_start_seconds("sidra"))
    return {
        "tui_start_s": round(statistics.median(sidra), 3),
        "bare_textual_start_s": round(statistics.median(bare), 3),
    }


async def _keypress_ms(presses: int) -> float:
    """Median ms from posting an arrow key to the first screen refresh that shows its result.

    Pilot's helpers wait for the whole process to go idle, which measures the harness, not
    the game; so the key is posted as a terminal would post it, the moment the map's
    selection changes is noted, and the first compositor refresh after that change is
    taken as the moment the player sees it.
    """
    from textual.screen import Screen

    from game.ai.registry import BotSpec, Seat
    from game.paths import default_scenario_path
    from game.tui.app import SidraApp
    from game.tui.session import GameSession
    from game.tui.widgets.map_view import MapView

    refreshes: list[float] = []
    original = Screen._compositor_refresh

    def timed_refresh(screen: Screen[Any]) -> None:
        original(screen)
        refreshes.append(time.perf_counter())

    path = default_scenario_path()
    text = path.read_text(encoding="utf-8")
    times: list[float] = []
    with tempfile.TemporaryDirectory() as data, _returning_player(Path(data)):
        seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec())]
        session = GameSession.new(text, str(path), seats, 7, Path(data))
        app = SidraApp(session=session, data_dir=Path(data))
        Screen._compositor_refresh = timed_refresh  # type: ignore[method-assign,assignment]
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                await pilot.press("enter")  # leave the briefing for the game screen
                await pilot.pause()
                the_map = app.screen.query_one(MapView)
                the_map.focus()
                await pilot.pause()
                for i in range(presses):
                    before = the_map.selected
                    start = time.perf_counter()
                    app.simulate_key(("right", "down", "left", "up")[i % 4])
                    changed: float | None = None
                    while time.perf_counter() - start < 2.0:
                        await asyncio.sleep(0.0005)
                        if changed is None and the_map.selected != before:
                            changed = time.perf_counter()
                        if changed is not None and refreshes and refreshes[-1] >= changed:
                            times.append((refreshes[-1] - start) * 1000)
                            break
                    await pilot.pause()
        finally:
            Screen._compositor_refresh = original  # type: ignore[method-assign]
    if not times:
        raise RuntimeError("no key press changed the map selection")
    return statistics.median(times)


@contextlib.contextmanager
def _returning_player(folder: Path) -> Iterator[None]:
    """Settings of a player who has been here before, in ``folder``, for the timed game.

    Without them a machine where Sidra never ran (no settings file) shows the first-visit
    tutorial offer over the title, and the Enter meant for the briefing would start the
    tutorial instead. The real settings are untouched and read again afterwards.
    """
    from game.tui import settings

    (folder / settings.FILE_NAME).write_text(
        '{"tutorial_offered": true, "confirm_end_turn": false}\n', encoding="utf-8"
    )
    before = os.environ.get(settings.CONFIG_ENV)
    os.environ[settings.CONFIG_ENV] = str(folder)
    settings.forget()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(settings.CONFIG_ENV, None)
        else:
            os.environ[settings.CONFIG_ENV] = before
        settings.forget()


def keypress_figure(presses: int = 40) -> float:
    """Median milliseconds from a key press on the game screen to the redrawn screen."""
    return round(asyncio.run(_keypress_ms(presses)), 2)


def tui_figures(quick: bool = False) -> dict[str, Any]:
    """Every UI figure the bench reports: start-up time and the response to a key."""
    figures: dict[str, Any] = dict(start_figures(2 if quick else STARTS))
    figures["keypress_ms"] = keypress_figure(10 if quick else 40)
    return figures


if __name__ == "__main__":  # pragma: no cover - the measured child process
    if len(sys.argv) == 3 and sys.argv[1] == "child":
        _child(sys.argv[2])
