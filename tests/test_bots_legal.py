"""Bots never issue an illegal order: every seat word, every shipped scenario, odd positions.

Hypothesis draws a position of a shipped scenario (``scenarios/*.toml``: the default, its
variants, the other settings and the tutorial) by playing a random number of turns from
a random seed with random or rule bots, and then, often, scrambles it: holders, damage,
fires, defences, sieges, forces, strengths, treasuries, sanctions, ultimatums, stats and
tracks are redrawn within their limits, and the state is then settled as the engine
settles it (a region held by one side alone is that side's; aircraft and boats sit in a
base their side holds; peacekeepers stand beside their client), so the position is one
the rules could meet. In that position every seat a player can pick (each word of
:data:`~game.ai.registry.LADDER`, and the other bot kinds) chooses orders for every
faction; each order must be legal after the ones its bot chose before it (the engine's
:func:`why_illegal` and the :class:`Menu` both say so), and :func:`resolve_turn` must
accept the whole turn. Levels that search (``hard``, ``expert``) run with a tiny rollout
budget here, ``LEVEL@N`` with N their number of candidate plans: legality does not depend
on how long a bot thinks, and each plan it weighs is still played through the engine.
"""

from __future__ import annotations

import dataclasses
import functools
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.base import Bot, Choice
from game.ai.registry import BOT_KINDS, LADDER, make_bot, parse_bot
from game.engine import GameState, World, compile_world, new_game, resolve_turn, why_illegal
from game.engine.menu import Menu
from game.engine.order_model import Order
from game.record.match import play_forward
from game.scenario.formulas import terminal_output_bpd
from game.scenario.loader import load_scenario
from game.scenario.models import NEUTRAL

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.toml"))
SEAT_WORDS = tuple(dict.fromkeys([*LADDER, *(k for k in BOT_KINDS if k != "rule")]))
"""Every bot a seat can hold: the ladder, weakest first, then the other kinds."""
PLAYERS = ("random", "easy", "normal", "hard@0")
"""Bots that play the opening turns of a drawn position (the rule bots and the baseline)."""


@functools.cache
def world_of(path: Path) -> World:
    """The compiled world of a shipped scenario, once per test session."""
    return compile_world(load_scenario(path))


def seat_bot(faction: str, word: str) -> Bot:
    """The bot a match makes for ``word``, a searching level cut to a few rollouts.

    The cut is the registry's own knob, ``LEVEL@N`` (:attr:`BotSpec.rollouts`): N is the
    level's ``width``, one rollout per candidate plan, so every plan it weighs is played
    through the engine (which refuses an illegal order) and any plan may be the one it
    picks. No clock is given: the budget alone decides and every example is reproducible.
    """
    spec = parse_bot(word)
    if spec.kind == "rule" and spec.level.rollouts:
        spec = dataclasses.replace(spec, rollouts=spec.level.width)
    return make_bot(faction, spec, playout=play_forward)


def played(world: World, seed: int, turns: int, words: list[str]) -> GameState:
    """The position after ``turns`` turns of bots (the last unfinished one if the game ends)."""
    state = new_game(world, seed)
    bots = [seat_bot(f, w) for f, w in zip(world.faction_ids, words, strict=True)]
    for _ in range(turns):
        orders = [c.order for bot in bots for c in bot.choose(state)]
        after, _ = resolve_turn(state, orders, log=False)
        if after.finished:
            break
        state = after
    return state


def _redraw_tracks(state: GameState, rng: random.Random) -> None:
    for track, tdef in state.w.tracks.items():
        if track != "oil_output" and rng.random() < 0.5:
            state.tracks[track] = rng.randint(tdef.min, tdef.max)


def _redraw_regions(state: GameState, rng: random.Random) -> None:
    w = state.w
    sides = [*w.faction_ids, NEUTRAL]
    for region in state.regions:
        rdef = w.regions[region.id]
        region.controller = rng.choice(sides)
        region.damage = rng.choice([0, 0, 10, 40, 100])
        region.tanks_ablaze = rng.randint(0, rdef.facilities.oil_tanks)
        region.fortification = rng.randint(0, max(w.tuning.fortify_max, rdef.fortification))
        others = [f for f in w.faction_ids if f != region.controller]
        region.siege_by = rng.choice([None, None, *others])
        region.siege_turns = 0 if region.siege_by is None else rng.randint(0, 3)


def _redraw_factions(state: GameState, rng: random.Random) -> None:
    w = state.w
    diminishing = [o.id for o in w.scenario.order if o.diminishing]
    for faction in state.factions:
        others = [f for f in w.faction_ids if f != faction.id]
        faction.treasury = rng.choice([0, 3, 50, faction.treasury])
        faction.legitimacy = rng.randint(0, 100)
        if faction.cohesion is not None:
            faction.cohesion = rng.randint(0, 100)
        faction.sanctioned = rng.choice([0, 0, 2])
        faction.sanctions_by = rng.choice(others) if faction.sanctioned and others else None
        faction.ultimatum_turns = rng.choice([0, 0, 2])
        faction.ultimatum_on = rng.choice(others) if faction.ultimatum_turns and others else None
        faction.escalation = rng.randint(0, 3)
        faction.recent = {o: n for o in diminishing if (n := rng.choice([0, 0, 1, 2]))}


def _redraw_units(state: GameState, rng: random.Random) -> None:
    w = state.w
    for unit in state.units:
        unit.strength = rng.choice([0, 1, 3, 6, unit.strength])
        if unit.kind == "ground" and w.factions[unit.faction].occupies and unit.client is None:
            unit.region = rng.choice(w.region_ids)


def _bases(state: GameState, kind: str, faction: str) -> list[str]:
    """Regions where ``faction``'s aircraft or boats may be based now (held, and equipped)."""
    w = state.w
    found = []
    for region in state.regions:
        rdef = w.regions[region.id]
        fac = rdef.facilities
        if region.controller != faction:
            continue
        equipped = fac.airport or fac.aviation_school or rdef.kind == "airbase"
        if rdef.kind == "staging" or (equipped if kind == "air" else fac.port):
            found.append(region.id)
    return found


def _settle(state: GameState, rng: random.Random) -> None:
    """Make the redrawn position one the rules could meet, as the engine's control phase does."""
    w = state.w
    present: dict[str, set[str]] = {}
    forced: dict[str, str] = {}
    for unit in state.units:
        if unit.kind != "ground" or unit.strength <= 0:
            continue
        if unit.client is not None and not w.factions[unit.faction].occupies:
            # A peacekeeper stands beside its region's holder: the holder is its client.
            holder = forced.setdefault(unit.region, unit.client)
            unit.client = holder
            state.region(unit.region).controller = holder
            present.setdefault(unit.region, set()).add(holder)
        elif w.factions[unit.faction].occupies:
            present.setdefault(unit.region, set()).add(unit.faction)
    for region_id, sides in present.items():
        region = state.region(region_id)
        if len(sides) == 1 and region_id not in forced:
            region.controller = next(iter(sides))
        if region.siege_by == region.controller:
            region.siege_by, region.siege_turns = None, 0
    for unit in state.units:
        if unit.kind == "ground" or unit.strength <= 0:
            continue
        if state.region(unit.region).controller != unit.faction:
            bases = _bases(state, unit.kind, unit.faction)
            if bases:
                unit.region = rng.choice(bases)
            else:
                unit.strength = 0
    if "oil_output" in state.tracks:
        total = 0
        for region in state.regions:
            fac = w.regions[region.id].facilities
            if fac.capacity_bpd and region.controller != NEUTRAL and region.siege_by is None:
                total += terminal_output_bpd(
                    fac.capacity_bpd, fac.oil_tanks, region.damage, region.tanks_ablaze
                )
        tdef = w.tracks["oil_output"]
        state.tracks["oil_output"] = max(tdef.min, min(tdef.max, total))


def scrambled(state: GameState, rng: random.Random) -> GameState:
    """A copy of ``state`` with most of what changes in play redrawn, then settled."""
    new = state.clone()
    _redraw_tracks(new, rng)
    _redraw_regions(new, rng)
    _redraw_factions(new, rng)
    _redraw_units(new, rng)
    _settle(new, rng)
    return new


def check_sound(state: GameState) -> None:
    """The invariants the rules keep between turns (see tests/test_properties.py)."""
    w = state.w
    for region in state.regions:
        rdef = w.regions[region.id]
        assert region.controller in w.faction_ids or region.controller == NEUTRAL
        assert 0 <= region.tanks_ablaze <= rdef.facilities.oil_tanks
        assert 0 <= region.fortification <= max(w.tuning.fortify_max, rdef.fortification)
    for unit in state.units:
        if unit.strength <= 0:
            continue
        holder = state.region(unit.region).controller
        if unit.kind != "ground":
            assert holder == unit.faction, unit
        elif unit.client is not None:
            assert holder == unit.client and not w.factions[unit.faction].occupies, unit


def checked_choices(
    state: GameState, word: str, bot_for: Callable[[str, str], Bot] = seat_bot
) -> list[Order]:
    """Every faction's orders from a ``word`` bot, each checked legal after those before it."""
    turn: list[Order] = []
    for faction in state.w.faction_ids:
        choices = bot_for(faction, word).choose(state)
        menu = Menu(state, faction)
        before: list[Order] = []
        for choice in choices:
            order = choice.order
            where = f"{word} bot for {faction} on turn {state.turn}: {order.describe()}"
            assert order.faction == faction, where
            assert why_illegal(state, order, before) is None, (
                where,
                why_illegal(state, order, before),
            )
            assert order in menu.legal(before), where
            assert isinstance(choice.reason, str) and choice.reason.strip(), where
            before.append(order)
        turn += before
    return turn


EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
@EXAMPLES
@given(
    seed=st.integers(0, 2**63 - 1),
    turns=st.integers(0, 12),
    players=st.lists(st.sampled_from(PLAYERS), min_size=4, max_size=4),
    scramble=st.one_of(st.none(), st.integers(0, 2**32)),
)
def test_no_bot_issues_an_illegal_order(
    path: Path, seed: int, turns: int, players: list[str], scramble: int | None
) -> None:
    world = world_of(path)
    state = played(world, seed, turns, (players * 2)[: len(world.faction_ids)])
    if scramble is not None:
        state = scrambled(state, random.Random(scramble))
    check_sound(state)
    for word in SEAT_WORDS:
        orders = checked_choices(state, word)
        resolve_turn(state, orders, log=False)  # raises IllegalOrder if any order is refused


def test_every_shipped_scenario_and_seat_word_is_covered() -> None:
    names = {p.name for p in SHIPPED}
    assert {"oil_crescent_2014.toml", "tutorial.toml"} <= names and len(names) >= 4
    assert any(load_scenario(p).meta.id != world_of(SHIPPED[0]).scenario.meta.id for p in SHIPPED)
    assert set(LADDER) <= set(SEAT_WORDS) and {"random", "passive", "spoiler"} <= set(SEAT_WORDS)


def test_scrambled_positions_are_sound_and_differ_from_the_game() -> None:
    """The scrambler keeps the rules' invariants yet moves things the bots must cope with."""
    world = world_of(ROOT / "scenarios" / "oil_crescent_2014.toml")
    state = played(world, 5, 2, ["normal"] * 3)
    rng = random.Random(1)
    moved = 0
    for _ in range(20):
        other = scrambled(state, rng)
        check_sound(other)
        moved += sum(
            a.controller != b.controller for a, b in zip(state.regions, other.regions, strict=True)
        )
        resolve_turn(other, [], log=False)
    assert moved > 20


@dataclasses.dataclass
class Repeater:
    """A cheating bot: the random bot's orders, then its first order again."""

    faction: str

    def choose(self, state: GameState) -> list[Choice]:
        chosen = make_bot(self.faction, parse_bot("random")).choose(state)
        return chosen + chosen[:1]


def test_the_check_catches_an_illegal_order() -> None:
    world = world_of(ROOT / "scenarios" / "oil_crescent_2014.toml")
    state = new_game(world, 11)
    with pytest.raises(AssertionError, match="random bot for tobruk on turn 1"):
        checked_choices(state, "random", lambda faction, _: Repeater(faction))
