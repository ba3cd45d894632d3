"""Months as integers (year * 12 + month - 1), so period arithmetic is plain subtraction."""

import re
from typing import Any, overload

PERIOD_PATTERN = re.compile(r"\d{4}-(0[1-9]|1[0-2])", re.ASCII)  # ASCII digits: "٢٠٢٦-01" is no month
# Every reader accepts these years only: the working-day calendar and dates need real years, and a month far
# outside them would make the monthly axis (one slot per month from the first to the last) absurdly long.
FIRST_YEAR, LAST_YEAR = 1950, 2100
NOT_A_MONTH = "is not a month (expected YYYY-MM with month 01-12)"
OUT_OF_RANGE = f"is out of range (expected a month from {FIRST_YEAR}-01 to {LAST_YEAR}-12)"
MONTH_NAMES = (
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


def is_period(text: str) -> bool:
    return PERIOD_PATTERN.fullmatch(text) is not None


def year_in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def period_problem(text: str) -> str | None:
    """Why `text` is not a month tradetop accepts ("is not a month ...", "is out of range ..."), or None."""
    if not is_period(text):
        return NOT_A_MONTH
    return None if year_in_range(int(text[:4])) else OUT_OF_RANGE


@overload
def month_number(year: int, month: int) -> int: ...
@overload
def month_number(year: Any, month: Any) -> Any: ...
def month_number(year: Any, month: Any) -> Any:
    """The month's number (year * 12 + month - 1) of a year and a month 1-12: ints, or columns of them (pandas
    Series: no pandas imported here)."""
    return year * 12 + month - 1


def parse_period(text: str) -> int:
    """'2026-01' -> month number; ValueError for anything that is not a real YYYY-MM from 1950 to 2100."""
    if not is_period(text):
        raise ValueError(f"{text!r} is not a period (expected YYYY-MM, month 01-12)")
    if not year_in_range(int(text[:4])):
        raise ValueError(f"{text!r} {OUT_OF_RANGE}")
    return month_number(int(text[:4]), int(text[5:7]))


def format_period(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def year_of(month: int) -> int:
    return month // 12


def calendar_month(month: int) -> int:
    """1..12."""
    return month % 12 + 1


def same_month_positions(start: int, index: int) -> range:
    """The positions from `start` to `index` (both in) that fall in the same calendar month as `index`."""
    return range(start + (index - start) % 12, index + 1, 12)


def month_name(month: int) -> str:
    return MONTH_NAMES[month % 12]


def describe_period(month: int) -> str:
    """'2026-01' as 'January 2026'."""
    return f"{month_name(month)} {year_of(month)}"
