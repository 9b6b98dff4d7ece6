"""The scenario's ``[map]`` table: how the theatre is drawn in a terminal.

Everything here is presentation: the rules never read it. It is optional, so a scenario
without ``[map]`` still gets a map fitted to its regions (no coastline, labels cut from
the region names, each faction's home at its most populous region). Like every table of
the format it is outside data, so each list and number is bounded: the largest outline
a file may hold still draws in a few milliseconds.
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import Field, field_validator

from game.scenario import bounds
from game.scenario.base import Model
from game.scenario.bounds import Name

MAX_SHAPES: Final = 24
"""Polylines in an outline (a coast, an island, a border each count one)."""
MAX_POINTS: Final = 400
"""Points in one polyline: plenty for a coast drawn a few dozen characters wide."""
MAX_LABEL: Final = 12
"""A short map label, the same room a faction's short name gets."""

Coordinate = Annotated[float, Field(ge=-180.0, le=180.0, allow_inf_nan=False)]
"""Degrees: a longitude, or a latitude (which a point's check holds to ±90)."""
Point = Annotated[
    list[Coordinate],
    Field(min_length=2, max_length=2, description="[latitude, longitude] in degrees."),
]
RegionId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=bounds.MAX_ID)]
Label = Annotated[str, Field(min_length=1, max_length=MAX_LABEL)]
Corners = Annotated[
    list[Point],
    Field(min_length=2, max_length=2, description="[[south, west], [north, east]] in degrees."),
]


def _on_earth(points: object) -> object:
    """Check raw ``[lat, lon]`` pairs before the type checks, to name the bad one plainly.

    Anything that is not a list of number pairs is left to the model's own checks.
    """
    if not isinstance(points, list):
        return points
    for i, point in enumerate(points):
        if not (isinstance(point, list) and len(point) == 2):
            continue
        lat, lon = point
        for value, name, limit in ((lat, "latitude", 90.0), (lon, "longitude", 180.0)):
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if not -limit <= value <= limit:  # also false for nan
                raise ValueError(
                    f"point {i + 1}: {name} {value} is outside -{limit:g} to {limit:g} "
                    "(points are [latitude, longitude])"
                )
    return points


class Shape(Model):
    """One polyline of the outline: a stretch of coast, an island, a border."""

    name: Name = ""
    """What the line is ("coast", "border"), for readers of the file."""
    points: list[Point] = Field(
        min_length=2,
        max_length=MAX_POINTS,
        description="[latitude, longitude] pairs in order; repeat the first to close a shape.",
    )

    _checked = field_validator("points", mode="before")(_on_earth)


class MapSpec(Model):
    """How the map is drawn: outline, framing, short labels and each faction's home."""

    outline: list[Shape] = Field(
        default_factory=list,
        max_length=MAX_SHAPES,
        description="Coastline and borders, drawn as a solid line under the regions.",
    )
    frame: Corners | None = Field(
        default=None,
        description=(
            "The box shown, as two corners [[south, west], [north, east]]; without it the "
            "map fits its on-map regions with a margin. On-map regions outside the box are "
            "pinned to its edge with an arrow toward their true place; off-map regions sit "
            "in the strip above the map."
        ),
    )
    labels: dict[RegionId, Label] = Field(
        default_factory=dict,
        max_length=bounds.MAX_REGIONS,
        description="Short map labels by region id (default: the region's name, shortened).",
    )
    home: dict[RegionId, RegionId] = Field(
        default_factory=dict,
        max_length=bounds.MAX_FACTIONS,
        description=(
            "Each faction's home region by faction id, selected on the map when its player "
            "takes the keyboard (default: its most populous region)."
        ),
    )

    _corners = field_validator("frame", mode="before")(_on_earth)
