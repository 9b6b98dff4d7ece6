"""scenarios/FORMAT.md is generated from the models and the order-kind registry, and the
committed file is exactly what the generator prints, so the reference cannot drift."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from game.cli import main
from game.engine.kinds import ORDER_KINDS
from game.engine.targets import CITY_POPULATION
from game.engine.world import POPULOUS
from game.lab.reference import format_reference
from game.lab.reference_rules import TRACK_RULES
from game.scenario.bots import Priority, TargetSelector
from game.scenario.formulas import terminal_output_bpd
from game.scenario.geography import Link, LinkKind, Region, RegionKind
from game.scenario.models import REQUIRED_TRACKS
from game.scenario.schema import scenario_schema
from game.scenario.sides import Force, ForceKind
from game.scenario.tuning import Tuning

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


def test_the_rules_an_author_must_know_come_before_the_tables() -> None:
    rules = TEXT.index("## Rules an author must know")
    assert rules < TEXT.index("## The file")
    for heading in (
        "### The tracks every scenario declares",
        "### Oil output at the start",
        "### Links, coasts and islands",
        "### Aircraft and boats",
        "### Coordinates and the map",
        "### A side that never holds ground",
    ):
        assert rules < TEXT.index(heading) < TEXT.index("## The file"), heading


def test_every_required_track_says_what_the_engine_does_with_it() -> None:
    assert tuple(TRACK_RULES) == REQUIRED_TRACKS
    for track in REQUIRED_TRACKS:
        assert f"- `{track}`: {TRACK_RULES[track]}" in TEXT
    track_id = scenario_schema()["$defs"]["Track"]["properties"]["id"]["description"]
    assert all(track in track_id for track in REQUIRED_TRACKS)  # editors name them too


def test_the_numbers_of_the_rules_are_the_game_s_own() -> None:
    assert f"from {CITY_POPULATION:,} people" in TEXT
    assert f"from {POPULOUS:,} people" in TEXT
    assert f"= {terminal_output_bpd(300_000, 19, 10, 2):,}." in TEXT
    defaults = Tuning()
    for key in ("battle_access", "pressure_decay", "revenue_per_10k_bpd", "aid_returns"):
        assert f"`{key}` (default {getattr(defaults, key):,})" in TEXT, key


@pytest.mark.parametrize(
    ("model", "key", "words"),
    [
        (Region, "kind", RegionKind),
        (Link, "kind", LinkKind),
        (Force, "kind", ForceKind),
        (Priority, "target", TargetSelector),
    ],
)
def test_every_fixed_word_says_what_it_does(model: type[BaseModel], key: str, words: Any) -> None:
    """Each allowed word of these keys has its own line under the table and in the schema."""
    described = scenario_schema()["$defs"][model.__name__]["properties"][key]["description"]
    start = TEXT.index(f"**`{key}`**", TEXT.index(f"| `{key}` | string |"))
    for word in get_args(words):
        assert f"\n\n`{word}`: " in described, word
        assert f"\n- `{word}`: " in TEXT[start:], word
