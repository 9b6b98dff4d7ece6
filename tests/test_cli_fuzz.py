"""Hostile command lines: whatever is typed, ``sidra`` ends with 0, 1 or 2, never a traceback.

Every subcommand gets random option lists: its own options and unknown ones, numbers of
every size and kind (negative, huge, thousands of digits, floats, hex, other scripts'
digits), odd paths (missing, folders, empty, very long, ``~nosuchuser``, control
characters) and control characters anywhere. Runs go in-process through
:func:`game.cli.main` for speed, with numbers kept small where they are valid, so every
example finishes in moments; a table of the same hostile inputs then runs through real
processes to check the exit statuses the shell sees, under a time limit, with the
inputs that could hang a reader (a named pipe, ``/dev/zero``).

Usage errors (a number out of its range, an unknown option) are exactly 2 and name the
option; bad input files are 1; nothing a terminal would act on is ever printed.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.cli_text import unsafe

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "oil_crescent_2014.toml"

CONTROL = ["\x1b[2J", "\x1b]0;pwned\x07", "\r", "\x9b31m", "\u202e", "\x00", "\n"]
"""Clear screen, set the window title, a carriage return, a C1 CSI, a bidi override,
a NUL (no path may hold one) and a line break."""

BAD_NUMBERS = [
    "",
    " ",
    "-1",
    "-0",
    "0",
    "1e3",
    "0x10",
    "1.5",
    "nan",
    "inf",
    "٣",
    "1" * 40,
    "9" * 5000,
    str(10**21),
    str(2**64),
    str(-(2**63)),
    "many",
    "--",
    *CONTROL,
]
"""Numbers no range accepts, and text that is no number at all."""


# -- running sidra -----------------------------------------------------------------------


def run(argv: list[str]) -> tuple[int, str]:
    """``sidra ARGV`` in this process: the exit status and everything printed."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse: usage errors, --help
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue() + err.getvalue()


def acts_on_terminal(text: str) -> list[str]:
    """The characters of ``text`` a terminal would act on (line breaks and tabs aside)."""
    return sorted({repr(c) for c in text if unsafe(c) and c not in "\n\t"})


def check(argv: list[str]) -> tuple[int, str]:
    """Run ``argv`` and hold the promises every run keeps."""
    code, printed = run(argv)
    assert code in (0, 1, 2), (argv, code, printed[-2000:])
    assert "Traceback" not in printed, (argv, printed[-4000:])
    assert acts_on_terminal(printed) == [], (argv, printed[-2000:])
    return code, printed


@pytest.fixture(autouse=True)
def no_listening(monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid ``serve`` line would listen until stopped: here the server stops at once,
    so the fuzz checks what ``serve`` makes of its arguments, not the network."""
    try:
        from textual_serve.server import Server
    except ImportError:  # without the web extra, serve says so and listens to nothing
        return
    monkeypatch.setattr(Server, "serve", lambda self, *a, **k: None)


# -- what may be typed -------------------------------------------------------------------


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a real save, a broken one, a folder and a few odd names."""
    here = tmp_path_factory.mktemp("cli-fuzz")
    code, printed = run(
        ["simulate", "--games", "1", "--seed", "3", "--jobs", "1", "--save", str(here / "g.json")]
    )
    assert code == 0, printed
    (here / "broken.json").write_text('{"format_version": 2, "lines": [', encoding="utf-8")
    (here / "folder").mkdir()
    (here / "text.toml").write_text("this is not [ toml", encoding="utf-8")
    return here


def odd_paths(place: Path) -> list[str]:
    """Paths that name nothing usable, to read or to write."""
    return [
        str(place / "folder"),
        str(place / "missing.json"),
        str(place / "no" / "such" / "folder" / "x.json"),
        str(place / ("long" * 80 + ".json")),
        "",
        "/",
        "~nosuchuser/x.json",
        *(str(place / f"odd{c}.json") for c in CONTROL),
    ]


def read_paths(place: Path) -> st.SearchStrategy[str]:
    """Files a person might give to read, good and bad."""
    files = [place / "g.json", place / "broken.json", place / "text.toml", SCENARIO]
    return st.sampled_from([*map(str, files), *odd_paths(place)])


def write_paths(place: Path) -> st.SearchStrategy[str]:
    """Files a person might ask to be written: all inside ``place`` (or refused)."""
    files = [place / "out.json", place / "out.html", place / "out.md", place / "g.json"]
    return st.sampled_from([*map(str, files), *odd_paths(place)])


def mostly(good: st.SearchStrategy[str], bad: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``good`` three times in four, else ``bad`` (so runs get past the parser too)."""
    return st.one_of(good, good, good, bad)


def small_or_bad_numbers() -> st.SearchStrategy[str]:
    """Small valid numbers (so a valid run is short) or numbers no range accepts."""
    bad = st.one_of(
        st.integers(-(10**30), -1).map(str),
        st.integers(10**6 + 1, 10**30).map(str),
        st.sampled_from(BAD_NUMBERS),
    )
    return mostly(st.integers(1, 2).map(str), bad)


def junk() -> st.SearchStrategy[str]:
    """Words nobody should type."""
    return st.one_of(st.sampled_from([*CONTROL, "nato", "Hard"]), st.text(max_size=6))


def choice(*words: str) -> st.SearchStrategy[str]:
    """One of ``words``, or junk."""
    return mostly(st.sampled_from(words), junk())


FACTIONS = ("tobruk", "dawn", "foreign")
LEVELS = ("easy", "normal")
"""``--difficulty`` values tried: hard and expert search ahead in every seat, too slow
for a fuzz; they are tried per seat, with a tiny rollout budget (SEARCHING)."""
SEARCHING = ("hard@2", "expert@1")

OPTIONS: dict[str, dict[str, str]] = {
    # option -> what it takes: "number" (small or bad), "bad-number", "seed" (any number),
    # "faction", "level", "bots", "format", "line", "host", "target" (a path to write),
    # "flag" (nothing), "seat" (FACTION=BOT)
    "play": {"--as": "faction", "--seed": "seed", "--difficulty": "level"},
    "serve": {"--host": "host", "--port": "bad-number"},
    "validate": {},
    "schema": {},
    "simulate": {
        "--games": "number",
        "--seed": "seed",
        "--jobs": "number",
        "--difficulty": "level",
        "--bots": "bots",
        "--seat": "seat",
        "--json": "flag",
        "--save": "target",
    },
    "lint": {
        "--games": "number",
        "--seed": "seed",
        "--jobs": "number",
        "--difficulty": "level",
        "--json": "flag",
    },
    "verify": {},
    "replay": {},
    "report": {"--format": "format", "-o": "target", "--output": "target"},
    "arena": {
        "--games": "number",
        "--seed": "seed",
        "--jobs": "number",
        "--levels": "levels",
        "--json": "flag",
    },
    "whatif": {
        "--turn": "number",
        "--line": "line",
        "--games": "number",
        "--seed": "seed",
        "--jobs": "number",
        "--json": "flag",
    },
}
"""Each subcommand's options (``bench`` is left out: a valid run measures for seconds)."""

POSITIONALS = {"play": 1, "simulate": 1, "validate": 2, "verify": 1, "replay": 1, "report": 1}
POSITIONALS["whatif"] = 1
POSITIONALS["lint"] = 1
POSITIONALS["arena"] = 1
"""How many files each subcommand reads (at most)."""

SHORT = {"simulate": "--games", "whatif": "--games", "lint": "--games", "arena": "--games"}
"""Options given first, small or bad, so that a valid run is short (their defaults, 100
games and 1,000 continuations, take seconds)."""

LADDERS = ("random,easy", "easy,normal", "normal,hard@1", "random,expert@1", "easy,easy")
"""``arena --levels`` values tried (always given: the default ladder's searching levels
take seconds a game), valid and not, besides junk."""


@st.composite
def command_lines(draw: st.DrawFn, place: Path) -> list[str]:
    """A subcommand with random positionals and options, known and unknown."""
    command = draw(st.sampled_from(sorted(OPTIONS)))
    takes = {
        "number": small_or_bad_numbers(),
        "bad-number": st.sampled_from(BAD_NUMBERS),
        "seed": mostly(
            st.integers(0, 2**64 - 1).map(str),
            st.one_of(st.integers(-(2**70), 2**70).map(str), st.sampled_from(BAD_NUMBERS)),
        ),
        "faction": choice(*FACTIONS),
        "level": choice(*LEVELS),
        "bots": choice("rule", "random", "passive", "spoiler"),
        "format": choice("html", "md"),
        "line": choice("main"),
        "levels": choice(*LADDERS),
        "host": junk(),
        "target": write_paths(place),
        "seat": st.builds(
            lambda f, b: f"{f}={b}",
            choice(*FACTIONS),
            choice(*LEVELS, *SEARCHING, "random", "passive", "spoiler"),
        ),
    }
    argv = [command]
    files = POSITIONALS.get(command, 0)
    for _ in range(draw(st.sampled_from([0, files, files, files, files + 1]))):
        argv.append(draw(read_paths(place)))
    if command in SHORT:
        argv += [SHORT[command], draw(small_or_bad_numbers())]
    if command == "arena":
        argv += ["--levels", draw(choice(*LADDERS))]
    if command == "whatif" and draw(st.integers(0, 5)):
        argv += ["--turn", draw(small_or_bad_numbers())]
    options = sorted(OPTIONS[command])
    for _ in range(draw(st.integers(0, 4))):
        if options and draw(st.integers(0, 9)):
            option = draw(st.sampled_from(options))
            argv.append(option)
            kind = OPTIONS[command][option]
            if kind != "flag":
                argv.append(draw(takes[kind]))
        else:
            argv.append(draw(st.sampled_from(["--nope", "-x", "--games=", "--", "-", "\x1b"])))
    return argv


# -- the properties ----------------------------------------------------------------------


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_command_line_ends_in_0_1_or_2_without_a_traceback(
    place: Path, data: st.DataObject
) -> None:
    argv = data.draw(command_lines(place))
    check(argv)


def numeric_options() -> Iterator[tuple[list[str], str]]:
    """(a command line missing only a number, its option) for every numeric option."""
    yield ["simulate", "--jobs", "1", "--games"], "--games"
    yield ["simulate", "--games", "1", "--jobs"], "--jobs"
    yield ["simulate", "--games", "1", "--seed"], "--seed"
    yield ["play", "--seed"], "--seed"
    yield ["serve", "--port"], "--port"
    yield ["whatif", "g.json", "--turn", "1", "--games"], "--games"
    yield ["whatif", "g.json", "--turn", "1", "--jobs"], "--jobs"
    yield ["whatif", "g.json", "--turn", "1", "--seed"], "--seed"
    yield ["whatif", "g.json", "--turn"], "--turn"


@pytest.mark.parametrize(("argv", "option"), list(numeric_options()))
@pytest.mark.parametrize("value", ["-1", "0x10", "1.5", "٣", "9" * 5000, str(2**64 + 1), "\x1b[2J"])
def test_a_number_out_of_range_is_a_usage_error_naming_the_option(
    argv: list[str], option: str, value: str
) -> None:
    code, printed = check([*argv, value])
    assert code == 2, printed
    assert f"argument {option}: must be " in printed
    assert " from " in printed and " to " in printed  # the allowed range


@pytest.mark.parametrize(
    ("argv", "range_"),
    [
        (["simulate", "--games", "0"], "from 1 to 1,000,000"),
        (["simulate", "--games", "1000001"], "from 1 to 1,000,000"),
        (["simulate", "--jobs", "1000"], "from 1 to "),
        (["simulate", "--seed", str(2**64)], "from 0 to 18,446,744,073,709,551,615"),
        (["whatif", "g.json", "--turn", "1", "--games", "100001"], "from 1 to 100,000"),
        (["serve", "--port", "65536"], "from 1 to 65,535"),
    ],
)
def test_the_limits_are_said(argv: list[str], range_: str) -> None:
    code, printed = check(argv)
    assert code == 2 and range_ in printed, printed


def test_jobs_beyond_the_cores_say_how_many_there_are() -> None:
    from game.lab.pool import usable_cores

    cores = usable_cores()
    code, printed = check(["simulate", "--games", "1", "--jobs", str(cores + 1)])
    assert code == 2
    assert f"from 1 to {cores} (the cores this machine lets Sidra use)" in printed
    assert check(["simulate", "--games", "1", "--jobs", str(cores), "--json"])[0] == 0


@pytest.mark.parametrize("flag", ["--nope", "-x", "--\x1b]0;pwned\x07", "--games=\r"])
@pytest.mark.parametrize(
    "command", ["simulate", "whatif", "report", "validate", "play", "lint", "new", "arena"]
)
def test_unknown_and_malformed_options_are_usage_errors(command: str, flag: str) -> None:
    code, printed = check([command, flag])
    assert code == 2, printed


def test_the_sidra_command_alone_outside_a_terminal_is_a_message() -> None:
    code, printed = check([])
    assert code == 1 and "needs a terminal" in printed


# -- the same through real processes ---------------------------------------------------


def sidra(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m game ARGS`` with nothing to read and a time limit."""
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        cwd=cwd,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_real_exit_statuses_and_inputs_that_could_hang(place: Path) -> None:
    fifo = place / "pipe.json"
    if not fifo.exists():
        os.mkfifo(fifo)
    table: list[tuple[list[str], int]] = [
        (["simulate", "--games", "0"], 2),
        (["simulate", "--games", str(10**21)], 2),
        (["whatif", "g.json", "--turn", "-1"], 2),
        (["serve", "--port", "70000"], 2),
        (["--nope"], 2),
        (["validate", "/dev/zero"], 1),
        (["simulate", "/dev/zero", "--games", "1"], 1),
        (["play", "/dev/zero"], 1),
        (["verify", "/dev/zero"], 1),
        (["verify", str(fifo)], 1),
        (["whatif", str(fifo), "--turn", "1"], 1),
        (["validate", str(fifo)], 1),
        (["simulate", "--games", "1", "--jobs", "1", "--save", str(fifo)], 1),
        (["report", "g.json", "-o", str(fifo)], 1),
        (["report", "g.json", "-o", "n" * 300], 1),
        (["simulate", "--games", "1", "--jobs", "1", "--save", "n" * 300], 1),
        (["verify", "broken.json"], 1),
        (["verify", "g.json"], 0),
        ([], 1),
        (["replay", "g.json"], 1),
    ]
    for argv, expected in table:
        done = sidra(*argv, cwd=place)
        printed = done.stdout + done.stderr
        assert done.returncode == expected, (argv, printed)
        assert "Traceback" not in printed, (argv, printed)
        assert acts_on_terminal(printed) == [], (argv, printed)
    assert fifo.exists() and not fifo.is_file(), "the named pipe was not replaced"


def test_a_report_name_with_a_nul_byte_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by the fuzz test above: resolving such a name raised ValueError.
    save = tmp_path / "game.json"
    source = Path(__file__).parent / "fixtures" / "saves" / "handout-game.json"
    save.write_bytes(source.read_bytes())
    assert main(["report", str(save), "--output", str(tmp_path / "odd\x00.json")]) == 1
    err = capsys.readouterr().err
    assert "cannot hold a NUL character" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


def test_output_the_system_cannot_take_is_a_message(place: Path) -> None:
    """A full disk behind stdout (``>/dev/full``) and a closed stdout (``>&-``) end with
    a message and exit 1, never a traceback."""
    if Path("/dev/full").exists():
        with open("/dev/full", "w", encoding="utf-8") as full:
            done = subprocess.run(
                [sys.executable, "-m", "game", "schema"],
                stdin=subprocess.DEVNULL,
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                cwd=place,
                timeout=60,
                check=False,
            )
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert "cannot write the output" in done.stderr
    closed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(1); sys.stdout = None;"
            "from game.cli import main; raise SystemExit(main(['schema']))",
        ],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=place,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in closed.stderr, closed.stderr
