"""The player's files: only regular files are replaced or read, temp files never stay behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from game.errors import SidraError
from game.record.files import (
    BROKEN,
    OLDER,
    FileRefused,
    check_target,
    check_writable_folder,
    read_limited,
    remove_stale_temp_files,
    rotate_and_write,
    set_aside,
    write_atomic,
)
from game.record.save import SaveError, load_save
from tests.test_hostile_saves import time_guard


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


# -- writing refuses what is not a plain file ------------------------------------------------


def test_a_named_pipe_is_never_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "game.json"
    os.mkfifo(pipe)
    with pytest.raises(FileRefused, match="named pipe") as caught:
        write_atomic(pipe, "{}\n")
    assert str(caught.value).startswith(str(pipe))
    assert pipe.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]  # no temp file either


def test_a_symbolic_link_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(FileRefused, match=f"symbolic link to {real}"):
        write_atomic(link, "theirs\n")
    with pytest.raises(FileRefused, match="symbolic link"):
        rotate_and_write(link, "theirs\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / OLDER).exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "saves.json"
    folder.mkdir()
    with pytest.raises(FileRefused, match="is a folder") as caught:
        write_atomic(folder, "{}\n")
    assert isinstance(caught.value, OSError) and isinstance(caught.value, SidraError)
    assert caught.value.strerror is not None and "folder" in caught.value.strerror


def test_a_device_is_refused_before_anything_is_written() -> None:
    # Checked, never written: the check is what keeps write_atomic away from devices.
    with pytest.raises(FileRefused, match="is a device"):
        check_target(Path("/dev/null"))


def test_a_regular_file_and_a_missing_one_are_fine(tmp_path: Path) -> None:
    check_target(tmp_path / "new.json")
    write_atomic(tmp_path / "new.json", "one\n")
    check_target(tmp_path / "new.json")
    write_atomic(tmp_path / "new.json", "two\n")
    assert (tmp_path / "new.json").read_text(encoding="utf-8") == "two\n"


# -- reading takes only plain files, size checked first -------------------------------------


def test_reading_a_named_pipe_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "save.json"
    os.mkfifo(pipe)
    with time_guard(10), pytest.raises(FileRefused, match="named pipe"):
        read_limited(pipe, 1000)
    with time_guard(10), pytest.raises(SaveError, match=f"{pipe}: cannot read: .*named pipe"):
        load_save(pipe)


def test_reading_dev_zero_and_folders_is_refused(tmp_path: Path) -> None:
    with time_guard(10), pytest.raises(SaveError, match="/dev/zero: cannot read: is a device"):
        load_save("/dev/zero")
    with pytest.raises(SaveError, match="is a folder"):
        load_save(tmp_path)


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2000)
    with pytest.raises(FileRefused, match="2,000 bytes; a save is at most 1,000 bytes"):
        read_limited(big, 1000, "save")
    assert read_limited(big, 2000) == b" " * 2000


def test_links_are_followed_for_reading_and_loops_named(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"hello")
    (tmp_path / "link.txt").symlink_to(real)
    assert read_limited(tmp_path / "link.txt", 100) == b"hello"
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(SaveError, match=r"loop\.json: cannot read: Too many levels of symbolic"):
        load_save(loop)


# -- temporary files ---------------------------------------------------------------------------


def test_stale_temp_files_of_killed_runs_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".game.json.a1b2c3d4.tmp"
    fresh = tmp_path / ".game.json.e5f6a7b8.tmp"
    other = tmp_path / ".notes.txt.tmp"  # not our pattern
    mine = tmp_path / "game.json"
    for path in (stale, fresh, other, mine):
        path.write_text("x", encoding="utf-8")
    link = tmp_path / ".other.json.zzzzzzzz.tmp"
    link.symlink_to(mine)
    for path in (stale, other, mine, link):
        _age(path, 120)
    assert remove_stale_temp_files(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [fresh.name, other.name, mine.name, link.name]
    )


def test_a_write_cleans_only_its_own_stale_temp_files(tmp_path: Path) -> None:
    own = tmp_path / ".game.json.aaaaaaaa.tmp"
    someone_elses = tmp_path / ".other.json.bbbbbbbb.tmp"
    for path in (own, someone_elses):
        path.write_text("half a save", encoding="utf-8")
        _age(path, 120)
    write_atomic(tmp_path / "game.json", "{}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [someone_elses.name, "game.json"]


def test_rotation_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "auto.json"
    for n in range(5):
        rotate_and_write(path, f"{n}\n")
    names = sorted(p.name for p in (tmp_path / OLDER).iterdir())
    assert names == ["auto.1.json", "auto.2.json", "auto.3.json"]


# -- data folders --------------------------------------------------------------------------------


def test_a_folder_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(OSError):
        check_writable_folder(blocker / "autosaves")
    check_writable_folder(tmp_path / "fine" / "autosaves")
    assert list((tmp_path / "fine" / "autosaves").iterdir()) == []


def test_a_damaged_file_is_set_aside_with_a_note(tmp_path: Path) -> None:
    bad = tmp_path / "game.json"
    for n in range(2):
        bad.write_text(f"broken {n}", encoding="utf-8")
        moved = set_aside(bad, "not valid JSON")
        assert not bad.exists() and moved.parent == tmp_path / BROKEN
        assert moved.read_text(encoding="utf-8") == f"broken {n}"
        note = moved.with_name(moved.name + ".txt").read_text(encoding="utf-8")
        assert str(bad) in note and "not valid JSON" in note
    assert sorted(p.name for p in (tmp_path / BROKEN).iterdir()) == [
        "game-2.json",
        "game-2.json.txt",
        "game.json",
        "game.json.txt",
    ]
