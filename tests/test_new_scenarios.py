"""The scenarios written for authors and newcomers: the tutorial, the fictional Serre
Delta, the starter `sidra new` writes and the scenario scenarios/TUTORIAL.md builds.

Each validates with no warning and plays to its end with bots; `sidra new` works in an
empty folder exactly as the README promises; the starter holds every table of the format
with a comment; TUTORIAL.md's TOML blocks, joined in order, are a complete scenario.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import get_args, get_origin

import pytest
from pydantic import BaseModel

from game.ai.registry import BotSpec, Seat
from game.cli_new import STARTER
from game.record.save import new_match
from game.scenario.loader import load_checked
from game.scenario.models import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
TUTORIAL_MD = SCENARIOS / "TUTORIAL.md"
TOML_BLOCK = re.compile(r"^```toml\n(.*?)^```", re.S | re.M)


def tutorial_md_scenario() -> str:
    """The scenario TUTORIAL.md builds: all its TOML blocks, in order (its stated rule)."""
    blocks = TOML_BLOCK.findall(TUTORIAL_MD.read_text(encoding="utf-8"))
    assert len(blocks) >= 8, "TUTORIAL.md builds the file in steps, one TOML block each"
    return "\n".join(blocks)


def written(path: Path, tmp_path: Path) -> Path:
    """``path`` itself, or for TUTORIAL.md the file its blocks make, written to ``tmp_path``."""
    if path != TUTORIAL_MD:
        return path
    target = tmp_path / "orla.toml"
    target.write_text(tutorial_md_scenario(), encoding="utf-8")
    return target


FILES = [SCENARIOS / "tutorial.toml", SCENARIOS / "serre_delta.toml", STARTER, TUTORIAL_MD]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_validates_without_warnings_and_plays_to_the_end(path: Path, tmp_path: Path) -> None:
    scenario_file = written(path, tmp_path)
    scenario, warnings = load_checked(scenario_file)
    assert [str(w) for w in warnings] == []
    text = scenario_file.read_text(encoding="utf-8")
    for seed in (1, 2):
        seats = [Seat(f.id, BotSpec()) for f in scenario.faction]
        match = new_match(text, str(scenario_file), seed, seats)
        state = match.play_out(log=False)
        assert state.finished and state.outcome is not None
        assert 1 <= state.turn - 1 <= scenario.meta.turns  # turns resolved


def test_the_tutorial_can_be_won_by_either_side() -> None:
    path = SCENARIOS / "tutorial.toml"
    scenario, _ = load_checked(path)
    text = path.read_text(encoding="utf-8")
    winners = set()
    for seed in range(12):
        seats = [Seat(f.id, BotSpec()) for f in scenario.faction]
        state = new_match(text, str(path), seed, seats).play_out(log=False)
        assert state.outcome is not None
        winners.add(state.outcome.winner)
    assert {f.id for f in scenario.faction} <= winners


def test_the_fictional_scenario_cites_only_its_own_in_world_documents() -> None:
    path = SCENARIOS / "serre_delta.toml"
    scenario, _ = load_checked(path)
    assert scenario.source, "it declares its own [[source]] tables"
    for source in scenario.source:
        assert "fiction" in source.title.lower() and "invented" in source.note.lower()
    assert "fiction" in scenario.briefing.situation[0].lower()


def _tables() -> list[str]:
    """Every table of the format: the Scenario fields that hold a table or tables."""
    tables = []
    for name, field in Scenario.model_fields.items():
        kind = field.annotation
        if get_origin(kind) is list:
            kind = get_args(kind)[0]
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            tables.append(name)
    return tables


def test_the_starter_has_every_table_each_with_a_comment() -> None:
    lines = STARTER.read_text(encoding="utf-8").splitlines()
    for table in _tables():
        heading = next(
            (i for i, line in enumerate(lines) if line in (f"[{table}]", f"[[{table}]]")), None
        )
        assert heading is not None, f"the starter has no [{table}] table"
        above = lines[max(0, heading - 6) : heading]
        assert any(line.startswith("#") for line in above), f"[{table}] has no comment above it"


def test_new_validate_simulate_in_an_empty_folder(tmp_path: Path) -> None:
    """`sidra new x && sidra validate x.toml && sidra simulate x.toml --games 10`."""

    def sidra(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "game", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
        )

    made = sidra("new", "x")
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario.schema.json", "x.toml"]
    text = (tmp_path / "x.toml").read_text(encoding="utf-8")
    assert 'id = "x"' in text and "started from Sidra's starter scenario" in text
    checked = sidra("validate", "x.toml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "x.toml: ok" in checked.stdout and "warning" not in checked.stdout
    played = sidra("simulate", "x.toml", "--games", "10")
    assert played.returncode == 0, played.stderr
    assert "10 games" in played.stdout
    again = sidra("new", "x")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert (tmp_path / "x.toml").read_text(encoding="utf-8") == text
