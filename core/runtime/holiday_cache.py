"""The Korean holidays of the years loads have counted working days for, cached: a cold start (new data files, so no
snapshot in the cache) then counts them without the holidays package, whose import is a sixth of its load.

An entry holds the holidays package's files that worked its years out, stamped then (core.base.workdays): read, they
are stamped again, and any change to them (an upgrade, a reinstall, an edit) is a miss. A year not in the entry is
worked out by the package, and the entry written again with it, after the load's view has gone (store_holidays).
"""

import datetime as dt
from typing import IO, NamedTuple

from core.base import workdays
from core.runtime import cache_files
from core.runtime.records_json import dump_json, load_json

GROUP, SUFFIX = "holidays", ".json"


class _Holidays(NamedTuple):
    files: tuple[tuple[str, int, int], ...]  # core.base.workdays.Stamps
    years: tuple[int, ...]
    days: tuple[tuple[str, ...], ...]  # of each year, ISO dates, in order


class _Read(NamedTuple):
    years: frozenset[int]
    files: workdays.Stamps | None  # what the entry read was worked out from; None: no entry


_read = _Read(frozenset(), None)  # the last read_holidays's, for the store after the load


def _entry() -> cache_files.Entry | None:
    location = workdays.holidays_location()
    return None if location is None else cache_files.entry(GROUP, SUFFIX, workdays.CATEGORIES, location)


def _parse(file: IO[bytes]) -> tuple[str, _Holidays]:
    """ValueError (a miss) for anything but years in order, each with its own days in order, each day once."""
    key, record = load_json(_Holidays, file.read())
    if not record.files or list(record.years) != sorted(set(record.years)) or len(record.days) != len(record.years):
        raise ValueError("not years in order")
    for year, days in zip(record.years, record.days, strict=True):
        dates = [dt.date.fromisoformat(day) for day in days]
        if dates != sorted(set(dates)) or any(date.year != year for date in dates):
            raise ValueError(f"not the days of {year} in order")
    return key, record


def read_holidays() -> None:
    """The cached years given to core.base.workdays (which then looks them up no more), where the files that worked
    them out are as they were."""
    global _read
    entry = _entry()
    record = cache_files.read(entry, _parse) if entry is not None else None
    if record is None or workdays.stamps(path for path, _size, _mtime in record.files) != record.files:
        _read = _Read(frozenset(), None)
        return
    workdays.seed_holidays(
        {year: tuple(map(dt.date.fromisoformat, days)) for year, days in zip(record.years, record.days, strict=True)}
    )
    _read = _Read(frozenset(record.years), record.files)


def store_holidays() -> None:
    """Every year core.base.workdays knows cached, where it worked out any the cache did not hold, from the files
    the years read (if any) came from."""
    years, files = workdays.known_holidays(), workdays.worked_out_from()
    if files is None or years.keys() <= _read.years or _read.files not in (None, files):
        return
    entry = _entry()
    if entry is None:
        return
    ordered = sorted(years)
    record = _Holidays(files, tuple(ordered), tuple(tuple(day.isoformat() for day in years[year]) for year in ordered))
    cache_files.write(entry, lambda file: file.write(dump_json(entry.key, record)))
