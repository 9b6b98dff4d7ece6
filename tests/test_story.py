"""The story lives in the scenario: its [[source]] table, its citations and the fact sheet
it names in [story], read only from its own folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from game.ai.registry import BotSpec, Seat
from game.record.handout import build_handout, render_markdown
from game.record.save import new_match
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_checked, parse_scenario
from game.scenario.story_files import MAX_FACT_SHEET_BYTES, read_fact_sheet

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "scenarios" / "oil_crescent_2014.toml"
FACTS = ROOT / "scenarios" / "oil_crescent_2014" / "facts.toml"
TEXT = DEFAULT.read_text(encoding="utf-8")
FACTS_LINE = 'facts = "oil_crescent_2014/facts.toml"'
PACK_LINE = 'pack = "oil_crescent_2014/pack.toml"\n'
"""The teacher's pack, dropped where a test copies the scenario without it (a missing
pack is a warning of its own, checked in tests/test_pack_validate.py)."""
ONE_FACT = '[[fact]]\nid = "a"\nkind = "claim"\ntext = "Something."\nsource = "p1"\n'


def errors(text: str, name: str = "s.toml") -> list[Problem]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, name)
    return caught.value.problems


def messages(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems]


def without_sources(text: str) -> str:
    """The scenario with its [[source]] tables removed, as scenarios were written before."""
    return re.sub(r"\[\[source\]\]\n(?:[a-z]+ = .*\n)+\n?", "", text)


def folder_with(tmp_path: Path, facts: str | bytes | None, story_line: str = FACTS_LINE) -> Path:
    """A scenario folder in ``tmp_path``: the default scenario naming its fact sheet with
    ``story_line`` (and no teacher's pack), and ``facts`` written where the default
    scenario keeps it."""
    scenario = tmp_path / "scen" / "game.toml"
    scenario.parent.mkdir()
    text = TEXT.replace(FACTS_LINE, story_line).replace(PACK_LINE, "")
    scenario.write_text(text, encoding="utf-8")
    if facts is not None:
        sheet = scenario.parent / "oil_crescent_2014" / "facts.toml"
        sheet.parent.mkdir()
        if isinstance(facts, bytes):
            sheet.write_bytes(facts)
        else:
            sheet.write_text(facts, encoding="utf-8")
    return scenario


def story_errors(scenario: Path) -> list[Problem]:
    with pytest.raises(ScenarioError) as caught:
        load_checked(scenario)
    return caught.value.problems


# --------------------------------------------------------------------------------------
# [[source]] and citations


def test_the_default_scenario_cites_only_declared_sources_and_warns_of_nothing() -> None:
    checked = load_checked(DEFAULT)
    article = [s.id for s in checked.scenario.source if s.kind == "article"]
    assert article == [f"p{i}" for i in range(23)]
    assert all(s.id.startswith("ctx_") for s in checked.scenario.source if s.kind == "context")
    assert checked.warnings == []


def test_a_dangling_citation_is_an_error_at_its_place_with_a_suggestion() -> None:
    text = TEXT.replace('source = "p18"\n', 'source = "p18,p99"\n', 1)
    (problem,) = errors(text)
    assert problem.message == (
        "source 'p99' is not declared in a [[source]] table; did you mean 'p9'?"
    )
    line = text.splitlines()[problem.line - 1]
    assert 'source = "p18,p99"' in line


def test_a_scenario_may_cite_its_own_documents_by_any_id() -> None:
    text = re.sub(r'(?<=[",])p22(?=[",])', "un_report_2019", TEXT)
    scenario = parse_scenario(text)
    assert "un_report_2019" in [s.id for s in scenario.source]
    assert any(q.source == "un_report_2019" for q in scenario.briefing.quotes)


def test_duplicate_source_ids_and_a_source_named_design_are_errors() -> None:
    text = TEXT.replace('[[source]]\nid = "p22"', '[[source]]\nid = "p21"', 1)
    text = text.replace('[[source]]\nid = "p20"', '[[source]]\nid = "design"', 1)
    found = messages(errors(text))
    assert "duplicate source id 'p21'" in found
    assert any(m.startswith("'design' is not a source id") for m in found)
    # p22 and p20 are now cited but not declared: said too, with the nearest id.
    assert "source 'p22' is not declared in a [[source]] table; did you mean 'p2'?" in found


def test_a_citation_that_is_not_a_list_of_ids_is_refused() -> None:
    found = errors(TEXT.replace('source = "p18"\n', 'source = "p18; p3"\n', 1))
    assert len(found) == 1 and "source" in found[0].message


def test_a_scenario_without_a_source_table_loads_with_one_warning(tmp_path: Path) -> None:
    # Older scenarios, and the scenario text every older save embeds, have no table.
    path = tmp_path / "old.toml"
    text = without_sources(TEXT).replace(FACTS_LINE, "").replace(PACK_LINE, "")
    path.write_text(text, encoding="utf-8")
    checked = load_checked(path)
    assert checked.scenario.source == []
    (warning,) = checked.warnings
    assert warning.severity == "warning"
    assert "cannot be checked: the scenario declares no [[source]] tables" in warning.message
    # Its citations, dangling or not, are not errors: nothing declares what they name.
    assert parse_scenario(without_sources(TEXT).replace('"p18"', '"p77"')).source == []


def test_source_details_reach_the_handout() -> None:
    text = TEXT.replace(
        '[[source]]\nid = "p1"\n',
        '[[source]]\nid = "p1"\nauthor = "A. Writer"\noutlet = "The Daily"\ndate = 2014-12-28\n',
        1,
    )
    match = new_match(
        text, str(DEFAULT), 5, [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]
    )
    match.play_out()
    markdown, _ = render_markdown(build_handout(match), "x.svg")
    assert "**p1** Government aircraft bomb Misrata" in markdown
    assert "A. Writer; The Daily; 28 December 2014" in markdown
    assert "| when | in 2014 | in this game |" in markdown
    assert "which opposes NATO and both Libyan camps" in markdown


# --------------------------------------------------------------------------------------
# The fact sheet: read from the scenario's folder only


def test_the_default_fact_sheet_is_read_and_grouped_by_source() -> None:
    checked = load_checked(DEFAULT)
    sheet = read_fact_sheet(checked.scenario, DEFAULT)
    assert sheet is not None and len(sheet.fact) >= 100
    assert any("352,000" in text for text in sheet.by_source()["p18"])


def test_a_fact_sheet_beside_the_scenario_loads(tmp_path: Path) -> None:
    scenario = folder_with(tmp_path, ONE_FACT)
    sheet = read_fact_sheet(load_checked(scenario).scenario, scenario)
    assert sheet is not None and sheet.by_source() == {"p1": ("Something.",)}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("/etc/passwd", "is an absolute path"),
        ("C:/facts.toml", "is an absolute path"),
        ("../facts.toml", "climbs out of the scenario's folder with '..'"),
        ("oil_crescent_2014/../../facts.toml", "climbs out of the scenario's folder"),
        ("oil_crescent_2014\\\\facts.toml", "holds a backslash"),
        ("oil_crescent_2014//facts.toml", "has an empty or '.' part"),
    ],
)
def test_a_fact_sheet_named_outside_the_folder_is_refused_by_name(name: str, words: str) -> None:
    (problem,) = errors(TEXT.replace(FACTS_LINE, f'facts = "{name}"'))
    assert words in problem.message
    assert problem.line == TEXT.splitlines().index(FACTS_LINE) + 1


def test_a_missing_fact_sheet_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    # Commentary, not rules: a copy of the scenario made elsewhere still plays, and
    # Explain says the facts are missing (the other problems below are errors).
    scenario = folder_with(tmp_path, None)
    (warning,) = load_checked(scenario).warnings
    assert warning.severity == "warning"
    assert warning.file == str(scenario)
    assert warning.line == TEXT.splitlines().index(FACTS_LINE) + 1
    assert "fact sheet 'oil_crescent_2014/facts.toml': no such file" in warning.message
    with pytest.raises(ScenarioError, match="no such file"):
        read_fact_sheet(load_checked(scenario).scenario, scenario)


def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    scenario = folder_with(tmp_path, None)
    (scenario.parent / "oil_crescent_2014").mkdir()
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(ONE_FACT, encoding="utf-8")
    os.symlink(outside, scenario.parent / "oil_crescent_2014" / "facts.toml")
    (problem,) = story_errors(scenario)
    assert "leads out of the scenario's folder" in problem.message


def test_a_symbolic_link_within_the_folder_is_followed(tmp_path: Path) -> None:
    scenario = folder_with(tmp_path, ONE_FACT, story_line='facts = "sheet.toml"')
    os.symlink(scenario.parent / "oil_crescent_2014" / "facts.toml", scenario.parent / "sheet.toml")
    sheet = read_fact_sheet(load_checked(scenario).scenario, scenario)
    assert sheet is not None and len(sheet.fact) == 1


def test_a_huge_fact_sheet_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    scenario = folder_with(tmp_path, b"#" * (MAX_FACT_SHEET_BYTES + 1))
    (problem,) = story_errors(scenario)
    assert "fact sheet 'oil_crescent_2014/facts.toml'" in problem.message
    assert "a fact sheet is at most 1,000,000 bytes" in problem.message


def test_a_folder_in_place_of_the_fact_sheet_is_refused(tmp_path: Path) -> None:
    scenario = folder_with(tmp_path, None)
    (scenario.parent / "oil_crescent_2014" / "facts.toml").mkdir(parents=True)
    (problem,) = story_errors(scenario)
    assert "folder" in problem.message


def test_broken_toml_in_the_fact_sheet_is_located_in_the_fact_sheet(tmp_path: Path) -> None:
    scenario = folder_with(tmp_path, ONE_FACT + '\n[[fact]]\nid = "b\n')
    (problem,) = story_errors(scenario)
    assert problem.file == str(scenario.parent / "oil_crescent_2014" / "facts.toml")
    assert problem.line == 8
    assert problem.message.startswith("TOML syntax error")


def test_unknown_keys_bad_values_and_dangling_sources_in_the_fact_sheet(tmp_path: Path) -> None:
    sheet = (
        ONE_FACT
        + '\n[[fact]]\nid = "b"\nkind = "rumour"\ntext = "x"\nsource = "p1"\nspeeker = "y"\n'
        + '\n[[fact]]\nid = "a"\nkind = "claim"\ntext = "x"\nsource = "p23"\n'
        + '\n[comment]\ntext = "x"\n'
    )
    scenario = folder_with(tmp_path, sheet)
    found = story_errors(scenario)
    text = "\n".join(str(p) for p in found)
    assert "unknown key 'speeker' in fact[1]; did you mean 'speaker'?" in text
    assert "unknown key 'comment' in the fact sheet" in text
    assert "fact[1].kind" in text
    # Semantic checks run once the file is a fact sheet: shown after the model is fixed.
    scenario.parent.joinpath("oil_crescent_2014", "facts.toml").write_text(
        ONE_FACT + '\n[[fact]]\nid = "a"\nkind = "claim"\ntext = "x"\nsource = "p23"\n',
        encoding="utf-8",
    )
    found = story_errors(scenario)
    assert messages(found) == [
        "duplicate fact id 'a'",
        "source 'p23' is not declared in the scenario's [[source]] tables; did you mean 'p3'?",
    ]
    assert [p.line for p in found] == [8, 11]
