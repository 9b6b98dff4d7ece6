"""The measured ladder (``sidra arena``): how much stronger each level is than the one below.

For every seat (faction) of a scenario and every level, the level plays that seat in N
games while every other seat is a ``normal`` rule bot (a fixed field), and the figures
are how often the seat won. Every level plays the same N seeds
(:func:`game.lab.simulate.game_seed`), so two levels are compared game by game: on a
seed where both won or both lost the levels did not differ; only the games one of them
won and the other lost say which is stronger. That pairing is what makes the test
sharp (McNemar's exact test, :func:`game.lab.stats.mcnemar_exact`) and the interval of
the difference narrow (:func:`game.lab.stats.paired_difference`).

A seat *wins* a game when the game's winner is its faction: it reached its target, or
came closest when nobody did (as ``sidra simulate`` counts wins); a catastrophe or a draw
is no win for anyone.

All cells' games go through one pool of worker processes (:func:`game.lab.pool.run_chunks`)
and come back in order, so the figures never depend on ``--jobs``; Ctrl+C stops the
workers at once.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from game.ai.registry import DEFAULT_DIFFICULTY, BotSpec, parse_bot
from game.engine.world import World
from game.lab.pool import chunk_ranges, chunk_size, run_chunks
from game.lab.simulate import bot_match, game_seed
from game.lab.stats import mcnemar_exact, paired_difference, wilson
from game.record.match import ScenarioText

FIELD = DEFAULT_DIFFICULTY
"""The level of every seat but the measured one."""

ALPHA = 0.01
"""A step between neighbouring levels is called significant below this p-value."""

MAX_CHUNK = 20
"""At most this many games between two progress reports (and chances to stop)."""


def level_spec(word: str) -> BotSpec:
    """The bot that plays a level named ``word`` (a seat word of the registry)."""
    return parse_bot(word)


def arena_seats(world: World, faction: str, spec: BotSpec) -> tuple[BotSpec, ...]:
    """The seats of one cell: ``spec`` in ``faction``'s seat, the field in the others."""
    field = parse_bot(FIELD)
    return tuple(spec if f == faction else field for f in world.faction_ids)


def seat_won(world: World, seed: int, seats: Sequence[BotSpec], faction: str) -> bool:
    """Play one whole game quietly; True when ``faction`` won it."""
    match = bot_match(world, seed, seats, ScenarioText("", world.digest, ""))
    outcome = match.play_out(log=False).outcome
    assert outcome is not None
    return outcome.result in ("win", "closest") and outcome.winner == faction


Plan = tuple[tuple[str, tuple[BotSpec, ...]], ...]
"""Per cell, in order: the measured faction and the seats of its games."""

# Worker processes receive the compiled world and the plan once and keep them.
_WORKER: tuple[World, Plan] | None = None


def _init_worker(world: World, plan: Plan) -> None:
    global _WORKER
    _WORKER = (world, plan)


def _play_chunk(args: tuple[int, int, int, int]) -> tuple[int, bytes]:
    """Games ``start`` to ``stop`` of cell ``cell``: the cell, and one byte a game, 1
    if the seat won."""
    seed, cell, start, stop = args
    assert _WORKER is not None
    world, plan = _WORKER
    return cell, _play_range(world, plan[cell], seed, start, stop)


def _play_range(
    world: World, cell: tuple[str, tuple[BotSpec, ...]], seed: int, start: int, stop: int
) -> bytes:
    faction, seats = cell
    return bytes(seat_won(world, game_seed(seed, i), seats, faction) for i in range(start, stop))


@dataclass(frozen=True, slots=True)
class Cell:
    """One level in one seat: which of the N games (in seed order) the seat won."""

    faction: str
    level: str
    wins: bytes
    """One byte a game, in game order: 1 when the seat won that game."""

    @property
    def games(self) -> int:
        """Games played."""
        return len(self.wins)

    @property
    def won(self) -> int:
        """Games the seat won."""
        return sum(self.wins)

    @property
    def rate(self) -> float:
        """The share of games won."""
        return self.won / self.games

    @property
    def interval(self) -> tuple[float, float]:
        """The 95% Wilson interval of the win rate."""
        return wilson(self.won, self.games)


@dataclass(frozen=True, slots=True)
class Step:
    """A level against the one below it, in one seat, on the same seeds."""

    faction: str
    lower: str
    higher: str
    both: int
    """Games both levels won."""
    higher_only: int
    """Games the higher level won and the lower lost."""
    lower_only: int
    """Games the lower level won and the higher lost."""
    neither: int
    difference: float
    """The higher level's win rate minus the lower's."""
    low: float
    high: float
    p: float
    """McNemar's exact two-sided p-value."""

    @property
    def significant(self) -> bool:
        """True when the step is significant at :data:`ALPHA`."""
        return self.p < ALPHA


def compare(lower: Cell, higher: Cell) -> Step:
    """The paired comparison of two cells of the same seat, game by game."""
    if lower.faction != higher.faction or lower.games != higher.games:
        raise ValueError("only cells of one seat with the same games can be compared")
    both = higher_only = lower_only = 0
    for a, b in zip(lower.wins, higher.wins, strict=True):
        both += a and b
        higher_only += b and not a
        lower_only += a and not b
    neither = lower.games - both - higher_only - lower_only
    difference, low, high = paired_difference(both, higher_only, lower_only, neither)
    return Step(
        faction=lower.faction,
        lower=lower.level,
        higher=higher.level,
        both=both,
        higher_only=higher_only,
        lower_only=lower_only,
        neither=neither,
        difference=difference,
        low=low,
        high=high,
        p=mcnemar_exact(higher_only, lower_only),
    )


@dataclass(frozen=True)
class Arena:
    """Every cell of an arena: the measured seats in scenario order, each with its levels
    in order."""

    world: World
    games: int
    seed: int
    levels: tuple[str, ...]
    cells: tuple[Cell, ...]
    seats: tuple[str, ...]
    """The factions whose seat was measured (all of them unless told), in scenario order."""

    def cell(self, faction: str, level: str) -> Cell:
        """The cell of ``level`` in ``faction``'s seat."""
        for c in self.cells:
            if c.faction == faction and c.level == level:
                return c
        raise KeyError((faction, level))

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """Each seat's neighbouring levels compared, seats in order, weakest step first."""
        return tuple(
            compare(self.cell(f, lower), self.cell(f, higher))
            for f in self.seats
            for lower, higher in zip(self.levels, self.levels[1:], strict=False)
        )


def run_arena(
    world: World,
    games: int,
    seed: int,
    levels: Sequence[str],
    jobs: int = 1,
    progress: Callable[[int, int], object] | None = None,
    seats: Sequence[str] | None = None,
) -> Arena:
    """Play every cell: each of ``levels`` in each seat, ``games`` games on the seeds
    ``game_seed(seed, 0 .. games - 1)``, the other seats at :data:`FIELD`.

    ``seats`` (faction ids) measures only those seats; a cell's games are the same
    whichever other seats are measured, so a one-seat run repeats that seat's rows of
    the whole ladder exactly. ``progress(done, total)`` is told the games played of all
    cells. The result is the same for any ``jobs``. KeyboardInterrupt stops the
    workers at once and is raised.
    """
    if games < 1:
        raise ValueError("an arena needs at least one game a cell")
    if not levels or len(set(levels)) != len(levels):
        raise ValueError(f"levels must be distinct, and at least one: {list(levels)}")
    measured = measured_seats(world, seats)
    names = [(f, level) for f in measured for level in levels]
    plan: Plan = tuple((f, arena_seats(world, f, level_spec(level))) for f, level in names)
    total = games * len(plan)
    report = progress or _quiet
    report(0, total)
    jobs = max(1, min(jobs, total))
    size = chunk_size(total, jobs, MAX_CHUNK)
    parts: list[bytearray] = [bytearray() for _ in plan]
    # Round by round through the cells (the first games of every cell, then the next),
    # so the progress bar's time left is estimated from a mix of cheap and searching
    # levels from the start. Each cell's chunks still arrive in seed order.
    chunks = [
        (seed, cell, start, stop)
        for start, stop in chunk_ranges(games, size)
        for cell in range(len(plan))
    ]
    done = 0

    def take(part: tuple[int, bytes]) -> None:
        # Chunks arrive in order, so each cell's games are appended in seed order.
        nonlocal done
        cell, wins = part
        parts[cell] += wins
        done += len(wins)
        report(done, total)

    if jobs == 1:
        for _, cell, start, stop in chunks:
            take((cell, _play_range(world, plan[cell], seed, start, stop)))
    else:
        run_chunks(
            _play_chunk, chunks, jobs, take, initializer=_init_worker, initargs=(world, plan)
        )
    cells = tuple(
        Cell(f, level, bytes(part)) for (f, level), part in zip(names, parts, strict=True)
    )
    return Arena(world, games, seed, tuple(levels), cells, measured)


def measured_seats(world: World, seats: Sequence[str] | None) -> tuple[str, ...]:
    """The factions to measure, in scenario order: ``seats``, or every faction.

    ValueError names an unknown faction (with the scenario's) or a repeated one.
    """
    if seats is None:
        return tuple(world.faction_ids)
    if not seats:
        raise ValueError("name at least one seat to measure")
    for faction in seats:
        if faction not in world.faction_ids:
            known = ", ".join(world.faction_ids)
            # ascii(): a look-alike letter shows as its code, not as the real id's twin
            raise ValueError(f"unknown faction {faction!a} (factions: {known})")
    if len(set(seats)) != len(seats):
        raise ValueError(f"each seat once, not {list(seats)}")
    return tuple(f for f in world.faction_ids if f in seats)


def _quiet(done: int, total: int) -> None:
    """The progress report of a caller who wants none."""


# -- output ------------------------------------------------------------------------------


def _r(x: float) -> float:
    return round(x, 6)


def arena_json(arena: Arena) -> dict[str, object]:
    """Every cell and every step as JSON-ready data (nothing depends on ``--jobs``)."""
    world = arena.world
    return {
        "scenario": world.scenario.meta.id,
        "games": arena.games,
        "seed": arena.seed,
        "field": FIELD,
        "levels": list(arena.levels),
        "seats": list(arena.seats),
        "alpha": ALPHA,
        "cells": [
            {
                "seat": c.faction,
                "level": c.level,
                "games": c.games,
                "wins": c.won,
                "win_rate": _r(c.rate),
                "low": _r(c.interval[0]),
                "high": _r(c.interval[1]),
            }
            for c in arena.cells
        ],
        "steps": [
            {
                "seat": s.faction,
                "lower": s.lower,
                "higher": s.higher,
                "both_won": s.both,
                "higher_only": s.higher_only,
                "lower_only": s.lower_only,
                "neither_won": s.neither,
                "difference": _r(s.difference),
                "low": _r(s.low),
                "high": _r(s.high),
                "p": s.p,
                "significant": s.significant,
            }
            for s in arena.steps
        ],
    }


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _points(x: float) -> str:
    return f"{100 * x:+.1f}"


def format_p(p: float) -> str:
    """A p-value as people read it: three significant digits (below the smallest float,
    as "<1e-300")."""
    return "<1e-300" if p == 0.0 else f"{p:.3g}"


def format_arena(arena: Arena) -> str:
    """The win-rate table, seat by seat, each seat's steps beneath its levels."""
    world = arena.world
    wide = max(len(level) for level in arena.levels)
    step_wide = max([len(f"{s.higher} - {s.lower}") for s in arena.steps] or [0])
    digits = len(str(arena.games))
    lines: list[str] = []
    for faction in arena.seats:
        lines.append(f"{world.factions[faction].name} ({faction})")
        head = f"  {'level':<{wide}}  {'won':>{2 * digits + 1}}  win rate  95% interval"
        lines.append(head)
        for level in arena.levels:
            c = arena.cell(faction, level)
            low, high = c.interval
            won = f"{c.won}/{c.games}"
            lines.append(
                f"  {level:<{wide}}  {won:>{2 * digits + 1}}  {_pct(c.rate):>8}"
                f"  {_pct(low):>6} to {_pct(high):>6}"
            )
        steps = [s for s in arena.steps if s.faction == faction]
        if steps:
            lines.append(
                f"  {'step':<{step_wide}}  {'points':>6}  {'95% interval':>16}"
                f"  {'won by one only':>15}  p"
            )
        for s in steps:
            name = f"{s.higher} - {s.lower}"
            interval = f"{_points(s.low)} to {_points(s.high)}"
            split = f"{s.higher_only} vs {s.lower_only}"
            mark = "  *" if s.significant else ""
            lines.append(
                f"  {name:<{step_wide}}  {_points(s.difference):>6}  {interval:>16}"
                f"  {split:>15}  {format_p(s.p)}{mark}"
            )
        lines.append("")
    if arena.steps:
        legend = (
            "points: the higher level's win rate minus the lower's, in percentage points; "
            "won by one only: the games only the higher level won vs those only the lower "
            f"won, on the same seeds; p: McNemar's exact test on those games; * p < {ALPHA}."
        )
        lines += textwrap.wrap(legend, 78)
    return "\n".join(lines).rstrip("\n")
