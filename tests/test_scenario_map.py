"""The scenario's optional ``[map]`` table: valid, optional, bounded, and its references checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import parse_scenario
from game.scenario.map_model import MAX_POINTS, MAX_SHAPES

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "scenarios" / "oil_crescent_2014.toml").read_text(encoding="utf-8")
HEAD, MAP = TEXT.split("\n[map]\n")
"""The default scenario before its ``[map]`` table, and the table (its last section)."""


def with_map(table: str) -> str:
    return f"{HEAD}\n[map]\n{table}\n"


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "map.toml")
    return [str(p) for p in info.value.problems]


def test_the_default_scenario_frames_its_strip_and_names_homes() -> None:
    scn = parse_scenario(TEXT, "oil.toml")
    assert scn.map.frame == [[29.85, 11.75], [33.35, 24.4]]
    assert scn.map.home == {"tobruk": "tobruk_city", "dawn": "tripoli", "foreign": "sicily"}
    assert [s.name for s in scn.map.outline] == ["Libya", "Sicily"]


def test_a_scenario_without_a_map_table_is_valid_and_fits_its_regions() -> None:
    scn = parse_scenario(HEAD, "bare.toml")
    assert scn.map.frame is None and scn.map.outline == [] and scn.map.home == {}


def test_unknown_regions_and_factions_in_the_map_are_located_with_a_suggestion() -> None:
    found = problems(
        with_map('labels = { tripolli = "Tri" }\nhome = { dawnn = "tripoli", tobruk = "tobruck" }')
    )
    text = "\n".join(found)
    assert "unknown region 'tripolli'" in text and "tripoli" in text
    assert "unknown faction 'dawnn'" in text and "unknown region 'tobruck'" in text
    assert all(p.startswith("map.toml:") for p in found)


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ("frame = [[91.0, 10.0], [33.0, 24.0]]", "point 1: latitude 91.0 is outside -90 to 90"),
        ("frame = [[30.0, 10.0]]", "at least 2"),
        ("frame = [[30.0, 181.0], [33.0, 24.0]]", "longitude 181.0 is outside -180 to 180"),
        ('frame = "everything"', "frame"),
        ("[[map.outline]]\npoints = [[30.0, 10.0]]", "at least 2"),
        ("[[map.outline]]\npoints = [[-95.0, 10.0], [30.0, 11.0]]", "latitude -95.0 is outside"),
        ("[[map.outline]]\npoints = [[30.0, nan], [30.0, 11.0]]", "longitude nan is outside"),
        ('labels = { tripoli = "Tripoli the capital" }', "at most 12 characters"),
        ('labels = { tripoli = "" }', "at least 1 character"),
        ("colour = 3", "colour"),
    ],
)
def test_bad_map_values_are_located_problems(table: str, words: str) -> None:
    found = problems(with_map(table))
    assert any(words in p for p in found), found
    assert all(p.startswith("map.toml:") for p in found)


def test_outlines_are_capped_in_points_and_shapes() -> None:
    points = ", ".join(f"[30.0, {10 + i / 100:.2f}]" for i in range(MAX_POINTS + 1))
    found = problems(with_map(f"[[map.outline]]\npoints = [{points}]"))
    assert any(f"at most {MAX_POINTS}" in p for p in found), found
    shape = "[[map.outline]]\npoints = [[30.0, 10.0], [31.0, 11.0]]\n"
    parse_scenario(with_map(shape * MAX_SHAPES), "map.toml")
    found = problems(with_map(shape * (MAX_SHAPES + 1)))
    assert any(f"at most {MAX_SHAPES}" in p for p in found), found
