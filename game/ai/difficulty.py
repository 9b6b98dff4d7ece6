"""Bot difficulty as a parameter set: how often a rule bot improvises at random."""

from __future__ import annotations

from game.ai.base import Bot
from game.ai.random_bot import RandomBot
from game.ai.rule_bot import RuleBot

DIFFICULTIES: dict[str, int] = {"easy": 45, "normal": 15, "hard": 0}
"""Difficulty name -> percent chance that each of a rule bot's picks is random."""


def make_bot(faction: str, difficulty: str = "normal") -> Bot:
    """A bot for ``faction``: ``random`` for the baseline, else a rule bot at that difficulty."""
    if difficulty == "random":
        return RandomBot(faction)
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty '{difficulty}' (one of {', '.join(DIFFICULTIES)})")
    return RuleBot(faction, noise=DIFFICULTIES[difficulty])
