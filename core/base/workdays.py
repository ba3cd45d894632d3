"""Working days as the monthly release counts them.

Weekdays minus public holidays, plus half of each Saturday that is not a holiday. The "bank"
category adds Workers' Day (May 1), which the release treats as a day off. A year's holidays come from the holidays
package, or from a cache of an earlier run's (seed_holidays: core.runtime.holiday_cache), which spares a cold start
that package's import.
"""

import calendar
import datetime as dt
import importlib.util
import sys
import threading
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from core.base.periods import calendar_month, year_of

PACKAGE, KOREA = "holidays", "holidays.countries.south_korea"
CATEGORIES = ("public", "bank")
DAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.0)  # by weekday, Monday first
WEEK = sum(DAY_WEIGHTS)
_adding = threading.Lock()  # a year's holidays added to the one calendar by one thread at a time
_years: dict[int, tuple[dt.date, ...]] = {}  # each year's holidays, sorted: looked up, or seeded
Stamps = tuple[tuple[str, int, int], ...]  # files' paths, sizes and mtimes
_worked_out_from: Stamps | None = None  # the holidays package's files loaded when it last worked a year out


def _package_spec() -> ModuleSpec | None:
    """The holidays package's, without running its __init__ (found, or already imported); None where not found."""
    try:
        spec = sys.modules[PACKAGE].__spec__ if PACKAGE in sys.modules else importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    return spec if spec is not None and spec.submodule_search_locations else None


def _holidays_package() -> ModuleType | None:
    """The holidays package with its __init__ run only when one of the package's own names is asked for (PEP 562
    __getattr__): that __init__ reads the package's version through importlib.metadata and sets up a registry of
    every country, 20-50 ms of a cold start that the Korean calendar does not use. None where it is not found."""
    if PACKAGE in sys.modules:
        return sys.modules[PACKAGE]
    spec = _package_spec()
    if spec is None or spec.loader is None:
        return None
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader
    lock = threading.RLock()  # another thread asking waits for the whole __init__, as it would for an import
    running: list[bool] = []

    def initialise(name: str) -> Any:
        with lock:
            if vars(package).get("__getattr__") is initialise:
                if running:  # asked by the __init__ itself: a name it has not set yet
                    raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")
                running.append(True)
                try:
                    loader.exec_module(package)
                except BaseException:
                    del sys.modules[PACKAGE]  # as a failed import leaves it: the next import tries again
                    raise
                finally:
                    running.clear()
                    if vars(package).get("__getattr__") is initialise:
                        del vars(package)["__getattr__"]
        return getattr(package, name)

    vars(package)["__getattr__"] = initialise
    sys.modules[PACKAGE] = package
    return package


@cache
def _korea() -> type:
    """holidays' calendar of South Korea. `holidays.KR` first imports every country's module (250 of them,
    0.3 s of a cold start); this module alone takes milliseconds, loaded under its own name as that import
    would load it. Where holidays keeps it elsewhere, `holidays.KR` as usual."""
    if KOREA in sys.modules:
        return cast(type, sys.modules[KOREA].SouthKorea)
    package = _holidays_package()
    path = Path(package.__path__[0]) / "countries" / "south_korea.py" if package is not None else None
    spec = importlib.util.spec_from_file_location(KOREA, path) if path is not None and path.is_file() else None
    if spec is None or spec.loader is None:
        import holidays

        return cast(type, holidays.KR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[KOREA] = module
    try:
        spec.loader.exec_module(module)
        return cast(type, module.SouthKorea)
    except Exception:
        del sys.modules[KOREA]
        import holidays

        return cast(type, holidays.KR)


@cache
def _korean_calendar() -> Any:
    """One calendar for every year asked for: it adds a year's holidays when a date of that year is first looked
    up (holidays' `expand`), where a calendar per year costs its set-up (translations) each time."""
    return _korea()(categories=CATEGORIES)


def _korean_holidays(year: int) -> tuple[dt.date, ...]:
    global _worked_out_from
    with _adding:
        if year not in _years:
            korean = _korean_calendar()
            korean.get(dt.date(year, 1, 1))  # adds the year's holidays
            _years[year] = tuple(sorted(day for day in korean if day.year == year))
            loaded = (module.__file__ for name, module in list(sys.modules.items()) if name.split(".")[0] == PACKAGE)
            paths = sorted(path for path in loaded if path)
            if _worked_out_from is None or len(_worked_out_from) != len(paths):  # stamped as loaded, not each year
                _worked_out_from = stamps(paths)
        return _years[year]


def stamps(paths: Iterable[str]) -> Stamps | None:
    """Each file's path, size and mtime; None where one cannot be read."""
    found = []
    for path in paths:
        try:
            status = Path(path).stat()
        except OSError:
            return None
        found.append((path, status.st_size, status.st_mtime_ns))
    return tuple(found)


def holidays_location() -> str | None:
    """Where the holidays package is, without importing it; None where it is not found."""
    spec = _package_spec()
    return None if spec is None or not spec.submodule_search_locations else spec.submodule_search_locations[0]


def worked_out_from() -> Stamps | None:
    """The holidays package's files (its modules this process had loaded, stamped then) that worked out the years
    it last looked up; None if it looked none up."""
    with _adding:
        return _worked_out_from


def seed_holidays(years: Mapping[int, tuple[dt.date, ...]]) -> None:
    """Years whose holidays are known (kept from an earlier run's, core.runtime.holiday_cache): looked up no more."""
    with _adding:
        for year, days in years.items():
            _years.setdefault(year, tuple(sorted(days)))


def known_holidays() -> dict[int, tuple[dt.date, ...]]:
    """Every year's holidays known so far, looked up or seeded."""
    with _adding:
        return dict(_years)


def working_days_between(start: dt.date, end: dt.date) -> float:
    """Working days from start to end, both included."""
    weeks, rest = divmod(max((end - start).days + 1, 0), 7)
    total = weeks * WEEK + sum(DAY_WEIGHTS[(start.weekday() + offset) % 7] for offset in range(rest))
    for year in range(start.year, end.year + 1):
        total -= sum(DAY_WEIGHTS[day.weekday()] for day in _korean_holidays(year) if start <= day <= end)
    return total


@cache  # asked for the same months by the headline and the flash series, on every load
def working_days(month: int, through_day: int | None = None) -> float:
    """The month's working days, or those of its days 1 to `through_day` (a 10-day flash window)."""
    year, number = year_of(month), calendar_month(month)
    last_day = through_day or calendar.monthrange(year, number)[1]
    return working_days_between(dt.date(year, number, 1), dt.date(year, number, last_day))
