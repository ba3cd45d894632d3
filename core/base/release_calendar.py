"""The release calendar: when a month's figures come out.

The rule: the monthly release on the 1st of the next month, the 10-day flashes (days 1-10 and 1-20) on the
11th and the 21st of the month itself, all at 09:00 KST; the shipped releases came out so (2026-09-01,
2026-09-11, 2026-09-21, 2026-10-01). What happens when that day is a weekend or a public holiday is not
known, so such a date is only expected. A data directory's `calendar.csv` (`date,kind,period`, and an optional
`note`) lists dates that replace the rule's for their kind and month.

"Now" is always passed in (`now()` is the clock), so that every answer can be checked for any day.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple

from core.base.fmt import printable
from core.base.periods import FIRST_YEAR, LAST_YEAR, format_period, month_number, period_problem

KST = timezone(timedelta(hours=9), "KST")
RELEASE_TIME = time(9, 0)
# What comes out, and on which day: the monthly release on the 1st of the next month (day 0 here), a flash
# on the day after its window ends.
KINDS = {"release": 0, "flash-1-10": 11, "flash-1-20": 21}
CALENDAR_COLUMNS = ("date", "kind", "period")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTHS_AHEAD = 13  # the months `upcoming` looks at, from the month before the moment's


class ReleaseDate(NamedTuple):
    day: str  # YYYY-MM-DD, at RELEASE_TIME KST
    kind: str  # one of KINDS
    period: int  # the month whose figures come out (core.base.periods)
    expected: bool = False  # the rule's date falls on a weekend or a holiday: whether it moves is not known
    listed: bool = False  # from calendar.csv, not the rule
    note: str = ""  # calendar.csv's, printable

    @property
    def at(self) -> datetime:
        return datetime.combine(date.fromisoformat(self.day), RELEASE_TIME, KST)


def parse_day(text: str) -> date | None:
    """'2026-11-01' as a date from FIRST_YEAR to LAST_YEAR, else None."""
    try:
        day = date.fromisoformat(text) if DATE.fullmatch(text) else None
    except ValueError:  # 2026-02-30
        return None
    return day if day and FIRST_YEAR <= day.year <= LAST_YEAR else None


NOT_A_DAY = f"is not a date (expected YYYY-MM-DD from {FIRST_YEAR} to {LAST_YEAR})"


def now() -> datetime:
    """The clock: the time now, in KST."""
    return datetime.now(KST)


def rule_day(kind: str, period: int) -> date:
    """The rule's day for the kind of release of the month."""
    year, month = divmod(period, 12)
    if kind == "release":
        return date(year + (month == 11), (month + 1) % 12 + 1, 1)
    return date(year, month + 1, KINDS[kind])


def by_rule(kind: str, period: int) -> ReleaseDate:
    from core.base.workdays import working_days_between  # holidays: only when dates are worked out

    day = rule_day(kind, period)
    return ReleaseDate(day.isoformat(), kind, period, expected=working_days_between(day, day) < 1)


def schedule(dates: Iterable[ReleaseDate], periods: range) -> tuple[ReleaseDate, ...]:
    """Every release of the months in `periods`, in time order: `dates` (calendar.csv's, or a schedule worked out
    before) where they have one, else the rule's; `dates` of other months are kept too."""
    known = {(entry.kind, entry.period): entry for entry in dates}
    for period in periods:
        for kind in KINDS:
            if (kind, period) not in known:
                known[(kind, period)] = by_rule(kind, period)
    return tuple(sorted(known.values(), key=lambda entry: entry.at))


def upcoming(moment: datetime, dates: Iterable[ReleaseDate] = (), count: int = 6) -> tuple[ReleaseDate, ...]:
    """The next `count` releases after `moment`, from `dates` (as for `schedule`): the rule works out only the
    months they do not cover (a snapshot's schedule covers three years from its latest month)."""
    local = moment.astimezone(KST)
    first = local.year * 12 + local.month - 2  # the month before: its release may still be due
    later = [entry for entry in schedule(dates, range(first, first + MONTHS_AHEAD + 1)) if entry.at > moment]
    return tuple(later[:count])


def missed(moment: datetime, dates: Iterable[ReleaseDate], latest: int) -> tuple[ReleaseDate, ...]:
    """The monthly releases out by `moment` of months after `latest` (the newest month the files hold): figures
    published that the files do not have yet, oldest first."""
    local = moment.astimezone(KST)
    current = local.year * 12 + local.month - 1
    return tuple(
        entry
        for entry in schedule(dates, range(latest + 1, current))
        if entry.kind == "release" and latest < entry.period < current and entry.at <= moment
    )


def next_release(dates: Iterable[ReleaseDate], moment: datetime) -> ReleaseDate | None:
    """The first of `dates` (as `upcoming` gave them) still to come at `moment`."""
    return next((entry for entry in dates if entry.at > moment), None)


def calendar_dates(
    rows: Iterable[tuple[int, Mapping[str, str]]], error: Callable[[int, str], None]
) -> list[ReleaseDate]:
    """calendar.csv's rows (line number, cells) as dates; each bad row is reported to `error(line, message)`."""
    dates: list[ReleaseDate] = []
    first_line: dict[tuple[str, int], int] = {}
    for line, row in rows:
        cells = {column: row.get(column, "") for column in CALENDAR_COLUMNS}
        missing = [column for column, text in cells.items() if not text]
        if missing:
            error(line, f"incomplete row: {', '.join(missing)} missing (expected {','.join(CALENDAR_COLUMNS)})")
            continue
        day = parse_day(cells["date"])
        if day is None:
            error(line, f"date {cells['date']!r} {NOT_A_DAY}")
            continue
        if cells["kind"] not in KINDS:
            error(line, f"kind {cells['kind']!r} is unknown (expected {', '.join(KINDS)})")
            continue
        problem = period_problem(cells["period"])
        if problem:
            error(line, f"period {cells['period']!r} {problem}")
            continue
        period = month_number(int(cells["period"][:4]), int(cells["period"][5:7]))
        kind = cells["kind"]
        covered = rule_day(kind, period) - timedelta(days=1)  # the last day the figures cover
        if day <= covered:
            error(
                line,
                f"date {day.isoformat()} is too early for the {kind} of {cells['period']} "
                f"(expected a day after {covered.isoformat()}, the last day it covers)",
            )
            continue
        key = (kind, period)
        if key in first_line:
            error(line, f"the {kind} of {format_period(period)} is listed twice (first at line {first_line[key]})")
            continue
        first_line[key] = line
        dates.append(ReleaseDate(day.isoformat(), kind, period, listed=True, note=printable(row.get("note", ""))))
    return dates
