"""The ``sidra`` command: every subcommand, with clear errors and fixed exit codes.

Exit codes: 0 success, 1 invalid input (a clear message, never a traceback), 2 usage.
Heavy modules (the engine, numpy, the UI) are imported inside the subcommands so that
``sidra --help`` and the title screen start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game import __version__
from game.cli_lab import add_parsers as add_lab_parsers
from game.cli_lab import whatif_command
from game.cli_report import add_parsers as add_report_parsers
from game.cli_report import report_command
from game.cli_saves import add_parsers as add_save_parsers
from game.cli_saves import replay_command, verify_command
from game.errors import SidraError
from game.paths import default_scenario_path

if TYPE_CHECKING:
    from game.ai.registry import BotSpec


def _seed(text: str) -> int:
    """argparse type for seeds: the engine's range, a usage error otherwise."""
    from game.limits import check_seed

    try:
        return check_seed(int(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sidra",
        description="Sidra: a turn-based strategy game of the Libyan civil war, December 2014.",
    )
    parser.add_argument("--version", action="version", version=f"sidra {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("play", help="play a game in the terminal, skipping the title screen")
    p.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO")
    p.add_argument(
        "--as",
        dest="humans",
        action="append",
        default=[],
        metavar="FACTION",
        help="a faction you play (repeat for hot-seat); default: the first faction",
    )
    p.add_argument("--seed", type=_seed, default=None, help="game seed (default: random)")
    p.add_argument(
        "--difficulty",
        choices=("easy", "normal", "hard"),
        default="normal",
        help="strength of the bots (default normal)",
    )

    p = sub.add_parser("serve", help="serve the game UI in a web browser (needs the 'web' extra)")
    p.add_argument("--host", default="localhost")
    p.add_argument("--port", type=int, default=8000)

    p = sub.add_parser(
        "validate", help="check scenario files; print every problem as file:line:col"
    )
    p.add_argument("files", nargs="+", metavar="FILE")

    sub.add_parser("schema", help="print the scenario JSON Schema (for editor autocompletion)")

    p = sub.add_parser("simulate", help="bots play whole games headless; print outcome figures")
    p.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO")
    p.add_argument("--games", type=int, default=100, help="number of games (default 100)")
    p.add_argument("--seed", type=_seed, default=1, help="batch seed (default 1)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument(
        "--difficulty",
        choices=("easy", "normal", "hard"),
        default="normal",
        help="level of every rule bot (default normal, what players meet)",
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
        help="override one seat: a level (easy, normal, hard) or a bot (random, passive, "
        "spoiler), e.g. --seat dawn=hard (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--save", metavar="FILE", help="write the first game as a save file")

    add_save_parsers(sub)
    add_report_parsers(sub)
    add_lab_parsers(sub)

    p = sub.add_parser("bench", help="measure the speed figures of DESIGN.md section 6")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--quick", action="store_true", help="fewer repetitions (for tests)")
    p.add_argument("--no-tui", action="store_true", help="skip the terminal-UI figures")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sidra`` console script; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command is None:
            return _title()
        if args.command == "play":
            return _play(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "validate":
            return _validate(args.files)
        if args.command == "schema":
            return _schema()
        if args.command == "simulate":
            return _simulate(args)
        if args.command == "bench":
            return _bench(args)
        if args.command == "verify":
            return verify_command(args)
        if args.command == "replay":
            return replay_command(args)
        if args.command == "report":
            return report_command(args)
        if args.command == "whatif":
            return whatif_command(args)
        _parser().print_help()  # pragma: no cover - argparse rejects other commands
        return EXIT_USAGE
    except SidraError as exc:
        print(f"sidra: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("sidra: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _title() -> int:
    from game.tui.app import run_app

    run_app(None, None)
    return EXIT_OK


def _play(args: argparse.Namespace) -> int:
    import secrets

    from game.ai.registry import parse_seat
    from game.scenario.loader import load_scenario
    from game.tui.app import run_app
    from game.tui.paths import autosave_dir
    from game.tui.session import GameSession

    path = Path(args.scenario) if args.scenario else default_scenario_path()
    text = _read_text(path)
    scenario = load_scenario(path)
    factions = [f.id for f in scenario.faction]
    for human in args.humans:
        if human not in factions:
            raise SidraError(f"--as: unknown faction '{human}' (factions: {', '.join(factions)})")
    humans = args.humans or factions[:1]
    seats = [parse_seat(f, "human" if f in humans else args.difficulty) for f in factions]
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    session = GameSession.new(text, str(path), seats, seed, autosave_dir())
    run_app(path, session)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        raise SidraError(
            "serving in a browser needs the 'web' extra: pip install -e '.[web]'"
        ) from None
    command = f"{sys.executable} -m game"
    print(f"Sidra is served at http://{args.host}:{args.port} — Ctrl+C stops it.")
    Server(command, host=args.host, port=args.port, title="Sidra").serve()
    return EXIT_OK


def _validate(files: list[str]) -> int:
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario

    status = EXIT_OK
    for name in files:
        try:
            scenario = load_scenario(name)
        except ScenarioError as exc:
            for problem in exc.problems:
                print(problem)
            count = len(exc.problems)
            print(f"{name}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(
                f"{name}: ok ({scenario.meta.title}, {len(scenario.region)} regions, "
                f"{len(scenario.faction)} factions, {len(scenario.event)} events)"
            )
    return status


def _schema() -> int:
    from game.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _seats(args: argparse.Namespace, faction_ids: Sequence[str]) -> list[BotSpec]:
    from game.ai.registry import parse_bot

    seats = {f: parse_bot(args.bots, args.difficulty) for f in faction_ids}
    for spec in args.seat:
        faction, _, kind = spec.partition("=")
        if faction not in seats:
            raise SidraError(
                f"--seat: unknown faction '{faction}' (factions: {', '.join(faction_ids)})"
            )
        try:
            seats[faction] = parse_bot(kind, args.difficulty)
        except ValueError as exc:
            raise SidraError(f"--seat {faction}: {exc}") from None
    return [seats[f] for f in faction_ids]


def _simulate(args: argparse.Namespace) -> int:
    from game.engine.world import compile_world
    from game.lab.simulate import default_jobs, format_summary, run_batch, save_game, summarise
    from game.record.save import scenario_digest
    from game.scenario.loader import load_scenario

    if args.games < 1:
        raise SidraError("--games must be at least 1")
    if args.save:
        target = Path(args.save)
        if target.is_dir():
            raise SidraError(f"--save: {target} is a folder; give a file name")
        if not target.parent.is_dir():
            raise SidraError(f"--save: the folder {target.parent} does not exist")
    path = Path(args.scenario) if args.scenario else default_scenario_path()
    text = _read_text(path)
    scenario = load_scenario(path)
    world = compile_world(scenario, scenario_digest(text))
    seats = _seats(args, world.faction_ids)
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        raise SidraError("--jobs must be at least 1")
    results = run_batch(path, world, args.games, args.seed, seats, jobs)
    summary = summarise(world, results)
    if args.save:
        try:
            save_game(world, text, str(path), results[0].seed, seats, Path(args.save))
        except OSError as exc:
            raise SidraError(f"--save: cannot write {args.save}: {exc.strerror or exc}") from None
    if args.json:
        out = {
            "scenario": scenario.meta.id,
            "games": args.games,
            "seed": args.seed,
            "seats": {f: str(spec) for f, spec in zip(world.faction_ids, seats, strict=True)},
            **summary,
        }
        print(json.dumps(out, indent=1))
        return EXIT_OK
    print(f"{scenario.meta.title}: {args.games} games, seed {args.seed}, jobs {jobs}")
    print(format_summary(world, seats, summary, args.games))
    if args.save:
        print(f"first game saved to {args.save}")
    return EXIT_OK


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SidraError(f"{path}: cannot read scenario: {exc}") from None


def _bench(args: argparse.Namespace) -> int:
    from game.lab.bench import format_report, merge_figures, run_bench

    report = run_bench(quick=args.quick)
    if not args.no_tui:
        from game.tui.bench import tui_figures

        report = merge_figures(report, tui_figures(args.quick))
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(format_report(report))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
