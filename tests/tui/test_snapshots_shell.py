"""SVG snapshots of the title and briefing screens at 80x24 and 120x40."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from game.ai.registry import BotSpec, Seat
from game.tui.app import SidraApp
from game.tui.session import GameSession
from tests.tui.settle import settle

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "oil_crescent_2014.toml"
# The title shows the user's scenario folder, so the data folder must not vary per run.
DATA = Path("/tmp/sidra-snapshot-data")
SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def data_dir() -> Path:
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    return DATA


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_title(
    size: tuple[int, int], snap_compare: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("game.tui.screens.title.new_seed", lambda: 2014)
    assert snap_compare(SidraApp(data_dir=data_dir), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_briefing(size: tuple[int, int], snap_compare: Any, data_dir: Path) -> None:
    seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec())]
    text = SCENARIO.read_text(encoding="utf-8")
    session = GameSession.new(text, str(SCENARIO), seats, 3, data_dir / "autosaves")
    session.autosave_name = "snapshot.json"
    app = SidraApp(session=session, data_dir=data_dir)
    assert snap_compare(app, terminal_size=size, run_before=settle)
