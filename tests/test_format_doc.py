"""scenarios/FORMAT.md is generated from the models and the order-kind registry, and the
committed file is exactly what the generator prints, so the reference cannot drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.engine.kinds import ORDER_KINDS
from game.lab.reference import format_reference
from game.scenario.schema import scenario_schema

ROOT = Path(__file__).resolve().parent.parent
TEXT = format_reference()


def test_committed_reference_is_the_generated_one() -> None:
    committed = (ROOT / "scenarios" / "FORMAT.md").read_text(encoding="utf-8")
    assert committed == TEXT, "run `sidra schema --format markdown > scenarios/FORMAT.md`"


def test_the_command_prints_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == TEXT


def test_every_order_kind_has_its_rules_in_the_reference() -> None:
    for kind, rule in ORDER_KINDS.items():
        assert f"#### `{kind}`" in TEXT
        assert f"| `{kind}` | {rule.target} |" in TEXT


def test_every_key_of_every_table_is_in_the_reference() -> None:
    schema = scenario_schema()
    for name, table in schema["$defs"].items():
        for key in table.get("properties", {}):
            assert f"| `{key}` |" in TEXT, f"{name}.{key}"
    assert TEXT.count("```toml") >= len(schema["$defs"]) - 1
