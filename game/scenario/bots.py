"""Rule bots as scenario data: a faction's ordered priority list and its target selectors.

A priority names an order of the catalogue, a target selector (which targets fit, as
judged from the bot's side) and an optional data-only condition. The selectors' names
are part of the scenario format; their meaning is in ``game.ai.selectors``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.scenario import bounds as b
from game.scenario.base import Model
from game.scenario.bounds import Name, Ref
from game.scenario.rules import BoundedCondition

TargetSelector = Literal[
    "any",
    "preferred_only",
    "own_threatened",
    "own_frontline",
    "own_damaged",
    "enemy_weaker",
    "enemy_city",
    "enemy_terminal",
    "enemy_strongest",
    "strongest_enemy_faction",
    "weakest_enemy_faction",
    "most_escalating_faction",
    "ally",
    "pending_attack",
    "own_siege",
    "client_threatened",
]

REGION_SELECTORS = frozenset(
    {
        "own_threatened",
        "own_frontline",
        "own_damaged",
        "enemy_weaker",
        "enemy_city",
        "enemy_terminal",
        "enemy_strongest",
        "pending_attack",
        "own_siege",
        "client_threatened",
    }
)
"""Selectors that judge a region: they fit orders aimed at a region."""

FACTION_SELECTORS = frozenset(
    {"strongest_enemy_faction", "weakest_enemy_faction", "most_escalating_faction"}
)
"""Selectors that judge a faction: they fit orders aimed at a faction."""


class Priority(Model):
    """One line of a rule bot's priority list: which order, at which targets, when."""

    label: Name
    """What this line does, shown as the bot's reason for the order."""
    order: Ref
    """Id of the order (from the catalogue) this line gives."""
    target: TargetSelector = "any"
    """Which targets fit, judged from the bot's side (its own threatened regions, enemy cities ...):
    'any' takes every legal target."""
    prefer: list[Ref] = Field(
        default_factory=list, max_length=b.MAX_ITEMS, description="Preferred targets, best first."
    )
    when: BoundedCondition | None = None
    """Give the order only while this condition holds."""


class Bot(Model):
    """A rule bot: an ordered priority list for one faction."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=b.MAX_ID)
    """The bot's id (lower case, digits, '_' and '-')."""
    faction: Ref
    """Id of the faction it plays."""
    name: Name
    """The bot's name as players read it."""
    priority: list[Priority] = Field(min_length=1, max_length=b.MAX_PRIORITIES)
    """Its priority list: each turn it works down the lines, giving the first order that is legal
    and affordable at the best fitting target, until its action points run out."""
