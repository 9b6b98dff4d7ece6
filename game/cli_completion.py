"""``sidra completion bash|zsh|fish``: Tab completion of sidra's command line.

Completion is argcomplete's, a maintained library that covers all three shells (shtab,
which writes static scripts, has no fish). The script the command prints is small and
the same for any version of Sidra: on each Tab the shell runs ``sidra`` with
argcomplete's environment variables set, :func:`autocomplete` (called by
:func:`game.cli.main` before parsing) answers from the real parser and exits. So the
completions always match the installed command: its subcommands, options, choices, and
file names where an argument is a file (``.toml`` for a scenario, ``.json`` for a save).

Building the parser and answering takes a few tens of milliseconds: the parser modules
import nothing heavy (the engine, numpy and the UI are imported inside the commands).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game import cli_help
from game.cli_args import EXIT_OK

SHELLS = ("bash", "zsh", "fish")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``completion`` to the ``sidra`` parser."""
    p = cli_help.add_command(sub, "completion")
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def completion_command(args: argparse.Namespace) -> int:
    """Print the completion script for ``args.shell``."""
    from argcomplete.shell_integration import shellcode

    # use_defaults=False: no fall-back to file names where sidra offers nothing (after
    # --games, say); arguments that are files complete them themselves.
    # argcomplete 3.3 (the floor: see pyproject.toml) leaves these functions unannotated.
    script = shellcode(["sidra"], shell=args.shell, use_defaults=False)  # type: ignore[no-untyped-call,unused-ignore]
    print(script, end="")
    return EXIT_OK


def autocomplete(parser: argparse.ArgumentParser) -> None:
    """Answer a shell's completion request and exit, if this run is one; else nothing.

    argcomplete is imported only then, so an ordinary run does not pay for it.
    """
    if "_ARGCOMPLETE" not in os.environ:
        return
    import argcomplete

    for action in _actions(parser):
        completer = _completer(action)
        if completer is not None:
            setattr(action, "completer", completer)  # noqa: B010 - argcomplete's attribute
    argcomplete.autocomplete(parser)


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """Every action of ``parser`` and of its subcommands' parsers."""
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _actions(child)


SCENARIO_ARGUMENTS = {("SCENARIO", "scenario"), ("SCENARIO", "base"), ("FILE", "files")}
"""(metavar, dest) of each argument that takes a scenario: a .toml file or a shipped name."""

FACTION_ARGUMENTS = {("FACTION", "humans"), ("FACTION=BOT", "seat"), ("F,G,...", "seats")}
"""(metavar, dest) of each argument whose value starts with (or is a list of) faction ids."""

FILE_KINDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("FILE", "save"): ("json",),
    ("SAVE", "save"): ("json",),
    ("FILE", "output"): (),
}
"""(metavar, dest) of each argument that is a file -> the suffixes offered (none: any)."""


def _completer(action: argparse.Action) -> Any:
    """What completes the value of ``action``: None keeps argcomplete's (its choices)."""
    from argcomplete.completers import DirectoriesCompleter, FilesCompleter

    if action.choices is not None or action.nargs == 0:
        return None
    key = (str(action.metavar), action.dest)
    if key in SCENARIO_ARGUMENTS:
        return _scenarios
    if key in FACTION_ARGUMENTS:
        return _factions
    if key in FILE_KINDS:
        return FilesCompleter(FILE_KINDS[key], directories=True)  # type: ignore[no-untyped-call,unused-ignore]
    if action.metavar == "DIR":
        return DirectoriesCompleter()  # type: ignore[no-untyped-call,unused-ignore]
    return _nothing  # a number, a name, a faction: nothing to guess from the disk


def _scenarios(prefix: str, **kwargs: Any) -> list[str]:
    """A scenario argument's completions: .toml files and folders here, then the names of
    the shipped scenarios (which every command taking a scenario accepts)."""
    from argcomplete.completers import FilesCompleter

    from game.paths import shipped_scenario_names

    files = list(FilesCompleter(("toml",), directories=True)(prefix, **kwargs))  # type: ignore[no-untyped-call,unused-ignore]
    names = [n for n in shipped_scenario_names() if n.startswith(prefix)]
    return files + [n for n in names if n not in files and f"{n}.toml" not in files]


MAX_FACTION_LIST = 200
"""A ``--seats`` word longer than this is not completed (the option refuses it anyway)."""


def _factions(prefix: str, parsed_args: argparse.Namespace, **kwargs: Any) -> list[str]:
    """The faction ids of the scenario on the line so far (the default one if none), for
    ``--as F``, ``--seat F=BOT`` (the faction, then its bot after the ``=``) and
    ``--seats F,G`` (the word after the last comma); none if it cannot be read."""
    from game.ai.registry import HUMAN, SEAT_WORDS
    from game.paths import scenario_file

    try:
        ids = faction_ids(scenario_file(getattr(parsed_args, "scenario", None)))
    except Exception:  # a Tab must never print a traceback into the shell
        return []
    dest = getattr(kwargs.get("action"), "dest", None)
    if dest == "seat":
        faction, equals, word = prefix.partition("=")
        if not equals:
            return [f"{f}=" for f in ids if f.startswith(prefix)]
        bots = [w for w in SEAT_WORDS if w != HUMAN]
        return [f"{faction}={w}" for w in bots if w.startswith(word)] if faction in ids else []
    if dest != "seats":
        return [f for f in ids if f.startswith(prefix)]
    if len(prefix) > MAX_FACTION_LIST:
        return []
    head, comma, last = prefix.rpartition(",")
    taken = head.split(",")
    return [head + comma + f for f in ids if f.startswith(last) and f not in taken]


MAX_EXTENDS = 8
"""Most ``extends`` steps followed to find a variant's factions."""


def faction_ids(path: Path) -> list[str]:
    """The faction ids a scenario file declares, its bases' first (``extends``), read as
    plain TOML: a Tab must answer at once, so nothing is validated (a broken file simply
    completes nothing). Each file goes through the scenario reader's size and kind checks."""
    import tomli

    from game.scenario.loader import read_scenario_bytes

    ids: list[str] = []
    seen: list[Path] = []
    chain: list[list[str]] = []
    while len(seen) < MAX_EXTENDS and path not in seen:
        seen.append(path)
        data = tomli.loads(read_scenario_bytes(path).decode("utf-8-sig"))
        tables = data.get("faction", [])
        found = [t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)]
        chain.append(found)
        base = data.get("extends")
        if not isinstance(base, str) or Path(base).name != base or base in (".", ".."):
            break  # a base is a file beside its variant, as the loader requires
        path = path.parent / base
    for found in reversed(chain):
        ids += [f for f in found if f not in ids]
    return ids


def _nothing(**kwargs: Any) -> list[str]:
    """The completer of a value that cannot be guessed (a seed, a number of games)."""
    return []
