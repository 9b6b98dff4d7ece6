"""The search bot's candidate plans: a few different sets of orders worth comparing.

A plan is a whole turn's orders for one faction. The candidates come from policies that
know nothing of the scenario's intent beyond its rules: the rule policy at the level's
own noise (always first: the plan the search must beat), the same policy without noise,
the generic commander (attack where stronger, hold threatened ground, talk), the rule
policy with other noise draws, holding back, and random legal plans drawn from the
engine's menu. Every plan is legal by construction: each order is drawn from
:class:`~game.engine.menu.Menu` after the orders before it, or chosen by a rule bot
that does the same. Plans with the same orders are kept once.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.ai.base import BotRandom, Choice
from game.ai.rule_bot import GENERIC, IMPROVISED, RuleBot
from game.engine.menu import Menu
from game.engine.order_model import Order
from game.engine.state import GameState

VARIATION_NOISE = 35
"""The noise of the rule policy's variations: a third of their picks are improvised."""

STOP_CHANCE = 8
"""Percent chance a random plan stops before its action points run out."""


@dataclass(frozen=True, slots=True)
class Plan:
    """One candidate turn: the orders (with the reasons of the policy that chose them)."""

    choices: tuple[Choice, ...]
    label: str

    def key(self) -> tuple[tuple[str, str, str, str], ...]:
        """The orders as a sorted tuple: two plans with the same orders are one plan."""
        return tuple(
            sorted(
                (o.faction, o.order, o.target or "", o.origin or "")
                for o in (c.order for c in self.choices)
            )
        )


def candidate_plans(
    state: GameState, faction: str, own: list[Choice], width: int, dice: BotRandom
) -> list[Plan]:
    """Up to ``width`` distinct plans for ``faction``; ``own`` (the level's plan) first."""
    plans: list[Plan] = []
    seen: set[tuple[tuple[str, str, str, str], ...]] = set()

    def add(choices: list[Choice], label: str) -> None:
        plan = Plan(tuple(choices), label)
        if len(plans) < width and plan.key() not in seen:
            seen.add(plan.key())
            plans.append(plan)

    add(own, "the rule plan")
    add(RuleBot(faction, noise=0).choose(state), "the steady rule plan")
    add(RuleBot(faction, profile=GENERIC).choose(state), "the generic plan")
    add([], "holding back")
    # Noisy variations and random plans, alternately, until the width is filled; the
    # attempts are bounded (a faction with few legal orders has few distinct plans).
    for attempt in range(4 * width):
        if len(plans) >= width:
            break
        if attempt % 2 == 0:
            salt = 100 + attempt
            variation = RuleBot(faction, noise=VARIATION_NOISE, salt=salt).choose(state)
            add([searched(c) for c in variation], "a variation")
        else:
            add(random_plan(state, faction, dice), "a random plan")
    return plans


def searched(choice: Choice) -> Choice:
    """A variation's order as the search explains it: a noisy pick was tried on purpose,
    not a hasty improvisation (the level that searches plays without noise)."""
    if choice.reason != IMPROVISED:
        return choice
    return Choice(choice.order, "an improvised order the search tried")


def random_plan(state: GameState, faction: str, dice: BotRandom) -> list[Choice]:
    """Random legal orders until the points run out (or a small chance to stop): a
    random kind of order first, then a random target, so that kinds with many targets
    (air strikes on every region) do not crowd out the rest."""
    menu = Menu(state, faction)
    chosen: list[Order] = []
    while True:
        offer = menu.after(chosen)
        kinds = [o.id for o in state.w.usable.get(faction, ()) if offer.orders(o.id)]
        if not kinds or (chosen and dice.value(100) <= STOP_CHANCE):
            break
        pool = offer.orders(kinds[dice.value(len(kinds)) - 1])
        chosen.append(pool[dice.value(len(pool)) - 1])
    return [Choice(o, "a random legal order the search tried") for o in chosen]
