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
from game.ai.purse import keeps_payroll
from game.ai.selectors import SELECTORS, View
from game.engine.conditions import holds
from game.engine.kinds import has
from game.engine.menu import Menu, Offer
from game.engine.order_model import Order
from game.engine.state import GameState
from game.engine.world import POPULOUS, World
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

IMPROVISED = "a hasty improvisation (difficulty noise)"
"""The reason of a pick the difficulty's noise made at random."""


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
        conditions: dict[int, bool] = {}
        spent: set[int] = set()
        chosen: list[Choice] = []
        while True:
            pending = [c.order for c in chosen]
            view.pending = pending
            offer = menu.after(pending)
            # Without noise, "nothing legal" shows as no priority finding a pick below.
            if self.noise:
                if not offer.any():
                    break
                if dice.value(100) <= self.noise:
                    pick = improvise(state, offer, dice)
                    if pick is not None:
                        chosen.append(Choice(pick, IMPROVISED))
                        continue
            choice = self._pick(profile, view, offer, dice, conditions, spent)
            if choice is None:
                break
            chosen.append(choice)
        return chosen

    def _pick(
        self,
        profile: Bot,
        view: View,
        offer: Offer,
        dice: BotRandom,
        conditions: dict[int, bool],
        spent: set[int],
    ) -> Choice | None:
        """The first priority whose condition holds and that leaves a legal target, or None.

        Each priority asks ``offer`` for the legal orders of its own type only, so order
        types no priority reaches are never checked. ``conditions`` remembers, by priority
        number, whether its ``when`` holds: the state does not change during a turn's picks.

        ``spent`` holds the priorities that cannot pick anything for the rest of the turn.
        Each pick only adds to the queue, and a longer queue only takes legal orders away
        (points, money, repeats, busy forces) and holds back more: so a priority left with
        no candidate stays so, unless its selector looked at the queue (which can make a
        candidate fit, e.g. softening the defenders of an attack just ordered).
        Skipping it draws no dice, so the picks are the same as walking it again.
        """
        state = view.state
        careful = restraint_applies(view)
        for number, prio in enumerate(profile.priority, start=1):
            if number in spent:
                continue
            if prio.when is not None:
                if number not in conditions:
                    conditions[number] = holds(prio.when, state, None)
                if not conditions[number]:
                    continue
            pool = offer.orders(prio.order)
            if careful:
                pool = tuple(o for o in pool if not restrained(view, o))
            # Every order of a priority is of one type, so the purse judges the type once.
            if pool and not keeps_payroll(state, self.faction, view.queued, pool[0]):
                pool = ()
            if not pool:
                spent.add(number)
                continue
            view.read_pending = False
            judged: list[tuple[int, int, Order, str]] = []
            select = SELECTORS[prio.target]
            prefer = prio.prefer
            for order in pool:
                verdict = select(view, order, prio)
                if verdict is None:
                    continue
                score, why = verdict
                rank = prefer.index(order.target) if order.target in prefer else len(prefer)
                judged.append((rank, -score, order, why))
            if not judged:
                if not view.read_pending:
                    spent.add(number)
                continue
            # The best (rank, score) in the order judged: what a stable sort would put first.
            top = min((j[0], j[1]) for j in judged)
            best = [j for j in judged if j[0] == top[0] and j[1] == top[1]]
            rank, _, order, why = best[dice.value(len(best)) - 1] if len(best) > 1 else best[0]
            target = (
                view.name(order.target, state.w.orders[order.order].kind) if order.target else ""
            )
            detail = f" — {target}" if target else ""
            if why:
                detail += f" ({why})"
            return Choice(order, f"priority {number}: {prio.label}{detail}")
        return None


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
    if not _on_a_city(w, order):
        return False
    return any(_on_a_city(w, p) and p.target != order.target for p in view.pending)


def restraint_applies(view: View) -> bool:
    """Whether :func:`restrained` can hold anything back this pick: escalation is halfway
    up and a city is already hit from afar. When it is False, nothing is restrained."""
    state = view.state
    w = state.w
    track = w.tracks.get("escalation")
    if track is None or state.tracks["escalation"] * 2 < track.max:
        return False
    return any(_on_a_city(w, p) for p in view.pending)


def _on_a_city(w: World, order: Order) -> bool:
    """Whether ``order`` strikes or raids a city from the air or the sea."""
    return (
        has(w.orders[order.order].kind, "strike")
        and order.target in w.regions
        and w.regions[order.target].population >= POPULOUS
    )


def improvise(state: GameState, offer: Offer, dice: BotRandom) -> Order | None:
    """A random legal order: first a random kind of order, then a random target for it.

    Drawing the kind first keeps a sloppy commander's mistakes varied: drawing among all
    legal orders at once would mostly pick whatever has the most targets (air strikes).
    Sloppiness is not policy: an improvisation is never an order that escalates by itself
    (an ultimatum, a military zone, arming a proxy), and near the brink (escalation within
    a quarter of its top) it never attacks or strikes either. None if nothing is left.
    Only the kinds it may pick are asked of ``offer``, in catalogue order.
    """
    w = state.w
    track = w.tracks.get("escalation")
    brink = track is not None and state.tracks["escalation"] * 4 >= track.max * 3
    kinds = [
        otype.id
        for otype in w.scenario.order
        if otype.escalation <= 0
        and not (brink and has(otype.kind, "hostile"))
        and offer.orders(otype.id)
    ]
    if not kinds:
        return None
    kind = kinds[dice.value(len(kinds)) - 1]
    pool = offer.orders(kind)
    return pool[dice.value(len(pool)) - 1]
