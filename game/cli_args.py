"""The argument types of the ``sidra`` command: every range checked where it is parsed.

Each type is an argparse ``type=`` function, so a number out of range is a usage error
like any other: argparse prints the command's usage and ``argument --games: ...`` naming
the option, the allowed range and what was given, and exits with status 2. Bad *input
files* are another matter (exit 1, a message naming the file), handled by the commands.

Kept free of heavy imports: the parser is built on every start, ``sidra --help`` included.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from game.lab.pool import usable_cores
from game.limits import SEED_LIMIT

EXIT_OK = 0
"""A command that did its work."""

EXIT_INTERRUPTED = 130
"""Stopped by Ctrl+C (128 + SIGINT), as shells report it."""

LEVELS = ("easy", "normal", "hard", "expert")
"""The bot levels ``--difficulty`` offers, weakest first: the registry's
``DIFFICULTIES`` (kept here as plain words so the parser imports no AI; a test checks
they agree)."""

LEVELS_HELP = (
    "easy and normal play the scenario's priorities with some slips; hard and expert "
    "also search ahead, playing each decision out 48 and 128 times (a fraction of a "
    "second on a recent machine; in a game a slower one stops them at 1 s and 4 s)"
)
"""What the levels mean, for the help of every option that takes one."""


def scenario_argument(parser: argparse.ArgumentParser) -> None:
    """The optional SCENARIO of the commands that play one (the default scenario if none)."""
    parser.add_argument(
        "scenario",
        nargs="?",
        default=None,
        metavar="SCENARIO",
        help="a scenario file (.toml), or the name of a shipped one (e.g. tutorial); "
        "default: The Oil Crescent, December 2014",
    )


MAX_GAMES = 1_000_000
"""Most games ``sidra simulate`` plays in one batch (about four hours on two cores)."""

MAX_FAN_GAMES = 100_000
"""Most continuations of one what-if fan: the fan keeps every continuation's values for
its quartiles and ``--json``, so its size is capped lower than a batch's."""

MAX_TURN = 100_000
"""The largest turn number the command line accepts (a scenario has far fewer turns;
a turn past a line's end is then refused with the line's own range)."""

MAX_DIGITS = 40
"""Longer numbers are refused before they are converted (the largest limit has 20 digits)."""


def _number(text: str) -> int | None:
    """``text`` as a whole number in ASCII digits (``_`` separators allowed, as in
    Python; other scripts' digits are not, so what was typed is what is shown), else None."""
    text = text.strip()
    if not text or not text.isascii() or len(text) > MAX_DIGITS + 1 + text.count("_"):
        return None
    try:
        return int(text, 10)
    except ValueError:
        return None


def _shown(text: str) -> str:
    """The argument as typed, safe to print: control characters escaped, long text cut."""
    cut = text if len(text) <= MAX_DIGITS else text[:MAX_DIGITS] + "…"
    return repr(cut) if not cut.isprintable() else f"'{cut}'"


def whole_number(low: int, high: int, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, else a usage error."""

    def parse(text: str) -> int:
        value = _number(text)
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be {what} from {low:,} to {high:,}, not {_shown(text)}"
            )
        return value

    parse.__name__ = "whole number"
    return parse


def jobs(text: str) -> int:
    """An argparse type for ``--jobs``: 1 to the number of usable cores."""
    cores = usable_cores()
    value = _number(text)
    if value is None or not 1 <= value <= cores:
        raise argparse.ArgumentTypeError(
            f"must be a number of worker processes from 1 to {cores} (the cores this "
            f"machine lets Sidra use), not {_shown(text)}"
        )
    return value


def jobs_help() -> str:
    """The help text of ``--jobs``, with this machine's range."""
    return f"worker processes, 1 to {usable_cores()} here (default: all of them)"


seed = whole_number(0, SEED_LIMIT - 1, "a seed")
"""``--seed``: numpy SeedSequence words are 64-bit, so 0 to 2**64 - 1."""

games = whole_number(1, MAX_GAMES, "a number of games")
"""``sidra simulate --games``."""

fan_games = whole_number(1, MAX_FAN_GAMES, "a number of continuations")
"""``sidra whatif --games``."""

turn = whole_number(0, MAX_TURN, "a turn number")
"""``sidra whatif --turn`` (0 is the start)."""

port = whole_number(1, 65_535, "a TCP port")
"""``sidra serve --port``."""
