"""The command-line verbs of the lab that work on a saved game: ``sidra whatif``.

Kept apart from ``cli.py`` (which builds the parser and dispatches) so each file has one
job. The lab itself is imported inside the command, so ``sidra --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

from game.errors import SidraError

EXIT_OK = 0


def _seed(text: str) -> int:
    """argparse type for seeds: the engine's range, a usage error otherwise."""
    from game.limits import check_seed

    try:
        return check_seed(int(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the lab's save verbs to the ``sidra`` parser."""
    p = sub.add_parser(
        "whatif",
        help="from a turn of a saved game, bots play it out N times; show the spread",
        description="The what-if fan: from position T of a line of a saved game (0 is the "
        "start, T the state after turn T), bots play the rest of the game N times, each "
        "with its own dice, and the spread of endings is shown: who wins how often, every "
        "track's final value and the game's length. The line's bots keep playing; people's "
        "seats are played by the normal rule bot. Results never depend on --jobs. "
        "Ctrl+C stops early and shows the continuations finished.",
    )
    p.add_argument("save", metavar="SAVE", help="a Sidra save file (.json)")
    p.add_argument(
        "--turn", type=int, required=True, metavar="T", help="continue from after turn T (0: start)"
    )
    p.add_argument("--line", default="main", metavar="NAME", help="the line (default main)")
    p.add_argument(
        "--games", type=int, default=1000, metavar="N", help="continuations (default 1000)"
    )
    p.add_argument("--seed", type=_seed, default=0, metavar="S", help="fan seed (default 0)")
    p.add_argument(
        "--jobs", type=int, default=None, metavar="J", help="worker processes (default: all cores)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")


def whatif_command(args: argparse.Namespace) -> int:
    """``sidra whatif SAVE --turn T [--line NAME] [--games N] [--seed S] [--jobs J] [--json]``."""
    from game.cli_saves import load_checked
    from game.lab.simulate import default_jobs
    from game.lab.whatif import FanError, fan_json, fan_seats, format_fan, run_fan

    if args.games < 1:
        raise SidraError(f"--games must be at least 1, not {args.games}")
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        raise SidraError(f"--jobs must be at least 1, not {jobs}")
    path = Path(args.save)
    match = load_checked(path)
    cancel = threading.Event()
    progress = _Progress(sys.stderr)
    try:
        with _ctrl_c_cancels(cancel):
            fan = run_fan(
                match, args.line, args.turn, args.games, args.seed, jobs, progress, cancel
            )
    except FanError as exc:
        raise SidraError(f"{path}: {exc}") from None
    finally:
        progress.clear()
    if args.json:
        print(json.dumps({"save": str(path), **fan_json(fan)}, indent=1))
        return EXIT_OK
    world = match.world
    people = {s.faction for s in match.history.line(args.line).seats if s.human}
    seats = ", ".join(
        f"{world.factions[s.faction].short} {s.word}"
        + (" (in a person's seat)" if s.faction in people else "")
        for s in fan_seats(match, args.line)
    )
    print(f"{path}: {world.scenario.meta.title}")
    print(f"bots in the continuations: {seats}")
    print(format_fan(world, fan))
    played = match.history.tip(args.line).outcome
    if played is not None:
        print(f"As played on line '{args.line}', turn {played.turn}: {played.reason}")
    return EXIT_OK


class _Progress:
    """``done/total`` on one line of a terminal's stderr; silent when stderr is not a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.live:
            self.stream.write(f"\rplaying continuations: {done:,}/{total:,}")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        """Erase the progress line."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


@contextmanager
def _ctrl_c_cancels(cancel: threading.Event) -> Iterator[None]:
    """While active, the first Ctrl+C sets ``cancel`` (the fan stops early and shows what
    it has); a second one interrupts as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is None:  # a handler not set from Python: fall back to the usual one
        previous = signal.default_int_handler

    def stop(signum: int, frame: FrameType | None) -> None:
        cancel.set()
        signal.signal(signal.SIGINT, previous)

    signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
