"""Sidra installed as a user installs it: a wheel in a fresh virtual environment.

The scenarios, assets and seeds live at the top of the source tree and are mapped into the
package by ``pyproject.toml`` (read by game/resources.py). A quick check keeps that list of
packages complete; the slow one builds the wheel from a copy of the project, installs it
into a new virtual environment and runs ``sidra`` from another folder, so nothing can come
from the checkout. The new environment reuses this one's dependencies through a ``.pth``
file (a .pth file's folders are put on the path, but their own .pth files, such as this
environment's editable finder for ``game``, are not run), so no download is needed beyond
the build backend (setuptools, and mypy for mypyc), and the test checks ``game`` really
comes from the wheel. Where a C compiler is, the wheel's simulation core is compiled (see
setup.py): the test checks it is, and that it plays the same games as the sources.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
MAPPED: dict[str, str] = SETUPTOOLS["package-dir"]
"""Data package -> its folder at the top of the source tree."""

PROJECT_FILES = ("pyproject.toml", "setup.py", "README.md", "LICENSE")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")


def data_folders() -> dict[str, Path]:
    """Every package the data folders make: the mapped folders and their subfolders."""
    found = {}
    for package, folder in MAPPED.items():
        top = ROOT / folder
        for sub in [top, *sorted(p for p in top.rglob("*") if p.is_dir())]:
            if "__pycache__" in sub.parts:
                continue
            found[".".join([package, *sub.relative_to(top).parts])] = sub
    return found


def code_packages() -> set[str]:
    """Every package of game/ in the source tree (a folder with an ``__init__.py``)."""
    return {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "game").rglob("__init__.py")
    }


def expected_files() -> set[str]:
    """The wheel paths of the files the game needs: code, styles and every data file."""
    wanted = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "game").rglob("*")
        if p.suffix in {".py", ".tcss", ".toml"} and "__pycache__" not in p.parts
    }
    for package, folder in data_folders().items():
        for file in folder.iterdir():
            if file.is_file() and file.suffix != ".pyc":
                wanted.add("/".join([*package.split("."), file.name]))
    return wanted


def test_pyproject_lists_every_package_and_data_folder() -> None:
    listed = set(SETUPTOOLS["packages"])
    assert set(MAPPED) <= listed
    missing = (code_packages() | set(data_folders())) - listed
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_packaging_metadata_is_current() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "version" not in project.get("dynamic", [])
    classifiers = project["classifiers"]
    for minor in (11, 12, 13):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    setuptools, mypy = PYPROJECT["build-system"]["requires"]
    assert setuptools.startswith("setuptools>=77") and ",<" in setuptools
    assert mypy.startswith("mypy>=") and ",<" in mypy, "mypyc compiles the core of a wheel"


def can_compile() -> bool:
    """Whether this machine can build C extensions: a C compiler and Python's headers."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return shutil.which(compiler) is not None and headers.is_file()


def load_setup() -> Any:
    """setup.py as a module (its setup() call only runs as a build's ``__main__``)."""
    spec = importlib.util.spec_from_file_location("sidra_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    setup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup)
    return setup


def core_modules() -> list[str]:
    """The modules setup.py compiles in a wheel (``[tool.sidra.compiled]``), dotted."""
    sources = load_setup().core_sources(ROOT)
    return [source.removesuffix(".py").replace("/", ".") for source in sources]


def test_the_compiled_core_is_the_engine_and_the_bots_but_two_modules() -> None:
    modules = core_modules()
    assert "game.engine.resolve" in modules and "game.ai.search_bot" in modules
    assert "game.engine.order_model" not in modules, "a pydantic model: mypyc cannot"
    assert "game.ai.registry" not in modules, "its BotSpec is pickled to worker processes"
    assert not [m for m in modules if m.endswith("__init__")]


def test_a_wheel_compiles_unless_told_to_stay_pure(monkeypatch: pytest.MonkeyPatch) -> None:
    setup = load_setup()
    monkeypatch.setattr(sys, "argv", ["setup.py", "bdist_wheel", "--dist-dir", "x"])
    monkeypatch.delenv("SIDRA_PURE", raising=False)
    assert setup.compiling()
    for word in ("1", "true", "YES", "on"):
        monkeypatch.setenv("SIDRA_PURE", word)
        assert not setup.compiling()
    monkeypatch.setenv("SIDRA_PURE", "0")
    assert setup.compiling()
    monkeypatch.setattr(sys, "argv", ["setup.py", "editable_wheel", "--dist-dir", "x"])
    assert not setup.compiling(), "an editable install runs the sources"


def test_a_core_mypyc_refuses_builds_the_interpreted_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """mypyc exits on a type error; a stricter mypy must slow the game, not break installs."""
    setup = load_setup()
    monkeypatch.setattr(sys, "argv", ["setup.py", "bdist_wheel"])
    monkeypatch.delenv("SIDRA_PURE", raising=False)
    monkeypatch.setattr(setup, "ROOT", tmp_path)
    monkeypatch.setattr(setup, "forget_earlier_wheels", lambda root=tmp_path: None)

    def refuse() -> list[object]:
        raise SystemExit("game/engine/turn.py:265: error: Incompatible types in assignment")

    monkeypatch.setattr(setup, "mypyc_extensions", refuse)
    assert setup.extensions_for_this_build() == []
    err = capsys.readouterr().err
    assert "mypyc could not prepare the simulation core (game/engine/turn.py:265" in err
    assert "building the interpreted one" in err


def test_a_wheel_build_empties_only_the_folders_wheels_are_made_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    setup = load_setup()
    build = tmp_path / "build"
    stale = ["lib", "lib.linux-x86_64-cpython-311", "bdist.linux-x86_64"]
    kept = ["library", "temp.linux-x86_64-cpython-311"]
    for name in stale + kept:
        (build / name / "game").mkdir(parents=True)
        (build / name / "game" / "old.so").write_bytes(b"")
    setup.forget_earlier_wheels(tmp_path)
    assert sorted(p.name for p in build.iterdir()) == sorted(kept)

    def refused(folder: object) -> None:
        raise PermissionError(13, "Permission denied", str(folder))

    (build / "lib").mkdir()
    monkeypatch.setattr(setup.shutil, "rmtree", refused)
    with pytest.raises(SystemExit, match=r"cannot empty .*build/lib from an earlier build"):
        setup.forget_earlier_wheels(tmp_path)


PLAY = """
import hashlib, json
from game.ai.registry import BotSpec
from game.engine import compile_world, state_hash
from game.lab.bench import core_kind
from game.lab.simulate import bot_match, game_seeds
from game.lab.whatif import run_fan
from game.paths import default_scenario_path
from game.record.match import ScenarioText
from game.scenario.loader import load_scenario

world = compile_world(load_scenario(default_scenario_path()))
text = ScenarioText("", world.digest, "")
kinds = ["easy", "normal", "hard@0", "random", "spoiler", "hard@3"]
def spec(name):
    level, _, rollouts = name.partition("@")
    if level in ("random", "spoiler"):
        return BotSpec(level, "")
    return BotSpec("rule", level, int(rollouts) if rollouts else None)
def digest(items):
    return hashlib.sha256(repr(items).encode()).hexdigest()[:16]
games = []
for index, seed in enumerate(game_seeds(2026, 12)):
    seats = [spec(kinds[(index + k) % len(kinds)]) for k in range(len(world.faction_ids))]
    if index % 2:  # the search bot (hard@3) only in every other game: it is the slow one
        seats = [BotSpec("rule", "hard", 0) if s.rollouts == 3 else s for s in seats]
    match = bot_match(world, seed, seats, text)
    match.play_out(log=True)
    games.append(digest([state_hash(node.state) for node in match.turns]))
match = bot_match(world, 5, [BotSpec()] * len(world.faction_ids), text)
match.play_turn(log=False)
fans = [run_fan(match, match.line, 1, 120, seed=3, jobs=jobs) for jobs in (1, 2)]
fan = [digest((f.outcomes, f.tracks, f.lengths)) for f in fans]
print(json.dumps({"core": core_kind(), "games": games, "fan": fan}))
"""
"""Bot games of every kind (the search bot's rollouts included, at a fixed budget) and a
what-if fan on one and on two processes: whatever the core, the same digests."""


def run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    """Run a command; its standard output, or a failure showing both outputs."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_wheel_installs_and_plays_from_another_folder(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, source / name)
    for folder in ("game", *MAPPED.values()):
        shutil.copytree(ROOT / folder, source / folder, ignore=SKIP)

    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env |= {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data")}
    env |= {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"}
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "--no-deps", "-q", "-w", wheels, source], tmp_path, env)
    (wheel,) = wheels.glob("sidra-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert expected_files() - names == set()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    compiled = {n.split(".")[0].replace("/", ".") for n in names if n.endswith(".so")}
    if can_compile():
        assert set(core_modules()) <= compiled, "a wheel built here compiles the core"
    else:
        assert not compiled, "without a compiler the wheel holds the interpreted core"

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path, env)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    site = Path(
        run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path, env
        ).strip()
    )
    ours = dict.fromkeys(sysconfig.get_path(k) for k in ("purelib", "platlib"))
    (site / "sidra_test_dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    run([python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel], tmp_path, env)

    where = tmp_path / "elsewhere"
    where.mkdir()
    shown = run(
        [
            python,
            "-c",
            "import game, game.paths as p; print(game.__file__); print(p.default_scenario_path())",
        ],
        where,
        env,
    ).splitlines()
    assert Path(shown[0]).is_relative_to(site), "game must come from the wheel"
    default = Path(shown[1])
    assert default.is_relative_to(site / "game" / "data" / "scenarios") and default.is_file()

    sidra = bin_dir / "sidra"
    version = PYPROJECT["project"]["version"]
    core = "compiled" if can_compile() else "interpreted"
    assert run([sidra, "--version"], where, env).strip() == f"sidra {version} ({core} core)"
    assert ": ok (The Oil Crescent" in run([sidra, "validate", default], where, env)
    tutorial = default.parent / "tutorial.toml"
    assert f"{tutorial}: ok (Tutorial" in run([sidra, "validate", "tutorial"], where, env)
    played = run([sidra, "simulate", "--games", "3"], where, env)
    assert played.startswith("The Oil Crescent, December 2014: 3 games")
    assert "outcomes:" in played
    run([sidra, "new", "mine", "--dir", where], where, env)
    assert ": ok (" in run([sidra, "validate", where / "mine.toml"], where, env)

    # The wheel's core (compiled where a compiler is) plays the same games as the sources.
    wheel_play = json.loads(run([python, "-c", PLAY], where, env))
    source_play = json.loads(run([sys.executable, "-c", PLAY], ROOT, env))
    assert wheel_play["core"] == ("compiled" if can_compile() else "interpreted")
    assert source_play["core"] == "interpreted"
    assert wheel_play["fan"][0] == wheel_play["fan"][1], "the fan is the same on 1 or 2 cores"
    assert wheel_play == source_play | {"core": wheel_play["core"]}
