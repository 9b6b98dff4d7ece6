"""``sidra arena``: the measured ladder of bot levels, with intervals and paired tests.

The command line of :mod:`game.lab.arena`: arguments are checked where they are parsed
(a number of games out of range or an unknown level is a usage error, exit 2), the
scenario is read as ``sidra simulate`` reads it (a broken one is a message, exit 1, as is
a ``--seats`` faction the scenario does not have), then
the games are played on every core with a progress bar on a terminal, and the table is
printed (``--json``: one JSON object). Ctrl+C stops it and its workers at once (exit
130, as ``sidra simulate``). The lab is imported inside the command, so ``sidra --help``
stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from game import cli_args, cli_help
from game.cli_args import EXIT_OK
from game.cli_progress import progress_bar
from game.cli_text import safe
from game.paths import scenario_file

DEFAULT_GAMES = 400
"""Games a cell unless told: the issue's bar for a significant step."""

MAX_ARENA_GAMES = 100_000
"""Most games a cell: an arena plays seats × levels cells (twelve or more on the default
scenario), so a cell is capped lower than a ``simulate`` batch."""

MAX_LIST_TEXT = 200
"""Longer ``--levels`` or ``--seats`` text is refused before it is split."""

games = cli_args.whole_number(1, MAX_ARENA_GAMES, "a number of games a cell")
"""``sidra arena --games``."""


def levels(text: str) -> tuple[str, ...]:
    """An argparse type for ``--levels``: distinct seat words of the bot registry, comma
    separated, weakest first (each is compared with the one before it)."""
    from game.ai.registry import parse_bot

    typed = comma_words(text, "levels", "e.g. random,easy")
    seen: dict[object, str] = {}
    for word in typed:
        try:
            spec = parse_bot(word.lower())
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        if spec in seen:
            raise argparse.ArgumentTypeError(f"{word!r} is the same bot as {seen[spec]!r}")
        seen[spec] = word
    return tuple(w.lower() for w in typed)


def seat_list(text: str) -> tuple[str, ...]:
    """An argparse type for ``--seats``: faction ids, comma separated (checked against
    the scenario once it is read)."""
    return comma_words(text, "faction ids", "e.g. tobruk,dawn in the default scenario")


def comma_words(text: str, what: str, example: str) -> tuple[str, ...]:
    """The words of a comma-separated list option (``--levels``, ``--seats``), stripped;
    ArgumentTypeError for text over :data:`MAX_LIST_TEXT` or an empty word."""
    if len(text) > MAX_LIST_TEXT:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_LIST_TEXT} characters")
    words = tuple(w.strip() for w in text.split(","))
    if any(not w for w in words):
        raise argparse.ArgumentTypeError(
            f"must be {what} separated by commas ({example}), not {text!r}"
        )
    return words


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``arena`` to the ``sidra`` parser."""
    p = cli_help.add_command(sub, "arena")
    cli_args.scenario_argument(p)
    p.add_argument(
        "--games",
        type=games,
        default=DEFAULT_GAMES,
        metavar="N",
        help=f"games a cell (one level in one seat), 1 to {MAX_ARENA_GAMES:,} "
        f"(default {DEFAULT_GAMES})",
    )
    p.add_argument(
        "--seed",
        type=cli_args.seed,
        default=1,
        metavar="S",
        help="batch seed: every cell plays the games of this seed (default 1)",
    )
    p.add_argument(
        "--jobs", type=cli_args.jobs, default=None, metavar="J", help=cli_args.jobs_help()
    )
    p.add_argument(
        "--levels",
        type=levels,
        default=None,
        metavar="A,B,...",
        help="the levels to measure, weakest first, each compared with the one before "
        "(default: the whole ladder)",
    )
    p.add_argument(
        "--seats",
        type=seat_list,
        default=None,
        metavar="F,G,...",
        help="measure only these seats (faction ids); each seat's games are the same as "
        "in the whole ladder (default: every seat)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")


def searching_levels(ladder: Sequence[str]) -> dict[str, int]:
    """The levels of ``ladder`` that search ahead, with their rollouts per decision."""
    from game.ai.registry import parse_bot

    found: dict[str, int] = {}
    for word in ladder:
        spec = parse_bot(word)
        if spec.kind == "rule" and spec.level.rollouts:
            found[word] = spec.level.rollouts
    return found


def search_heads_up(searching: dict[str, int], games: int) -> str:
    """A word before a long run: searching levels play games out before every decision."""
    names = " and ".join(searching)
    verb = "searches" if len(searching) == 1 else "search"
    budgets = " and ".join(f"{n:,}" for n in searching.values())
    budgets += " rollout" if set(searching.values()) == {1} else " rollouts"
    return (
        f"{names} {verb} ahead ({budgets} before each decision): their "
        f"{games * len(searching):,} games are the slow part of this run (the bar shows "
        "the time left; Ctrl+C stops). For a quick look: --games 50, or --levels "
        "random,easy,normal."
    )


def arena_command(args: argparse.Namespace) -> int:
    """``sidra arena [SCENARIO] [--games N] [--seed S] [--jobs J] [--levels A,B] [--seats F,G]
    [--json]``."""
    from game.ai.registry import LADDER
    from game.engine.world import compile_world
    from game.errors import SidraError
    from game.lab.arena import FIELD, arena_json, format_arena, measured_seats, run_arena
    from game.lab.simulate import default_jobs
    from game.record.save import scenario_digest
    from game.scenario.loader import parse_scenario, read_scenario_text

    path = scenario_file(args.scenario)
    text = read_scenario_text(path)
    scenario = parse_scenario(text, str(path))
    world = compile_world(scenario, scenario_digest(text))
    try:
        seats = measured_seats(world, args.seats)
    except ValueError as exc:
        raise SidraError(f"--seats: {exc}") from None
    ladder = args.levels if args.levels is not None else LADDER
    jobs = args.jobs if args.jobs is not None else default_jobs()
    searching = searching_levels(ladder)
    if searching:
        print(search_heads_up(searching, args.games * len(seats)), file=sys.stderr)
    with progress_bar("playing games") as report:
        arena = run_arena(world, args.games, args.seed, ladder, jobs, report, seats)
    if args.json:
        # json.dumps escapes every control character: text from the scenario stays text.
        print(json.dumps(arena_json(arena), indent=1, ensure_ascii=True))
        return EXIT_OK
    cells = len(arena.cells)
    print(
        f"{safe(scenario.meta.title)}: {args.games:,} games a cell, {cells} cells, "
        f"seed {args.seed}, jobs {jobs}"
    )
    print(f"Each level plays one seat, the other seats {FIELD}; every level plays the")
    print("same seeds, so neighbouring levels are compared game by game.")
    print()
    print(safe(format_arena(arena), lines=True))
    return EXIT_OK
