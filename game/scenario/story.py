"""The ``[story]`` table: the setting's own words that generic screens show, and the files
beside the scenario that tell its story (a fact sheet).

Nothing particular to one setting lives in code: the heading of the history ribbon, the
note beside the source's own framing and the fact sheet all come from here. Files are
named relative to the scenario's own folder; :mod:`game.scenario.story_files` reads them.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated, Final

from pydantic import AfterValidator, Field

from game.scenario.base import Model
from game.scenario.bounds import Name, Prose

MAX_PATH: Final = 200
"""Characters of a file name in ``[story]``."""

DEFAULT_HISTORY_LABEL: Final = "in the historical record"
DEFAULT_FRAMING_NOTE: Final = (
    "The game names the sides neutrally; the source's own words are quoted here, "
    "attributed, so you can weigh them."
)


def relative_file(value: str) -> str:
    """Check a file name is a plain path inside the scenario's folder (ValueError if not).

    Written with ``/`` between folders; no absolute path, no drive, no backslash, no
    ``..`` and no empty or ``.`` parts, so the name can only point into the folder.
    """
    if not value:
        return value
    if value.startswith("/") or (len(value) > 1 and value[1] == ":"):
        raise ValueError(
            f"'{value}' is an absolute path; name the file relative to the scenario's folder"
        )
    if "\\" in value:
        raise ValueError(f"'{value}' holds a backslash; separate folders with '/'")
    parts = PurePosixPath(value).parts
    if ".." in value.split("/"):
        raise ValueError(
            f"'{value}' climbs out of the scenario's folder with '..'; "
            "keep the file in the scenario's folder or below it"
        )
    if any(p in ("", ".") for p in value.split("/")) or not parts:
        raise ValueError(f"'{value}' has an empty or '.' part; write it as 'folder/file.toml'")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("the file name holds a control character")
    return value


StoryFile = Annotated[str, Field(max_length=MAX_PATH), AfterValidator(relative_file)]
"""A file beside the scenario, relative to its folder (``"oil_crescent_2014/facts.toml"``)."""


class Story(Model):
    """The setting's own words for screens that are the same in every scenario."""

    history_label: Name = Field(
        default=DEFAULT_HISTORY_LABEL,
        min_length=1,
        description="Heading of the history ribbon's column (what really happened), beside "
        "'this game' in the debrief and the classroom handout.",
        examples=["in 2014", "in the record"],
    )
    framing_note: Prose = Field(
        default=DEFAULT_FRAMING_NOTE,
        description="What readers should know about the source's own framing, shown above "
        "the briefing's framing quotes in the handout.",
    )
    facts: StoryFile = Field(
        default="",
        description="The fact sheet: a TOML file of [[fact]] tables (id, kind, text, source "
        "...), named relative to this scenario's folder. Explain shows the facts of a "
        "log entry's sources. Empty: no fact sheet. A named sheet that is missing is a "
        "warning (the game plays without it); any other problem in it is an error.",
        examples=["oil_crescent_2014/facts.toml"],
    )
    pack: StoryFile = Field(
        default="",
        description="The teacher's pack: a TOML file (glossary, timeline, discussion "
        "questions), named relative to this scenario's folder, shown on the help page and "
        "in the classroom handout. Empty: no pack. A named pack that is missing is a "
        "warning (the help page and the handout say so); any other problem in it is an error.",
        examples=["oil_crescent_2014/pack.toml"],
    )
