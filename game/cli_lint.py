"""``sidra lint SCENARIO``: play many bot games and say what to look at in the scenario.

The command line of :mod:`game.lab.lint`: the scenario is checked first (a broken one
gets every problem as ``file:line:col: message``, as ``sidra validate`` prints them, and
exit 1), then the games are played on every core with a progress bar on a terminal,
and the findings and figures are printed (``--json``: one JSON object). Findings are
warnings: the command exits 0 whenever it ran. Ctrl+C stops it and its workers at once
(exit 130, as ``sidra simulate``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from game import cli_args, cli_help
from game.cli_args import EXIT_OK
from game.cli_progress import progress_bar
from game.cli_text import safe
from game.paths import scenario_file

if TYPE_CHECKING:
    from game.scenario.errors import ScenarioError

EXIT_INVALID = 1

DEFAULT_GAMES = 1000
"""Games a lint plays unless told: enough that "never" means under one game in a thousand."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``lint`` to the ``sidra`` parser."""
    p = cli_help.add_command(sub, "lint")
    p.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="a scenario file (.toml), or the name of a shipped one (e.g. tutorial)",
    )
    p.add_argument(
        "--games",
        type=cli_args.games,
        default=DEFAULT_GAMES,
        metavar="N",
        help=f"number of games, 1 to {cli_args.MAX_GAMES:,} (default {DEFAULT_GAMES:,})",
    )
    p.add_argument(
        "--seed", type=cli_args.seed, default=1, metavar="S", help="batch seed (default 1)"
    )
    p.add_argument(
        "--jobs", type=cli_args.jobs, default=None, metavar="J", help=cli_args.jobs_help()
    )
    p.add_argument(
        "--difficulty",
        choices=cli_args.LEVELS,
        default="normal",
        help="level of the rule bot in every seat (default normal, what players meet)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")


def lint_command(args: argparse.Namespace) -> int:
    """``sidra lint SCENARIO [--games N] [--seed S] [--jobs J] [--difficulty D] [--json]``."""
    from game.ai.registry import BotSpec
    from game.engine.world import compile_world
    from game.lab.lint import run_lint
    from game.lab.lint_text import format_lint, lint_json
    from game.lab.simulate import default_jobs
    from game.record.save import scenario_digest
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_checked, parse_scenario, read_scenario_text

    path = scenario_file(args.scenario)
    try:
        # Checked as sidra validate checks it, its fact sheet included, so lint never
        # plays a scenario validate would refuse.
        load_checked(path)
        text = read_scenario_text(path)
        scenario = parse_scenario(text, str(path))
    except ScenarioError as exc:
        return _broken(str(path), exc, as_json=args.json)
    world = compile_world(scenario, scenario_digest(text))
    seats = [BotSpec("rule", args.difficulty)] * len(world.faction_ids)
    jobs = args.jobs if args.jobs is not None else default_jobs()
    with progress_bar("playing games") as report:
        result = run_lint(world, args.games, args.seed, seats, jobs, report)
    if args.json:
        # json.dumps escapes every control character: text from the scenario stays text.
        print(json.dumps(lint_json(result, str(path)), indent=1, ensure_ascii=True))
        return EXIT_OK
    print(f"{safe(scenario.meta.title)} ({safe(path)})")
    print(
        f"{args.games:,} games, seed {args.seed}, jobs {jobs}, "
        f"a {args.difficulty} rule bot in every seat"
    )
    print(safe(format_lint(world, result), lines=True))
    return EXIT_OK


def _broken(name: str, exc: ScenarioError, *, as_json: bool) -> int:
    """Report a scenario that cannot be played as ``sidra validate`` does; exit 1."""
    if as_json:
        diagnostics = [
            {
                "file": p.file,
                "line": p.line,
                "column": p.col,
                "severity": "error",
                "message": p.message,
            }
            for p in exc.problems
        ]
        data = {"file": name, "ok": False, "diagnostics": diagnostics, "more": exc.more}
        print(json.dumps(data, indent=1, ensure_ascii=True))
    else:
        for line in [*(str(p) for p in exc.problems), *exc.summary_lines()]:
            print(safe(line))
    count = exc.total
    print(
        f"{safe(name)}: {count} problem{'s' if count != 1 else ''}; nothing was played "
        "(sidra validate lists the same problems)",
        file=sys.stderr,
    )
    return EXIT_INVALID
