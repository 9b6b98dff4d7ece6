"""``sidra validate`` checks the teacher's pack a scenario names in ``[story]``, as it does
the fact sheet: every problem located in the pack file (or at the ``[story] pack`` key
that names it, in the file of a variant's chain that wrote it), a missing pack a warning
(the game plays without it), anything else wrong an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
BASE = "oil_crescent_2014.toml"
VARIANT = "oil_crescent_2014_misrata_neutral.toml"
PACK_LINE = 'pack = "oil_crescent_2014/pack.toml"'


def copy(tmp_path: Path) -> tuple[Path, Path]:
    """The default scenario, one of its variants and their folder, copied to
    ``tmp_path``: the scenario's path and its pack's."""
    for name in (BASE, VARIANT):
        shutil.copy(SCENARIOS / name, tmp_path / name)
    shutil.copytree(SCENARIOS / "oil_crescent_2014", tmp_path / "oil_crescent_2014")
    return tmp_path / BASE, tmp_path / "oil_crescent_2014" / "pack.toml"


def line_of(path: Path, text: str) -> int:
    """The 1-based line of ``path`` that is ``text`` (stripped)."""
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines()].index(text) + 1


def append(pack: Path, extra: str) -> int:
    """``extra`` added at the end of ``pack``; the line its first character is on."""
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text + extra, encoding="utf-8")
    return text.count("\n") + 1


def validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """``sidra validate path``: exit code, lines out, and what went to stderr."""
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_the_shipped_scenarios_validate_with_no_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths = sorted(str(p) for p in SCENARIOS.glob("*.toml"))
    assert main(["validate", *paths]) == 0
    out = capsys.readouterr().out
    assert "warning" not in out
    assert out.count(": ok (") == len(paths)


def test_a_toml_syntax_error_in_the_pack_is_located_in_the_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, pack = copy(tmp_path)
    line = append(pack, '\n[[term]]\nterm = "x\n')
    code, out, err = validate(scenario, capsys)
    assert code == 1
    (problem,) = out
    assert problem.startswith(f"{pack}:{line + 2}:") and ": TOML syntax error: " in problem
    assert "warning" not in problem
    assert err.strip() == f"{scenario}: 1 error"


def test_an_unknown_key_and_a_dangling_source_are_errors_in_the_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, pack = copy(tmp_path)
    line = append(pack, '\n[[term]]\nterm = "x"\nmeaning = "y"\nmeening = "z"\n')
    code, out, _ = validate(scenario, capsys)
    assert code == 1
    (problem,) = out
    assert problem.startswith(f"{pack}:{line + 4}:1: unknown key 'meening' in term[")
    assert problem.endswith("; did you mean 'meaning'?")
    # Once the file is a pack, its citations are checked against the scenario's sources.
    pack.write_text(
        pack.read_text(encoding="utf-8").replace('meening = "z"', 'source = "p1, p99"'),
        encoding="utf-8",
    )
    code, out, err = validate(scenario, capsys)
    assert code == 1
    assert out == [
        f"{pack}:{line + 4}:1: source 'p99' is not declared in the scenario's [[source]] "
        "tables; did you mean 'p9'?"
    ]
    assert err.strip() == f"{scenario}: 1 error"


def test_a_bad_value_in_the_pack_is_put_in_tomls_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, pack = copy(tmp_path)
    line = append(pack, '\n[[event]]\nwhen = "2014-13-01"\ntext = 5\n')
    code, out, _ = validate(scenario, capsys)
    assert code == 1
    assert out[0].startswith(f"{pack}:{line + 2}:1: event[")
    assert "'2014-13-01' (a string) is not a day written YYYY-MM-DD" in out[0]
    assert out[1].startswith(f"{pack}:{line + 3}:1: event[")
    assert out[1].endswith(".text: expected a string, found 5 (an integer)")


def test_a_missing_pack_is_a_warning_at_the_key_that_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, pack = copy(tmp_path)
    pack.unlink()
    code, out, _ = validate(scenario, capsys)
    assert code == 0
    assert out[0] == (
        f"{scenario}:{line_of(scenario, PACK_LINE)}:1: warning: pack "
        f"'oil_crescent_2014/pack.toml': no such file in the scenario's folder ({pack}); "
        "the help page and the handout say it is missing"
    )
    assert out[1].startswith(f"{scenario}: ok (") and out[1].endswith("; 1 warning")


def test_a_variant_locates_its_inherited_pack_in_the_base_that_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, pack = copy(tmp_path)
    pack.unlink()
    code, out, _ = validate(tmp_path / VARIANT, capsys)
    assert code == 0
    assert out[0].startswith(f"{scenario}:{line_of(scenario, PACK_LINE)}:1: warning: pack ")
    # A variant that names its own pack is located in the variant.
    variant = tmp_path / VARIANT
    variant.write_text(
        variant.read_text(encoding="utf-8") + '\n[story]\npack = "other/pack.toml"\n',
        encoding="utf-8",
    )
    code, out, _ = validate(variant, capsys)
    assert code == 0
    line = line_of(variant, 'pack = "other/pack.toml"')
    assert out[0].startswith(f"{variant}:{line}:1: ")
    assert "warning: pack 'other/pack.toml': no such file" in out[0]


def test_a_pack_named_out_of_the_folder_is_an_error_at_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, _ = copy(tmp_path)
    line = line_of(scenario, PACK_LINE)
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace(PACK_LINE, 'pack = "../pack.toml"'), encoding="utf-8")
    code, out, _ = validate(scenario, capsys)
    assert code == 1
    (problem,) = out
    assert problem.startswith(f"{scenario}:{line}:")
    assert "story.pack" in problem and "climbs out of the scenario's folder with '..'" in problem
    assert "warning" not in problem


def test_a_link_out_of_the_folder_and_a_huge_pack_are_errors_at_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, pack = copy(tmp_path)
    line = line_of(scenario, PACK_LINE)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.toml"
    shutil.move(pack, outside)
    pack.symlink_to(outside)
    code, out, _ = validate(scenario, capsys)
    assert code == 1
    assert out == [
        f"{scenario}:{line}:1: pack 'oil_crescent_2014/pack.toml': leads out of the "
        "scenario's folder (through a symbolic link); keep the file in the scenario's "
        "folder or below it"
    ]
    pack.unlink()
    pack.write_bytes(b"#" * 200_001)
    code, out, _ = validate(scenario, capsys)
    assert code == 1
    (problem,) = out
    assert problem.startswith(f"{scenario}:{line}:1: pack 'oil_crescent_2014/pack.toml': ")
    assert "at most 200,000 bytes" in problem


def test_problems_in_both_files_are_all_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, pack = copy(tmp_path)
    (tmp_path / "oil_crescent_2014" / "facts.toml").unlink()
    pack.write_text("bogus = 1\n" + pack.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = validate(scenario, capsys)
    assert code == 1
    assert any(": warning: fact sheet 'oil_crescent_2014/facts.toml': no such" in x for x in out)
    assert f"{pack}:1:1: unknown key 'bogus' in the pack" in out
    assert err.strip() == f"{scenario}: 1 error, 1 warning"
