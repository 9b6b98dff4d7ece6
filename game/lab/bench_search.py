"""How fast the search bot thinks: rollouts per second from a scenario's start.

A rollout is what the search bot plays for each sample of each candidate plan
(:func:`game.record.match.play_forward`): the first faction's rule plan for turn 1,
then every seat by the rollout policy to the end of the game, quietly. ``sidra bench``
reports the figure as ``search_rollouts_per_s``.
"""

from __future__ import annotations

import time

from game.ai.registry import BotSpec, make_bot
from game.engine.state import new_game
from game.engine.world import World
from game.record.match import play_forward


def rollout_rate(world: World, seconds: float, seed: int = 1) -> float:
    """Rollouts per second from the start of ``world``'s scenario, measured for about
    ``seconds`` (at least one rollout); each rollout has its own dice, as in a search."""
    start = new_game(world, seed)
    me = world.faction_ids[0]
    plan = make_bot(me, BotSpec()).choose(start)
    count = 0
    begin = time.perf_counter()
    while True:
        state = start.clone()
        state.seed = seed + 1 + count
        play_forward(state, me, plan, 0)
        count += 1
        elapsed = time.perf_counter() - begin
        if elapsed >= seconds:
            return count / elapsed
