"""Bots: the random-legal baseline and the scenario-driven rule bot."""

from game.ai.base import Bot, Choice, orders_of
from game.ai.random_bot import RandomBot
from game.ai.rule_bot import RuleBot, profile_for

__all__ = ["Bot", "Choice", "RandomBot", "RuleBot", "orders_of", "profile_for"]
