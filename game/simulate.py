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

from game.ai.base import Bot, Choice
from game.ai.random_bot import RandomBot
from game.ai.rule_bot import RuleBot
from game.engine.log import LogEntry
from game.engine.orders import Order
from game.engine.resolve import resolve_turn
from game.engine.state import GameState, new_game, state_hash
from game.engine.world import World, compile_world
from game.record.save import GameRecord, Player
from game.scenario.loader import load_scenario

BOT_KINDS = ("rule", "random")


@dataclass(slots=True)
class TurnRecord:
    """One resolved turn of a simulated game (kept only when a save is wanted)."""

    orders: list[Order]
    reasons: list[str]
    log: list[LogEntry]
    state: GameState


@dataclass(slots=True)
class GameResult:
    """How one game ended."""

    index: int
    seed: int
    result: str
    winner: str | None
    turns: int
    hash: str
    history: list[TurnRecord] = field(default_factory=list)


def game_seeds(seed: int, games: int) -> list[int]:
    """Independent per-game seeds derived from one batch seed."""
    return [int(child.generate_state(1, "uint64")[0]) for child in SeedSequence(seed).spawn(games)]


def make_bots(world: World, seats: Sequence[str]) -> list[Bot]:
    """One bot per faction; ``seats[i]`` is ``rule`` or ``random`` for faction *i*."""
    bots: list[Bot] = []
    for faction, kind in zip(world.faction_ids, seats, strict=True):
        bots.append(RuleBot(faction) if kind == "rule" else RandomBot(faction))
    return bots


def play_game(
    world: World, seed: int, seats: Sequence[str], index: int = 0, keep: bool = False
) -> GameResult:
    """Play one whole game with bots; ``keep`` records every turn for a save file."""
    state = new_game(world, seed)
    bots = make_bots(world, seats)
    history: list[TurnRecord] = []
    while not state.finished:
        choices: list[Choice] = []
        for bot in bots:
            choices.extend(bot.choose(state))
        orders = [c.order for c in choices]
        state, log = resolve_turn(state, orders)
        if keep:
            history.append(TurnRecord(orders, [c.reason for c in choices], list(log), state))
    assert state.outcome is not None
    return GameResult(
        index=index,
        seed=seed,
        result=state.outcome.result,
        winner=state.outcome.winner,
        turns=state.outcome.turn,
        hash=state_hash(state),
        history=history,
    )


# Worker processes load the scenario once and keep it.
_WORLD: World | None = None


def _init_worker(path: str) -> None:
    global _WORLD
    _WORLD = compile_world(load_scenario(path))


def _play_chunk(args: tuple[list[tuple[int, int]], tuple[str, ...]]) -> list[GameResult]:
    chunk, seats = args
    assert _WORLD is not None
    return [play_game(_WORLD, seed, seats, index) for index, seed in chunk]


def run_batch(
    scenario_path: str | Path,
    world: World,
    games: int,
    seed: int,
    seats: Sequence[str],
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
    """Outcome counts per faction (plus catastrophe and draw), mean turns and hashes."""
    outcomes: dict[str, int] = {f: 0 for f in world.faction_ids}
    outcomes["catastrophe"] = 0
    outcomes["draw"] = 0
    for r in results:
        key = r.winner if r.result == "win" and r.winner else r.result
        outcomes[key] = outcomes.get(key, 0) + 1
    mean = sum(r.turns for r in results) / len(results) if results else 0.0
    return {
        "outcomes": outcomes,
        "mean_turns": round(mean, 3),
        "hashes": [r.hash for r in results],
    }


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def save_game(
    world: World, text: str, scenario_file: str, seed: int, seats: Sequence[str], target: Path
) -> None:
    """Replay one bot game with full records and write it as a save file (atomically)."""
    result = play_game(world, seed, seats, 0, keep=True)
    players = [Player(faction=f, kind=k) for f, k in zip(world.faction_ids, seats, strict=True)]
    record, state = GameRecord.start(text, scenario_file, seed, players)
    for turn in result.history:
        reasons = {
            (o.faction, o.order, o.target, o.origin): why
            for o, why in zip(turn.orders, turn.reasons, strict=True)
        }
        record.add_turn(state, turn.orders, turn.state, turn.log, reasons)
        state = turn.state
    record.write(target)
