"""The scenario loader: every broken file ends in a ScenarioError naming file:line:col.

The fixtures in tests/fixtures/broken/ are copies of the default scenario, each broken
on purpose (the first lines of each file say how). Expected positions are computed by
searching the fixture text for the offending key, never hard-coded, so a fixture can be
edited without renumbering the tests.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import loader
from game.scenario.bounds import MAX_TURNS
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_scenario, parse_scenario
from game.scenario.models import Scenario

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BROKEN = FIXTURES / "broken"
DEFAULT = ROOT / "scenarios" / "oil_crescent_2014.toml"


# --------------------------------------------------------------------------------------
# Helpers


def position(
    text: str, snippet: str, key: str | None = None, nth: int | None = None
) -> tuple[int, int]:
    """1-based (line, col) of ``key`` (default: the start) inside ``snippet`` in ``text``.

    With ``nth`` None the snippet must occur exactly once, so a test cannot silently
    point at the wrong place; otherwise the ``nth`` (0-based) occurrence is used.
    """
    if nth is None:
        assert text.count(snippet) == 1, f"{snippet!r} occurs {text.count(snippet)} times"
        nth = 0
    start = -1
    for _ in range(nth + 1):
        start = text.find(snippet, start + 1)
        assert start >= 0, f"{snippet!r} occurs fewer than {nth + 1} times"
    offset = start + (snippet.index(key) if key is not None else 0)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return info.value.problems


def parse_problems(text: str | bytes, filename: str = "test.toml") -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, filename)
    return info.value.problems


@dataclass(frozen=True)
class Expect:
    """A problem expected where ``snippet`` (at ``key`` in it) is written."""

    snippet: str
    message: str
    key: str | None = None
    nth: int | None = None


def assert_problems(path: Path, problems: list[Problem], expected: list[Expect]) -> None:
    """Exactly the expected problems, each at its computed file:line:col, in file order."""
    text = path.read_text(encoding="utf-8")
    want = sorted((*position(text, e.snippet, e.key, e.nth), e.message) for e in expected)
    got = [(p.line, p.col, p.message) for p in problems]
    assert len(got) == len(want), "\n".join(str(p) for p in problems)
    assert [(line, col) for line, col, _ in got] == [(line, col) for line, col, _ in want], (
        "\n".join(str(p) for p in problems)
    )
    # Messages at one position may come in any order; match them as a multiset.
    for (line, col, message), problem in zip(want, problems, strict=True):
        here = [p.message for p in problems if (p.line, p.col) == (line, col)]
        assert any(message in m for m in here), f"{message!r} not in {here}"
        assert problem.file == str(path)
        assert str(problem).startswith(f"{path}:{problem.line}:{problem.col}: ")


# --------------------------------------------------------------------------------------
# Focused broken fixtures: one problem each (two for a misspelt required key)

CASES: dict[str, list[Expect]] = {
    "syntax_error": [
        Expect(
            "\npopulation 1100000",
            "TOML syntax error: Expected '=' after a key",
            key="1100000",
        )
    ],
    "unknown_key": [
        # one mistake, one problem: not also "missing required key 'name'"
        Expect('nmae = "Misrata"', "unknown key 'nmae' in region[3]; did you mean 'name'?"),
    ],
    "unknown_controller": [
        Expect('controller = "tobrukk"', "unknown controller 'tobrukk'; did you mean 'tobruk'?")
    ],
    "link_to_nowhere": [
        Expect(
            'b = "tripolli"',
            "link to nowhere: unknown region 'tripolli'; did you mean 'tripoli'?",
        )
    ],
    "force_unknown_region": [
        Expect('region = "sirt"', "unknown region 'sirt'; did you mean 'sirte'?")
    ],
    "event_unknown_faction": [
        Expect('faction = "foriegn"', "unknown faction 'foriegn'; did you mean 'foreign'?")
    ],
    "victory_unknown_track": [
        Expect('track = "un_tlaks"', "unknown track 'un_tlaks'; did you mean 'un_talks'?")
    ],
    "bot_unknown_order": [
        Expect(
            'order = "speedboat_raids"',
            "unknown order 'speedboat_raids'; did you mean 'speedboat_raid'?",
        )
    ],
    "duplicate_id": [Expect('id = "mig23"', "duplicate force id 'mig23'", nth=1)],
    "unreachable_region": [
        Expect(
            'id = "sicily"',
            "region 'sicily' is unreachable: no chain of links joins it to 'western_fields'",
        )
    ],
    "wrong_type": [
        Expect('turns = "12"', "meta.turns: expected an integer, found '12' (a string)")
    ],
    "out_of_range": [
        Expect("damage = 150", "region[5].damage: 150 is out of range: from 0 to 100")
    ],
    "unknown_effect_type": [
        Expect(
            'type = "trak"',
            "event[5].effects[0]: unknown type 'trak'; did you mean 'track'?",
        )
    ],
    "missing_required_track": [
        Expect("[[track]]", "missing required track 'humanitarian_access'", nth=0)
    ],
    "oil_output_mismatch": [
        Expect(
            "start = 360000",
            "oil_output starts at 360000 bpd but the regions produce 352000 bpd",
        )
    ],
    "event_date_outside": [
        Expect("date = 2015-03-20", "date 2015-03-20 is after the scenario ends")
    ],
    # Only the version is reported: the unknown key `calendar` may be valid in format 2.
    "newer_format": [
        Expect(
            "format_version = 2",
            "format_version 2 is newer than this build of Sidra reads (1); update Sidra",
        )
    ],
}

MANY: list[Expect] = [
    Expect("start = 360000", "oil_output starts at 360000 bpd"),
    Expect('track = "un_tlaks"', "unknown track 'un_tlaks'; did you mean 'un_talks'?"),
    Expect('controller = "tobrukk"', "unknown controller 'tobrukk'; did you mean 'tobruk'?"),
    Expect('b = "tripolli"', "link to nowhere: unknown region 'tripolli'"),
    Expect('region = "sirt"', "unknown region 'sirt'; did you mean 'sirte'?"),
    Expect('id = "mig23"', "duplicate force id 'mig23'", nth=1),
    Expect("date = 2014-11-13", "date 2014-11-13 is before the scenario starts (2014-12-13)"),
    Expect('faction = "foriegn"', "unknown faction 'foriegn'; did you mean 'foreign'?"),
    Expect("turn = 13", "turn 13 is after the last turn (12)"),
    Expect('faction = "berbers"', "unknown faction 'berbers'"),
    Expect('order = "speedboat_raids"', "unknown order 'speedboat_raids'"),
]

MANY_MIXED: list[Expect] = [
    # Reference problems among the parts that validate...
    Expect('track = "un_tlaks"', "unknown track 'un_tlaks'; did you mean 'un_talks'?"),
    Expect('controller = "tobrukk"', "unknown controller 'tobrukk'; did you mean 'tobruk'?"),
    Expect('region = "sirt"', "unknown region 'sirt'; did you mean 'sirte'?"),
    Expect('faction = "tobruck"', "unknown faction 'tobruck'; did you mean 'tobruk'?"),
    Expect('order = "speedboat_raids"', "unknown order 'speedboat_raids'"),
    # ...and every type, range and key problem.
    Expect('turns = "12"', "meta.turns: expected an integer"),
    Expect("situaton = []", "unknown key 'situaton' in briefing; did you mean 'situation'?"),
    Expect(
        'color = "green"', "faction[1].color: 'green' (a string) is not a colour written #rrggbb"
    ),
    Expect('nmae = "Misrata"', "unknown key 'nmae' in region[3]; did you mean 'name'?"),
    Expect("damage = 150", "region[5].damage: 150 is out of range: from 0 to 100"),
    Expect('lat = "32.08"', "region[8].lat: expected a number, found '32.08' (a string)"),
    Expect(
        'kind = "jet"',
        "force[10].kind: unknown value 'jet'; the allowed values are: ground, air, naval",
    ),
    Expect('type = "trak"', "unknown type 'trak'; did you mean 'track'?"),
    Expect("weight = 2\n", "unknown key 'weight' in bot[0].priority[9]"),
]


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture_names_the_right_place(name: str) -> None:
    path = BROKEN / f"{name}.toml"
    assert_problems(path, problems_of(path), CASES[name])


def test_every_problem_of_a_file_is_listed_sorted_by_line() -> None:
    path = BROKEN / "many_problems.toml"
    problems = problems_of(path)
    assert len(problems) == len(MANY) == 11
    lines = [p.line for p in problems]
    assert lines == sorted(lines)
    assert len(set(lines)) == len(lines)  # Eleven places, not one problem repeated.
    assert_problems(path, problems, MANY)


def test_model_and_reference_problems_are_listed_together_sorted_by_line() -> None:
    """Type errors do not hide reference errors: one run lists all fourteen (a misspelt
    required key is one problem, not also a missing one).

    Elements that fail validation (the Misrata region, Tobruk's region, the MiG...) are
    left out of the reference checks without making references to them "unknown".
    """
    path = BROKEN / "many_mixed_problems.toml"
    problems = problems_of(path)
    assert len(problems) == len(MANY_MIXED) == 14
    assert [(p.line, p.col) for p in problems] == sorted((p.line, p.col) for p in problems)
    assert_problems(path, problems, MANY_MIXED)


def test_error_text_lists_one_problem_per_line_in_order() -> None:
    path = BROKEN / "many_problems.toml"
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    lines = str(info.value).splitlines()
    assert lines == [str(p) for p in info.value.problems]
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: \S", line) for line in lines)


def test_every_broken_fixture_is_tested() -> None:
    files = {p.stem for p in BROKEN.glob("*.toml")}
    assert files == {*CASES, "many_problems", "many_mixed_problems"}


@pytest.mark.parametrize("name", ["victory_unknown_track", "unknown_key", "syntax_error"])
def test_windows_line_endings_give_the_same_positions(name: str, tmp_path: Path) -> None:
    original = BROKEN / f"{name}.toml"
    crlf = tmp_path / f"{name}.toml"
    crlf.write_bytes(original.read_bytes().replace(b"\n", b"\r\n"))
    want = [(p.line, p.col, p.message) for p in problems_of(original)]
    assert [(p.line, p.col, p.message) for p in problems_of(crlf)] == want


# --------------------------------------------------------------------------------------
# Good files


@pytest.mark.parametrize("path", sorted((ROOT / "scenarios").glob("*.toml")), ids=lambda p: p.name)
def test_shipped_scenarios_validate(path: Path) -> None:
    scenario = load_scenario(path)
    assert isinstance(scenario, Scenario)
    assert scenario.region and scenario.faction and scenario.order


def test_the_default_scenario_is_shipped() -> None:
    assert DEFAULT in sorted((ROOT / "scenarios").glob("*.toml"))


@pytest.mark.parametrize("path", sorted((FIXTURES / "ok").glob("*.toml")), ids=lambda p: p.name)
def test_ok_fixtures_validate(path: Path) -> None:
    assert isinstance(load_scenario(path), Scenario)


def test_bytes_str_and_byte_order_mark_give_the_same_scenario() -> None:
    raw = DEFAULT.read_bytes()
    from_bytes = parse_scenario(raw, str(DEFAULT))
    assert parse_scenario(raw.decode("utf-8"), str(DEFAULT)) == from_bytes
    assert parse_scenario(b"\xef\xbb\xbf" + raw, str(DEFAULT)) == from_bytes
    assert parse_scenario("\ufeff" + raw.decode("utf-8"), str(DEFAULT)) == from_bytes


def test_a_byte_order_mark_does_not_shift_positions() -> None:
    path = BROKEN / "unknown_controller.toml"
    want = [(p.line, p.col) for p in problems_of(path)]
    problems = parse_problems(b"\xef\xbb\xbf" + path.read_bytes(), str(path))
    assert [(p.line, p.col) for p in problems] == want


# --------------------------------------------------------------------------------------
# Files that cannot be read or decoded


def test_non_utf8_bytes_are_located() -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    line, col = position(text, 'name = "Sirte"', key="Sirte")
    raw = text.encode("utf-8").replace(b'name = "Sirte"', b'name = "\xffSirte"')
    (problem,) = parse_problems(raw, "latin.toml")
    assert (problem.file, problem.line, problem.col) == ("latin.toml", line, col)
    assert "not valid UTF-8" in problem.message


def test_a_file_saved_as_windows_1252_is_located_at_its_first_non_ascii_character() -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    first = next(i for i, ch in enumerate(text) if ord(ch) > 127)
    line = text.count("\n", 0, first) + 1
    col = first - (text.rfind("\n", 0, first) + 1) + 1
    raw = text.encode("cp1252", errors="replace")
    (problem,) = parse_problems(raw, "cp1252.toml")
    assert (problem.line, problem.col) == (line, col)
    assert "not valid UTF-8" in problem.message


def test_load_scenario_on_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "scenario.toml"
    (problem,) = problems_of(missing)
    assert (problem.file, problem.line, problem.col) == (str(missing), 1, 1)
    assert problem.message.startswith("cannot read file: ")
    assert "No such file" in problem.message


def test_load_scenario_on_a_directory(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path)
    assert problem.file == str(tmp_path)
    assert problem.message.startswith("cannot read file: ")


def test_load_scenario_on_a_path_with_a_nul_byte() -> None:
    (problem,) = problems_of(Path("bad\0name.toml"))
    assert problem.message.startswith("cannot read file: ")


# --------------------------------------------------------------------------------------
# Parser failures that are not TOMLDecodeError (tomli's RecursionError and others)


def test_three_thousand_brackets_are_a_located_syntax_error() -> None:
    (problem,) = parse_problems("[" * 3000, "deep.toml")
    assert (problem.file, problem.line) == ("deep.toml", 1)
    assert problem.message.startswith("TOML syntax error")


@pytest.mark.parametrize("opener", ["[", "{ a = ", "[{ a = "])
def test_absurdly_nested_value_is_a_located_problem_not_a_traceback(opener: str) -> None:
    text = "format_version = 1\nx = " + opener * 3000
    (problem,) = parse_problems(text, "deep.toml")
    assert (problem.file, problem.line) == ("deep.toml", 2)
    assert problem.message.startswith("TOML syntax error")
    assert "nest" in problem.message
    # The column points into the run of openers, where the parser gave up.
    assert 5 <= problem.col <= len(text.splitlines()[1])
    assert text.splitlines()[1][problem.col - 1] in "[{a= "


def test_deep_nesting_inside_a_real_scenario_names_its_line() -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    deep = "[" * 1000 + "1" + "]" * 1000
    broken = text.replace("turns = 12\n", f"turns = {deep}\n", 1)
    line, _ = position(broken, "turns = [")
    (problem,) = parse_problems(broken, "deep.toml")
    assert problem.line == line
    assert "nested" in problem.message


def test_key_with_too_many_parts_is_a_located_problem() -> None:
    text = "format_version = 1\n" + "a" + ".a" * 2000 + " = 1\n"
    (problem,) = parse_problems(text, "keys.toml")
    assert problem.line == 2
    assert problem.message.startswith("TOML syntax error")
    assert "parts" in problem.message


def test_any_other_parser_failure_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_parser(text: str) -> dict[str, object]:
        raise ValueError("parser bug")

    monkeypatch.setattr(loader.tomli, "loads", broken_parser)
    (problem,) = parse_problems("format_version = 1\n", "any.toml")
    assert (problem.file, problem.line, problem.col) == ("any.toml", 1, 1)
    assert problem.message == "TOML parser failed: ValueError: parser bug"


# --------------------------------------------------------------------------------------
# Valid TOML, wrong shape


def test_empty_file_lists_every_missing_section() -> None:
    problems = parse_problems("", "empty.toml")
    missing = sorted(re.findall(r"missing required key '(\w+)' in the file", str(problems)))
    assert missing == [
        "briefing",
        "faction",
        "format_version",
        "meta",
        "order",
        "region",
        "track",
    ]
    assert len(problems) == 7
    assert {(p.line, p.col) for p in problems} == {(1, 1)}


def test_missing_sections_are_listed_next_to_what_is_wrong() -> None:
    text = 'format_version = 1\n[meta]\nid = "x"\ntitle = "X"\nstart = 2014-12-13\nturns = 0\n'
    problems = parse_problems(text, "partial.toml")
    messages = [p.message for p in problems]
    for section in ("briefing", "faction", "order", "region", "track"):
        assert f"missing required key '{section}' in the file" in messages
    (turns,) = [p for p in problems if p.message.startswith("meta.turns")]
    assert (turns.line, turns.col) == (6, 1)
    assert f"0 is out of range: from 1 to {MAX_TURNS}" in turns.message
    assert len(problems) == 6


def test_wrong_types_everywhere_are_all_listed_at_their_keys() -> None:
    text = (
        'format_version = "1"\n'
        "meta = 3\n"
        'briefing = "x"\n'
        "track = 5\n"
        "faction = {}\n"
        "region = [1, 2.5]\n"
        "order = true\n"
        "link = 2014-01-01\n"
    )
    problems = parse_problems(text, "types.toml")
    got = [(p.line, p.col, p.message) for p in problems]
    assert got == [
        (1, 1, "format_version: expected an integer, found '1' (a string)"),
        (2, 1, "meta: expected a table, found 3 (an integer)"),
        (3, 1, "briefing: expected a table, found 'x' (a string)"),
        (4, 1, "track: expected an array, found 5 (an integer)"),
        (5, 1, "faction: expected an array, found a table"),
        (6, 11, "region[0]: expected a table, found 1 (an integer)"),
        (6, 14, "region[1]: expected a table, found 2.5 (a float)"),
        (7, 1, "order: expected an array, found true (a boolean)"),
        (8, 1, "link: expected an array, found 2014-01-01 (a date)"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("turns = 12\n", "turns = true\n", "meta.turns: expected an integer, found true"),
        ("turns = 12\n", "turns = 12.0\n", "meta.turns: expected an integer, found 12.0"),
        ("start = 2014-12-13\n", 'start = "2014-12-13"\n', "meta.start: expected a date"),
        ("format_version = 1\n", "format_version = true\n", "format_version: expected an integer"),
        ("format_version = 1\n", "format_version = 0\n", "format_version 0 is not a scenario"),
    ],
)
def test_values_are_not_coerced_silently(old: str, new: str, message: str) -> None:
    text = DEFAULT.read_text(encoding="utf-8").replace(old, new, 1)
    line, col = position(text, new)
    (problem,) = parse_problems(text)
    assert (problem.line, problem.col) == (line, col)
    assert problem.message.startswith(message)


def test_tagged_table_without_type_lists_the_types() -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    old = 'when = { type = "happened", what = "air_strike_on_city", faction = "tobruk" }'
    new = 'when = { what = "air_strike_on_city", faction = "tobruk" }'
    broken = text.replace(old, new, 1)
    (problem,) = parse_problems(broken)
    assert (problem.line, problem.col) == position(broken, new)
    assert "needs a 'type' (one of track_at_least, " in problem.message
    assert "happened" in problem.message


def test_a_game_that_would_end_after_year_9999_is_a_problem_not_a_crash() -> None:
    text = DEFAULT.read_text(encoding="utf-8").replace(
        "start = 2014-12-13", "start = 9999-12-01", 1
    )
    problems = parse_problems(text)
    line, col = position(text, "start = 9999-12-01")
    first = problems[0]
    assert (first.line, first.col) == (line, col)
    assert "would end after 9999-12-31" in first.message


# --------------------------------------------------------------------------------------
# Robustness: whatever an author does to the default scenario, no traceback

_VALUES = [
    '"x"',
    "-1",
    "0",
    "true",
    "[]",
    "{}",
    "[1, 2]",
    "2014-01-01",
    "1e999",
    "nan",
    '"tobrukk"',
    "99999999999999999999999",
    '[{ type = "nope" }]',
    '{ type = "all", conditions = [] }',
    '{ type = "not", condition = { type = "controls" } }',
    "[" * 500 + "]" * 500,
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(1, 3))
def test_mutated_default_scenario_never_escapes_as_a_traceback(
    rnd: random.Random, edits: int
) -> None:
    lines = DEFAULT.read_text(encoding="utf-8").split("\n")
    for _ in range(edits):
        i = rnd.randrange(len(lines))
        action = rnd.choice(["value", "value", "delete", "duplicate", "noise"])
        if action == "value" and " = " in lines[i]:
            key = lines[i].split(" = ", 1)[0]
            lines[i] = f"{key} = {rnd.choice(_VALUES)}"
        elif action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = rnd.randrange(len(lines[i]) + 1)
            noise = rnd.choice(["[", "]", "{", '"', "=", ".", "#", "\\"])
            lines[i] = lines[i][:j] + noise + lines[i][j:]
    text = "\n".join(lines)
    try:
        parse_scenario(text, "mutant.toml")
    except ScenarioError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "mutant.toml"
            assert 1 <= problem.line <= len(lines)
            assert problem.col >= 1
            assert problem.message


def test_a_map_cut_in_two_is_one_problem_naming_the_cut_off_regions() -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    for link in (
        '[[link]]\na = "sirte"\nb = "es_sider"\nkind = "coast"\n\n',
        '[[link]]\na = "misrata"\nb = "es_sider"\nkind = "sea"\nsource = "p4"\n\n',
    ):
        assert text.count(link) == 1
        text = text.replace(link, "")
    (problem,) = parse_problems(text)
    assert (problem.line, problem.col) == position(text, 'id = "es_sider"')
    assert problem.message == (
        "regions 'es_sider', 'ras_lanuf', 'ajdabiya', 'tobruk_city' are unreachable: "
        "no chain of links joins them to 'western_fields'"
    )


def test_references_to_an_element_with_a_type_error_are_not_reported_unknown() -> None:
    """Misrata is referenced by links, forces, supply, victory terms and bots; when its
    own entry is broken only that entry is reported."""
    text = DEFAULT.read_text(encoding="utf-8")
    old = 'id = "misrata"\nname = "Misrata"\nkind = "city"\nlat = 32.38'
    broken = text.replace(old, old.replace("lat = 32.38", 'lat = "32.38"'), 1)
    (problem,) = parse_problems(broken)
    assert (problem.line, problem.col) == position(broken, 'lat = "32.38"')
    assert problem.message == "region[3].lat: expected a number, found '32.38' (a string)"


def test_an_old_kind_name_still_loads_and_plays_the_same() -> None:
    # ``mig_raid`` was the name of the air-raid kind before kinds got generic names; a
    # scenario (or a save's embedded scenario) that still says so is the same game.
    from game.ai.registry import BotSpec
    from game.engine.world import compile_world
    from game.lab.simulate import play_game
    from game.scenario.rules import Happened

    text = (ROOT / "scenarios" / "oil_crescent_2014.toml").read_text(encoding="utf-8")
    assert 'kind = "air_raid"' in text
    old = text.replace('kind = "air_raid"', 'kind = "mig_raid"')
    new_world = compile_world(parse_scenario(text))
    old_world = compile_world(parse_scenario(old))
    assert old_world.orders["mig_raid"].kind == "air_raid"
    happened = Happened.model_validate({"type": "happened", "what": "mig_raid"})
    assert happened.what == "air_raid"
    seats = (BotSpec(),) * len(new_world.faction_ids)
    for seed in range(3):
        assert play_game(old_world, seed, seats).hash == play_game(new_world, seed, seats).hash
