"""``sidra new``: start a scenario of your own.

Without ``--from`` the new file is Sidra's starter (``game/data/starter.toml``): a small,
complete scenario with every table present and comments saying what each one is for and
what to change. With ``--from SCENARIO`` it is a copy of that scenario (a file, or a shipped
scenario's name), with the fact sheet and teacher's pack it names. Either way it gets
its own id, title and a header saying how to check and play it, and is written beside the
JSON Schema so editors complete it. Nothing is ever overwritten: a file that exists is
refused by name, and the schema is only written where there is none. The text is
validated before it is written, so what lands on disk always passes ``sidra validate``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import tomli

from game import cli_help
from game.cli_text import safe
from game.errors import SidraError
from game.paths import scenario_file
from game.resources import starter_path
from game.scenario.locate import locate_keys

if TYPE_CHECKING:
    from game.scenario.models import Scenario

NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""A scenario name: it becomes the file name and the scenario's id."""

SCHEMA_FILE = "scenario.schema.json"
"""The schema every scenario's first line points editors at."""

STARTER = starter_path()
"""The commented starting scenario: the one home of what ``sidra new`` writes by default."""

STARTER_NAME = "Sidra's starter scenario"
"""How the header of a new file names the starter it began from."""


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``new`` to the ``sidra`` parser."""
    p = cli_help.add_command(sub, "new")
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
        help="copy this scenario (a file, or the name of a shipped one such as "
        "oil_crescent_2014) instead of the starter",
    )
    p.add_argument(
        "--dir", default=".", metavar="DIR", help="the folder to write into (default: here)"
    )


def new_command(args: argparse.Namespace) -> int:
    """Write the new scenario (and the schema if missing); say what to do next."""
    from game.scenario.loader import parse_scenario, read_scenario_text
    from game.scenario.schema import schema_text

    name = str(args.name)
    if not NAME.fullmatch(name):
        raise SidraError(
            f"'{name}' is not a scenario name: use lower-case letters, digits, '-' and '_' "
            "(at most 64, starting with a letter or digit)"
        )
    folder = Path(args.dir)
    if not _is_folder(folder):
        raise SidraError(f"{folder}: not a folder to write the scenario into")
    base = scenario_file(args.base) if args.base else STARTER
    text = read_scenario_text(base)
    scenario = parse_scenario(text, str(base))  # a broken base is reported, not copied
    target = folder / f"{name}.toml"
    started = renamed(text, name, base.name if args.base else STARTER_NAME, str(base))
    parse_scenario(started, str(target))
    _write_new(target, started)
    schema = folder / SCHEMA_FILE
    wrote_schema = False
    try:
        _write_new(schema, schema_text())
        wrote_schema = True
    except FileExistsError:
        pass
    except SidraError as exc:
        # All or nothing: a run that fails leaves no scenario to be refused next time.
        with contextlib.suppress(OSError):
            target.unlink()
        raise SidraError(f"{exc}; {target} was not kept either") from None
    print(safe(f"wrote {target}" + (f" and {schema}" if wrote_schema else "")))
    if args.base:
        for line in copy_side_files(scenario, base, folder, target):
            print(safe(line))
    print(safe(f"check it:  sidra validate {target}"))
    print(safe(f"play it:   sidra play {target}"))
    print(safe(f"balance:   sidra simulate {target} --games 200"))
    return 0


def copy_side_files(scenario: Scenario, base: Path, folder: Path, made: Path) -> list[str]:
    """Copy the files ``base`` names in ``[story]`` (its fact sheet and teacher's pack)
    into ``folder`` at the same names, so the copy ``made`` there keeps them; what was
    done, a line each.

    Each is read through the one reader of side files (inside the base's folder, capped,
    no link leading out) and its bytes are written only where nothing is yet, inside
    ``folder`` (not through a link out of it), and never as the new scenario or the
    schema. A file already there is kept and said so. A file that cannot be copied is
    said too; the new scenario stays, since it is whole without it (``sidra validate``
    warns that it is missing).
    """
    from game.scenario.errors import ScenarioError
    from game.scenario.pack import MAX_PACK_BYTES
    from game.scenario.side_files import read_side_file
    from game.scenario.story_files import MAX_FACT_SHEET_BYTES

    said: list[str] = []
    story = scenario.story
    wanted = [
        ("fact sheet", "facts", story.facts, MAX_FACT_SHEET_BYTES),
        ("teacher's pack", "pack", story.pack, MAX_PACK_BYTES),
    ]
    home = folder.resolve()
    for kind, key, name, limit in wanted:
        if not name:
            continue
        target = folder / name

        def cannot(reason: str, kind: str = kind, name: str = name) -> None:
            said.append(f"did not copy the {kind} ({reason}); the copy names {name}")

        if name in (made.name, SCHEMA_FILE):
            cannot(f"{target} is the new scenario's own file or its schema")
            continue
        if target.exists():
            said.append(f"kept {target}, already there, as the copy's {kind}")
            continue
        if target.is_symlink():
            cannot(f"{target} is a link that leads nowhere")
            continue
        try:
            raw, _ = read_side_file(kind, key, name, base, limit)
        except ScenarioError as exc:
            cannot(exc.problems[0].message if exc.problems else str(exc))
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            cannot(f"{target.parent} cannot be made a folder: {_reason(exc)}")
            continue
        if not target.parent.resolve().is_relative_to(home):
            cannot(f"{target.parent} leads out of {folder} through a symbolic link")
            continue
        try:
            _write_new(target, raw)
        except (SidraError, OSError) as exc:
            cannot(str(exc) if isinstance(exc, SidraError) else _reason(exc))
            continue
        said.append(f"copied its {kind} to {target}")
    return said


def renamed(text: str, name: str, base: str, path: str | None = None) -> str:
    """``text`` with the scenario id ``name``, a title made from it and a new header.

    Only the values of ``[meta]``'s ``id`` and ``title`` change, found where the TOML puts
    them (a ``[meta]`` table, dotted keys or an inline table; any quoting) rather than by
    the first line that looks like one; everything else (and every comment after the
    header) is kept as the author's starting point. SidraError naming the file (``path``,
    by default ``base``) if a key is not written as a one-line string there, so nothing
    else is ever renamed instead.
    """
    # Split at line feeds only, as TOML does: a form feed or U+2028 inside a string stays.
    lines = text.split("\n")
    start = 0
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        start += 1
    body = "\n".join(lines[start:]).rstrip("\n") + "\n"
    title = name.replace("-", " ").replace("_", " ").strip().capitalize()
    positions = locate_keys(body)
    own = (("id", name), ("title", title))
    changes = [(key, value, positions.get(("meta", key))) for key, value in own]
    # From the end of the text, so an earlier change cannot move a later position.
    shown = base if path is None else path
    for key, value, where in sorted(changes, key=lambda c: c[2] or (0, 0), reverse=True):
        if where is None:
            raise SidraError(f"{shown}: no [meta] {key} to give the copy its own")
        body = _set_value(body, where, key, value, f"{shown}:{where[0] + start}:{where[1]}")
    _check_renamed(text, body, name, title, shown)
    header = [
        f"#:schema ./{SCHEMA_FILE}",
        f"# {title}: a Sidra scenario, started from {base}.",
        "#",
        "# Change what you need; every element says where it comes from (`source`).",
        f"# Check it with `sidra validate {name}.toml`, play it with `sidra play {name}.toml`",
        f"# and see how it balances with `sidra simulate {name}.toml --games 200`.",
    ]
    newline = "\r\n" if "\r\n" in body else "\n"  # the header ends lines as the file does
    return newline.join(header) + newline + body


_VALUE = re.compile(
    r"""\s*=\s*(?:"(?:[^"\\\n]|\\.)*"(?!")|'[^'\n]*'(?!'))""",
)
"""The ``= "value"`` after a key: a one-line basic or literal string."""


def _set_value(body: str, where: tuple[int, int], key: str, value: str, shown: str) -> str:
    """``body`` with the string value of the key written at ``where`` (line, column of
    the key) replaced by ``value`` (a name or title: no quote or backslash in it);
    ``shown`` is the file and place a refusal names."""
    line, col = where
    offset = sum(len(part) + 1 for part in body.split("\n")[: line - 1]) + col - 1
    key_text = re.compile(r"""[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")
    written = key_text.match(body, offset)
    found = _VALUE.match(body, written.end()) if written is not None else None
    if found is None:
        raise SidraError(
            f"{shown}: [meta] {key} is not a one-line string, so the copy cannot "
            f'be given its own; write it as {key} = "..." and try again'
        )
    start = found.group(0).index("=") + found.start()
    return body[:start] + f'= "{value}"' + body[found.end() :]


def _check_renamed(before: str, after: str, name: str, title: str, base: str) -> None:
    """The renamed text is the original with only ``[meta]`` id and title changed."""
    try:
        old, new = tomli.loads(before), tomli.loads(after)
    except tomli.TOMLDecodeError as exc:
        raise SidraError(
            f"{base}: the copy would not be TOML ({exc}); nothing was written"
        ) from None
    meta = old.get("meta")
    if isinstance(meta, dict):
        old["meta"] = {**meta, "id": name, "title": title}
    if old != new:
        raise SidraError(
            f"{base}: [meta] id and title could not be changed alone; nothing was written"
        )


def _write_new(path: Path, text: str | bytes) -> None:
    """Create ``path`` with ``text`` (bytes are written as they are); FileExistsError (as
    a SidraError for the scenario) if anything is there already, even a link or a pipe:
    nothing is ever replaced.

    A file that cannot be written whole (a full disk, a quota) is removed again, so a
    failed run leaves nothing half-written behind to be refused as existing next time.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        if path.suffix == ".toml":
            raise SidraError(
                f"{path} already exists: choose another name (nothing was overwritten)"
            ) from None
        raise
    except (OSError, ValueError) as exc:
        raise SidraError(f"{path}: cannot be written ({_reason(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text if isinstance(text, bytes) else text.encode("utf-8"))
    except OSError as exc:
        # O_EXCL made this file: it is ours to take away again.
        with contextlib.suppress(OSError):
            path.unlink()
        raise SidraError(f"{path}: cannot be written ({_reason(exc)})") from None


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; False for a name the system refuses (too long ...)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _reason(exc: Exception) -> str:
    """Why a file could not be written, in the system's words."""
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
