"""The teacher's pack: the shipped pack loads and marks what the source could know; a
hostile pack (unknown keys, huge, a path out of the folder) is refused with a message
naming the file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from game.ai.registry import BotSpec, Seat
from game.record.handout import build_handout, render_html, render_markdown
from game.record.match import Match
from game.record.save import new_match
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario, parse_scenario
from game.scenario.pack import MAX_PACK_BYTES, Pack, read_pack

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "scenarios" / "oil_crescent_2014.toml"
TEXT = DEFAULT.read_text(encoding="utf-8")
PACK_LINE = 'pack = "oil_crescent_2014/pack.toml"'
SMALL = 'source_date = 2014-12-30\nquestion = ["Who speaks?"]\n'


def match_of(text: str, file: Path) -> Match:
    """A two-turn bot game of ``text``, as if read from ``file``."""
    seats = [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]
    match = new_match(text, str(file), 5, seats)
    for _ in range(2):
        match.play_turn()
    return match


def shipped() -> Pack:
    pack = read_pack(load_scenario(DEFAULT), DEFAULT)
    assert pack is not None
    return pack


def refusal(tmp_path: Path, pack: str | bytes | None, line: str = PACK_LINE) -> str:
    """The message reading ``pack`` (written where the default scenario keeps it) gives,
    the scenario naming it with ``line``."""
    scenario = tmp_path / "scen" / "game.toml"
    (scenario.parent / "oil_crescent_2014").mkdir(parents=True, exist_ok=True)
    text = TEXT.replace(PACK_LINE, line)
    scenario.write_text(text, encoding="utf-8")
    target = scenario.parent / "oil_crescent_2014" / "pack.toml"
    if isinstance(pack, bytes):
        target.write_bytes(pack)
    elif pack is not None:
        target.write_text(pack, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        read_pack(parse_scenario(text, str(scenario)), scenario)
    return "\n".join(str(p) for p in caught.value.problems)


def test_the_shipped_pack_has_a_glossary_a_timeline_and_questions() -> None:
    pack = shipped()
    terms = " ".join(t.term for t in pack.term)
    for name in (
        "House of Representatives",
        "General National Congress",
        "Operation Dignity",
        "Libya Dawn",
        "Operation Sunrise",
        "Petroleum Facilities Guard",
        "Force majeure",
        "UNSMIL",
        "UNHCR",
        "National Oil Corporation",
    ):
        assert name in terms
    assert len(pack.question) >= 4
    assert any("alleged" in q for q in pack.question)
    assert any("ellipsis" in q for q in pack.question)


def test_the_timeline_runs_may_2014_to_march_2015_marking_what_the_article_knew() -> None:
    pack = shipped()
    dates = [e.last_day() for e in pack.timeline()]
    assert dates == sorted(dates)
    assert dates[0].strftime("%Y-%m") == "2014-05"
    assert dates[-1].strftime("%Y-%m") == "2015-03"
    marks = {e.label(): pack.known(e) for e in pack.timeline()}
    assert marks["16 May 2014"] is True
    assert marks["28 December 2014"] is True
    assert marks["January 2015"] is False
    # Every entry says where it comes from: a paragraph of the article, or a reference.
    assert all(e.source or e.reference for e in pack.event)


def test_a_month_entry_ends_on_the_months_last_day() -> None:
    pack = Pack.model_validate(
        {"source_date": dt.date(2014, 12, 30), "event": [{"when": "2014-12", "text": "x"}]}
    )
    assert pack.event[0].last_day() == dt.date(2014, 12, 31)
    assert not pack.known(pack.event[0])
    assert pack.event[0].label() == "December 2014"


def test_no_pack_named_is_no_pack() -> None:
    text = TEXT.replace(PACK_LINE + "\n", "")
    assert read_pack(parse_scenario(text, str(DEFAULT)), DEFAULT) is None


def test_a_small_pack_reads(tmp_path: Path) -> None:
    scenario = tmp_path / "game.toml"
    scenario.write_text(TEXT, encoding="utf-8")
    (tmp_path / "oil_crescent_2014").mkdir()
    (tmp_path / "oil_crescent_2014" / "pack.toml").write_text(SMALL, encoding="utf-8")
    pack = read_pack(parse_scenario(TEXT, str(scenario)), scenario)
    assert pack is not None and pack.question == ["Who speaks?"]


def test_an_unknown_key_is_named(tmp_path: Path) -> None:
    message = refusal(tmp_path, SMALL + '[[term]]\nterm = "x"\nmeaning = "y"\nbogus = 1\n')
    assert "pack.toml:6:1: unknown key 'bogus' in term[0]" in message


def test_a_missing_pack_names_the_file(tmp_path: Path) -> None:
    message = refusal(tmp_path, None)
    assert "pack 'oil_crescent_2014/pack.toml'" in message and "no such file" in message


def test_a_huge_pack_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    message = refusal(tmp_path, b"#" * (MAX_PACK_BYTES + 1))
    assert "pack 'oil_crescent_2014/pack.toml'" in message


def test_a_pack_that_is_not_toml_or_not_utf8(tmp_path: Path) -> None:
    assert "TOML syntax error" in refusal(tmp_path, "question = [")
    assert "not valid UTF-8" in refusal(tmp_path, b"intro = '\xff'\n")


def test_an_undeclared_paragraph_is_refused(tmp_path: Path) -> None:
    bad = SMALL + '[[event]]\nwhen = "2014-12-13"\ntext = "x"\nsource = "p99"\n'
    assert "source 'p99' is not declared" in refusal(tmp_path, bad)


def test_a_bad_date_is_refused(tmp_path: Path) -> None:
    bad = SMALL + '[[event]]\nwhen = "2014-13-01"\ntext = "x"\n'
    assert "event[0].when" in refusal(tmp_path, bad)


@pytest.mark.parametrize(
    "line", ['pack = "../pack.toml"', 'pack = "/etc/passwd"', 'pack = "a\\\\b.toml"']
)
def test_a_name_out_of_the_folder_is_refused_by_the_scenario(line: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(TEXT.replace(PACK_LINE, line), "s.toml")
    assert any("pack" in str(p) for p in caught.value.problems)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text(SMALL, encoding="utf-8")
    scenario = tmp_path / "scen" / "game.toml"
    (scenario.parent / "oil_crescent_2014").mkdir(parents=True)
    scenario.write_text(TEXT, encoding="utf-8")
    (scenario.parent / "oil_crescent_2014" / "pack.toml").symlink_to(outside)
    with pytest.raises(ScenarioError) as caught:
        read_pack(parse_scenario(TEXT, str(scenario)), scenario)
    assert "leads out of the scenario's folder" in str(caught.value.problems[0])


def test_the_pack_is_in_both_handout_formats() -> None:
    handout = build_handout(match_of(TEXT, DEFAULT))
    markdown, _ = render_markdown(handout, "x.svg")
    html = render_html(handout)
    assert "## Teacher's pack" in markdown and "<h2>Teacher&#x27;s pack</h2>" in html
    assert "**Petroleum Facilities Guard (PFG)**" in markdown
    assert "<dt>Petroleum Facilities Guard (PFG)</dt>" in html
    assert "| 6 November 2014 |" in markdown and "<td>6 November 2014</td>" in html
    assert "after 30 December 2014" in markdown and "after 30 December 2014" in html
    assert "Questions on the source" in markdown and "Questions on the source" in html


def test_a_handout_made_where_the_pack_is_missing_says_so(tmp_path: Path) -> None:
    elsewhere = tmp_path / "game.toml"
    elsewhere.write_text(TEXT, encoding="utf-8")
    markdown, _ = render_markdown(build_handout(match_of(TEXT, elsewhere)), "x.svg")
    assert "The teacher's pack could not be read" in markdown
    assert "no such file" in markdown
