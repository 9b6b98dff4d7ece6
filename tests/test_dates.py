"""Dates in words never depend on the machine's locale: one table of month names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from game.scenario.dates import long_date, short_date

GAME = Path(__file__).resolve().parents[1] / "game"


def test_dates_read_the_same_everywhere() -> None:
    assert long_date(dt.date(2014, 12, 3)) == "3 December 2014"
    assert short_date(dt.date(2015, 1, 3)) == "3 Jan 2015"
    assert short_date(dt.date(2015, 9, 30), year=False) == "30 Sep"


def test_no_code_names_a_month_through_the_locale() -> None:
    """``%B``/``%b``/``%A``/``%a`` follow LC_TIME: a log or a handout would change language
    with the machine, and a replay's words would differ from the original's."""
    found = [
        f"{path.relative_to(GAME)}:{n}"
        for path in sorted(GAME.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"%[aAbB]\b|:%[aAbB]", line)
    ]
    assert not found, found
