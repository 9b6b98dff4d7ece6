"""The rule bot: a faction's ordered priority list, written as data in the scenario.

For each action point it walks the priorities in order; the first whose condition
holds and whose target selector leaves a legal order wins. Among the surviving targets
the scenario's ``prefer`` list ranks first, then the selector's own score, then a
seeded tie-break. Every choice carries the priority that made it and why, e.g.
"priority 2: Reinforce threatened terminals — Ras Lanuf (enemy 5 next door, ours 2)".
"""

from __future__ import annotations

from dataclasses import dataclass

from game.ai.base import BotRandom, Choice, bot_dice
from game.ai.selectors import SELECTORS, View
from game.engine.conditions import holds
from game.engine.orders import Menu, Order
from game.engine.state import GameState
from game.engine.world import POPULOUS
from game.scenario.bots import Bot, Priority
from game.scenario.models import Scenario

GENERIC = Bot(
    id="generic",
    faction="any",
    name="Generic commander",
    priority=[
        Priority(label="Attack where stronger", order="attack", target="enemy_weaker"),
        Priority(label="Hold threatened ground", order="fortify", target="own_threatened"),
        Priority(label="Talk", order="negotiate"),
    ],
)


def profile_for(scenario: Scenario, faction: str) -> Bot:
    """The scenario's first bot profile for ``faction``, or a generic one."""
    for bot in scenario.bot:
        if bot.faction == faction:
            return bot
    return GENERIC


@dataclass(slots=True)
class RuleBot:
    """Follows a priority list; ``noise`` (0-100) is the percent chance of a random pick."""

    faction: str
    profile: Bot | None = None
    noise: int = 0
    salt: int = 2

    def choose(self, state: GameState) -> list[Choice]:
        """This turn's orders, each explained by the priority that chose it."""
        profile = self.profile or profile_for(state.w.scenario, self.faction)
        dice = bot_dice(state, self.faction, self.salt)
        view = View(state, self.faction)
        menu = Menu(state, self.faction, view.board)
        chosen: list[Choice] = []
        while True:
            pending = [c.order for c in chosen]
            view.pending = pending
            legal = menu.legal(pending)
            if not legal:
                break
            if self.noise and dice.value(100) <= self.noise:
                pick = improvise(state, legal, dice)
                if pick is not None:
                    chosen.append(Choice(pick, "a hasty improvisation (difficulty noise)"))
                    continue
            choice = self._pick(profile, view, legal, dice)
            if choice is None:
                break
            chosen.append(choice)
        return chosen

    def _pick(self, profile: Bot, view: View, legal: list[Order], dice: BotRandom) -> Choice | None:
        state = view.state
        for number, prio in enumerate(profile.priority, start=1):
            if prio.when is not None and not holds(prio.when, state, None):
                continue
            pool = [o for o in legal if o.order == prio.order and not restrained(view, o)]
            if not pool:
                continue
            judged: list[tuple[int, int, Order, str]] = []
            select = SELECTORS[prio.target]
            for order in pool:
                verdict = select(view, order, prio)
                if verdict is None:
                    continue
                score, why = verdict
                rank = (
                    prio.prefer.index(order.target)
                    if order.target in prio.prefer
                    else len(prio.prefer)
                )
                judged.append((rank, -score, order, why))
            if not judged:
                continue
            judged.sort(key=lambda item: (item[0], item[1]))
            best = [j for j in judged if j[0] == judged[0][0] and j[1] == judged[0][1]]
            rank, _, order, why = best[dice.value(len(best)) - 1] if len(best) > 1 else best[0]
            target = (
                view.name(order.target, state.w.orders[order.order].kind) if order.target else ""
            )
            detail = f" — {target}" if target else ""
            if why:
                detail += f" ({why})"
            return Choice(order, f"priority {number}: {prio.label}{detail}")
        return None


HOSTILE_KINDS = frozenset({"attack", "air_strike", "mig_raid", "naval_raid", "military_zone"})
"""Order kinds that can raise escalation whatever the catalogue says (they hit places)."""

FROM_AFAR = frozenset({"air_strike", "mig_raid", "naval_raid"})
"""Attacks from the air or the sea: each city they hit escalates."""


def restrained(view: View, order: Order) -> bool:
    """Whether a rule bot holds back from ``order`` to keep the war from spiralling.

    Once escalation is halfway to its top, a rule bot hits at most one city from the air
    or the sea in a turn: every city attacked adds escalation, and a second one rarely
    wins more than it risks for everyone.
    """
    state = view.state
    w = state.w
    track = w.tracks.get("escalation")
    if track is None or state.tracks["escalation"] * 2 < track.max:
        return False

    def on_a_city(o: Order) -> bool:
        return (
            w.orders[o.order].kind in FROM_AFAR
            and o.target in w.regions
            and w.regions[o.target].population >= POPULOUS
        )

    if not on_a_city(order):
        return False
    return any(on_a_city(p) and p.target != order.target for p in view.pending)


def improvise(state: GameState, legal: list[Order], dice: BotRandom) -> Order | None:
    """A random legal order: first a random kind of order, then a random target for it.

    Drawing the kind first keeps a sloppy commander's mistakes varied: drawing among all
    legal orders at once would mostly pick whatever has the most targets (air strikes).
    Sloppiness is not policy: an improvisation is never an order that escalates by itself
    (an ultimatum, a military zone, arming a proxy), and near the brink (escalation within
    a quarter of its top) it never attacks or strikes either. None if nothing is left.
    """
    w = state.w
    track = w.tracks.get("escalation")
    brink = track is not None and state.tracks["escalation"] * 4 >= track.max * 3
    legal = [
        o
        for o in legal
        if w.orders[o.order].escalation <= 0
        and not (brink and w.orders[o.order].kind in HOSTILE_KINDS)
    ]
    kinds: list[str] = []
    for order in legal:
        if order.order not in kinds:
            kinds.append(order.order)
    if not kinds:
        return None
    kind = kinds[dice.value(len(kinds)) - 1]
    pool = [o for o in legal if o.order == kind]
    return pool[dice.value(len(pool)) - 1]
