"""Headless batches of bot-vs-bot games, for balance figures and benchmarks.

Each game's seed is derived with ``SeedSequence(seed).spawn(n)``, so game *i* is the
same whether it runs alone, in a batch, or on any of ``--jobs`` worker processes. A batch
is played game by game (:func:`play_batch`) and counted as it goes (:class:`Tally`), so
its memory does not grow with its size, and Ctrl+C stops it and its workers at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from numpy.random import SeedSequence

from game.ai.registry import BotSpec, Seat
from game.engine.state import state_hash
from game.engine.victory import term_points
from game.engine.world import World
from game.lab.event_count import repeat_counts
from game.lab.pool import chunk_ranges, chunk_size, run_chunks, usable_cores
from game.record.match import Match, ScenarioText
from game.record.save import write_save
from game.record.words import plural


@dataclass(slots=True)
class GameResult:
    """How one game ended."""

    index: int
    seed: int
    result: str
    winner: str | None
    turns: int
    hash: str
    ranking: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    cracks: int = 0
    fired: list[str] = field(default_factory=list)
    """Ids of the once-only events that fired (the final state's ``fired``)."""
    repeats: dict[str, int] = field(default_factory=dict)
    """Repeatable event id -> times it fired; counted only in games played with a log."""
    points: list[int] = field(default_factory=list)
    """Every victory term's points in the final state: each faction's terms in turn,
    factions in scenario order (what decided the game, term by term)."""


def game_seeds(seed: int, games: int) -> list[int]:
    """Independent per-game seeds derived from one batch seed."""
    return [int(child.generate_state(1, "uint64")[0]) for child in SeedSequence(seed).spawn(games)]


def game_seed(seed: int, index: int) -> int:
    """The seed of game ``index`` of the batch ``seed``: ``game_seeds(seed, n)[index]``
    for any ``n > index``, worked out alone (the ``index``-th spawned child of
    ``SeedSequence(seed)`` is the sequence with that spawn key)."""
    child = SeedSequence(seed, spawn_key=(index,))
    return int(child.generate_state(1, "uint64")[0])


def bot_match(world: World, seed: int, seats: Sequence[BotSpec], scenario: ScenarioText) -> Match:
    """A match with a bot of ``seats`` in every faction's seat."""
    return Match.new(
        world,
        scenario,
        seed,
        [Seat(f, spec) for f, spec in zip(world.faction_ids, seats, strict=True)],
    )


def play_game(
    world: World, seed: int, seats: Sequence[BotSpec], index: int = 0, *, log: bool = False
) -> GameResult:
    """Play one whole bot game through the match loop, quietly (no log prose) unless
    ``log``: the same game either way, but only a logged game counts how often each
    repeatable event fired (the state records once-only events alone)."""
    match = bot_match(world, seed, seats, ScenarioText("", world.digest, ""))
    match.play_out(log=log)
    return result_of(match, index)


def result_of(match: Match, index: int = 0) -> GameResult:
    """How a finished match ended, which orders each faction used, coalition cracks, the
    events that fired and what each victory term scored at the end."""
    state = match.state
    assert state.outcome is not None
    world = match.world
    turns = match.turns
    used = sorted({f"{g.order.faction}:{g.order.order}" for n in turns for g in n.orders})
    first = match.history.initial
    members = sum(len(f.components) for f in first.factions if f.cohesion is not None)
    left = sum(len(f.components) for f in state.factions if f.cohesion is not None)
    return GameResult(
        index=index,
        seed=match.seed,
        result=state.outcome.result,
        winner=state.outcome.winner,
        turns=state.outcome.turn,
        hash=state_hash(state),
        ranking=list(state.outcome.ranking),
        used=used,
        cracks=members - left,
        fired=list(state.fired),
        repeats=repeat_counts(world, [e for n in turns for e in n.log]),
        points=[
            term_points(state, f, term)
            for f in world.faction_ids
            for term in world.factions[f].victory.terms
        ],
    )


MAX_CHUNK = 20
"""At most this many games between two progress reports (and chances to stop)."""

# Worker processes receive the compiled world once and keep it: the scenario the caller
# checked, never the file read again (it may have changed or broken since).
_WORLD: World | None = None


def _init_worker(world: World) -> None:
    global _WORLD
    _WORLD = world


def _play_chunk(args: tuple[int, int, int, tuple[BotSpec, ...], bool]) -> list[GameResult]:
    """Games ``start`` to ``stop`` of the batch ``seed`` (a worker works out the seeds)."""
    seed, start, stop, seats, log = args
    assert _WORLD is not None
    return [play_game(_WORLD, game_seed(seed, i), seats, i, log=log) for i in range(start, stop)]


def play_batch(
    world: World,
    games: int,
    seed: int,
    seats: Sequence[BotSpec],
    jobs: int,
    on_result: Callable[[GameResult], object],
    progress: Callable[[int, int], object] | None = None,
    *,
    log: bool = False,
) -> None:
    """Play ``games`` games, handing each result to ``on_result`` in game order.

    Memory does not grow with ``games``: seeds are worked out per game and only a few
    chunks of results are in hand at a time (:func:`game.lab.pool.run_chunks`).
    ``progress(done, total)`` is called at the start and as games finish. Ctrl+C
    (KeyboardInterrupt) stops the batch at once, workers included, and is raised.
    ``log`` plays the games with their log (slower, the same games) so that results
    count repeatable events too (see :func:`play_game`).
    """
    report = progress or _quiet
    report(0, games)
    jobs = max(1, min(jobs, games or 1))
    if jobs == 1:
        step = chunk_size(games, 1, MAX_CHUNK)
        for i in range(games):
            on_result(play_game(world, game_seed(seed, i), seats, i, log=log))
            if (i + 1) % step == 0 or i + 1 == games:
                report(i + 1, games)
        return
    done = 0
    size = chunk_size(games, jobs, MAX_CHUNK)
    frozen = tuple(seats)
    chunks = ((seed, start, stop, frozen, log) for start, stop in chunk_ranges(games, size))

    def hand_over(part: list[GameResult]) -> None:
        nonlocal done
        for result in part:
            on_result(result)
        done += len(part)
        report(done, games)

    run_chunks(
        _play_chunk,
        chunks,
        jobs,
        hand_over,
        initializer=_init_worker,
        initargs=(world,),
    )


def _quiet(done: int, total: int) -> None:
    """The progress report of a caller who wants none."""


def run_batch(
    world: World,
    games: int,
    seed: int,
    seats: Sequence[BotSpec],
    jobs: int = 1,
) -> list[GameResult]:
    """Play ``games`` games; results are in game order and independent of ``jobs``."""
    results: list[GameResult] = []
    play_batch(world, games, seed, seats, jobs, results.append)
    return results


class Tally:
    """The balance figures of a batch, gathered one game at a time.

    Holds counts only, and each game's state hash as 32 raw bytes (so ``--json`` can
    still list every game's hash): a batch of a million games needs 32 MB, not the
    gigabytes a list of results would.
    """

    def __init__(self, world: World) -> None:
        self.world = world
        self.games = 0
        self.outcomes: dict[str, int] = {f: 0 for f in world.faction_ids}
        self.outcomes["catastrophe"] = 0
        self.outcomes["draw"] = 0
        self.below = {f: 0 for f in world.faction_ids}
        self.last = {f: 0 for f in world.faction_ids}
        self.usage: dict[str, int] = {}
        self.cracked = 0
        self.turns = 0
        self.lengths: dict[int, int] = {}
        """Game length in turns -> games that long (quartiles without keeping every game)."""
        self.fired: dict[str, int] = {}
        """Event id -> games in which it fired."""
        self.fires: dict[str, int] = {}
        """Event id -> times it fired in all games (a once-only event at most once a game)."""
        terms = sum(len(world.factions[f].victory.terms) for f in world.faction_ids)
        self.scored = [0] * terms
        """Per victory term (as ``GameResult.points``): games it gave points at the end."""
        self.points = [0] * terms
        """Per victory term: its points at the end, summed over all games."""
        self.digests = bytearray()

    def add(self, r: GameResult) -> None:
        """Count one game's result."""
        if r.result in ("win", "closest") and r.winner:
            self.outcomes[r.winner] += 1
            if r.result == "closest":
                self.below[r.winner] += 1
        else:
            self.outcomes[r.result] = self.outcomes.get(r.result, 0) + 1
            if r.result == "catastrophe" and r.ranking:
                self.last[r.ranking[-1]] += 1
        for key in r.used:
            self.usage[key] = self.usage.get(key, 0) + 1
        self.cracked += r.cracks > 0
        self.turns += r.turns
        self.lengths[r.turns] = self.lengths.get(r.turns, 0) + 1
        for event in r.fired:
            self.fired[event] = self.fired.get(event, 0) + 1
            self.fires[event] = self.fires.get(event, 0) + 1
        for event, times in r.repeats.items():
            self.fired[event] = self.fired.get(event, 0) + 1
            self.fires[event] = self.fires.get(event, 0) + times
        for i, points in enumerate(r.points):
            self.scored[i] += points != 0
            self.points[i] += points
        self.games += 1
        self.digests += bytes.fromhex(r.hash)

    def hashes(self) -> Iterator[str]:
        """Every game's state hash (hex), in game order."""
        for i in range(0, len(self.digests), 32):
            yield self.digests[i : i + 32].hex()

    def summary(self, *, hashes: bool = True) -> dict[str, object]:
        """The figures of :func:`summarise`; without ``"hashes"`` if ``hashes`` is False."""
        mean = self.turns / self.games if self.games else 0.0
        order_games = {
            f"{f}:{o.id}": self.usage.get(f"{f}:{o.id}", 0)
            for f in self.world.faction_ids
            for o in self.world.scenario.order
            if f in o.factions
        }
        out: dict[str, object] = {
            "outcomes": dict(self.outcomes),
            "below_target": dict(self.below),
            "last_in_catastrophe": dict(self.last),
            "coalition_cracked": self.cracked,
            "order_games": order_games,
            "mean_turns": round(mean, 3),
        }
        if hashes:
            out["hashes"] = list(self.hashes())
        return out


def summarise(world: World, results: Sequence[GameResult]) -> dict[str, object]:
    """Balance figures of a batch: who won and how, how games ended, which orders were used.

    ``outcomes`` counts every game once: a faction's wins (reached its target, or came
    closest when nobody did), ``catastrophe`` and ``draw``. ``below_target`` counts the wins
    that were only "came closest"; ``last_in_catastrophe`` who ranked last when everyone
    lost; ``order_games`` in how many games each faction gave each order; ``hashes`` each
    game's final state hash. A :class:`Tally` gathers the same figures game by game.
    """
    tally = Tally(world)
    for r in results:
        tally.add(r)
    return tally.summary()


def format_summary(
    world: World, seats: Sequence[BotSpec], summary: dict[str, object], games: int
) -> str:
    """The balance figures of :func:`summarise` as a plain-text table."""
    outcomes = summary["outcomes"]
    below = summary["below_target"]
    last = summary["last_in_catastrophe"]
    usage = summary["order_games"]
    assert isinstance(outcomes, dict) and isinstance(below, dict)
    assert isinstance(last, dict) and isinstance(usage, dict)

    def pct(n: int) -> str:
        return f"{100 * n / games:5.1f}%"

    lines = ["seats:"]
    for faction, spec in zip(world.faction_ids, seats, strict=True):
        what = f"rule bot, {spec}" if spec.kind == "rule" else f"{spec.kind} bot"
        lines.append(f"  {world.factions[faction].name:<22} {what}")
    lines.append("outcomes:")
    for key, count in outcomes.items():
        label = world.factions[key].name if key in world.factions else key
        extra = f"   ({below[key]} below target)" if below.get(key) else ""
        lines.append(f"  {label:<22} {count:>6} {pct(count)}{extra}")
    if outcomes.get("catastrophe"):
        worst = ", ".join(f"{world.factions[f].name} {n}" for f, n in last.items() if n)
        lines.append(f"ranked last in a catastrophe: {worst}")
    cracked = summary["coalition_cracked"]
    lines.append(
        f"a coalition cracked in {plural(cracked, 'game') if isinstance(cracked, int) else cracked}"
    )
    lines.append(f"mean game length: {summary['mean_turns']} turns")
    lines.append("orders (games in which each faction gave it):")
    for key, count in usage.items():
        faction, order = key.split(":", 1)
        name = world.orders[order].name
        lines.append(f"  {world.factions[faction].short:<8} {name:<28} {count:>6} {pct(count)}")
    return "\n".join(lines)


def default_jobs() -> int:
    """All cores this process may use."""
    return usable_cores()


def save_game(
    world: World,
    text: str,
    scenario_file: str,
    seed: int,
    seats: Sequence[BotSpec],
    target: Path,
) -> None:
    """Play one bot game with its full log and write it as a save file (atomically)."""
    match = bot_match(world, seed, seats, ScenarioText(scenario_file, world.digest, text))
    match.play_out()
    write_save(match, target)
