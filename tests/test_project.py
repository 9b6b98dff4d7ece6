"""Project contracts: the README's two commands, CI running the README's test command and the
same suite at the lowest versions pyproject.toml declares, every dependency with a floor."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines()]


def test_readme_opens_with_exactly_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.index("```sh") < 40, "the set-up commands come first"
    play, test = _readme_commands()
    assert "pip install -e ." in play and play.endswith("sidra")
    assert "'.[test]'" in test and "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    _, test = _readme_commands()
    assert test in ci.splitlines()
    assert "ruff check" in ci and "mypy game" in ci
    assert "set -euo pipefail" in ci


def test_ci_also_runs_the_suite_at_the_lowest_declared_versions() -> None:
    """The floors in pyproject.toml are tested, not guessed: CI installs them with uv's
    lowest-direct resolution into a second environment and runs the whole suite there."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    install = next(i for i, line in enumerate(lines) if "--resolution lowest-direct" in line)
    assert "-e '.[test]'" in lines[install] and "--python .venv-lowest/bin/python" in lines[install]
    assert ".venv-lowest/bin/python -m pytest" in lines[install + 1 :]


def test_ci_spreads_the_suite_over_its_cores_one_file_per_worker() -> None:
    """Both runs use both cores (4 workers: much of the suite waits rather than computes); a
    test file stays in one worker (files that use a fixed folder under /tmp never run against
    themselves), and xdist is in the test extra."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'export PYTEST_ADDOPTS="-n 4 --dist loadfile"' in ci.splitlines()
    extra = _pyproject()["project"]["optional-dependencies"]["test"]
    assert any(req.startswith("pytest-xdist>=") for req in extra)


def test_every_dependency_declares_a_tested_floor() -> None:
    """Each requirement names a lowest version (the one CI's lowest-direct run installs);
    an unbounded requirement would let that run pick an arbitrary ancient release."""
    project = _pyproject()["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    for requirement in requirements:
        assert re.search(r">=\s*\d", requirement), f"{requirement!r} has no floor"


def _pyproject() -> dict[str, Any]:
    """pyproject.toml as data."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)
