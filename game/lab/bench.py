"""``sidra bench``: the speed figures a player or a class would notice, measured on this machine.

Timing thresholds live here, not in unit tests (test machines are noisy). Each figure
is measured, never estimated: medians over real turns and games of the default
scenario with rule-bot orders. The opponents' figures (a decision per ladder level,
search rollouts a second) are measured in :mod:`game.lab.bench_bots`. The replay figures
(open a 100-turn save and jump to its end, verify it, a 1,000-game what-if fan) are
measured in :mod:`game.lab.bench_replay`; ``--quick`` times 100 what-if continuations
and scales the time to 1,000, saying so.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from game.ai.registry import BotSpec
from game.engine.order_model import Order
from game.engine.resolve import resolve_turn
from game.engine.state import GameState
from game.engine.world import World, compile_world
from game.lab.bench_bots import bot_figures
from game.lab.bench_replay import WHATIF_GAMES, replay_figures, whatif_figure
from game.lab.core import core_kind
from game.lab.simulate import bot_match, default_jobs, play_game, run_batch
from game.paths import default_scenario_path
from game.record.match import ScenarioText
from game.record.words import plural
from game.scenario.loader import load_scenario

BARS = {
    "turn_ms_median": ("<=", 2.0),
    "game_ms_median": ("<=", 100.0),
    "tui_start_s": ("<=", 1.5),
    "keypress_ms": ("<=", 50.0),
    "tui_start_vs_bare": ("<=", 2.0),
    "replay_open_jump_ms": ("<=", 100.0),
    "verify_100_turns_s": ("<=", 1.0),
    "whatif_1000_s": ("<=", 2.0),
    "bot_ms_median.hard": ("<=", 1000.0),
}
"""Quality bars that this command checks (the README's Speed table lists them).

Issue 13 lowered the what-if bar from the design brief's 5 s to 2 s, and asks that a
``hard`` decision take at most 1 s. A dotted key names a figure inside a figure
(``bot_ms_median.hard``: the ``hard`` level of ``bot_ms_median``).
"""


def _turn_samples(world: World, games: int) -> list[tuple[GameState, list[Order]]]:
    """(state, rule-bot orders) pairs from real games, to time resolution alone."""
    samples: list[tuple[GameState, list[Order]]] = []
    seats = (BotSpec(),) * len(world.faction_ids)
    for seed in range(games):
        match = bot_match(world, 1000 + seed, seats, ScenarioText("", world.digest, ""))
        match.play_out(log=False)
        before = match.history.initial
        for node in match.turns:
            samples.append((before, [g.order for g in node.orders]))
            before = node.state
    return samples


def _median_ms(fn: Any, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run_bench(quick: bool = False) -> dict[str, Any]:
    """Measure every lab figure; ``quick`` uses fewer repetitions (same figures, more noise)."""
    path = default_scenario_path()
    world = compile_world(load_scenario(path))
    samples = _turn_samples(world, 3 if quick else 10)
    turn_times: list[float] = []
    for state, orders in samples:
        turn_times.append(
            _median_ms(lambda s=state, o=orders: resolve_turn(s, o), 3 if quick else 7)
        )
    seats = (BotSpec(),) * len(world.faction_ids)
    game_games = 5 if quick else 40
    game_times = [
        _median_ms(lambda seed=seed: play_game(world, seed, seats), 1) for seed in range(game_games)
    ]
    jobs = default_jobs()
    batch = 40 if quick else 400
    start = time.perf_counter()
    run_batch(world, batch, 1, seats, jobs)
    elapsed = time.perf_counter() - start
    games_per_s = round(batch / elapsed, 1)
    report: dict[str, Any] = {
        "scenario": world.scenario.meta.id,
        "core": core_kind(),
        "turn_ms_median": round(statistics.median(turn_times), 3),
        "turns_measured": len(turn_times),
        "game_ms_median": round(statistics.median(game_times), 2),
        "games_measured": game_games,
        "sim_games_per_s": games_per_s,
        "games_per_s": games_per_s,  # the same figure under its first name, kept for scripts
        "games_per_s_jobs": jobs,
        "games_per_s_batch": batch,
    }
    report.update(bot_figures(world, [state for state, _ in samples], quick))
    report.update(replay_figures(quick))
    report.update(whatif_figure(quick))
    return with_bars(report)


def merge_figures(report: dict[str, Any], figures: dict[str, Any]) -> dict[str, Any]:
    """``report`` with figures measured elsewhere (the terminal UI's) and every bar re-checked.

    The lab does not import the UI; the command line measures the UI figures and merges
    them here, so one report holds every figure and its bar.
    """
    merged = {k: v for k, v in report.items() if k != "bars"}
    merged.update(figures)
    if "tui_start_s" in merged and "bare_textual_start_s" in merged:
        merged["tui_start_vs_bare"] = round(
            merged["tui_start_s"] / max(merged["bare_textual_start_s"], 1e-9), 2
        )
    return with_bars(merged)


def with_bars(report: dict[str, Any]) -> dict[str, Any]:
    """``report`` with ``bars``: each measured figure's limit and whether it is met."""
    bars = {}
    for key, (_, limit) in BARS.items():
        value = figure(report, key)
        if value is not None:
            bars[key] = {"limit": limit, "ok": value <= limit}
    report["bars"] = bars
    return report


def figure(report: dict[str, Any], key: str) -> float | None:
    """The figure ``key`` names (dotted for one inside another), or None if not measured."""
    found: Any = report
    for part in key.split("."):
        if not isinstance(found, dict) or part not in found:
            return None
        found = found[part]
    return float(found) if isinstance(found, int | float) else None


def format_report(report: dict[str, Any]) -> str:
    """A human-readable table of the figures and whether each meets its bar."""
    bars = report.get("bars", {})

    def mark(key: str) -> str:
        if key not in bars:
            return ""
        bar = bars[key]
        return f"  (bar <= {bar['limit']:g}: {'ok' if bar['ok'] else 'MISSED'})"

    lines = [
        f"sidra bench — {report['scenario']}, {report['core']} core",
        f"  turn_ms_median  {report['turn_ms_median']:>9.3f} ms   one turn, rule-bot orders, "
        f"{report['turns_measured']} turns{mark('turn_ms_median')}",
        f"  game_ms_median  {report['game_ms_median']:>9.2f} ms   whole rule-bot game, "
        f"{report['games_measured']} games{mark('game_ms_median')}",
        f"  sim_games_per_s {report['sim_games_per_s']:>9.1f}      whole rule-bot games a second "
        f"on every core ({plural(report['games_per_s_jobs'], 'core')}, "
        f"{report['games_per_s_batch']} games; also reported as games_per_s)",
        f"  replay_open_jump_ms {report['replay_open_jump_ms']:>5.2f} ms   open a "
        f"{report['replay_turns']}-turn save ({report['replay_save_bytes'] / 1e6:.1f} MB) and "
        f"jump to its last turn, median of {report['replay_runs']}{mark('replay_open_jump_ms')}",
        f"  verify_100_turns_s  {report['verify_100_turns_s']:>5.3f} s    re-simulate that save "
        f"turn by turn{mark('verify_100_turns_s')}",
        f"  whatif_1000_s   {report['whatif_1000_s']:>9.3f} s    1,000 what-if continuations "
        f"from turn 1 on {plural(report['whatif_jobs'], 'core')}"
        + (
            ""
            if report["whatif_games"] == WHATIF_GAMES
            else f" (--quick: {report['whatif_games']} timed, scaled)"
        )
        + mark("whatif_1000_s"),
    ]
    lines += _bot_lines(report, mark)
    if "tui_start_s" in report:
        lines += [
            f"  tui_start_s     {report['tui_start_s']:>9.3f} s    cold start of sidra to the "
            f"first frame{mark('tui_start_s')}",
            f"  bare_textual_start_s {report['bare_textual_start_s']:>4.3f} s    a minimal Textual "
            f"app, same run; ratio {report['tui_start_vs_bare']:.2f}{mark('tui_start_vs_bare')}",
            f"  keypress_ms     {report['keypress_ms']:>9.2f} ms   key press to redrawn game "
            f"screen{mark('keypress_ms')}",
        ]
    return "\n".join(lines)


def _bot_lines(report: dict[str, Any], mark: Callable[[str], str]) -> list[str]:
    """The opponents' figures: a decision at each ladder level, and search rollouts."""
    if "bot_ms_median" not in report:
        return []
    lines = [
        "  bot_ms_median                  one faction's orders for one turn, real positions "
        "(searching levels spend their whole rollout budget: no clock)"
    ]
    for level, ms in report["bot_ms_median"].items():
        count = report.get("bot_decisions", {}).get(level)
        timed = f", median of {plural(count, 'decision')}" if count else ""
        bar = mark(f"bot_ms_median.{level}")
        lines.append(f"    {level:<12}{ms:>11.3f} ms   the {level} bot{timed}{bar}")
    lines.append(
        f"  search_rollouts_per_s {report['search_rollouts_per_s']:.1f}   rest-of-game "
        f"rollouts from turn 1 a second on one core ({report['search_rollouts_by']})"
    )
    return lines
