"""The search bot: the one bot design behind every difficulty, from ``easy`` to ``expert``.

It plays a faction of any scenario, with or without hand-written priorities. Each turn
it builds a few candidate plans (sets of orders: the rule policy's choice at its own
noise, the same policy without noise, the generic commander's, noisy variations and
random legal plans from the engine's menu, see :mod:`game.ai.search_plans`) and, when
it has a rollout budget, judges them by playing the game forward: this turn with the
plan against the other factions' rule-bot orders, then every seat by the rollout policy
to the end of the game (or a depth limit, judged by the victory margins). A plan's
score is the share of its rollouts the faction won.

**Allocation.** Sequential halving with common random numbers: rollout *k* of every
plan plays from the same re-keyed state (its own dice and its own bot noise), so plans
are compared on the same luck; after each round the worse half is dropped. The level's
own plan (the rule policy's choice) stays to the end, and a challenger replaces it only
by doing better on the same rollouts.

**Budget.** A number of rollouts, and with a clock (in play, given by the caller: the
``ai`` package reads no clock itself) a time limit too: the bot returns its best plan
so far when the time is up. The rollout count is the level, in play as in ``sidra
arena``: the clock only cuts a search short on a machine too slow to finish it in time,
so the opponent a player meets is the one the arena measured. Without a clock the
rollout count alone decides, and every
random draw comes from :func:`~game.ai.base.bot_dice`: the same game seed gives the
same choice. A budget of 0 is the rule policy exactly (``easy`` and ``normal``).

**Rollouts** go through the one match loop, which the caller hands over as a
:class:`Playout` (``game.record.match.play_forward``): the ``ai`` layer does not import
the match, it is given it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from game.ai.base import BotRandom, Choice, bot_dice
from game.ai.rule_bot import RuleBot
from game.ai.search_plans import Plan, candidate_plans
from game.engine.names import order_text
from game.engine.state import GameState
from game.engine.victory import margins, ranking

ROLLOUT_POLICY = "normal"
"""The seat word of the bots that play every seat in a rollout (and the other factions'
orders of the turn being decided): the field a player usually meets."""

OPPONENT_NOISE = 15
"""The other factions' noise in the turn being decided (the ``normal`` rule policy)."""

SEARCH_SALT = 7
"""The salt of the search's own random stream (the rule policy uses 2, random bots 1)."""

Clock = Callable[[], float]
"""Seconds from any fixed start (``time.monotonic``), given by the caller."""


class Playout(Protocol):
    """Plays a state forward through the match loop, quietly (no log).

    This turn ``faction`` gives ``plan`` and every other seat the rollout policy's
    orders; then every seat is played by :data:`ROLLOUT_POLICY` bots until the game
    ends or ``turns`` turns (this one included) have been played (0: to the end).
    Returns the state reached.
    """

    def __call__(
        self, state: GameState, faction: str, plan: Sequence[Choice], turns: int
    ) -> GameState: ...


@dataclass(slots=True)
class Tally:
    """How one plan fared over its rollouts so far."""

    plan: Plan
    rollouts: int = 0
    wins: int = 0
    lead: int = 0
    """The sum over rollouts of the faction's margin minus the best other margin."""

    def score(self) -> tuple[float, float]:
        """Win rate, then mean lead (the tie-break): higher is better."""
        if not self.rollouts:
            return (-1.0, 0.0)
        return (self.wins / self.rollouts, self.lead / self.rollouts)

    def rate(self) -> int:
        """The win rate in whole percent."""
        return round(100 * self.wins / self.rollouts) if self.rollouts else 0


@dataclass(slots=True)
class SearchBot:
    """Chooses among candidate plans by rollouts; with no budget, plays the rule policy.

    ``noise`` is the rule policy's percent of random picks (its own plan, and the whole
    bot when ``rollouts`` is 0); ``width`` the number of candidate plans; ``seconds``
    the time budget per decision, used only with a ``clock``; ``depth`` the turns a
    rollout plays before it is judged by the margins (0: to the end of the game).
    """

    faction: str
    noise: int = 15
    rollouts: int = 0
    width: int = 8
    seconds: float = 0.0
    clock: Clock | None = None
    playout: Playout | None = None
    depth: int = 0
    last: list[Tally] = field(default_factory=list)
    """The tallies of the last search, best first (empty when no search ran)."""

    def __post_init__(self) -> None:
        if self.rollouts < 0 or self.width < 1 or self.depth < 0 or self.seconds < 0:
            raise ValueError("a search bot needs rollouts, depth, seconds >= 0 and width >= 1")
        if self.rollouts and self.playout is None:
            raise ValueError(
                "a search bot with a rollout budget needs a playout: make it through the "
                "match (Match.bot) or pass game.record.match.play_forward"
            )

    def choose(self, state: GameState) -> list[Choice]:
        """This turn's orders: the best plan found, each order saying how it fared."""
        self.last = []
        own = RuleBot(self.faction, noise=self.noise)
        if not self.rollouts or state.finished:
            return own.choose(state)
        dice = bot_dice(state, self.faction, SEARCH_SALT)
        plans = candidate_plans(state, self.faction, own.choose(state), self.width, dice)
        if len(plans) == 1:
            return list(plans[0].choices)
        tallies = self._search(state, plans, dice)
        if not any(t.rollouts for t in tallies):
            return list(plans[0].choices)  # no time for a single rollout: the own plan
        self.last = sorted(tallies, key=lambda t: (t.rollouts, t.score()), reverse=True)
        return explain(state, tallies)

    # -- the search ------------------------------------------------------------------

    def _search(self, state: GameState, plans: list[Plan], dice: BotRandom) -> list[Tally]:
        """Sequential halving over ``plans`` on shared rollout seeds; the tallies, plan
        order kept (the level's own plan first)."""
        tallies = [Tally(p) for p in plans]
        clock = self.clock if self.seconds > 0 else None
        start = clock() if clock is not None else 0.0
        total = self.rollouts
        alive = list(range(len(plans)))
        used = 0
        seeds: list[int] = []
        while used < total:
            rounds = max(1, math.ceil(math.log2(len(alive)))) if len(alive) > 1 else 1
            per = max(1, (total - used) // (rounds * len(alive)))
            for _ in range(per):
                seed = dice.value(1 << 64) - 1
                seeds.append(seed)
                for index in alive:
                    if used >= total or (clock is not None and clock() - start >= self.seconds):
                        return tallies
                    self._rollout(state, tallies[index], seed)
                    used += 1
                if clock is not None and len(seeds) == 1:
                    # After one sweep, plan the rest of the budget on the measured pace.
                    pace = (clock() - start) / used
                    left = self.seconds - (clock() - start)
                    total = min(total, used + int(left / pace) if pace > 0 else total)
            if len(alive) == 1:
                continue
            ranked = sorted(alive, key=lambda i: tallies[i].score(), reverse=True)
            keep = ranked[: max(1, len(alive) // 2)]
            if 0 not in keep:
                keep.append(0)  # the level's own plan is compared to the end
            alive = sorted(keep)
        return tallies

    def _rollout(self, state: GameState, tally: Tally, seed: int) -> None:
        """Play ``tally``'s plan forward once from ``state`` re-keyed by ``seed``."""
        assert self.playout is not None
        start = state.clone()
        start.seed = seed
        end = self.playout(start, self.faction, tally.plan.choices, self.depth)
        won, lead = judge(end, self.faction)
        tally.rollouts += 1
        tally.wins += won
        tally.lead += lead


def judge(state: GameState, faction: str) -> tuple[int, int]:
    """(1 if ``faction`` won else 0, its margin minus the best other margin).

    A finished game counts a win (goals reached, or came closest when nobody did); an
    unfinished one (a rollout cut at its depth) counts the margin leader as the winner.
    """
    m = margins(state)
    lead = m[faction] - max((v for f, v in m.items() if f != faction), default=0)
    outcome = state.outcome
    if outcome is None:
        return int(ranking(state)[0] == faction), lead
    won = outcome.result in ("win", "closest") and outcome.winner == faction
    return int(won), lead


def explain(state: GameState, tallies: list[Tally]) -> list[Choice]:
    """The best plan's orders, each reason saying how the plan fared against the best
    other plan (the level's own plan if it lost, else the runner-up).

    Only the plans that stayed to the end (the most rollouts) compete: a plan dropped
    after a lucky first round is not chosen on that luck. The level's own plan, always
    among them, is replaced only by a plan that did strictly better.
    """
    own = tallies[0]
    most = max(t.rollouts for t in tallies)
    finalists = [t for t in tallies if t.rollouts >= most - 1 and t.rollouts]
    best = max(finalists, key=lambda t: (t.score(), t is own), default=own)
    if best.score() <= own.score():
        best = own
    rivals = [t for t in finalists if t is not best]
    rival = own if best is not own else max(rivals, key=lambda t: t.score(), default=None)
    head = f"won {best.rate()}% of {best.rollouts} rollouts"
    if rival is not None:
        head += f" ({rival_words(state, rival.plan, best.plan)} {rival.rate()}%)"
    chosen: list[Choice] = []
    for i, choice in enumerate(best.plan.choices):
        words = order_text(state.w, choice.order)
        lead = f"{words}: {head}" if i == 0 else f"{words}: part of that plan"
        chosen.append(Choice(choice.order, f"{lead} — {choice.reason}"))
    return chosen


def rival_words(state: GameState, rival: Plan, chosen: Plan) -> str:
    """The rival plan in a few words: its first order the chosen plan lacks."""
    mine = {c.order for c in chosen.choices}
    for choice in rival.choices:
        if choice.order not in mine:
            words = order_text(state.w, choice.order)
            return words[:1].lower() + words[1:]  # names keep their capitals
    return "holding back" if not rival.choices else rival.label
