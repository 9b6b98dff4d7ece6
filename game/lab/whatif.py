"""The what-if fan: from any turn of any line, bots play the game out many times over.

A class replaying a saved game stops at a turn and asks "how could this have gone?".
The fan answers with a spread: N continuations from that turn, every seat played by a
bot (the line's bots keep playing; people's seats get the ``normal`` rule bot), and how
they ended: who won how often, each track's final value, how long the game lasted.

Every continuation plays through the one match loop (:meth:`Match.play_out`, quietly)
on its own :class:`Match`, whose history begins at the fan's starting state.

**Seeds.** Continuation *k* is keyed by the *k*-th child of ``SeedSequence(seed)``
(:func:`game.lab.simulate.game_seed`) and plays on a clone of the starting state whose
``seed`` is that child's. Both sources of chance read the state's seed: the default
dice of :func:`resolve_turn` are ``Dice(state.seed)`` and the bots draw their noise
from it (:func:`game.ai.base.bot_dice`). Re-keying the clone therefore gives each
continuation its own dice *and* its own bot randomness with one change, through the
ordinary loop, with no second way of passing dice. Continuation *k* depends only on the
starting state, the seats and its own seed: it is the same bit for bit whatever
``jobs`` is, in whichever worker it runs, and when it is played alone
(:func:`play_continuation`). Fans from different turns of one game with the same fan
seed share their dice by address (common random numbers), so they compare fairly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.ai.registry import Seat, parse_bot
from game.engine.state import GameState
from game.engine.world import World
from game.errors import SidraError
from game.lab.pool import chunk_ranges, chunk_size, run_chunks
from game.lab.simulate import game_seed
from game.lab.stats import histogram, spread
from game.record.history import MAIN, History, HistoryError, Line
from game.record.match import Match, ScenarioText

HUMAN_STAND_IN = "normal"
"""The rule bot that plays a person's seat in the continuations."""

MAX_CHUNK = 20
"""At most this many continuations between two progress reports (and cancel checks)."""

MAX_GAMES = 100_000
"""Most continuations of one fan: a fan keeps every continuation's values (for its
quartiles and ``--json``), so its size bounds its memory (about 50 MB at the most)."""

RESULTS = ("catastrophe", "draw")
"""Outcomes counted besides each faction's wins."""


class FanError(SidraError):
    """A fan that cannot be played: no such line or turn, a finished game, bad counts."""


@dataclass(frozen=True, slots=True)
class FanResult:
    """How ``games`` bot continuations from ``turn`` of ``line`` ended.

    ``outcomes`` counts each continuation once: a faction's wins (it reached its goals,
    or came closest when nobody did), ``catastrophe`` and ``draw``. ``tracks`` holds every
    scenario track's final value and ``lengths`` each game's final turn, in game order.
    A cancelled fan holds the first ``games`` continuations, exactly as a fan of that
    many games would.
    """

    line: str
    turn: int
    games: int
    seed: int
    outcomes: dict[str, int]
    tracks: dict[str, list[int]]
    lengths: list[int]
    cancelled: bool


@dataclass(frozen=True, slots=True)
class Ending:
    """How one continuation ended: the outcome key, each track's final value, its last turn."""

    outcome: str
    tracks: tuple[int, ...]
    length: int


# -- the starting point ------------------------------------------------------------


def fan_start(match: Match, line: str, turn: int) -> GameState:
    """The state to fan from; FanError names what is wrong (view-only, no line, no turn)."""
    if match.frozen is not None:
        raise FanError(
            f"{match.frozen}; its continuations would be played under different rules, "
            "so no what-if fan is played"
        )
    history = match.history
    if line not in history.lines:
        raise FanError(f"there is no line '{line}' (lines: {', '.join(history.lines)})")
    end = history.line_end(line)
    if not 0 <= turn <= end:
        raise FanError(f"turn {turn} is not on line '{line}' (it has turns 0 to {end})")
    try:
        state = history.state(line, turn)
    except HistoryError as exc:  # pragma: no cover - the range was checked above
        raise FanError(str(exc)) from None
    if state.outcome is not None:
        earlier = f"0 to {turn - 1}" if turn > 1 else "0"
        raise FanError(
            f"the game on line '{line}' is over at turn {turn} ({state.outcome.reason}); "
            f"a fan starts from a turn before the end ({earlier})"
        )
    return state


def fan_seats(match: Match, line: str) -> list[Seat]:
    """The seats of the continuations: the line's bots, and a rule bot for each person."""
    stand_in = parse_bot(HUMAN_STAND_IN)
    return [
        Seat(s.faction, stand_in) if s.bot is None else s for s in match.history.line(line).seats
    ]


def play_continuation(world: World, start: GameState, seats: Sequence[Seat], seed: int) -> Ending:
    """Play one continuation from ``start``, keyed by ``seed``, to the end of the game."""
    state = start.clone()
    state.seed = seed
    state.world = world
    # The history begins mid-game: its main line is numbered on from the start's turn.
    history = History(state, {MAIN: Line(MAIN, None, state.turn - 1, list(seats))})
    game = Match(world, ScenarioText("", world.digest, ""), seed, history)
    final = game.play_out(log=False)
    outcome = final.outcome
    assert outcome is not None
    key = outcome.winner if outcome.result in ("win", "closest") and outcome.winner else None
    return Ending(
        outcome=key or outcome.result,
        tracks=tuple(final.tracks[t.id] for t in world.scenario.track),
        length=outcome.turn,
    )


# -- running -----------------------------------------------------------------------


def run_fan(
    match: Match,
    line: str,
    turn: int,
    games: int = 1000,
    seed: int = 0,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> FanResult:
    """Play ``games`` continuations from position ``turn`` of ``line`` and gather the spread.

    ``jobs`` > 1 spreads chunks of continuations over worker processes; the result never
    depends on it. ``progress(done, total)`` is called from the calling thread at the
    start and as chunks finish; setting ``cancel`` stops the fan at once (running
    workers are terminated) with the continuations finished so far, ``cancelled=True``.
    Ctrl+C (KeyboardInterrupt) stops the workers at once too, and is raised. FanError if
    the fan cannot be played.
    """
    start = fan_start(match, line, turn)
    if games < 1:
        raise FanError(f"a fan needs at least 1 game, not {games}")
    if games > MAX_GAMES:
        raise FanError(f"a fan plays at most {MAX_GAMES:,} games, not {games:,}")
    if jobs < 1:
        raise FanError(f"a fan needs at least 1 job, not {jobs}")
    seats = tuple(fan_seats(match, line))
    report = progress or _quiet
    report(0, games)
    if jobs == 1 or games <= MAX_CHUNK:
        endings = _run_here(match.world, start, seats, seed, games, report, cancel)
    else:
        endings = _run_pool(start, seats, seed, games, jobs, report, cancel)
    return _result(match.world, line, turn, seed, endings, len(endings) < games)


def _quiet(done: int, total: int) -> None:
    """The progress report of a caller who wants none."""


def _run_here(
    world: World,
    start: GameState,
    seats: Sequence[Seat],
    seed: int,
    games: int,
    report: Callable[[int, int], None],
    cancel: threading.Event | None,
) -> list[Ending]:
    """Continuations in this process, in order, checking ``cancel`` before each."""
    endings: list[Ending] = []
    step = chunk_size(games, 1, MAX_CHUNK)
    for k in range(games):
        if cancel is not None and cancel.is_set():
            break
        endings.append(play_continuation(world, start, seats, game_seed(seed, k)))
        if len(endings) % step == 0 or len(endings) == games:
            report(len(endings), games)
    return endings


def _run_pool(
    start: GameState,
    seats: tuple[Seat, ...],
    seed: int,
    games: int,
    jobs: int,
    report: Callable[[int, int], None],
    cancel: threading.Event | None,
) -> list[Ending]:
    """Continuations in worker processes, chunk by chunk: the finished prefix, in order."""
    size = chunk_size(games, jobs, MAX_CHUNK)
    chunks = ((seed, first, stop) for first, stop in chunk_ranges(games, size))
    endings: list[Ending] = []

    def hand_over(part: list[Ending]) -> None:
        endings.extend(part)
        report(len(endings), games)

    run_chunks(
        _play_chunk,
        chunks,
        min(jobs, -(-games // size)),
        hand_over,
        initializer=_init_worker,
        initargs=(start, seats),
        cancel=cancel,
    )
    return endings


# Each worker process keeps the fan's start state (with its world) and seats.
_WORK: tuple[GameState, tuple[Seat, ...]] | None = None


def _init_worker(start: GameState, seats: tuple[Seat, ...]) -> None:
    global _WORK
    _WORK = (start, seats)


def _play_chunk(chunk: tuple[int, int, int]) -> list[Ending]:
    """Continuations ``first`` to ``stop`` of the fan ``seed`` (the worker works out seeds)."""
    seed, first, stop = chunk
    assert _WORK is not None
    start, seats = _WORK
    assert start.world is not None
    return [
        play_continuation(start.world, start, seats, game_seed(seed, k)) for k in range(first, stop)
    ]


def _result(
    world: World, line: str, turn: int, seed: int, endings: list[Ending], cancelled: bool
) -> FanResult:
    outcomes = {f: 0 for f in world.faction_ids}
    outcomes.update({r: 0 for r in RESULTS})
    for ending in endings:
        outcomes[ending.outcome] = outcomes.get(ending.outcome, 0) + 1
    tracks = {t.id: [e.tracks[i] for e in endings] for i, t in enumerate(world.scenario.track)}
    return FanResult(
        line=line,
        turn=turn,
        games=len(endings),
        seed=seed,
        outcomes=outcomes,
        tracks=tracks,
        lengths=[e.length for e in endings],
        cancelled=cancelled,
    )


# -- reporting -------------------------------------------------------------------------

SHARE_BAR = 20
"""Width of a 100% winner-share bar in the text report."""


def outcome_label(world: World, key: str) -> str:
    """A person's word for an outcome key: the faction's name, or what befell everyone."""
    if key in world.factions:
        return world.factions[key].name
    return {"catastrophe": "catastrophe (all lose)", "draw": "draw"}.get(key, key)


def track_label(world: World, track_id: str) -> str:
    """A track's name with its unit, e.g. ``Oil output (bpd)`` (not "Displaced people (people)")."""
    track = next(t for t in world.scenario.track if t.id == track_id)
    words = track.name.lower().split()
    if not track.unit or (words and words[-1] == track.unit.lower()):
        return track.name
    return f"{track.name} ({track.unit})"


def format_fan(world: World, fan: FanResult) -> str:
    """The fan as plain text: winner shares with counts, then each track's and the length's
    spread (mean, quartiles, min–max) with a histogram from min to max."""
    where = "the start" if fan.turn == 0 else f"turn {fan.turn}"
    head = (
        f"What if: {fan.games:,} bot continuation{'s' if fan.games != 1 else ''} "
        f"from {where} of line '{fan.line}', seed {fan.seed}"
    )
    lines = [head]
    if fan.cancelled:
        lines.append(f"(stopped early: these are the first {fan.games:,} continuations)")
    lines.append("Who wins (reached its goals, or came closest when no side did):")
    for key, count in fan.outcomes.items():
        share = count / fan.games if fan.games else 0.0
        bar = "█" * round(share * SHARE_BAR)
        lines.append(
            f"  {outcome_label(world, key):<26} {count:>6,} {100 * share:6.1f}%  {bar}".rstrip()
        )
    lines.append("At the end (histograms run from the lowest value to the highest):")
    rows = [(track_label(world, t), values) for t, values in fan.tracks.items()]
    rows.append(("Game length (turns)", fan.lengths))
    for label, values in rows:
        s = spread(values)
        lines.append(f"  {label:<32} {histogram(values)}".rstrip())
        lines.append(
            f"    mean {_number(s.mean)}   quartiles {_number(s.q1)} | {_number(s.median)} | "
            f"{_number(s.q3)}   min–max {s.low:,}–{s.high:,}"
        )
    return "\n".join(lines)


def _number(value: float) -> str:
    """A figure for people: thousands separated; one decimal below 100 (lengths, percents)."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def fan_json(fan: FanResult) -> dict[str, object]:
    """The fan for ``--json``: counts and shares, every spread, and the raw values."""
    return {
        "line": fan.line,
        "turn": fan.turn,
        "games": fan.games,
        "seed": fan.seed,
        "cancelled": fan.cancelled,
        "outcomes": dict(fan.outcomes),
        "shares": {
            k: round(v / fan.games, 4) if fan.games else 0.0 for k, v in fan.outcomes.items()
        },
        "tracks": {t: spread(values).to_dict() for t, values in fan.tracks.items()},
        "length": spread(fan.lengths).to_dict(),
        "values": {"tracks": {t: list(v) for t, v in fan.tracks.items()}, "lengths": fan.lengths},
    }
