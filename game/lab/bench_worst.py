"""The worst valid scenario, measured: load it, play turns of it, time and weigh them.

``python -m game.lab.bench_worst [--turns N] [--seats rule|random|spoiler] [--json]``
builds the scenario of :mod:`game.lab.worst_scenario` (every bound of the format
reached), loads it through the same loader as any scenario file, and plays ``N`` turns
(default 1) with bots in every seat and the full log, as the game does. It reports the
time to load and to compile, each turn's time (the bots' choices and the resolution
together) and the process's peak resident memory.

Run it in a fresh process (:func:`measure_in_subprocess` does) so the peak memory is
this work's alone. The bounds promise one turn under a second and the whole process
under 500 MB; ``tests/test_worst_scenario.py`` holds the promise under hard limits.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from game.ai.registry import BotSpec, Seat, parse_bot
from game.engine.world import compile_world
from game.lab.worst_scenario import worst_scenario_text
from game.record.match import Match, ScenarioText
from game.record.save import scenario_digest
from game.scenario.loader import parse_scenario

TURN_BAR_S = 1.0
MEMORY_BAR_MB = 500.0


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def measure(turns: int = 1, seats: str = "rule", seed: int = 1) -> dict[str, Any]:
    """Load the worst scenario and play ``turns`` turns; the figures, measured here."""
    start = time.perf_counter()
    text = worst_scenario_text()
    built = time.perf_counter()
    scenario = parse_scenario(text, "worst.toml")
    parsed = time.perf_counter()
    world = compile_world(scenario, scenario_digest(text))
    compiled = time.perf_counter()
    # "rule": the scenario's priorities with no slips and no search (hard@0), so the
    # figure is the engine's and the rule bot's, not a search budget's.
    spec: BotSpec = parse_bot("hard@0") if seats == "rule" else parse_bot(seats)
    match = Match.new(
        world,
        ScenarioText("worst.toml", world.digest, text),
        seed,
        [Seat(f, spec) for f in world.faction_ids],
    )
    turn_s: list[float] = []
    orders: list[int] = []
    entries: list[int] = []
    for _ in range(turns):
        if match.state.finished:
            break
        before = time.perf_counter()
        node = match.play_turn()
        turn_s.append(round(time.perf_counter() - before, 4))
        orders.append(len(node.orders))
        entries.append(len(node.log))
    return {
        "file_bytes": len(text.encode("utf-8")),
        "regions": len(world.region_ids),
        "factions": len(world.faction_ids),
        "units": len(match.history.initial.units),
        "build_s": round(built - start, 4),
        "load_s": round(parsed - built, 4),
        "compile_s": round(compiled - parsed, 4),
        "turn_s": turn_s,
        "orders": orders,
        "log_entries": entries,
        "distances_worked_out": len(world.distance),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def measure_in_subprocess(
    turns: int = 1, seats: str = "rule", timeout: float = 600.0
) -> dict[str, Any]:
    """:func:`measure` in a fresh Python process (its own peak memory); its figures."""
    command = [sys.executable, "-m", "game.lab.bench_worst", "--json"]
    command += ["--turns", str(turns), "--seats", seats]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def format_figures(figures: dict[str, Any]) -> str:
    """A short report of :func:`measure`'s figures against the bars."""
    worst_turn = max(figures["turn_s"], default=0.0)
    lines = [
        f"worst valid scenario: {figures['file_bytes']:,} bytes, {figures['regions']} regions, "
        f"{figures['factions']} factions, {figures['units']} units",
        f"load {figures['load_s']:.2f} s, compile {figures['compile_s']:.3f} s",
        f"turns: {', '.join(f'{t:.3f} s' for t in figures['turn_s'])} "
        f"(bar {TURN_BAR_S:.0f} s: {'ok' if worst_turn <= TURN_BAR_S else 'MISSED'})",
        f"orders a turn: {figures['orders']}, log entries a turn: {figures['log_entries']}",
        f"distances worked out: {figures['distances_worked_out']:,} "
        f"(of {figures['regions'] ** 2:,} pairs)",
        f"peak memory {figures['peak_rss_mb']:.0f} MB (bar {MEMORY_BAR_MB:.0f} MB: "
        f"{'ok' if figures['peak_rss_mb'] <= MEMORY_BAR_MB else 'MISSED'})",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.lab.bench_worst",
        description="Time and weigh turns of the worst valid scenario.",
    )
    parser.add_argument("--turns", type=int, default=1, help="turns to play (default 1)")
    parser.add_argument(
        "--seats",
        choices=("rule", "random", "passive", "spoiler"),
        default="rule",
        help="the bot in every seat (default: the rule bot with no slips and no search, hard@0)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    figures = measure(max(1, args.turns), args.seats)
    print(json.dumps(figures) if args.json else format_figures(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
