"""The scenarios the title screen offers: shipped, the player's own, and typed paths.

Each file is read and checked whole; a broken one becomes a :class:`ScenarioChoice`
with its first problem instead of an error, so the list always shows. The scan runs
off the UI thread and first imports the modules a game needs, so the title's first
frame is never held up by them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import SidraError
from game.paths import shipped_scenarios_dir
from game.scenario.errors import ScenarioError
from game.tui.paths import user_scenarios_dir

if TYPE_CHECKING:
    from game.scenario.models import Scenario

# The engine, pydantic models and bots are imported on first use (the scenario scan
# imports them off the UI thread), so the title's first frame is not held up by them.
WARM_UP = (
    "game.scenario.loader",
    "game.tui.session",
    "game.ai.registry",
    "game.tui.describe",
    "game.record.save",
)


@dataclass(frozen=True, slots=True)
class ScenarioChoice:
    """A scenario file as the title screen lists it: loaded, or with its first problem."""

    path: Path
    text: str
    scenario: Scenario | None
    error: str = ""

    @property
    def ok(self) -> bool:
        """Whether the scenario loaded and can be played."""
        return self.scenario is not None

    def label(self) -> str:
        """Its line in the scenario list."""
        if self.scenario is not None:
            return f"{self.scenario.meta.title}  ({self.path.name})"
        return f"✗ {self.path.name}: {self.error}"


def read_scenario(path: Path) -> ScenarioChoice:
    """Read and check one scenario file; never raises for a broken or missing file.

    A variant comes with its text merged with its bases: what a game on it is played on.
    Only a regular file of a scenario's size is read: a folder, a named pipe, a device
    (``/dev/zero``) or a link that loops is listed with the reason instead.
    """
    from game.scenario.loader import open_scenario

    try:
        opened = open_scenario(path)  # a variant is read with its bases and merged
    except ScenarioError as exc:
        if not exc.problems:
            return ScenarioChoice(path, "", None, str(exc))
        first = exc.problems[0]
        if first.message.startswith("cannot read file"):
            return ScenarioChoice(path, "", None, first.message)
        more = exc.total - 1  # problems past the listed ones count too
        extra = f" (+{more} more)" if more else ""
        # A problem in a variant's base names that file.
        where = "" if first.file == str(path) else f"{Path(first.file).name} "
        return ScenarioChoice(path, "", None, f"{where}line {first.line}: {first.message}{extra}")
    except SidraError as exc:
        return ScenarioChoice(path, "", None, str(exc))
    return ScenarioChoice(path, opened.text, opened.scenario)


def scenario_files(data_dir: Path, extra: Path | None = None) -> list[Path]:
    """Shipped scenarios, then the player's own, then ``extra``; each file once."""
    found: list[Path] = []
    for folder in (shipped_scenarios_dir(), user_scenarios_dir(data_dir)):
        if folder.is_dir():
            found.extend(sorted(folder.glob("*.toml")))
    if extra is not None:
        found.append(extra)
    unique: list[Path] = []
    seen: set[Path] = set()
    for path in found:
        key = identity(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def identity(path: Path) -> Path:
    """The file a path names, to list it once: resolved, or as written if it cannot be
    (a link that loops, a name too long)."""
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def scan_scenarios(data_dir: Path, extra: Path | None = None) -> list[ScenarioChoice]:
    """Read every scenario the title lists (slow-ish: run it off the UI thread).

    It first imports the modules a game needs, so they are loaded off the UI thread too.
    """
    for module in WARM_UP:
        importlib.import_module(module)
    return [read_scenario(p) for p in scenario_files(data_dir, extra)]
