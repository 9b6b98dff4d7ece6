"""Scenario authoring's boundaries under attack: names of bases the system refuses, links
that lead nowhere, ``sidra new`` with a folder name too long, a disk that fills while
writing, and ``--from`` files whose ``[meta]`` is written in any of TOML's ways. Each
gets a message naming the input (never a traceback), and no half-written file is left."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from game.cli import main
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_checked, open_scenario
from game.scenario.story import MAX_PATH

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"

needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a copy of the tutorial, to be the base of variants."""
    shutil.copy(TUTORIAL, tmp_path / "base.toml")
    return tmp_path


def variant(folder: Path, base_name: str) -> Path:
    path = folder / "v.toml"
    path.write_text(f'extends = "{base_name}"\n[meta]\nid = "v"\n', encoding="utf-8")
    return path


def only_problem(path: Path) -> str:
    with pytest.raises(ScenarioError) as caught:
        open_scenario(path)
    [problem] = caught.value.problems
    assert (Path(problem.file).name, problem.line) == ("v.toml", 1)
    return problem.message


def test_a_base_name_longer_than_the_bound_is_refused_before_the_disk_is_asked(
    folder: Path,
) -> None:
    message = only_problem(variant(folder, "x" * 300 + ".toml"))
    assert f"at most {MAX_PATH}" in message and "305 characters" in message
    assert len(message) < 300  # the name is shortened, not printed whole


def test_a_base_name_the_system_refuses_is_a_problem_not_a_crash(folder: Path) -> None:
    # Within the bound in characters, but more bytes than a file name may have.
    message = only_problem(variant(folder, "é" * 150 + ".toml"))
    assert message.startswith("extends: '") and "é" in message


@needs_links
def test_links_that_lead_nowhere_say_so(folder: Path) -> None:
    (folder / "gone.toml").symlink_to(folder / "deleted.toml")
    assert "a symbolic link to a file that is not there" in only_problem(
        variant(folder, "gone.toml")
    )
    (folder / "a.toml").symlink_to(folder / "b.toml")
    (folder / "b.toml").symlink_to(folder / "a.toml")
    message = only_problem(variant(folder, "a.toml"))
    assert message.startswith("extends: 'a.toml' cannot be opened (")
    assert "did you mean" not in message


def test_new_into_a_folder_name_too_long_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "x", "--dir", str(tmp_path / ("d" * 300))]) == 1
    err = capsys.readouterr().err
    assert "not a folder to write the scenario into" in err and "Traceback" not in err


class _FullDisk:
    """Stands in for ``os.fdopen``: the file opens, then the disk fills after ``room`` bytes
    (the bytes before are written, as a real disk would)."""

    def __init__(self, room: int) -> None:
        self.room = room

    def __call__(self, fd: int, *args: Any, **kwargs: Any) -> _FullDisk:
        self.fd = fd
        return self

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, data: str | bytes) -> int:
        raw = data if isinstance(data, bytes) else data.encode("utf-8")
        os.write(self.fd, raw[: self.room])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("room", [0, 100])
def test_a_disk_that_fills_leaves_nothing_half_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, room: int
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr("game.cli_new.os.fdopen", _FullDisk(room))
        assert main(["new", "lesson", "--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'lesson.toml'}: cannot be written ({os.strerror(errno.ENOSPC)})" in err
    assert list(tmp_path.iterdir()) == []
    # Once there is room again, the same command works: nothing is left to refuse it.
    assert main(["new", "lesson", "--dir", str(tmp_path)]) == 0


def test_a_schema_that_cannot_be_written_takes_the_new_scenario_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.fdopen
    calls = []

    def second_fills(fd: int, *args: Any, **kwargs: Any) -> Any:
        calls.append(fd)
        return real(fd, *args, **kwargs) if len(calls) == 1 else _FullDisk(10)(fd)

    monkeypatch.setattr("game.cli_new.os.fdopen", second_fills)
    assert main(["new", "lesson", "--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "scenario.schema.json: cannot be written" in err
    assert "lesson.toml was not kept either" in err
    assert list(tmp_path.iterdir()) == []


def _meta_written(how: str) -> str:
    """The tutorial with its ``[meta]`` id and title written another of TOML's ways."""
    text = TUTORIAL.read_text(encoding="utf-8")
    meta = re.search(r'(?m)^\[meta\]\nid = "tutorial"\ntitle = "([^"]*)"\n', text)
    assert meta is not None
    title = meta.group(1)
    if how == "literal":
        return text.replace(meta.group(0), f"[meta]\nid = 'tutorial'\ntitle = '{title}'\n")
    if how == "commented":
        return text.replace(meta.group(0), f'[meta]\nid="tutorial"  # an id\ntitle="{title}"\n')
    if how == "quoted keys":
        return text.replace(meta.group(0), f'[meta]\n"id" = "tutorial"\n"title" = "{title}"\n')
    assert how == "crlf"
    return text.replace("\n", "\r\n")


@pytest.mark.parametrize("how", ["literal", "commented", "quoted keys", "crlf"])
def test_new_from_renames_meta_however_it_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    base = tmp_path / "base.toml"
    base.write_bytes(_meta_written(how).encode("utf-8"))
    assert main(["new", "lesson", "--dir", str(tmp_path), "--from", str(base)]) == 0
    scenario = open_scenario(tmp_path / "lesson.toml").scenario
    assert (scenario.meta.id, scenario.meta.title) == ("lesson", "Lesson")
    original = open_scenario(base).scenario
    # Nothing else was renamed: every other element keeps its id.
    assert [t.id for t in scenario.track] == [t.id for t in original.track]
    assert [f.id for f in scenario.faction] == [f.id for f in original.faction]
    if how == "crlf":
        assert b"\n" not in (tmp_path / "lesson.toml").read_bytes().replace(b"\r\n", b"")
    capsys.readouterr()


def test_new_from_a_title_it_cannot_rewrite_refuses_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    base = tmp_path / "base.toml"
    base.write_text(
        re.sub(r'(?m)^title = "([^"]*)"', r'title = """\1"""', text, count=1), encoding="utf-8"
    )
    assert main(["new", "lesson", "--dir", str(tmp_path), "--from", str(base)]) == 1
    err = capsys.readouterr().err
    assert f"{base}:" in err and "[meta] title is not a one-line string" in err
    assert not (tmp_path / "lesson.toml").exists()


SERRE = ROOT / "scenarios" / "serre_delta.toml"


def test_a_fact_sheet_named_in_a_variant_is_blamed_on_the_variants_own_line(
    tmp_path: Path,
) -> None:
    shutil.copy(SERRE, tmp_path / "serre_delta.toml")
    (tmp_path / "pipe.toml").mkdir()  # not a file: refused by name
    path = tmp_path / "v.toml"
    path.write_text(
        'extends = "serre_delta.toml"\n\n[story]\nfacts = "pipe.toml"\n', encoding="utf-8"
    )
    with pytest.raises(ScenarioError) as caught:
        load_checked(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.col) == (str(path), 4, 1)
    assert "fact sheet 'pipe.toml': is a" in problem.message


def test_a_fact_sheet_named_in_the_base_is_blamed_on_the_bases_line(tmp_path: Path) -> None:
    text = SERRE.read_text(encoding="utf-8").replace(
        "[story]\n", '[story]\nfacts = "nowhere.toml"\n', 1
    )
    (tmp_path / "serre_delta.toml").write_text(text, encoding="utf-8")
    line = text.splitlines().index('facts = "nowhere.toml"') + 1
    path = tmp_path / "v.toml"
    path.write_text('extends = "serre_delta.toml"\n', encoding="utf-8")
    [warning] = load_checked(path).warnings
    assert (Path(warning.file).name, warning.line) == ("serre_delta.toml", line)
    assert "no such file" in warning.message


BROKEN_FACTS = (
    """\
fact = [1]
""",
    """\
[[fact]]
id = "A B"
kind = "rumour"
text = ""
source = 5
date = "2014-01-01"
month = "2014-13"
value = 1e400
speaker = [1]

[[fact]]
id = "ok"
kind = "claim"
text = "x"
source = "gazette"
value = 99999999999999999999
""",
    "fact = 'x'\n",
    "".join(
        f'[[fact]]\nid = "a{i}"\nkind = "claim"\ntext = "x"\nsource = "gazette"\n'
        for i in range(5001)
    ),
)


@pytest.mark.parametrize(
    "sheet", BROKEN_FACTS, ids=["not tables", "bad values", "not an array", "too many"]
)
def test_fact_sheet_problems_are_in_tomls_words(tmp_path: Path, sheet: str) -> None:
    shutil.copy(SERRE, tmp_path / "serre_delta.toml")
    (tmp_path / "facts.toml").write_text(sheet, encoding="utf-8")
    path = tmp_path / "v.toml"
    path.write_text('extends = "serre_delta.toml"\n[story]\nfacts = "facts.toml"\n')
    with pytest.raises(ScenarioError) as caught:
        load_checked(path)
    messages = [p.message for p in caught.value.problems]
    assert messages
    for message in messages:
        assert not re.search(
            r"Input should|String should|List should|dictionary|instance of", message
        )
        assert re.search(
            r"expected (a|an) |is not |out of range|at most|the text is empty", message
        ), message


def test_lint_refuses_a_broken_fact_sheet_as_validate_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its workers load the scenario fully checked: a sheet only they would trip over
    # stopped them all with a broken process pool before.
    shutil.copy(SERRE, tmp_path / "serre_delta.toml")
    (tmp_path / "facts.toml").write_text("fact = [1]\n", encoding="utf-8")
    path = tmp_path / "v.toml"
    path.write_text('extends = "serre_delta.toml"\n[story]\nfacts = "facts.toml"\n')
    assert main(["lint", str(path), "--games", "2", "--jobs", "1"]) == 1
    out, err = capsys.readouterr()
    assert "facts.toml:1:9: fact[0]: expected a table" in out
    assert "nothing was played" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "text",
    ["[" * 16_000, '{"a":' * 3_000, "\ufeff{}", "\udcff"],
    ids=["arrays", "objects", "byte-order mark", "not UTF-8"],
)
def test_a_settings_file_nested_past_the_parser_is_reported_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    from game.tui import settings
    from game.tui.settings_file import saved_high_contrast

    (tmp_path / settings.FILE_NAME).write_bytes(text.encode("utf-8", "surrogateescape"))
    monkeypatch.setenv(settings.CONFIG_ENV, str(tmp_path))
    settings.forget()
    assert saved_high_contrast() is False  # read before the first frame
    store = settings.current()
    assert store.settings == settings.Settings() and not store.fresh
    assert store.take_problem() == (
        f"{tmp_path / settings.FILE_NAME} is not a JSON settings file; using the defaults."
    )
    settings.forget()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_scenario_saved_as_utf16_is_named_so(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "windows.toml"
    text = TUTORIAL.read_text(encoding="utf-8")
    path.write_bytes(
        ("\ufeff" if encoding.endswith("be") else "").encode(encoding) + text.encode(encoding)
    )
    with pytest.raises(ScenarioError) as caught:
        open_scenario(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.col) == (1, 1)
    assert problem.message == 'file is saved as UTF-16 ("Unicode"); save it as UTF-8'


def test_too_many_elements_are_blamed_on_the_file_and_line_that_went_over(tmp_path: Path) -> None:
    from game.scenario.sources import MAX_SOURCES

    shutil.copy(SERRE, tmp_path / "serre_delta.toml")
    shipped = len(re.findall(r"(?m)^\[\[source\]\]$", SERRE.read_text(encoding="utf-8")))
    path = tmp_path / "v.toml"
    path.write_text(
        'extends = "serre_delta.toml"\n'
        + "".join(f'[[source]]\nid = "s{i}"\ntitle = "t"\n' for i in range(MAX_SOURCES)),
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as caught:
        open_scenario(path)
    [problem] = caught.value.problems
    # The element past the bound is the variant's, written after the base's own sources.
    over = MAX_SOURCES - shipped
    assert (problem.file, problem.line) == (str(path), 2 + 3 * over)
    assert problem.message == f"source: {MAX_SOURCES + shipped} items: at most {MAX_SOURCES}"


def _layer(text: str, file: str) -> Any:
    import tomli

    from game.scenario.extends import Layer
    from game.scenario.locate import KeyLocator

    return Layer(file, text, tomli.loads(text), KeyLocator(text))


def test_the_merge_of_thousands_of_elements_and_keys_is_linear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A variant may hold tens of thousands of elements, removals, changes or keys within
    # the file size cap; each used to rescan the whole section or every origin, which
    # took minutes. Counted, not timed: ids are worked out a few times per element.
    from game.scenario import merge

    n = 3000
    base = "".join(f'[[region]]\nid = "r{i}"\nname = "R"\n' for i in range(n))
    base += "".join(f'[[link]]\na = "r{i}"\nb = "r{i + 1}"\n' for i in range(n))
    base += "[meta]\n" + "".join(f"k{i} = {{ x = 1 }}\n" for i in range(n))
    removed = [f"r{i}" for i in range(0, n, 2)]
    unlinked = [[f"r{i + 1}", f"r{i}"] for i in range(0, n, 2)]  # ends in either order
    variant = (
        f'extends = "base.toml"\n[remove]\nregion = {json.dumps(removed)}\n'
        + f"link = {json.dumps(unlinked)}\n"
        + "".join(f'[[region]]\nid = "r{i}"\nname = "New"\n' for i in range(1, n, 2))
        + "".join(f'[[region]]\nid = "n{i}"\nname = "Added"\n' for i in range(n))
        + "".join(f'[change.region.n{i}]\nname = "Changed"\n' for i in range(0, n, 3))
        + "[meta]\n"
        + "".join(f"k{i} = {i}\n" for i in range(n))
    )
    calls = 0
    real = merge.element_key

    def counted(section: str, item: dict[str, Any]) -> str | None:
        nonlocal calls
        calls += 1
        return real(section, item)

    monkeypatch.setattr(merge, "element_key", counted)
    result = merge.merge_layers([_layer(base, "base.toml"), _layer(variant, "v.toml")])
    assert result.problems == []
    assert calls < 20 * n
    regions = result.data["region"]
    assert [r["id"] for r in regions[: n // 2]] == [f"r{i}" for i in range(1, n, 2)]
    assert {r["name"] for r in regions[: n // 2]} == {"New"}
    assert [r["name"] for r in regions[n // 2 : n // 2 + 4]] == [
        "Changed",
        "Added",
        "Added",
        "Changed",
    ]
    assert [(k["a"], k["b"]) for k in result.data["link"]] == [
        (f"r{i}", f"r{i + 1}") for i in range(1, n, 2)
    ]
    assert result.data["meta"] == {f"k{i}": i for i in range(n)}
    # Each key the variant wrote is located in the variant, none in the base's old table.
    assert result.locate(("meta", "k7"))[:2] == ("v.toml", variant.splitlines().index("k7 = 7") + 1)


# -- sidra new --from copies the files the base names in [story] --------------------------


def test_new_from_copies_the_fact_sheet_and_pack_and_validates_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "lesson", "--dir", str(tmp_path), "--from", "oil_crescent_2014"]) == 0
    out = capsys.readouterr().out
    shipped = ROOT / "scenarios" / "oil_crescent_2014"
    for name in ("facts.toml", "pack.toml"):
        copy = tmp_path / "oil_crescent_2014" / name
        assert copy.read_bytes() == (shipped / name).read_bytes()
        assert f"to {copy}" in out
    assert main(["validate", str(tmp_path / "lesson.toml")]) == 0
    assert "warning" not in capsys.readouterr().out
    # A second copy keeps what is there: nothing is overwritten.
    mine = tmp_path / "oil_crescent_2014" / "pack.toml"
    mine.write_text("# my own pack\n", encoding="utf-8")
    assert main(["new", "second", "--dir", str(tmp_path), "--from", "oil_crescent_2014"]) == 0
    assert "kept " in capsys.readouterr().out
    assert mine.read_text(encoding="utf-8") == "# my own pack\n"


def _new_lesson_from_tutorial_naming(
    base_dir: Path, out_dir: Path, facts: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    """``sidra new lesson --dir OUT --from BASE``, BASE being the tutorial with ``[story]
    facts`` set to ``facts``: the exit code and what it printed."""
    out_dir.mkdir()
    assert "[story]" not in TUTORIAL.read_text(encoding="utf-8")
    text = TUTORIAL.read_text(encoding="utf-8") + f'\n[story]\nfacts = "{facts}"\n'
    (base_dir / "base.toml").write_text(text, encoding="utf-8")
    code = main(["new", "lesson", "--dir", str(out_dir), "--from", str(base_dir / "base.toml")])
    return code, capsys.readouterr().out


@needs_links
def test_new_from_does_not_copy_a_side_file_that_leads_out_of_the_base_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base_dir, out_dir = tmp_path / "base", tmp_path / "out"
    base_dir.mkdir()
    secret = tmp_path / "secret.toml"
    secret.write_text('token = "not for copying"\n', encoding="utf-8")
    (base_dir / "notes").mkdir()
    (base_dir / "notes" / "facts.toml").symlink_to(secret)
    code, out = _new_lesson_from_tutorial_naming(base_dir, out_dir, "notes/facts.toml", capsys)
    assert code == 0 and "did not copy the fact sheet" in out and "leads out" in out
    assert (out_dir / "lesson.toml").is_file()
    assert not (out_dir / "notes" / "facts.toml").exists()


def test_new_from_never_copies_a_side_file_over_the_new_scenario_or_its_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base_dir, out_dir = tmp_path / "base", tmp_path / "out"
    base_dir.mkdir()
    (base_dir / "lesson.toml").write_text("# a fact sheet that happens to share the name\n")
    code, out = _new_lesson_from_tutorial_naming(base_dir, out_dir, "lesson.toml", capsys)
    assert code == 0 and "did not copy the fact sheet" in out and "own file" in out
    assert "Meran" in (out_dir / "lesson.toml").read_text(encoding="utf-8")


@needs_links
def test_new_from_does_not_write_through_a_link_out_of_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out_dir.mkdir()
    elsewhere.mkdir()
    (out_dir / "oil_crescent_2014").symlink_to(elsewhere)
    assert main(["new", "m", "--dir", str(out_dir), "--from", "oil_crescent_2014"]) == 0
    out = capsys.readouterr().out
    assert out.count("leads out of") == 2, out
    assert list(elsewhere.iterdir()) == []


def test_new_from_says_plainly_when_a_side_files_folder_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "oil_crescent_2014").write_text("in the way\n", encoding="utf-8")
    assert main(["new", "m", "--dir", str(tmp_path), "--from", "oil_crescent_2014"]) == 0
    out = capsys.readouterr().out
    assert "cannot be made a folder" in out and "Errno" not in out
    assert (tmp_path / "oil_crescent_2014").read_text(encoding="utf-8") == "in the way\n"


def test_a_new_name_with_a_trailing_newline_is_refused_as_a_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "x\n", "--dir", str(tmp_path), "--from", "tutorial"]) == 1
    err = capsys.readouterr().err
    assert "is not a scenario name" in err and "tutorial.toml" not in err


def test_a_file_of_thousands_of_unknown_keys_skips_the_spelling_guesses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Guessing a near miss for each of 200,000 crafted keys took seconds; past the limit
    # the problems are listed without guesses (and counted as before).
    import game.scenario.messages as messages

    text = TUTORIAL.read_text(encoding="utf-8")
    broken = text.replace("[meta]\n", "[meta]\ntitel = 1\nsubtitel = 2\nnmae = 3\n", 1)
    path = tmp_path / "typos.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ScenarioError) as guessed:
        load_checked(path)
    assert "did you mean 'title'" in str(guessed.value)
    monkeypatch.setattr(messages, "SUGGEST_LIMIT", 2)
    with pytest.raises(ScenarioError) as plain:
        load_checked(path)
    assert "did you mean" not in str(plain.value)
    assert plain.value.total == guessed.value.total == 3
    assert "unknown key 'titel' in meta" in str(plain.value)
