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
    """Which of the order's legal targets this line considers, judged from the bot's side; the
    fitting targets are ranked by 'prefer', then as each word says in brackets. Words that judge a
    region suit orders aimed at a region, the three '..._faction' words orders aimed at a
    faction.

    `any`: every legal target.

    `preferred_only`: only the targets listed in 'prefer'.

    `own_threatened`: a region the bot holds where enemies stand, or next to enemies at least
    as strong as its own forces there (most endangered first). A move never leaves one
    threatened region for another.

    `own_frontline`: a region the bot holds next to a region an enemy holds or stands in
    (strongest enemy next door first). A move goes only from a region that is neither on the
    front nor threatened: it brings reserves forward.

    `own_damaged`: a region the bot holds with damage or burning tanks (most fires, then most
    damage, first): for repairs.

    `enemy_weaker`: a region an enemy holds or stands in where the forces the order sends from
    its origin outnumber the defenders with their fortification and city bonus (biggest edge
    first). Only orders that name an origin (attack) send forces, so it fits no other.

    `enemy_city`: a city (by population, as the rules count cities) an enemy holds or stands in
    (most populous first).

    `enemy_terminal`: a region of kind oil_terminal or oil_field an enemy holds or stands in
    (most enemy strength first).

    `enemy_strongest`: a region with enemy forces in it (strongest first).

    `strongest_enemy_faction`: another faction, the one furthest ahead of its victory target
    first.

    `weakest_enemy_faction`: another faction, the one furthest behind its victory target first.

    `most_escalating_faction`: a faction that has caused escalation this game (most first).

    `ally`: a faction listed in 'prefer', or a region held by one.

    `pending_attack`: a region the bot's earlier lines already attack this turn, when the attack
    is close (its strength at most 2 over the defence): strikes and raids that soften the
    defenders first.

    `own_siege`: a city the bot besieges, or declares a military zone on this turn, where its
    strikes hit more easily.

    `client_threatened`: a region held, with its own forces, by a side no further ahead than the
    bot, and threatened by sides that are ahead of the bot and near winning; at most one such
    order a turn. The balance-of-power choice for arming a side or intervening beside it."""
    prefer: list[Ref] = Field(default_factory=list, max_length=b.MAX_ITEMS)
    """Targets to pick first, best first: region ids (or faction ids for orders aimed at a
    faction)."""
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
