"""The rule bot's fast picks are the picks of its plain algorithm, reason for reason.

The rule bot asks a legality menu one order type at a time, skips priorities that can
no longer pick anything, checks quick order types first and builds its random stream
only when it first draws. None of that may change a single choice: here the bot as it
was first written (every pick re-lists every legal order and walks every priority) is
the reference, and both play the same real and scrambled positions at every level.
"""

from __future__ import annotations

import random

import pytest
from numpy.random import PCG64, SeedSequence

from game.ai.base import BotRandom, Choice, _Pcg64, bot_dice
from game.ai.purse import keeps_payroll
from game.ai.rule_bot import RuleBot, profile_for, restrained
from game.ai.selectors import SELECTORS, View
from game.engine import GameState, World
from game.engine.conditions import holds
from game.engine.kinds import has
from game.engine.menu import legal_orders
from game.engine.order_model import Order
from game.scenario.bots import Bot
from tests.test_speed_fits import positions, scrambled


def reference_choose(bot: RuleBot, state: GameState) -> list[Choice]:
    """RuleBot.choose as first written: the whole legal list and every priority, each pick."""
    profile = bot.profile or profile_for(state.w.scenario, bot.faction)
    words = [state.seed & 0xFFFFFFFFFFFFFFFF, state.seed >> 64, state.turn]
    words += [state.w.faction_ids.index(bot.faction), bot.salt]
    dice = BotRandom(PCG64(SeedSequence(words)))
    view = View(state, bot.faction)
    chosen: list[Choice] = []
    while True:
        pending = [c.order for c in chosen]
        view.pending = pending
        legal = legal_orders(state, bot.faction, pending)
        if not legal:
            break
        if bot.noise and dice.value(100) <= bot.noise:
            pick = reference_improvise(state, legal, dice)
            if pick is not None:
                chosen.append(Choice(pick, "a hasty improvisation (difficulty noise)"))
                continue
        choice = reference_pick(profile, view, legal, dice)
        if choice is None:
            break
        chosen.append(choice)
    return chosen


def reference_pick(profile: Bot, view: View, legal: list[Order], dice: BotRandom) -> Choice | None:
    state = view.state
    for number, prio in enumerate(profile.priority, start=1):
        if prio.when is not None and not holds(prio.when, state, None):
            continue
        pool = [
            o
            for o in legal
            if o.order == prio.order
            and not restrained(view, o)
            and keeps_payroll(state, view.me, view.queued, o)
        ]
        if not pool:
            continue
        judged: list[tuple[int, int, Order, str]] = []
        for order in pool:
            verdict = SELECTORS[prio.target](view, order, prio)
            if verdict is None:
                continue
            score, why = verdict
            rank = (
                prio.prefer.index(order.target) if order.target in prio.prefer else len(prio.prefer)
            )
            judged.append((rank, -score, order, why))
        if not judged:
            continue
        judged.sort(key=lambda item: (item[0], item[1]))
        best = [j for j in judged if j[0] == judged[0][0] and j[1] == judged[0][1]]
        _, _, order, why = best[dice.value(len(best)) - 1] if len(best) > 1 else best[0]
        kind = state.w.orders[order.order].kind
        target = view.name(order.target, kind) if order.target else ""
        detail = f" — {target}" if target else ""
        if why:
            detail += f" ({why})"
        return Choice(order, f"priority {number}: {prio.label}{detail}")
    return None


def reference_improvise(state: GameState, legal: list[Order], dice: BotRandom) -> Order | None:
    w = state.w
    track = w.tracks.get("escalation")
    brink = track is not None and state.tracks["escalation"] * 4 >= track.max * 3
    legal = [
        o
        for o in legal
        if w.orders[o.order].escalation <= 0
        and not (brink and has(w.orders[o.order].kind, "hostile"))
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


@pytest.fixture(scope="module")
def many(world: World) -> list[GameState]:
    """Real positions, and for every other one a scrambled copy at high escalation too."""
    rng = random.Random(1213)
    found: list[GameState] = []
    for number, state in enumerate(positions(world)):
        found.append(state)
        if number % 2 == 0:
            odd = scrambled(state, rng)
            odd.tracks["escalation"] = rng.randint(0, world.tracks["escalation"].max)
            found.append(odd)
    return found


@pytest.mark.parametrize("noise", [0, 15, 45, 100])
def test_rule_bot_picks_as_first_written(world: World, many: list[GameState], noise: int) -> None:
    picked = 0
    for state in many:
        for faction in world.faction_ids:
            bot = RuleBot(faction, noise=noise)
            fast = bot.choose(state)
            assert fast == reference_choose(bot, state), (state.turn, faction)
            picked += len(fast)
    assert picked > 300


def test_lazy_bot_dice_draw_the_same_stream(world: World, fresh: GameState) -> None:
    for seed in (0, 7, 2**63 + 5, 2**100 + 3):
        fresh.seed = seed
        for faction in world.faction_ids:
            index = world.faction_ids.index(faction)
            words = [seed & 0xFFFFFFFFFFFFFFFF, seed >> 64, fresh.turn, index, 2]
            eager = BotRandom(PCG64(SeedSequence(words)))
            lazy = bot_dice(fresh, faction, 2)
            assert [lazy.value(s) for s in (2, 6, 100, 7, 2**40)] == [
                eager.value(s) for s in (2, 6, 100, 7, 2**40)
            ]


def test_plain_integer_pcg64_is_numpys_stream() -> None:
    """The lazy stream's own PCG64 gives numpy's draws for seeds of every size."""
    rng = random.Random(13)
    widths = (1, 8, 31, 32, 33, 63, 64, 65, 100, 128)
    for _ in range(2000):
        words = [rng.getrandbits(rng.choice(widths)) for _ in range(rng.randint(1, 7))]
        numpy_bits = PCG64(SeedSequence(words))
        ours = _Pcg64(words)
        assert [ours.random_raw() for _ in range(4)] == [
            int(numpy_bits.random_raw()) for _ in range(4)
        ], words
    with pytest.raises(ValueError):
        _Pcg64([-1])
