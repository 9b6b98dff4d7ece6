"""Target selectors of the rule bot: which targets a priority line considers, and why.

A selector looks at one candidate order from the bot's point of view and returns None
(not a fit) or a score with a short explanation; the bot ranks the fits by the
scenario's ``prefer`` list, then by score. Selectors are named in scenario files
(``target = "enemy_weaker"``), so each name here is part of the scenario format.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.forces import Board
from game.engine.ground import defence_bonus
from game.engine.kinds import TARGETS_FACTION, has
from game.engine.order_model import Order
from game.engine.state import GameState
from game.engine.victory import margins
from game.engine.world import POPULOUS
from game.scenario.bots import Priority
from game.scenario.models import NEUTRAL

Scored = tuple[int, str]
"""A selector's verdict on a candidate: (score, explanation)."""


class View:
    """Cached facts about the board from one faction's point of view."""

    def __init__(self, state: GameState, me: str) -> None:
        self.state = state
        self.me = me
        self.board = Board(state)
        self._pending: list[Order] = []
        self.read_pending = False
        w = state.w
        ours = self.board.ground
        total = self.board.total
        self.mine_here = {rid: ours.get((me, rid), 0) for rid in w.region_ids}
        self.enemy_here = {rid: total.get(rid, 0) - self.mine_here[rid] for rid in w.region_ids}
        self.controller = {r.id: r.controller for r in state.regions}
        self._margins: dict[str, int] | None = None
        self.memo: dict[tuple[str, str], Scored | None] = {}
        """Selector answers that depend on the board alone, by (selector, target)."""

    @property
    def pending(self) -> list[Order]:
        """The orders already chosen this turn. Reading them sets ``read_pending``, so the
        bot knows which verdicts might change as more orders are queued."""
        self.read_pending = True
        return self._pending

    @pending.setter
    def pending(self, orders: list[Order]) -> None:
        self._pending = orders

    @property
    def queued(self) -> list[Order]:
        """The orders already chosen this turn, read without setting ``read_pending``: for
        checks that only ever take candidates away as the queue grows (money left)."""
        return self._pending

    def margins(self) -> dict[str, int]:
        """Every faction's victory margin (worked out once: the state does not change)."""
        if self._margins is None:
            self._margins = margins(self.state)
        return self._margins

    def name(self, ident: str | None, kind: str = "") -> str:
        """Display name of a region or faction id."""
        w = self.state.w
        if kind in TARGETS_FACTION and ident in w.factions:
            return w.factions[ident].name
        if ident in w.regions:
            return w.regions[ident].name
        if ident in w.factions:
            return w.factions[ident].name
        return ident or ""

    def enemy_next_door(self, rid: str) -> int:
        """The strongest hostile force in a region linked to ``rid``."""
        return max((self.enemy_here[n] for n in self.state.w.land[rid]), default=0)

    def hostile(self, rid: str) -> bool:
        """Whether an enemy holds ``rid`` or has forces there."""
        return self.controller[rid] not in (self.me, NEUTRAL) or self.enemy_here[rid] > 0

    def frontline(self, rid: str) -> bool:
        """Whether ``rid`` borders hostile ground."""
        return any(self.hostile(n) for n in self.state.w.land[rid])

    def threatened(self, rid: str) -> bool:
        """Whether enemies stand in ``rid`` or next door at least as strong as we are there."""
        return self.enemy_here[rid] > 0 or self.enemy_next_door(rid) >= max(1, self.mine_here[rid])

    def danger_to(self, holder: str, rid: str) -> int:
        """How much stronger ``holder``'s enemies are in and next to ``rid`` than its defence."""
        board = self.board
        near = max((board.enemy(holder, n) for n in self.state.w.land[rid]), default=0)
        return board.enemy(holder, rid) + near - board.side(holder, rid)


Selector = Callable[[View, Order, Priority], Scored | None]


def _any(view: View, order: Order, prio: Priority) -> Scored | None:
    return 0, ""


def _preferred_only(view: View, order: Order, prio: Priority) -> Scored | None:
    return (0, "") if order.target in prio.prefer else None


def _own_threatened(view: View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or view.controller.get(t) != view.me or not view.threatened(t):
        return None
    if order.origin is not None and view.threatened(order.origin):
        return None  # never abandon one threatened post for another
    danger = view.enemy_here[t] + view.enemy_next_door(t)
    return danger - view.mine_here[t], (
        f"enemy {view.enemy_next_door(t)} next door, ours {view.mine_here[t]}"
    )


def _own_frontline(view: View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or view.controller.get(t) != view.me or not view.frontline(t):
        return None
    if order.origin is not None and (view.frontline(order.origin) or view.threatened(order.origin)):
        return None
    return view.enemy_next_door(t), "to the front line"


def _own_damaged(view: View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or t not in view.controller:  # not a region
        return None
    region = view.state.region(t)
    if region.controller != view.me or (region.damage <= 0 and region.tanks_ablaze <= 0):
        return None
    return region.tanks_ablaze * 10 + region.damage, (
        f"{region.tanks_ablaze} tanks ablaze, {region.damage}% damage"
    )


def _enemy_weaker(view: View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or t not in view.controller or not view.hostile(t):
        return None
    ours = view.mine_here[order.origin] if order.origin else 0
    bonus = defence_bonus(view.state, t, view.me)
    theirs = view.enemy_here[t] + bonus
    if ours <= theirs:
        return None
    return ours - theirs, f"ours {ours} against {theirs}"


def _enemy_city(view: View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or t not in view.controller or not view.hostile(t):
        return None
    if view.state.w.regions[t].population < POPULOUS:
        return None
    return view.state.w.regions[t].population // 10_000, "an enemy-held city"


def _enemy_terminal(view: View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or t not in view.controller or not view.hostile(t):
        return None
    if view.state.w.regions[t].kind not in ("oil_terminal", "oil_field"):
        return None
    return view.enemy_here[t], "an enemy-held oil terminal"


def _enemy_strongest(view: View, order: Order, prio: Priority) -> Scored | None:
    t = order.target
    if t is None or view.enemy_here.get(t, 0) <= 0:
        return None
    return view.enemy_here[t], f"enemy strength {view.enemy_here[t]}"


def _faction_by_margin(sign: int) -> Selector:
    def select(view: View, order: Order, prio: Priority) -> Scored | None:
        if order.target not in view.state.w.factions:
            return None
        m = view.margins()[order.target]
        return sign * m, f"victory margin {m:+}"

    return select


def _most_escalating(view: View, order: Order, prio: Priority) -> Scored | None:
    if order.target not in view.state.w.factions:
        return None
    caused = view.state.faction(order.target).escalation
    if caused <= 0:
        return None
    return caused, f"caused {caused} escalation this game"


def _pending_attack(view: View, order: Order, prio: Priority) -> Scored | None:
    """Soften the defenders of an attack ordered this turn that is close enough to need it.

    A raid or strike costs escalation and risks civilians; it pays when our attack is a
    near thing (our strength at most 2 over the defence), not when it will win anyway.
    """
    w = view.state.w
    t = order.target
    if t is None:
        return None
    for p in view.pending:
        if p.target == t and p.origin is not None and has(w.orders[p.order].kind, "assault"):
            ours = view.mine_here[p.origin]
            theirs = view.enemy_here[t] + defence_bonus(view.state, t, view.me)
            if ours - theirs > 2:
                return None
            return (
                theirs,
                f"softening the defenders before a close attack ({ours} against {theirs})",
            )
    return None


def _own_siege(view: View, order: Order, prio: Priority) -> Scored | None:
    """A city we besiege, or are declaring a military zone this turn (strikes there are eased)."""
    t = order.target
    if t is None or t not in view.state.w.regions:
        return None
    w = view.state.w
    declaring = any(p.target == t and has(w.orders[p.order].kind, "besieges") for p in view.pending)
    if view.state.region(t).siege_by != view.me and not declaring:
        return None
    return view.enemy_here[t], "a city under our siege: strikes there hit more easily"


def _client_threatened(view: View, order: Order, prio: Priority) -> Scored | None:
    """A region held by a side that is not ahead of us, threatened (within 2 of matching
    its defenders) by a side that is ahead of us and within 2 of winning outright.

    Arms and interventions are the balance-of-power choice: they stand beside a side
    that is not winning, against the forces of a side that could beat us. Backing the
    leader, or shielding a side from a rival we need not fear, would only cost us.
    """
    t = order.target
    if t is None or t not in view.state.w.regions:
        return None
    if any(p.order == order.order for p in view.pending):
        return None  # one such move a turn: pouring in more only feeds the war
    key = ("client_threatened", t)
    if key not in view.memo:
        view.memo[key] = _balance_of_power(view, t)
    return view.memo[key]


def _balance_of_power(view: View, t: str) -> Scored | None:
    """The board-only part of :func:`_client_threatened` (the same for every order on ``t``)."""
    holder = view.controller[t]
    if holder in (view.me, NEUTRAL) or view.board.side(holder, t) <= 0:
        return None
    m = view.margins()
    if m[holder] > m[view.me]:
        return None
    # Rivals worth stopping: ahead of us and within 2 of winning outright.
    near_win = view.state.w.tuning.decisive_margin - 2
    rivals = [
        f
        for f in view.state.w.faction_ids
        if f not in (holder, view.me) and m[f] > m[view.me] and m[f] >= near_win
    ]
    board = view.board
    near = [t, *view.state.w.land[t]]
    threat = max((sum(board.side(f, n) for f in rivals) for n in near), default=0)
    danger = threat - board.side(holder, t)
    if not rivals or threat <= 0 or danger < -2:
        return None
    names = " and ".join(view.name(f) for f in rivals)
    return danger, f"{view.name(holder)} holds it against {names}, {danger:+} stronger"


def _ally(view: View, order: Order, prio: Priority) -> Scored | None:
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
    "most_escalating_faction": _most_escalating,
    "ally": _ally,
    "pending_attack": _pending_attack,
    "own_siege": _own_siege,
    "client_threatened": _client_threatened,
}
