"""Variants as an author and a player meet them: problems located in the variant or in its
base, bad ``extends`` (missing, cycle, leaving the folder, too long a chain), the same game
as the equivalent single file, saves that replay without the base, the shipped variants."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.ai.registry import parse_seat
from game.cli import main
from game.record.save import load_save, new_match, write_save
from game.record.verify import verify_match
from game.scenario.errors import ScenarioError
from game.scenario.extends import MAX_CHAIN
from game.scenario.loader import MERGED_HEADER, open_scenario, parse_scenario
from game.tui.scenario_scan import read_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
DEFAULT = SCENARIOS / "oil_crescent_2014.toml"
VARIANTS = sorted(
    p for p in SCENARIOS.glob("*.toml") if 'extends = "' in p.read_text(encoding="utf-8")
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding a copy of the default scenario (and its fact sheet) as a base."""
    shutil.copy(DEFAULT, tmp_path / "base.toml")
    shutil.copytree(SCENARIOS / "oil_crescent_2014", tmp_path / "oil_crescent_2014")
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(ScenarioError) as caught:
        open_scenario(path)
    return [(Path(p.file).name, p.line, p.message) for p in caught.value.problems]


def line_of(path: Path, snippet: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if snippet in line)


def test_a_variant_loads_and_plays_on_its_merged_text(folder: Path) -> None:
    variant = write(
        folder / "v.toml",
        'extends = "base.toml"\n[meta]\nid = "v"\ntitle = "V"\n'
        "[change.faction.dawn]\ntreasury = 20\n",
    )
    opened = open_scenario(variant)
    assert opened.scenario.meta.title == "V"
    assert opened.scenario.faction_by_id("dawn").treasury == 20
    assert opened.files == (str(variant), str(folder / "base.toml"))
    assert opened.text.startswith(MERGED_HEADER)
    # The merged text is a whole scenario: it checks alone, without the base.
    assert parse_scenario(opened.text, "merged.toml", embedded=True) == opened.scenario


def test_problems_are_located_in_the_file_that_wrote_the_value(folder: Path) -> None:
    variant = write(
        folder / "v.toml",
        'extends = "base.toml"\n\n[meta]\nid = "v"\nturns = "ten"\n\n'
        '[remove]\nregion = ["sicily"]\n\n[change.force.mig23]\nstrenght = 2\n',
    )
    found = problems(variant)
    base = folder / "base.toml"
    assert ("v.toml", 5, "meta.turns: expected an integer, found 'ten' (a string)") in found
    assert any(f == "v.toml" and line == 11 and "'strenght'" in m for f, line, m in found)
    # Sicily's forces are written in the base: their problem is there, saying what removed it.
    sicily_force = line_of(base, 'region = "sicily"')
    assert any(
        f == "base.toml" and line == sicily_force and "removed at" in m and "v.toml:8" in m
        for f, line, m in found
    ), found


def test_a_replacing_element_that_lacks_keys_says_how_to_change_a_few(folder: Path) -> None:
    variant = write(folder / "v.toml", 'extends = "base.toml"\n[[faction]]\nid = "dawn"\n')
    found = problems(variant)
    assert all(f == "v.toml" and line == 2 for f, line, _ in found)
    assert sum("[change.faction.dawn]" in m for _, _, m in found) == 1


def test_a_missing_base_is_named_with_the_nearest_file(folder: Path) -> None:
    variant = write(folder / "v.toml", 'extends = "bsae.toml"\n')
    assert problems(variant) == [
        ("v.toml", 1, "extends: no file 'bsae.toml' beside v.toml; did you mean 'base.toml'?")
    ]


def test_a_cycle_names_the_files_in_it(folder: Path) -> None:
    write(folder / "a.toml", 'extends = "b.toml"\n')
    write(folder / "b.toml", 'extends = "a.toml"\n')
    [(file, line, message)] = problems(folder / "a.toml")
    assert (file, line) == ("b.toml", 1)
    assert "loops" in message and "a.toml → b.toml → " in message


@pytest.mark.parametrize(
    "given",
    ["../base.toml", "sub/base.toml", "/etc/passwd.toml", "C:base.toml", "base.txt", "", "."],
)
def test_a_base_is_read_only_from_the_variants_own_folder(folder: Path, given: str) -> None:
    (folder / "sub").mkdir()
    variant = write(folder / "sub" / "v.toml", f'extends = "{given}"\n')
    [(file, line, message)] = problems(variant)
    assert (file, line) == ("v.toml", 1)
    assert message.startswith("extends: ")


def test_a_link_leading_out_of_the_folder_is_refused(folder: Path) -> None:
    inner = folder / "inner"
    inner.mkdir()
    os.symlink(folder / "base.toml", inner / "base.toml")
    variant = write(inner / "v.toml", 'extends = "base.toml"\n')
    [(_, _, message)] = problems(variant)
    assert "outside this folder" in message


def test_extends_must_be_a_string(folder: Path) -> None:
    variant = write(folder / "v.toml", "extends = 3\n")
    assert problems(variant)[0][2].startswith("extends: expected a string")


def test_chains_are_followed_up_to_their_limit(folder: Path) -> None:
    previous = "base.toml"
    for i in range(MAX_CHAIN - 1):
        write(folder / f"c{i}.toml", f'extends = "{previous}"\n[meta]\ntitle = "C{i}"\n')
        previous = f"c{i}.toml"
    top = folder / previous
    assert open_scenario(top).scenario.meta.title == f"C{MAX_CHAIN - 2}"
    write(folder / "over.toml", f'extends = "{previous}"\n')
    [(_, _, message)] = problems(folder / "over.toml")
    assert "too long" in message and f"at most {MAX_CHAIN} files" in message


def test_a_broken_base_is_reported_in_the_base(folder: Path) -> None:
    write(folder / "bad.toml", "format_version = \n")
    variant = write(folder / "v.toml", 'extends = "bad.toml"\n')
    [(file, line, message)] = problems(variant)
    assert (file, line) == ("bad.toml", 1) and message.startswith("TOML syntax error")


def test_variant_keys_outside_a_variant_are_explained(folder: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8") + '\n[remove]\norder = ["move"]\n'
    plain = write(folder / "plain.toml", text)
    [(_, _, message)] = problems(plain)
    assert message.startswith("remove: only a variant removes")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario('extends = "base.toml"\n', "embedded")
    assert caught.value.problems[0].message.startswith("extends: this scenario text was not read")


def test_a_variant_plays_the_same_game_as_the_same_scenario_written_whole(folder: Path) -> None:
    """Determinism: the variant and a hand-edited copy of its base give the same game."""
    variant = write(
        folder / "v.toml",
        'extends = "base.toml"\n[change.faction.dawn]\ntreasury = 20\n'
        "[change.track.escalation]\nstart = 8\n",
    )
    whole = DEFAULT.read_text(encoding="utf-8")
    whole = whole.replace("treasury = 12\n", "treasury = 20\n", 1)
    whole = whole.replace("start = 6\nmin = 0\nmax = 20\n", "start = 8\nmin = 0\nmax = 20\n", 1)
    flat = write(folder / "flat.toml", whole)
    hashes = []
    for path in (variant, flat):
        opened = open_scenario(path)
        seats = [parse_seat(f.id, "normal") for f in opened.scenario.faction]
        match = new_match(opened.text, str(path), 7, seats)
        match.play_out(log=False)
        hashes.append([node.state_hash for node in match.history.path("main")])
    assert hashes[0] == hashes[1]
    assert len(hashes[0]) >= 2


def test_a_saved_variant_game_replays_and_verifies_without_its_base(folder: Path) -> None:
    variant = write(folder / "v.toml", 'extends = "base.toml"\n[meta]\ntitle = "Alone"\n')
    opened = open_scenario(variant)
    seats = [parse_seat(f.id, "easy") for f in opened.scenario.faction]
    match = new_match(opened.text, str(variant), 3, seats)
    for _ in range(3):
        match.play_turn([])
    save = folder / "game.json"
    write_save(match, save)
    (folder / "base.toml").unlink()
    variant.unlink()
    again = load_save(save)
    assert again.world.scenario.meta.title == "Alone"
    assert verify_match(again) is None
    assert main(["verify", str(save)]) == 0


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: p.name)
def test_shipped_variants_validate_without_warnings_and_play_to_the_end(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opened = open_scenario(path)
    assert opened.warnings == []
    assert opened.scenario.meta.id != "oil-crescent-2014"
    assert opened.scenario.meta.description and opened.scenario.meta.subtitle
    assert main(["simulate", str(path), "--games", "10", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "10 games" in out


def test_there_are_shipped_variants_and_the_title_lists_them_merged() -> None:
    assert len(VARIANTS) >= 2
    for path in VARIANTS:
        choice = read_scenario(path)
        assert choice.ok, choice.error
        assert choice.text.startswith(MERGED_HEADER)
