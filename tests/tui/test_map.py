"""The map: layout at every size, what it shows of the state, the home selection, snapshots.

The layout tests run :func:`plan_map` on the default scenario without a screen; the
Pilot tests read the painted map of a seed-3 game; nothing sleeps.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from game.engine.state import GameState, new_game
from game.engine.world import compile_world
from game.scenario.loader import load_scenario
from game.tui.screens.game import GameScreen
from game.tui.session import GameSession
from game.tui.widgets import MapView, RegionDetails
from game.tui.widgets.map_labels import Marker, Occupancy, label_forms, place_labels, shortened
from game.tui.widgets.map_layout import MapInput, MapPlan, Place, frame_box, plan_map
from game.tui.widgets.map_marks import home_region
from game.tui.widgets.map_view import map_input

ROOT = Path(__file__).resolve().parents[2]
WORLD = compile_world(load_scenario(ROOT / "scenarios" / "oil_crescent_2014.toml"))
START = new_game(WORLD, 3)


def label_cells(m: Marker) -> list[tuple[int, int]]:
    assert m.label_at is not None
    return [(m.label_at[0] + i, m.label_at[1]) for i in range(len(m.label_text))]


def assert_legible(plan: MapPlan, keys: set[str]) -> None:
    """Every region has a marker and a label of 3+ characters on the canvas; none overlap."""
    assert set(plan.markers) == keys
    used: dict[tuple[int, int], str] = {}
    for m in plan.markers.values():
        cells = [(m.at[0] + c, m.at[1]) for c in range(m.width)]
        assert m.label_at is not None and len(m.label_text) >= 3, (plan.width, plan.height, m)
        for x, y in cells + label_cells(m):
            assert 0 <= x < plan.width and 0 <= y < plan.height, (plan.width, plan.height, m)
            assert (x, y) not in used, (plan.width, plan.height, m.key, used[(x, y)])
            used[(x, y)] = m.key
        assert plan.legend is None or m.at[1] != plan.legend
    # Two labels on one row keep a blank cell between them.
    spans = sorted(
        (m.label_at[1], m.label_at[0], len(m.label_text))
        for m in plan.markers.values()
        if m.label_at
    )
    for (y1, x1, n1), (y2, x2, _) in pairwise(spans):
        assert y1 != y2 or x1 + n1 < x2


SIZES = sorted(
    {(w, h) for w in range(24, 201) for h in (8, 10, 14, 19, 24, 37, 60)}
    | {(w, h) for w in (24, 48, 80, 200) for h in range(8, 61)}
)


def test_every_region_is_marked_and_labelled_at_every_size() -> None:
    data = map_input(START)
    keys = set(WORLD.region_ids)
    for width, height in SIZES:
        assert_legible(plan_map(data, width, height), keys)


def test_at_the_sizes_players_use_labels_keep_their_names_and_forces() -> None:
    data = map_input(START)
    for width, height in ((48, 19), (48, 37)):  # the map pane at 80x24 and at 120x40
        plan = plan_map(data, width, height)
        assert_legible(plan, set(WORLD.region_ids))
        texts = {m.key: m.label_text for m in plan.markers.values()}
        assert texts["ras_lanuf"] == "Ras Lanuf T2" and texts["tripoli"] == "Tripoli D4"
        assert texts["tripoli_west"] == "Tripoli west D2"  # the scenario's short label
        assert texts["western_fields"] == "↓W oil fields D1"  # pinned below the frame
        assert texts["sicily"].startswith("Sicily (off-map) F3")
        assert plan.markers["sicily"].at[1] == 0 and plan.top == 1


def test_the_strip_fills_the_pane_and_off_frame_regions_sit_on_its_edge() -> None:
    plan = plan_map(map_input(START), 48, 19)
    rows = [m.at[1] for k, m in plan.markers.items() if k not in ("sicily",)]
    assert min(rows) <= 3 and max(rows) >= 15  # the coastal strip is stretched to the pane
    assert plan.markers["western_fields"].at[1] == max(rows)  # pinned to the southern edge
    assert plan.coast and plan.links
    land = {char for char, sea in plan.links.values() if not sea}
    assert {char for char, sea in plan.links.values() if sea} == {"≈"}
    assert land <= set("┈┊╱╲") and not land & set(plan.coast.values())


def test_a_map_without_data_and_a_degenerate_frame_still_draw() -> None:
    places = tuple(Place(f"p{i}", 31.0, 15.0, f"Place {i}", f"T{i}") for i in range(10))
    for frame in (None, ((31.0, 15.0), (31.0, 15.0))):
        for size in ((24, 8), (48, 19), (120, 40)):
            plan = plan_map(MapInput(places, frame=frame), *size)
            assert_legible(plan, {p.key for p in places})
    assert frame_box(None, [(31.0, 15.0)]) == (30.75, 31.25, 14.75, 15.25)


def test_many_off_map_regions_get_more_rows_of_the_strip() -> None:
    away = tuple(
        Place(f"s{i}", 40.0, 10.0 + i, f"Staging {i}", "F1", offmap=True) for i in range(12)
    )
    home = tuple(Place(f"p{i}", 31.0 + i / 10, 15.0 + i, f"Town {i}") for i in range(4))
    for size in ((48, 19), (80, 30), (120, 40)):
        plan = plan_map(MapInput(away + home), *size)
        assert plan.top == -(-len(away) // (size[0] // 8))  # a row for every 8 cells a place
        assert_legible(plan, {p.key for p in away + home})
        assert all(plan.markers[p.key].at[1] < plan.top for p in away)
        assert all(plan.markers[p.key].at[1] >= plan.top for p in home)
    plan = plan_map(MapInput(away), 48, 19)  # nothing on the map: the strip is the pane
    assert_legible(plan, {p.key for p in away})


def test_label_forms_shorten_names_before_dropping_forces() -> None:
    m = Marker("r", (0, 0), 1, "Ras Lanuf", "T2 D1")
    forms = [text for text, _ in label_forms(m)]
    assert forms[0] == "Ras Lanuf T2 D1" and forms[1] == "Ras Lan… T2 D1"
    assert "Ras Lanuf" in forms and forms[-1] == "Ras…"
    assert shortened("Sirte") == ["Sirte", "Sir…"]


def test_labels_go_beside_above_or_below_when_a_row_is_full() -> None:
    occ = Occupancy(12, 3)
    markers = [
        Marker(k, (5, 1), 1, name, rows=(0, 2)) for k, name in (("a", "Alpha"), ("b", "Beta"))
    ]
    markers[0].at, markers[1].at = (5, 1), (7, 1)
    occ.markers.update({(5, 1), (7, 1)})
    place_labels(markers, occ)
    assert all(m.label_at is not None for m in markers)
    assert {m.label_at[1] for m in markers if m.label_at} != {1}


# -- in the game ------------------------------------------------------------------------


def ground(state: GameState, region: str) -> str:
    """The engine's ground strength by faction in a region, written as the map writes it."""
    totals: dict[str, int] = {}
    for unit in state.units:
        if unit.region == region and unit.kind == "ground" and unit.strength > 0:
            totals[unit.faction] = totals.get(unit.faction, 0) + unit.strength
    w = state.w
    return " ".join(f"{w.factions[f].glyph}{totals[f]}" for f in w.faction_ids if f in totals)


def row_text(game_map: MapView, y: int) -> str:
    return "".join(segment.text for segment in game_map.render_line(y))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_map_starts_at_home_and_shows_the_engines_strengths(
    size: tuple[int, int], make_session: Any, make_app: Any
) -> None:
    session = make_session("tobruk")
    session.end_turn()  # forces have moved and fought once
    app = make_app(session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        game_map = app.screen.query_one(MapView)
        assert game_map.selected == "tobruk_city"
        assert "Tobruk" in str(app.screen.query_one(RegionDetails).content)
        state = session.state
        for key, marker in game_map.markers.items():
            assert marker.label_at is not None
            painted = row_text(game_map, marker.label_at[1])
            x = marker.label_at[0]
            assert painted[x : x + len(marker.label_text)] == marker.label_text
            if ground(state, key):
                assert marker.forces_shown, key
                assert marker.label_text.endswith(" " + ground(state, key)), key


async def test_each_player_of_a_hot_seat_game_starts_at_their_own_home(
    make_session: Any, make_app: Any
) -> None:
    session = make_session("tobruk", "dawn")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        game = next(s for s in app.screen_stack if isinstance(s, GameScreen))
        game_map = game.query_one(MapView)
        assert game_map.selected == "tobruk_city"
        game_map.select("sirte")
        game_map.show_state(session.state, "tobruk")  # the same player: selection kept
        assert game_map.selected == "sirte"
        game_map.show_state(session.state, "dawn")  # the hand-over
        await pilot.pause()
        assert game_map.selected == "tripoli"
        assert "Tripoli" in str(game.query_one(RegionDetails).content)
        game_map.select_home("foreign")
        assert game_map.selected == "sicily"


async def test_at_the_hand_over_the_map_moves_from_the_first_players_place_to_the_seconds_home(
    make_session: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(GameSession, "end_turn_question", lambda self, faction: None)
    session = make_session("tobruk", "dawn")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the privacy screen: Tobruk's player takes the keyboard
        await pilot.pause()
        game = app.screen
        assert isinstance(game, GameScreen) and game.faction == "tobruk"
        game_map = game.query_one(MapView)
        assert game_map.selected == "tobruk_city"
        await pilot.press("left", "left")  # Tobruk's player looks west
        looked_at = game_map.selected
        assert looked_at not in (None, "tobruk_city", "tripoli")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # Dawn's player takes the keyboard
        await pilot.pause()
        assert app.screen is game and game.faction == "dawn"
        assert game_map.selected == "tripoli"
        details = str(game.query_one(RegionDetails).content)
        assert details.startswith("Tripoli") and WORLD.regions[looked_at or ""].name not in details


def test_without_a_home_in_the_scenario_a_faction_starts_at_its_largest_place() -> None:
    bare = WORLD.scenario.model_copy(
        update={"map": WORLD.scenario.map.model_copy(update={"home": {}})}
    )
    state = new_game(compile_world(bare), 3)
    assert home_region(state, "dawn") == "tripoli"  # 1,100,000 people
    assert home_region(state, "tobruk") == "tobruk_city"  # 120,000, more than Ajdabiya
    assert home_region(state, "foreign") == "sicily"


# -- snapshots (the lead generates the files) ----------------------------------------------


@pytest.mark.parametrize(
    "size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
)
def test_snapshot_map_after_a_turn(
    size: tuple[int, int], snap_compare: Any, make_session: Any, make_app: Any
) -> None:
    session = make_session("tobruk")
    session.end_turn()
    assert snap_compare(make_app(session), terminal_size=size)


async def test_the_map_takes_its_colours_from_the_current_theme(
    make_session: Any, make_app: Any
) -> None:
    app = make_app(make_session("tobruk"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        game_map = app.screen.query_one(MapView)
        assert game_map._plan is not None
        x, y = min(game_map._plan.coast)

        def painted() -> Any:
            game_map.render_line(y)
            return game_map._grid[y][x][1]

        def themed() -> Any:
            return game_map.get_component_rich_style("map-view--coast", partial=True)

        before = painted()
        assert before == themed()
        app.theme = "textual-light"
        await pilot.pause()
        assert painted() == themed() != before
