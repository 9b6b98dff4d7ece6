"""The command-line verbs of the lab: ``sidra simulate`` and ``sidra whatif``.

Kept apart from ``cli.py`` (which builds the parser and dispatches) so each file has one
job. Both run many bot games, with a progress bar on a terminal (:mod:`game.cli_progress`)
and worker processes that stop at once on Ctrl+C (exit 130). The lab itself is imported
inside the commands, so ``sidra --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game import cli_args, cli_help
from game.cli_args import EXIT_INTERRUPTED, EXIT_OK
from game.cli_progress import ctrl_c_cancels, progress_bar
from game.cli_text import safe
from game.errors import SidraError
from game.paths import scenario_file

if TYPE_CHECKING:
    from game.ai.registry import BotSpec
    from game.lab.simulate import Tally


def add_simulate_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``simulate`` to the ``sidra`` parser."""
    p = cli_help.add_command(sub, "simulate")
    cli_args.scenario_argument(p)
    p.add_argument(
        "--games",
        type=cli_args.games,
        default=100,
        metavar="N",
        help=f"number of games, 1 to {cli_args.MAX_GAMES:,} (default 100)",
    )
    p.add_argument(
        "--seed", type=cli_args.seed, default=1, metavar="S", help="batch seed (default 1)"
    )
    p.add_argument(
        "--jobs", type=cli_args.jobs, default=None, metavar="J", help=cli_args.jobs_help()
    )
    p.add_argument(
        "--difficulty",
        choices=cli_args.LEVELS,
        default="normal",
        help="level of every rule bot (default normal, what players meet; hard and expert "
        "search ahead, a fixed number of rollouts a turn, and are much slower)",
    )
    p.add_argument(
        "--bots",
        choices=("rule", "random", "passive", "spoiler"),
        default="rule",
        help="bot for every seat (default rule)",
    )
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="FACTION=BOT",
        help="override one seat: a level (easy, normal, hard, expert; LEVEL@N searches "
        "with N rollouts a turn) or a bot (random, passive, spoiler), e.g. --seat "
        "dawn=hard (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--save", metavar="FILE", help="write the first game as a save file")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the lab's save verbs to the ``sidra`` parser."""
    p = cli_help.add_command(sub, "whatif")
    p.add_argument("save", metavar="SAVE", help="a Sidra save file (.json)")
    p.add_argument(
        "--turn",
        type=cli_args.turn,
        required=True,
        metavar="T",
        help="continue from after turn T (0: start)",
    )
    p.add_argument("--line", default="main", metavar="NAME", help="the line (default main)")
    p.add_argument(
        "--games",
        type=cli_args.fan_games,
        default=1000,
        metavar="N",
        help=f"continuations, 1 to {cli_args.MAX_FAN_GAMES:,} (default 1000)",
    )
    p.add_argument(
        "--seed", type=cli_args.seed, default=0, metavar="S", help="fan seed (default 0)"
    )
    p.add_argument(
        "--jobs", type=cli_args.jobs, default=None, metavar="J", help=cli_args.jobs_help()
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")


# -- simulate ----------------------------------------------------------------------------


def simulate_command(args: argparse.Namespace) -> int:
    """``sidra simulate [SCENARIO] --games N --seed S ...``: bots play a batch of games."""
    from game.engine.world import compile_world
    from game.lab.simulate import (
        Tally,
        default_jobs,
        format_summary,
        game_seed,
        play_batch,
        save_game,
    )
    from game.record.save import scenario_digest
    from game.scenario.loader import parse_scenario, read_scenario_text

    if args.save is not None and not args.save.strip():
        raise SidraError("--save: the name is empty; give a file name")
    if args.save:
        target = Path(args.save)
        try:
            target.lstat()
        except FileNotFoundError:
            pass
        except OSError as exc:  # a name too long, a folder not searchable
            raise SidraError(f"--save: cannot use {args.save}: {exc.strerror or exc}") from None
        if target.is_dir():
            raise SidraError(f"--save: {target} is a folder; give a file name")
        if not target.parent.is_dir():
            raise SidraError(f"--save: the folder {target.parent} does not exist")
    path = scenario_file(args.scenario)
    text = read_scenario_text(path)
    scenario = parse_scenario(text, str(path))
    world = compile_world(scenario, scenario_digest(text))
    seats = _seats(args, world.faction_ids)
    jobs = args.jobs if args.jobs is not None else default_jobs()
    tally = Tally(world)
    with progress_bar("playing games") as report:
        play_batch(world, args.games, args.seed, seats, jobs, tally.add, report)
    if args.save:
        try:
            save_game(world, text, str(path), game_seed(args.seed, 0), seats, Path(args.save))
        except OSError as exc:
            raise SidraError(f"--save: cannot write {args.save}: {exc.strerror or exc}") from None
    if args.json:
        head = {
            "scenario": scenario.meta.id,
            "games": args.games,
            "seed": args.seed,
            "seats": {f: str(spec) for f, spec in zip(world.faction_ids, seats, strict=True)},
        }
        _print_json_with_hashes(head, tally)
        return EXIT_OK
    print(f"{safe(scenario.meta.title)}: {args.games} games, seed {args.seed}, jobs {jobs}")
    print(safe(format_summary(world, seats, tally.summary(hashes=False), args.games), lines=True))
    if args.save:
        print(f"first game saved to {safe(args.save)}")
    return EXIT_OK


def _print_json_with_hashes(head: dict[str, object], tally: Tally) -> None:
    """Print ``head`` and the batch's figures as one JSON object (indent 1), the list of
    every game's hash written out one line at a time rather than built in memory."""
    text = json.dumps({**head, **tally.summary(hashes=False), "hashes": []}, indent=1)
    opening, closing = text.rsplit("[]", 1)
    out = sys.stdout
    out.write(opening)
    first = True
    for digest in tally.hashes():
        out.write(("[\n" if first else ",\n") + f'  "{digest}"')
        first = False
    out.write(("[]" if first else "\n ]") + closing + "\n")


def _seats(args: argparse.Namespace, faction_ids: Sequence[str]) -> list[BotSpec]:
    from game.ai.registry import parse_bot

    seats = {f: parse_bot(args.bots, args.difficulty) for f in faction_ids}
    for spec in args.seat:
        faction, _, kind = spec.partition("=")
        if faction not in seats:
            raise SidraError(
                f"--seat: unknown faction {faction!r} (factions: {', '.join(faction_ids)})"
            )
        try:
            seats[faction] = parse_bot(kind, args.difficulty)
        except ValueError as exc:
            raise SidraError(f"--seat {faction}: {exc}") from None
    return [seats[f] for f in faction_ids]


# -- whatif ------------------------------------------------------------------------------


def whatif_command(args: argparse.Namespace) -> int:
    """``sidra whatif SAVE --turn T [--line NAME] [--games N] [--seed S] [--jobs J] [--json]``.

    The first Ctrl+C stops the fan at once: the continuations finished are shown and the
    exit status is 130, so a script can tell the fan is not whole.
    """
    from game.cli_saves import load_checked
    from game.lab.simulate import default_jobs
    from game.lab.whatif import FanError, fan_json, fan_seats, format_fan, run_fan

    jobs = args.jobs if args.jobs is not None else default_jobs()
    path = Path(args.save)
    match = load_checked(path)
    cancel = threading.Event()
    try:
        with progress_bar("playing continuations") as report, ctrl_c_cancels(cancel):
            fan = run_fan(match, args.line, args.turn, args.games, args.seed, jobs, report, cancel)
    except FanError as exc:
        raise SidraError(f"{path}: {exc}") from None
    status = EXIT_INTERRUPTED if fan.cancelled else EXIT_OK
    if args.json:
        print(json.dumps({"save": str(path), **fan_json(fan)}, indent=1))
        return status
    world = match.world
    people = {s.faction for s in match.history.line(args.line).seats if s.human}
    seats = ", ".join(
        f"{world.factions[s.faction].short} {s.word}"
        + (" (in a person's seat)" if s.faction in people else "")
        for s in fan_seats(match, args.line)
    )
    print(f"{safe(path)}: {safe(world.scenario.meta.title)}")
    print(f"bots in the continuations: {safe(seats)}")
    print(safe(format_fan(world, fan), lines=True))
    played = match.history.tip(args.line).outcome
    if played is not None:
        print(f"As played on line '{safe(args.line)}', turn {played.turn}: {safe(played.reason)}")
    return status
