"""The rule bot: a faction's ordered priority list, written as data in the scenario.

For each action point it walks the priorities in order; the first whose condition
holds and whose target selector leaves a legal order wins. Among the surviving targets
the scenario's ``prefer`` list ranks first, then the selector's own score, then a
seeded tie-break. Every choice carries the priority that made it and why, e.g.
"priority 2: Reinforce threatened terminals — Ras Lanuf (enemy 5 next door, ours 2)".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.ai.base import Choice, bot_dice
from game.engine.conditions import holds
from game.engine.dice import Dice
from game.engine.orders import TARGETS_FACTION, Order, legal_orders
from game.engine.state import GameState
from game.engine.victory import margins
from game.engine.world import POPULOUS
from game.scenario.models import NEUTRAL, Bot, Priority, Scenario

Scored = tuple[int, str]
"""A selector's verdict on a candidate: (score, explanation)."""

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
        view = _View(state, self.faction)
        chosen: list[Choice] = []
        while True:
            pending = [c.order for c in chosen]
            legal = legal_orders(state, self.faction, pending)
            if not legal:
                break
            if self.noise and dice.value(100) <= self.noise:
                pick = legal[dice.value(len(legal)) - 1]
                chosen.append(Choice(pick, "a hasty improvisation (difficulty noise)"))
                continue
            choice = self._pick(profile, view, legal, dice)
            if choice is None:
                break
            chosen.append(choice)
        return chosen

    def _pick(self, profile: Bot, view: _View, legal: list[Order], dice: Dice) -> Choice | None:
        state = view.state
        for number, prio in enumerate(profile.priority, start=1):
            if prio.when is not None and not holds(prio.when, state, None):
                continue
            pool = [o for o in legal if o.order == prio.order]
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


class _View:
    """Cached facts about the board from one faction's point of view."""

    def __init__(self, state: GameState, me: str) -> None:
        self.state = state
        self.me = me
        w = state.w
        self.enemy_here: dict[str, int] = {}
        self.mine_here: dict[str, int] = {}
        for rid in w.region_ids:
            self.enemy_here[rid] = 0
            self.mine_here[rid] = 0
        for u in state.units:
            if u.kind != "ground" or u.strength <= 0:
                continue
            if u.faction == me:
                self.mine_here[u.region] += u.strength
            else:
                self.enemy_here[u.region] += u.strength
        self.controller = {r.id: r.controller for r in state.regions}

    def name(self, ident: str | None, kind: str = "") -> str:
        w = self.state.w
        if kind in TARGETS_FACTION and ident in w.factions:
            return w.factions[ident].name
        if ident in w.regions:
            return w.regions[ident].name
        if ident in w.factions:
            return w.factions[ident].name
        return ident or ""

    def enemy_next_door(self, rid: str) -> int:
        return max((self.enemy_here[n] for n in self.state.w.land[rid]), default=0)

    def hostile(self, rid: str) -> bool:
        return self.controller[rid] not in (self.me, NEUTRAL) or self.enemy_here[rid] > 0

    def frontline(self, rid: str) -> bool:
        return any(self.hostile(n) for n in self.state.w.land[rid])

    def threatened(self, rid: str) -> bool:
        return self.enemy_here[rid] > 0 or self.enemy_next_door(rid) >= max(1, self.mine_here[rid])


Selector = Callable[[_View, Order, Priority], Scored | None]


def _any(view: _View, order: Order, prio: Priority) -> Scored | None:
    return 0, ""


def _preferred_only(view: _View, order: Order, prio: Priority) -> Scored | None:
    return (0, "") if order.target in prio.prefer else None


def _own_threatened(view: _View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or view.controller.get(t) != view.me or not view.threatened(t):
        return None
    if order.origin is not None and view.threatened(order.origin):
        return None  # never abandon one threatened post for another
    danger = view.enemy_here[t] + view.enemy_next_door(t)
    return danger - view.mine_here[t], (
        f"enemy {view.enemy_next_door(t)} next door, ours {view.mine_here[t]}"
    )


def _own_frontline(view: _View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or view.controller.get(t) != view.me or not view.frontline(t):
        return None
    if order.origin is not None and (view.frontline(order.origin) or view.threatened(order.origin)):
        return None
    return view.enemy_next_door(t), "to the front line"


def _own_damaged(view: _View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None:
        return None
    region = view.state.region(t)
    if region.controller != view.me or (region.damage <= 0 and region.tanks_ablaze <= 0):
        return None
    return region.tanks_ablaze * 10 + region.damage, (
        f"{region.tanks_ablaze} tanks ablaze, {region.damage}% damage"
    )


def _enemy_weaker(view: _View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or not view.hostile(t):
        return None
    w = view.state.w
    ours = view.mine_here[order.origin] if order.origin else 0
    bonus = view.state.region(t).fortification + (
        w.tuning.city_defence if w.regions[t].population >= POPULOUS else 0
    )
    theirs = view.enemy_here[t] + bonus
    if ours <= theirs:
        return None
    return ours - theirs, f"ours {ours} against {theirs}"


def _enemy_city(view: _View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or not view.hostile(t) or view.state.w.regions[t].population < POPULOUS:
        return None
    return view.state.w.regions[t].population // 10_000, "an enemy-held city"


def _enemy_terminal(view: _View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or not view.hostile(t):
        return None
    if view.state.w.regions[t].kind not in ("oil_terminal", "oil_field"):
        return None
    return view.enemy_here[t], "an enemy-held oil terminal"


def _enemy_strongest(view: _View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or view.enemy_here.get(t, 0) <= 0:
        return None
    return view.enemy_here[t], f"enemy strength {view.enemy_here[t]}"


def _faction_by_margin(sign: int) -> Selector:
    def select(view: _View, order: Order, prio: Priority) -> Scored | None:
        if order.target not in view.state.w.factions:
            return None
        m = margins(view.state)[order.target]
        return sign * m, f"victory margin {m:+}"

    return select


def _ally(view: _View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None:
        return None
    if t in view.state.w.factions:
        return (0, "an ally") if t in prio.prefer else None
    holder = view.controller.get(t)
    return (0, f"held by {view.name(holder)}") if holder in prio.prefer else None


SELECTORS: dict[str, Selector] = {
    "any": _any,
    "preferred_only": _preferred_only,
    "own_threatened": _own_threatened,
    "own_frontline": _own_frontline,
    "own_damaged": _own_damaged,
    "enemy_weaker": _enemy_weaker,
    "enemy_city": _enemy_city,
    "enemy_terminal": _enemy_terminal,
    "enemy_strongest": _enemy_strongest,
    "strongest_enemy_faction": _faction_by_margin(1),
    "weakest_enemy_faction": _faction_by_margin(-1),
    "ally": _ally,
}
