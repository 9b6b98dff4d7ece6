"""``sidra new``: start a scenario of your own.

Without ``--from`` the new file is Sidra's starter (``game/data/starter.toml``): a small,
complete scenario with every table present and comments saying what each one is for and
what to change. With ``--from SCENARIO`` it is a copy of that scenario. Either way it gets
its own id, title and a header saying how to check and play it, and is written beside the
JSON Schema so editors complete it. Nothing is ever overwritten: a file that exists is
refused by name, and the schema is only written where there is none. The text is
validated before it is written, so what lands on disk always passes ``sidra validate``.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from game.cli_text import safe
from game.errors import SidraError

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
"""A scenario name: it becomes the file name and the scenario's id."""

SCHEMA_FILE = "scenario.schema.json"
"""The schema every scenario's first line points editors at."""

STARTER = Path(__file__).resolve().parent / "data" / "starter.toml"
"""The commented starting scenario: the one home of what ``sidra new`` writes by default."""

STARTER_NAME = "Sidra's starter scenario"
"""How the header of a new file names the starter it began from."""


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``new`` to the ``sidra`` parser."""
    p = sub.add_parser(
        "new",
        help="start a new scenario file: a small commented starter, or a copy of another",
        description="Write NAME.toml, a valid scenario to change into your own: a small "
        "starter with every table present and comments saying what to change (or a copy "
        "of --from SCENARIO) with its own id and title, and scenario.schema.json beside it "
        "for editor completion. Never overwrites a file.",
    )
    p.add_argument(
        "name",
        metavar="NAME",
        help="the new scenario's name: lower-case letters, digits, '-' and '_' (the file is "
        "NAME.toml)",
    )
    p.add_argument(
        "--from",
        dest="base",
        metavar="SCENARIO",
        help="copy this scenario instead of the starter (e.g. a shipped one)",
    )
    p.add_argument(
        "--dir", default=".", metavar="DIR", help="the folder to write into (default: here)"
    )


def new_command(args: argparse.Namespace) -> int:
    """Write the new scenario (and the schema if missing); say what to do next."""
    from game.scenario.loader import parse_scenario, read_scenario_text
    from game.scenario.schema import schema_text

    name = str(args.name)
    if not NAME.match(name):
        raise SidraError(
            f"'{name}' is not a scenario name: use lower-case letters, digits, '-' and '_' "
            "(at most 64, starting with a letter or digit)"
        )
    folder = Path(args.dir)
    if not folder.is_dir():
        raise SidraError(f"{folder}: not a folder to write the scenario into")
    base = Path(args.base) if args.base else STARTER
    text = read_scenario_text(base)
    parse_scenario(text, str(base))  # a broken base is reported as such, not copied
    target = folder / f"{name}.toml"
    started = renamed(text, name, base.name if args.base else STARTER_NAME)
    parse_scenario(started, str(target))
    _write_new(target, started)
    schema = folder / SCHEMA_FILE
    wrote_schema = False
    try:
        _write_new(schema, schema_text())
        wrote_schema = True
    except FileExistsError:
        pass
    print(safe(f"wrote {target}" + (f" and {schema}" if wrote_schema else "")))
    print(safe(f"check it:  sidra validate {target}"))
    print(safe(f"play it:   sidra play {target}"))
    print(safe(f"balance:   sidra simulate {target} --games 200"))
    return 0


def renamed(text: str, name: str, base: str) -> str:
    """``text`` with the scenario id ``name``, a title made from it and a new header.

    Only the ``id`` and ``title`` keys of the ``[meta]`` table change; everything else
    (and every comment after the header) is kept as the author's starting point.
    """
    lines = text.splitlines()
    start = 0
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        start += 1
    body = "\n".join(lines[start:]) + "\n"
    meta = re.search(r"(?m)^\[meta\]\s*$", body)
    if meta is None:
        raise SidraError(f"{base}: no [meta] table to rename")
    head, tail = body[: meta.end()], body[meta.end() :]
    title = name.replace("-", " ").replace("_", " ").strip().capitalize()
    tail = re.sub(r'(?m)^id = "[^"\n]*"', f'id = "{name}"', tail, count=1)
    tail = re.sub(r'(?m)^title = "[^"\n]*"', f'title = "{title}"', tail, count=1)
    header = [
        f"#:schema ./{SCHEMA_FILE}",
        f"# {title}: a Sidra scenario, started from {base}.",
        "#",
        "# Change what you need; every element says where it comes from (`source`).",
        f"# Check it with `sidra validate {name}.toml`, play it with `sidra play {name}.toml`",
        f"# and see how it balances with `sidra simulate {name}.toml --games 200`.",
    ]
    return "\n".join(header) + "\n" + head + tail


def _write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; FileExistsError (as a SidraError for the scenario)
    if anything is there already, even a link or a pipe: nothing is ever replaced."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        if path.suffix == ".toml":
            raise SidraError(
                f"{path} already exists: choose another name (nothing was overwritten)"
            ) from None
        raise
    except OSError as exc:
        raise SidraError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
