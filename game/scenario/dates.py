"""Dates in words, the same on every machine: month names from a fixed table, never the
locale (strftime's month names follow ``LC_TIME``, so a log or a handout could change
language with the machine). One home for the sources, the engine's log and the screens."""

from __future__ import annotations

import datetime as dt
from typing import Final

MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date) -> str:
    """``13 December 2014`` (no leading zero)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date, *, year: bool = True) -> str:
    """``3 Jan 2015`` or, without the year, ``3 Jan`` (no leading zero)."""
    month = MONTHS[day.month - 1][:3]
    return f"{day.day} {month} {day.year}" if year else f"{day.day} {month}"
