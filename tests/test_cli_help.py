"""The help of the ``sidra`` command, its colours and NO_COLOR, and shell completion.

Every subcommand has a description, a line in ``sidra --help``'s list and examples;
every argument has help; help names no file the repository does not have. Colour is
drawn only on a terminal and never with ``NO_COLOR`` set (checked through a real
pseudo-terminal, which is also what shows that colour is drawn at all). ``sidra
completion SHELL`` prints a script each shell accepts, and the completions it asks for
name every subcommand, option, choice and the files an argument takes.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from game.cli import _parser, main
from game.cli_completion import SHELLS
from game.cli_help import MAIN, PAGES

ROOT = Path(__file__).resolve().parent.parent
ESCAPE = "\x1b["
COLOUR = re.compile(rb"\x1b\[[0-9;]*m")
"""An SGR sequence: colour and text attributes (cursor movement is another matter)."""


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every subcommand's parser, by name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def listed_help(parser: argparse.ArgumentParser) -> dict[str, str | None]:
    """The line each subcommand has in ``sidra --help``'s list."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {a.dest: a.help for a in action._choices_actions}
    return {}


COMMANDS = sorted(subcommands(_parser()))


def run(argv: list[str]) -> tuple[int, str]:
    """``sidra ARGV`` in this process: the exit status and what was printed."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue() + err.getvalue()


def sidra(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m game ARGS`` in a real process, output piped."""
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


# -- descriptions, help, examples --------------------------------------------------------


def test_the_commands_are_all_there() -> None:
    expected = {"play", "validate", "schema", "new", "simulate", "lint", "verify", "replay"}
    expected |= {"report", "whatif", "bench", "serve", "completion"}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_a_description_and_a_line_in_the_list(command: str) -> None:
    parser = _parser()
    line = listed_help(parser)[command]
    assert line and len(line) <= 90, line
    description = subcommands(parser)[command].description
    assert description and len(description) > len(line), description


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_argument_has_help(command: str) -> None:
    parser = _parser()
    if command:
        parser = subcommands(parser)[command]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        name = action.option_strings or [action.metavar or action.dest]
        assert action.help and action.help != argparse.SUPPRESS, f"{command}: {name}"
        assert len(action.help) >= 10, f"{command} {name}: {action.help!r}"


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_exits_zero_and_shows_examples(command: str) -> None:
    code, printed = run([command, "--help"] if command else ["--help"])
    assert code == 0, printed
    assert "examples:" in printed
    examples = printed.split("examples:", 1)[1]
    assert f"sidra {command}".strip() in examples
    assert any(line.startswith("  sidra") for line in examples.splitlines()), examples


def test_each_page_has_one_to_three_examples() -> None:
    """A few examples that show the common uses; more would bury them."""
    for name, page in [("sidra", MAIN), *PAGES.items()]:
        assert 1 <= len(page.examples) <= 3, name
        for what, command in page.examples:
            assert what and command.startswith("sidra"), (name, command)


def all_help_text() -> str:
    """Every description, example and help text of the whole command line."""
    parser = _parser()
    texts: list[str] = []
    for each in [parser, *subcommands(parser).values()]:
        texts += [each.description or "", each.epilog or ""]
        texts += [a.help or "" for a in each._actions]
    texts += [line or "" for line in listed_help(parser).values()]
    return "\n".join(texts)


def test_help_names_no_file_the_repository_does_not_have() -> None:
    text = all_help_text()
    assert "DESIGN.md" not in text
    # Paths, and documents named in capitals as the repository's are (FORMAT.md).
    named = set(re.findall(r"[\w.-]*/[\w./-]+|\b[A-Z][A-Z_]+\.md\b", text))
    for name in named:
        if name.startswith(("~", "/")) or "*" in name or name.endswith("/"):
            continue  # the user's files, or a pattern
        if name.split(".")[0] in ("FILE", "NAME", "SAVE", "SCENARIO"):
            continue  # an argument's value (-o FILE.md)
        if "/" not in name:  # a document named by itself: somewhere in the repository
            assert list(ROOT.glob(f"**/{name}")), name
        else:
            assert (ROOT / name).exists(), name


# -- colour and NO_COLOR -----------------------------------------------------------------


def in_terminal(argv: list[str], env: dict[str, str]) -> bytes:
    """What ``sidra ARGV`` writes to a pseudo-terminal (stdout and stderr both)."""
    pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX-only")
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environ.update({"TERM": "xterm-256color", "COLUMNS": "100", **env})
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "game", *argv],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=ROOT,
        env=environ,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) in (0, 2)
    return b"".join(chunks)


def test_help_is_coloured_on_a_terminal_and_plain_with_no_color() -> None:
    coloured = in_terminal(["simulate", "--help"], {})
    assert COLOUR.search(coloured), coloured[:200]
    plain = in_terminal(["simulate", "--help"], {"NO_COLOR": "1"})
    assert ESCAPE.encode() not in plain, plain[:200]
    assert b"examples:" in plain


def test_a_usage_error_on_a_terminal_with_no_color_is_plain() -> None:
    printed = in_terminal(["simulate", "--games", "0"], {"NO_COLOR": "1"})
    assert b"argument --games: must be" in printed
    assert ESCAPE.encode() not in printed


def test_the_progress_bar_has_no_colour_with_no_color() -> None:
    printed = in_terminal(["simulate", "--games", "40", "--jobs", "1"], {"NO_COLOR": "1"})
    assert b"40 games" in printed
    assert not COLOUR.search(printed), sorted(set(COLOUR.findall(printed)))


def test_help_and_usage_errors_to_a_pipe_are_plain() -> None:
    for args in (["--help"], ["lint", "--help"], ["simulate", "--games", "0"]):
        result = sidra(*args, env={"FORCE_COLOR": ""})
        assert ESCAPE not in result.stdout + result.stderr, args


def test_the_usage_on_stderr_follows_stderr_not_stdout() -> None:
    """A usage error goes to stderr: its colours are decided by stderr (a file here),
    even when stdout is a terminal."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    parser = _parser()
    terminal, stream = Terminal(), io.StringIO()
    with redirect_stdout(terminal):
        parser.print_usage(stream)
    assert stream.getvalue().startswith("usage: sidra")
    assert ESCAPE not in stream.getvalue() + terminal.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "scenarios/oil_crescent_2014.toml"],
        ["simulate", "--games", "10", "--jobs", "1"],
        ["lint", "scenarios/tutorial.toml", "--games", "10", "--jobs", "1"],
    ],
)
def test_command_output_to_a_pipe_has_no_escape_codes(args: list[str]) -> None:
    result = sidra(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert ESCAPE not in result.stdout + result.stderr


# -- shell completion ---------------------------------------------------------------------


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_prints_a_script_that_registers_sidra(shell: str) -> None:
    code, script = run(["completion", shell])
    assert code == 0
    registers = {
        "bash": "complete -o nospace -o bashdefault -F _python_argcomplete sidra",
        "zsh": "#compdef sidra",
        "fish": "complete --command sidra",
    }
    assert registers[shell] in script
    assert "_ARGCOMPLETE" in script


SYNTAX_CHECK = {"bash": ["bash", "-n"], "zsh": ["zsh", "-n"], "fish": ["fish", "--no-execute"]}


@pytest.mark.parametrize("shell", SHELLS)
def test_the_shell_accepts_the_script(shell: str, tmp_path: Path) -> None:
    command = SYNTAX_CHECK[shell]
    if shutil.which(command[0]) is None:
        pytest.skip(f"{shell} is not installed here: its syntax cannot be checked")
    script = tmp_path / f"sidra.{shell}"
    script.write_text(run(["completion", shell])[1], encoding="utf-8")
    result = subprocess.run([*command, str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def completions(line: str, shell: str, tmp_path: Path, cwd: Path = ROOT) -> list[str]:
    """What ``sidra`` answers a ``shell`` asking to complete ``line`` (cursor at its end),
    through argcomplete's protocol as the printed script speaks it."""
    answer = tmp_path / "answer"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_SHELL": shell,
        "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
        "_ARGCOMPLETE_IFS": "\n",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
    }
    subprocess.run(
        [sys.executable, "-m", "game"], env=env, cwd=cwd, capture_output=True, timeout=60
    )
    words = answer.read_text(encoding="utf-8").split("\n")
    return [w.split("\t")[0].split(":")[0].strip() for w in words if w.strip()]


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_names_every_subcommand(shell: str, tmp_path: Path) -> None:
    offered = completions("sidra ", shell, tmp_path)
    assert set(COMMANDS) <= set(offered), offered


def test_completion_offers_options_choices_and_the_right_files(tmp_path: Path) -> None:
    assert "--difficulty" in completions("sidra simulate --dif", "bash", tmp_path)
    assert set(completions("sidra simulate --difficulty ", "bash", tmp_path)) == {
        "easy",
        "normal",
        "hard",
        "expert",
    }

    def values(line: str, cwd: Path = ROOT) -> set[str]:
        """The completions of ``line`` that are not options (offered beside them)."""
        return {w for w in completions(line, "bash", tmp_path, cwd) if not w.startswith("-")}

    assert values("sidra completion ") == set(SHELLS)
    folder = tmp_path / "work"
    (folder / "maps").mkdir(parents=True)
    for name in ("war.toml", "game.json", "notes.txt"):
        (folder / name).write_text("", encoding="utf-8")
    shipped = {"oil_crescent_2014", "tutorial", "serre_delta"}
    offered = values("sidra play ", folder)
    assert {"war.toml", "maps/"} | shipped <= offered, offered
    assert not {w for w in offered if w.endswith((".json", ".txt"))}
    # Shipped scenarios by name, wherever a scenario is taken; a local file comes first.
    assert values("sidra simulate tut", folder) == {"tutorial"}
    assert values("sidra new x --from serre", folder) == {"serre_delta"}
    assert values("sidra validate wa", folder) == {"war.toml"}
    # Factions of the scenario on the line (the default one if none).
    assert values("sidra play --as ") == {"tobruk", "dawn", "foreign"}
    assert values("sidra play tutorial --as ") == {"council", "brigades"}
    assert values("sidra arena --seats tobruk,") == {"tobruk,dawn", "tobruk,foreign"}
    assert values("sidra simulate --seat d") == {"dawn="}
    assert values("sidra simulate --seat dawn=ha") == {"dawn=hard"}
    assert values("sidra play no_such_war.toml --as ") == set(), "an unreadable scenario"
    assert values("sidra play tutorial --as council,") == set(), "--as takes one faction"
    assert values("sidra arena --seats " + "x," * 150) == set(), "longer than --seats takes"
    assert values("sidra verify ", folder) == {"game.json", "maps/"}
    assert values("sidra report game.json -o ", folder) == {
        "war.toml",
        "game.json",
        "notes.txt",
        "maps/",
    }
    assert values("sidra new x --dir ", folder) == {"maps/"}
    assert completions("sidra simulate --games ", "bash", tmp_path, folder) == []
    # A variant's factions include its base's, and the file is read as plain TOML only: a
    # file that would be slow to validate answers at once.
    crown = tmp_path / "crown"
    crown.mkdir()
    variant = crown / "variant.toml"
    variant.write_text('extends = "war.toml"\n[[faction]]\nid = "rebels"\n', encoding="utf-8")
    (crown / "war.toml").write_text(
        "[meta]\n" + "".join(f"a{i} = 1\n" for i in range(20_000)) + '[[faction]]\nid = "crown"\n',
        encoding="utf-8",
    )
    assert values("sidra play variant.toml --as ", crown) == {"crown", "rebels"}


def test_bash_completes_through_the_printed_script(tmp_path: Path) -> None:
    """The script, sourced into a real bash, completes ``sidra sim`` and a subcommand's
    options (bash runs ``sidra`` itself, from the environment's scripts folder)."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed here")
    scripts = Path(sys.executable).parent
    if not (scripts / "sidra").exists():
        pytest.skip("the sidra script is not installed beside this Python")
    script = tmp_path / "sidra.bash"
    script.write_text(run(["completion", "bash"])[1], encoding="utf-8")

    def complete(line: str) -> list[str]:
        word = len(line.split()) - (0 if line.endswith(" ") else 1)
        program = (
            f"source {script}; COMP_LINE='{line}'; COMP_POINT={len(line)}; "
            f"COMP_WORDS=({line}); COMP_CWORD={word}; "
            '_python_argcomplete sidra; printf "%s\\n" "${COMPREPLY[@]}"'
        )
        env = {**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}"}
        result = subprocess.run(
            ["bash", "-c", program], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    assert complete("sidra sim") == ["simulate"]
    assert "--seed" in complete("sidra whatif game.json --")
