"""Months as integers (year * 12 + month - 1), so period arithmetic is plain subtraction."""

import re

PERIOD_PATTERN = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def is_period(text: str) -> bool:
    return PERIOD_PATTERN.fullmatch(text) is not None


def parse_period(text: str) -> int:
    """'2026-01' -> month number; ValueError for anything that is not a real YYYY-MM."""
    if not is_period(text):
        raise ValueError(f"{text!r} is not a period (expected YYYY-MM, month 01-12)")
    return int(text[:4]) * 12 + int(text[5:7]) - 1


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
