"""Continue with a damaged autosave: set it aside, find the last good game, say what happened.

No widgets here (the app's worker calls :func:`recover` off the UI thread), so the
fallback is tested directly as well as through the app.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from game.record.files import set_aside
from game.record.match import Match
from game.record.save import load_save, write_save
from game.tui.session import earlier_autosaves, saves_in


@dataclass(frozen=True, slots=True)
class Recovery:
    """What Continue does instead: resume ``match`` as ``path`` (None if nothing loads),
    and the message saying what was wrong and what happened to the damaged file."""

    match: Match | None
    path: Path | None
    message: str


def recover(damaged: Path, problem: str, folder: Path, skip: set[Path]) -> Recovery:
    """The last good game when the autosave ``damaged`` fails to load with ``problem``.

    The damaged file moves to the hidden ``.broken`` folder beside it, with a note, so
    the next Continue does not choose it again and nothing is lost; if it cannot be
    moved it is added to ``skip`` (files Continue passes over in this run). Then the
    kept earlier versions of the same game are tried, newest first: the game goes on
    under its own name, written back at once as its autosave. Then the newest other
    autosave in ``folder`` that loads. Any exception while loading counts as damage.
    """
    message = f"{problem}\n{_move_aside(damaged, problem, skip)}"
    same_game = [(older, damaged) for older in earlier_autosaves(damaged)]
    others = [(save, save) for save in saves_in(folder) if save != damaged]
    for candidate, resume_as in same_game + others:
        if candidate in skip:
            continue
        try:
            match = load_save(candidate)
        except Exception:  # a damaged fallback is passed over like a refused one
            continue
        if resume_as == damaged:
            what = f"an earlier autosave of this game (turn {match.state.turn})"
            with contextlib.suppress(OSError):  # if not now, the next End turn writes it
                write_save(match, damaged)
        else:
            what = f"the last good autosave: {candidate.name}"
        return Recovery(match, resume_as, f"{message}\nContinuing {what} instead.")
    return Recovery(None, None, message)


def _move_aside(path: Path, problem: str, skip: set[Path]) -> str:
    """Set a damaged autosave aside; a sentence saying where it went."""
    try:
        moved = set_aside(path, problem)
    except OSError as exc:
        skip.add(path)
        return f"It could not be moved aside ({exc.strerror or exc}); Continue skips it."
    return f"It was moved to {moved}, with a note saying why."
