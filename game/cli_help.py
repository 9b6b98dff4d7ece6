"""The help pages of the ``sidra`` command: what each subcommand is for, and examples.

Every subcommand is added through :func:`add_command`, which takes its one-line ``help``
(shown in ``sidra --help``'s list), its description and one to three examples (shown by
``sidra COMMAND --help``, the examples under "examples:") from :data:`PAGES`, so every
page reads the same way and a test can check that none is missing. The help of each
argument stays beside the argument, in the module that adds it.

Help is drawn by rich-argparse (rich comes with Textual): coloured on a terminal, plain
text when the output is piped or redirected or when ``NO_COLOR`` is set, as rich decides
for the stream the help is written to (stdout for ``--help``, stderr for a usage error).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, NoReturn, cast

from rich_argparse import RawDescriptionRichHelpFormatter

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

WIDTH = 78
"""Descriptions are wrapped here to this width: the formatter keeps their lines as they
are (so that examples keep theirs) and an 80-column terminal shows them whole."""


class HelpFormatter(RawDescriptionRichHelpFormatter):
    """rich-argparse's formatter, taking every text as plain text, not rich markup (a
    help text in square brackets, ``[main]``, must show as written)."""

    help_markup = False
    text_markup = False
    group_name_formatter = str.lower  # "options:", as argparse and "examples:" write it


class Parser(argparse.ArgumentParser):
    """The ``sidra`` parser and each subcommand's: coloured help, and usage errors that
    quote what was typed with control characters escaped (an unknown option is echoed
    as typed, escape codes and all)."""

    _stream: SupportsWrite[str] | None = None
    """Where the help or usage being printed goes (None: not printing)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        from game.cli_text import safe

        super().error(safe(message, lines=True))

    def print_usage(self, file: SupportsWrite[str] | None = None) -> None:
        self._stream = file if file is not None else sys.stdout
        try:
            super().print_usage(file)
        finally:
            self._stream = None

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        self._stream = file if file is not None else sys.stdout
        try:
            super().print_help(file)
        finally:
            self._stream = None

    def _get_formatter(self) -> argparse.HelpFormatter:
        """A formatter whose colours suit the stream the text goes to: while printing,
        rich decides from that stream (a terminal or not) and ``NO_COLOR``, not from
        stdout (a usage error goes to stderr). Otherwise (argparse formats a subcommand's
        name while the parser is built; ``format_help()`` called directly) argparse's own
        plain one: building the parser never touches stdout (which may be closed
        or a full disk) and costs no rich console per argument."""
        if self.formatter_class is not HelpFormatter:
            return super()._get_formatter()
        if self._stream is None:
            return argparse.RawDescriptionHelpFormatter(prog=self.prog)
        from rich.console import Console

        # rich writes to the stream and asks it isatty() (a stream without is no terminal).
        return HelpFormatter(prog=self.prog, console=Console(file=cast(IO[str], self._stream)))


@dataclass(frozen=True)
class Page:
    """One subcommand's help: a line for the list, a description, examples."""

    help: str
    description: str
    examples: tuple[tuple[str, str], ...]
    """(what it does, the command line) pairs."""


def wrapped(text: str) -> str:
    """``text`` wrapped to :data:`WIDTH`, its blank-line-separated paragraphs kept."""
    return "\n\n".join(textwrap.fill(" ".join(p.split()), WIDTH) for p in text.split("\n\n"))


def examples(pairs: tuple[tuple[str, str], ...]) -> str:
    """The "examples:" section: each example's purpose as a comment, then the command."""
    lines = ["examples:"]
    for what, command in pairs:
        lines += [f"  # {what}", f"  {command}", ""]
    return "\n".join(lines[:-1])


def add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str
) -> argparse.ArgumentParser:
    """Add the subcommand ``name`` with its page from :data:`PAGES`."""
    page = PAGES[name]
    return sub.add_parser(
        name, help=page.help, description=wrapped(page.description), epilog=examples(page.examples)
    )


MAIN = Page(
    help="",
    description="Sidra: a turn-based strategy game for the terminal; its default scenario is "
    "The Oil Crescent, December 2014. Without a command, the title screen opens.\n\n"
    "Each command has its own help: sidra COMMAND --help.",
    examples=(
        ("open the title screen", "sidra"),
        ("play Libya Dawn against the bots, with a fixed seed", "sidra play --as dawn --seed 7"),
        ("complete sidra's commands in bash from now on", "sidra completion bash >> ~/.bashrc"),
    ),
)
"""The page of ``sidra --help`` itself."""

DEFAULT = "the default scenario, The Oil Crescent, December 2014"

PAGES: dict[str, Page] = {
    "play": Page(
        help="play a game in the terminal, skipping the title screen",
        description=f"Start a game of SCENARIO ({DEFAULT}, if none is given) at once: you play "
        "the factions named with --as, bots play the others. The game is autosaved as you "
        "play; Continue on the title screen picks it up.",
        examples=(
            ("play the first faction of the default scenario", "sidra play"),
            (
                "two people at one keyboard against expert bots (they search ahead)",
                "sidra play --as tobruk --as dawn --difficulty expert",
            ),
            ("play your own scenario with a fixed seed", "sidra play my_war.toml --seed 42"),
        ),
    ),
    "validate": Page(
        help="check scenario files; print every problem as file:line:col",
        description="Check each scenario file as Sidra reads it (TOML, every field, every "
        "reference between tables, its fact sheet and teacher's pack) and print every "
        "error and warning as 'file:line:col: message', then a summary line per file. "
        "Exit 0 if no file has an error (warnings alone are shown), 1 otherwise.",
        examples=(
            ("check the scenario you are writing", "sidra validate my_war.toml"),
            ("check shipped scenarios, by name", "sidra validate oil_crescent_2014 tutorial"),
            (
                "diagnostics for an editor or CI, as JSON",
                "sidra validate --format json my_war.toml",
            ),
        ),
    ),
    "schema": Page(
        help="print the scenario JSON Schema (for editor completion) or the reference",
        description="Print the JSON Schema of scenario files, which editors use to complete "
        "and check TOML as you type, or the format reference (every table and key, with "
        "its meaning and limits) as Markdown.",
        examples=(
            ("give your editor the schema", "sidra schema > scenario.schema.json"),
            ("read the format reference", "sidra schema --format markdown | less"),
        ),
    ),
    "new": Page(
        help="start a new scenario file: a small commented starter, or a copy of another",
        description="Write NAME.toml, a valid scenario to change into your own: a small "
        "starter with every table present and comments saying what to change (or a copy "
        "of --from SCENARIO) with its own id and title, and scenario.schema.json beside it "
        "for editor completion. Never overwrites a file.",
        examples=(
            ("start from the commented starter", "sidra new my_war"),
            (
                "start from a copy of a shipped scenario, in another folder",
                "sidra new my_crescent --from oil_crescent_2014 --dir ~/scenarios",
            ),
        ),
    ),
    "simulate": Page(
        help="bots play whole games headless; print outcome figures",
        description=f"Bots play a batch of whole games of SCENARIO ({DEFAULT}, if none is "
        "given) on every core, without a screen, and the figures are printed: who wins how "
        "often, catastrophes and draws, game length. Each game's seed comes from the batch "
        "seed, so the same command gives the same figures with any --jobs. A progress bar "
        "is drawn on stderr when it is a terminal.",
        examples=(
            ("500 games of the default scenario", "sidra simulate --games 500"),
            (
                "a quick searching Dawn (16 rollouts a decision) against normal bots, as JSON",
                "sidra simulate --games 20 --seat dawn=hard@16 --json",
            ),
            (
                "keep the first game to replay it",
                "sidra simulate my_war.toml --games 50 --save first.json",
            ),
        ),
    ),
    "lint": Page(
        help="bots play a scenario many times; report its balance and what never happens",
        description="Balance feedback for a scenario's author: rule bots play N whole games "
        "and the report lists findings (a side winning more than 60% or less than 10% of "
        "the games, orders never or rarely given, events that never or rarely fire, victory "
        "terms that never or rarely score), each with what to consider changing, then the "
        "figures: win shares, catastrophes and draws, game length, and how often each order, "
        "event and term played. Findings are warnings (exit 0); a broken scenario lists its "
        "problems (exit 1). The same seed gives the same report with any --jobs.",
        examples=(
            ("the findings for your scenario", "sidra lint my_war.toml"),
            (
                "a quicker look with hard bots",
                "sidra lint my_war.toml --games 200 --difficulty hard",
            ),
        ),
    ),
    "arena": Page(
        help="measure the bot levels: win rates with intervals, each step tested",
        description=f"The measured ladder of SCENARIO ({DEFAULT}, if none is given): "
        "for every seat (or those named with --seats) and every level (random, easy, "
        "normal, hard and any stronger "
        "ones the game has, or those named with --levels), that level plays the seat in "
        "N games against normal bots in the other seats. Every level plays the same "
        "seeds, so neighbouring levels are compared game by game. Printed: each cell's win "
        "rate with its 95% interval (Wilson), and for each step up the ladder the "
        "difference in win rate with its 95% interval (Newcombe, for paired games) and "
        "McNemar's exact p; steps with p < 0.01 are marked. A seat wins when its faction "
        "is the game's winner. The same seed gives the same figures with any --jobs. "
        "Ctrl+C stops it (exit 130).",
        examples=(
            ("the whole ladder on the default scenario", "sidra arena"),
            (
                "two levels on the tutorial, quickly",
                "sidra arena tutorial --games 50 --levels random,easy",
            ),
            (
                "one seat, two levels, more games, as JSON",
                "sidra arena --seats foreign --levels hard,expert --games 1200 --json",
            ),
        ),
    ),
    "verify": Page(
        help="re-simulate a saved game and check every turn, bit for bit",
        description="Re-simulate every line of a saved game from its seed and orders and "
        "check each turn's state hash and dice. Exit 0 if exact; 1 naming the first "
        "turn that differs and the fields that differ.",
        examples=(("check that a saved game replays exactly", "sidra verify game.json"),),
    ),
    "replay": Page(
        help="step through a saved game turn by turn (notes, variations, what-ifs)",
        description="Open a saved game in the replay viewer: a timeline of its turns, the "
        "map, panels and log as of any turn, every order with its reason, notes written "
        "into the save, new lines played from any turn, lines compared side by side, the "
        "what-if fan and the handout. Exit 1 with a clear message if the save is broken.",
        examples=(("step through a saved game", "sidra replay game.json"),),
    ),
    "report": Page(
        help="write a classroom handout of a saved game (HTML or Markdown)",
        description="Write a handout of a saved game: the scenario and its sources, the "
        "turns with every order and the players' notes, charts of the tracks, the outcome, "
        "the game against history, the variations tried and questions for discussion. "
        "HTML is one self-contained page that prints on A4; Markdown writes its charts to "
        "an SVG file beside it.",
        examples=(
            ("game.html beside the save", "sidra report game.json"),
            ("Markdown for a wiki, named as you like", "sidra report game.json -o lesson.md"),
        ),
    ),
    "whatif": Page(
        help="from a turn of a saved game, bots play it out N times; show the spread",
        description="The what-if fan: from position T of a line of a saved game (0 is the "
        "start, T the state after turn T), bots play the rest of the game N times, each "
        "with its own dice, and the spread of endings is shown: who wins how often, every "
        "track's final value and the game's length. The line's bots keep playing; people's "
        "seats are played by the normal rule bot. Results never depend on --jobs. "
        "Ctrl+C stops early, shows the continuations finished and exits with 130.",
        examples=(
            ("how might the game have gone on after turn 5?", "sidra whatif game.json --turn 5"),
            (
                "the same from a variation, as JSON",
                "sidra whatif game.json --turn 3 --line ceasefire --games 200 --json",
            ),
        ),
    ),
    "bench": Page(
        help="measure how fast Sidra runs on this machine",
        description="Measure, on this machine, how fast Sidra is where a player or a class "
        "would notice: resolving one turn and playing one whole bot game (medians, in "
        "milliseconds), bot games a second on every core, opening a 100-turn save and "
        "jumping to its end, verifying it, a 1,000-game what-if fan, and the terminal UI's "
        "start-up time and response to a key press. Each figure is printed beside the bar "
        "it should meet.",
        examples=(
            ("every figure, as a table", "sidra bench"),
            (
                "a quick, noisier run of the engine's figures as JSON",
                "sidra bench --quick --no-tui --json",
            ),
        ),
    ),
    "completion": Page(
        help="print a shell completion script for bash, zsh or fish",
        description="Print the script that makes your shell complete sidra's commands, "
        "options, choices, file names, the shipped scenarios' names and the factions of the "
        "scenario on the line when you press Tab. Each Tab asks sidra itself "
        "what fits (argcomplete), so the completions always match the installed version.",
        examples=(
            ("bash, from the next shell on", "sidra completion bash >> ~/.bashrc"),
            ("zsh (after compinit in ~/.zshrc)", "sidra completion zsh > ~/.zfunc/_sidra"),
            ("fish", "sidra completion fish > ~/.config/fish/completions/sidra.fish"),
        ),
    ),
}
"""The page of every subcommand, by name."""
