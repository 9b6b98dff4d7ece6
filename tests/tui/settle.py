"""One way for Pilot tests to wait until the app has caught up with the keys pressed.

Waiting on workers alone is not enough: the title screen reads the scenarios on a
worker it starts only after its first frame, so a test that waited before that worker
existed could press New game on an empty list. ``settle`` also waits, for a bounded
while, until a title screen on show has read its scenarios.
"""

from __future__ import annotations

from textual.pilot import Pilot

from game.tui.screens.title import TitleScreen

# How long a title screen may take to read the scenarios on a loaded test machine
TITLE_WAIT_STEPS = 400
TITLE_WAIT_STEP_S = 0.025


async def settle(pilot: Pilot[None]) -> None:
    """Let running workers finish and the screen update; a title screen, finish reading."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for _ in range(TITLE_WAIT_STEPS):
        screen = pilot.app.screen
        if not isinstance(screen, TitleScreen) or screen.scanned:
            break
        await pilot.pause(TITLE_WAIT_STEP_S)
    else:
        raise AssertionError(
            f"the title screen had not read the scenarios after "
            f"{TITLE_WAIT_STEPS * TITLE_WAIT_STEP_S:.0f} s"
        )
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
