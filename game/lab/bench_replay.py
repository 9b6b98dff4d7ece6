"""``sidra bench`` figures of replays in class: open a long save, verify it, fan from a turn.

* ``replay_open_jump_ms``: open a 100-turn save and jump to its last turn, as the replay
  viewer does (``load_save`` + ``Cursor.last()`` + the state there), median of runs.
* ``verify_100_turns_s``: ``verify_match`` re-simulates that save, median of runs.
* ``whatif_1000_s``: 1,000 bot continuations from turn 1 of the default scenario on
  every core.

The shipped scenario lasts 12 turns, so the long save is played on a copy of it with
``[meta] turns`` raised to 100 and ``[tuning] decisive_margin`` raised out of reach:
with the usual margin a side wins at an assessment (every fourth turn) long before turn
100. The copy is played by normal rule bots, with the full log a real save holds; the
first seed whose game lasts all 100 turns is used (today seed 1 does: escalation does not
reach its maximum under the rule bots), and the bench fails saying so if none of the first
20 does.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from game.ai.registry import BotSpec, Seat
from game.engine.world import compile_world
from game.lab.simulate import default_jobs
from game.lab.whatif import run_fan
from game.paths import default_scenario_path
from game.record.cursor import Cursor
from game.record.match import Match, ScenarioText
from game.record.save import load_save, scenario_digest, write_save
from game.record.verify import verify_match
from game.scenario.loader import parse_scenario

LONG_TURNS = 100
UNREACHABLE_MARGIN = 1_000_000
WHATIF_GAMES = 1000
QUICK_WHATIF_GAMES = 100
SEEDS_TRIED = 20


def long_scenario_text(text: str, turns: int = LONG_TURNS) -> str:
    """A copy of scenario ``text`` that lasts ``turns`` turns and has no early victory."""
    text, found = re.subn(r"(?m)^turns\s*=\s*\d+\s*$", f"turns = {turns}", text, count=1)
    if not found:
        raise RuntimeError("the scenario has no `turns = N` line in [meta] to lengthen")
    text, found = re.subn(
        r"(?m)^decisive_margin\s*=\s*\d+\s*$",
        f"decisive_margin = {UNREACHABLE_MARGIN}",
        text,
        count=1,
    )
    if not found:
        raise RuntimeError("the scenario has no `decisive_margin = N` line in [tuning]")
    return text


def long_match(turns: int = LONG_TURNS) -> Match:
    """A finished bot game of exactly ``turns`` turns on the lengthened default scenario."""
    path = default_scenario_path()
    text = long_scenario_text(path.read_text(encoding="utf-8"), turns)
    lengths = []
    for seed in range(1, SEEDS_TRIED + 1):
        match = _bot_match(text, f"{path.stem}-{turns}-turns.toml", seed)
        match.play_out()
        if len(match.turns) == turns:
            return match
        lengths.append(len(match.turns))
    raise RuntimeError(f"no bot game lasted {turns} turns (seeds 1-{SEEDS_TRIED}: {lengths})")


def _bot_match(text: str, file: str, seed: int) -> Match:
    """A new game of scenario ``text`` with a normal rule bot in every seat."""
    digest = scenario_digest(text)
    world = compile_world(parse_scenario(text, file), digest)
    seats = [Seat(f, BotSpec()) for f in world.faction_ids]
    return Match.new(world, ScenarioText(file, digest, text), seed, seats)


def replay_figures(quick: bool = False) -> dict[str, Any]:
    """Open-and-jump and verify times of a 100-turn save written to a temporary folder."""
    runs = 3 if quick else 9
    match = long_match()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.json"
        write_save(match, path)
        size = path.stat().st_size
        opens: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            loaded = load_save(path)
            cursor = Cursor(loaded.history)
            cursor.last()
            state = cursor.state
            opens.append((time.perf_counter() - start) * 1000)
            assert state.turn == LONG_TURNS + 1
        verifies: list[float] = []
        for _ in range(1 if quick else 3):
            start = time.perf_counter()
            found = verify_match(loaded)
            verifies.append(time.perf_counter() - start)
            if found is not None:
                raise RuntimeError(f"the bench's own save does not verify: {found.describe()}")
    return {
        "replay_open_jump_ms": round(statistics.median(opens), 2),
        "replay_turns": LONG_TURNS,
        "replay_save_bytes": size,
        "replay_runs": runs,
        "verify_100_turns_s": round(statistics.median(verifies), 3),
    }


def whatif_figure(quick: bool = False) -> dict[str, Any]:
    """Seconds for 1,000 continuations from turn 1 of the default scenario on every core.

    ``quick`` times 100 continuations through the same code and scales the time by ten
    (``whatif_games`` says how many were played); the full bench times all 1,000.
    """
    path = default_scenario_path()
    match = _bot_match(path.read_text(encoding="utf-8"), str(path), 1)
    match.play_turn(log=False)
    jobs = default_jobs()
    games = QUICK_WHATIF_GAMES if quick else WHATIF_GAMES
    start = time.perf_counter()
    fan = run_fan(match, match.line, 1, games, seed=0, jobs=jobs)
    elapsed = time.perf_counter() - start
    assert fan.games == games and not fan.cancelled
    return {
        "whatif_1000_s": round(elapsed * WHATIF_GAMES / games, 3),
        "whatif_games": games,
        "whatif_jobs": jobs,
    }
