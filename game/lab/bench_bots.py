"""``sidra bench`` figures of the opponents: how long a decision takes, how fast rollouts run.

* ``bot_ms_median``: for every level of the ladder (:data:`~game.ai.registry.LADDER`,
  weakest first), the median milliseconds one bot takes to choose one faction's orders
  for one turn, over real positions of the default scenario (the positions of rule-bot
  games, every faction in turn). The bots are made as a match makes them
  (``make_bot`` with the match loop's ``play_forward`` for rollouts) but with no clock:
  a searching level spends its whole rollout budget, as the arena plays it (in play the
  clock also stops it at its time budget). One bot per faction and level is made once
  and asked again and again, as in a game; only ``choose`` is timed. Each level is timed
  on at least a few decisions and at most a fixed number, stopping early once it has used
  its share of seconds; ``bot_decisions`` says how many were timed.
* ``search_rollouts_per_s``: rollouts a second on one core, as the search bot plays them.
  When the search bot offers ``rollout_rate(world, seconds)`` that is the figure;
  otherwise it is measured here the same way: from positions after turn 1 of rule-bot
  games, each re-keyed by fresh dice, ``play_forward`` plays the rest of the game quietly
  with the rollout policy, as many times as fit in the time.
"""

from __future__ import annotations

import importlib
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from game.ai.base import Bot
from game.ai.registry import LADDER, BotSpec, make_bot, parse_bot
from game.engine.resolve import resolve_turn
from game.engine.state import GameState, new_game
from game.engine.world import World
from game.record.match import play_forward

DECISIONS = (3, 60)
"""Fewest and most decisions timed per level (full bench)."""
QUICK_DECISIONS = (1, 15)
"""Fewest and most decisions timed per level with ``--quick``."""
LEVEL_SECONDS = 8.0
"""Seconds a level may use once it has its fewest decisions (full bench; --quick: a quarter)."""
ROLLOUT_SECONDS = 3.0
"""Seconds of rollouts timed for ``search_rollouts_per_s`` (full bench; --quick: a third)."""


def bot_ms_median(
    world: World,
    positions: Sequence[GameState],
    quick: bool = False,
    decisions: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """``bot_ms_median`` and ``bot_decisions``: per ladder level, median ms of one decision.

    ``decisions`` (fewest, most) overrides the counts ``quick`` chooses.
    """
    fewest, most = decisions or (QUICK_DECISIONS if quick else DECISIONS)
    seconds = LEVEL_SECONDS / 4 if quick else LEVEL_SECONDS
    asks = [(s, f) for s in positions if not s.finished for f in world.faction_ids]
    random.Random(13).shuffle(asks)  # early stops still see every stage of the game
    if not asks:
        raise RuntimeError("no unfinished position to time the bots on")
    medians: dict[str, float] = {}
    counts: dict[str, int] = {}
    for word in LADDER:
        bots: dict[str, Bot] = {
            f: make_bot(f, parse_bot(word), playout=play_forward) for f in world.faction_ids
        }
        times: list[float] = []
        spent = 0.0
        for state, faction in _cycle(asks, most):
            start = time.perf_counter()
            bots[faction].choose(state)
            took = time.perf_counter() - start
            times.append(took * 1000)
            spent += took
            if len(times) >= fewest and spent >= seconds:
                break
        medians[word] = round(statistics.median(times), 3)
        counts[word] = len(times)
    return {"bot_ms_median": medians, "bot_decisions": counts}


def _cycle(asks: list[tuple[GameState, str]], count: int) -> list[tuple[GameState, str]]:
    """``count`` asks, going round the list again if it is shorter."""
    return [asks[i % len(asks)] for i in range(count)]


def after_turn_one(world: World, games: int = 8) -> list[GameState]:
    """Positions after turn 1 of normal rule-bot games (seeds 1..games), unfinished ones."""
    found = []
    for seed in range(1, games + 1):
        state = new_game(world, seed)
        bots = [make_bot(f, BotSpec()) for f in world.faction_ids]
        state, _ = resolve_turn(state, [c.order for b in bots for c in b.choose(state)], log=False)
        if not state.finished:
            found.append(state)
    if not found:
        raise RuntimeError(f"every one of {games} rule-bot games ended on turn 1")
    return found


def measured_rollout_rate(world: World, seconds: float) -> float:
    """Rollouts a second, played as the search bot plays them, on one core.

    Each rollout starts from one of a few positions after turn 1, re-keyed by its own
    dice seed, and goes through :func:`~game.record.match.play_forward` to the end of the
    game: the first faction gives its normal rule-bot plan, every other seat (and every
    later turn) is played by the rollout policy, quietly.
    """
    starts = after_turn_one(world)
    faction = world.faction_ids[0]
    plans = [make_bot(faction, BotSpec()).choose(s) for s in starts]
    done = 0
    start = time.perf_counter()
    while True:
        state = starts[done % len(starts)].clone()
        state.seed = 10_000 + done
        state.world = world
        play_forward(state, faction, plans[done % len(starts)], 0)
        done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def search_rate() -> Callable[[World, float], Any] | None:
    """The search bot's own ``rollout_rate(world, seconds)``, if it has one."""
    try:
        module = importlib.import_module("game.ai.search_bot")
    except ImportError:
        return None
    rate = getattr(module, "rollout_rate", None)
    return rate if callable(rate) else None


def rollout_figures(world: World, quick: bool = False) -> dict[str, Any]:
    """``search_rollouts_per_s`` and where it comes from (the search bot, or this module)."""
    seconds = ROLLOUT_SECONDS / 3 if quick else ROLLOUT_SECONDS
    rate = search_rate()
    if rate is not None:
        value, source = float(rate(world, seconds)), "search_bot.rollout_rate"
    else:
        value, source = measured_rollout_rate(world, seconds), "play_forward, timed by the bench"
    return {"search_rollouts_per_s": round(value, 1), "search_rollouts_by": source}


def bot_figures(
    world: World, positions: Sequence[GameState], quick: bool = False
) -> dict[str, Any]:
    """Every figure of this module."""
    return {**bot_ms_median(world, positions, quick), **rollout_figures(world, quick)}
