"""Architecture rules of DESIGN.md section 4, checked on the source and at import time.

The engine is pure: no UI, no wall clock, no randomness but the game's seeded RNG, no
I/O. Dependencies point one way (``tui, cli -> lab, record, ai -> engine -> scenario``), and
nothing in the game can run code from data.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"
CORE = ("engine", "scenario", "ai")


def sources(*packages: str) -> Iterator[Path]:
    """Every .py file under the given game sub-packages (all of game/ if none)."""
    roots = [GAME / p for p in packages] if packages else [GAME]
    for root in roots:
        yield from sorted(root.rglob("*.py"))


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_modules(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, dotted module name) for every import statement in the tree."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def test_the_scanned_packages_exist() -> None:
    for package in CORE:
        assert len(list(sources(package))) >= 3, package


def test_importing_the_core_does_not_import_a_ui() -> None:
    script = """
import importlib, json, pkgutil, sys
for name in ("game.engine", "game.scenario", "game.ai"):
    package = importlib.import_module(name)
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(json.dumps({"ui": loaded, "count": len([m for m in sys.modules if m.startswith("game.")])}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ui"] == []
    assert report["count"] >= 20  # every engine, scenario and ai module was imported


FORBIDDEN_IN_CORE = {
    "textual": "the UI",
    "rich": "the UI",
    "time": "the wall clock",
    "random": "unseeded randomness (use the game's Dice)",
}
CLOCK_CALLS = {"now", "utcnow", "today"}
IO_MODULES = {"os", "sys", "io", "pathlib", "shutil", "socket", "subprocess", "tempfile"}
IO_CALLS = {"open", "print", "input"}
PICKLING = {"pickle", "_pickle", "cPickle", "shelve", "marshal", "dill", "cloudpickle"}
CODE_CALLS = {"eval", "exec", "__import__"}


def called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def core_problems(label: str, tree: ast.Module) -> list[str]:
    """UI, wall-clock and unseeded-randomness use in engine/scenario/ai code."""
    problems = []
    for line, module in imported_modules(tree):
        root = module.split(".")[0]
        if root in FORBIDDEN_IN_CORE:
            problems.append(f"{label}:{line} imports {module} ({FORBIDDEN_IN_CORE[root]})")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in CLOCK_CALLS:
            problems.append(f"{label}:{node.lineno} reads the clock (.{node.attr})")
    return problems


def io_problems(label: str, tree: ast.Module) -> list[str]:
    """File, process and console access (the engine has none)."""
    problems = []
    for line, module in imported_modules(tree):
        if module.split(".")[0] in IO_MODULES:
            problems.append(f"{label}:{line} imports {module}")
    for node in ast.walk(tree):
        # a bare open()/print()/input(), not a method such as Path.open
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name in IO_CALLS:
                problems.append(f"{label}:{node.lineno} calls {name}()")
    return problems


def code_problems(label: str, tree: ast.Module) -> list[str]:
    """Ways to run code that came from data: eval, exec, pickle and friends."""
    problems = []
    for line, module in imported_modules(tree):
        if module.split(".")[0] in PICKLING:
            problems.append(f"{label}:{line} imports {module}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called_name(node) in CODE_CALLS:
            problems.append(f"{label}:{node.lineno} calls {called_name(node)}()")
    return problems


def scan(packages: tuple[str, ...], check: Callable[[str, ast.Module], list[str]]) -> list[str]:
    problems = []
    for path in sources(*packages):
        problems += check(str(path.relative_to(ROOT)), parse(path))
    return problems


@pytest.mark.parametrize("package", CORE)
def test_core_modules_import_no_ui_clock_or_random(package: str) -> None:
    assert scan((package,), core_problems) == []


def test_engine_does_no_io() -> None:
    assert scan(("engine",), io_problems) == []


LAYERS = {
    # package: game packages/modules it must not import (dependencies point one way)
    "scenario": ("game.engine", "game.ai", "game.record", "game.tui", "game.cli"),
    "engine": ("game.ai", "game.record", "game.tui", "game.cli", "game.lab"),
    "ai": ("game.record", "game.tui", "game.cli", "game.lab"),
    "record": ("game.tui", "game.cli", "game.lab"),
    "lab": ("game.tui", "game.cli"),
}


@pytest.mark.parametrize("package", [*CORE, "record", "lab"])
def test_dependencies_point_one_way(package: str) -> None:
    problems = []
    for path in sources(package):
        for line, module in imported_modules(parse(path)):
            for banned in LAYERS[package]:
                if module == banned or module.startswith(banned + "."):
                    problems.append(f"{where(path, line)} imports {module}")
    assert problems == []


def test_no_eval_exec_or_pickle_anywhere_in_the_game() -> None:
    assert scan((), code_problems) == []


BAD = """
import time
from random import choice
import pickle
import os
import datetime as dt
from textual.app import App
stamp = dt.datetime.now()
eval("1 + 1")
open("x")
"""
GOOD = """
import datetime as dt
from numpy.random import PCG64
start = dt.date(2014, 12, 13) + dt.timedelta(days=7)
value = PCG64(7).random_raw()
"""


def test_the_scanners_catch_what_they_look_for() -> None:
    bad = ast.parse(BAD)
    assert core_problems("bad.py", bad) == [
        "bad.py:2 imports time (the wall clock)",
        "bad.py:3 imports random (unseeded randomness (use the game's Dice))",
        "bad.py:3 imports random.choice (unseeded randomness (use the game's Dice))",
        "bad.py:7 imports textual.app (the UI)",
        "bad.py:7 imports textual.app.App (the UI)",
        "bad.py:8 reads the clock (.now)",
    ]
    assert io_problems("bad.py", bad) == ["bad.py:5 imports os", "bad.py:10 calls open()"]
    assert code_problems("bad.py", bad) == ["bad.py:4 imports pickle", "bad.py:9 calls eval()"]
    good = ast.parse(GOOD)
    for check in (core_problems, io_problems, code_problems):
        assert check("good.py", good) == []


def test_the_title_screen_starts_without_the_engine_pydantic_or_numpy() -> None:
    # The first frame is drawn before the heavy modules load (they load off the UI
    # thread while the title is shown); an import at module level would slow every start.
    script = """
import json, sys
from game.tui.app import SidraApp
print(json.dumps(sorted(m for m in ("pydantic", "numpy", "game.engine") if m in sys.modules)))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_the_engine_cites_scenario_data_never_a_paragraph_of_a_source() -> None:
    # A log entry's source comes from the scenario (a track's, an order's or a region's
    # own citation), so a scenario of another setting cites its own documents.
    paragraph = re.compile(r"\bp[0-9]{1,3}\b")
    found = [
        where(path, number)
        for path in sources("engine")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if paragraph.search(line)
    ]
    assert found == []


def test_the_engine_names_no_place_side_or_actor_of_the_default_scenario() -> None:
    # The engine is general: a scenario of another setting must not find Libya in its
    # rules, log texts or examples. Every name and id of the default scenario's regions,
    # factions and actors (four letters or more) is searched for as a whole word.
    from game.paths import default_scenario_path
    from game.scenario.loader import load_scenario

    scn = load_scenario(default_scenario_path())
    names = {r.name for r in scn.region} | {r.id for r in scn.region}
    names |= {f.name for f in scn.faction} | {f.short for f in scn.faction}
    names |= {f.id for f in scn.faction} | {a.name for a in scn.actor}
    names |= {"Libya", "Libyan", "UNSMIL", "MiG"}
    words = sorted(n for n in names if len(n) >= 4)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    found = [
        f"{where(path, number)}: {hit.group(0)}"
        for path in sources("engine")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for hit in [pattern.search(line)]
        if hit is not None
    ]
    assert found == []


def test_the_engine_names_no_year_or_document_of_the_default_scenario() -> None:
    # Dates come from the scenario's calendar and sources from its [[source]] tables: the
    # engine's code and docstrings name neither the years the default scenario covers nor
    # "the article" it is built from.
    from game.paths import default_scenario_path
    from game.scenario.loader import load_scenario

    scn = load_scenario(default_scenario_path())
    years = {scn.meta.start.year, scn.meta.start.year + 1}
    words = [*(str(y) for y in sorted(years)), "article", "articles"]
    pattern = re.compile(r"\b(" + "|".join(words) + r")\b", re.IGNORECASE)
    found = [
        f"{where(path, number)}: {hit.group(0)}"
        for path in sources("engine")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for hit in [pattern.search(line)]
        if hit is not None
    ]
    assert found == []
