"""The command-line verbs that work on a saved game: verify and replay.

Kept apart from ``cli.py`` (which builds the parser and dispatches) so each file has one job.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game import cli_help
from game.cli_args import EXIT_OK
from game.cli_text import safe
from game.errors import SidraError

if TYPE_CHECKING:
    from game.record.match import Match

EXIT_FAILED = 1


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the save verbs to the ``sidra`` parser."""
    p = cli_help.add_command(sub, "verify")
    p.add_argument("save", metavar="SAVE", help="a Sidra save file (.json)")

    p = cli_help.add_command(sub, "replay")
    p.add_argument("save", metavar="SAVE", help="a Sidra save file (.json)")


def replay_command(args: argparse.Namespace) -> int:
    """``sidra replay SAVE``: the replay viewer on a checked save (in a terminal)."""
    from game.tui.terminal import require_terminal

    path = Path(args.save)
    match = load_checked(path)
    require_terminal()  # after the save: a broken save is reported first
    from game.tui.app import SidraApp
    from game.tui.screens.dialogs import Loaded
    from game.tui.terminal import run_tui

    return run_tui(SidraApp(replay=Loaded(match, path, replay=True)))


def verify_command(args: argparse.Namespace) -> int:
    """``sidra verify SAVE``."""
    from game.record.verify import verify_match
    from game.record.words import plural

    path = Path(args.save)
    match = load_checked(path)
    try:
        found = verify_match(match)
    except ValueError as exc:
        raise SidraError(f"{path}: {exc}") from None
    if found is not None:
        print(f"{safe(path)}: not exact", file=sys.stderr)
        print(safe(found.describe(), lines=True), file=sys.stderr)
        return EXIT_FAILED
    lines = match.history.lines
    turns = sum(len(line.turns) for line in lines.values())
    done = f"{plural(turns, 'turn')} on {plural(len(lines), 'line')}"
    print(f"{safe(path)}: exact ({done} re-simulated)")
    return EXIT_OK


def load_checked(path: Path) -> Match:
    """Load a save; a SaveError names the file, what is wrong, and a good earlier autosave."""
    from game.record.files import older_versions
    from game.record.save import SaveError, load_save

    try:
        return load_save(path)
    except SaveError as exc:
        message = str(exc)
    for older in older_versions(path):
        try:
            load_save(older)
        except SaveError:
            continue
        message += f"\nThe last good autosave of this game is {older}"
        break
    raise SidraError(message)
