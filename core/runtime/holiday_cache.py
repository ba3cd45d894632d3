"""The Korean holidays of the years loads have counted working days for, cached: a cold start (new data files, so no
snapshot in the cache) then counts them without the holidays package, whose import is a sixth of its load.

Keyed by what the package would work them out from (core.base.workdays.holidays_source): an upgrade of it is a
miss. A year not in the entry is worked out by the package, and the entry written again with it.
"""

import datetime as dt
from typing import IO, NamedTuple

from core.base import workdays
from core.runtime import cache_files
from core.runtime.records_json import dump_json, load_json

GROUP, SUFFIX = "holidays", ".json"


class _Holidays(NamedTuple):
    years: tuple[int, ...]
    days: tuple[tuple[str, ...], ...]  # of each year, ISO dates


def _entry() -> cache_files.Entry | None:
    source = workdays.holidays_source()
    return None if source is None else cache_files.entry(GROUP, SUFFIX, workdays.CATEGORIES, source)


def _parse(file: IO[bytes]) -> tuple[str, dict[int, tuple[dt.date, ...]]]:
    """ValueError (a miss) for a date that is not of its year."""
    key, record = load_json(_Holidays, file.read())
    years = {}
    for year, days in zip(record.years, record.days, strict=True):
        dates = tuple(dt.date.fromisoformat(day) for day in days)
        if any(date.year != year for date in dates):
            raise ValueError(f"a holiday of {year} that is not of {year}")
        years[year] = dates
    return key, years


def read_holidays() -> frozenset[int]:
    """The cached years, given to core.base.workdays (which then looks them up no more); none on a miss."""
    entry = _entry()
    years = cache_files.read(entry, _parse) if entry is not None else None
    if not years:
        return frozenset()
    workdays.seed_holidays(years)
    return frozenset(years)


def store_holidays(read: frozenset[int]) -> None:
    """Every year core.base.workdays knows cached, where it knows any the cache did not hold (`read`)."""
    years = workdays.known_holidays()
    entry = _entry() if not years.keys() <= read else None
    if entry is not None:
        record = _Holidays(tuple(years), tuple(tuple(day.isoformat() for day in days) for days in years.values()))
        cache_files.write(entry, lambda file: file.write(dump_json(entry.key, record)))
