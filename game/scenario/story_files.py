"""Reading the files a scenario names in ``[story]`` (its fact sheet), from its own folder.

A scenario is outside data and so are the files beside it. This is the one place they
are read, with the same care as the scenario itself: the name is relative (checked by
the model), the file must resolve inside the scenario's folder (a symbolic link that
leads out of it is refused), be a regular file of at most ``MAX_FACT_SHEET_BYTES``, be
UTF-8 TOML, and match :class:`FactSheet` exactly (unknown keys are errors). Every
problem is a :class:`~game.scenario.errors.Problem` naming the file and the place in it.

The fact sheet is commentary, not rules: nothing the engine computes depends on it, so
saves do not embed it. A replay looks for it beside the scenario file the save was
played from and, when it is not there, shows the sources' titles without their facts.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, Literal

import tomli
from pydantic import Field, ValidationError

from game.reading import FileRefused, read_limited
from game.scenario import bounds
from game.scenario.base import SOURCE_PATTERN, Model
from game.scenario.bounds import Name, Prose
from game.scenario.errors import Problem, ScenarioError, did_you_mean
from game.scenario.extends import toml_type
from game.scenario.locate import KeyLocator
from game.scenario.models import Scenario
from game.scenario.sources import cited, is_design

MAX_FACT_SHEET_BYTES: Final = 1_000_000
"""A fact sheet larger than this is refused before it is parsed."""
MAX_FACTS: Final = 5000

FactKind = Literal["date", "place", "actor", "figure", "quote", "claim"]


FACT_ID_PATTERN: Final = r"^[a-z0-9][a-z0-9_-]*$"
MONTH_PATTERN: Final = r"^([0-9]{4}-(0[1-9]|1[0-2]))?$"


class Fact(Model):
    """One fact from the sources, in the scenario authors' own words."""

    id: str = Field(pattern=FACT_ID_PATTERN, max_length=bounds.MAX_ID)
    kind: FactKind
    text: Prose = Field(min_length=1)
    source: str = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    date: dt.date | None = None
    month: str = Field(default="", pattern=MONTH_PATTERN)
    value: int | None = Field(default=None, ge=-bounds.MAX_TRACK, le=bounds.MAX_TRACK)
    unit: Name = ""
    speaker: Name = ""


class FactSheet(Model):
    """A fact sheet file: ``[[fact]]`` tables and nothing else."""

    fact: list[Fact] = Field(default_factory=list, max_length=MAX_FACTS)

    def by_source(self) -> dict[str, tuple[str, ...]]:
        """The facts' texts grouped by the source ids they cite, in file order."""
        found: dict[str, list[str]] = {}
        for fact in self.fact:
            for source_id in cited(fact.source):
                found.setdefault(source_id, []).append(fact.text)
        return {k: tuple(v) for k, v in found.items()}


class FactSheetMissing(ScenarioError):
    """The fact sheet a scenario names is not in its folder.

    A warning when checking the scenario, not an error: the sheet is commentary, so the
    scenario plays without it (a copy made elsewhere, a save opened on another machine)
    and Explain says it is missing. Anything else wrong with it is an error.
    """


def story_problems(
    scenario: Scenario, scenario_file: str | Path, at: tuple[str, int, int]
) -> list[Problem]:
    """Every problem with the files ``scenario`` (read from ``scenario_file``) names in
    ``[story]``: for ``sidra validate`` and the loader. ``at`` is where the name is
    written (file, line, column; in a variant, the file of its chain that wrote it). A
    missing fact sheet is a warning (see :class:`FactSheetMissing`); every other problem
    an error."""
    try:
        read_fact_sheet(scenario, scenario_file, at=at)
    except FactSheetMissing as exc:
        return [
            Problem(p.file, p.line, p.col, f"{p.message}; Explain shows no facts", "warning")
            for p in exc.problems
        ]
    except ScenarioError as exc:
        return exc.problems
    return []


def read_fact_sheet(
    scenario: Scenario,
    scenario_file: str | Path,
    text: str | None = None,
    *,
    at: tuple[str, int, int] | None = None,
) -> FactSheet | None:
    """The fact sheet ``scenario`` names, read from the folder of ``scenario_file``.

    None when the scenario names none. ScenarioError (every problem, each naming its
    file) when it cannot be read or is not a fact sheet. A problem with the name is
    located at ``at`` (file, line, column) if given, else at the ``[story] facts`` key
    of ``text`` (the scenario's own text) in ``scenario_file``.
    """
    name = scenario.story.facts
    if not name:
        return None
    if at is not None:
        where, line, col = at
    else:
        where = str(scenario_file)
        line, col = KeyLocator(text).position(("story", "facts")) if text is not None else (1, 1)

    def refuse(reason: str, error: type[ScenarioError] = ScenarioError) -> ScenarioError:
        return error([Problem(where, line, col, f"fact sheet '{name}': {reason}")])

    folder = Path(scenario_file).parent
    try:
        home = folder.resolve(strict=True)
        path = (home / name).resolve(strict=True)
    except FileNotFoundError:
        missing = f"no such file in the scenario's folder ({folder / name})"
        raise refuse(missing, FactSheetMissing) from None
    except (OSError, RuntimeError, ValueError) as exc:  # a link loop, a NUL byte ...
        raise refuse(f"cannot be opened: {exc}") from None
    if not path.is_relative_to(home):
        raise refuse(
            "leads out of the scenario's folder (through a symbolic link); keep the file "
            "in the scenario's folder or below it"
        ) from None
    try:
        raw = read_limited(path, MAX_FACT_SHEET_BYTES, "fact sheet")
    except FileRefused as exc:
        raise refuse(str(exc.strerror)) from None
    except OSError as exc:
        raise refuse(f"cannot be read: {exc.strerror or exc}") from None
    return parse_fact_sheet(raw, str(folder / name), scenario)


def side_file_toml(raw: bytes, filename: str) -> tuple[str, dict[str, Any]]:
    """The text and TOML tables of a file beside a scenario (a fact sheet, a teacher's
    pack); ScenarioError naming the file and line if it is not UTF-8 or not TOML."""
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = Problem(filename, line, 1, "not valid UTF-8 (save it as UTF-8)")
        raise ScenarioError([problem]) from None
    try:
        return text, tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1
        msg = getattr(exc, "msg", str(exc))
        raise ScenarioError([Problem(filename, line, col, f"TOML syntax error: {msg}")]) from None
    except Exception as exc:  # tomli's RecursionError on absurd nesting, and the like
        raise ScenarioError([Problem(filename, 1, 1, f"TOML parser failed: {exc}")]) from None


def parse_fact_sheet(raw: bytes, filename: str, scenario: Scenario) -> FactSheet:
    """Check a fact sheet's bytes (read from ``filename``) against the model and against
    the sources ``scenario`` declares; ScenarioError listing every problem."""
    text, data = side_file_toml(raw, filename)
    locator = KeyLocator(text)
    try:
        sheet = FactSheet.model_validate(data, strict=True)
    except ValidationError as exc:
        problems = [
            Problem(filename, *locator.position(tuple(err["loc"])), _message(err))
            for err in exc.errors(include_url=False)
        ]
        raise ScenarioError(problems) from None
    problems = [
        Problem(filename, *locator.position(loc), message)
        for loc, message in _sheet_problems(sheet, scenario)
    ]
    if problems:
        raise ScenarioError(problems)
    return sheet


def _sheet_problems(
    sheet: FactSheet, scenario: Scenario
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    known = [s.id for s in scenario.source]
    seen: set[str] = set()
    for i, fact in enumerate(sheet.fact):
        if fact.id in seen:
            yield ("fact", i, "id"), f"duplicate fact id '{fact.id}'"
        seen.add(fact.id)
        if not known:
            continue  # a scenario without [[source]] tables: citations are not checked
        for source_id in cited(fact.source):
            if not is_design(source_id) and source_id not in known:
                yield (
                    ("fact", i, "source"),
                    (
                        f"source '{source_id}' is not declared in the scenario's [[source]] "
                        f"tables{did_you_mean(source_id, known)}"
                    ),
                )


def _where(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _message(err: object) -> str:
    """A pydantic error on a fact sheet in TOML words (a table, a string, the allowed
    values and ranges), as the scenario's own problems are put."""
    assert isinstance(err, dict)
    loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = FactSheet if len(loc) == 1 else Fact
        allowed = list(model.model_fields)
        return f"unknown key '{key}' in {_where(loc[:-1]) or 'the fact sheet'}" + did_you_mean(
            key, allowed
        )
    if kind == "missing":
        return f"missing required key '{loc[-1]}' in {_where(loc[:-1])}"
    where = _where(loc) or "the fact sheet"
    found = _found(err.get("input"))
    if kind in _EXPECTED:
        return f"{where}: expected {_EXPECTED[kind]}, found {found}"
    if kind == "literal_error":
        kinds = typing.get_args(FactKind)
        hint = did_you_mean(str(err.get("input")), kinds)
        return f"{where}: {found} is not one of {', '.join(map(repr, kinds))}{hint}"
    if kind == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(str(ctx.get("pattern")), "text of the allowed form")
        return f"{where}: {found} is not {words}"
    if kind == "string_too_short":
        return f"{where}: the text is empty; write at least {ctx.get('min_length', 1)} character"
    if kind == "string_too_long":
        return f"{where}: too long: at most {ctx.get('max_length', 0):,} characters"
    if kind == "too_long":
        size = ctx.get("actual_length")
        given = f"{size:,} facts" if isinstance(size, int) else "too many facts"
        return f"{where}: {given}: at most {ctx.get('max_length', 0):,}"
    if kind in ("less_than_equal", "greater_than_equal"):
        low, high = -bounds.MAX_TRACK, bounds.MAX_TRACK
        return f"{where}: {found} is out of range: from {low:,} to {high:,}"
    text = str(err["msg"]).removeprefix("Value error, ")
    return f"{where}: {text}"


_EXPECTED: Final = {
    "model_type": "a table",
    "dict_type": "a table",
    "list_type": "an array",
    "string_type": "a string",
    "int_type": "an integer",
    "date_type": "a date (unquoted, like 2014-12-28)",
}
"""What a field of the wrong TOML type should have been, by pydantic's error type."""

_PATTERN_WORDS: Final = {
    FACT_ID_PATTERN: "an id: lowercase letters, digits, _ or -, starting with a letter or "
    "digit (like 'sidra-fire')",
    SOURCE_PATTERN: "a citation: source ids separated by commas (like 'p1,p9'), or 'design'",
    MONTH_PATTERN: "a month written YYYY-MM (like '2014-12'), or empty",
}


def _found(value: object) -> str:
    """A parsed TOML value as an author calls it: ``'x' (a string)``, ``5 (an integer)``."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r} (a string)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int) and abs(value) >= 10**30:
        return f"a number of about {value.bit_length() * 30103 // 100000 + 1:,} digits"
    if isinstance(value, int | float):
        return f"{value:,} ({toml_type(value)})"
    return toml_type(value)
