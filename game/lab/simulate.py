"""Headless batches of bot-vs-bot games, for balance figures and benchmarks.

Each game's seed is derived with ``SeedSequence(seed).spawn(n)``, so game *i* is the
same whether it runs alone, in a batch, or on any of ``--jobs`` worker processes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from numpy.random import SeedSequence

from game.ai.registry import BotSpec, Seat
from game.engine.state import state_hash
from game.engine.world import World, compile_world
from game.record.match import Match, ScenarioText
from game.record.save import write_save
from game.scenario.loader import load_scenario


@dataclass(slots=True)
class GameResult:
    """How one game ended."""

    index: int
    seed: int
    result: str
    winner: str | None
    turns: int
    hash: str
    ranking: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    cracks: int = 0


def game_seeds(seed: int, games: int) -> list[int]:
    """Independent per-game seeds derived from one batch seed."""
    return [int(child.generate_state(1, "uint64")[0]) for child in SeedSequence(seed).spawn(games)]


def bot_match(world: World, seed: int, seats: Sequence[BotSpec], scenario: ScenarioText) -> Match:
    """A match with a bot of ``seats`` in every faction's seat."""
    return Match.new(
        world,
        scenario,
        seed,
        [Seat(f, spec) for f, spec in zip(world.faction_ids, seats, strict=True)],
    )


def play_game(world: World, seed: int, seats: Sequence[BotSpec], index: int = 0) -> GameResult:
    """Play one whole bot game through the match loop, quietly (no log prose)."""
    match = bot_match(world, seed, seats, ScenarioText("", world.digest, ""))
    match.play_out(log=False)
    return result_of(match, index)


def result_of(match: Match, index: int = 0) -> GameResult:
    """How a finished match ended, which orders each faction used, and coalition cracks."""
    state = match.state
    assert state.outcome is not None
    used = sorted({f"{g.order.faction}:{g.order.order}" for n in match.turns for g in n.orders})
    first = match.history.initial
    members = sum(len(f.components) for f in first.factions if f.cohesion is not None)
    left = sum(len(f.components) for f in state.factions if f.cohesion is not None)
    return GameResult(
        index=index,
        seed=match.seed,
        result=state.outcome.result,
        winner=state.outcome.winner,
        turns=state.outcome.turn,
        hash=state_hash(state),
        ranking=list(state.outcome.ranking),
        used=used,
        cracks=members - left,
    )


# Worker processes load the scenario once and keep it.
_WORLD: World | None = None


def _init_worker(path: str) -> None:
    global _WORLD
    _WORLD = compile_world(load_scenario(path))


def _play_chunk(args: tuple[list[tuple[int, int]], tuple[BotSpec, ...]]) -> list[GameResult]:
    chunk, seats = args
    assert _WORLD is not None
    return [play_game(_WORLD, seed, seats, index) for index, seed in chunk]


def run_batch(
    scenario_path: str | Path,
    world: World,
    games: int,
    seed: int,
    seats: Sequence[BotSpec],
    jobs: int = 1,
) -> list[GameResult]:
    """Play ``games`` games; results are in game order and independent of ``jobs``."""
    seeds = list(enumerate(game_seeds(seed, games)))
    jobs = max(1, min(jobs, games or 1))
    if jobs == 1:
        return [play_game(world, s, seats, i) for i, s in seeds]
    size = max(1, -(-games // (jobs * 4)))
    chunks = [seeds[i : i + size] for i in range(0, games, size)]
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(str(scenario_path),)
    ) as pool:
        parts = pool.map(_play_chunk, [(c, tuple(seats)) for c in chunks])
        results = [r for part in parts for r in part]
    results.sort(key=lambda r: r.index)
    return results


def summarise(world: World, results: Sequence[GameResult]) -> dict[str, object]:
    """Balance figures of a batch: who won and how, how games ended, which orders were used.

    ``outcomes`` counts every game once: a faction's wins (reached its target, or came
    closest when nobody did), ``catastrophe`` and ``draw``. ``below_target`` counts the wins
    that were only "came closest"; ``last_in_catastrophe`` who ranked last when everyone
    lost; ``order_games`` in how many games each faction gave each order.
    """
    outcomes: dict[str, int] = {f: 0 for f in world.faction_ids}
    outcomes["catastrophe"] = 0
    outcomes["draw"] = 0
    below = {f: 0 for f in world.faction_ids}
    last = {f: 0 for f in world.faction_ids}
    usage: dict[str, int] = {}
    cracked = 0
    for r in results:
        if r.result in ("win", "closest") and r.winner:
            outcomes[r.winner] += 1
            if r.result == "closest":
                below[r.winner] += 1
        else:
            outcomes[r.result] = outcomes.get(r.result, 0) + 1
            if r.result == "catastrophe" and r.ranking:
                last[r.ranking[-1]] += 1
        for key in r.used:
            usage[key] = usage.get(key, 0) + 1
        cracked += r.cracks > 0
    mean = sum(r.turns for r in results) / len(results) if results else 0.0
    order_games = {
        f"{f}:{o.id}": usage.get(f"{f}:{o.id}", 0)
        for f in world.faction_ids
        for o in world.scenario.order
        if f in o.factions
    }
    return {
        "outcomes": outcomes,
        "below_target": below,
        "last_in_catastrophe": last,
        "coalition_cracked": cracked,
        "order_games": order_games,
        "mean_turns": round(mean, 3),
        "hashes": [r.hash for r in results],
    }


def format_summary(
    world: World, seats: Sequence[BotSpec], summary: dict[str, object], games: int
) -> str:
    """The balance figures of :func:`summarise` as a plain-text table."""
    outcomes = summary["outcomes"]
    below = summary["below_target"]
    last = summary["last_in_catastrophe"]
    usage = summary["order_games"]
    assert isinstance(outcomes, dict) and isinstance(below, dict)
    assert isinstance(last, dict) and isinstance(usage, dict)

    def pct(n: int) -> str:
        return f"{100 * n / games:5.1f}%"

    lines = ["seats:"]
    for faction, spec in zip(world.faction_ids, seats, strict=True):
        what = f"rule bot, {spec.difficulty}" if spec.kind == "rule" else f"{spec.kind} bot"
        lines.append(f"  {world.factions[faction].name:<22} {what}")
    lines.append("outcomes:")
    for key, count in outcomes.items():
        label = world.factions[key].name if key in world.factions else key
        extra = f"   ({below[key]} below target)" if below.get(key) else ""
        lines.append(f"  {label:<22} {count:>6} {pct(count)}{extra}")
    if outcomes.get("catastrophe"):
        worst = ", ".join(f"{world.factions[f].name} {n}" for f, n in last.items() if n)
        lines.append(f"ranked last in a catastrophe: {worst}")
    lines.append(f"a coalition cracked in {summary['coalition_cracked']} game(s)")
    lines.append(f"mean game length: {summary['mean_turns']} turns")
    lines.append("orders (games in which each faction gave it):")
    for key, count in usage.items():
        faction, order = key.split(":", 1)
        name = world.orders[order].name
        lines.append(f"  {world.factions[faction].short:<8} {name:<28} {count:>6} {pct(count)}")
    return "\n".join(lines)


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def save_game(
    world: World,
    text: str,
    scenario_file: str,
    seed: int,
    seats: Sequence[BotSpec],
    target: Path,
) -> None:
    """Play one bot game with its full log and write it as a save file (atomically)."""
    match = bot_match(world, seed, seats, ScenarioText(scenario_file, world.digest, text))
    match.play_out()
    write_save(match, target)
