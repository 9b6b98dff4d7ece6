"""Tests for game.scenario.locate: TOML key paths -> 1-based (line, col) of the key."""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.locate import KeyLocator, Path, locate_keys

Pos = tuple[int, int]


def at(text: str, needle: str, occurrence: int = 1) -> Pos:
    """The (line, col) of the ``occurrence``-th ``needle`` in ``text`` (test helper)."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# --------------------------------------------------------------------------------------
# Tables, arrays of tables, sub-tables


def test_table_header_and_its_key() -> None:
    text = '[meta]\nid = "x"\n'
    assert locate_keys(text) == {("meta",): (1, 1), ("meta", "id"): (2, 1)}


def test_indented_header_with_spaces_inside_brackets() -> None:
    text = '  [ meta ]  # the header\n\tid = "x"\n'
    assert locate_keys(text) == {("meta",): (1, 3), ("meta", "id"): (2, 2)}


def test_root_keys_before_first_table() -> None:
    text = "format_version = 1\nname = 'Sidra'\n\n[meta]\nturns = 12\n"
    assert locate_keys(text) == {
        ("format_version",): (1, 1),
        ("name",): (2, 1),
        ("meta",): (4, 1),
        ("meta", "turns"): (5, 1),
    }


def test_arrays_of_tables_are_indexed_per_occurrence() -> None:
    text = (
        "[[region]]\n"  # 1
        'id = "tripoli"\n'  # 2
        "\n"  # 3
        "[[region]]\n"  # 4
        'id = "misrata"\n'  # 5
        "[region.facilities]\n"  # 6
        "oil_tanks = 19\n"  # 7
        "[[region]]\n"  # 8
        '  id = "sirte"\n'  # 9
    )
    assert locate_keys(text) == {
        ("region",): (1, 1),
        ("region", 0): (1, 1),
        ("region", 0, "id"): (2, 1),
        ("region", 1): (4, 1),
        ("region", 1, "id"): (5, 1),
        ("region", 1, "facilities"): (6, 1),
        ("region", 1, "facilities", "oil_tanks"): (7, 1),
        ("region", 2): (8, 1),
        ("region", 2, "id"): (9, 3),
    }


def test_nested_arrays_of_tables_restart_under_each_parent_element() -> None:
    text = (
        "[[bot]]\n"  # 1
        'id = "hafter"\n'  # 2
        "[[bot.priority]]\n"  # 3
        'order = "attack"\n'  # 4
        "[[bot.priority]]\n"  # 5
        'order = "fortify"\n'  # 6
        "[bot.priority.when]\n"  # 7
        "turn = 3\n"  # 8
        "[[bot]]\n"  # 9
        'id = "dawn"\n'  # 10
        "[[ bot . priority ]]\n"  # 11
        'order = "move"\n'  # 12
        "[bot.limits]\n"  # 13
        "max = 2\n"  # 14
    )
    found = locate_keys(text)
    assert found[("bot", 0)] == (1, 1)
    assert found[("bot", 0, "id")] == (2, 1)
    assert found[("bot", 0, "priority")] == (3, 1)
    assert found[("bot", 0, "priority", 0)] == (3, 1)
    assert found[("bot", 0, "priority", 0, "order")] == (4, 1)
    assert found[("bot", 0, "priority", 1)] == (5, 1)
    assert found[("bot", 0, "priority", 1, "order")] == (6, 1)
    assert found[("bot", 0, "priority", 1, "when")] == (7, 1)
    assert found[("bot", 0, "priority", 1, "when", "turn")] == (8, 1)
    assert found[("bot", 1)] == (9, 1)
    assert found[("bot", 1, "id")] == (10, 1)
    assert found[("bot", 1, "priority")] == (11, 1)
    assert found[("bot", 1, "priority", 0)] == (11, 1)
    assert found[("bot", 1, "priority", 0, "order")] == (12, 1)
    assert found[("bot", 1, "limits")] == (13, 1)
    assert found[("bot", 1, "limits", "max")] == (14, 1)
    assert ("bot", 1, "priority", 1) not in found
    assert ("bot", 2) not in found


def test_super_table_implied_by_a_dotted_header_then_defined() -> None:
    text = "[a.b]\nx = 1\n[a]\ny = 2\n"
    found = locate_keys(text)
    # ("a",) is implied at `a` of line 1, but [a] on line 3 defines it, and that wins.
    assert found[("a",)] == (3, 1)
    assert found[("a", "b")] == (1, 1)
    assert found[("a", "b", "x")] == (2, 1)
    assert found[("a", "y")] == (4, 1)


def test_implied_super_table_is_located_at_its_name_in_the_header() -> None:
    text = "[outer.inner]\nx = 1\n"
    assert locate_keys(text) == {
        ("outer",): (1, 2),
        ("outer", "inner"): (1, 1),
        ("outer", "inner", "x"): (2, 1),
    }


# --------------------------------------------------------------------------------------
# Dotted keys, inline tables, arrays


def test_dotted_keys() -> None:
    text = 'a.b = 1\na . c . "d e" = 2\n[t]\nx.y.z = 3\n'
    assert locate_keys(text) == {
        ("a",): (1, 1),
        ("a", "b"): (1, 3),
        ("a", "c"): (2, 5),
        ("a", "c", "d e"): (2, 9),
        ("t",): (3, 1),
        ("t", "x"): (4, 1),
        ("t", "x", "y"): (4, 3),
        ("t", "x", "y", "z"): (4, 5),
    }


def test_inline_tables() -> None:
    text = (
        "[[region]]\n"
        'id = "ras_lanuf"\n'
        "facilities = { oil_tanks = 19, port = true, damage = { tanks = 7 }, a.b = 1 }\n"
    )
    found = locate_keys(text)
    assert found[("region", 0, "facilities")] == at(text, "facilities")
    assert found[("region", 0, "facilities", "oil_tanks")] == at(text, "oil_tanks")
    assert found[("region", 0, "facilities", "port")] == at(text, "port")
    assert found[("region", 0, "facilities", "damage")] == at(text, "damage")
    assert found[("region", 0, "facilities", "damage", "tanks")] == at(text, "tanks = 7")
    assert found[("region", 0, "facilities", "a")] == at(text, "a.b")
    assert found[("region", 0, "facilities", "a", "b")] == at(text, "b = 1")
    assert found[("region", 0, "facilities", "oil_tanks")] == (3, 16)


def test_empty_inline_table_and_array() -> None:
    text = "a = {}\nb = [ ]\nc = { }\n"
    assert locate_keys(text) == {("a",): (1, 1), ("b",): (2, 1), ("c",): (3, 1)}


def test_inline_table_over_several_lines_with_comments() -> None:
    # TOML 1.1 (read by tomli >= 2.3) allows newlines, comments and a trailing comma.
    text = "x = {\n  a = 1, # one\n  b = [2],\n}\ny = 3\n"
    assert tomli.loads(text) == {"x": {"a": 1, "b": [2]}, "y": 3}
    assert locate_keys(text) == {
        ("x",): (1, 1),
        ("x", "a"): (2, 3),
        ("x", "b"): (3, 3),
        ("x", "b", 0): (3, 8),
        ("y",): (5, 1),
    }


def test_multiline_array_of_inline_tables() -> None:
    text = (
        "[[event]]\n"  # 1
        'id = "e1"\n'  # 2
        'effects = [ { type = "track", add = 10 }, {type="x"},\n'  # 3
        "  # a comment with { braces } and [brackets],\n"  # 4
        '    { type = "stat", nested = [ { deep = 1 } ] },\n'  # 5
        "]\n"  # 6
        "after = 1\n"  # 7
    )
    found = locate_keys(text)
    e: Path = ("event", 0, "effects")
    assert found[e] == (3, 1)
    assert found[(*e, 0)] == (3, 13)
    assert found[(*e, 0, "type")] == (3, 15)
    assert found[(*e, 0, "add")] == (3, 31)
    assert found[(*e, 1)] == (3, 43)
    assert found[(*e, 1, "type")] == (3, 44)
    assert found[(*e, 2)] == (5, 5)
    assert found[(*e, 2, "type")] == (5, 7)
    assert found[(*e, 2, "nested")] == (5, 22)
    assert found[(*e, 2, "nested", 0)] == (5, 33)
    assert found[(*e, 2, "nested", 0, "deep")] == (5, 35)
    assert (*e, 3) not in found
    assert found[("event", 0, "after")] == (7, 1)


def test_arrays_of_scalars_and_nested_arrays() -> None:
    text = 'x = [1, "two", [3.0, [true]], 1979-05-27]\ny = [\n  "a",\n  "b", ]\n'
    assert locate_keys(text) == {
        ("x",): (1, 1),
        ("x", 0): (1, 6),
        ("x", 1): (1, 9),
        ("x", 2): (1, 16),
        ("x", 2, 0): (1, 17),
        ("x", 2, 1): (1, 22),
        ("x", 2, 1, 0): (1, 23),
        ("x", 3): (1, 31),
        ("y",): (2, 1),
        ("y", 0): (3, 3),
        ("y", 1): (4, 3),
    }


# --------------------------------------------------------------------------------------
# Keys, strings, comments and scalars


def test_quoted_keys_are_unquoted_and_unescaped() -> None:
    text = (
        '"a b" = 1\n'
        "'lit' = 2\n"
        '"a.b" = 3\n'
        '"esc\\u0041\\"q" = 4\n'
        '"" = 5\n'
        "'C:\\path' = 6\n"
        "[ \"my table\" . 'sub' ]\n"
        "k = 7\n"
    )
    assert tomli.loads(text)['escA"q'] == 4
    assert locate_keys(text) == {
        ("a b",): (1, 1),
        ("lit",): (2, 1),
        ("a.b",): (3, 1),
        ('escA"q',): (4, 1),
        ("",): (5, 1),
        ("C:\\path",): (6, 1),
        ("my table",): (7, 3),
        ("my table", "sub"): (7, 1),
        ("my table", "sub", "k"): (8, 1),
    }


def test_strings_of_all_four_kinds_are_skipped() -> None:
    text = (
        's1 = "quote \\" # not a comment [x] = 1"\n'  # 1
        "s2 = 'C:\\dir\\ # still a string'\n"  # 2
        's3 = """\n'  # 3
        "[fake]\n"  # 4
        'fake = "inside" \\"""\n'  # 5
        'ends with quotes""""\n'  # 6
        "s4 = '''\n"  # 7
        "[[also_fake]]\n"  # 8
        "it's = 'fine' ''\n"  # 9
        "''''' # five quotes: two belong to the string\n"  # 10
        's5 = """one line""" # comment\n'  # 11
        's6 = """a line ending in a backslash \\\n'  # 12
        '    continues"""\n'  # 13
        "real = 1\n"  # 14
    )
    parsed = tomli.loads(text)
    assert set(parsed) == {"s1", "s2", "s3", "s4", "s5", "s6", "real"}
    assert locate_keys(text) == {
        ("s1",): (1, 1),
        ("s2",): (2, 1),
        ("s3",): (3, 1),
        ("s4",): (7, 1),
        ("s5",): (11, 1),
        ("s6",): (12, 1),
        ("real",): (14, 1),
    }


def test_comments_dates_numbers_and_schema_line() -> None:
    text = (
        "#:schema ./scenario.schema.json\n"  # 1
        "# [commented] = out\n"  # 2
        "start = 2014-12-13 # a date\n"  # 3
        "stamp = 1979-05-27 07:32:00.999-07:00\n"  # 4
        "local = 1979-05-27T07:32:00\n"  # 5
        "clock = 07:32:00\n"  # 6
        "budget = 1_000_000\n"  # 7
        "mask = 0xdead_beef\n"  # 8
        "ratio = -6.626e-34\n"  # 9
        "big = +inf\n"  # 10
        "flag = false   # true\n"  # 11
        "after = [2014-12-13 07:00:00, 1_2]\n"  # 12
    )
    parsed = tomli.loads(text)
    assert parsed["stamp"].utcoffset() == dt.timedelta(hours=-7)
    found = locate_keys(text)
    assert found == {
        ("start",): (3, 1),
        ("stamp",): (4, 1),
        ("local",): (5, 1),
        ("clock",): (6, 1),
        ("budget",): (7, 1),
        ("mask",): (8, 1),
        ("ratio",): (9, 1),
        ("big",): (10, 1),
        ("flag",): (11, 1),
        ("after",): (12, 1),
        ("after", 0): (12, 10),
        ("after", 1): (12, 31),
    }


def test_columns_count_characters_not_bytes() -> None:
    text = 'name = "طرابلس"\nfacilities = { label = "🛢🛢", port = true }\nt = ["é", 3]\n'
    found = locate_keys(text)
    # 'label = "🛢🛢", ' is 14 characters but 20 UTF-8 bytes.
    assert found[("facilities", "port")] == (2, 30)
    assert found[("facilities", "port")] == at(text, "port")
    assert found[("t", 1)] == (3, 11)


def test_crlf_line_endings() -> None:
    text = "[meta]\r\nid = 'x'\r\n\r\n[[region]]\r\nlist = [\r\n  1,\r\n  2 ]\r\n"
    assert tomli.loads(text) == {"meta": {"id": "x"}, "region": [{"list": [1, 2]}]}
    assert locate_keys(text) == {
        ("meta",): (1, 1),
        ("meta", "id"): (2, 1),
        ("region",): (4, 1),
        ("region", 0): (4, 1),
        ("region", 0, "list"): (5, 1),
        ("region", 0, "list", 0): (6, 3),
        ("region", 0, "list", 1): (7, 3),
    }


# --------------------------------------------------------------------------------------
# KeyLocator.position and positions


def test_position_exact_then_nearest_ancestor_then_origin() -> None:
    text = '[meta]\nid = "x"\n[[event]]\neffects = [ { type = "track", add = 10 } ]\n'
    locator = KeyLocator(text)
    assert locator.position(("meta", "id")) == (2, 1)
    # A missing key is reported where its table starts.
    assert locator.position(("meta", "title")) == (1, 1)
    assert locator.position(("event", 0, "when")) == (3, 1)
    # A path with a part TOML does not have falls back to the deepest known part.
    assert locator.position(("event", 0, "effects", 0, "track", "add")) == (4, 13)
    assert locator.position(("event", 0, "effects", 0, "add")) == (4, 31)
    assert locator.position(("event", 5)) == (3, 1)
    assert locator.position(("nowhere", 1, "x")) == (1, 1)
    assert locator.position(()) == (1, 1)


def test_positions_is_a_copy_and_matches_locate_keys() -> None:
    text = "a = 1\n[b]\nc = 2\n"
    locator = KeyLocator(text)
    first = locator.positions()
    first[("zzz",)] = (9, 9)
    assert (
        locator.positions()
        == locate_keys(text)
        == {
            ("a",): (1, 1),
            ("b",): (2, 1),
            ("b", "c"): (3, 1),
        }
    )


# --------------------------------------------------------------------------------------
# Malformed text


MALFORMED = [
    "",
    "\n\n",
    "[",
    "[[",
    "[]",
    "[a",
    "[[a]",
    "[a.]",
    "a",
    "a =",
    "a = ",
    "= 1",
    "a = [",
    "a = [1,",
    "a = [1 2]",
    "a = {",
    "a = { b",
    "a = { b = ",
    "a = { b = 1 c = 2 }",
    'a = "unterminated',
    "a = 'unterminated",
    'a = """never closed\n[x]\ny = 1\n',
    "a = '''never closed\n",
    'a = "bad \\',
    '"unterminated key = 1',
    "a.b. = 1",
    "a = 1 2",
    "a = ]",
    "a = }",
    "a = [}",
    "a = {]",
    "\\",
    "\r",
    "#",
    "a = 1\r",
    "\ufeffa = 1",
    "a = [[[[[[",
    "a = {{{{",
    "[[a]]\n[a.b.]\n",
    "x = " + "[" * 5000,
    "x = " + "{a = " * 3000,
]


@pytest.mark.parametrize("text", MALFORMED, ids=[f"malformed{i}" for i in range(len(MALFORMED))])
def test_malformed_text_never_raises(text: str) -> None:
    found = locate_keys(text)
    lines = text.split("\n")
    for line, col in found.values():
        assert 1 <= line <= len(lines)
        assert 1 <= col <= len(lines[line - 1]) + 1


def test_malformed_text_keeps_what_it_found_and_recovers_on_later_lines() -> None:
    text = (
        "good = 1\n"  # 1
        "broken = [1, 2\n"  # 2
        "lost = 3\n"  # 3: the array above swallows this line and fails on it
        "[table\n"  # 4
        "bad key = 4\n"  # 5
        "still = { a = 1, b = }\n"  # 6
        "[ok]\n"  # 7
        "fine = 5\n"  # 8
    )
    found = locate_keys(text)
    assert found[("good",)] == (1, 1)
    assert found[("broken",)] == (2, 1)
    assert found[("broken", 0)] == (2, 11)
    assert found[("broken", 1)] == (2, 14)
    assert found[("still",)] == (6, 1)
    assert found[("still", "a")] == (6, 11)
    assert found[("still", "b")] == (6, 18)
    assert found[("ok",)] == (7, 1)
    assert found[("ok", "fine")] == (8, 1)


def test_deep_nesting_is_skipped_without_recursion_error() -> None:
    depth = 3000
    text = f"x = {'[' * depth}1{']' * depth}\ny = {{ z = {'[' * depth}{']' * depth} }}\nw = 2\n"
    found = locate_keys(text)
    assert found[("x",)] == (1, 1)
    assert found[("x", 0)] == (1, 6)
    assert found[("x", 0, 0)] == (1, 7)
    assert found[("y",)] == (2, 1)
    assert found[("y", "z")] == (2, 7)
    assert found[("w",)] == (3, 1)


_NOISE = st.text(alphabet=" \t\n\r#\"'\\[]{}=,.:abz019_-+é🛢", max_size=300)


@settings(max_examples=300, deadline=None)
@given(_NOISE)
def test_random_text_never_raises(text: str) -> None:
    found = locate_keys(text)
    lines = text.split("\n")
    for line, col in found.values():
        assert 1 <= line <= len(lines)
        assert 1 <= col <= len(lines[line - 1]) + 1


_SAMPLE = (
    "#:schema ./scenario.schema.json\n"
    "format_version = 1\n"
    "[meta]\n"
    'id = "libya_2014"\n'
    'title = """Dawn & "Dignity"\n# not a comment"""\n'
    "[[region]]\n"
    "id = 'es_sider'\n"
    "facilities = { oil_tanks = 19, port = true }\n"
    "[region.extra]\n"
    "a.b = [1, { c = 'd' }]\n"
    "[[event]]\n"
    'effects = [\n  { type = "track", add = 10 }, # x\n  {type="x"},\n]\n'
)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_damaged_documents_never_raise(data: st.DataObject) -> None:
    text = _SAMPLE
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 8)))
        text = text[:i] + data.draw(_NOISE.map(lambda s: s[:4])) + text[j:]
    locate_keys(text)
    locate_keys(text[: data.draw(st.integers(0, len(text)))])


# --------------------------------------------------------------------------------------
# Performance


def _big_scenario(regions: int) -> str:
    parts = ["#:schema ./scenario.schema.json\nformat_version = 1\n[meta]\nid = 'big'\n"]
    for i in range(regions):
        parts.append(
            f"\n[[region]]\n"
            f'id = "region_{i}"\n'
            f'name = """Region {i} "quoted" # not a comment"""\n'
            f"controller = 'faction_{i % 5}'  # comment\n"
            f"facilities = {{ oil_tanks = {i}, port = true, output_bpd = 1_000 }}\n"
            f"neighbours = [\n  'region_{i + 1}',\n  'region_{i + 2}',\n]\n"
            f"[region.garrison]\n"
            f"strength = {i}.5\n"
            f'effects = [ {{ type = "track", add = 10 }}, {{ type = "stat", n = [1, 2] }} ]\n'
        )
    return "".join(parts)


def test_a_1500_line_file_is_located_to_its_last_key() -> None:
    # How fast is for a benchmark, not a unit test (machines are noisy): here, only that a
    # long file is located right to its last, deepest key.
    text = _big_scenario(120)
    assert text.count("\n") >= 1500
    parsed = tomli.loads(text)
    found = locate_keys(text)
    last_line = text.count("\n")
    last = text.split("\n")[last_line - 1]
    assert last.endswith("n = [1, 2] } ]")
    assert found[("region", 119, "garrison", "effects", 1, "n", 1)] == (last_line, len(last) - 5)
    assert len(parsed["region"]) == 120


# --------------------------------------------------------------------------------------
# Property test: random documents, rendered with an oracle of where each key is written

_BARE = re.compile(r"[A-Za-z0-9_-]+\Z")
_COMMENTS = ["", "", " # note", "# [fake] = 1", " # \"quoted ' # x", " #{ , ]"]

_KEY_NAMES = st.one_of(
    st.text(alphabet="abcdefxyz_-019", min_size=1, max_size=6),
    st.text(alphabet="ab_ .#=[]{}'\"\\é🛢", max_size=5),
)
_STRINGS = st.text(alphabet="ab #=[]{},.'\"\\\n\té🛢", max_size=10)
_SCALARS = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    _STRINGS,
    st.datetimes(),
    st.dates(),
    st.times(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(_KEY_NAMES, inner, max_size=3),
        st.lists(st.dictionaries(_KEY_NAMES, inner, max_size=3), min_size=1, max_size=3),
    ),
    max_leaves=12,
)
_DOCUMENTS = st.dictionaries(_KEY_NAMES, _VALUES, max_size=5)


class _Renderer:
    """Writes a value tree as TOML in randomly chosen styles, noting where each path is.

    ``expected`` follows the locator's documented rules: a header's table at its ``[``,
    the array of an ``[[x]]`` at its first header, an element at its first character, a
    key at its (last) segment; when a path is written twice the first place is kept.
    """

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.parts: list[str] = []
        self.line = 1
        self.col = 1
        self.expected: dict[Path, Pos] = {}
        self.tokens: dict[Path, str] = {}

    def text(self) -> str:
        return "".join(self.parts)

    def write(self, s: str) -> None:
        self.parts.append(s)
        newlines = s.count("\n")
        if newlines:
            self.line += newlines
            self.col = len(s) - s.rfind("\n")
        else:
            self.col += len(s)

    def mark(self, path: Path, token: str | None = None) -> None:
        self.expected.setdefault(path, (self.line, self.col))
        if token is not None:
            self.tokens.setdefault(path, token)

    def chance(self, p: float) -> bool:
        return self.rnd.random() < p

    def ws(self) -> str:
        return self.rnd.choice(["", " ", " ", "  ", "\t"])

    def end_line(self) -> None:
        self.write(self.ws() + self.rnd.choice(_COMMENTS) + "\n")
        if self.chance(0.2):
            self.write(self.rnd.choice(["\n", "# [[not.a.table]]\n", "   \n"]))

    # Keys and values

    def key_token(self, name: str) -> str:
        if _BARE.match(name) and self.chance(0.7):
            return name
        if "'" not in name and self.chance(0.4):
            return f"'{name}'"
        out = []
        for ch in name:
            if ch in '"\\':
                out.append("\\" + ch)
            elif self.chance(0.15):
                out.append(f"\\u{ord(ch):04X}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08X}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'

    def string(self, s: str) -> str:
        styles = ["basic", "ml_basic"]
        if "'" not in s and "\n" not in s:
            styles.append("literal")
        if "'''" not in s:
            styles.append("ml_literal")
        style = self.rnd.choice(styles)
        if style == "literal":
            return f"'{s}'"
        if style == "ml_literal":
            return f"'''\n{s}'''"
        escaped = s.replace("\\", "\\\\").replace('"', '\\"')
        if style == "basic":
            return '"' + escaped.replace("\n", "\\n") + '"'
        return f'"""\n{escaped}"""'

    def scalar(self, v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            forms = [str(v), f"{v:_}"] + ([f"0x{v:_x}"] if v >= 0 else [])
            return str(self.rnd.choice(forms))
        if isinstance(v, float):
            return ("-inf" if v < 0 else "+inf") if math.isinf(v) else repr(v)
        if isinstance(v, dt.datetime):
            return v.isoformat(sep=self.rnd.choice(" T"))
        if isinstance(v, dt.date | dt.time):
            return v.isoformat()
        assert isinstance(v, str)
        return self.string(v)

    def flatten(self, keys: list[str], value: Any) -> list[tuple[list[str], Any]]:
        """Split a table value into dotted keys (``a.b = 1``) or keep it whole."""
        if isinstance(value, dict) and value and self.chance(0.35):
            out: list[tuple[list[str], Any]] = []
            for k, v in value.items():
                out.extend(self.flatten([*keys, k], v))
            return out
        return [(keys, value)]

    def key(self, base: Path, keys: list[str]) -> Path:
        path = base
        for j, name in enumerate(keys):
            if j:
                self.write(self.ws() + "." + self.ws())
            path = (*path, name)
            token = self.key_token(name)
            self.mark(path, token if j == len(keys) - 1 else None)
            self.write(token)
        return path

    def pair(self, base: Path, keys: list[str], value: Any) -> None:
        path = self.key(base, keys)
        self.write(self.ws() + "=" + self.ws())
        self.value(path, value)

    def array_space(self) -> None:
        self.write(self.rnd.choice(["", " ", "\n  ", " # [c] = 'x', {\n    ", "\n\n"]))

    def value(self, path: Path, value: Any) -> None:
        if isinstance(value, dict):
            self.write("{" + self.ws())
            first = True
            for k, v in value.items():
                for keys, leaf in self.flatten([k], v):
                    if not first:
                        self.write(self.ws() + "," + self.ws())
                    first = False
                    self.pair(path, keys, leaf)
            self.write(self.ws() + "}")
        elif isinstance(value, list):
            self.write("[")
            for i, element in enumerate(value):
                if i:
                    self.write(",")
                self.array_space()
                if isinstance(element, dict | list):
                    self.mark((*path, i), "{" if isinstance(element, dict) else "[")
                    self.value((*path, i), element)
                else:
                    token = self.scalar(element)
                    self.mark((*path, i), token)
                    self.write(token)
            if value and self.chance(0.3):
                self.write(",")
            self.array_space()
            self.write("]")
        else:
            self.write(self.scalar(value))

    # Tables

    def header(self, path: Path, names: list[tuple[str, Path]], is_array: bool) -> None:
        self.write(self.rnd.choice(["", "", "  "]))
        if is_array:
            self.mark(path[:-1])
        self.mark(path, "[[" if is_array else "[")
        self.write(("[[" if is_array else "[") + self.ws())
        for j, (name, prefix) in enumerate(names):
            if j:
                self.write(self.ws() + "." + self.ws())
            self.mark(prefix)
            self.write(self.key_token(name))
        self.write(self.ws() + ("]]" if is_array else "]"))
        self.end_line()

    def table(
        self, table: dict[str, Any], path: Path, names: list[tuple[str, Path]], kind: str
    ) -> None:
        """Write a table: its header (kind "table" / "aot"; none at the root), its plain
        keys, then its sub-tables and arrays of tables under headers of their own."""
        plain: list[tuple[str, Any]] = []
        below: list[tuple[str, Any, bool]] = []
        for k, v in table.items():
            if isinstance(v, dict) and self.chance(0.4):
                below.append((k, v, False))
            elif (
                isinstance(v, list)
                and v
                and all(isinstance(e, dict) for e in v)
                and self.chance(0.6)
            ):
                below.append((k, v, True))
            else:
                plain.append((k, v))
        # A table with only sub-tables may be left implied by their headers.
        if kind == "aot" or (kind == "table" and (plain or not below or self.chance(0.5))):
            self.header(path, names, kind == "aot")
        for k, v in plain:
            for keys, leaf in self.flatten([k], v):
                self.write(self.rnd.choice(["", "", "  ", "\t"]))
                self.pair(path, keys, leaf)
                self.end_line()
        for k, v, is_array in below:
            child_names = [*names, (k, (*path, k))]
            if is_array:
                for i, element in enumerate(v):
                    self.table(element, (*path, k, i), child_names, "aot")
            else:
                self.table(v, (*path, k), child_names, "table")


def _all_paths(value: Any, path: Path = ()) -> list[Path]:
    """Every path in a parsed TOML value (tables, arrays and leaves), root excluded."""
    out = [path] if path else []
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_all_paths(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_all_paths(v, (*path, i)))
    return out


def _is_leaf(parsed: dict[str, Any], path: Path) -> bool:
    value: Any = parsed
    for part in path:
        value = value[part]
    return not (isinstance(value, dict | list) and value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS, st.randoms(use_true_random=False), st.booleans())
def test_random_documents_locate_every_key(
    doc: dict[str, Any], rnd: random.Random, schema_line: bool
) -> None:
    renderer = _Renderer(rnd)
    if schema_line:
        renderer.write("#:schema ./scenario.schema.json\n")
    renderer.table(doc, (), [], "root")
    text = renderer.text()

    parsed = tomli.loads(text)
    assert parsed == doc  # The renderer wrote valid TOML for the document.

    found = locate_keys(text)
    assert found == renderer.expected

    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    paths = _all_paths(parsed)
    assert set(paths) <= set(found)
    for path in paths:
        if not _is_leaf(parsed, path):
            continue
        line, col = found[path]
        written = text[line_starts[line - 1] + col - 1 :]
        # What the renderer wrote there: the key, the element, or the header's bracket.
        token = renderer.tokens[path]
        assert written.startswith(token)
        if isinstance(path[-1], str) and not token.startswith("["):
            # The key written at (line, col) is the path's key, once tomli unquotes it.
            assert tomli.loads(f"{token} = 0") == {path[-1]: 0}
