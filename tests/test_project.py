"""Project contracts: the README's two commands, CI running the README's test command."""

from __future__ import annotations

from pathlib import Path

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
