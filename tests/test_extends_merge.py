"""The merge rules of variants, on small documents: tables key by key, arrays of tables by
id (replace, add), remove by id or key, change a few keys of one element; and where each
merged value was written."""

from __future__ import annotations

import textwrap

import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.extends import Layer, Merged
from game.scenario.locate import KeyLocator
from game.scenario.merge import merge_layers

BASE = """\
format_version = 1

[meta]
id = "base"
title = "Base"
turns = 12

[[region]]
id = "a"
name = "A"
population = 10

[[region]]
id = "b"
name = "B"
population = 20

[[link]]
a = "a"
b = "b"
kind = "road"

[map]
labels = { a = "A", b = "B" }
"""


def layer(text: str, file: str) -> Layer:
    text = textwrap.dedent(text)
    return Layer(file, text, tomli.loads(text), KeyLocator(text))


def merged(variant: str, base: str = BASE) -> Merged:
    return merge_layers([layer(base, "base.toml"), layer(variant, "v.toml")])


def test_tables_merge_key_by_key_and_the_rest_is_the_base() -> None:
    m = merged('extends = "base.toml"\n[meta]\ntitle = "Variant"\n')
    assert m.data["meta"] == {"id": "base", "title": "Variant", "turns": 12}
    assert m.data["region"] == tomli.loads(BASE)["region"]
    assert "extends" not in m.data
    assert m.problems == []


def test_an_element_with_a_known_id_replaces_it_in_place_and_a_new_id_is_added() -> None:
    m = merged(
        """\
        extends = "base.toml"
        [[region]]
        id = "c"
        name = "C"
        [[region]]
        id = "a"
        name = "A again"
        """
    )
    assert m.data["region"] == [
        {"id": "a", "name": "A again"},  # whole: its population is gone
        {"id": "b", "name": "B", "population": 20},
        {"id": "c", "name": "C"},
    ]
    assert m.replaced == {("region", 0): "a"}


def test_remove_by_id_by_ends_and_table_keys() -> None:
    m = merged(
        """\
        extends = "base.toml"
        [remove]
        region = ["a"]
        link = [["b", "a"]]
        map.labels = ["a"]
        """
    )
    assert [r["id"] for r in m.data["region"]] == ["b"]
    assert m.data["link"] == []
    assert m.data["map"] == {"labels": {"b": "B"}}
    assert m.problems == []
    assert m.removed["a"][0] == 1


def test_change_merges_a_few_keys_into_one_element() -> None:
    m = merged(
        """\
        extends = "base.toml"
        [change.region.b]
        population = 25
        note.text = "deep"
        """
    )
    assert m.data["region"][1] == {
        "id": "b",
        "name": "B",
        "population": 25,
        "note": {"text": "deep"},
    }


def test_origins_point_to_the_file_and_line_that_wrote_each_value() -> None:
    variant = """\
        extends = "base.toml"
        [remove]
        region = ["a"]

        [change.region.b]
        population = 25
        """
    m = merged(variant)
    # region b is now element 0; its population comes from the variant, its name from the base
    assert m.locate(("region", 0, "population")) == ("v.toml", 6, 1)
    assert m.locate(("region", 0, "name")) == ("base.toml", 15, 1)
    assert m.locate(("region", 0)) == ("base.toml", 13, 1)
    assert m.locate(("meta", "turns")) == ("base.toml", 6, 1)
    # a key nobody wrote is found at its nearest written ancestor
    assert m.locate(("region", 0, "kind")) == ("base.toml", 13, 1)
    assert m.locate(()) == ("v.toml", 1, 1)


def test_a_reference_to_a_removed_id_says_where_it_was_removed() -> None:
    m = merged('extends = "base.toml"\n[remove]\nregion = ["a"]\n')
    message = m.hint(("link", 0, "a"), "unknown region 'a'")
    assert message == "unknown region 'a' ('a' is removed at v.toml:3)"


def test_a_replacing_element_missing_keys_is_told_how_to_change_only_some() -> None:
    m = merged('extends = "base.toml"\n[[region]]\nid = "b"\npopulation = 5\n')
    message = m.hint(("region", 1, "name"), "missing required key 'name'", missing=True)
    assert "replaces the base's 'b' whole" in message
    assert "[change.region.b]" in message


def test_directive_mistakes_are_reported_at_the_variants_own_lines() -> None:
    m = merged(
        """\
        extends = "base.toml"
        [remove]
        region = ["z", 3]
        forces = ["x"]
        link = ["a"]
        [change.region.q]
        name = "Q"
        [change.meta.id]
        x = 1
        [change.link.x]
        a = "b"
        """
    )
    found: dict[int, list[str]] = {}
    for p in m.problems:
        found.setdefault(p.line, []).append(p.message)
    assert sorted(found[3]) == [
        "remove.region: expected an id (a string), found an integer",
        "remove.region: no region 'z' to remove",
    ]
    assert "no array of tables 'forces'" in found[4][0]
    assert "named by its two ends" in found[5][0]
    assert "no region 'q' to change" in found[6][0]
    assert "[meta] is a table" in found[8][0]
    assert "has no id to change it by" in found[10][0]
    assert all(p.file == "v.toml" for p in m.problems)


def test_an_id_given_twice_or_both_removed_and_given_is_a_problem() -> None:
    m = merged(
        """\
        extends = "base.toml"
        [remove]
        region = ["a"]
        [[region]]
        id = "a"
        name = "A"
        [[region]]
        id = "c"
        name = "C"
        [[region]]
        id = "c"
        name = "C2"
        """
    )
    messages = sorted(p.message for p in m.problems)
    assert messages == [
        "region 'a' is both removed and given in this file: to replace it, give it without "
        "removing it",
        "region 'c' is given twice in this file",
    ]


def test_a_chain_applies_each_file_over_the_one_before() -> None:
    middle = layer('extends = "base.toml"\n[meta]\ntitle = "Middle"\nturns = 6\n', "m.toml")
    top = layer('extends = "m.toml"\n[meta]\ntitle = "Top"\n', "t.toml")
    m = merge_layers([layer(BASE, "base.toml"), middle, top])
    assert m.data["meta"] == {"id": "base", "title": "Top", "turns": 6}
    assert m.locate(("meta", "turns")) == ("m.toml", 4, 1)
    assert m.locate(("meta", "title")) == ("t.toml", 3, 1)


def test_merging_never_changes_the_layers() -> None:
    base = layer(BASE, "base.toml")
    before = tomli.loads(BASE)
    merge_layers([base, layer('extends = "base.toml"\n[change.region.a]\nname = "X"\n', "v")])
    assert base.data == before


# A property: for random changes, the merge equals doing the same by hand, and every
# merged key path is located in the file that wrote it.

_KEYS = st.sampled_from(["name", "population", "kind", "note"])
_VALUES = st.one_of(st.integers(-5, 5), st.text(alphabet="xyz", max_size=3))


@settings(max_examples=60, deadline=None)
@given(
    removed=st.sets(st.sampled_from(["a", "b"])),
    changes=st.dictionaries(st.sampled_from(["a", "b"]), st.dictionaries(_KEYS, _VALUES)),
    added=st.lists(st.sampled_from(["c", "d", "e"]), unique=True),
)
def test_random_merges_match_the_rules(
    removed: set[str], changes: dict[str, dict[str, object]], added: list[str]
) -> None:
    changes = {k: v for k, v in changes.items() if k not in removed and v}
    data: dict[str, object] = {"extends": "base.toml"}
    if removed:
        data["remove"] = {"region": sorted(removed)}
    if changes:
        data["change"] = {"region": changes}
    if added:
        data["region"] = [{"id": a, "name": a.upper()} for a in added]
    from game.scenario.toml_text import toml_document

    text = toml_document(data)
    m = merge_layers([layer(BASE, "base.toml"), layer(text, "v.toml")])
    expected = [dict(r) for r in tomli.loads(BASE)["region"] if r["id"] not in removed]
    for region in expected:
        region.update(changes.get(region["id"], {}))
    expected += [{"id": a, "name": a.upper()} for a in added]
    assert m.data["region"] == expected
    assert m.problems == []
    for i, region in enumerate(m.data["region"]):
        for key in region:
            file, _, _ = m.locate(("region", i, key))
            changed = key in changes.get(region["id"], {}) or region["id"] in added
            assert file == ("v.toml" if changed else "base.toml")
