"""The ``sidra`` command: every subcommand, with clear errors and fixed exit codes.

Exit codes: 0 success, 1 invalid input (a clear message, never a traceback), 2 usage.
Heavy modules (the engine, numpy, the UI) are imported inside the subcommands so that
``sidra --help`` and the title screen start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import TYPE_CHECKING, Any

from game import __version__, cli_args, cli_help
from game.cli_arena import add_parser as add_arena_parser
from game.cli_arena import arena_command
from game.cli_args import EXIT_INTERRUPTED, EXIT_OK
from game.cli_completion import add_parser as add_completion_parser
from game.cli_completion import autocomplete, completion_command
from game.cli_lab import add_parsers as add_lab_parsers
from game.cli_lab import add_simulate_parser, simulate_command, whatif_command
from game.cli_lint import add_parser as add_lint_parser
from game.cli_lint import lint_command
from game.cli_new import add_parsers as add_new_parsers
from game.cli_new import new_command
from game.cli_report import add_parsers as add_report_parsers
from game.cli_report import report_command
from game.cli_saves import add_parsers as add_save_parsers
from game.cli_saves import replay_command, verify_command
from game.cli_serve import add_parser as add_serve_parser
from game.cli_serve import run as serve_command
from game.cli_text import safe
from game.errors import SidraError
from game.lab.core import core_kind

if TYPE_CHECKING:
    from game.scenario.errors import Problem
from game.paths import scenario_file

EXIT_INVALID = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    """The whole command line; each subcommand's page (description, examples) is in
    :mod:`game.cli_help`, each argument's help beside the argument."""
    parser: argparse.ArgumentParser = cli_help.Parser(
        prog="sidra",
        description=cli_help.wrapped(cli_help.MAIN.description),
        epilog=cli_help.examples(cli_help.MAIN.examples),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"sidra {__version__} ({core_kind()} core)",
        help="print the version and the simulation core: compiled (a wheel install) or "
        "interpreted (an editable one, or where no C compiler was found)",
    )
    # Each subcommand's parser is a cli_help.Parser too (argparse uses the parent's class).
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    p = cli_help.add_command(sub, "play")
    cli_args.scenario_argument(p)
    p.add_argument(
        "--as",
        dest="humans",
        action="append",
        default=[],
        metavar="FACTION",
        help="a faction you play (repeat for hot-seat); default: the first faction",
    )
    p.add_argument("--seed", type=cli_args.seed, default=None, help="game seed (default: random)")
    p.add_argument(
        "--difficulty",
        choices=cli_args.LEVELS,
        default="normal",
        help=f"strength of the bots (default normal): {cli_args.LEVELS_HELP}",
    )

    add_serve_parser(sub)

    p = cli_help.add_command(sub, "validate")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="scenario files (.toml) to check, or names of shipped ones (e.g. tutorial)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one 'file:line:col: message' a line (default); json: one object with "
        "every file's diagnostics, for editors and CI",
    )

    p = cli_help.add_command(sub, "schema")
    p.add_argument(
        "--format",
        choices=("json", "markdown"),
        default="json",
        help="json: the JSON Schema (scenarios/scenario.schema.json, default); markdown: "
        "the format reference (scenarios/FORMAT.md)",
    )
    add_new_parsers(sub)

    add_simulate_parser(sub)
    add_lint_parser(sub)
    add_arena_parser(sub)

    add_save_parsers(sub)
    add_report_parsers(sub)
    add_lab_parsers(sub)

    p = cli_help.add_command(sub, "bench")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--quick", action="store_true", help="fewer repetitions: faster, noisier figures"
    )
    p.add_argument(
        "--no-tui", action="store_true", help="skip the terminal UI's start-up and key figures"
    )
    add_completion_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sidra`` console script; returns the exit code.

    A usage error (an unknown option, a number out of its range) is argparse's: the
    usage and a message naming the option on stderr, and SystemExit(2).
    """
    _open_missing_streams()
    previous = _exit_cleanly_on_signals()
    try:
        parser = _parser()
        autocomplete(parser)  # only when a shell asks for completions (then it exits)
        args = parser.parse_args(argv)
        return _run(args)
    finally:
        _restore_signals(previous)


def _run(args: argparse.Namespace) -> int:
    """Run the chosen command; every error a person can cause becomes a message."""
    try:
        if args.command is None:
            return _title()
        if args.command == "play":
            return _play(args)
        if args.command == "serve":
            return serve_command(args)
        if args.command == "validate":
            return _validate(args.files, as_json=args.format == "json")
        if args.command == "schema":
            return _schema(args.format)
        if args.command == "new":
            return new_command(args)
        if args.command == "simulate":
            return simulate_command(args)
        if args.command == "lint":
            return lint_command(args)
        if args.command == "arena":
            return arena_command(args)
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
        if args.command == "completion":
            return completion_command(args)
        _parser().print_help()  # pragma: no cover - argparse rejects other commands
        return EXIT_USAGE
    except SidraError as exc:
        print(f"sidra: {safe(str(exc), lines=True)}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("sidra: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of our output went away (`sidra ... | head`)
        _drop_stdout()
        return EXIT_OK
    except OSError as exc:  # a file the system refuses, or output it cannot take (a full disk)
        _drop_stdout()
        why = exc.strerror or str(exc)
        if exc.filename is None:
            print(f"sidra: cannot write the output: {why}", file=sys.stderr)
        else:
            name = safe(os.fsdecode(exc.filename))
            shown = name if len(name) <= 80 else name[:40] + "…" + name[-20:]
            print(f"sidra: {shown}: {why}", file=sys.stderr)
        return EXIT_INVALID


def _open_missing_streams() -> None:
    """Give a closed stdout or stderr (``sidra schema >&-``) somewhere to go, so writing
    the output is never an AttributeError on ``None``."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush on exit does not fail
    again on the closed pipe (and print a warning about it)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


EXIT_SIGNALS = ("SIGTERM", "SIGHUP")
"""Signals that end a command cleanly (SIGINT, Ctrl+C, is a KeyboardInterrupt already)."""

SignalHandlers = dict[int, Any]
"""Signal number -> the handler it had (as ``signal.getsignal`` gives it)."""


def _exit_cleanly_on_signals() -> SignalHandlers:
    """Make SIGTERM and SIGHUP (what closing the terminal sends) end any command cleanly:
    the temporary files being written are removed, ``finally`` blocks run (so worker
    processes are stopped) and the exit status is 128 + the signal's number. The
    handlers replaced, to put back when :func:`main` returns (tests call it in-process).

    The files are :mod:`game.record.files`' (``remove_temp_files``): it is looked up
    when a signal comes rather than imported here, because importing the record layer
    takes a third of a second that ``sidra --help`` and the title screen must not wait
    for; a command that writes files has imported it by then. The game UI installs that
    module's own handlers while it runs (:func:`game.tui.terminal.run_tui`).
    """
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: SignalHandlers = {}
    for name in EXIT_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, _end_on_signal)
    return previous


def _end_on_signal(signum: int, frame: FrameType | None) -> None:
    files = sys.modules.get("game.record.files")
    remove = getattr(files, "remove_temp_files", None)
    if remove is not None:
        remove()
    raise SystemExit(128 + signum)


def _restore_signals(previous: SignalHandlers) -> None:
    for number, handler in previous.items():
        if handler is not None:  # None: set outside Python, and cannot be put back
            signal.signal(number, handler)


def _title() -> int:
    from game.tui.terminal import require_terminal

    require_terminal()
    from game.tui.app import run_app

    return run_app(None, None)


def _play(args: argparse.Namespace) -> int:
    import secrets

    from game.ai.registry import parse_seat
    from game.scenario.loader import parse_scenario, read_scenario_text
    from game.tui.app import run_app
    from game.tui.paths import autosave_dir
    from game.tui.session import GameSession
    from game.tui.terminal import require_terminal

    path = scenario_file(args.scenario)
    text = read_scenario_text(path)
    scenario = parse_scenario(text, str(path))
    factions = [f.id for f in scenario.faction]
    for human in args.humans:
        if human not in factions:
            raise SidraError(f"--as: unknown faction {human!r} (factions: {', '.join(factions)})")
    require_terminal()  # after the arguments and the scenario: their errors come first
    humans = args.humans or factions[:1]
    seats = [parse_seat(f, "human" if f in humans else args.difficulty) for f in factions]
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    session = GameSession.new(text, str(path), seats, seed, autosave_dir())
    return run_app(path, session)


def _validate(files: list[str], *, as_json: bool = False) -> int:
    """Check each scenario file: every error and warning, then a summary line per file.

    Exit 1 if any file has an error; warnings alone are shown and exit 0.
    """
    from game.scenario.errors import ScenarioError, count_words
    from game.scenario.loader import load_checked

    status = EXIT_OK
    report: list[dict[str, object]] = []
    for typed in files:
        # A scenario's name is shown as the file it named, so it is clear which was read.
        name = str(scenario_file(typed))
        try:
            scenario, warnings = load_checked(name)
        except ScenarioError as exc:
            status = EXIT_INVALID
            if as_json:
                report.append(_diagnostics(name, exc.listed(), exc.more, ok=False))
                continue
            for line in [*exc.listed(), *exc.summary_lines()]:
                print(safe(line))
            counted = count_words(exc.total, exc.total_warnings)
            print(f"{safe(name)}: {counted}", file=sys.stderr)
        else:
            summary = (
                f"{scenario.meta.title}, {len(scenario.region)} regions, "
                f"{len(scenario.faction)} factions, {len(scenario.event)} events"
            )
            if as_json:
                entry = _diagnostics(name, warnings, 0, ok=True)
                report.append({**entry, "summary": summary})
                continue
            for warning in warnings:
                print(safe(warning))
            counted = f"; {count_words(0, len(warnings))}" if warnings else ""
            print(safe(f"{name}: ok ({summary}){counted}"))
    if as_json:
        # json.dumps escapes every control character: a hostile message stays text.
        print(json.dumps({"files": report}, indent=1, ensure_ascii=True))
    return status


def _diagnostics(name: str, problems: list[Problem], more: int, *, ok: bool) -> dict[str, object]:
    """One file's problems as data: position, severity and message of each, how many
    errors and warnings there are, and how many more errors were found than listed."""
    errors = sum(p.severity == "error" for p in problems) + more
    return {
        "file": name,
        "ok": ok,
        "errors": errors,
        "warnings": sum(p.severity == "warning" for p in problems),
        "diagnostics": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.col,
                "severity": p.severity,
                "message": p.message,
            }
            for p in problems
        ],
        "more": more,
    }


def _schema(form: str) -> int:
    if form == "markdown":
        from game.lab.reference import format_reference

        sys.stdout.write(format_reference())
        return EXIT_OK
    from game.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


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
