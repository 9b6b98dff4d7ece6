"""``sidra report SAVE``: a handout of a saved game for the classroom, as HTML or Markdown.

The page goes beside the save unless ``-o`` says where. A report never overwrites the
save itself or any file it did not write: an earlier report of the same name is
replaced (it says so), anything else is refused with a message naming the file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from game import cli_help
from game.cli_args import EXIT_OK
from game.cli_text import safe
from game.errors import SidraError

SUFFIXES = {"html": ".html", "md": ".md"}


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``report`` to the ``sidra`` parser."""
    p = cli_help.add_command(sub, "report")
    p.add_argument("save", metavar="SAVE", help="a Sidra save file (.json)")
    p.add_argument(
        "--format",
        choices=tuple(SUFFIXES),
        default=None,
        help="html (default) or md; with -o FILE.md, md",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="where to write the handout (default: beside the save, named after it)",
    )


def report_command(args: argparse.Namespace) -> int:
    """``sidra report SAVE [--format md|html] [-o FILE]``."""
    from game.cli_saves import load_checked
    from game.record.handout.write import companions, write_handout

    if args.output is not None and not args.output.strip():
        raise SidraError("-o: the name is empty; give a file name")
    if args.output is not None and "\x00" in args.output:
        raise SidraError(f"-o {safe(args.output)}: a file name cannot hold a NUL character")
    save = Path(args.save)
    match = load_checked(save)  # first: a path that names no save file is said at once
    fmt = args.format or _format_of(args.output)
    target = Path(args.output) if args.output else save.with_suffix(SUFFIXES[fmt])
    existing = _check_targets(save, companions(target, fmt), chosen=args.output is not None)
    try:
        written = write_handout(match, target, fmt)
    except OSError as exc:
        raise SidraError(f"{target}: cannot write the report: {exc.strerror or exc}") from None
    for path in written:
        what = "chart" if path != target else "report"
        again = " (replacing the earlier one)" if path in existing else ""
        print(f"{what} written to {safe(path)}{again}")
    return EXIT_OK


def _format_of(output: str | None) -> str:
    """The format a ``-o`` name asks for (``.md`` or ``.markdown``: md), else html."""
    if output is not None and Path(output).suffix.lower() in (".md", ".markdown"):
        return "md"
    return "html"


def _check_targets(save: Path, outputs: list[Path], *, chosen: bool) -> set[Path]:
    """Refuse to write over the save or a file that is not a report; the reports replaced."""
    from game.record.handout.write import is_report

    replaced = set()
    for path in outputs:
        if _same_file(path, save):
            hint = "choose another name with -o" if chosen else "name the report with -o"
            raise SidraError(f"{path}: that is the save itself; {hint}")
        if path.is_dir():
            raise SidraError(f"{path}: is a folder; give a file name with -o")
        if path.exists():
            if not is_report(path):
                raise SidraError(
                    f"{path}: already exists and is not a Sidra report; choose another "
                    "name with -o, or move that file away"
                )
            replaced.add(path)
        elif not path.parent.is_dir():
            raise SidraError(f"{path}: the folder {path.parent} does not exist")
    return replaced


def _same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name the same file (also through links and ``..``)."""
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()
