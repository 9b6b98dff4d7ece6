"""Sidra's build: the metadata is in pyproject.toml; this adds the compiled simulation core.

The rules engine and the bots are strictly typed Python, so mypyc can compile them to C
extension modules that run the same code about twice as fast: that is what brings a
what-if fan of 1,000 continuations under two seconds. The compiled modules sit beside their
sources, and Python imports an extension module before the source of the same name.

When it compiles:
- building a wheel (``pip install .``, ``pipx install .``, ``uv tool install .``) compiles
  the modules ``[tool.sidra.compiled]`` in pyproject.toml lists;
- an editable install (``pip install -e .``, the README's developer commands) never does,
  so an edited source file is always the code that runs, and the tests can patch it;
- ``SIDRA_PURE=1`` (or true, yes, on) in the environment builds the interpreted wheel;
- if mypyc or the C compiler fails (no compiler, no Python headers, a mypy that rejects
  the code), the build prints why and goes on with the interpreted core, in a wheel
  tagged for any platform: the same game, the same results, about half as fast.
  Installers hide a build's messages unless asked (``pip install -v``), so
  ``sidra --version`` names the core an installation got.

Both cores play the same games bit for bit; tests/test_install.py builds the wheel and
checks that on the same seeds.
"""

from __future__ import annotations

import os
import shutil
import sys
import tomllib
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def core_sources(root: Path = ROOT) -> list[str]:
    """The source files of the compiled core, relative to ``root``, in a fixed order."""
    table = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    listed = table["tool"]["sidra"]["compiled"]
    skipped = set(listed["skip"])
    found = []
    for package in listed["packages"]:
        for source in sorted((root / package).glob("*.py")):
            name = source.relative_to(root).as_posix()
            if source.name != "__init__.py" and name not in skipped:
                found.append(name)
    return found


def building_a_wheel() -> bool:
    """Whether setuptools was asked for a wheel (an editable install asks for another)."""
    return "bdist_wheel" in sys.argv


PURE_WORDS = ("1", "true", "yes", "on")
"""Values of ``SIDRA_PURE`` that ask for the interpreted core (any case)."""


def compiling() -> bool:
    """Whether this build compiles the core: a wheel build not told to stay pure."""
    return building_a_wheel() and os.environ.get("SIDRA_PURE", "").lower() not in PURE_WORDS


def forget_earlier_wheels(root: Path = ROOT) -> None:
    """Empty the folders setuptools assembles wheels in (build/lib*, build/bdist.*).

    setuptools keeps them between builds and packs whatever they hold: a module compiled
    by an earlier build would ship beside a newer source, and Python would import the old
    compiled one. (mypyc's generated C elsewhere in build/ is rewritten only when it
    changes; the C compiler still runs on every compiled build.)
    """
    build = root / "build"
    for folder in [build / "lib", *build.glob("lib.*"), *build.glob("bdist.*")]:
        if not folder.is_dir():
            continue
        try:
            shutil.rmtree(folder)
        except OSError as problem:
            raise SystemExit(
                f"sidra: cannot empty {folder} from an earlier build ({problem}); "
                "remove the build folder and try again"
            ) from None


def mypyc_extensions() -> list[Any]:
    """mypyc's extension modules for the core (mypyc generates their C here).

    mypy's settings for the project (pyproject.toml) name a pydantic plugin, and the build
    environment holds only setuptools and mypy: so the core is typed with settings of its
    own, and imports from outside the project count as untyped. That changes nothing the
    compiled code does, only how much of it mypyc can specialise.
    """
    from mypyc.build import mypycify

    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    settings = build / "sidra-mypyc.ini"
    settings.write_text("[mypy]\nignore_missing_imports = True\n", encoding="utf-8")
    sources = ["--config-file", str(settings), *core_sources()]
    return list(mypycify(sources, opt_level="3", group_name="sidra"))


def fall_back(what: str, failure: BaseException) -> None:
    """Say why the build keeps the interpreted core (shown by ``pip install -v``)."""
    print(
        f"sidra: {what} ({failure}); "
        "building the interpreted one (the same game, about half as fast)",
        file=sys.stderr,
    )


class CoreBuild(build_ext):
    """Builds the compiled core, or leaves the interpreted one if the compiler fails."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as failure:  # a missing compiler or header fails in many ways
            for extension in self.extensions:
                built = Path(self.get_ext_fullpath(extension.name))
                built.unlink(missing_ok=True)
            self.extensions = []
            self.distribution.ext_modules = []
            fall_back("could not compile the simulation core", failure)


def extensions_for_this_build() -> list[Any]:
    """The extension modules to build: the compiled core, or none.

    mypyc reports a type error by exiting, so SystemExit is caught too: a mypy release that
    reads the core more strictly must not break an install, only slow the game down.
    """
    if building_a_wheel():
        forget_earlier_wheels()
    if not compiling():
        return []
    try:
        return mypyc_extensions()
    except (Exception, SystemExit) as failure:
        fall_back("mypyc could not prepare the simulation core", failure)
        return []


def wheel_command() -> type:
    """setuptools' bdist_wheel, deciding the wheel's tag after the core is built.

    setuptools tags a wheel when the command starts, from the extensions asked for; if
    the compiler then fails, the wheel holds no compiled code and is tagged for any
    platform. (Imported here: setup.py is also read by the tests, whose setuptools may
    predate the bdist_wheel command.)
    """
    from setuptools.command.bdist_wheel import bdist_wheel

    class CoreWheel(bdist_wheel):
        def run(self) -> None:
            self.run_command("build")
            self.root_is_pure = not self.distribution.has_ext_modules()
            super().run()

    return CoreWheel


if __name__ == "__main__":
    setup(
        ext_modules=extensions_for_this_build(),
        cmdclass={"build_ext": CoreBuild, "bdist_wheel": wheel_command()},
    )
