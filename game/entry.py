"""The ``sidra`` console script and ``python -m game``: the command line, started so that
Ctrl+C is a message at any moment.

The command line imports a good deal before :func:`game.cli.main` can catch anything
(argparse, rich's help, the subcommands' modules). A Ctrl+C in that half second would
otherwise be a KeyboardInterrupt traceback; here it is the same one-line message and
exit status as a Ctrl+C later on.
"""

from __future__ import annotations

import sys

INTERRUPTED = 130
"""``game.cli_args.EXIT_INTERRUPTED``, written out: the interrupt may come while that
module is being imported (tests/test_cli.py checks the two agree)."""


def run() -> int:
    """Run the ``sidra`` command with the process's arguments; its exit status."""
    try:
        from game.cli import main

        return main()
    except KeyboardInterrupt:
        sys.stderr.write("sidra: interrupted\n")
        return INTERRUPTED
