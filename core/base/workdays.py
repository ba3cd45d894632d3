"""Working days as the monthly release counts them.

Weekdays minus public holidays, plus half of each Saturday that is not a holiday. The "bank"
category adds Workers' Day (May 1), which the release treats as a day off.
"""

import calendar
import datetime as dt
import importlib.util
import sys
from functools import cache
from pathlib import Path
from typing import cast

import holidays

from core.base.periods import calendar_month, year_of

KOREA = "holidays.countries.south_korea"


@cache
def _korea() -> type:
    """holidays' calendar of South Korea. `holidays.KR` first imports every country's module (250 of them,
    0.3 s of a cold start); this module alone takes milliseconds, loaded under its own name as that import
    would load it. Where holidays keeps it elsewhere, `holidays.KR` as usual."""
    if KOREA in sys.modules:
        return cast(type, sys.modules[KOREA].SouthKorea)
    path = Path(holidays.__file__).parent / "countries" / "south_korea.py"
    spec = importlib.util.spec_from_file_location(KOREA, path) if path.is_file() else None
    if spec is None or spec.loader is None:
        return holidays.KR
    module = importlib.util.module_from_spec(spec)
    sys.modules[KOREA] = module
    try:
        spec.loader.exec_module(module)
        return cast(type, module.SouthKorea)
    except Exception:
        del sys.modules[KOREA]
        return holidays.KR


@cache
def _korean_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(_korea()(years=year, categories=("public", "bank")))


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
