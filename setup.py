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
- ``SIDRA_PURE=1`` in the environment builds the interpreted wheel anyway;
- if compiling fails (no C compiler, no Python headers), the build says so and goes on
  with the interpreted core: same game, same results, just slower.

``sidra bench`` reports which core ran. Both cores play the same games bit for bit;
tests/test_install.py builds the wheel and checks that on the same seeds.
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
from setuptools.dist import Distribution

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


def compiling() -> bool:
    """Whether this build compiles the core: a wheel build not told to stay pure."""
    return building_a_wheel() and os.environ.get("SIDRA_PURE", "") != "1"


def forget_earlier_wheels(root: Path = ROOT) -> None:
    """Empty the folders setuptools assembles wheels in.

    setuptools keeps them between builds and packs whatever they hold: a module compiled
    by an earlier build would ship beside a newer source, and Python would import the old
    compiled one. mypyc's generated C, kept elsewhere in build/, is reused as before.
    """
    for folder in (root / "build").glob("lib*"):
        shutil.rmtree(folder)
    for folder in (root / "build").glob("bdist.*"):
        shutil.rmtree(folder)


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
            print(
                f"sidra: could not compile the simulation core ({failure}); "
                "building the interpreted one (the same game, about half as fast)",
                file=sys.stderr,
            )


class CoreDistribution(Distribution):
    """A distribution whose wheel is tied to the interpreter when the core is compiled."""

    def has_ext_modules(self) -> bool:
        return bool(self.ext_modules)


if __name__ == "__main__":
    extensions: list[Any] = []
    if building_a_wheel():
        forget_earlier_wheels()
    if compiling():
        try:
            extensions = mypyc_extensions()
        except Exception as failure:  # mypyc missing or refusing: still a working build
            print(f"sidra: mypyc could not prepare the core ({failure})", file=sys.stderr)
    setup(ext_modules=extensions, cmdclass={"build_ext": CoreBuild}, distclass=CoreDistribution)
