"""Meeting dates: working days that skip weekends and England and Wales bank holidays.

Bank holidays come from the `holidays` package (subdivision ENG, which England and Wales
share), not a hand-made list.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _bank_holidays(year: int):
    return holidays.country_holidays("GB", subdiv="ENG", years=range(year - 1, year + 2))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """Return the date `days` working days after `start` (Mon 5 June 2017 + 6 = Tue 13 June)."""
    day = start
    for _ in range(days):
        day += dt.timedelta(days=1)
        while not is_working_day(day):
            day += dt.timedelta(days=1)
    return day


def last_working_day_before(day: dt.date) -> dt.date:
    """Return the last working day before `day` (Tue 29 May 2018 → Fri 25 May 2018)."""
    day -= dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def format_date(value) -> str:
    """Return a date as Cabinet papers print it: "Monday 5 June 2017" (text as it is)."""
    if isinstance(value, dt.date):
        return f"{value:%A} {value.day} {value:%B %Y}"
    return str(value)
