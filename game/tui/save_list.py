"""What the Load dialog says about each save: scenario, sides played, turn, date, result.

Reading a save whole (checking every snapshot) takes a while and the folder may hold
many, so a header is read from the JSON and the embedded scenario's ``[meta]`` and
``[[faction]]`` tables only, with the same size cap as a real load. A save is
outside data: every field is checked for its type, and anything that goes wrong makes
the entry "unreadable" with the reason, never an exception. No widgets here, so the
listing is tested directly and read off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.reading import read_limited
from game.record.save import MAX_SAVE_BYTES, MAX_SAVE_VALUES
from game.record.words import join_names, short_date
from game.tui.session import saves_in

MAX_LISTED = 200
"""The newest saves the dialog lists (the player can still type any path)."""


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One save as the Load dialog lists it.

    ``problem`` is set (and the other fields left empty) when the file cannot be read
    as a save; the entry is still listed so the player knows it is there.
    """

    path: Path
    saved: dt.datetime | None
    autosave: bool
    scenario: str = ""
    humans: tuple[str, ...] = ()
    turn: int = 0
    turns: int = 0
    result: str = ""
    problem: str = ""

    def title(self) -> str:
        """The first line: scenario, the sides people played, and how far the game is."""
        if self.problem:
            return f"{self.path.name}: unreadable: {self.problem}"
        sides = join_names(list(self.humans)) if self.humans else "bots only"
        # ``turn`` counts the turns resolved; the player carries on with the next one,
        # which is the number the game screen shows when the save is opened.
        playing = min(self.turn + 1, self.turns) if self.turns else self.turn + 1
        where = f"turn {playing} of {self.turns}" if self.turns else f"turn {playing}"
        if self.result:
            where = f"finished after turn {self.turn}: {self.result}"
        return f"{self.scenario} · {sides} · {where}"

    def when(self) -> str:
        """When the file was written: ``2 Dec 2026 07:40``."""
        if self.saved is None:
            return "date unknown"
        return f"{short_date(self.saved)} {self.saved:%H:%M}"

    def detail(self) -> str:
        """The second line: when it was saved, what kind of save, its file name."""
        kind = "autosave" if self.autosave else "saved copy"
        return f"{self.when()} · {kind} · {self.path.name}"


def list_saves(autosaves: Path, copies: Path, limit: int = MAX_LISTED) -> list[Path]:
    """The saves in both folders (autosaves and copies saved with Save as), newest first."""
    found: list[tuple[float, str, Path]] = []
    seen: set[Path] = set()
    for folder in (autosaves, copies):
        for path in saves_in(folder):
            if path in seen:
                continue
            seen.add(path)
            found.append((_mtime(path) or 0.0, path.name, path))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [path for _, _, path in found[:limit]]


def read_save_info(path: Path, autosave: bool) -> SaveInfo:
    """The header of the save at ``path``; never raises (a problem is listed instead)."""
    stamp = _mtime(path)
    saved = dt.datetime.fromtimestamp(stamp) if stamp is not None else None
    try:
        return _read(path, autosave, saved)
    except Exception as exc:  # outside data: any failure is a line in the list, not a crash
        return SaveInfo(path, saved, autosave, problem=_reason(exc))


def _read(path: Path, autosave: bool, saved: dt.datetime | None) -> SaveInfo:
    raw = read_limited(path, MAX_SAVE_BYTES, "save").decode("utf-8")
    if raw.count(",") + raw.count("[") + raw.count("{") > MAX_SAVE_VALUES:
        raise ValueError("more values than a save holds")
    data = json.loads(raw, parse_constant=_refuse, parse_float=float)
    document = _dict(data, "the document")
    scenario = _dict(document.get("scenario"), "its scenario")
    meta_all = tomllib.loads(_str(scenario.get("text"), "its scenario text"))
    meta = _dict(meta_all.get("meta"), "the scenario's [meta]")
    names = {
        _str(f.get("id"), "a faction id"): _str(f.get("name"), "a faction name")
        for f in _list(meta_all.get("faction"), "the scenario's factions")
        if isinstance(f, dict)
    }
    lines = _list(document.get("lines"), "its lines")
    main = next(
        (line for line in lines if isinstance(line, dict) and line.get("name") == "main"), None
    )
    main = _dict(main if main is not None else (lines[0] if lines else None), "its main line")
    humans = tuple(
        names.get(fid, fid)
        for seat in _list(main.get("seats"), "its seats")
        if isinstance(seat, dict) and seat.get("player") == "human"
        for fid in [_str(seat.get("faction"), "a seat's faction")]
    )
    turns = _list(main.get("turns"), "its turns")
    last = _dict(turns[-1], "its last turn") if turns else {}
    turn = last.get("turn", 0)
    result = ""
    if last:
        outcome = _dict(last.get("snapshot"), "a snapshot").get("outcome")
        if isinstance(outcome, dict):
            result = _result(outcome, names)
    total = meta.get("turns")
    return SaveInfo(
        path,
        saved,
        autosave,
        scenario=_str(meta.get("title"), "the scenario's title"),
        humans=humans,
        turn=turn if isinstance(turn, int) and not isinstance(turn, bool) else 0,
        turns=total if isinstance(total, int) and not isinstance(total, bool) else 0,
        result=result,
    )


def _result(outcome: dict[str, Any], names: dict[str, str]) -> str:
    """``Tobruk government won``, ``catastrophe: every side lost``, ``a draw``."""
    kind = outcome.get("result")
    winner = outcome.get("winner")
    if kind == "catastrophe":
        return "catastrophe, every side lost"
    if kind == "draw":
        return "a draw"
    if isinstance(winner, str):
        return f"{names.get(winner, winner)} won"
    return "game over"


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except (OSError, ValueError):
        return None


def _reason(exc: BaseException) -> str:
    """A short reason for an unreadable save."""
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON (line {exc.lineno}: {exc.msg})"
    if isinstance(exc, tomllib.TOMLDecodeError):
        return "its scenario is not valid TOML"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, MemoryError):
        return "too large"
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _refuse(token: str) -> Any:
    raise ValueError(f"'{token}' is not a number a save may hold")


def _dict(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"not a Sidra save ({what} is missing)")
    return value


def _list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"not a Sidra save ({what} are missing)")
    return value


def _str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"not a Sidra save ({what} is missing)")
    return value
