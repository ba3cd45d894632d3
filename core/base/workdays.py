"""Working days as the monthly release counts them.

Weekdays minus public holidays, plus half of each Saturday that is not a holiday. The "bank"
category adds Workers' Day (May 1), which the release treats as a day off.
"""

import calendar
import datetime as dt
from functools import cache

import holidays

from core.base.periods import calendar_month, year_of


@cache
def _korean_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("KR", years=year, categories=("public", "bank")))


def working_days_between(start: dt.date, end: dt.date) -> float:
    """Working days from start to end, both included."""
    total = 0.0
    day = start
    while day <= end:
        if day not in _korean_holidays(day.year):
            weekday = day.weekday()
            total += 1.0 if weekday < 5 else 0.5 if weekday == 5 else 0.0
        day += dt.timedelta(days=1)
    return total


@cache  # asked for the same months by the headline and the flash series, on every load
def working_days(month: int, through_day: int | None = None) -> float:
    """The month's working days, or those of its days 1 to `through_day` (a 10-day flash window)."""
    year, number = year_of(month), calendar_month(month)
    last_day = through_day or calendar.monthrange(year, number)[1]
    return working_days_between(dt.date(year, number, 1), dt.date(year, number, last_day))
