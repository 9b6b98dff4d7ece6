"""The scenario JSON Schema helps an author at every field: a description and an example
everywhere, worked examples that are valid tables, and tagged tables that editors can
check one table at a time."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from game.scenario import rules
from game.scenario.examples import EXAMPLES, example_tables
from game.scenario.schema import scenario_schema, tag_words

SCHEMA = scenario_schema()


def _tables(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every table of the schema (the root and each ``$defs`` entry) with its name."""
    return [("Scenario", schema), *schema["$defs"].items()]


def test_every_field_of_every_table_has_a_description_and_an_example() -> None:
    missing = [
        f"{name}.{key}: {', '.join(w for w in ('description', 'examples') if w not in prop)}"
        for name, table in _tables(SCHEMA)
        for key, prop in table.get("properties", {}).items()
        if "description" not in prop or not prop.get("examples")
    ]
    assert not missing, (
        "fields without a description (write a docstring under the field) or an example "
        "(add the field to the table's example in game/scenario/examples.py):\n"
        + "\n".join(missing)
    )


def test_every_table_has_a_description() -> None:
    assert [name for name, table in _tables(SCHEMA) if not table.get("description")] == []


def test_every_table_of_the_format_has_worked_examples() -> None:
    """A new table (a model pydantic puts in ``$defs``) needs its own example."""
    named = {model.__name__ for model in EXAMPLES}
    assert set(SCHEMA["$defs"]) <= named
    # The whole scenario's examples are the shipped scenarios, checked by tests/test_taplo.py.
    tables = [name for name in SCHEMA["$defs"] if name != "Scenario"]
    assert [name for name in tables if not SCHEMA["$defs"][name].get("examples")] == []


def test_a_variant_is_checked_for_known_keys_and_a_whole_scenario_strictly() -> None:
    """A file with ``extends`` holds only what differs, so only a whole scenario must have
    every required table; both are held to the known keys."""
    assert SCHEMA["if"] == {"required": ["extends"]}
    assert SCHEMA["else"] == {"$ref": "#/$defs/Scenario"}
    assert SCHEMA["additionalProperties"] is False and "required" not in SCHEMA
    assert "meta" in SCHEMA["$defs"]["Scenario"]["required"]
    assert {"extends", "remove", "change"} <= set(SCHEMA["properties"])


@pytest.mark.parametrize("model", [m for m in EXAMPLES if EXAMPLES[m]], ids=lambda m: m.__name__)
def test_each_example_is_a_valid_table_of_its_model(model: type[BaseModel]) -> None:
    for table in example_tables(model):
        model.model_validate(table)


def test_tagged_tables_check_only_the_table_their_type_names() -> None:
    """Effects, conditions and victory terms: no ``oneOf`` anywhere, an ``if``/``then`` per
    word, and the words allowed for ``type`` listed, so a misspelt word is named too."""
    text = repr(SCHEMA)
    assert "oneOf" not in text and "discriminator" not in text
    words = tag_words(SCHEMA)
    assert words["TrackEffect"] == ["track"]
    assert words["ControlTerm"] == ["control"]
    assert words["AllOf"] == ["all"]
    effects = SCHEMA["$defs"]["Event"]["properties"]["effects"]["items"]
    assert effects["required"] == ["type"]
    assert sorted(effects["properties"]["type"]["enum"]) == sorted(
        ["track", "stat", "strength", "damage", "tanks_ablaze", "control"]
    )
    assert len(effects["allOf"]) == len(effects["properties"]["type"]["enum"])


def test_optional_fields_are_their_own_type_since_toml_has_no_null() -> None:
    assert "'null'" not in repr(SCHEMA)
    assert SCHEMA["$defs"]["Force"]["properties"]["component"]["type"] == "string"


def test_the_tag_of_a_tagged_table_says_what_the_table_does() -> None:
    tag = SCHEMA["$defs"]["DamageEffect"]["properties"]["type"]
    assert tag["examples"] == ["damage"]
    assert tag["description"].startswith('"damage": ')
    assert rules.DamageEffect.__doc__ is not None


def test_descriptions_are_reflowed_prose() -> None:
    prop = SCHEMA["$defs"]["Region"]["properties"]["kind"]
    paragraphs = prop["description"].split("\n\n")  # one per allowed word, after the first
    assert len(paragraphs) > 1
    assert all("\n" not in text and "  " not in text for text in paragraphs)


def test_examples_of_a_field_come_from_its_tables_examples() -> None:
    assert SCHEMA["$defs"]["Region"]["properties"]["lat"]["examples"] == [30.64]
    assert SCHEMA["$defs"]["Event"]["properties"]["date"]["examples"] == ["2014-12-13"]
    region_list = SCHEMA["properties"]["region"]["examples"][0]
    assert region_list[0]["id"] == "sidra"
